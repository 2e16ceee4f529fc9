import type { Update } from 'telegraf/types';
import { type ClaimLoop, createClaimLoop } from '../../platform/claim-loop.js';
import type { Clock } from '../../platform/clock.js';
import type { IdSource } from '../../platform/ids.js';
import { parseJsonOrUndefined } from '../../platform/json.js';
import type { Logger } from '../../platform/logger.js';
import { isStoreUnavailable } from '../../store/errors.js';
import type { QueuedEntry, SessionWrite, UpdateQueue } from '../../store/ports.js';

/**
 * How updates reach the bot: the webhook (or the poller) only queues them, durably, and answers
 * Telegram at once; workers in every replica take whole chats from the queue and hand their updates
 * to the bot one at a time, in order. An update leaves the queue only after it was handled, so a
 * crash replays it on the next worker once the chat's short lease runs out, and one slow chat never
 * holds a webhook connection.
 */

/** The chat passed to another worker mid-update: this one must stop; the new holder replays it. */
export class ChatLeaseLostError extends Error {
  override readonly name = 'ChatLeaseLostError';
}

/** Errors after which an update stays queued and is tried again, rather than counted as handled. */
export function shouldRetryLater(error: unknown): boolean {
  return error instanceof ChatLeaseLostError || isStoreUnavailable(error);
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

/** Who sent an update (counted for flood control), when it has a sender. */
export function senderOf(update: Record<string, unknown>): number | undefined {
  const u = update as {
    message?: { from?: { id?: number } };
    edited_message?: { from?: { id?: number } };
    callback_query?: { from?: { id?: number } };
  };
  return u.message?.from?.id ?? u.edited_message?.from?.id ?? u.callback_query?.from?.id;
}

/**
 * One queued entry in the bot's hands: the sender's flood count and the chat's session as the queue
 * read them with the entry, and the session to keep. The kept session is written when the entry is
 * acknowledged, in the same step and only while the chat is still this worker's, so the bot needs no
 * chat lock and no session reads or writes of its own.
 */
export interface ChatTurn {
  /** The sender's updates in the current flood window when this one arrived, itself included; 0 uncounted. */
  readonly floodHits: number;
  /** The chat's stored session (parsed JSON), undefined when there is none or it is unreadable. */
  readonly session: unknown;
  /** Keeps `value` (JSON-serialisable) as the chat's session. */
  keepSession(value: unknown): void;
  /**
   * Writes the kept session now, before an effect that must not run twice (an order, a top-up): a
   * replay after a crash then starts past it. Throws ChatLeaseLostError when the chat is no longer
   * this worker's, so the effect does not run.
   */
  checkpoint(): Promise<void>;
}

export interface UpdateWorkerOptions {
  queue: UpdateQueue;
  /** Handles one update; throws only when it should be tried again later (the store is away). */
  handle(update: Update, turn: ChatTurn): Promise<void>;
  /** Handles an event the bot deferred to its chat (`UpdateQueue.defer`), like an update. */
  handleDeferred(json: string, turn: ChatTurn): Promise<void>;
  /** Called for an update given up after `maxAttempts`, so its sender hears something. */
  onGiveUp(update: Update): Promise<void>;
  /** How long a chat's session lives after its last update. */
  sessionTtlMs: number;
  clock: Clock;
  ids: IdSource;
  logger: Logger;
  /**
   * Chats worked on at once by this process. A chat's slot is held from its claim to its last
   * acknowledgement, mostly waiting on Redis and the Bot API, so the default is well above the
   * cores: bench:webhook, in alternating pairs of runs, handled 9-36% more menu updates a second
   * with 64 than with 32 (fewer CPU ms per update, too), and no more with 128.
   */
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

/** An update on its way into the queue; `parsed` is its JSON already parsed, when the caller has it. */
export type AcceptedUpdate = Parameters<UpdateQueue['enqueue']>[0] & { parsed?: Update };

/** Stopping waits for the chats in hand; what is left stays queued. */
export interface UpdateWorker extends Pick<ClaimLoop, 'start' | 'stop' | 'wake' | 'active'> {
  /**
   * Queues an update (the webhook's and the poller's way in). With a free slot, the update's chat is
   * claimed in the same step when nobody holds it, and worked on at once: no claim round trip, and
   * no wait for the loop between the update's arrival and its handling.
   */
  accept(update: AcceptedUpdate, nowMs: number): Promise<'queued' | 'duplicate'>;
}

/** Parsed updates kept for the workers of this process (see `queuedHere`); about 2 KB each. */
const PARSED_KEPT = 512;

/** Entries the bot deferred to its own chat carry ids starting with "d"; Telegram's are numbers. */
const isDeferred = (entry: QueuedEntry) => entry.id.startsWith('d');

/**
 * The turn for one entry, and what acknowledging it writes: the kept session when it differs from
 * the stored one, otherwise only a fresh TTL for the stored one (a session lives from the last update).
 */
function turnFor(
  entry: QueuedEntry,
  sessionTtlMs: number,
  checkpoint: (session: { value: string; ttlMs: number }) => Promise<boolean>,
): { turn: ChatTurn; write(): SessionWrite | undefined } {
  let kept: { value: unknown } | undefined;
  /** What the store holds now: the session read with the entry, or the last checkpoint. */
  let stored = entry.session;
  const turn: ChatTurn = {
    floodHits: entry.floodHits,
    session: entry.session === undefined ? undefined : parseJsonOrUndefined(entry.session),
    keepSession(value) {
      kept = { value };
    },
    async checkpoint() {
      if (kept === undefined) return;
      const value = JSON.stringify(kept.value);
      if (value === stored) return;
      if (!(await checkpoint({ value, ttlMs: sessionTtlMs })))
        throw new ChatLeaseLostError('the chat passed to another worker');
      stored = value;
    },
  };
  return {
    turn,
    write() {
      const value = kept === undefined ? undefined : JSON.stringify(kept.value);
      if (value !== undefined && value !== stored) return { value, ttlMs: sessionTtlMs };
      return stored === undefined ? undefined : { touchTtlMs: sessionTtlMs };
    },
  };
}

export function createUpdateWorker(options: UpdateWorkerOptions): UpdateWorker {
  const { queue, clock } = options;
  const log = options.logger.child({ component: 'update-worker' });
  const concurrency = options.concurrency ?? 64;
  const leaseMs = options.leaseMs ?? 10_000;
  const pollIntervalMs = options.pollIntervalMs ?? 200;
  const maxAttempts = options.maxAttempts ?? 5;
  const retryDelayMs = options.retryDelayMs ?? 2_000;

  /**
   * Updates this process queued, as the webhook parsed them: when a worker here takes one up (at
   * once, claimed on arrival, or later from the loop) it need not parse the JSON again. Kept for the
   * last few hundred only; an update handled by another replica simply drops out.
   */
  const queuedHere = new Map<string, { json: string; parsed: Update }>();
  const rememberParsed = (id: string, json: string, parsed: Update) => {
    queuedHere.set(id, { json, parsed });
    if (queuedHere.size > PARSED_KEPT) queuedHere.delete(queuedHere.keys().next().value as string);
  };
  /** The kept form, only for the very JSON it was parsed from (Telegram may reuse ids after a week). */
  const parsedFor = (entry: QueuedEntry): Update | undefined => {
    const kept = queuedHere.get(entry.id);
    if (!kept) return undefined;
    queuedHere.delete(entry.id);
    return kept.json === entry.json ? kept.parsed : undefined;
  };

  /**
   * Handles one entry with its chat's lease renewed meanwhile: 'retry' when it must stay queued,
   * otherwise what acknowledging it writes to the session.
   */
  const handleOne = async (
    chat: string,
    token: string,
    entry: QueuedEntry,
  ): Promise<{ ack: false } | { ack: true; session: SessionWrite | undefined }> => {
    const { turn, write } = turnFor(entry, options.sessionTtlMs, (session) =>
      queue.checkpoint(chat, token, session),
    );
    if (entry.attempt > maxAttempts) {
      log.error('queued entry given up after repeated failures', {
        entryId: entry.id,
        chat,
        attempts: entry.attempt - 1,
      });
      // Unreadable JSON is given up too, or the chat would never move past it.
      const update = isDeferred(entry) ? undefined : (parseJsonOrUndefined(entry.json) as Update | undefined);
      if (update)
        await options
          .onGiveUp(update)
          .catch((error) => log.warn('could not tell the sender', { err: error }));
      return { ack: true, session: undefined };
    }
    const renewal = setInterval(() => {
      void queue
        .renew(chat, token, clock.nowMs(), leaseMs)
        .catch((error) => log.warn('could not renew a chat lease', { chat, err: error }));
    }, leaseMs / 3);
    try {
      if (isDeferred(entry)) await options.handleDeferred(entry.json, turn);
      else await options.handle(parsedFor(entry) ?? (JSON.parse(entry.json) as Update), turn);
      return { ack: true, session: write() };
    } catch (error) {
      if (!shouldRetryLater(error)) {
        // The bot's own error handler has already answered the sender; trying again would not help.
        // What the conversation reached before the failure is kept, as a later update would see it.
        log.error('update handling failed', { entryId: entry.id, err: error });
        return { ack: true, session: write() };
      }
      log.warn('update could not be handled now; it stays queued', { entryId: entry.id, err: error });
      return { ack: false };
    } finally {
      clearInterval(renewal);
    }
  };

  /** Works through one claimed chat until it is empty, the lease is lost, or handling must wait. */
  const drain = async (chat: string, token: string, first: QueuedEntry | undefined) => {
    let entry = first;
    if (!entry) {
      // Found empty: acknowledging nothing tidies it away (or changes nothing if it is not ours),
      // unless an entry arrived meanwhile, which it hands out.
      const after = await queue.ack(chat, undefined, token, clock.nowMs(), leaseMs);
      if (after.status !== 'more') return;
      entry = after.next;
    }
    for (;;) {
      const handled = await handleOne(chat, token, entry);
      if (!handled.ack) {
        await queue.release(chat, token, clock.nowMs() + retryDelayMs, entry.id);
        return;
      }
      const after = await queue.ack(chat, entry.id, token, clock.nowMs(), leaseMs, handled.session);
      if (after.status !== 'more') return;
      entry = after.next;
    }
  };

  const loop = createClaimLoop<{ chat: string; token: string; entry: QueuedEntry | undefined }>({
    concurrency,
    pollIntervalMs,
    async claim(room) {
      // A token per claim, not per process: should this process claim a chat again while an earlier
      // drain of it is still running (its lease lapsed), the two cannot act on each other's lease.
      const token = options.ids.nonce();
      const claimed = await queue.claim(clock.nowMs(), room, leaseMs, token);
      return claimed.map(({ chat, entry }) => ({ chat, token, entry }));
    },
    work: ({ chat, token, entry }) =>
      drain(chat, token, entry).catch((error) => log.warn('chat work stopped', { chat, err: error })),
    onClaimError: (error) => log.warn('could not claim queued updates', { err: error }),
  });

  return {
    start: () => loop.start(),
    stop: () => loop.stop(),
    wake: () => loop.wake(),
    active: () => loop.active(),
    async accept(update, nowMs) {
      const { parsed, ...queued } = update;
      /** Whoever works on it here finds it parsed. */
      const keepParsed = (taken: 'queued' | 'duplicate') => {
        if (taken === 'queued' && parsed) rememberParsed(String(update.updateId), update.json, parsed);
      };
      const slot = loop.reserve();
      if (!slot) {
        const taken = await queue.enqueue(queued, nowMs);
        keepParsed(taken);
        if (taken === 'queued') loop.wake();
        return taken;
      }
      const token = options.ids.nonce();
      let result: Awaited<ReturnType<UpdateQueue['enqueueAndClaim']>>;
      try {
        result = await queue.enqueueAndClaim(queued, nowMs, { token, leaseMs });
      } catch (error) {
        slot.cancel();
        throw error;
      }
      const { taken, entry } = result;
      keepParsed(taken);
      if (!entry) {
        slot.cancel();
        // Queued behind a chat another worker holds (or waiting chats, or a retry): the loop finds it.
        if (taken === 'queued') loop.wake();
      } else if (!slot.adopt({ chat: update.chat, token, entry }))
        // Stopped meanwhile: give the chat back at once (this try not counted) for the next worker.
        await queue.release(update.chat, token, nowMs, entry.id);
      return taken;
    },
  };
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
