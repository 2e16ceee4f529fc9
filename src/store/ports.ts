import type { PricingRules } from '../wallet/pricing.js';

/** Small key-value ports the bot needs besides orders. Redis and in-memory implementations exist. */

/** Conversation UI state per chat. Never money or order state. */
export interface SessionStore<T> {
  get(key: string): Promise<T | undefined>;
  /** Stores and (re)starts the TTL. */
  set(key: string, value: T, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
}

/** Telegram re-delivers webhook updates; this answers "have we seen this one?" exactly once. */
export interface UpdateDedupe {
  /** True the first time an update id is seen within `ttlMs`, false after. */
  firstSeen(updateId: number, ttlMs: number): Promise<boolean>;
}

/** Mutual exclusion across processes, e.g. one update per chat at a time. */
export interface LockStore {
  /** Returns a token if the lock was free, undefined if someone holds it. */
  acquire(name: string, ttlMs: number): Promise<string | undefined>;
  /** Releases only if `token` still holds the lock. */
  release(name: string, token: string): Promise<void>;
}

/** A shared cache of JSON values (the provider's catalog). */
export interface CacheStore {
  get<T>(name: string): Promise<T | undefined>;
  set<T>(name: string, value: T, ttlMs: number): Promise<void>;
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
