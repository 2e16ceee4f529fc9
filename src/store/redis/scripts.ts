/**
 * Lua scripts for every change that touches several keys or must compare before it sets. Each runs
 * atomically in Redis, so concurrent callers (double taps, duplicated webhooks, two replicas, a
 * callback racing a re-query) see one winner.
 */

/**
 * Shared by apply_entry, create_order and cas_order: one buyer's wallet, as four keys
 * (balance string, ledger list, entry-id hash, the set of wallet owners).
 *
 * wallet_balance(key) is the balance in minor units (0 when there is none yet), or nil when the
 * stored text is not an integer.
 *
 * apply_entry(balance key, ledger key, ids key, users key, user id, entry id, amount, entry JSON)
 * writes the entry once: `entry JSON` is the entry without `balanceAfter` (an object, written by the
 * store), which is appended here. Returns {'applied', new balance, entry JSON},
 * {'duplicate', balance, stored entry JSON} when the id was written before (nothing changes), or
 * {'insufficient', balance} for a debit beyond the balance (nothing changes). Raises an error, before
 * writing anything, when the balance is not an integer, so a caller that writes after it writes
 * nothing either.
 */
export const WALLET = `
local function wallet_balance(key)
  local raw = redis.call('GET', key)
  if not raw then return 0 end
  if not string.match(raw, '^%-?%d+$') then return nil end
  return tonumber(raw)
end

local function apply_entry(balance_key, ledger_key, ids_key, users_key, user_id, entry_id, amount, entry_json)
  local balance = wallet_balance(balance_key)
  if balance == nil then error('the wallet balance of user ' .. user_id .. ' is not an integer') end
  local stored = redis.call('HGET', ids_key, entry_id)
  if stored then return {'duplicate', string.format('%d', balance), stored} end
  local change = tonumber(amount)
  if change < 0 and balance + change < 0 then return {'insufficient', string.format('%d', balance)} end
  local after = redis.call('INCRBY', balance_key, amount)
  local entry = string.sub(entry_json, 1, -2) .. ',"balanceAfter":' .. string.format('%d', after) .. '}'
  redis.call('RPUSH', ledger_key, entry)
  redis.call('HSET', ids_key, entry_id, entry)
  redis.call('SADD', users_key, user_id)
  return {'applied', string.format('%d', after), entry}
end
`;

/**
 * The buyer's notice of a ledger entry just written ("userId:entryId" in the outbox), held by
 * `holder` and due when the hold ends; nothing when `holder` is ''.
 */
export const NOTICE = `
local function add_notice(notices_key, leases_key, user_id, entry_id, holder, until_ms)
  if holder == '' then return end
  local notice = user_id .. ':' .. entry_id
  redis.call('ZADD', notices_key, until_ms, notice)
  redis.call('HSET', leases_key, notice, holder .. ':' .. until_ms)
end
`;

/**
 * apply_entry
 * KEYS[1] wallet balance   KEYS[2] ledger list   KEYS[3] ledger ids hash   KEYS[4] wallets set
 * KEYS[5] wallet notices zset   KEYS[6] notice lease hash
 * ARGV[1] user id   ARGV[2] entry id   ARGV[3] signed amount (integer minor units, not 0)
 * ARGV[4] entry JSON without balanceAfter
 * ARGV[5] holder of the buyer's notice of this entry, or '' for no notice
 * ARGV[6] when the hold ends (ms): the notice is due then, and leased to the holder until then
 * Only when the entry is applied (not a duplicate, not refused) is its notice ("userId:entryId")
 * added, in the same step: an entry written is never left without its notice.
 * Returns {'applied', new balance, entry JSON}, {'duplicate', balance, stored entry JSON} or
 * {'insufficient', balance}; an error (nothing written) when the stored balance is not an integer.
 */
export const APPLY_ENTRY = `${WALLET}${NOTICE}
local result = apply_entry(KEYS[1], KEYS[2], KEYS[3], KEYS[4], ARGV[1], ARGV[2], ARGV[3], ARGV[4])
if result[1] == 'applied' then add_notice(KEYS[5], KEYS[6], ARGV[1], ARGV[2], ARGV[5], ARGV[6]) end
return result
`;

