import type { Product, SubProduct } from '../../payments/types.js';
import type { CatalogEntry } from './state.js';

/**
 * The menus' view of the catalog, in the provider's order: active products, and the ones the shop
 * cannot sell (`unsellable`) marked unavailable, so a buyer who looks for them learns they are off.
 */
/**
 * The menu's entries per product list, by identity: the catalog reader hands every update the same
 * frozen list until the catalog changes, so each menu drawn from it gets the same frozen entries,
 * and the session codec, which names a list by its content hash, hashes each list once, not on every
 * menu.
 */
const entriesOf = new WeakMap<readonly Product[], CatalogEntry[]>();

export function toCatalog(products: readonly Product[]): CatalogEntry[] {
  const known = entriesOf.get(products);
  if (known) return known;
  const entries = Object.freeze(
    products
      .filter((product) => product.active || product.unsellable !== undefined)
      .map((product) =>
        Object.freeze({
          code: product.code,
          name: product.name,
          category: product.category,
          ...(product.active ? {} : { unavailable: true }),
        }),
      ),
  ) as CatalogEntry[];
  entriesOf.set(products, entries);
  return entries;
}

/**
 * What a list's menus show, worked out once per list (by identity, as above): every button press
 * asks for the categories or a category's products several times, and the list is shared by every
 * buyer until the catalog changes. The answers are frozen, as the entries are.
 */
const menusOf = new WeakMap<
  readonly CatalogEntry[],
  { categories: readonly string[]; products: Map<string, readonly CatalogEntry[]> }
>();

function menus(catalog: readonly CatalogEntry[]) {
  let known = menusOf.get(catalog);
  if (!known) {
    known = {
      categories: Object.freeze([...new Set(catalog.map((entry) => entry.category))]),
      products: new Map(),
    };
    menusOf.set(catalog, known);
  }
  return known;
}

/** Categories in order of first appearance, so the provider's ordering carries through. */
export function categoriesOf(catalog: readonly CatalogEntry[]): readonly string[] {
  return menus(catalog).categories;
}

export function productsIn(catalog: readonly CatalogEntry[], category: string): readonly CatalogEntry[] {
  const { products } = menus(catalog);
  let entries = products.get(category);
  if (!entries) {
    entries = Object.freeze(catalog.filter((entry) => entry.category === category));
    products.set(category, entries);
  }
  return entries;
}

/**
 * The entries of a whole option list that match what the buyer typed: every word must appear in the
 * code, name or description, ignoring case and accents. For the glue's answer to a `load-options`
 * effect with `search`.
 */
export function filterOptions(items: readonly SubProduct[], search: string, limit = 50): SubProduct[] {
  const words = fold(search).split(/\s+/).filter(Boolean);
  if (words.length === 0) return items.slice(0, limit);
  return items
    .filter((item) => {
      const haystack = fold(`${item.code} ${item.name} ${item.description ?? ''}`);
      return words.every((word) => haystack.includes(word));
    })
    .slice(0, limit);
}

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
