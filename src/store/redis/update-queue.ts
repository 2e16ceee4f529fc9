import type { Redis } from 'ioredis';
import type { Keys } from '../keys.js';
import type { QueuedUpdate, UpdateQueue } from '../ports.js';
import { CLAIM_DUE } from './scripts.js';

/**
 * The update queue in Redis: one list per chat ("updateId json" entries, oldest first), a zset of
 * chats that have updates and when they may next be claimed, and leases like the order scheduler's.
 * A claimed chat's score is pushed past its lease, so a crashed worker's chat comes back by itself.
 */

/** Does the hash field hold `token`'s lease ("token:expiresMs")? */
const HOLDS = `
local function holds(leases, chat, token)
  local holder = redis.call('HGET', leases, chat)
  return holder and string.sub(holder, 1, string.len(token) + 1) == token .. ':'
end
`;

/**
 * enqueue_update
 * KEYS[1] dedupe key   KEYS[2] chat list   KEYS[3] ready zset   KEYS[4] depth counter
 * ARGV[1] "updateId json"   ARGV[2] dedupe TTL ms   ARGV[3] chat   ARGV[4] now ms
 * Returns 1 when queued, 0 when this update id was seen before.
 */
const ENQUEUE = `
if not redis.call('SET', KEYS[1], '1', 'PX', ARGV[2], 'NX') then return 0 end
redis.call('RPUSH', KEYS[2], ARGV[1])
redis.call('ZADD', KEYS[3], 'NX', ARGV[4], ARGV[3])
redis.call('INCR', KEYS[4])
return 1
`;

/*
 * Claiming chats is the order scheduler's claim_due (scripts.ts) on the ready zset and the chat lease
 * hash: the same KEYS, ARGV and return, one script for both.
 */

/**
 * next_update
 * KEYS[1] chat list   KEYS[2] lease hash   KEYS[3] tries hash
 * ARGV[1] chat   ARGV[2] token
 * Returns {entry, tries} for the oldest update, or false when the list is empty or the lease is not
 * the caller's.
 */
const NEXT = `${HOLDS}
if not holds(KEYS[2], ARGV[1], ARGV[2]) then return false end
local head = redis.call('LINDEX', KEYS[1], 0)
if not head then return false end
local id = string.match(head, '^(%d+) ')
return {head, redis.call('HINCRBY', KEYS[3], id, 1)}
`;

/**
 * ack_update
 * KEYS[1] chat list   KEYS[2] ready zset   KEYS[3] lease hash   KEYS[4] tries hash   KEYS[5] depth
 * ARGV[1] chat   ARGV[2] updateId   ARGV[3] token   ARGV[4] now ms   ARGV[5] lease ms
 * Returns 1 when updates still wait (lease renewed), 0 when the chat is empty (lease released),
 * -1 when the lease is not the caller's (nothing removed).
 */
const ACK = `${HOLDS}
if not holds(KEYS[3], ARGV[1], ARGV[3]) then return -1 end
local head = redis.call('LINDEX', KEYS[1], 0)
if head and string.match(head, '^(%d+) ') == ARGV[2] then
  redis.call('LPOP', KEYS[1])
  redis.call('HDEL', KEYS[4], ARGV[2])
  redis.call('DECR', KEYS[5])
end
if redis.call('LLEN', KEYS[1]) == 0 then
  redis.call('ZREM', KEYS[2], ARGV[1])
  redis.call('HDEL', KEYS[3], ARGV[1])
  return 0
end
local until_ms = tonumber(ARGV[4]) + tonumber(ARGV[5])
redis.call('HSET', KEYS[3], ARGV[1], ARGV[3] .. ':' .. until_ms)
redis.call('ZADD', KEYS[2], until_ms, ARGV[1])
return 1
`;

/**
 * renew_chat
 * KEYS[1] ready zset   KEYS[2] lease hash
 * ARGV[1] chat   ARGV[2] token   ARGV[3] until ms
 * Returns 1 when renewed, 0 when the lease is not the caller's.
 */
