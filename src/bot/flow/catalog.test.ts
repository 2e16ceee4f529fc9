import { describe, expect, it } from 'vitest';
import { ALL_PRODUCTS } from '../../../test/support/bot/fixtures.js';
import type { Product } from '../../payments/types.js';
import { toCatalog } from './catalog.js';

describe('the menus’ catalog', () => {
  const [first, second, third] = ALL_PRODUCTS as [Product, Product, Product];
  const products: Product[] = [
    first,
    { ...second, active: false },
    { ...third, active: false, unsellable: { reason: 'unreadable-denomination', detail: 'RM ?' } },
  ];

  it('keeps active products, drops inactive ones, and marks unsellable ones unavailable', () => {
    expect(toCatalog(products)).toEqual([
      { code: first.code, name: first.name, category: first.category },
      { code: third.code, name: third.name, category: third.category, unavailable: true },
    ]);
  });

  it('gives every menu drawn from one product list the same frozen entries, and a new list new ones', () => {
    const entries = toCatalog(products);
    expect(toCatalog(products)).toBe(entries);
    expect(Object.isFrozen(entries) && entries.every((entry) => Object.isFrozen(entry))).toBe(true);
    expect(() => (entries as unknown as { push(x: unknown): void }).push({})).toThrow(TypeError);
    expect(toCatalog([...products])).not.toBe(entries);
    expect(toCatalog([...products])).toEqual(entries);
  });
});
