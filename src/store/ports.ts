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