const RENEW = `${HOLDS}
if not holds(KEYS[2], ARGV[1], ARGV[2]) then return 0 end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2] .. ':' .. ARGV[3])
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
return 1
`;

/**
 * release_chat
 * KEYS[1] ready zset   KEYS[2] lease hash   KEYS[3] tries hash
 * ARGV[1] chat   ARGV[2] token   ARGV[3] claimable again from ms   ARGV[4] updateId to forgive, or ''
 * Returns 1 when released, 0 when the lease is not the caller's.
 */
const RELEASE = `${HOLDS}
if not holds(KEYS[2], ARGV[1], ARGV[2]) then return 0 end
redis.call('HDEL', KEYS[2], ARGV[1])
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
if ARGV[4] ~= '' and tonumber(redis.call('HGET', KEYS[3], ARGV[4]) or '0') > 0 then
  redis.call('HINCRBY', KEYS[3], ARGV[4], -1)
end
return 1
`;

export interface RedisUpdateQueueOptions {
  /** How long an update id is remembered against re-deliveries; Telegram gives up within a day. */
  dedupeTtlMs?: number;
}

export function createRedisUpdateQueue(
  redis: Redis,
  keys: Keys,
  options: RedisUpdateQueueOptions = {},
): UpdateQueue {
  const dedupeTtlMs = options.dedupeTtlMs ?? 24 * 60 * 60 * 1000;
  return {
    async enqueue(update, nowMs) {
      const queued = await redis.eval(
        ENQUEUE,
        4,
        keys.update(update.updateId),
        keys.inbox(update.chat),
        keys.inboxReady,
        keys.inboxDepth,
        `${update.updateId} ${update.json}`,
        String(dedupeTtlMs),
        update.chat,
        String(nowMs),
      );
      return Number(queued) === 1 ? 'queued' : 'duplicate';
    },
    async claim(nowMs, limit, leaseMs, token) {
      return (await redis.eval(
        CLAIM_DUE,
        2,
        keys.inboxReady,
        keys.inboxLeases,
        String(nowMs),
        String(limit),
        String(leaseMs),
        token,
      )) as string[];
    },
    async next(chat, token): Promise<QueuedUpdate | undefined> {
      const found = (await redis.eval(
        NEXT,
        3,
        keys.inbox(chat),
        keys.inboxLeases,
        keys.inboxTries,
        chat,
        token,
      )) as [string, number] | null;
      if (!found) return undefined;
      const [entry, tries] = found;
      const space = entry.indexOf(' ');
      return {
        updateId: Number(entry.slice(0, space)),
        json: entry.slice(space + 1),
        attempt: Number(tries),
      };
    },
    async ack(chat, updateId, token, nowMs, leaseMs) {
      const result = Number(
        await redis.eval(
          ACK,
          5,
          keys.inbox(chat),
          keys.inboxReady,
          keys.inboxLeases,
          keys.inboxTries,
          keys.inboxDepth,
          chat,
          String(updateId),
          token,
          String(nowMs),
          String(leaseMs),
        ),
      );
      return result === 1 ? 'more' : result === 0 ? 'done' : 'lost';
    },
    async renew(chat, token, nowMs, leaseMs) {
      return (
        Number(
          await redis.eval(RENEW, 2, keys.inboxReady, keys.inboxLeases, chat, token, String(nowMs + leaseMs)),
        ) === 1
      );
    },
    async release(chat, token, retryAtMs, forgive) {
      await redis.eval(
        RELEASE,
        3,
        keys.inboxReady,
        keys.inboxLeases,
        keys.inboxTries,
        chat,
        token,
        String(retryAtMs),
        forgive === undefined ? '' : String(forgive),
      );
    },
    async depth() {
      return Math.max(0, Number((await redis.get(keys.inboxDepth)) ?? 0));
    },
  };
}
