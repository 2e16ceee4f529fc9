import { NOTICE, WALLET } from './scripts.js';

/**
 * Lua scripts of the top-up store (see wallet/topups.ts for the state machine). A top-up is one
 * hash: `fixed` (the JSON written once: id, method, user, chat, amount, creation, Stars quote) plus
 * the fields that change: state, payerId, updatedAt, expiresAt, billUrl, note. Each script keeps
 * `{p}topuprec:counts` ("method:state" -> count) in step with the states it changes.
 */

const COUNT = `
local function move_count(counts_key, method, from, to)
  if from then redis.call('HINCRBY', counts_key, method .. ':' .. from, -1) end
  redis.call('HINCRBY', counts_key, method .. ':' .. to, 1)
end
`;

/**
 * create_topup
 * KEYS[1] top-up hash   KEYS[2] payer key (unused when ARGV[3] is '')   KEYS[3] counts hash
 * ARGV[1] fixed JSON   ARGV[2] top-up id   ARGV[3] payer id or ''   ARGV[4] method   ARGV[5] state
 * ARGV[6] createdAt ms   ARGV[7] expiresAt ms   ARGV[8] bill URL or ''
 * Returns 1 (created), 0 (this id exists: nothing changes), -1 (the payer id is another top-up's).
 */
export const CREATE_TOPUP = `${COUNT}
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
if ARGV[3] ~= '' then
  local bound = redis.call('GET', KEYS[2])
  if bound and bound ~= ARGV[2] then return -1 end
  redis.call('SET', KEYS[2], ARGV[2])
end
redis.call('HSET', KEYS[1], 'fixed', ARGV[1], 'state', ARGV[5], 'payerId', ARGV[3],
  'updatedAt', ARGV[6], 'expiresAt', ARGV[7], 'billUrl', ARGV[8], 'method', ARGV[4])
move_count(KEYS[3], ARGV[4], nil, ARGV[5])
return 1
`;

/**
 * open_topup: created -> awaiting_payment.
 * KEYS[1] top-up hash   KEYS[2] payer key (unused when ARGV[2] is '')   KEYS[3] due zset of its method
 * KEYS[4] counts hash
 * ARGV[1] top-up id   ARGV[2] payer id or ''   ARGV[3] bill URL or ''   ARGV[4] expiresAt ms or ''
 * ARGV[5] next check ms or ''   ARGV[6] now ms
 * Returns 1 (opened), 0 (not in created: nothing changes), -1 (payer id is another top-up's).
 */
export const OPEN_TOPUP = `${COUNT}
local state = redis.call('HGET', KEYS[1], 'state')
if state ~= 'created' then return 0 end
if ARGV[2] ~= '' then
  local bound = redis.call('GET', KEYS[2])
  if bound and bound ~= ARGV[1] then return -1 end
  redis.call('SET', KEYS[2], ARGV[1])
  redis.call('HSET', KEYS[1], 'payerId', ARGV[2])
end
if ARGV[3] ~= '' then redis.call('HSET', KEYS[1], 'billUrl', ARGV[3]) end
if ARGV[4] ~= '' then redis.call('HSET', KEYS[1], 'expiresAt', ARGV[4]) end
redis.call('HSET', KEYS[1], 'state', 'awaiting_payment', 'updatedAt', ARGV[6])
if ARGV[5] ~= '' then redis.call('ZADD', KEYS[3], ARGV[5], ARGV[1]) end
move_count(KEYS[4], redis.call('HGET', KEYS[1], 'method'), state, 'awaiting_payment')
return 1
`;

