import { describe, expect, it } from 'vitest';
import { sampleOrder } from '../../../test/support/bot/fixtures.js';
import { money } from '../../payments/money.js';
import type { OrderState } from '../../payments/orders/order.js';
import { summarizeDay } from './stats.js';

const rm = (sen: number) => money(sen, 'MYR');

function order(
  state: OrderState,
  amountSen: number,
  options: { costSen?: number; userId?: number; priceSen?: number } = {},
) {
  return sampleOrder({
    state,
    userId: options.userId ?? 1,
    ...(options.priceSen === undefined ? {} : { charge: { price: rm(options.priceSen) } }),
    request: { refid: 'r', product: 'D', account: '1', amount: rm(amountSen) },
    ...(options.costSen === undefined
      ? {}
      : {
          outcome: {
            refid: 'r',
            state: 'succeeded',
            providerStatus: 'Succesful',
            providerCode: '00',
            cost: rm(options.costSen),
          },
        }),
  });
}

describe('the day’s figures', () => {
  it('counts nothing for an empty day', () => {
    expect(summarizeDay([], { dayStart: 0, currency: 'MYR' })).toEqual({
      dayStart: 0,
      orders: 0,
      buyers: 0,
      succeeded: 0,
      failed: 0,
      refunded: 0,
      cancelled: 0,
      inProgress: 0,
      needsAttention: 0,
      successRate: undefined,
      volume: rm(0),
      cost: rm(0),
      costUnknown: 0,
      sales: rm(0),
      margin: rm(0),
      uncharged: 0,
      truncated: false,
    });
  });

  it('adds up a mixed day', () => {
    const stats = summarizeDay(
      [
        order('succeeded', 1000, { costSen: 980, userId: 1 }),
        order('succeeded', 5000, { costSen: 4900, userId: 2 }),
        order('succeeded', 2500, { userId: 2 }),
        order('failed', 1000, { userId: 3 }),
        order('rejected', 1000, { userId: 3 }),
        order('refunded', 1000, { userId: 3 }),
        order('cancelled', 1000, { userId: 4 }),
        order('pending', 1000, { userId: 4 }),
        order('needs_attention', 1000, { userId: 4 }),
      ],
      { dayStart: 123, currency: 'MYR', truncated: true },
    );
    expect(stats).toMatchObject({
      dayStart: 123,
      orders: 9,
      buyers: 4,
      succeeded: 3,
      failed: 2,
      refunded: 1,
      cancelled: 1,
      inProgress: 2,
      needsAttention: 1,
      volume: rm(8500),
      // 980 + 4900 reported, and the face value of the order whose cost was not reported.
      cost: rm(8380),
      costUnknown: 1,
      uncharged: 3,
      truncated: true,
    });
    expect(stats.successRate).toBeCloseTo(3 / 6);
  });

  it('sales are what buyers paid for successful orders; the margin is sales minus cost', () => {
    const stats = summarizeDay(
      [
        order('succeeded', 1000, { costSen: 980, priceSen: 1050 }),
        // No reported cost: the face value is the cost.
        order('succeeded', 2000, { priceSen: 2100 }),
        // Returned to the buyer: not a sale.
        order('failed', 5000, { priceSen: 5250 }),
        order('pending', 5000, { priceSen: 5250 }),
      ],
      { dayStart: 0, currency: 'MYR' },
    );
    expect(stats).toMatchObject({
      sales: rm(3150),
      cost: rm(2980),
      margin: rm(170),
      costUnknown: 1,
      uncharged: 0,
    });
  });

  it.each([
    [['succeeded', 'succeeded'], 1],
    [['succeeded', 'failed'], 0.5],
    [['failed', 'cancelled', 'pending'], 0],
    [['cancelled', 'pending'], undefined],
  ] as const)('success rate of %o: %s', (states, rate) => {
    const stats = summarizeDay(
      states.map((s) => order(s, 100)),
      { dayStart: 0, currency: 'MYR' },
    );
    expect(stats.successRate).toBe(rate);
  });
});
