import { type Money, money, sumMoney } from '../../payments/money.js';
import type { Order, OrderState } from '../../payments/orders/order.js';
import { MALAYSIA_TIME, type ShopTimeZone } from '../i18n/dates.js';
import type { DailyLimits } from './policy.js';
import type { OrderRefusal } from './refusal.js';

/**
 * Daily limits per buyer, as pure arithmetic over the buyer's orders. A day is a day in the shop's
 * time zone (SHOP_TIMEZONE; Malaysia unless given), whatever the server's zone.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/** Epoch ms of the shop-zone midnight that began the day containing `nowMs`. */
export function shopDayStart(nowMs: number, zone: ShopTimeZone = MALAYSIA_TIME): number {
  const offsetMs = zone.offsetMinutes(nowMs) * 60_000;
  return Math.floor((nowMs + offsetMs) / DAY_MS) * DAY_MS - offsetMs;
}

/** Epoch ms of the next shop-zone midnight: when today's limits reset. */
export function nextShopDayStart(nowMs: number, zone: ShopTimeZone = MALAYSIA_TIME): number {
  return shopDayStart(nowMs, zone) + DAY_MS;
}

/** Orders that ended without taking the buyer's money do not use up the limits. */
const NOT_COUNTED: ReadonlySet<OrderState> = new Set(['rejected', 'cancelled', 'failed', 'refunded']);

export function countsTowardLimits(order: Order): boolean {
  return !NOT_COUNTED.has(order.state);
}

/**
 * Whether `orders` (a user's newest `requested` orders, newest first, as `listByUser` gives them)
 * surely include all of today's: fewer came back than asked for, or the oldest is from an earlier day.
 */
export function coversShopDay(
  orders: readonly Order[],
  requested: number,
  nowMs: number,
  zone: ShopTimeZone = MALAYSIA_TIME,
): boolean {
  if (orders.length < requested) return true;
  const oldest = orders.reduce((min, order) => Math.min(min, order.createdAt), Number.POSITIVE_INFINITY);
  return oldest < shopDayStart(nowMs, zone);
}

export interface DailyLimitCheck {
  limits: DailyLimits;
  /** The buyer's orders (any order, any day; other days are ignored). Must include all of today's. */
  orders: readonly Order[];
  /** The quote being confirmed: an order already made from it means a retry, never a new order. */
  quoteId: string;
  amount: Money;
  nowMs: number;
  /** The shop's zone, whose midnight starts the day (Malaysia unless given). */
  timeZone?: ShopTimeZone;
}

/**
 * Whether one more order of `amount` fits in today's limits. Counts today's orders that are not
 * rejected, cancelled, failed or refunded (pending ones count: they may still take the money).
 */
export function checkDailyLimits(check: DailyLimitCheck): OrderRefusal | undefined {
  const { limits, nowMs } = check;
  if (limits.count === undefined && limits.amount === undefined) return undefined;
  const dayStart = shopDayStart(nowMs, check.timeZone);
  const today = check.orders.filter((order) => order.createdAt >= dayStart);
  // Confirming the same quote again finds the order it already made; refusing would lie to the buyer.
  if (today.some((order) => order.quoteId === check.quoteId)) return undefined;
  const counted = today.filter(countsTowardLimits);
  const resetsAt = dayStart + DAY_MS;
  if (limits.count !== undefined && counted.length + 1 > limits.count) {
    return { kind: 'daily-count', limit: limits.count, resetsAt };
  }
  const limit = limits.amount;
  if (limit) {
    if (check.amount.currency !== limit.currency) {
      // A limit in another currency than the provider's is a configuration error: fail closed.
      throw new RangeError(`daily limit is in ${limit.currency}, the order in ${check.amount.currency}`);
    }
    const spent = sumMoney(
      counted.map((order) => order.request.amount).filter((amount) => amount.currency === limit.currency),
      limit.currency,
    );
    if (spent.minor + check.amount.minor > limit.minor) {
      const remaining = money(Math.max(0, limit.minor - spent.minor), limit.currency);
      return { kind: 'daily-amount', limit, remaining, resetsAt };
    }
  }
  return undefined;
}
