import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IimmpactSandbox } from '../../sandbox/iimmpact/index.js';
import { wirePayments } from '../../src/app/wire-payments.js';
import { systemClock } from '../../src/platform/clock.js';
import { randomIds } from '../../src/platform/ids.js';
import { createLogger } from '../../src/platform/logger.js';
import { StoreUnavailableError } from '../../src/store/errors.js';
import { openRedisDurability } from '../../src/store/redis/durability.js';
import {
  FAST_SCHEDULE,
  iimmpactProviderFor,
  recordingNotifier,
  redisOrderStore,
  reloadDraft,
} from '../support/engine.js';
import { startTestSandbox } from '../support/iimmpact.js';
import { startThrowawayRedis } from '../support/redis-server.js';

/*
 * Money on disk before it moves. This test owns its Redis so it can change its persistence; the
 * machine's redis-server is 7.0, which has no WAITAOF, so `waitaof` itself is covered by the pure
 * decision's unit test and the engine's part here by a durability check that refuses.
 */

let redis: Awaited<ReturnType<typeof startThrowawayRedis>>;
let client: Redis;
let sandbox: IimmpactSandbox;
beforeAll(async () => {
  redis = await startThrowawayRedis();
  client = new Redis(redis.url);
  sandbox = await startTestSandbox();
});
afterAll(async () => {
  await client.quit();
  await sandbox.close();
  await redis.stop();
});

describe('the server’s persistence, read at start-up', () => {
  it('warns that nothing is guaranteed without the append-only file', async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'info', write: (line) => lines.push(line) });
    await client.config('SET', 'appendonly', 'no');
    expect((await openRedisDurability(client, logger)).mode).toBe('not-guaranteed');
    expect(lines.join('\n')).toMatch(/does not guarantee that an order is on disk/);
  });

  it('needs no extra step when every write is fsynced before Redis answers', async () => {
    await client.config('SET', 'appendonly', 'yes');
    await client.config('SET', 'appendfsync', 'always');
    const durability = await openRedisDurability(client, createLogger({ level: 'silent' }));
    expect(durability.mode).toBe('fsync-always');
    await expect(durability.ensureOnDisk()).resolves.toBeUndefined();
  });
});

describe('the engine', () => {
  it('sends no payment until the order is confirmed on disk, then sends it once', async () => {
    const store = redisOrderStore(client, `durable:${randomUUID()}:`);
    let onDisk = false;
    const notifier = recordingNotifier();
    const { engine, scheduler } = wirePayments(
      {
        store,
        provider: iimmpactProviderFor(sandbox),
        notifier,
        clock: systemClock,
        ids: randomIds,
        logger: createLogger({ level: 'silent' }),
        ensureOnDisk: async () => {
          if (!onDisk) throw new StoreUnavailableError('not on disk yet');
        },
      },
      { schedule: FAST_SCHEDULE, leaseMs: 200, pollIntervalMs: 10 },
    );
    const before = sandbox.requestCount('/v2/topup');
    const confirmed = await engine.confirm(reloadDraft('60123456788'));
    if (confirmed.result === 'insufficient') throw new Error('uncharged draft');
    await engine.idle();
    expect(sandbox.requestCount('/v2/topup')).toBe(before);
    // Nothing left, and the engine knows it: the order is still one never sent (it would be cancelled,
    // not paid late, if the disk stayed unconfirmed past the unsent expiry).
    const unsent = await store.get(confirmed.order.refid);
    expect(unsent?.state).toBe('confirmed');
    expect(unsent?.mayExist).toBeFalsy();

    onDisk = true;
    scheduler.start();
    try {
      for (let i = 0; i < 200 && (await store.get(confirmed.order.refid))?.state !== 'succeeded'; i++)
        await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      await scheduler.stop();
      await engine.idle();
    }
    expect((await store.get(confirmed.order.refid))?.state).toBe('succeeded');
    expect(sandbox.requestCount('/v2/topup') - before).toBe(1);
  });
});
