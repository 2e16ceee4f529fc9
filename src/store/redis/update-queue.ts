import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { type Keys, UPDATES_SEEN_BUCKET_BITS } from '../keys.js';
import {
  type AckResult,
  chatSessionKey,
  type EnqueueResult,
  LASTING_CHOICES_SUFFIX,
  type QueuedEntry,
  type UpdateQueue,
} from '../ports.js';
import { type LuaScript, luaScript } from './lua-script.js';
import { LEASE_HELD } from './scripts.js';

/**
 * The update queue in Redis: one list per chat ("id floodHits json" entries, oldest first), a zset of
 * chats that have entries and when they may next be claimed, and leases like the order scheduler's.
 * A claimed chat's score is pushed past its lease, so a crashed worker's chat comes back by itself.
 *
 * Each call is one script, so an update costs three round trips from arrival to acknowledgement:
 * enqueue (dedupe, flood count, push), the claim that hands it out with the chat's session (or the
 * previous acknowledgement, which hands out the next entry), and its own acknowledgement, which
 * writes the session only while the lease is still the caller's. A worker with room claims the
 * chat in the enqueue itself (`enqueueAndClaim`): two round trips, and none between the update's
 * arrival and its handling.
 */

/** Does the hash field hold `token`'s lease ("token:expiresMs")? */
const HOLDS = `
local function holds(leases, chat, token)
  local holder = redis.call('HGET', leases, chat)
  return holder and string.sub(holder, 1, string.len(token) + 1) == token .. ':'
end
`;

/**
 * The chat's session, or without one its lasting choices (the key with LASTING_CHOICES_SUFFIX), ''
 * when neither; and the oldest entry of a chat list, its try counted, with that; nil when empty. Any
 * session hides the choices, even one the bot no longer reads (an older version): that buyer starts
 * one conversation in Telegram's language, and the choices count again once it has expired.
 */
const HEAD_ENTRY = `
local function session_of(session, lasting)
  return redis.call('GET', session) or redis.call('GET', lasting) or ''
end
local function head_entry(list, tries, session, lasting)
  local head = redis.call('LINDEX', list, 0)
  if not head then return nil end
  local id = string.match(head, '^(%S+) ')
  return {head, redis.call('HINCRBY', tries, id, 1), session_of(session, lasting)}
end
`;

/**
 * enqueue_update
 * KEYS[1] dedupe bitmap   KEYS[2] chat list   KEYS[3] ready zset   KEYS[4] depth counter
 * KEYS[5] the sender's flood counter (unused when ARGV[7] is 0)
 * KEYS[6] lease hash   KEYS[7] tries hash   KEYS[8] chat session (used only to claim)
 * KEYS[9] the chat's lasting choices (used only to claim, when the chat has no session)
 * ARGV[1] the update's bit in the bitmap   ARGV[2] dedupe TTL ms   ARGV[3] chat   ARGV[4] now ms
 * ARGV[5] update id   ARGV[6] update JSON   ARGV[7] flood window ms, 0 for no count
 * ARGV[8] token to claim the chat for, '' for none   ARGV[9] lease ms
 * Returns 0 when this update id was seen before; 1 when queued; with a token, {1, entry, tries,
 * session} when queued and the chat was claimed: due (not waiting out a retry) and leased to nobody,
 * exactly as claim_chats would have claimed it, and no other chat due before it (an update never
 * jumps ahead of chats already waiting for a worker). When the chat's oldest entry is this very
 * update (its list was empty), the entry comes back as '' with its flood count after the session,
 * {1, '', tries, session, hits}: the caller has the update already, so it does not travel back.
 */
