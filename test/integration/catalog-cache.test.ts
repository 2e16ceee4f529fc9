import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { IimmpactSandbox } from '../../sandbox/iimmpact/index.js';
import { createCatalogReader } from '../../src/bot/telegram/requests.js';
import { ProviderUnavailableError } from '../../src/payments/errors.js';
import type { PaymentProvider } from '../../src/payments/provider.js';
import type { Product } from '../../src/payments/types.js';
import { type Clock, systemClock } from '../../src/platform/clock.js';
import { createKeys } from '../../src/store/keys.js';
import type { CacheStore } from '../../src/store/ports.js';
import { createRedisCacheStore } from '../../src/store/redis/kv-stores.js';
import { iimmpactProviderFor } from '../support/engine.js';
import { startTestSandbox, waitFor } from '../support/iimmpact.js';

/*
 * The catalog as bot replicas read it: a real Redis shared by two replicas (each its own connection,
 * cache store and clock), the sandbox as IIMMPACT. Provider requests are counted at the sandbox and
 * Redis commands at the server (MONITOR, filtered to this test's prefix), so what is asserted is what
 * crossed the wire.
 */

const url = inject('redisUrl');
const CATALOG_TTL_MS = 600_000;
const RECHECK_MS = 5_000;
let sandbox: IimmpactSandbox;
let provider: PaymentProvider;
const connections: Redis[] = [];
const monitors: Redis[] = [];
const connect = () => {
  const redis = new Redis(url);
  connections.push(redis);
  return redis;
};

beforeAll(async () => {
  sandbox = await startTestSandbox();
  provider = iimmpactProviderFor(sandbox);
});
afterAll(async () => {
  for (const monitor of monitors) monitor.disconnect();
  await Promise.all(connections.map((c) => c.quit()));
  await provider.close();
  await sandbox.close();
});

/** Commands Redis ran on keys under `prefix`, whether a client sent them or a script ran them. */
async function watchRedis(prefix: string) {
  const monitor = await connect().monitor();
  monitors.push(monitor);
  const seen: Array<{ command: string; key: string; fromScript: boolean }> = [];
  let markers = 0;
  monitor.on('monitor', (_time: string, args: string[], source: string) => {
    const command = (args[0] ?? '').toUpperCase();
    // A script's keys follow its body and key count; other commands' key comes first.
    const key = command === 'EVAL' || command === 'EVALSHA' ? (args[3] ?? '') : (args[1] ?? '');
    if (key.startsWith(prefix)) seen.push({ command, key, fromScript: source === 'lua' });
  });
  const probe = connect();
  return {
    /** Everything Redis ran since the last call, once it has certainly been reported. */
    async take() {
      const marker = `${prefix}marker:${markers++}`;
      await probe.exists(marker);
      await waitFor(() => (seen.some((s) => s.key === marker) ? true : undefined));
      return seen.splice(0).filter((s) => s.key !== marker);
    },
  };
}

function replica(prefix: string, clock: Clock, ttlMs = CATALOG_TTL_MS) {
  const cache: CacheStore = createRedisCacheStore(connect(), createKeys(prefix), clock);
  return {
    cache,
    read: createCatalogReader({ provider, cache, catalogTtlMs: ttlMs, catalogRecheckMs: RECHECK_MS }),
  };
}

const catalogRequests = () => sandbox.requestCount('/v2/product-list');
const manualClock = () => {
  const clock = { now: 1_000_000, nowMs: () => clock.now };
  return clock;
};

