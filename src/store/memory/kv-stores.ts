import { randomUUID } from 'node:crypto';
import type { Clock } from '../../platform/clock.js';
import { deepFreeze } from '../../platform/json.js';
import type { CacheStore, CounterStore, LockStore, SessionStore } from '../ports.js';

/** Values with an expiry, for the in-memory stores. Expired entries are dropped when read. */
function createExpiringMap(clock: Clock) {
  const entries = new Map<string, { value: string; expiresMs: number }>();
  return {
    get(key: string): string | undefined {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.expiresMs <= clock.nowMs()) {
        entries.delete(key);
        return undefined;
      }
      return entry.value;
    },
    set(key: string, value: string, ttlMs: number) {
      entries.set(key, { value, expiresMs: clock.nowMs() + ttlMs });
    },
    delete(key: string) {
      entries.delete(key);
    },
  };
}

export function createMemorySessionStore<T>(clock: Clock): SessionStore<T> {
  const map = createExpiringMap(clock);
  return {
    async get(key) {
      const value = map.get(key);
      return value === undefined ? undefined : (JSON.parse(value) as T);
    },
    async set(key, value, ttlMs) {
      map.set(key, JSON.stringify(value), ttlMs);
    },
    async delete(key) {
      map.delete(key);
    },
  };
}

export function createMemoryLockStore(clock: Clock): LockStore {
  const map = createExpiringMap(clock);
  return {
    async acquire(name, ttlMs) {
      if (map.get(name) !== undefined) return undefined;
      const token = randomUUID();
      map.set(name, token, ttlMs);
      return token;
    },
    async release(name, token) {
      if (map.get(name) === token) map.delete(name);
    },
    async renew(name, token, ttlMs) {
      if (map.get(name) !== token) return false;
      map.set(name, token, ttlMs);
      return true;
    },
  };
}

export function createMemoryCacheStore(clock: Clock): CacheStore {
  const map = createExpiringMap(clock);
  // getShared's parsed copies, each with the JSON it was parsed from: one process, never stale.
  const copies = new Map<string, { json: string; value: unknown }>();
  return {
    async get<T>(name: string) {
      const value = map.get(name);
      return value === undefined ? undefined : (JSON.parse(value) as T);
    },
    async set(name, value, ttlMs) {
      const json = JSON.stringify(value);
      if (json === undefined) map.delete(name);
      else map.set(name, json, ttlMs);
    },
    async getShared<T>(name: string) {
      const json = map.get(name);
      if (json === undefined) {
        copies.delete(name);
        return undefined;
      }
      const copy = copies.get(name);
      if (copy?.json === json) return copy.value as T;
      const value = deepFreeze(JSON.parse(json) as unknown);
      copies.set(name, { json, value });
      return value as T;
    },
  };
}

export function createMemoryCounterStore(clock: Clock): CounterStore {
  const windows = new Map<string, { hits: number; endsMs: number }>();
  return {
    async hit(name, windowMs) {
      const now = clock.nowMs();
      const current = windows.get(name);
      if (current && current.endsMs > now) {
        current.hits += 1;
        return current.hits;
      }
      // Drop ended windows now and then, so a long-lived process does not keep every user forever.
      if (windows.size > 10_000) for (const [key, w] of windows) if (w.endsMs <= now) windows.delete(key);
      windows.set(name, { hits: 1, endsMs: now + Math.max(1, Math.ceil(windowMs)) });
      return 1;
    },
  };
}
