import type { Context, MiddlewareFn } from 'telegraf';
import type { Metrics } from '../../platform/metrics.js';

export const UPDATES_METRIC = 'telegram_updates_total';

/**
 * Counts every update by its kind (message, callback_query, ...). It is Telegraf middleware, so
 * webhook and polling updates pass through it alike; register it before the bot's handlers.
 */
export function countUpdates(metrics: Metrics): MiddlewareFn<Context> {
  metrics.describe(UPDATES_METRIC, 'Telegram updates received, by kind');
  return (ctx, next) => {
    metrics.increment(UPDATES_METRIC, { kind: ctx.updateType });
    return next();
  };
}