describe('the catalog, parsed once per replica per version', () => {
  it('costs one provider call for a cold burst, then no Redis command per read until the recheck', async () => {
    const prefix = `catalog:${randomUUID()}:`;
    const redis = await watchRedis(prefix);
    const clockA = manualClock();
    const a = replica(prefix, clockA);
    const before = catalogRequests();

    const lists = await Promise.all(Array.from({ length: 20 }, () => a.read()));
    expect(catalogRequests() - before).toBe(1);
    expect(new Set(lists).size).toBe(1);
    await redis.take();

    // Browse traffic between rechecks: nothing reaches Redis, and every reader gets the same object.
    clockA.now += RECHECK_MS - 1;
    for (let i = 0; i < 100; i++) expect(await a.read()).toBe(lists[0]);
    expect(await redis.take()).toEqual([]);

    // Another replica, starting cold: one read of the stored catalog, no provider call.
    const b = replica(prefix, manualClock());
    expect(await b.read()).toEqual(lists[0]);
    expect(catalogRequests() - before).toBe(1);
    const bRead = await redis.take();
    expect(bRead.filter((s) => !s.fromScript).map((s) => s.command)).toEqual(['EVALSHA']);
    expect(
      bRead.some((s) => s.fromScript && s.command === 'GET' && s.key === `${prefix}cache:catalog:iimmpact`),
    ).toBe(true);

    // At the recheck: one small script, which looks at the version and does not send the catalog.
    clockA.now += 1;
    expect(await a.read()).toBe(lists[0]);
    const recheck = await redis.take();
    expect(recheck.filter((s) => !s.fromScript).map((s) => s.command)).toEqual(['EVALSHA']);
    expect(
      recheck.filter((s) => s.fromScript).map((s) => `${s.command} ${s.key.slice(prefix.length)}`),
    ).toEqual(['PTTL cache:catalog:iimmpact', 'GET cachever:catalog:iimmpact']);
  });

  it("sees another replica's write within the recheck, and does not read an identical rewrite again", async () => {
    const prefix = `catalog:${randomUUID()}:`;
    const clockA = manualClock();
    const clockB = manualClock();
    const a = replica(prefix, clockA);
    const b = replica(prefix, clockB);
    const original = await a.read();
    const heldByB = await b.read();
    expect(heldByB).toEqual(original);

    // Replica A refreshes (here: writes what a refresh would bring, one product fewer).
    const refreshed: Product[] = original.slice(1);
    await a.cache.set('catalog:iimmpact', refreshed, CATALOG_TTL_MS);
    expect(await a.read()).toEqual(refreshed);
    clockB.now += RECHECK_MS - 1;
    expect(await b.read()).toBe(heldByB);
    clockB.now += 1;
    expect(await b.read()).toEqual(refreshed);

    // The key is evicted, and A refills it from the provider: a catalog B does not hold yet.
    const redis = connect();
    const evict = () => redis.del(`${prefix}cache:catalog:iimmpact`, `${prefix}cachever:catalog:iimmpact`);
    await evict();
    const before = catalogRequests();
    clockA.now += RECHECK_MS;
    const refilled = await a.read();
    expect(catalogRequests() - before).toBe(1);
    clockB.now += RECHECK_MS;
    const heldAgain = await b.read();
    expect(heldAgain).toEqual(refilled);

    // Evicted again and refilled with the same catalog: same JSON, same version, so B's recheck
    // keeps the copy it holds without the catalog crossing the wire.
    await evict();
    clockA.now += RECHECK_MS;
    await a.read();
    expect(catalogRequests() - before).toBe(2);
    const watched = await watchRedis(prefix);
    clockB.now += RECHECK_MS;
    expect(await b.read()).toBe(heldAgain);
    const valueReads = (await watched.take()).filter(
      (s) => s.command === 'GET' && s.key === `${prefix}cache:catalog:iimmpact`,
    );
    expect(valueReads).toEqual([]);
  });

  it('keeps its copy while Redis cannot be asked, until the TTL', async () => {
    const prefix = `catalog:${randomUUID()}:`;
    const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 0 });
    redis.on('error', () => {});
    await new Promise((resolve) => redis.once('ready', resolve));
    const clock = manualClock();
    const cache = createRedisCacheStore(redis, createKeys(prefix), clock);
    const read = createCatalogReader({
      provider,
      cache,
      catalogTtlMs: CATALOG_TTL_MS,
      catalogRecheckMs: RECHECK_MS,
    });
    const held = await read();
    redis.disconnect();
    clock.now += RECHECK_MS;
    expect(await read()).toBe(held);
    clock.now += CATALOG_TTL_MS;
    await expect(read()).rejects.toThrow();
  });

  it('never keeps a catalog past its TTL in Redis, however long the recheck', async () => {
    const prefix = `catalog:${randomUUID()}:`;
    const cache = createRedisCacheStore(connect(), createKeys(prefix), systemClock);
    const read = createCatalogReader({ provider, cache, catalogTtlMs: 200, catalogRecheckMs: 60_000 });
    const before = catalogRequests();
    await read();
    await read();
    expect(catalogRequests() - before).toBe(1);
    const redis = connect();
    await waitFor(async () =>
      (await redis.exists(`${prefix}cache:catalog:iimmpact`)) === 0 ? true : undefined,
    );
    await read();
    expect(catalogRequests() - before).toBe(2);
  });

  it('fails while the provider is down and nothing is cached, and keeps serving a cached catalog', async () => {
    const prefix = `catalog:${randomUUID()}:`;
    const a = replica(prefix, manualClock());
    const redis = connect();
    sandbox.faults.inject({ kind: 'status', status: 503, path: '/v2/product-list', times: 1_000 });
    try {
      await expect(a.read()).rejects.toBeInstanceOf(ProviderUnavailableError);
      expect(
        await redis.exists(`${prefix}cache:catalog:iimmpact`, `${prefix}cachever:catalog:iimmpact`),
      ).toBe(0);
    } finally {
      sandbox.faults.clear();
    }
    const products = await a.read();
    expect(products.length).toBeGreaterThan(0);

    const b = replica(prefix, manualClock());
    sandbox.faults.inject({ kind: 'status', status: 503, path: '/v2/product-list', times: 1_000 });
    try {
      const before = catalogRequests();
      expect(await b.read()).toEqual(products);
      expect(await a.read()).toBe(products);
      expect(catalogRequests() - before).toBe(0);
    } finally {
      sandbox.faults.clear();
    }
  });
});
