import { describe, expect, it } from 'vitest';
import { ProviderUnavailableError } from './errors.js';
import { cacheNetworkStatus } from './network-status-cache.js';
import type { PaymentProvider } from './provider.js';
import type { SharedCache } from './shared-cache.js';
import type { NetworkStatus } from './types.js';

/** One shared cache (what Redis is to the replicas) on a clock the test moves. */
function sharedCache(clock: { now: number }) {
  const entries = new Map<string, { json: string; expiresMs: number }>();
  const cache: SharedCache = {
    async get<T>(name: string) {
      const entry = entries.get(name);
      return entry && entry.expiresMs > clock.now ? (JSON.parse(entry.json) as T) : undefined;
    },
    async set(name, value, ttlMs) {
      entries.set(name, { json: JSON.stringify(value), expiresMs: clock.now + ttlMs });
    },
  };
  return {
    cache,
    names: () => [...entries.keys()].filter((name) => (entries.get(name)?.expiresMs ?? 0) > clock.now),
  };
}

/** A provider whose network status answers after a tick, counting the calls per product. */
function fakeProvider(answer: (product: string) => NetworkStatus | Error) {
  const calls: string[] = [];
  const provider = {
    id: 'fake',
    currency: 'MYR',
    async getNetworkStatus(product: string) {
      calls.push(product);
      await new Promise((resolve) => setTimeout(resolve, 1));
      const result = answer(product);
      if (result instanceof Error) throw result;
      return result;
    },
    close: async () => {},
  } as unknown as PaymentProvider;
  return { provider, calls };
}

const healthy = (product: string): NetworkStatus => ({
  product,
  name: `Product ${product}`,
  healthy: true,
  status: 'Healthy',
});

function replica(provider: PaymentProvider, cache: SharedCache, clock: { now: number }) {
  const cached = cacheNetworkStatus(provider, {
    cache,
    clock: { nowMs: () => clock.now },
    sharedTtlMs: 60_000,
    localTtlMs: 5_000,
    failureHoldMs: 10_000,
  });
  return (product: string) => {
    if (!cached.getNetworkStatus) throw new Error('no network status');
    return cached.getNetworkStatus(product);
  };
}

describe('network status, cached per product', () => {
  it('asks the provider once for a burst of taps on one product, then answers from its copy', async () => {
    const clock = { now: 1_000_000 };
    const { cache } = sharedCache(clock);
    const { provider, calls } = fakeProvider(healthy);
    const status = replica(provider, cache, clock);
    const answers = await Promise.all(Array.from({ length: 50 }, () => status('D')));
    expect(answers.every((a) => a.healthy && a.product === 'D')).toBe(true);
    expect(calls).toEqual(['D']);
    clock.now += 59_000;
    await status('D');
    await status('M');
    expect(calls).toEqual(['D', 'M']);
    // The shared copy has expired: the provider is asked again, once.
    clock.now += 1_000;
    await Promise.all([status('D'), status('D')]);
    expect(calls).toEqual(['D', 'M', 'D']);
  });

  it('shares a checked status with the other replicas, an interruption as much as a healthy network', async () => {
    const clock = { now: 1_000_000 };
    const { cache } = sharedCache(clock);
    const { provider, calls } = fakeProvider((product) => ({
      ...healthy(product),
      healthy: false,
      status: 'Interruption',
    }));
    const first = replica(provider, cache, clock);
    const second = replica(provider, cache, clock);
    expect(await first('FP')).toMatchObject({ healthy: false, status: 'Interruption' });
    clock.now += 30_000;
    expect(await second('FP')).toMatchObject({ healthy: false, status: 'Interruption' });
    expect(calls).toEqual(['FP']);
  });

  it('never caches a failure as an answer: nothing is shared, and this replica holds it briefly', async () => {
    const clock = { now: 1_000_000 };
    const { cache, names } = sharedCache(clock);
    let down = true;
    const { provider, calls } = fakeProvider((product) =>
      down ? new ProviderUnavailableError('provider down') : healthy(product),
    );
    const first = replica(provider, cache, clock);
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => first('D')));
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    expect(calls).toEqual(['D']);
    expect(names()).toEqual([]);
    // Within the hold the same failure comes back without a call.
    clock.now += 9_000;
    await expect(first('D')).rejects.toThrow('provider down');
    expect(calls).toEqual(['D']);
    // Another replica is not told about this one's failure: it asks for itself.
    down = false;
    const second = replica(provider, cache, clock);
    expect((await second('D')).healthy).toBe(true);
    expect(calls).toEqual(['D', 'D']);
    // After the hold, the first replica takes the shared answer the second one made.
    clock.now += 1_000;
    expect((await first('D')).healthy).toBe(true);
    expect(calls).toEqual(['D', 'D']);
  });

  it('ignores a shared record that is not a status for that product', async () => {
    const clock = { now: 1_000_000 };
    const { cache } = sharedCache(clock);
    await cache.set('netstatus:fake:D', { checkedAtMs: clock.now, status: { healthy: 'yes' } }, 60_000);
    await cache.set('netstatus:fake:M', { checkedAtMs: clock.now, status: healthy('D') }, 60_000);
    const { provider, calls } = fakeProvider(healthy);
    const status = replica(provider, cache, clock);
    expect((await status('D')).product).toBe('D');
    expect((await status('M')).product).toBe('M');
    expect(calls).toEqual(['D', 'M']);
  });

  it('checks live when the shared cache cannot be read', async () => {
    const clock = { now: 1_000_000 };
    const broken: SharedCache = {
      get: async () => {
        throw new Error('cache away');
      },
      set: async () => {
        throw new Error('cache away');
      },
    };
    const { provider, calls } = fakeProvider(healthy);
    const status = replica(provider, broken, clock);
    expect((await status('D')).healthy).toBe(true);
    expect((await status('D')).healthy).toBe(true);
    expect(calls).toEqual(['D']);
  });

  it('leaves a provider without network status as it is', () => {
    const provider = { id: 'plain', currency: 'IDR' } as unknown as PaymentProvider;
    const clock = { now: 0 };
    expect(cacheNetworkStatus(provider, { cache: sharedCache(clock).cache, clock: { nowMs: () => 0 } })).toBe(
      provider,
    );
  });
});
