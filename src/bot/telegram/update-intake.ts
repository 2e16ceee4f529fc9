import type { Update } from 'telegraf/types';
import { type ClaimLoop, createClaimLoop } from '../../platform/claim-loop.js';
import type { Clock } from '../../platform/clock.js';
import type { IdSource } from '../../platform/ids.js';
import type { Logger } from '../../platform/logger.js';
import { isStoreUnavailable } from '../../store/errors.js';
import type { UpdateQueue } from '../../store/ports.js';

/**
 * How updates reach the bot: the webhook (or the poller) only queues them, durably, and answers
 * Telegram at once; workers in every replica take whole chats from the queue and hand their updates
 * to the bot one at a time, in order. An update leaves the queue only after it was handled, so a
 * crash replays it on the next worker once the chat's short lease runs out, and one slow chat never
 * holds a webhook connection.
 */

/** Handling cannot go on right now (the chat is busy); the update should be handled again later. */
export class RetryLaterError extends Error {
  override readonly name = 'RetryLaterError';
}

/** Errors after which an update stays queued and is tried again, rather than counted as handled. */
export function shouldRetryLater(error: unknown): boolean {
  return error instanceof RetryLaterError || isStoreUnavailable(error);
}

/** The queue a Telegram update belongs to: its chat, or for updates without one, its sender. */
export function chatOf(update: Record<string, unknown>): string {
  const u = update as {
    message?: { chat?: { id?: number } };
    edited_message?: { chat?: { id?: number } };
    callback_query?: { message?: { chat?: { id?: number } }; from?: { id?: number } };
    pre_checkout_query?: { from?: { id?: number } };
    my_chat_member?: { chat?: { id?: number } };
  };
  const id =
    u.message?.chat?.id ??
    u.edited_message?.chat?.id ??
    u.callback_query?.message?.chat?.id ??
    u.callback_query?.from?.id ??
    u.pre_checkout_query?.from?.id ??
    u.my_chat_member?.chat?.id;
  return id === undefined ? 'other' : String(id);
}

export interface UpdateWorkerOptions {
  queue: UpdateQueue;
  /** Handles one update; throws only when it should be tried again later (the store is away). */
  handle(update: Update): Promise<void>;
  /** Called for an update given up after `maxAttempts`, so its sender hears something. */
  onGiveUp(update: Update): Promise<void>;
  clock: Clock;
  ids: IdSource;
  logger: Logger;
  /** Chats worked on at once by this process. */
  concurrency?: number;
  /** A chat's lease; renewed while its update is handled, so it only matters after a crash. */
  leaseMs?: number;
  /** How often to look for queued work when idle (updates queued here wake the worker at once). */
  pollIntervalMs?: number;
  /** Tries of one update before it is given up (a crash loop on one update must not stall its chat). */
  maxAttempts?: number;
  /** Wait before a chat whose update failed for lack of the store is tried again. */
  retryDelayMs?: number;
}

/** Stopping waits for the chats in hand; what is left stays queued. */
export type UpdateWorker = ClaimLoop;