/**
 * create_order
 * KEYS[1] quote key   KEYS[2] order key   KEYS[3] user's orders zset
 * KEYS[4] open zset   KEYS[5] due zset   KEYS[6] created zset (every order by creation ms)
 * KEYS[7] buyer's wallet balance   KEYS[8] buyer's ledger list   KEYS[9] buyer's ledger ids hash
 * KEYS[10] wallets set (the buyer's wallet keys are passed even for an order without a charge)
 * ARGV[1] refid   ARGV[2] order JSON   ARGV[3] createdAt ms   ARGV[4] first dueAt ms
 * ARGV[5] quote TTL ms   ARGV[6] user id
 * ARGV[7] debit entry id (`purchase:<refid>`), or '' for an order without a charge
 * ARGV[8] debit amount (negative minor units)   ARGV[9] debit entry JSON without balanceAfter
 * The debit is taken before anything else is written: an order is never stored without its debit,
 * nor a debit without its order.
 * Returns {1, refid, balance after ('' without a charge)} when created (and debited);
 * {0, existing refid} when the quote already has an order (nothing debited);
 * {2, balance} when the balance is short of the price (nothing written, the quote stays free).
 * Errors, with nothing written, when the debit's id was written before (a reused refid) or the
 * stored balance is not an integer.
 */
export const CREATE_ORDER = `${WALLET}
local existing = redis.call('GET', KEYS[1])
if existing then return {0, existing} end
local balance = ''
if ARGV[7] ~= '' then
  local debit = apply_entry(KEYS[7], KEYS[8], KEYS[9], KEYS[10], ARGV[6], ARGV[7], ARGV[8], ARGV[9])
  if debit[1] == 'insufficient' then return {2, debit[2]} end
  if debit[1] ~= 'applied' then return redis.error_reply('ledger entry ' .. ARGV[7] .. ' exists already') end
  balance = debit[2]
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[5])
redis.call('SET', KEYS[2], ARGV[2])
redis.call('ZADD', KEYS[3], ARGV[3], ARGV[1])
redis.call('ZADD', KEYS[4], ARGV[3], ARGV[1])
redis.call('ZADD', KEYS[5], ARGV[4], ARGV[1])
redis.call('ZADD', KEYS[6], ARGV[3], ARGV[1])
return {1, ARGV[1], balance}
`;

/**
 * cas_order
 * KEYS[1] order key   KEYS[2] open zset   KEYS[3] due zset   KEYS[4] lease hash
 * KEYS[5] buyer's wallet balance   KEYS[6] buyer's ledger list   KEYS[7] buyer's ledger ids hash
 * KEYS[8] wallets set (the order's buyer's wallet keys, passed on every write)
 * ARGV[1] expected version   ARGV[2] new order JSON   ARGV[3] refid
 * ARGV[4] next dueAt ms, 'unschedule' or 'keep'   ARGV[5] '1' keep open, '0' close
 * ARGV[6] createdAt ms (score in the open set)
 * ARGV[7] lease token the writer must still hold, or '' for writes that need no lease
 * ARGV[8] return entry id (`return:<refid>`) when the new order is in a returning final state and
 * has a charge, else ''   ARGV[9] return amount (positive minor units)
 * ARGV[10] return entry JSON without balanceAfter   ARGV[11] user id
 * When the write goes ahead and ARGV[8] is set, the price is returned before the order is written
 * (once: a later write finds the entry and returns nothing more).
 * Returns what happened, as the word the store hands back: 'written'; 'missing' when the order
 * does not exist; 'lease-lost' when the lease is no longer the writer's (checked before the version:
 * a worker that lost its lease must step back, not re-read and retry); 'stale' when the stored
 * version differs, or the stored record is not readable JSON (the writer re-reads it, and the store's
 * read refuses it), so the script never overwrites what it cannot read.
 */
export const CAS_ORDER = `${WALLET}
local current = redis.call('GET', KEYS[1])
if not current then return 'missing' end
if ARGV[7] ~= '' then
  local holder = redis.call('HGET', KEYS[4], ARGV[3])
  if not holder or string.sub(holder, 1, string.len(ARGV[7]) + 1) ~= ARGV[7] .. ':' then return 'lease-lost' end
end
local readable, stored = pcall(cjson.decode, current)
if not readable or type(stored) ~= 'table' or tostring(stored.version) ~= ARGV[1] then return 'stale' end
if ARGV[8] ~= '' then
  apply_entry(KEYS[5], KEYS[6], KEYS[7], KEYS[8], ARGV[11], ARGV[8], ARGV[9], ARGV[10])
end
redis.call('SET', KEYS[1], ARGV[2])
if ARGV[5] == '1' then
  redis.call('ZADD', KEYS[2], ARGV[6], ARGV[3])
else
  redis.call('ZREM', KEYS[2], ARGV[3])
end
if ARGV[4] == 'unschedule' then
  redis.call('ZREM', KEYS[3], ARGV[3])
elseif ARGV[4] ~= 'keep' then
  redis.call('ZADD', KEYS[3], ARGV[4], ARGV[3])
end
return 'written'
`;

/**
 * Shared by try_lease and the update queue's scripts: is a member's lease (field value "token:expiresMs") still held?
 */
