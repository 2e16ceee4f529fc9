import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Keys } from '../keys.js';
import type { CacheStore, CounterStore, LockStore, SessionStore } from '../ports.js';
import { runLua } from './lua-script.js';
import { HIT_COUNTER, RELEASE_LOCK, RENEW_LOCK } from './scripts.js';

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

export function createRedisCacheStore(redis: Redis, keys: Keys): CacheStore {
  return {
    async get<T>(name: string) {
      const value = await redis.get(keys.cache(name));
      return value === null ? undefined : (JSON.parse(value) as T);
    },
    async set(name, value, ttlMs) {
      await redis.set(keys.cache(name), JSON.stringify(value), 'PX', ttlMs);
    },
  };
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
