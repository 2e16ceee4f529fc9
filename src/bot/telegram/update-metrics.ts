import type { Context, MiddlewareFn } from 'telegraf';
import type { Metrics } from '../../platform/metrics.js';

export const UPDATES_METRIC = 'telegram_updates_total';

/**
 * Counts every update by its kind (message, callback_query, ...). The shop bot runs it first of its
 * middleware, so webhook and polling updates pass through it alike, before anything can stop them.
 */
export function countUpdates(metrics: Metrics): MiddlewareFn<Context> {
  metrics.describe(UPDATES_METRIC, 'Telegram updates received, by kind');
  return (ctx, next) => {
    metrics.increment(UPDATES_METRIC, { kind: ctx.updateType });
    return next();
  };
}