export const LEASE_HELD = `
local function lease_held(leases, refid, now)
  local holder = redis.call('HGET', leases, refid)
  if not holder then return false end
  local expires = tonumber(string.match(holder, ':(%d+)$'))
  return expires ~= nil and expires > now
end
`;

/**
 * claim_due
 * KEYS[1] due zset   KEYS[2] lease hash
 * ARGV[1] now ms   ARGV[2] limit   ARGV[3] lease ms   ARGV[4] claimer token
 * Returns the refids claimed. A refid claimed is pushed past its new lease; one someone else holds
 * is pushed to the end of the holder's lease, so it is looked at again exactly when a crashed
 * holder's lease runs out (not a whole lease after that), and a live holder's renewals keep it away.
 */
export const CLAIM_DUE = `
local now = tonumber(ARGV[1])
local until_ms = now + tonumber(ARGV[3])
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[2]))
local claimed = {}
for _, refid in ipairs(due) do
  local holder = redis.call('HGET', KEYS[2], refid)
  local held_until = holder and tonumber(string.match(holder, ':(%d+)$'))
  if held_until and held_until > now then
    redis.call('ZADD', KEYS[1], held_until, refid)
  else
    redis.call('HSET', KEYS[2], refid, ARGV[4] .. ':' .. until_ms)
    table.insert(claimed, refid)
    redis.call('ZADD', KEYS[1], until_ms, refid)
  end
end
return claimed
`;

/**
 * try_lease
 * KEYS[1] lease hash   ARGV[1] refid   ARGV[2] token   ARGV[3] now ms   ARGV[4] lease ms
 * Returns 1 when leased to token (a holder renewing its own lease included), 0 when someone else
 * holds it.
 */
export const TRY_LEASE = `${LEASE_HELD}
local now = tonumber(ARGV[3])
local holder = redis.call('HGET', KEYS[1], ARGV[1])
local mine = holder and string.sub(holder, 1, string.len(ARGV[2]) + 1) == ARGV[2] .. ':'
if not mine and lease_held(KEYS[1], ARGV[1], now) then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. ':' .. (now + tonumber(ARGV[4])))
return 1
`;

/**
 * release_notice: gives a notice back undelivered, due again now.
 * KEYS[1] wallet notices zset   KEYS[2] notice lease hash
 * ARGV[1] notice ("userId:entryId")   ARGV[2] token   ARGV[3] now ms
 * Returns 1 when released, 0 when the token no longer held it (nothing changes).
 */
export const RELEASE_NOTICE = `
local holder = redis.call('HGET', KEYS[2], ARGV[1])
if not holder or string.sub(holder, 1, string.len(ARGV[2]) + 1) ~= ARGV[2] .. ':' then return 0 end
redis.call('HDEL', KEYS[2], ARGV[1])
redis.call('ZADD', KEYS[1], 'XX', ARGV[3], ARGV[1])
return 1
`;

/**
 * release_lease
 * KEYS[1] lease hash   ARGV[1] refid   ARGV[2] token
 * Returns 1 when released, 0 when the token no longer held it.
 */
export const RELEASE_LEASE = `
local holder = redis.call('HGET', KEYS[1], ARGV[1])
if holder and string.sub(holder, 1, string.len(ARGV[2]) + 1) == ARGV[2] .. ':' then
  redis.call('HDEL', KEYS[1], ARGV[1])
  return 1
end
return 0
`;

/**
 * make_due
 * KEYS[1] due zset   ARGV[1] refid   ARGV[2] now ms
 * Moves a scheduled refid's due time to now if it was later. Returns 1 if scheduled, 0 if not.
 */
export const MAKE_DUE = `
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not score then return 0 end
if tonumber(score) > tonumber(ARGV[2]) then redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1]) end
return 1
`;

/**
 * release_lock
 * KEYS[1] lock key   ARGV[1] token
 * Deletes the lock only if the token still holds it. Returns 1 or 0.
 */
export const RELEASE_LOCK = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/**
 * renew_lock
 * KEYS[1] lock key   ARGV[1] token   ARGV[2] TTL ms
 * Extends the lock only if the token still holds it. Returns 1 or 0.
 */
export const RENEW_LOCK = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
`;

/**
 * hit_counter
 * KEYS[1] counter key   ARGV[1] window ms
 * Counts one hit and returns the hits in the current window. The first hit starts the window (the
 * key's TTL); a counter somehow left without a TTL gets one, so it can never block forever.
 */
export const HIT_COUNTER = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 or redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return hits
`;

/**
 * write_cache
 * KEYS[1] value key   KEYS[2] version key   ARGV[1] value JSON   ARGV[2] version   ARGV[3] TTL ms
 * Writes the value and its version with the same TTL, so they are read, and expire, together.
 * Returns 1.
 */
