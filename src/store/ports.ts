import type { PricingRules } from '../wallet/pricing.js';

/** Small key-value ports the bot needs besides orders. Redis and in-memory implementations exist. */

/** Conversation UI state per chat. Never money or order state. */
export interface SessionStore<T> {
  get(key: string): Promise<T | undefined>;
  /** Stores and (re)starts the TTL. */
  set(key: string, value: T, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
}

/** Mutual exclusion across processes, e.g. one update per chat at a time. */
export interface LockStore {
  /** Returns a token if the lock was free, undefined if someone holds it. */
  acquire(name: string, ttlMs: number): Promise<string | undefined>;
  /** Releases only if `token` still holds the lock. */
  release(name: string, token: string): Promise<void>;
  /** Extends the lock to `ttlMs` from now if `token` still holds it; false otherwise. */
  renew(name: string, token: string, ttlMs: number): Promise<boolean>;
}

/** A shared cache of JSON values (the provider's catalog, pending admin actions, reports). */
export interface CacheStore {
  /** The value as stored now, read and parsed afresh on every call; undefined when none or expired. */
  get<T>(name: string): Promise<T | undefined>;
  /**
   * Stores the value, with a small version beside it, and (re)starts the TTL. This process's
   * `getShared` sees it at once. Storing `undefined` removes the value.
   */
  set<T>(name: string, value: T, ttlMs: number): Promise<void>;
  /**
   * `get` for a large value that many updates read and that changes only when it is `set` (the
   * provider's catalog): parsed once per process per version, and the same deeply frozen object is
   * returned to every caller. A process reuses its copy without asking the store for up to
   * `recheckMs`, so a `set` from another process is seen within `recheckMs` (bounded staleness);
   * then it asks only whether the version changed, and reads the value again only when it did.
   * Never past the value's TTL: an expired value is undefined here as it is in `get`. A recheck
   * that fails (the store is away) keeps the copy until that TTL; without a copy it throws.
   */
  getShared<T>(name: string, options: { recheckMs: number }): Promise<T | undefined>;
}

/**
 * Fixed-window counters shared by every replica: flood control per user, and alerts that should go
 * out once however many processes notice the same thing.
 */
export interface CounterStore {
  /**
   * Counts one hit on `name` and returns how many hits its current window has seen, this one
   * included. The first hit opens a window of `windowMs`; when it ends the count starts again at 1.
   */
  hit(name: string, windowMs: number): Promise<number>;
}

/** The owner's price rules with the version that wrote them (0: never written, no rules). */
export interface VersionedPricingRules {
  rules: PricingRules;
  version: number;
}

export type PricingRulesWrite =
  | { status: 'written'; version: number }
  /** Someone else wrote first: `version` is the current one; read again and re-apply the change. */
  | { status: 'stale'; version: number };

/**
 * The owner's price rules, one record. Versions let two admins edit at once without losing an
 * update: read, change, then write with the version read; the second writer gets `stale`.
 *
 * Reading fails closed: a stored record that does not pass the schema throws a PricingRulesError
 * instead of falling back to "no rules", so nothing is sold at a wrong price while it is corrupt.
 */
export interface PricingRuleStore {
  /** The current rules; `NO_PRICING_RULES` at version 0 when none were ever written. */
  get(): Promise<VersionedPricingRules>;
  /**
   * Writes `rules` (validated first; invalid rules throw a PricingRulesError and nothing is written).
   * With `expectedVersion`, only if the stored version is still that one (0: nothing stored yet);
   * without it, unconditionally. Each write bumps the version by one.
   */
  set(rules: PricingRules, expectedVersion?: number): Promise<PricingRulesWrite>;
}

/**
 * The session a queued chat's updates run against: the session store's `chat:{chat}` entry. The
 * update queue reads it with each update it hands out and writes it when the update is acknowledged,
 * under the chat's lease, so a worker that lost its lease can never overwrite a newer conversation.
 */
export function chatSessionKey(chat: string | number): string {
  return `chat:${chat}`;
}

/**
 * What outlives a chat's session: the buyer's own choices (their language), kept under the session's
 * key with this suffix. When a chat has no session, the update queue hands out this entry instead,
 * in the same step, so a returning buyer's first update starts in their language at no extra cost.
 */
export const LASTING_CHOICES_SUFFIX = ':prefs';

/**
 * One entry waiting in a chat's queue, handed to the worker holding the chat: a Telegram update (id:
 * its update_id, json: what Telegram sent) or a deferred event the bot queued for the chat itself
 * (id starting with "d", json: the bot's own payload).
 */
export interface QueuedEntry {
  id: string;
  json: string;
  /** How often a worker has started handling it (1 on the first try). */
  attempt: number;
  /** The sender's updates in the current flood window when this one arrived, itself included; 0 uncounted. */
  floodHits: number;
  /**
   * The chat's session (`chatSessionKey`) as stored when the entry was handed out, raw JSON; without
   * one, the chat's lasting choices (`LASTING_CHOICES_SUFFIX`) when there are any.
   */
  session: string | undefined;
}

/** What acknowledging an entry does to the chat's session: replace it, or only restart its TTL. */
export type SessionWrite = { value: string; ttlMs: number } | { touchTtlMs: number };

/** The chat's next entry, or what became of it: emptied (lease released) or leased to someone else. */
export type AckResult = { status: 'more'; next: QueuedEntry } | { status: 'done' } | { status: 'lost' };

/** How an update is counted for flood control as it arrives: per sender, in fixed windows. */
export interface FloodCount {
  /** The counter store's name for the sender. */
  counter: string;
  windowMs: number;
}

/**
 * The durable inbox of Telegram updates, shared by every replica. The webhook (or the poller) puts
 * each update into its chat's queue once and answers Telegram at once; workers take whole chats, so
 * the updates of one chat are handled in order while chats run side by side. An update leaves its
 * queue only when it has been handled (`ack`), so a crash mid-handling hands it to the next worker
 * when the chat's short lease runs out.
 *
 * Every call is one round trip: arrival, dedupe and the flood count together; a claim hands out each
 * chat's first entry with its session; an acknowledgement writes the session and hands out the next.
 */
/** What `enqueueAndClaim` did: whether the update was taken, and the chat's entry when it was claimed. */
export interface EnqueueResult {
  taken: 'queued' | 'duplicate';
  entry?: QueuedEntry;
}

export interface UpdateQueue {
  /**
   * Queues an update once per update id (Telegram re-delivers); 'duplicate' when it was seen. With
   * `flood`, counts it against its sender (duplicates are not counted).
   */
  enqueue(
    update: { updateId: number; chat: string; json: string; flood?: FloodCount },
    nowMs: number,
  ): Promise<'queued' | 'duplicate'>;
  /**
   * `enqueue`, and in the same step `claim` for the update's chat when it is due, leased to nobody,
   * and no other chat is waiting before it: then `entry` is the chat's oldest entry (this try
   * counted), as `claim` would hand it out, and the chat is leased to `claim.token` for
   * `claim.leaseMs`. A duplicate claims nothing.
   */
  enqueueAndClaim(
    update: { updateId: number; chat: string; json: string; flood?: FloodCount },
    nowMs: number,
    claim: { token: string; leaseMs: number },
  ): Promise<EnqueueResult>;
  /** Queues an event for a chat behind its waiting updates (no dedupe, no flood count). */
  defer(chat: string, json: string, nowMs: number): Promise<void>;
  /**
   * Leases up to `limit` chats with waiting entries to `token` for `leaseMs`, each with its oldest
   * entry (counting this try), or undefined for a chat found empty (acknowledge it to tidy it away).
   */
  claim(
    nowMs: number,
    limit: number,
    leaseMs: number,
    token: string,
  ): Promise<Array<{ chat: string; entry: QueuedEntry | undefined }>>;
  /**
   * Removes the handled entry (if it is still the oldest), applies `session`, and hands the chat
   * back: 'more' with the next entry while entries wait (the chat stays leased to `token`), 'done'
   * when the queue is empty (lease released), 'lost' when the lease had passed to another worker
   * (nothing removed, nothing written). `id` undefined acknowledges nothing (an empty chat).
   */
  ack(
    chat: string,
    id: string | undefined,
    token: string,
    nowMs: number,
    leaseMs: number,
    session?: SessionWrite,
  ): Promise<AckResult>;
  /**
   * Writes the chat's session now, before acknowledging, only while `token` holds the chat: before
   * an effect that must not run twice (one that creates an order or a top-up), so a replay after a
   * crash finds the conversation past it. False when the lease was lost (nothing written).
   */
  checkpoint(chat: string, token: string, session: { value: string; ttlMs: number }): Promise<boolean>;
  /** Extends `token`'s lease; false when it was lost. */
  renew(chat: string, token: string, nowMs: number, leaseMs: number): Promise<boolean>;
  /**
   * Gives the chat back without removing anything, to be claimed again from `retryAtMs`. With
   * `forgive`, that entry's last try is not counted: it could not run (store away, chat busy), which
   * says nothing about the update itself.
   */
  release(chat: string, token: string, retryAtMs: number, forgive?: string): Promise<void>;
  /** Updates waiting across all chats (for /metrics). */
  depth(): Promise<number>;
}

/**
 * Buyers an admin has verified (eKYC) for JomPAY, each with the IC or passport number the admin
 * checked. JomPAY payments send that number as the payer's, never one the buyer types.
 */
export interface VerifiedPayer {
  userId: number;
  kind: 'nric' | 'passport';
  /** The IC (12 digits, no dashes) or passport number, as the admin typed it after normalising. */
  id: string;
  verifiedBy: number;
  verifiedAt: number;
}

export interface VerifiedPayerStore {
  get(userId: number): Promise<VerifiedPayer | undefined>;
  /** Records (or replaces) a buyer's verified number. */
  set(payer: VerifiedPayer): Promise<void>;
  /** Forgets a buyer's verification; false when there was none. */
  remove(userId: number): Promise<boolean>;
}
