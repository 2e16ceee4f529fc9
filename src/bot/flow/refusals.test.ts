import { describe, expect, it } from 'vitest';
import { ALL_PRODUCTS, orderFromDraft, PHONE, rm } from '../../../test/support/bot/fixtures.js';
import { createHarness, type Harness } from '../../../test/support/bot/harness.js';
import type { OrderRefusal } from '../access/refusal.js';

/** Confirm refused before any order exists (access, daily limits): what the buyer sees and can do. */

/** 14:00 on 5 Jan 2025 in Kuala Lumpur is the harness's clock; the day ends at 16:00 UTC. */
const MIDNIGHT = Date.UTC(2025, 0, 5, 16, 0);

function confirmHeld(languageCode?: string): Harness {
  const h = createHarness(
    { products: ALL_PRODUCTS, confirm: () => 'hold' },
    languageCode ? { languageCode } : {},
  );
  h.command('start');
  h.press(languageCode === 'ms' ? 'Prabayar' : 'Prepaid');
  h.press('Digi Prepaid');
  h.type(PHONE.typed);
  h.press('RM 10.00');
  h.press(languageCode === 'ms' ? 'Sahkan' : 'Confirm');
  expect(h.state.screen.kind).toBe('processing');
  return h;
}

function refuse(h: Harness, refusal: OrderRefusal) {
  const held = h.held[0];
  if (held?.type !== 'confirm-order') throw new Error('expected a held confirm');
  h.answer(held, { type: 'order-refused', requestId: held.requestId, refusal });
  return held;
}

describe('a refused confirm', () => {
  it.each<[string, OrderRefusal, RegExp[]]>([
    [
      'daily count',
      { kind: 'daily-count', limit: 3, resetsAt: MIDNIGHT },
      [/reached today’s limit of 3 orders/, /resets at midnight shop time \(6 Jan 2025, 00:00\)/],
    ],
    [
      'daily amount, some left',
      { kind: 'daily-amount', limit: rm(50), remaining: rm(4.5), resetsAt: MIDNIGHT },
      [/<b>RM 4\.50<\/b> of your daily <b>RM 50\.00<\/b> is left/, /smaller amount/, /6 Jan 2025, 00:00/],
    ],
    [
      'daily amount, nothing left',
      { kind: 'daily-amount', limit: rm(50), remaining: rm(0), resetsAt: MIDNIGHT },
      [/reached today’s spending limit of <b>RM 50\.00<\/b>/, /6 Jan 2025, 00:00/],
    ],
    ['not allowed', { kind: 'not-allowed' }, [/only serves invited customers/]],
  ])('%s: says why on the processing message, and that nothing was charged', (_name, refusal, patterns) => {
    const h = confirmHeld();
    const processingMessage = h.state.screenMessageId;
    refuse(h, refusal);
    expect(h.state.screen.kind).toBe('refused');
    expect(h.lastMessage()).toMatchObject({ how: 'edit', messageId: processingMessage });
    const text = h.view().text;
    expect(text).toMatch(/Your order was not placed\.<\/b> Nothing was charged/);
    for (const pattern of patterns) expect(text).toMatch(pattern);
    expect(
      h
        .view()
        .keyboard.flat()
        .map((b) => b.text),
    ).toEqual(['⬅️ Back', '✖️ Cancel']);
    expect(h.drafts).toHaveLength(1);
  });

  it('Back returns to the same summary, and a new Confirm asks again with the same quote', () => {
    const h = confirmHeld();
    const first = refuse(h, { kind: 'daily-count', limit: 1, resetsAt: MIDNIGHT });
    expect(h.state.purchase?.quoteSubmitted).toBeUndefined();
    h.press('Back');
    expect(h.state.screen.kind).toBe('confirm');
    expect(h.view().text).toMatch(/Please check your order/);
    h.press('Confirm');
    expect(h.drafts).toHaveLength(2);
    expect(h.drafts[1]?.quoteId).toBe(first.draft.quoteId);
    const held = h.held[0];
    if (held?.type !== 'confirm-order') throw new Error('expected a held confirm');
    h.answer(held, { type: 'order-confirmed', requestId: held.requestId, order: orderFromDraft(held.draft) });
    expect(h.state.screen.kind).toBe('done');
  });

  it('Back twice offers a smaller amount', () => {
    const h = confirmHeld();
    refuse(h, { kind: 'daily-amount', limit: rm(15), remaining: rm(5), resetsAt: MIDNIGHT });
    h.press('Back');
    h.press('Back');
    expect(h.state.screen.kind).toBe('amount');
    h.press('RM 5.00');
    expect(h.state.purchase?.amount).toEqual(rm(5));
  });

  it('Cancel afterwards promises that nothing was charged (no order was made)', () => {
    const h = confirmHeld();
    refuse(h, { kind: 'daily-count', limit: 1, resetsAt: MIDNIGHT });
    h.press('Cancel');
    expect(h.state.screen.kind).toBe('home');
    expect(h.view().text).toMatch(/Cancelled\. Nothing was charged/);
  });

  it('a buyer who may not buy loses the purchase; Back goes home', () => {
    const h = confirmHeld();
    refuse(h, { kind: 'not-allowed' });
    expect(h.state.purchase).toBeUndefined();
    h.press('Back');
    expect(h.state.screen.kind).toBe('home');
  });

  it('typed text on the refusal points at the buttons', () => {
    const h = confirmHeld();
    refuse(h, { kind: 'daily-count', limit: 1, resetsAt: MIDNIGHT });
    h.type('why?');
    expect(h.view().text).toMatch(/use the buttons/);
    expect(h.state.screen.kind).toBe('refused');
  });

  it('a refusal for an earlier request changes nothing', () => {
    const h = confirmHeld();
    const held = h.held[0];
    if (held?.type !== 'confirm-order') throw new Error('expected a held confirm');
    h.dispatch({
      type: 'order-refused',
      requestId: 'some-other-request',
      refusal: { kind: 'not-allowed' },
    });
    expect(h.state.screen.kind).toBe('processing');
  });

  it('speaks Malay', () => {
    const h = confirmHeld('ms');
    refuse(h, { kind: 'daily-count', limit: 2, resetsAt: MIDNIGHT });
    expect(h.view().text).toMatch(/Pesanan anda tidak dibuat/);
    expect(h.view().text).toMatch(/had 2 pesanan/);
    expect(h.view().text).toMatch(/6 Jan 2025, 00:00/);
  });
});
