/**
 * Every Redis key the bot uses, built in one place under a configurable prefix.
 *
 * | key                          | type   | TTL          | owner                                   |
 * | ---------------------------- | ------ | ------------ | --------------------------------------- |
 * | {p}order:{refid}             | string | none         | order store: the order as JSON          |
 * | {p}quote:{quoteId}           | string | 7 days       | order store: refid made from a quote    |
 * | {p}orders:user:{userId}      | zset   | none         | order store: refids by creation time    |
 * | {p}orders:open               | zset   | none         | order store: not final, or not notified |
 * | {p}orders:created            | zset   | none         | order store: every refid by creation ms |
 * | {p}orders:due                | zset   | none         | order store: refid by next re-query ms  |
 * | {p}orders:lease              | hash   | none (field) | order store: refid -> "token:expiresMs" |
 * | {p}wallet:{userId}           | string | none         | wallet store: balance in minor units    |
 * | {p}ledger:{userId}           | list   | none         | wallet store: entries as JSON, oldest   |
 * |                              |        |              |   first, append-only                    |
 * | {p}ledger:{userId}:ids       | hash   | none         | wallet store: entry id -> entry JSON    |
 * |                              |        |              |   (each id written once)                |
 * | {p}wallets                   | set    | none         | wallet store: user ids with a wallet    |
 * | {p}wallets:notices           | zset   | none         | wallet store: "userId:entryId" -> due   |
 * |                              |        |              |   ms, notices the buyer is to be told   |
 * | {p}wallets:notices:lease     | hash   | none (field) | wallet store: notice -> "token:expiresMs" |
 * | {p}topup:{id}                | string | none         | claim store: the claim as JSON (fixed)  |
 * | {p}topup:{id}:state          | hash   | none         | claim store: state, expiresAt,          |
 * |                              |        |              |   decidedBy, decidedAt, credited        |
 * | {p}topup:{id}:copies         | hash   | none         | claim store: adminId -> copy JSON       |
 * | {p}topups:open               | zset   | none         | claim store: awaiting review, by        |
 * |                              |        |              |   creation ms                           |
 * | {p}topups:uncredited         | set    | none         | claim store: approved, credit not yet   |
 * |                              |        |              |   recorded (the repair path reads it)   |
 * | {p}topupproof:{fingerprint}  | list   | 180 days     | proof store: claim ids that used one    |
 * |                              |        | after last   |   reference or receipt photo (a hash of |
 * |                              |        | use          |   it), oldest first                     |
 * | {p}topupproofs:backfill      | string | none / 10    | proof backfill: "done:<json counts>",   |
 * |                              |        | min running  |   or "running" while a replica runs it  |
 * | {p}payer:{userId}            | string | none         | verified payers: JomPAY eKYC as JSON    |
 * | {p}session:{key}             | string | session TTL  | session store: conversation UI state    |
 * | {p}session:chat:{id}:prefs   | string | 400 days     | the buyer's lasting choices (a picked   |
 * |                              |        |              |   language); the update queue hands it  |
 * |                              |        |              |   out when the chat has no session      |
 * | {p}updates-seen:{id/8192}    | string | 24 h after   | update dedupe: a bitmap, bit id%8192 set  |
 * |                              |        | its last bit |   once that update id was queued        |
 * | {p}lock:{name}               | string | lock TTL     | lock store: holder's token              |
 * | {p}cache:{name}              | string | cache TTL    | cache store: JSON                       |
 * | {p}cachever:{name}           | string | cache TTL    | cache store: the value's version (a     |
 * |                              |        |              |   hash of its JSON), written with it    |
 * | {p}cache:catalog:{prov}      | string | catalog TTL  | the provider's product list             |
 * | {p}cache:netstatus:{prov}:{code} | string | 60 s     | a product's network status, checked     |
 * | {p}cache:reconcile:{prov}:{day} | string | 400 days  | reconciliation report of a shop day     |
 * | {p}counter:{name}            | string | window       | counter store: hits in a fixed window   |
 * | {p}pricing:rules             | string | none         | pricing store: {version, rules} as JSON |
 * | {p}inbox:chat:{chat}         | list   | none         | update queue: "id floodHits json",      |
 * |                              |        |              |   oldest first                          |
 * | {p}inbox:ready               | zset   | none         | update queue: chat -> claimable from ms |
 * | {p}inbox:lease               | hash   | none (field) | update queue: chat -> "token:expiresMs" |
 * | {p}inbox:tries               | hash   | none (field) | update queue: entry id -> tries so far  |
 * | {p}inbox:depth               | string | none         | update queue: updates waiting, all chats |
 * | {p}topuprec:{id}             | hash   | none         | top-up store: one top-up of any method  |
 * |                              |        |              |   (fixed JSON + state, payer id, times) |
 * | {p}topuprec:payer:{m}:{pid}  | string | none         | top-up store: payer id -> top-up id     |
 * |                              |        |              |   (claim, bill, charge id; set once)    |
 * | {p}topuprec:due:{method}     | zset   | none         | top-up store: id -> next gateway check  |
 * | {p}topuprec:counts           | hash   | none         | top-up store: "method:state" -> count   |
 * | {p}topuprec:unmatched        | list   | none         | top-up store: payments that matched     |
 * |                              |        |              |   nothing, JSON, for the admins         |
 * | {p}topuprec:unmatched:ids    | set    | none         | top-up store: "method:payerId" recorded |
 *
 * The Lua scripts receive every key they touch in KEYS, so the layout also works on a Redis Cluster
 * as long as a deployment's keys share a hash tag (give the prefix one, e.g. "{shop}:"). One
 * exception: the update queue's claim builds each claimed chat's list, session and lasting-choices
 * keys from their prefixes (it cannot know the chats beforehand); with a shared hash tag they share
 * the slot too.
 */
