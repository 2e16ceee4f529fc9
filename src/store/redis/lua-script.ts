import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * A Lua script sent by its SHA-1 (EVALSHA) rather than in full on every call: the hot path's scripts
 * run several times per update, and EVAL would send and hash their whole text each time. A server
 * that does not know the script yet (restarted, flushed) answers NOSCRIPT, and the full text goes
 * once, which also caches it there.
 */
export interface LuaScript {
  run(redis: Redis, keys: readonly string[], args: readonly string[]): Promise<unknown>;
}

export function luaScript(source: string): LuaScript {
  const sha = createHash('sha1').update(source).digest('hex');
  return {
    async run(redis, keys, args) {
      try {
        return await redis.evalsha(sha, keys.length, ...keys, ...args);
      } catch (error) {
        if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
        return redis.eval(source, keys.length, ...keys, ...args);
      }
    },
  };
}

const bySource = new Map<string, LuaScript>();

/** Runs `source` as a cached script (see `luaScript`), for stores that keep scripts as plain strings. */
export function runLua(
  redis: Redis,
  source: string,
  keys: readonly string[],
  args: readonly string[],
): Promise<unknown> {
  let script = bySource.get(source);
  if (!script) {
    script = luaScript(source);
    bySource.set(source, script);
  }
  return script.run(redis, keys, args);
}
