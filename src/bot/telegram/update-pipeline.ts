import { Context, type MiddlewareFn, type Telegraf } from 'telegraf';
import type { Update, UserFromGetMe } from 'telegraf/types';

/**
 * Runs one update through the bot's middleware, in order, on a Telegraf Context of its own.
 *
 * Telegraf's `handleUpdate` does more for each update than this bot needs: a new Bot API client
 * (which the first middleware must then route through our undici pool again), a 90-second timer
 * raced against the handlers, and a composer that makes about five promises per middleware step.
 * Skipping them saved 2–8% of the CPU a menu update costs (paired runs of bench:webhook's load).
 * Here the context shares the bot's one client and each step is a plain call. Provider lookups inside a handler are bounded by
 * their own HTTP timeouts, and the reducer never waits on a payment, so no overall timer is needed.
 *
 * A middleware calls `next()` to pass the update on, as with Telegraf. An error from any of them
 * goes to `onError` with the context, as `telegraf.catch` would get it; what `onError` throws
 * reaches the caller (the update worker, which keeps the update queued when told to retry).
 */
export function createUpdatePipeline(
  telegraf: Telegraf,
  middleware: readonly MiddlewareFn<Context>[],
  onError: (error: unknown, ctx: Context) => Promise<void>,
): (update: Update) => Promise<void> {
  let asking: Promise<UserFromGetMe> | undefined;
  /** The bot's own user (`getMe`), asked once; a failed ask is asked again on the next update. */
  const askBotInfo = (): Promise<UserFromGetMe> => {
    asking ??= telegraf.telegram.getMe().then(
      (info) => {
        telegraf.botInfo = info;
        return info;
      },
      (error: unknown) => {
        asking = undefined;
        throw error;
      },
    );
    return asking;
  };

  return async (update) => {
    const ctx = new Context(update, telegraf.telegram, telegraf.botInfo ?? (await askBotInfo()));
    const step = async (index: number): Promise<void> => {
      const next = middleware[index];
      if (next) await next(ctx, () => step(index + 1));
    };
    try {
      await step(0);
    } catch (error) {
      await onError(error, ctx);
    }
  };
}
