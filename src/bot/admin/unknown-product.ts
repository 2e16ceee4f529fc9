import type { Product } from '../../payments/types.js';
import { type RuleChange, sameName } from '../../wallet/pricing.js';

/**
 * Whether a /margin change names a product code the catalog does not list (pure). Rules are looked
 * up by the code of the product being sold, so a rule for a code that is not there prices nothing:
 * almost always a typo ("ZZZ" for "TNB"). Clearing a rule stays possible (the product may have been
 * delisted since), and with no catalog read nothing is claimed.
 */

/** Similar codes named at most. */
export const MAX_SIMILAR_CODES = 5;

export interface UnknownProduct {
  code: string;
  /** Catalog codes that look like it (a shared start, or one inside the other), sorted. */
  similar: string[];
}

export function unknownProductOf(
  change: RuleChange,
  products: readonly Product[],
): UnknownProduct | undefined {
  const target = change.target;
  if (change.kind !== 'set' || target.scope !== 'product' || products.length === 0) return undefined;
  if (products.some((product) => sameName(product.code, target.name))) return undefined;
  return { code: target.name, similar: similarCodes(target.name, products) };
}

function similarCodes(typed: string, products: readonly Product[]): string[] {
  const wanted = typed.trim().toLowerCase();
  const start = wanted.slice(0, 2);
  const codes = new Set<string>();
  for (const { code } of products) {
    const folded = code.toLowerCase();
    if (folded.startsWith(start) || folded.includes(wanted) || wanted.includes(folded)) codes.add(code);
  }
  return [...codes].sort((a, b) => a.localeCompare(b)).slice(0, MAX_SIMILAR_CODES);
}