const ENQUEUE: LuaScript = luaScript(`${LEASE_HELD}${HEAD_ENTRY}
if redis.call('SETBIT', KEYS[1], ARGV[1], 1) == 1 then return 0 end
-- Every bit lives at least the dedupe TTL: the bitmap's TTL restarts with each update it takes.
redis.call('PEXPIRE', KEYS[1], ARGV[2])
local hits = 0
local window = tonumber(ARGV[7])
if window > 0 then
  hits = redis.call('INCR', KEYS[5])
  if hits == 1 or redis.call('PTTL', KEYS[5]) < 0 then redis.call('PEXPIRE', KEYS[5], window) end
end
local length = redis.call('RPUSH', KEYS[2], ARGV[5] .. ' ' .. hits .. ' ' .. ARGV[6])
redis.call('ZADD', KEYS[3], 'NX', ARGV[4], ARGV[3])
redis.call('INCR', KEYS[4])
if ARGV[8] == '' then return 1 end
local now = tonumber(ARGV[4])
-- Due chats, oldest first: only this one (due, and nobody waiting before it) may be claimed here.
local due = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', now, 'LIMIT', 0, 2)
if #due ~= 1 or due[1] ~= ARGV[3] or lease_held(KEYS[6], ARGV[3], now) then return 1 end
local until_ms = now + tonumber(ARGV[9])
redis.call('HSET', KEYS[6], ARGV[3], ARGV[8] .. ':' .. until_ms)
redis.call('ZADD', KEYS[3], until_ms, ARGV[3])
if length == 1 then
  return {1, '', redis.call('HINCRBY', KEYS[7], ARGV[5], 1), session_of(KEYS[8], KEYS[9]), hits}
end
local entry = head_entry(KEYS[2], KEYS[7], KEYS[8], KEYS[9])
return {1, entry[1], entry[2], entry[3]}
`);

/**
 * defer_event
 * KEYS[1] chat list   KEYS[2] ready zset   KEYS[3] depth counter
 * ARGV[1] entry ("id 0 json")   ARGV[2] chat   ARGV[3] now ms
 */
const DEFER: LuaScript = luaScript(`
redis.call('RPUSH', KEYS[1], ARGV[1])
redis.call('ZADD', KEYS[2], 'NX', ARGV[3], ARGV[2])
redis.call('INCR', KEYS[3])
return 1
`);

/**
 * claim_chats
 * KEYS[1] ready zset   KEYS[2] lease hash   KEYS[3] tries hash
 * ARGV[1] now ms   ARGV[2] limit   ARGV[3] lease ms   ARGV[4] token
 * ARGV[5] chat list key prefix   ARGV[6] chat session key prefix   ARGV[7] lasting choices suffix
 * Returns {chat, entry, tries, session} per chat claimed ({chat} for a chat found empty). Every due
 * chat looked at is pushed past the lease, claimed or not, like the order scheduler's claim_due.
 */
const CLAIM: LuaScript = luaScript(`${LEASE_HELD}${HEAD_ENTRY}
local now = tonumber(ARGV[1])
local until_ms = now + tonumber(ARGV[3])
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[2]))
local claimed = {}
for _, chat in ipairs(due) do
  if not lease_held(KEYS[2], chat, now) then
    redis.call('HSET', KEYS[2], chat, ARGV[4] .. ':' .. until_ms)
    local session = ARGV[6] .. chat
    local entry = head_entry(ARGV[5] .. chat, KEYS[3], session, session .. ARGV[7])
    if entry then
      table.insert(claimed, {chat, entry[1], entry[2], entry[3]})
    else
      table.insert(claimed, {chat})
    end
  end
  redis.call('ZADD', KEYS[1], until_ms, chat)
end
return claimed
`);

/**
 * ack_entry
 * KEYS[1] chat list   KEYS[2] ready zset   KEYS[3] lease hash   KEYS[4] tries hash   KEYS[5] depth
 * KEYS[6] chat session   KEYS[7] the chat's lasting choices (handed out when it has no session)
 * ARGV[1] chat   ARGV[2] entry id, '' for none   ARGV[3] token   ARGV[4] now ms   ARGV[5] lease ms
 * ARGV[6] session: 'set', 'touch' or ''   ARGV[7] session TTL ms   ARGV[8] session value (for 'set')
 * Returns {1, entry, tries, session} when entries still wait (lease renewed, the next one handed
 * out), {0} when the chat is empty (lease released), {-1} when the lease is not the caller's
 * (nothing removed, nothing written).
 */
