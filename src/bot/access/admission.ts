import type { OrderDraft } from '../../payments/orders/order.js';
import type { OrderService } from '../../payments/orders/ports.js';
import type { Clock } from '../../platform/clock.js';
import type { ShopTimeZone } from '../i18n/dates.js';
import { checkDailyLimits, coversShopDay } from './daily-limits.js';
import { type AccessPolicy, limitsFor, mayBuy } from './policy.js';
import type { OrderRefusal } from './refusal.js';

/**
 * The check made when a buyer taps Confirm, before any order exists: may this user buy, is this
 * order within the per-order maximum (admins included), and does it fit in today's limits? It runs under the chat's lock (one update per chat at a time,
 * across replicas), so two taps cannot both squeeze under a limit.
 */
export interface Admission {
  check(draft: OrderDraft): Promise<OrderRefusal | undefined>;
}

/** First page of the buyer's orders read; grown until it covers the whole day. */
const FIRST_PAGE = 50;
/** Past this many orders in one day the check gives up and refuses: limits must fail closed. */
const MAX_ORDERS_READ = 3_200;

export function createAdmission(deps: {
  policy: AccessPolicy;
  orders: Pick<OrderService, 'listByUser'>;
  clock: Clock;
  /** The shop's zone: the daily limits reset at its midnight (Malaysia unless given). */
  timeZone?: ShopTimeZone;
}): Admission {
  const { policy, orders, clock, timeZone } = deps;
  return {
    async check(draft) {
      if (!mayBuy(policy, draft.userId)) return { kind: 'not-allowed' };
      const max = policy.maxOrderAmount;
      if (max !== undefined) {
        // A maximum in another currency than the order's is a configuration error: fail closed.
        if (draft.request.amount.currency !== max.currency || draft.request.amount.minor > max.minor) {
          return { kind: 'order-too-large', limit: max };
        }
      }
      const limits = limitsFor(policy, draft.userId);
      if (limits.amount === undefined && limits.count === undefined) return undefined;
      const nowMs = clock.nowMs();
      for (let requested = FIRST_PAGE; ; requested *= 4) {
        const mine = await orders.listByUser(draft.userId, requested);
        if (coversShopDay(mine, requested, nowMs, timeZone)) {
          return checkDailyLimits({
            limits,
            orders: mine,
            quoteId: draft.quoteId,
            amount: draft.request.amount,
            nowMs,
            ...(timeZone ? { timeZone } : {}),
          });
        }
        if (requested * 4 > MAX_ORDERS_READ) {
          throw new Error(`user ${draft.userId} has more orders today than the limit check reads`);
        }
      }
    },
  };
}
