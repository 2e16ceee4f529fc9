import { describe, expect, it } from 'vitest';
import { money } from '../money.js';
import type { Order } from './order.js';
import { readStoredOrder } from './stored-order.js';

const PIN = '8812-4471-0093';

function order(overrides: Partial<Order> = {}): Order {
  return {
    refid: 'R-1',
    quoteId: 'Q-1',
    userId: 7,
    chatId: 7,
    locale: 'en',
    provider: 'iimmpact',
    request: { refid: 'R-1', product: 'D', account: '60123456780', amount: money(1000, 'MYR') },
    display: {
      productName: 'Digi Prepaid',
      accountLabel: 'Mobile number',
      account: '60123456780',
      amount: money(1000, 'MYR'),
    },
    state: 'succeeded',
    version: 4,
    createdAt: 1_000,
    updatedAt: 2_000,
    attempts: 1,
    outcome: {
      refid: 'R-1',
      state: 'succeeded',
      providerStatus: 'Succesful',
      providerCode: '20',
      amount: money(1000, 'MYR'),
      pin: PIN,
    },
    notifiedState: 'succeeded',
    history: [{ at: 1_000, state: 'confirmed', note: 'confirmed by buyer' }],
    ...overrides,
  };
}

describe('readStoredOrder', () => {
  it('reads back exactly what JSON.stringify wrote', () => {
    const written = order({ mayExist: true, statusMessage: { chatId: 7, messageId: 3 } });
    expect(readStoredOrder(JSON.stringify(written), 'R-1')).toEqual({ ok: true, order: written });
  });

  it('accepts the sentence and the structured failure, and keeps keys it does not know', () => {
    // Written before failure codes: an English sentence, which today's type no longer has.
    const legacy = { ...order({ state: 'failed' }), failureReason: 'Out of stock' };
    expect(readStoredOrder(JSON.stringify(legacy), 'R-1').ok).toBe(true);
    const newer = { ...legacy, failure: { code: 'out_of_stock', providerCode: '51' }, addedLater: [1] };
    expect(readStoredOrder(JSON.stringify(newer), 'R-1')).toEqual({ ok: true, order: newer });
  });

  it('refuses what is not JSON, without quoting it', () => {
    const text = JSON.stringify(order()).slice(0, -5);
    expect(readStoredOrder(text, 'R-1')).toEqual({ ok: false, problem: 'not JSON' });
  });

  it('refuses a record that is not an order, naming where and never what', () => {
    const wrong = { ...order(), state: 'paid', version: 0, outcome: { ...order().outcome, pin: 1234 } };
    const read = readStoredOrder(JSON.stringify(wrong), 'R-1');
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problem).toMatch(/state/);
    expect(read.problem).toMatch(/version/);
    expect(read.problem).toMatch(/outcome\.pin/);
    expect(read.problem).not.toContain('paid');
    expect(read.problem).not.toContain('1234');
  });

  it.each([
    [
      'money in a currency we do not sell in',
      { request: { ...order().request, amount: { minor: 10, currency: 'USD' } } },
    ],
    [
      'money in fractions of a minor unit',
      { display: { ...order().display, amount: { minor: 10.5, currency: 'MYR' } } },
    ],
    ['history that is not a list', { history: {} }],
    ['a missing request', { request: undefined }],
  ])('refuses %s', (_name, change) => {
    expect(readStoredOrder(JSON.stringify({ ...order(), ...change }), 'R-1').ok).toBe(false);
  });

  it('refuses a record stored under another refid', () => {
    expect(readStoredOrder(JSON.stringify(order()), 'R-2')).toEqual({
      ok: false,
      problem: 'holds another refid',
    });
  });
});