const ACK: LuaScript = luaScript(`${HOLDS}${HEAD_ENTRY}
if not holds(KEYS[3], ARGV[1], ARGV[3]) then return {-1} end
if ARGV[2] ~= '' then
  local head = redis.call('LPOP', KEYS[1])
  if head and string.sub(head, 1, string.len(ARGV[2]) + 1) == ARGV[2] .. ' ' then
    redis.call('HDEL', KEYS[4], ARGV[2])
    redis.call('DECR', KEYS[5])
  elseif head then
    -- Not the entry handled (never expected while the lease is held): it stays first.
    redis.call('LPUSH', KEYS[1], head)
  end
end
if ARGV[6] == 'set' then
  redis.call('SET', KEYS[6], ARGV[8], 'PX', ARGV[7])
elseif ARGV[6] == 'touch' then
  redis.call('PEXPIRE', KEYS[6], ARGV[7])
end
local entry = head_entry(KEYS[1], KEYS[4], KEYS[6], KEYS[7])
if not entry then
  redis.call('ZREM', KEYS[2], ARGV[1])
  redis.call('HDEL', KEYS[3], ARGV[1])
  return {0}
end
local until_ms = tonumber(ARGV[4]) + tonumber(ARGV[5])
redis.call('HSET', KEYS[3], ARGV[1], ARGV[3] .. ':' .. until_ms)
redis.call('ZADD', KEYS[2], until_ms, ARGV[1])
return {1, entry[1], entry[2], entry[3]}
`);

/**
 * checkpoint_session
 * KEYS[1] lease hash   KEYS[2] chat session
 * ARGV[1] chat   ARGV[2] token   ARGV[3] session value   ARGV[4] session TTL ms
 * Returns 1 when written, 0 when the lease is not the caller's (nothing written).
 */
const CHECKPOINT: LuaScript = luaScript(`${HOLDS}
if not holds(KEYS[1], ARGV[1], ARGV[2]) then return 0 end
redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[4])
return 1
`);

/**
 * renew_chat
 * KEYS[1] ready zset   KEYS[2] lease hash
 * ARGV[1] chat   ARGV[2] token   ARGV[3] until ms
 * Returns 1 when renewed, 0 when the lease is not the caller's.
 */
const RENEW: LuaScript = luaScript(`${HOLDS}
if not holds(KEYS[2], ARGV[1], ARGV[2]) then return 0 end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2] .. ':' .. ARGV[3])
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
return 1
`);

/**
 * release_chat
 * KEYS[1] ready zset   KEYS[2] lease hash   KEYS[3] tries hash
 * ARGV[1] chat   ARGV[2] token   ARGV[3] claimable again from ms   ARGV[4] entry id to forgive, or ''
 * Returns 1 when released, 0 when the lease is not the caller's.
 */
const RELEASE: LuaScript = luaScript(`${HOLDS}
if not holds(KEYS[2], ARGV[1], ARGV[2]) then return 0 end
redis.call('HDEL', KEYS[2], ARGV[1])
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
if ARGV[4] ~= '' and tonumber(redis.call('HGET', KEYS[3], ARGV[4]) or '0') > 0 then
  redis.call('HINCRBY', KEYS[3], ARGV[4], -1)
end
return 1
`);

/**
 * A stored entry, "id floodHits json" (`json`, when given, in place of the text after the count).
 * Entries queued before flood counts moved into the queue read "id json"; JSON never starts with a
 * digit, so they are told apart and count as uncounted.
 */
