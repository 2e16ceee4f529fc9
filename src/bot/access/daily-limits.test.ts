import { describe, expect, it } from 'vitest';
import { sampleOrder } from '../../../test/support/bot/fixtures.js';
import { money } from '../../payments/money.js';
import type { Order, OrderState } from '../../payments/orders/order.js';
import { JAKARTA_TIME } from '../i18n/dates.js';
import {
  checkDailyLimits,
  countsTowardLimits,
  coversShopDay,
  nextShopDayStart,
  shopDayStart,
} from './daily-limits.js';
import type { DailyLimits } from './policy.js';

const rm = (sen: number) => money(sen, 'MYR');
/** 14:00 on 5 Jan 2025 in Kuala Lumpur. */
const NOW = Date.UTC(2025, 0, 5, 6, 0);
/** Midnight that began 5 Jan in Kuala Lumpur, and the next one. */
const DAY_START = Date.UTC(2025, 0, 4, 16, 0);
const NEXT_DAY = Date.UTC(2025, 0, 5, 16, 0);

function order(
  amountSen: number,
  state: OrderState = 'succeeded',
  createdAt = NOW - 60_000,
  quoteId?: string,
): Order {
  return sampleOrder({
    state,
    createdAt,
    request: { refid: 'r', product: 'D', account: '60123456780', amount: rm(amountSen) },
    ...(quoteId ? { quoteId } : {}),
  });
}

describe('the Malaysia day', () => {
  it.each([
    ['14:00 MYT', NOW, DAY_START],
    ['exactly midnight MYT', DAY_START, DAY_START],
    ['a millisecond before midnight MYT', DAY_START - 1, DAY_START - 86_400_000],
    ['23:59 UTC is 07:59 next day MYT', Date.UTC(2025, 0, 5, 23, 59), NEXT_DAY],
    ['00:30 UTC is 08:30 MYT the same date', Date.UTC(2025, 0, 5, 0, 30), DAY_START],
  ])('%s', (_name, at, start) => {
    expect(shopDayStart(at)).toBe(start);
    expect(nextShopDayStart(at)).toBe(start + 86_400_000);
  });
});

describe('the Jakarta day, for an IAK shop', () => {
  it('starts at midnight WIB (17:00 UTC the day before)', () => {
    // 16:30 UTC on 5 Jan 2025 is 23:30 WIB: still 5 Jan in Jakarta, which began at 17:00 UTC on 4 Jan.
    const at = Date.UTC(2025, 0, 5, 16, 30);
    expect(shopDayStart(at, JAKARTA_TIME)).toBe(Date.UTC(2025, 0, 4, 17, 0));
    expect(nextShopDayStart(at, JAKARTA_TIME)).toBe(Date.UTC(2025, 0, 5, 17, 0));
    // The same instant is already 6 Jan in Kuala Lumpur.
    expect(shopDayStart(at)).toBe(Date.UTC(2025, 0, 5, 16, 0));
  });

  it('an order at 22:30 WIB still counts at 23:30 WIB, after Malaysia’s midnight has passed', () => {
    const limits: DailyLimits = { count: 1 };
    const lateEvening = Date.UTC(2025, 0, 5, 15, 30); // 22:30 WIB, 23:30 MYT on 5 Jan
    const now = Date.UTC(2025, 0, 5, 16, 30); // 23:30 WIB on 5 Jan, 00:30 MYT on 6 Jan
    const check = {
      limits,
      orders: [order(1_000, 'succeeded', lateEvening)],
      quoteId: 'new',
      amount: rm(1_000),
      nowMs: now,
    };
    expect(checkDailyLimits(check)).toBeUndefined();
    expect(checkDailyLimits({ ...check, timeZone: JAKARTA_TIME })).toMatchObject({
      kind: 'daily-count',
      resetsAt: Date.UTC(2025, 0, 5, 17, 0),
    });
  });
});

describe('what counts toward the limits', () => {
  it.each<[OrderState, boolean]>([
    ['confirmed', true],
    ['submitted', true],
    ['pending', true],
    ['needs_attention', true],
    ['succeeded', true],
    ['failed', false],
    ['rejected', false],
    ['cancelled', false],
    ['refunded', false],
  ])('%s: %s', (state, counted) => {
    expect(countsTowardLimits(order(100, state))).toBe(counted);
  });
});