/**
 * Update ids a dedupe bitmap covers: 1 KiB each. Telegram numbers a bot's updates one after another,
 * so a bitmap fills densely and costs an eighth of a byte per update instead of a key per update.
 */
export const UPDATES_SEEN_BUCKET_BITS = 8192;

export interface Keys {
  order(refid: string): string;
  quote(quoteId: string): string;
  userOrders(userId: number): string;
  openOrders: string;
  createdOrders: string;
  dueOrders: string;
  leases: string;
  wallet(userId: number): string;
  ledger(userId: number): string;
  ledgerIds(userId: number): string;
  wallets: string;
  walletNotices: string;
  walletNoticeLeases: string;
  topupClaim(id: string): string;
  topupState(id: string): string;
  topupCopies(id: string): string;
  openTopups: string;
  uncreditedTopups: string;
  topupProof(fingerprint: string): string;
  topupProofBackfill: string;
  verifiedPayer(userId: number): string;
  session(key: string): string;
  /** The dedupe bitmap holding `updateId`'s bit (see UPDATES_SEEN_BUCKET_BITS). */
  updatesSeen(updateId: number): string;
  lock(name: string): string;
  cache(name: string): string;
  cacheVersion(name: string): string;
  counter(name: string): string;
  pricingRules: string;
  inbox(chat: string): string;
  inboxReady: string;
  inboxLeases: string;
  inboxTries: string;
  inboxDepth: string;
  topupRecord(id: string): string;
  topupPayer(method: string, payerId: string): string;
  topupDue(method: string): string;
  topupCounts: string;
  topupUnmatched: string;
  topupUnmatchedIds: string;
}

export function createKeys(prefix: string): Keys {
  return {
    order: (refid) => `${prefix}order:${refid}`,
    quote: (quoteId) => `${prefix}quote:${quoteId}`,
    userOrders: (userId) => `${prefix}orders:user:${userId}`,
    openOrders: `${prefix}orders:open`,
    createdOrders: `${prefix}orders:created`,
    dueOrders: `${prefix}orders:due`,
    leases: `${prefix}orders:lease`,
    wallet: (userId) => `${prefix}wallet:${userId}`,
    ledger: (userId) => `${prefix}ledger:${userId}`,
    ledgerIds: (userId) => `${prefix}ledger:${userId}:ids`,
    wallets: `${prefix}wallets`,
    walletNotices: `${prefix}wallets:notices`,
    walletNoticeLeases: `${prefix}wallets:notices:lease`,
    topupClaim: (id) => `${prefix}topup:${id}`,
    topupState: (id) => `${prefix}topup:${id}:state`,
    topupCopies: (id) => `${prefix}topup:${id}:copies`,
    openTopups: `${prefix}topups:open`,
    uncreditedTopups: `${prefix}topups:uncredited`,
    topupProof: (fingerprint) => `${prefix}topupproof:${fingerprint}`,
    topupProofBackfill: `${prefix}topupproofs:backfill`,
    verifiedPayer: (userId) => `${prefix}payer:${userId}`,
    session: (key) => `${prefix}session:${key}`,
    updatesSeen: (updateId) => `${prefix}updates-seen:${Math.floor(updateId / UPDATES_SEEN_BUCKET_BITS)}`,
    lock: (name) => `${prefix}lock:${name}`,
    cache: (name) => `${prefix}cache:${name}`,
    cacheVersion: (name) => `${prefix}cachever:${name}`,
    counter: (name) => `${prefix}counter:${name}`,
    pricingRules: `${prefix}pricing:rules`,
    inbox: (chat) => `${prefix}inbox:chat:${chat}`,
    inboxReady: `${prefix}inbox:ready`,
    inboxLeases: `${prefix}inbox:lease`,
    inboxTries: `${prefix}inbox:tries`,
    inboxDepth: `${prefix}inbox:depth`,
    topupRecord: (id) => `${prefix}topuprec:${id}`,
    topupPayer: (method, payerId) => `${prefix}topuprec:payer:${method}:${payerId}`,
    topupDue: (method) => `${prefix}topuprec:due:${method}`,
    topupCounts: `${prefix}topuprec:counts`,
    topupUnmatched: `${prefix}topuprec:unmatched`,
    topupUnmatchedIds: `${prefix}topuprec:unmatched:ids`,
  };
}

export const DEFAULT_KEY_PREFIX = 'shopbot:';