export const WRITE_CACHE = `
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
return 1
`;

/**
 * read_shared_cache
 * KEYS[1] value key   KEYS[2] version key   ARGV[1] the version the caller holds ('' for none)
 * Returns {-2} when there is no value; {ttl ms, version} when the stored version is the caller's
 * (the value itself is not sent); otherwise {ttl ms, version, value JSON}. The TTL is -1 for a value
 * without one; the version is '' for a value written without one (then the value is always sent).
 */
export const READ_SHARED_CACHE = `
local ttl = redis.call('PTTL', KEYS[1])
if ttl == -2 then return {-2} end
local version = redis.call('GET', KEYS[2]) or ''
if version ~= '' and version == ARGV[1] then return {ttl, version} end
return {ttl, version, redis.call('GET', KEYS[1])}
`;

/**
 * create_topup_claim: writes a new top-up claim once (no TTL: claims are money records).
 * KEYS[1] claim JSON   KEYS[2] claim state hash   KEYS[3] open claims zset
 * ARGV[1] claim JSON   ARGV[2] createdAt ms   ARGV[3] expiresAt ms   ARGV[4] claim id
 * Returns 1 when created, 0 when a claim with this id already exists (nothing changes).
 */
export const CREATE_TOPUP_CLAIM = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX') == false then return 0 end
redis.call('HSET', KEYS[2], 'state', 'awaiting_review', 'expiresAt', ARGV[3], 'credited', '0')
redis.call('ZADD', KEYS[3], ARGV[2], ARGV[4])
return 1
`;

/**
 * decide_topup_claim: the first decision on a claim wins, whoever and wherever it comes from.
 * KEYS[1] claim state hash   KEYS[2] open claims zset   KEYS[3] uncredited claims set
 * ARGV[1] claim id   ARGV[2] admin id   ARGV[3] 'approve' | 'reject'   ARGV[4] now ms
 * Returns 'decided', 'already-decided' (state is no longer awaiting_review: nothing changes),
 * 'expired' (an approval at or after expiresAt: nothing changes) or 'missing'.
 * An approval adds the claim to the uncredited set in the same step, so a crash before the credit
 * is recorded is found and repaired by the next read.
 */
export const DECIDE_TOPUP_CLAIM = `
local state = redis.call('HGET', KEYS[1], 'state')
if state == false then return 'missing' end
if state ~= 'awaiting_review' then return 'already-decided' end
local expires = tonumber(redis.call('HGET', KEYS[1], 'expiresAt'))
if ARGV[3] == 'approve' and (expires == nil or tonumber(ARGV[4]) >= expires) then return 'expired' end
local next_state = 'rejected'
if ARGV[3] == 'approve' then next_state = 'approved' end
redis.call('HSET', KEYS[1], 'state', next_state, 'decidedBy', ARGV[2], 'decidedAt', ARGV[4])
redis.call('ZREM', KEYS[2], ARGV[1])
if next_state == 'approved' then redis.call('SADD', KEYS[3], ARGV[1]) end
return 'decided'
`;

/**
 * remember_topup_proofs: the claims that used each proof fingerprint, in the order they arrived.
 * KEYS[1..n] fingerprint lists   ARGV[1] claim id   ARGV[2] TTL ms   ARGV[3] most claim ids kept
 * Adds the claim to each list it is not in yet (unless the list is full) and then keeps that list
 * ARGV[2] ms from now. Returns each list, oldest first, in KEYS order. One script for all of a
 * claim's fingerprints, so two claims sent at once are ordered the same way in every list.
 */
export const REMEMBER_TOPUP_PROOFS = `
local lists = {}
for i, key in ipairs(KEYS) do
  if redis.call('LPOS', key, ARGV[1]) == false and redis.call('LLEN', key) < tonumber(ARGV[3]) then
    redis.call('RPUSH', key, ARGV[1])
    redis.call('PEXPIRE', key, ARGV[2])
  end
  lists[i] = redis.call('LRANGE', key, 0, -1)
end
return lists
`;

/**
 * mark_topup_credited: records that the wallet holds the claim's entry.
 * KEYS[1] claim state hash   KEYS[2] uncredited claims set   ARGV[1] claim id
 * Returns 1 when the claim is approved (now marked), 0 otherwise (nothing changes).
 */
export const MARK_TOPUP_CREDITED = `
if redis.call('HGET', KEYS[1], 'state') ~= 'approved' then return 0 end
redis.call('HSET', KEYS[1], 'credited', '1')
redis.call('SREM', KEYS[2], ARGV[1])
return 1
`;