export function createUpdateWorker(options: UpdateWorkerOptions): UpdateWorker {
  const { queue, clock } = options;
  const log = options.logger.child({ component: 'update-worker' });
  const concurrency = options.concurrency ?? 32;
  const leaseMs = options.leaseMs ?? 10_000;
  const pollIntervalMs = options.pollIntervalMs ?? 200;
  const maxAttempts = options.maxAttempts ?? 5;
  const retryDelayMs = options.retryDelayMs ?? 2_000;

  /** Handles one update with its chat's lease renewed meanwhile; true when it may be acknowledged. */
  const handleOne = async (
    chat: string,
    token: string,
    updateId: number,
    json: string,
    attempt: number,
  ): Promise<boolean> => {
    const update = JSON.parse(json) as Update;
    if (attempt > maxAttempts) {
      log.error('update given up after repeated failures', { updateId, chat, attempts: attempt - 1 });
      await options.onGiveUp(update).catch((error) => log.warn('could not tell the sender', { err: error }));
      return true;
    }
    const renewal = setInterval(() => {
      void queue
        .renew(chat, token, clock.nowMs(), leaseMs)
        .catch((error) => log.warn('could not renew a chat lease', { chat, err: error }));
    }, leaseMs / 3);
    try {
      await options.handle(update);
      return true;
    } catch (error) {
      if (!shouldRetryLater(error)) {
        // The bot's own error handler has already answered the sender; trying again would not help.
        log.error('update handling failed', { updateId, err: error });
        return true;
      }
      log.warn('update could not be handled now; it stays queued', { updateId, err: error });
      return false;
    } finally {
      clearInterval(renewal);
    }
  };

  /** Works through one claimed chat until it is empty, the lease is lost, or handling must wait. */
  const drain = async (chat: string, token: string) => {
    for (;;) {
      const next = await queue.next(chat, token);
      if (!next) {
        // Nothing to hand out: the chat is empty (acknowledging nothing tidies it away) or no longer
        // ours (then the acknowledgement changes nothing).
        await queue.ack(chat, -1, token, clock.nowMs(), leaseMs);
        return;
      }
      if (!(await handleOne(chat, token, next.updateId, next.json, next.attempt))) {
        await queue.release(chat, token, clock.nowMs() + retryDelayMs, next.updateId);
        return;
      }
      const after = await queue.ack(chat, next.updateId, token, clock.nowMs(), leaseMs);
      if (after !== 'more') return;
    }
  };

  return createClaimLoop<{ chat: string; token: string }>({
    concurrency,
    pollIntervalMs,
    async claim(room) {
      // A token per claim, not per process: should this process claim a chat again while an earlier
      // drain of it is still running (its lease lapsed), the two cannot act on each other's lease.
      const token = options.ids.nonce();
      const chats = await queue.claim(clock.nowMs(), room, leaseMs, token);
      return chats.map((chat) => ({ chat, token }));
    },
    work: ({ chat, token }) =>
      drain(chat, token).catch((error) => log.warn('chat work stopped', { chat, err: error })),
    onClaimError: (error) => log.warn('could not claim queued updates', { err: error }),
  });
}

export interface UpdatePollerOptions {
  /** The Bot API client: getUpdates through `callApi`, so a stop can abort the long poll. */
  telegram: {
    callApi(
      method: 'getUpdates' | 'deleteWebhook',
      payload: object,
      extra?: { signal?: AbortSignal },
    ): Promise<unknown>;
  };
  /** Queues one update; the poller moves past it only once this resolved. */
  accept(update: Record<string, unknown> & { update_id: number }): Promise<void>;
  allowedUpdates: readonly string[];
  logger: Logger;
  sleep(ms: number): Promise<void>;
  /** Seconds Telegram holds a long poll open. */
  timeoutSeconds?: number;
}

/**
 * Long polling that feeds the same queue as the webhook. Telegram's offset confirms every update
 * before it, so the offset moves only past updates that are safely queued: a crash re-reads the rest.
 */
export function createUpdatePoller(options: UpdatePollerOptions) {
  const log = options.logger.child({ component: 'update-poller' });
  const abort = new AbortController();
  let loop: Promise<void> | undefined;

  const run = async () => {
    // Telegram refuses getUpdates while a webhook is set; pending updates are kept.
    await options.telegram.callApi('deleteWebhook', { drop_pending_updates: false });
    let offset = 0;
    while (!abort.signal.aborted) {
      try {
        const updates = (await options.telegram.callApi(
          'getUpdates',
          { offset, timeout: options.timeoutSeconds ?? 30, allowed_updates: options.allowedUpdates },
          { signal: abort.signal },
        )) as Array<Record<string, unknown> & { update_id: number }>;
        for (const update of updates) {
          await options.accept(update);
          offset = update.update_id + 1;
        }
      } catch (error) {
        if (abort.signal.aborted) return;
        log.warn('polling failed; trying again shortly', { err: error });
        await options.sleep(2_000);
      }
    }
  };

  return {
    start() {
      loop ??= run().catch((error) => log.error('polling stopped', { err: error }));
    },
    async stop() {
      abort.abort();
      await loop;
    },
  };
}
