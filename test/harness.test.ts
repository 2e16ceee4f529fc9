import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';

describe('test harness', () => {
  const redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: 1 });
  afterAll(() => redis.quit());

  it('provides a real Redis that stores and expires keys', async () => {
    const key = `test:harness:${randomUUID()}`;
    await redis.set(key, 'value', 'PX', 60_000);
    expect(await redis.get(key)).toBe('value');
    expect(await redis.pttl(key)).toBeGreaterThan(0);
    await redis.del(key);
    expect(await redis.exists(key)).toBe(0);
  });
});
