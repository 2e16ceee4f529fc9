import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { systemClock } from '../../src/platform/clock.js';
import { createLogger } from '../../src/platform/logger.js';
import { openStores } from '../../src/store/index.js';
import { sampleOrder } from '../support/orders.js';

describe('choosing the store', () => {
  const redis = new Redis(inject('redisUrl'));
  afterAll(() => redis.quit());

  it('uses Redis when REDIS_URL is set, under the given prefix', async () => {
    const prefix = `test:${Date.now()}:`;
    const stores = await openStores({
      redisUrl: inject('redisUrl'),
      prefix,
      currency: 'MYR',
      clock: systemClock,
      logger: createLogger({ level: 'silent' }),
    });
    expect(stores.kind).toBe('redis');
    const order = sampleOrder();
    await stores.orders.create(order);
    expect(await redis.exists(`${prefix}order:${order.refid}`)).toBe(1);
    await stores.close();
  });

  it('falls back to memory and says loudly that nothing is durable', async () => {
    const lines: string[] = [];
    const stores = await openStores({
      redisUrl: undefined,
      currency: 'MYR',
      clock: systemClock,
      logger: createLogger({ level: 'info', write: (l) => lines.push(l) }),
    });
    expect(stores.kind).toBe('memory');
    expect(lines.join('\n')).toMatch(/"level":"warn".*lost on restart/);
  });

  it('refuses to run without Redis when durability is required', async () => {
    await expect(
      openStores({
        redisUrl: undefined,
        requireDurable: true,
        currency: 'MYR',
        clock: systemClock,
        logger: createLogger({ level: 'silent' }),
      }),
    ).rejects.toThrow(/REDIS_URL is required in production/);
  });
});
