import { describe, expect, it } from 'vitest';
import { ProviderUnavailableError } from '../../payments/errors.js';
import type { PaymentProvider } from '../../payments/provider.js';
import type { Product } from '../../payments/types.js';
import { createMemoryCacheStore } from '../../store/memory/kv-stores.js';
import { createCatalogReader } from './requests.js';

const PRODUCTS: Product[] = [
  {
    code: 'D',
    name: 'Digi Prepaid',
    group: 'Mobile Reload',
    category: 'Prepaid',
    active: true,
    amount: { kind: 'fixed', denominations: [{ minor: 500, currency: 'MYR' }] },
  } as unknown as Product,
  { code: 'X', name: 'Broken', active: true, unsellable: 'no amounts' } as unknown as Product,
];

function setup(listProducts: () => Promise<Product[]>) {
  const clock = { now: 1_000_000 };
  let calls = 0;
  const provider = {
    id: 'fake',
    currency: 'MYR',
    listProducts: async () => {
      calls += 1;
      await new Promise((resolve) => setTimeout(resolve, 1));
      return listProducts();
    },
  } as unknown as PaymentProvider;
  const cache = createMemoryCacheStore({ nowMs: () => clock.now });
  const unsellable: Product[][] = [];
  const read = createCatalogReader({
    provider,
    cache,
    catalogTtlMs: 600_000,
    onUnsellable: (products) => unsellable.push(products),
  });
  return { read, cache, clock, calls: () => calls, unsellable };
}

describe('the catalog reader', () => {
  it('refills an empty cache with one provider call for every concurrent reader', async () => {
    const t = setup(async () => structuredClone(PRODUCTS));
    const lists = await Promise.all(Array.from({ length: 30 }, () => t.read()));
    expect(t.calls()).toBe(1);
    expect(lists.every((list) => list.length === 2)).toBe(true);
    expect(t.unsellable.map((list) => list.map((p) => p.code))).toEqual([['X']]);
    await t.read();
    expect(t.calls()).toBe(1);
  });

  it('hands every caller the same frozen list, parsed once, until the catalog changes', async () => {
    const t = setup(async () => structuredClone(PRODUCTS));
    await t.read();
    const first = await t.read();
    expect(await t.read()).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first[0])).toBe(true);
    expect(() => {
      (first[0] as { name: string }).name = 'changed';
    }).toThrow(TypeError);
    await t.cache.set('catalog:fake', [PRODUCTS[0]], 600_000);
    const changed = await t.read();
    expect(changed.map((p) => p.code)).toEqual(['D']);
    expect(t.calls()).toBe(1);
  });

  it('asks the provider again once the TTL has passed', async () => {
    const t = setup(async () => structuredClone(PRODUCTS));
    await t.read();
    t.clock.now += 599_999;
    await t.read();
    expect(t.calls()).toBe(1);
    t.clock.now += 1;
    await t.read();
    expect(t.calls()).toBe(2);
  });

  it('fails while the provider is down and the cache is empty, caching nothing', async () => {
    let down = true;
    const t = setup(async () => {
      if (down) throw new ProviderUnavailableError('provider down');
      return structuredClone(PRODUCTS);
    });
    const failed = await Promise.allSettled([t.read(), t.read(), t.read()]);
    expect(failed.every((r) => r.status === 'rejected')).toBe(true);
    expect(t.calls()).toBe(1);
    expect(await t.cache.get('catalog:fake')).toBeUndefined();
    down = false;
    expect(await t.read()).toHaveLength(2);
    expect(t.calls()).toBe(2);
  });
});
