import { createHash, randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { type Clock, systemClock } from '../../platform/clock.js';
import { deepFreeze } from '../../platform/json.js';
import type { Keys } from '../keys.js';
import type { CacheStore, CounterStore, LockStore, SessionStore } from '../ports.js';
import { runLua } from './lua-script.js';
import { HIT_COUNTER, READ_SHARED_CACHE, RELEASE_LOCK, RENEW_LOCK, WRITE_CACHE } from './scripts.js';

export function createRedisSessionStore<T>(redis: Redis, keys: Keys): SessionStore<T> {
  return {
    async get(key) {
      const value = await redis.get(keys.session(key));
      return value === null ? undefined : (JSON.parse(value) as T);
    },
    async set(key, value, ttlMs) {
      await redis.set(keys.session(key), JSON.stringify(value), 'PX', ttlMs);
    },
    async delete(key) {
      await redis.del(keys.session(key));
    },
  };
}

export function createRedisLockStore(redis: Redis, keys: Keys): LockStore {
  return {
    async acquire(name, ttlMs) {
      const token = randomUUID();
      return (await redis.set(keys.lock(name), token, 'PX', ttlMs, 'NX')) === 'OK' ? token : undefined;
    },
    async release(name, token) {
      await runLua(redis, RELEASE_LOCK, [keys.lock(name)], [token]);
    },
    async renew(name, token, ttlMs) {
      return Number(await runLua(redis, RENEW_LOCK, [keys.lock(name)], [token, String(ttlMs)])) === 1;
    },
  };
}

/** A value read with `getShared`, as this process holds it. */
interface SharedCopy {
  version: string;
  /** Parsed and deeply frozen: the same object goes to every caller. */
  value: unknown;
  /** When the stored value expires, by this process's clock (from its TTL when last asked). */
  expiresAtMs: number;
  /** When this process last learned the stored version. */
  checkedAtMs: number;
}

/**
 * The cache in Redis: `cache:{name}` holds the JSON, `cachever:{name}` a hash of it, written together
 * with one TTL. `getShared` keeps the parsed value in this process and asks Redis (one small script)
 * at most every `recheckMs` whether the version changed; the JSON crosses the wire only when it did.
 */
export function createRedisCacheStore(redis: Redis, keys: Keys, clock: Clock = systemClock): CacheStore {
  // Names read with getShared -> this process's copy (undefined: none held, the name still tracked).
  const copies = new Map<string, SharedCopy | undefined>();
  // One read of a name in flight at a time: concurrent callers at a recheck share it.
  const reading = new Map<string, Promise<unknown>>();

  const readShared = async (name: string): Promise<unknown> => {
    const held = copies.get(name);
    const askedAtMs = clock.nowMs();
    const [ttlMs, version = '', json] = (await runLua(
      redis,
      READ_SHARED_CACHE,
      [keys.cache(name), keys.cacheVersion(name)],
      [held?.version ?? ''],
    )) as [number, string?, string?];
    if (ttlMs === -2) {
      copies.set(name, undefined);
      return undefined;
    }
    // Counted from before the question, so this process never holds a value longer than Redis does.
    const expiresAtMs = ttlMs < 0 ? Number.POSITIVE_INFINITY : askedAtMs + ttlMs;
    if (json === undefined && held) {
      held.expiresAtMs = expiresAtMs;
      held.checkedAtMs = askedAtMs;
      return held.value;
    }
    const value = deepFreeze(JSON.parse(json ?? 'null') as unknown);
    copies.set(name, { version, value, expiresAtMs, checkedAtMs: askedAtMs });
    return value;
  };

  return {
    async get<T>(name: string) {
      const value = await redis.get(keys.cache(name));
      return value === null ? undefined : (JSON.parse(value) as T);
    },
    async set(name, value, ttlMs) {
      const json = JSON.stringify(value);
      if (json === undefined) {
        await redis.del(keys.cache(name), keys.cacheVersion(name));
        if (copies.has(name)) copies.set(name, undefined);
        return;
      }
      const version = versionOf(json);
      const ttl = Math.max(1, Math.ceil(ttlMs));
      const writtenAtMs = clock.nowMs();
      await runLua(
        redis,
        WRITE_CACHE,
        [keys.cache(name), keys.cacheVersion(name)],
        [json, version, String(ttl)],
      );
      // What this process wrote it reads at once, without reading it back.
      if (copies.has(name))
        copies.set(name, {
          version,
          value: deepFreeze(JSON.parse(json) as unknown),
          expiresAtMs: writtenAtMs + ttl,
          checkedAtMs: writtenAtMs,
        });
    },
    async getShared<T>(name: string, options: { recheckMs: number }) {
      const now = clock.nowMs();
      const held = copies.get(name);
      if (held && now < held.expiresAtMs && now - held.checkedAtMs < options.recheckMs)
        return held.value as T;
      if (!held) copies.set(name, undefined);
      let pending = reading.get(name);
      if (!pending) {
        pending = readShared(name).finally(() => reading.delete(name));
        reading.set(name, pending);
      }
      try {
        return (await pending) as T | undefined;
      } catch (error) {
        // A recheck that cannot reach Redis keeps the copy this process holds, until its TTL.
        if (held && clock.nowMs() < held.expiresAtMs) return held.value as T;
        throw error;
      }
    },
  };
}

/** A value's version: a hash of its JSON, so two replicas that write the same catalog agree on it. */
function versionOf(json: string): string {
  return createHash('sha256').update(json).digest('base64url').slice(0, 16);
}

export function createRedisCounterStore(redis: Redis, keys: Keys): CounterStore {
  return {
    async hit(name, windowMs) {
      return Number(
        await runLua(redis, HIT_COUNTER, [keys.counter(name)], [String(Math.max(1, Math.ceil(windowMs)))]),
      );
    },
  };
}