/**
 * credit_topup: the payment is confirmed at its source; the state and the wallet entry together.
 * KEYS[1] top-up hash   KEYS[2] payer key   KEYS[3] due zset of its method   KEYS[4] counts hash
 * KEYS[5] wallet balance   KEYS[6] ledger list   KEYS[7] ledger ids hash   KEYS[8] wallets set
 * KEYS[9] wallet notices zset   KEYS[10] notice lease hash
 * ARGV[1] top-up id   ARGV[2] payer id   ARGV[3] now ms   ARGV[4] user id   ARGV[5] entry id
 * ARGV[6] amount (minor units, > 0)   ARGV[7] entry JSON without balanceAfter
 * ARGV[8] holder of the buyer's notice of the credit, or '' for none   ARGV[9] when the hold ends (ms)
 * The notice goes into the wallet's outbox in the same step as the credit (as with apply_entry).
 * Returns {'missing'}, {'payer-taken', other id}, {'duplicate'} (credited before with this payer id,
 * whatever its refund did since), {'refused'} (rejected, or credited with another payer id) or
 * {'credited', balance}.
 * A top-up whose user or amount disagree with ARGV is an error, and nothing is written.
 */
export const CREDIT_TOPUP = `${WALLET}${NOTICE}${COUNT}
local state = redis.call('HGET', KEYS[1], 'state')
if not state then return {'missing'} end
local bound = redis.call('GET', KEYS[2])
if bound and bound ~= ARGV[1] then return {'payer-taken', bound} end
local mine = redis.call('HGET', KEYS[1], 'payerId')
if state == 'credited' or state == 'reversed' or state == 'refunding' or state == 'refund_short' then
  if mine == ARGV[2] then return {'duplicate'} end
  return {'refused'}
end
if state == 'rejected' then return {'refused'} end
if mine and mine ~= '' and mine ~= ARGV[2] then return {'refused'} end
local fixed = cjson.decode(redis.call('HGET', KEYS[1], 'fixed'))
if tostring(fixed.userId) ~= ARGV[4] or tostring(fixed.amount.minor) ~= ARGV[6] then
  error('top-up ' .. ARGV[1] .. ' does not match the credit asked for')
end
local applied = apply_entry(KEYS[5], KEYS[6], KEYS[7], KEYS[8], ARGV[4], ARGV[5], ARGV[6], ARGV[7])
if applied[1] == 'insufficient' then error('a top-up credit was refused by the wallet') end
if applied[1] == 'applied' then add_notice(KEYS[9], KEYS[10], ARGV[4], ARGV[5], ARGV[8], ARGV[9]) end
redis.call('SET', KEYS[2], ARGV[1])
redis.call('HSET', KEYS[1], 'state', 'credited', 'payerId', ARGV[2], 'updatedAt', ARGV[3])
redis.call('ZREM', KEYS[3], ARGV[1])
move_count(KEYS[4], fixed.method, state, 'credited')
return {'credited', applied[2]}
`;

/**
 * end_topup: created | awaiting_payment -> expired | rejected.
 * KEYS[1] top-up hash   KEYS[2] due zset of its method   KEYS[3] counts hash
 * ARGV[1] top-up id   ARGV[2] 'expired' | 'rejected'   ARGV[3] now ms   ARGV[4] note or ''
 * Returns 1 (changed) or 0 (in another state: nothing changes). A rejection leaves the due set; an
 * expiry keeps whatever check the caller scheduled (a deleted bill may still be paid).
 */
export const END_TOPUP = `${COUNT}
local state = redis.call('HGET', KEYS[1], 'state')
if state ~= 'created' and state ~= 'awaiting_payment' then return 0 end
redis.call('HSET', KEYS[1], 'state', ARGV[2], 'updatedAt', ARGV[3])
if ARGV[4] ~= '' then redis.call('HSET', KEYS[1], 'note', ARGV[4]) end
if ARGV[2] == 'rejected' then redis.call('ZREM', KEYS[2], ARGV[1]) end
move_count(KEYS[3], redis.call('HGET', KEYS[1], 'method'), state, ARGV[2])
return 1
`;