describe('daily limits', () => {
  const check = (limits: DailyLimits, orders: Order[], amountSen: number, quoteId = 'new-quote') =>
    checkDailyLimits({ limits, orders, quoteId, amount: rm(amountSen), nowMs: NOW });

  it.each<[string, DailyLimits, Order[], number, ReturnType<typeof check>]>([
    ['no limits', {}, [order(1_000_000), order(1_000_000)], 1_000_000, undefined],
    ['under the count', { count: 3 }, [order(100), order(100)], 100, undefined],
    [
      'at the count',
      { count: 2 },
      [order(100), order(100)],
      100,
      { kind: 'daily-count', limit: 2, resetsAt: NEXT_DAY },
    ],
    [
      'failed orders do not count',
      { count: 2 },
      [order(100, 'failed'), order(100, 'refunded'), order(100)],
      100,
      undefined,
    ],
    [
      'pending orders count',
      { count: 1 },
      [order(100, 'pending')],
      100,
      { kind: 'daily-count', limit: 1, resetsAt: NEXT_DAY },
    ],
    ['yesterday does not count', { count: 1 }, [order(100, 'succeeded', DAY_START - 1)], 100, undefined],
    ['exactly up to the amount', { amount: rm(5000) }, [order(3000)], 2000, undefined],
    [
      'past the amount',
      { amount: rm(5000) },
      [order(3000), order(1500, 'pending')],
      1000,
      { kind: 'daily-amount', limit: rm(5000), remaining: rm(500), resetsAt: NEXT_DAY },
    ],
    [
      'amount used up',
      { amount: rm(5000) },
      [order(5000)],
      1,
      { kind: 'daily-amount', limit: rm(5000), remaining: rm(0), resetsAt: NEXT_DAY },
    ],
    [
      'one order alone over the amount',
      { amount: rm(5000) },
      [],
      6000,
      { kind: 'daily-amount', limit: rm(5000), remaining: rm(5000), resetsAt: NEXT_DAY },
    ],
    ['refunded amounts are free again', { amount: rm(5000) }, [order(5000, 'refunded')], 5000, undefined],
    [
      'the count is checked first',
      { amount: rm(100), count: 1 },
      [order(100)],
      100,
      { kind: 'daily-count', limit: 1, resetsAt: NEXT_DAY },
    ],
  ])('%s', (_name, limits, orders, amountSen, expected) => {
    expect(check(limits, orders, amountSen)).toEqual(expected);
  });

  it('lets a retry of a quote that already made an order through (it finds that order)', () => {
    const orders = [order(100, 'pending', NOW - 1000, 'the-quote')];
    expect(check({ count: 1, amount: rm(100) }, orders, 100, 'the-quote')).toBeUndefined();
    expect(check({ count: 1 }, orders, 100, 'another-quote')).toMatchObject({ kind: 'daily-count' });
  });

  it('ignores orders in another currency for the amount, and fails closed on a mismatched limit', () => {
    const rupiah = sampleOrder({
      createdAt: NOW,
      request: { refid: 'x', product: 'P', account: '1', amount: money(9_999_999, 'IDR') },
    });
    expect(check({ amount: rm(5000) }, [rupiah], 100)).toBeUndefined();
    expect(() =>
      checkDailyLimits({
        limits: { amount: money(5000, 'IDR') },
        orders: [],
        quoteId: 'q',
        amount: rm(1),
        nowMs: NOW,
      }),
    ).toThrow(RangeError);
  });
});

describe('whether a page of orders covers the whole day', () => {
  it.each([
    ['fewer than asked for', [order(1), order(1)], 3, true],
    ['a full page reaching back before today', [order(1), order(1, 'succeeded', DAY_START - 1)], 2, true],
    ['a full page of today only', [order(1), order(1)], 2, false],
    ['nothing at all', [], 50, true],
  ])('%s', (_name, orders, requested, covered) => {
    expect(coversShopDay(orders, requested, NOW)).toBe(covered);
  });
});
