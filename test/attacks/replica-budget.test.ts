import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createProviderRateLimiter } from '../../src/app/provider-factory.js';
import { silentLogger } from '../../src/platform/logger.js';
import { RateBudgetExhaustedError, type RateLimiter } from '../../src/platform/rate-limiter.js';
import { openStores, type Stores } from '../../src/store/index.js';
import { type Rig, startRig } from './support.js';

/*
 * Before: the provider budget was a token bucket per process, so several replicas behind one IP
 * could exceed IIMMPACT's 30,000 per 5 minutes. Now the budget is counted in Redis and shared.
 */

let rig: Rig;
beforeAll(async () => {
  rig = await startRig();
});
afterAll(async () => {
  await rig.close();
});

describe('two replicas sharing one budget', () => {
  const stores: Stores[] = [];
  afterAll(async () => {
    for (const store of stores) await store.close();
  });

  it('two app-level rate limiters on one Redis admit at most the budget together', async () => {
    const prefix = `${rig.prefix}limiters:`;
    const clock = { nowMs: () => 1_700_000_000_000 }; // one slice for the whole test
    const limiters: RateLimiter[] = [];
    for (let i = 0; i < 2; i++) {
      const opened = await openStores({
        redisUrl: inject('redisUrl'),
        prefix,
        currency: 'MYR',
        clock,
        logger: silentLogger,
      });
      stores.push(opened);
      limiters.push(
        createProviderRateLimiter({
          provider: 'iimmpact',
          counters: opened.counters,
          clock,
          sleep: async () => {},
          maxWaitMs: 0,
        }),
      );
    }
    // IIMMPACT's 20,000 per 5 min: 12,000 for payments (40 a second), 8,000 for reads (26 a second).
    const outcomes = await Promise.allSettled(
      Array.from({ length: 200 }, (_, i) =>
        limiters[i % 2]?.acquire(undefined, i % 4 < 2 ? 'payment' : 'read'),
      ),
    );
    const admitted = outcomes.filter((o) => o.status === 'fulfilled').length;
    expect(admitted).toBe(40 + 26);
    const refused = outcomes.filter((o) => o.status === 'rejected');
    expect(refused.every((o) => o.reason instanceof RateBudgetExhaustedError)).toBe(true);
  });

  it('two replicas behind one IP send the provider no more than their shared budget', async () => {
    // 240 reads a minute for the pair: 4 per 1 s slice (and 6 payments), whatever each replica does.
    const options = { providerBudget: { limit: 600, windowMs: 60_000 }, maxBudgetWaitMs: 0 };
    const one = await rig.start({}, {}, options);
    const two = await rig.start({}, {}, options);
    const before = rig.sandbox.requestCount('/v2/balance');
    const started = Date.now();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 100 }, (_, i) => (i % 2 === 0 ? one : two).app.provider.getBalance()),
    );
    const slices = Math.floor((Date.now() - started) / 1000) + 2;
    const sent = rig.sandbox.requestCount('/v2/balance') - before;
    const answered = outcomes.filter((o) => o.status === 'fulfilled').length;
    expect(sent).toBe(answered);
    expect(sent).toBeGreaterThan(0);
    expect(sent).toBeLessThanOrEqual(4 * slices);
    // The rest failed fast as "unavailable": nothing was sent for them.
    const refused = outcomes.filter((o) => o.status === 'rejected');
    expect(refused.length).toBeGreaterThanOrEqual(100 - 4 * slices);
    expect(refused.every((o) => (o.reason as Error).name === 'ProviderUnavailableError')).toBe(true);
  });

  it('a payment goes through while reads and probes have used up their lane', async () => {
    const options = { providerBudget: { limit: 600, windowMs: 60_000 }, maxBudgetWaitMs: 0 };
    const running = await rig.start({}, {}, options);
    // Use up the read lane for this slice and more.
    const reads = await Promise.allSettled(
      Array.from({ length: 40 }, () => running.app.provider.getBalance()),
    );
    expect(reads.filter((r) => r.status === 'rejected').length).toBeGreaterThan(20);
    const outcome = await running.app.provider.pay({
      refid: `budget-${Date.now()}`,
      product: 'D',
      account: '60123456789',
      amount: { minor: 1000, currency: 'MYR' },
    });
    expect(outcome).toBeDefined();
  });
});