/**
 * start_refund: credited -> refunding, taking the credit back first, only when the balance allows.
 * A Stars refund takes the credit before Telegram is asked, so it cannot be spent meanwhile.
 * KEYS[1] top-up hash   KEYS[2] counts hash
 * KEYS[3] wallet balance   KEYS[4] ledger list   KEYS[5] ledger ids hash   KEYS[6] wallets set
 * ARGV[1] top-up id   ARGV[2] now ms   ARGV[3] user id   ARGV[4] the attempt this call writes
 * (refundAttempt + 1 as the caller read it)   ARGV[5] entry id   ARGV[6] amount (< 0)
 * ARGV[7] entry JSON without balanceAfter   ARGV[8] note
 * Returns {'missing'}, {'not-credited'}, {'refunding', attempt} (started before: ask again),
 * {'stale'} (refundAttempt moved since the caller read it: read again), {'insufficient', balance}
 * or {'started', balance}.
 */
export const START_REFUND = `${WALLET}${COUNT}
local state = redis.call('HGET', KEYS[1], 'state')
if not state then return {'missing'} end
local tried = tonumber(redis.call('HGET', KEYS[1], 'refundAttempt') or '0') or 0
if state == 'refunding' then return {'refunding', tostring(tried)} end
if state ~= 'credited' then return {'not-credited'} end
if tried + 1 ~= tonumber(ARGV[4]) then return {'stale'} end
local applied = apply_entry(KEYS[3], KEYS[4], KEYS[5], KEYS[6], ARGV[3], ARGV[5], ARGV[6], ARGV[7])
if applied[1] == 'insufficient' then return {'insufficient', applied[2]} end
if applied[1] == 'duplicate' then error('reversal ' .. ARGV[5] .. ' was written before') end
redis.call('HSET', KEYS[1], 'state', 'refunding', 'refundAttempt', ARGV[4], 'updatedAt', ARGV[2],
  'note', ARGV[8])
move_count(KEYS[2], redis.call('HGET', KEYS[1], 'method'), state, 'refunding')
return {'started', applied[2]}
`;

/**
 * finish_refund: refunding (this attempt) -> reversed; Telegram refunded the Stars. No wallet entry:
 * the credit was taken back when the refund started.
 * KEYS[1] top-up hash   KEYS[2] counts hash   ARGV[1] attempt   ARGV[2] now ms
 * Returns {'missing'}, {'not-refunding'} (nothing changes) or {'done'}.
 */
export const FINISH_REFUND = `${COUNT}
local state = redis.call('HGET', KEYS[1], 'state')
if not state then return {'missing'} end
if state ~= 'refunding' or redis.call('HGET', KEYS[1], 'refundAttempt') ~= ARGV[1] then
  return {'not-refunding'}
end
redis.call('HSET', KEYS[1], 'state', 'reversed', 'updatedAt', ARGV[2])
move_count(KEYS[2], redis.call('HGET', KEYS[1], 'method'), state, 'reversed')
return {'done'}
`;

/**
 * undo_refund: refunding (this attempt) -> credited, putting the credit back; Telegram refused.
 * KEYS[1] top-up hash   KEYS[2] counts hash
 * KEYS[3] wallet balance   KEYS[4] ledger list   KEYS[5] ledger ids hash   KEYS[6] wallets set
 * ARGV[1] attempt   ARGV[2] now ms   ARGV[3] user id   ARGV[4] entry id   ARGV[5] amount (> 0)
 * ARGV[6] entry JSON without balanceAfter   ARGV[7] note
 * Returns {'missing'}, {'not-refunding'} (nothing changes) or {'done', balance}. The attempt check
 * makes a second refusal of the same attempt (two admins, two replicas) put nothing back twice.
 */