function entryFrom(raw: string, tries: unknown, session: unknown, json?: string): QueuedEntry {
  const idEnd = raw.indexOf(' ');
  const hitsEnd = raw.indexOf(' ', idEnd + 1);
  const hits = hitsEnd > idEnd ? raw.slice(idEnd + 1, hitsEnd) : '';
  const counted = /^\d+$/.test(hits);
  return {
    id: raw.slice(0, idEnd),
    floodHits: counted ? Number(hits) : 0,
    json: json ?? raw.slice(counted ? hitsEnd + 1 : idEnd + 1),
    attempt: Number(tries),
    session: typeof session === 'string' && session !== '' ? session : undefined,
  };
}

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
  const sessionKey = (chat: string) => keys.session(chatSessionKey(chat));
  const lastingKey = (chat: string) => `${sessionKey(chat)}${LASTING_CHOICES_SUFFIX}`;
  const enqueue = async (
    update: Parameters<UpdateQueue['enqueue']>[0],
    nowMs: number,
    claim?: { token: string; leaseMs: number },
  ): Promise<EnqueueResult> => {
    const seen = keys.updatesSeen(update.updateId);
    const answer = (await ENQUEUE.run(
      redis,
      [
        seen,
        keys.inbox(update.chat),
        keys.inboxReady,
        keys.inboxDepth,
        update.flood ? keys.counter(update.flood.counter) : seen,
        keys.inboxLeases,
        keys.inboxTries,
        sessionKey(update.chat),
        lastingKey(update.chat),
      ],
      [
        String(update.updateId % UPDATES_SEEN_BUCKET_BITS),
        String(dedupeTtlMs),
        update.chat,
        String(nowMs),
        String(update.updateId),
        update.json,
        String(update.flood ? Math.max(1, Math.ceil(update.flood.windowMs)) : 0),
        claim?.token ?? '',
        String(claim?.leaseMs ?? 0),
      ],
    )) as number | [number, string, number, string, number?];
    if (Array.isArray(answer)) {
      const [, raw, tries, session, hits] = answer;
      const entry =
        raw === ''
          ? entryFrom(`${update.updateId} ${Number(hits)} `, tries, session, update.json)
          : entryFrom(raw, tries, session);
      return { taken: 'queued', entry };
    }
    return { taken: Number(answer) === 1 ? 'queued' : 'duplicate' };
  };
  return {
    async enqueue(update, nowMs) {
      return (await enqueue(update, nowMs)).taken;
    },
    enqueueAndClaim: (update, nowMs, claim) => enqueue(update, nowMs, claim),
    async defer(chat, json, nowMs) {
      const id = `d${randomBytes(8).toString('hex')}`;
      await DEFER.run(
        redis,
        [keys.inbox(chat), keys.inboxReady, keys.inboxDepth],
        [`${id} 0 ${json}`, chat, String(nowMs)],
      );
    },
    async claim(nowMs, limit, leaseMs, token) {
      const claimed = (await CLAIM.run(
        redis,
        [keys.inboxReady, keys.inboxLeases, keys.inboxTries],
        [
          String(nowMs),
          String(limit),
          String(leaseMs),
          token,
          keys.inbox(''),
          sessionKey(''),
          LASTING_CHOICES_SUFFIX,
        ],
      )) as Array<[string, string?, number?, string?]>;
      return claimed.map(([chat, raw, tries, session]) => ({
        chat,
        entry: raw === undefined ? undefined : entryFrom(raw, tries, session),
      }));
    },
    async ack(chat, id, token, nowMs, leaseMs, session): Promise<AckResult> {
      const write =
        session === undefined
          ? ['', '0', '']
          : 'value' in session
            ? ['set', String(session.ttlMs), session.value]
            : ['touch', String(session.touchTtlMs), ''];
      const [status, raw, tries, stored] = (await ACK.run(
        redis,
        [
          keys.inbox(chat),
          keys.inboxReady,
          keys.inboxLeases,
          keys.inboxTries,
          keys.inboxDepth,
          sessionKey(chat),
          lastingKey(chat),
        ],
        [chat, id ?? '', token, String(nowMs), String(leaseMs), ...write],
      )) as [number, string?, number?, string?];
      if (status === 1 && raw !== undefined) return { status: 'more', next: entryFrom(raw, tries, stored) };
      return { status: status === 0 ? 'done' : 'lost' };
    },
    async checkpoint(chat, token, session) {
      const written = await CHECKPOINT.run(
        redis,
        [keys.inboxLeases, sessionKey(chat)],
        [chat, token, session.value, String(session.ttlMs)],
      );
      return Number(written) === 1;
    },
    async renew(chat, token, nowMs, leaseMs) {
      const renewed = await RENEW.run(
        redis,
        [keys.inboxReady, keys.inboxLeases],
        [chat, token, String(nowMs + leaseMs)],
      );
      return Number(renewed) === 1;
    },
    async release(chat, token, retryAtMs, forgive) {
      await RELEASE.run(
        redis,
        [keys.inboxReady, keys.inboxLeases, keys.inboxTries],
        [chat, token, String(retryAtMs), forgive ?? ''],
      );
    },
    async depth() {
      return Math.max(0, Number((await redis.get(keys.inboxDepth)) ?? 0));
    },
  };
}
