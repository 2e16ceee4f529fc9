import { type Currency, formatMoney, type Money, money } from '../../payments/money.js';
import type { Product } from '../../payments/types.js';
import { type PricedSample, type RuleTarget, sameName } from '../../wallet/pricing.js';
import { MAX_PREVIEW_LINES } from './pricing-views.js';

/**
 * The catalog items a /margin preview shows, before → after (pure). Items the change touches come
 * first (in catalog order), then other items of the same rule set, so the admin sees both what
 * changes and what does not. Items of the other set (margins vs fees) never change and are left out.
 *
 * - A fixed amount list gives its first and last choices (margin set).
 * - A range gives its minimum, as a typed amount (fee set).
 * - An open amount without plans (a bill) gives a notional typed amount (fee set); one with plans is
 *   left out, since its prices are only known once a plan is fetched.
 */
export function pricingSamples(
  products: readonly Product[],
  target: RuleTarget,
  currency: Currency,
  max = MAX_PREVIEW_LINES,
): PricedSample[] {
  const touched: PricedSample[] = [];
  const others: PricedSample[] = [];
  for (const product of products) {
    if (!product.active) continue;
    const samples = samplesOf(product, currency);
    for (const sample of samples) {
      if ((target.set === 'fee') !== sample.product.freeAmount) continue;
      (touches(target, product) ? touched : others).push(sample);
    }
  }
  return [...touched, ...others].slice(0, max);
}

/** A typed amount to show a fee on, where the item states none. */
const NOTIONAL: Record<Currency, number> = { MYR: 5_000, IDR: 50_000 };

function samplesOf(product: Product, currency: Currency): PricedSample[] {
  const of = (base: Money, freeAmount: boolean): PricedSample => ({
    product: { code: product.code, group: product.group, category: product.category, freeAmount },
    base,
    label: `${product.name} ${formatMoney(base)}`,
  });
  const rule = product.amount;
  switch (rule.kind) {
    case 'fixed': {
      const choices = rule.choices.filter((choice) => choice.currency === currency && choice.minor > 0);
      const first = choices[0];
      const last = choices.at(-1);
      if (!first || !last) return [];
      return first === last ? [of(first, false)] : [of(first, false), of(last, false)];
    }
    case 'range':
      return rule.min.currency === currency && rule.min.minor > 0 ? [of(rule.min, true)] : [];
    case 'open':
      return product.hasSubproducts ? [] : [of(money(NOTIONAL[currency], currency), true)];
  }
}

function touches(target: RuleTarget, product: Product): boolean {
  switch (target.scope) {
    case 'default':
      return true;
    case 'product':
      return sameName(target.name, product.code);
    case 'group':
      return sameName(target.name, product.group);
    case 'category':
      return sameName(target.name, product.category);
  }
}
