import { describe, expect, it } from 'vitest';
import { sampleOrder } from '../../../test/support/bot/fixtures.js';
import { money } from '../../payments/money.js';
import type { Order, OrderDraft } from '../../payments/orders/order.js';
import { createAdmission } from './admission.js';
import type { AccessPolicy } from './policy.js';

const NOW = Date.UTC(2025, 0, 5, 6, 0);
const clock = { nowMs: () => NOW };

function draft(userId: number, amountSen = 1000): OrderDraft {
  const amount = money(amountSen, 'MYR');
  return {
    quoteId: 'quote-new',
    userId,
    chatId: userId,
    locale: 'en',
    request: { product: 'D', account: '60123456780', amount },
    display: { productName: 'Digi', accountLabel: 'Mobile', account: '60123456780', amount },
  };
}

/** A user's order history, newest first, answering like OrderService.listByUser; records each limit asked. */
function history(orders: Order[]) {
  const asked: number[] = [];
  return {
    asked,
    listByUser: async (_userId: number, limit: number) => {
      asked.push(limit);
      return [...orders].sort((a, b) => b.createdAt - a.createdAt).slice(0, limit);
    },
  };
}

const policy: AccessPolicy = {
  mode: 'allowlist',
  allowedUserIds: [1],
  adminUserIds: [9],
  dailyLimits: { count: 2 },
};

describe('admission at Confirm', () => {
  it('refuses a user who may not buy, without reading anything', async () => {
    const orders = history([]);
    expect(await createAdmission({ policy, orders, clock }).check(draft(2))).toEqual({ kind: 'not-allowed' });
    expect(orders.asked).toEqual([]);
  });

  it('lets admins through without limits', async () => {
    const orders = history([
      sampleOrder({ userId: 9, createdAt: NOW }),
      sampleOrder({ userId: 9, createdAt: NOW }),
    ]);
    expect(await createAdmission({ policy, orders, clock }).check(draft(9))).toBeUndefined();
    expect(orders.asked).toEqual([]);
  });

  it('applies the daily limits to today’s orders', async () => {
    const today = [sampleOrder({ createdAt: NOW - 1 }), sampleOrder({ createdAt: NOW - 2 })];
    const refusal = await createAdmission({ policy, orders: history(today), clock }).check(draft(1));
    expect(refusal).toMatchObject({ kind: 'daily-count', limit: 2 });
  });

  it('reads further back until the page covers the whole day', async () => {
    const today = Array.from({ length: 120 }, (_, i) =>
      sampleOrder({ createdAt: NOW - i - 1, state: 'failed' }),
    );
    const yesterday = sampleOrder({ createdAt: NOW - 86_400_000 });
    const orders = history([...today, yesterday]);
    const unlimitedCount = { ...policy, dailyLimits: { amount: money(100_00, 'MYR') } };
    expect(await createAdmission({ policy: unlimitedCount, orders, clock }).check(draft(1))).toBeUndefined();
    expect(orders.asked).toEqual([50, 200]);
  });

  it('fails closed when a day holds more orders than it will read', async () => {
    const today = Array.from({ length: 3_300 }, (_, i) =>
      sampleOrder({ createdAt: NOW - i, state: 'failed' }),
    );
    const admission = createAdmission({
      policy: { ...policy, dailyLimits: { amount: money(100_00, 'MYR') } },
      orders: history(today),
      clock,
    });
    await expect(admission.check(draft(1))).rejects.toThrow(/more orders today/);
  });

  it('with no limits, an allowed buyer is let through without a read', async () => {
    const orders = history([]);
    const open = { ...policy, dailyLimits: {} };
    expect(await createAdmission({ policy: open, orders, clock }).check(draft(1))).toBeUndefined();
    expect(orders.asked).toEqual([]);
  });

  it('refuses an order above the per-order maximum, admins included, before reading any orders', async () => {
    const orders = history([]);
    const capped = { ...policy, maxOrderAmount: money(500_00, 'MYR') };
    const admission = createAdmission({ policy: capped, orders, clock });
    expect(await admission.check(draft(1, 500_01))).toEqual({
      kind: 'order-too-large',
      limit: money(500_00, 'MYR'),
    });
    expect(await admission.check(draft(9, 1_000_00))).toMatchObject({ kind: 'order-too-large' });
    expect(orders.asked).toEqual([]);
    expect(await admission.check(draft(1, 500_00))).toBeUndefined();
  });

  it('fails closed when the maximum is in another currency than the order', async () => {
    const capped = { ...policy, maxOrderAmount: money(5_000_000, 'IDR') };
    expect(
      await createAdmission({ policy: capped, orders: history([]), clock }).check(draft(1, 100)),
    ).toMatchObject({
      kind: 'order-too-large',
    });
  });
});
