import { type Currency, type Money, money } from '../../payments/money.js';
import { isFinal, type Order } from '../../payments/orders/order.js';

/** The admins' figures for a day of orders, as pure arithmetic over the orders created that day. */
export interface DayStats {
  /** Start of the day (epoch ms of the Malaysia midnight). */
  dayStart: number;
  orders: number;
  /** Distinct buyers. */
  buyers: number;
  succeeded: number;
  /** Failed, or rejected by the provider. */
  failed: number;
  refunded: number;
  /** Never sent to the provider. */
  cancelled: number;
  /** Not final yet (needs attention included). */
  inProgress: number;
  needsAttention: number;
  /**
   * Successful orders out of those the provider settled (successful, failed, rejected, refunded);
   * cancelled orders never reached it. Undefined until one is settled.
   */
  successRate: number | undefined;
  /** Face value of the successful orders: what the buyers got. */
  volume: Money;
  /**
   * What the successful orders cost at the provider: the reported cost, or the face value (the
   * amount sent) where the provider did not report one.
   */
  cost: Money;
  /** Successful orders whose cost the provider did not report (their face value is in `cost`). */
  costUnknown: number;
  /** What the buyers paid for the successful orders (`order.charge.price`). */
  sales: Money;
  /** sales − cost: the shop's margin on the day's successful orders (negative when selling below cost). */
  margin: Money;
  /** Successful orders without a charge (BUYER_PAYMENT=none): they add nothing to `sales`. */
  uncharged: number;
  /** The day had more orders than were read: the figures cover the first ones only. */
  truncated: boolean;
}

export function summarizeDay(
  orders: readonly Order[],
  options: { dayStart: number; currency: Currency; truncated?: boolean },
): DayStats {
  const { currency } = options;
  let volume = 0;
  let cost = 0;
  let costUnknown = 0;
  let sales = 0;
  let uncharged = 0;
  const count = (predicate: (order: Order) => boolean) => orders.filter(predicate).length;
  for (const order of orders) {
    if (order.state !== 'succeeded') continue;
    if (order.request.amount.currency === currency) volume += order.request.amount.minor;
    const reported = order.outcome?.cost;
    if (reported && reported.currency === currency) cost += reported.minor;
    else {
      costUnknown += 1;
      if (order.request.amount.currency === currency) cost += order.request.amount.minor;
    }
    const price = order.charge?.price;
    if (price && price.currency === currency) sales += price.minor;
    else uncharged += 1;
  }
  const succeeded = count((o) => o.state === 'succeeded');
  const failed = count((o) => o.state === 'failed' || o.state === 'rejected');
  const refunded = count((o) => o.state === 'refunded');
  const settled = succeeded + failed + refunded;
  return {
    dayStart: options.dayStart,
    orders: orders.length,
    buyers: new Set(orders.map((o) => o.userId)).size,
    succeeded,
    failed,
    refunded,
    cancelled: count((o) => o.state === 'cancelled'),
    inProgress: count((o) => !isFinal(o.state)),
    needsAttention: count((o) => o.state === 'needs_attention'),
    successRate: settled === 0 ? undefined : succeeded / settled,
    volume: money(volume, currency),
    cost: money(cost, currency),
    costUnknown,
    sales: money(sales, currency),
    margin: money(sales - cost, currency),
    uncharged,
    truncated: options.truncated ?? false,
  };
}
