import type { Clock } from '../../platform/clock.js';
import type { QueuedUpdate, UpdateQueue } from '../ports.js';

/**
 * The update queue in process memory, with the Redis queue's semantics (see redis/update-queue.ts),
 * for the demo and single-process development. A restart loses what it held.
 */
export function createMemoryUpdateQueue(clock: Clock, options: { dedupeTtlMs?: number } = {}): UpdateQueue {
  const dedupeTtlMs = options.dedupeTtlMs ?? 24 * 60 * 60 * 1000;
  const seen = new Map<number, number>();
  const chats = new Map<string, Array<{ updateId: number; json: string }>>();
  const ready = new Map<string, number>();
  const leases = new Map<string, { token: string; expiresMs: number }>();
  const tries = new Map<number, number>();

  const holds = (chat: string, token: string) => leases.get(chat)?.token === token;
  const leaseHeld = (chat: string, nowMs: number) => {
    const lease = leases.get(chat);
    return lease !== undefined && lease.expiresMs > nowMs;
  };

  return {
    async enqueue(update, nowMs) {
      const seenUntil = seen.get(update.updateId);
      if (seenUntil !== undefined && seenUntil > clock.nowMs()) return 'duplicate';
      seen.set(update.updateId, clock.nowMs() + dedupeTtlMs);
      const queue = chats.get(update.chat) ?? [];
      queue.push({ updateId: update.updateId, json: update.json });
      chats.set(update.chat, queue);
      if (!ready.has(update.chat)) ready.set(update.chat, nowMs);
      return 'queued';
    },
    async claim(nowMs, limit, leaseMs, token) {
      const due = [...ready.entries()]
        .filter(([, at]) => at <= nowMs)
        .sort((a, b) => a[1] - b[1])
        .slice(0, limit);
      const claimed: string[] = [];
      for (const [chat] of due) {
        if (!leaseHeld(chat, nowMs)) {
          leases.set(chat, { token, expiresMs: nowMs + leaseMs });
          claimed.push(chat);
        }
        ready.set(chat, nowMs + leaseMs);
      }
      return claimed;
    },
    async next(chat, token): Promise<QueuedUpdate | undefined> {
      if (!holds(chat, token)) return undefined;
      const head = chats.get(chat)?.[0];
      if (!head) return undefined;
      const attempt = (tries.get(head.updateId) ?? 0) + 1;
      tries.set(head.updateId, attempt);
      return { ...head, attempt };
    },
    async ack(chat, updateId, token, nowMs, leaseMs) {
      if (!holds(chat, token)) return 'lost';
      const queue = chats.get(chat) ?? [];
      if (queue[0]?.updateId === updateId) {
        queue.shift();
        tries.delete(updateId);
      }
      if (queue.length === 0) {
        chats.delete(chat);
        ready.delete(chat);
        leases.delete(chat);
        return 'done';
      }
      leases.set(chat, { token, expiresMs: nowMs + leaseMs });
      ready.set(chat, nowMs + leaseMs);
      return 'more';
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
