import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shouldRetryLater } from '../../src/bot/telegram/update-intake.js';
import { createLogger } from '../../src/platform/logger.js';
import { openRedis } from '../../src/store/redis/connection.js';
import { redisShop } from '../support/engine.js';
import { waitFor } from '../support/iimmpact.js';
import { type OwnRedisApp, startOwnRedisApp } from '../support/own-redis-app.js';

/*
 * A Redis that answers but refuses writes for a while: a replica during a failover (READONLY), memory
 * full under noeviction (OOM). The work at hand (an update, a paid top-up's credit) must be kept and
 * tried again, as when Redis is silent, not handled as a bug and dropped: the webhook answers 503 so
 * Telegram delivers again, and the store's error counts as "try later". Refusals must not open the
 * circuit breaker, which is for silence: reads still work, and the bot answers as soon as writes do.
 * This test owns its Redis, since it turns it into a replica and fills its memory.
 */

let w: OwnRedisApp;
let admin: Redis;
let nextBuyer = 8401;

beforeAll(async () => {
  w = await startOwnRedisApp('refusal');
  admin = new Redis(w.redis.url);
});

afterAll(async () => {
  admin.disconnect();
  await w.close();
});

/** Redis as a replica of nothing (its replica-read-only default refuses writes), or itself again. */
const readOnly = (on: boolean) =>
  on ? admin.call('REPLICAOF', '127.0.0.1', '9') : admin.call('REPLICAOF', 'NO', 'ONE');
/** Memory full under noeviction: every write that could grow the data set is refused (OOM). */
const memoryFull = async (on: boolean) => {
  await admin.call('CONFIG', 'SET', 'maxmemory-policy', 'noeviction');
  await admin.call('CONFIG', 'SET', 'maxmemory', on ? '1' : '0');
};

describe('a Redis that refuses writes for a while', () => {
  for (const [name, refuse] of [
    ['a read-only replica (READONLY)', readOnly],
    ['memory full (OOM)', memoryFull],
  ] as const) {
    it(`${name}: the webhook answers 503, and the same update is answered once Redis takes writes`, async () => {
      const buyer = nextBuyer++;
      const update = w.startUpdate(buyer);
      await refuse(true);
      try {
        // More refusals than the breaker's threshold (3): they must not make it fail fast afterwards.
        for (let i = 0; i < 4; i++) expect((await w.deliver(update)).status).toBe(503);
        expect(w.api.messages(buyer).size).toBe(0);
        // Reads still work, but the process can take no update: it is not ready.
        const probe = await fetch(`${w.base}/readyz`);
        expect(probe.status).toBe(503);
        expect(await probe.json()).toMatchObject({ store: 'unavailable' });
      } finally {
        await refuse(false);
      }
      // At once: a breaker opened by the refusals would answer 503 for another 3 s.
      expect((await w.deliver(update)).status).toBe(200);
      await waitFor(() => (w.api.messages(buyer).size > 0 ? true : undefined), { timeoutMs: 10_000 });
    });
  }

  it('a wallet credit refused by Redis is an error to try again later, not one to drop', async () => {
    const connection = await openRedis(w.redis.url, { logger: createLogger({ level: 'silent' }) });
    const { wallets } = redisShop(connection);
    const credit = (id: string) =>
      wallets.apply({ id, userId: 8500, kind: 'topup', amount: 5_000, reference: 'stars', at: Date.now() });
    try {
      for (const refuse of [readOnly, memoryFull]) {
        await refuse(true);
        const refused = await credit(`topup:${randomUUID()}`).then(
          () => undefined,
          (error: unknown) => error,
        );
        await refuse(false);
        expect(refused).toBeInstanceOf(Error);
        expect(shouldRetryLater(refused)).toBe(true);
      }
      // And once Redis takes writes again, the same credit lands, once.
      const id = `topup:${randomUUID()}`;
      await credit(id);
      await credit(id);
      expect((await wallets.balance(8500)).minor).toBe(5_000);
    } finally {
      connection.disconnect();
    }
  });
});
