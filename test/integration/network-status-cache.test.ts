import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { IimmpactSandbox } from '../../sandbox/iimmpact/index.js';
import { cacheNetworkStatus } from '../../src/payments/network-status-cache.js';
import type { PaymentProvider } from '../../src/payments/provider.js';
import { createKeys } from '../../src/store/keys.js';
import { createRedisCacheStore } from '../../src/store/redis/kv-stores.js';
import { type BotWorld, startIimmpactWorld } from '../support/bot-e2e.js';
import { iimmpactProviderFor } from '../support/engine.js';
import { startTestSandbox } from '../support/iimmpact.js';

/*
 * A product's network status, cached per product and shared by the replicas: a real Redis, the
 * sandbox as IIMMPACT, provider requests counted at the sandbox.
 */

const url = inject('redisUrl');
const NETWORK = '/v2/networkstatus';

describe('network status between replicas', () => {
  let sandbox: IimmpactSandbox;
  let provider: PaymentProvider;
  const connections: Redis[] = [];
  beforeAll(async () => {
    sandbox = await startTestSandbox();
    provider = iimmpactProviderFor(sandbox);
  });
  afterAll(async () => {
    await Promise.all(connections.map((c) => c.quit()));
    await provider.close();
    await sandbox.close();
  });

  /** A replica: its own Redis connection, cache store and clock, over the same keys. */
  function replica(prefix: string) {
    const redis = new Redis(url);
    connections.push(redis);
    const clock = { now: 1_000_000, nowMs: () => clock.now };
    const cache = createRedisCacheStore(redis, createKeys(prefix), clock);
    const cached = cacheNetworkStatus(provider, { cache, clock });
    const status = (product: string) => {
      if (!cached.getNetworkStatus) throw new Error('no network status');
      return cached.getNetworkStatus(product);
    };
    return { status, cache, clock };
  }

  it('answers a burst of taps on one product with one provider call, for every replica', async () => {
    const prefix = `netstatus:${randomUUID()}:`;
    const a = replica(prefix);
    const b = replica(prefix);
    const before = sandbox.requestCount(NETWORK);
    const answers = await Promise.all(Array.from({ length: 30 }, () => a.status('D')));
    expect(answers.every((s) => s.product === 'D' && s.healthy)).toBe(true);
    expect(sandbox.requestCount(NETWORK) - before).toBe(1);
    expect((await Promise.all(Array.from({ length: 30 }, () => b.status('D')))).every((s) => s.healthy)).toBe(
      true,
    );
    expect(sandbox.requestCount(NETWORK) - before).toBe(1);
    // An interruption is an answer like any other, and shared the same way.
    expect(await a.status('FP')).toMatchObject({ product: 'FP', healthy: false, status: 'Interruption' });
    expect(await b.status('FP')).toMatchObject({ healthy: false });
    expect(sandbox.requestCount(NETWORK) - before).toBe(2);
  });

  it('shares no failure: a failed check is held briefly by its replica and never stored', async () => {
    const prefix = `netstatus:${randomUUID()}:`;
    const a = replica(prefix);
    const b = replica(prefix);
    const before = sandbox.requestCount(NETWORK);
    sandbox.faults.inject({ kind: 'status', status: 500, path: NETWORK, times: 1_000 });
    try {
      await expect(a.status('C')).rejects.toThrow();
      const asked = sandbox.requestCount(NETWORK) - before;
      expect(asked).toBeGreaterThanOrEqual(1);
      expect(await a.cache.get('netstatus:iimmpact:C')).toBeUndefined();
      // Held: the next taps on this replica fail at once, without asking a provider that is failing.
      a.clock.now += 9_000;
      await expect(a.status('C')).rejects.toThrow();
      expect(sandbox.requestCount(NETWORK) - before).toBe(asked);
    } finally {
      sandbox.faults.clear();
    }
    // The other replica was not told of the failure; it asks, and shares the answer.
    expect((await b.status('C')).healthy).toBe(true);
    const afterB = sandbox.requestCount(NETWORK);
    a.clock.now += 1_000;
    expect((await a.status('C')).healthy).toBe(true);
    expect(sandbox.requestCount(NETWORK)).toBe(afterB);
  });
});

describe('network status through the bot', () => {
  let world: BotWorld;
  let sandbox: IimmpactSandbox;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ world, sandbox, close } = await startIimmpactWorld({ redisUrl: url }));
  });
  afterAll(() => close());

  it('costs the browse path one network-status call for twenty buyers tapping one product', async () => {
    const buyers = Array.from({ length: 20 }, (_, i) => world.buyer(7_100 + i));
    await Promise.all(
      buyers.map(async (buyer) => {
        await buyer.say('/start');
        await buyer.press('Prepaid');
      }),
    );
    const before = sandbox.requestCount();
    const network = sandbox.requestCount(NETWORK);
    await Promise.all(buyers.map((buyer) => buyer.press('Digi Prepaid')));
    await world.bot.idle();
    expect(sandbox.requestCount(NETWORK) - network).toBe(1);
    for (const buyer of buyers) expect(buyer.lastText()).toMatch(/Mobile Number/);
    // 20 product taps: at most 0.15 provider requests per update.
    expect((sandbox.requestCount() - before) / buyers.length).toBeLessThanOrEqual(0.15);
  });

  it('goes on without the status when the check fails, and stores nothing for that product', async () => {
    const buyer = world.buyer(7_200);
    await buyer.say('/start');
    await buyer.press('Prepaid');
    sandbox.faults.inject({ kind: 'status', status: 500, path: NETWORK, times: 1_000 });
    try {
      await buyer.press('Hotlink Prepaid');
      await world.bot.idle();
      expect(buyer.lastText()).toMatch(/Mobile Number/);
      expect(await world.app.stores.cache.get('netstatus:iimmpact:M')).toBeUndefined();
    } finally {
      sandbox.faults.clear();
    }
  });
});

describe('products without bill presentment, through the real bot', () => {
  let world: BotWorld;
  let sandbox: IimmpactSandbox;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ world, sandbox, close } = await startIimmpactWorld({ redisUrl: url }));
  });
  afterAll(() => close());

  it('cost twenty buyers typing their numbers one bill look-up, and every buyer still gets the amounts', async () => {
    const buyers = Array.from({ length: 20 }, (_, i) => world.buyer(7_300 + i));
    for (const buyer of buyers) {
      await buyer.say('/start');
      await buyer.press('Prepaid');
      await buyer.press('Digi Prepaid');
    }
    const before = sandbox.requestCount('/v2/bill-presentment');
    await Promise.all(buyers.map((buyer, i) => buyer.say(`01234${String(56_000 + i)}`)));
    expect(sandbox.requestCount('/v2/bill-presentment') - before).toBe(1);
    for (const buyer of buyers) expect(buyer.lastText()).toMatch(/Choose an amount/);
  });
});
