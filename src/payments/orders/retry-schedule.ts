/**
 * When to ask the provider again about a pending order. The docs advise 5 to 10 seconds while a
 * payment is processing (most settle within 30 s); after that we back off so a stuck order costs
 * little, and an order needing attention is looked at every few minutes until someone resolves it.
 */
export interface RetrySchedule {
  /** Calls made in the fast phase before backing off. */
  fastAttempts: number;
  fastMinMs: number;
  fastMaxMs: number;
  /** First delay of the backoff phase; doubles each time up to `maxMs`. */
  backoffStartMs: number;
  maxMs: number;
  /** Interval for orders that need attention. */
  attentionIntervalMs: number;
  /**
   * A buyer's Refresh brings a pending order's next check forward, but no sooner than this after the
   * order last changed (every provider answer changes it) while in the fast phase, and no sooner than
   * `backoffStartMs` after it once backing off; an order that needs attention keeps its interval.
   */
  buyerRecheckGapMs: number;
}

export const DEFAULT_RETRY_SCHEDULE: RetrySchedule = {
  fastAttempts: 6,
  fastMinMs: 5_000,
  fastMaxMs: 10_000,
  backoffStartMs: 20_000,
  maxMs: 5 * 60_000,
  attentionIntervalMs: 10 * 60_000,
  buyerRecheckGapMs: 5_000,
};

/** Delay before the next call, given how many calls were made; `random` in [0, 1) adds jitter. */
/**
 * When a buyer's Refresh may have an order checked: `updatedAt` plus the gap for its phase, and not
 * before the provider's own "not before" (`retryAfterUntil`); undefined when the order needs
 * attention (its slow interval stands).
 */
export function buyerRecheckAtMs(
  schedule: RetrySchedule,
  order: { attempts: number; updatedAt: number; needsAttention: boolean; retryAfterUntil?: number },
): number | undefined {
  if (order.needsAttention) return undefined;
  const gap = order.attempts <= schedule.fastAttempts ? schedule.buyerRecheckGapMs : schedule.backoffStartMs;
  return Math.max(order.updatedAt + gap, order.retryAfterUntil ?? 0);
}

export function nextDelayMs(
  schedule: RetrySchedule,
  attempts: number,
  needsAttention: boolean,
  random: () => number,
): number {
  if (needsAttention) return schedule.attentionIntervalMs;
  if (attempts <= schedule.fastAttempts) {
    return Math.round(schedule.fastMinMs + random() * (schedule.fastMaxMs - schedule.fastMinMs));
  }
  const doubled = schedule.backoffStartMs * 2 ** (attempts - schedule.fastAttempts - 1);
  const capped = Math.min(schedule.maxMs, doubled);
  // ±20% so a crowd of orders created together spreads out.
  return Math.round(capped * (0.8 + random() * 0.4));
}