export const UNDO_REFUND = `${WALLET}${COUNT}
local state = redis.call('HGET', KEYS[1], 'state')
if not state then return {'missing'} end
if state ~= 'refunding' or redis.call('HGET', KEYS[1], 'refundAttempt') ~= ARGV[1] then
  return {'not-refunding'}
end
local applied = apply_entry(KEYS[3], KEYS[4], KEYS[5], KEYS[6], ARGV[3], ARGV[4], ARGV[5], ARGV[6])
if applied[1] ~= 'applied' then error('restore ' .. ARGV[4] .. ' was written before') end
redis.call('HSET', KEYS[1], 'state', 'credited', 'updatedAt', ARGV[2], 'note', ARGV[7])
move_count(KEYS[2], redis.call('HGET', KEYS[1], 'method'), state, 'credited')
return {'done', applied[2]}
`;

/**
 * refunded_at_source: Telegram says the Stars of this top-up were refunded (refunded_payment).
 * Marks the top-up `refundSeen` so that this is handled once, whatever redelivers it.
 * KEYS[1] top-up hash   KEYS[2] counts hash
 * KEYS[3] wallet balance   KEYS[4] ledger list   KEYS[5] ledger ids hash   KEYS[6] wallets set
 * ARGV[1] now ms   ARGV[2] user id   ARGV[3] the attempt a reversal writes (refundAttempt + 1)
 * ARGV[4] entry id   ARGV[5] amount (< 0)   ARGV[6] entry JSON without balanceAfter   ARGV[7] note
 * Returns {'missing'}, {'duplicate'} (seen before), {'stale'} (read again), {'reversed', balance}
 * (credited: the credit taken back), {'short', balance} (credited, balance short: -> refund_short,
 * nothing taken), {'completed'} (refunding -> reversed, no entry), {'already'} (reversed before)
 * or {'not-credited'}.
 */
export const REFUNDED_AT_SOURCE = `${WALLET}${COUNT}
local state = redis.call('HGET', KEYS[1], 'state')
if not state then return {'missing'} end
if redis.call('HGET', KEYS[1], 'refundSeen') == '1' then return {'duplicate'} end
local method = redis.call('HGET', KEYS[1], 'method')
if state == 'credited' then
  local tried = tonumber(redis.call('HGET', KEYS[1], 'refundAttempt') or '0') or 0
  if tried + 1 ~= tonumber(ARGV[3]) then return {'stale'} end
  local applied = apply_entry(KEYS[3], KEYS[4], KEYS[5], KEYS[6], ARGV[2], ARGV[4], ARGV[5], ARGV[6])
  if applied[1] == 'duplicate' then error('reversal ' .. ARGV[4] .. ' was written before') end
  local to = 'reversed'
  if applied[1] == 'insufficient' then to = 'refund_short' end
  redis.call('HSET', KEYS[1], 'refundSeen', '1', 'state', to, 'updatedAt', ARGV[1], 'note', ARGV[7])
  if to == 'reversed' then redis.call('HSET', KEYS[1], 'refundAttempt', ARGV[3]) end
  move_count(KEYS[2], method, state, to)
  if to == 'refund_short' then return {'short', applied[2]} end
  return {'reversed', applied[2]}
end
if state == 'refunding' then
  redis.call('HSET', KEYS[1], 'refundSeen', '1', 'state', 'reversed', 'updatedAt', ARGV[1])
  move_count(KEYS[2], method, state, 'reversed')
  return {'completed'}
end
if state == 'reversed' then
  redis.call('HSET', KEYS[1], 'refundSeen', '1')
  return {'already'}
end
return {'not-credited'}
`;

/**
 * record_unmatched_payment: keeps a payment that matched nothing, once per method and payer id.
 * KEYS[1] unmatched list   KEYS[2] recorded ids set   ARGV[1] "method:payerId"   ARGV[2] JSON
 * Returns 1 (recorded) or 0 (recorded before).
 */
export const RECORD_UNMATCHED = `
if redis.call('SADD', KEYS[2], ARGV[1]) == 0 then return 0 end
redis.call('RPUSH', KEYS[1], ARGV[2])
return 1
`;
