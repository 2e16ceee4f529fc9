import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { luaScript } from '../../src/store/redis/lua-script.js';

const redis = new Redis(inject('redisUrl'));
afterAll(() => redis.quit());

describe('scripts sent by their SHA-1', () => {
  it('run on a server that has never seen them, and afterwards without their text', async () => {
    const key = `test:lua:${Date.now()}`;
    // A unique body, so the server cannot have it cached yet (no SCRIPT FLUSH: other suites share
    // this server and count their commands).
    const script = luaScript(`-- ${key}\nreturn redis.call('INCR', KEYS[1]) + tonumber(ARGV[1])`);
    const sha = createHash('sha1')
      .update(`-- ${key}\nreturn redis.call('INCR', KEYS[1]) + tonumber(ARGV[1])`)
      .digest('hex');
    expect(await redis.script('EXISTS', sha)).toEqual([0]);
    expect(await script.run(redis, [key], ['10'])).toBe(11);
    const before = await redis.info('commandstats');
    expect(await script.run(redis, [key], ['10'])).toBe(12);
    const after = await redis.info('commandstats');
    const calls = (stats: string, command: string) =>
      Number(new RegExp(`cmdstat_${command}:calls=(\\d+)`).exec(stats)?.[1] ?? 0);
    // The second run went by SHA alone: one more EVALSHA, no EVAL.
    expect(calls(after, 'evalsha') - calls(before, 'evalsha')).toBe(1);
    expect(calls(after, 'eval')).toBe(calls(before, 'eval'));
  });

  it('pass on what the script itself raises', async () => {
    const script = luaScript(`return redis.error_reply('not for you')`);
    await expect(script.run(redis, [], [])).rejects.toThrow('not for you');
  });
});
