import { randomBytes } from 'node:crypto';
import type { Clock } from '../../platform/clock.js';
import {
  type AckResult,
  type CounterStore,
  chatSessionKey,
  type EnqueueResult,
  LASTING_CHOICES_SUFFIX,
  type QueuedEntry,
  type SessionStore,
  type UpdateQueue,
} from '../ports.js';

/**
 * The update queue in process memory, with the Redis queue's semantics (see redis/update-queue.ts),
 * for the demo and single-process development. A restart loses what it held. Chat sessions and
 * flood counts live in the memory session and counter stores, as the Redis queue's live in theirs.
 */
export interface MemoryUpdateQueueDeps {
  sessions: SessionStore<unknown>;
  counters: CounterStore;
  dedupeTtlMs?: number;
}

interface Stored {
  id: string;
  json: string;
  floodHits: number;
}

export function createMemoryUpdateQueue(clock: Clock, deps: MemoryUpdateQueueDeps): UpdateQueue {
  const dedupeTtlMs = deps.dedupeTtlMs ?? 24 * 60 * 60 * 1000;
  /** Update id -> remembered until; in insertion order, which is expiry order (one TTL for all). */
  const seen = new Map<number, number>();
  /** Drops the ids whose time is up, oldest first, so a long demo does not keep every id forever. */
  const forgetExpired = (nowMs: number) => {
    for (const [id, until] of seen) {
      if (until > nowMs) break;
      seen.delete(id);
    }
  };
  const chats = new Map<string, Stored[]>();
  const ready = new Map<string, number>();
  const leases = new Map<string, { token: string; expiresMs: number }>();
  const tries = new Map<string, number>();

  const holds = (chat: string, token: string) => leases.get(chat)?.token === token;
  const leaseHeld = (chat: string, nowMs: number) => {
    const lease = leases.get(chat);
    return lease !== undefined && lease.expiresMs > nowMs;
  };
  const push = (chat: string, stored: Stored, nowMs: number) => {
    const queue = chats.get(chat) ?? [];
    queue.push(stored);
    chats.set(chat, queue);
    if (!ready.has(chat)) ready.set(chat, nowMs);
  };
  const headEntry = async (chat: string): Promise<QueuedEntry | undefined> => {
    const head = chats.get(chat)?.[0];
    if (!head) return undefined;
    const attempt = (tries.get(head.id) ?? 0) + 1;
    tries.set(head.id, attempt);
    const key = chatSessionKey(chat);
    const session =
      (await deps.sessions.get(key)) ?? (await deps.sessions.get(`${key}${LASTING_CHOICES_SUFFIX}`));
    return { ...head, attempt, session: session === undefined ? undefined : JSON.stringify(session) };
  };

  /**
   * Enqueues, and with `claim` claims the chat as the Redis script does: the push and the claim
   * check run with no await between them, so concurrent arrivals interleave as the scripts would.
   */
  const take = async (
    update: Parameters<UpdateQueue['enqueue']>[0],
    nowMs: number,
    claim?: { token: string; leaseMs: number },
  ): Promise<EnqueueResult> => {
    forgetExpired(clock.nowMs());
    if (seen.has(update.updateId)) return { taken: 'duplicate' };
    seen.set(update.updateId, clock.nowMs() + dedupeTtlMs);
    const floodHits = update.flood ? await deps.counters.hit(update.flood.counter, update.flood.windowMs) : 0;
    const chat = update.chat;
    push(chat, { id: String(update.updateId), json: update.json, floodHits }, nowMs);
    if (!claim) return { taken: 'queued' };
    const othersWaiting = [...ready].some(([other, at]) => other !== chat && at <= nowMs);
    if ((ready.get(chat) ?? nowMs) > nowMs || leaseHeld(chat, nowMs) || othersWaiting)
      return { taken: 'queued' };
    leases.set(chat, { token: claim.token, expiresMs: nowMs + claim.leaseMs });
    ready.set(chat, nowMs + claim.leaseMs);
    const entry = await headEntry(chat);
    return entry ? { taken: 'queued', entry } : { taken: 'queued' };
  };

  return {
    async enqueue(update, nowMs) {
      return (await take(update, nowMs)).taken;
    },
    enqueueAndClaim: take,
    async defer(chat, json, nowMs) {
      push(chat, { id: `d${randomBytes(8).toString('hex')}`, json, floodHits: 0 }, nowMs);
    },
    async claim(nowMs, limit, leaseMs, token) {
      const due = [...ready.entries()]
        .filter(([, at]) => at <= nowMs)
        .sort((a, b) => a[1] - b[1])
        .slice(0, limit);
      const claimed: Array<{ chat: string; entry: QueuedEntry | undefined }> = [];
      for (const [chat] of due) {
        if (!leaseHeld(chat, nowMs)) {
          leases.set(chat, { token, expiresMs: nowMs + leaseMs });
          claimed.push({ chat, entry: await headEntry(chat) });
        }
        ready.set(chat, nowMs + leaseMs);
      }
      return claimed;
    },
    async ack(chat, id, token, nowMs, leaseMs, session): Promise<AckResult> {
      if (!holds(chat, token)) return { status: 'lost' };
      const queue = chats.get(chat) ?? [];
      if (id !== undefined && queue[0]?.id === id) {
        queue.shift();
        tries.delete(id);
      }
      const key = chatSessionKey(chat);
      if (session && 'value' in session)
        await deps.sessions.set(key, JSON.parse(session.value), session.ttlMs);
      if (session && 'touchTtlMs' in session) {
        const stored = await deps.sessions.get(key);
        if (stored !== undefined) await deps.sessions.set(key, stored, session.touchTtlMs);
      }
      if (queue.length === 0) {
        chats.delete(chat);
        ready.delete(chat);
        leases.delete(chat);
        return { status: 'done' };
      }
      leases.set(chat, { token, expiresMs: nowMs + leaseMs });
      ready.set(chat, nowMs + leaseMs);
      const next = await headEntry(chat);
      return next ? { status: 'more', next } : { status: 'done' };
    },
    async checkpoint(chat, token, session) {
      if (!holds(chat, token)) return false;
      await deps.sessions.set(chatSessionKey(chat), JSON.parse(session.value), session.ttlMs);
      return true;
    },
    async renew(chat, token, nowMs, leaseMs) {
      if (!holds(chat, token)) return false;
      leases.set(chat, { token, expiresMs: nowMs + leaseMs });
      ready.set(chat, nowMs + leaseMs);
      return true;
    },
    async release(chat, token, retryAtMs, forgive) {
      if (!holds(chat, token)) return;
      leases.delete(chat);
      ready.set(chat, retryAtMs);
      const tried = forgive === undefined ? 0 : (tries.get(forgive) ?? 0);
      if (forgive !== undefined && tried > 0) tries.set(forgive, tried - 1);
    },
    async depth() {
      let waiting = 0;
      for (const queue of chats.values()) waiting += queue.length;
      return waiting;
    },
  };
}
