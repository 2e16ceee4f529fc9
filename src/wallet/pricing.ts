import { z } from 'zod';
import { type Currency, type Money, money } from '../payments/money.js';
import type { AmountRule } from '../payments/types.js';

/**
 * The owner's price rules: what a buyer pays is the provider's charge for the item (the base: the
 * amount sent to IIMMPACT, the price-list price at IAK) plus the owner's margin. Pure; integer minor
 * units only.
 *
 * Two rule sets, chosen by the kind of amount, never mixed:
 * - `margin` for items with a price the shop states (a fixed reload, a priced plan, a voucher).
 * - `fee` for free amounts, where the buyer types the amount or pays a bill's outstanding balance
 *   (the effective amount rule is `range` or `open`, see `isFreeAmount`). The fee is charged on top
 *   of the typed amount; the margin rules never apply to such an item, so with margins only, bills
 *   are sold at cost. A buyer who types RM 500.00 for an electricity bill sees one explicit fee,
 *   not a percentage hidden in the price.
 *
 * Within a set the most specific rule wins, whole (rules are not combined): product code, then
 * product group, then category, then the set's default. Names match ignoring case and surrounding
 * spaces. No rule: the price is the base (margin zero).
 *
 * A rule body adds `percentBp` basis points of the base (150 = 1.5 %, rounded UP to the minor unit,
 * so a fraction of a sen is never given away) plus `fixedMinor`, then rounds the total UP to the next
 * multiple of `roundToMinor` (10 = 10 sen, 100 = Rp 100). Negative percentages and amounts are
 * refused when rules are read: a margin below cost would lose money on every sale, and no legitimate
 * rule needs one (sell at cost with an explicit zero rule, e.g. `{ "percentBp": 0 }`).
 */

/** 100 %: a larger margin is far more likely a typo (500 % for 5 %) than a price. */
export const MAX_PERCENT_BP = 10_000;
/** The largest fixed margin or rounding step, in minor units (RM 10,000.00 or Rp 1,000,000). */
export const MAX_RULE_MINOR = 1_000_000;

/** One rule. Absent parts count as zero (no rounding). */
export interface PriceRule {
  /** Percentage of the base in basis points, 0..10000 (150 = 1.5 %). */
  percentBp?: number;
  /** Fixed amount added, in minor units of the rules' currency. */
  fixedMinor?: number;
  /** Round the final price up to a multiple of this many minor units (at least 1). */
  roundToMinor?: number;
}

export type RuleScope = 'product' | 'group' | 'category';

/** One set of rules: a default and overrides by product code, product group and category. */
export interface RuleSet {
  default?: PriceRule;
  products: Record<string, PriceRule>;
  groups: Record<string, PriceRule>;
  categories: Record<string, PriceRule>;
}

export type RuleSetName = 'margin' | 'fee';

export interface PricingRules {
  /**
   * The currency the fixed amounts and rounding steps are in. Required as soon as a rule has one;
   * a quote in another currency is refused (a rule set written in sen must never price rupiah).
   */
  currency?: Currency;
  margin: RuleSet;
  fee: RuleSet;
}

const emptyRuleSet = (): RuleSet => ({ products: {}, groups: {}, categories: {} });

function frozenSet(): RuleSet {
  const set = emptyRuleSet();
  Object.freeze(set.products);
  Object.freeze(set.groups);
  Object.freeze(set.categories);
  return Object.freeze(set);
}

/** No rules at all: every price is the provider's. Frozen, since it is shared. */
export const NO_PRICING_RULES: PricingRules = Object.freeze({ margin: frozenSet(), fee: frozenSet() });

/** What a price is looked up by. */
export interface PricedProduct {
  code: string;
  group: string;
  category: string;
  /** The buyer typed the amount (or pays a bill's outstanding): the fee rules apply. */
  freeAmount: boolean;
}

export interface PriceQuote {
  /** What the buyer pays. */
  price: Money;
  /** The provider's charge. */
  base: Money;
  /** price − base; never negative. */
  margin: Money;
  /**
   * Which rule priced it: 'product:D', 'group:Prepaid', 'category:Bill', 'default', or with the
   * 'fee:' prefix for free amounts ('fee:product:JOMPAY', 'fee:default'); 'none' when no rule applies.
   */
  appliedRule: string;
}

/**
 * Whether the buyer's amount is free (typed, or a bill's balance) rather than a price the shop
 * states. Pass the effective rule after the buyer's choices (a priced plan turns `open` into `fixed`).
 */
export function isFreeAmount(rule: AmountRule): boolean {
  return rule.kind === 'range' || rule.kind === 'open';
}

/** The price of one item under `rules`. Throws a RangeError for a negative base or a currency mismatch. */
export function quotePrice(input: { product: PricedProduct; base: Money }, rules: PricingRules): PriceQuote {
  const { product, base } = input;
  if (!Number.isSafeInteger(base.minor) || base.minor < 0)
    throw new RangeError(
      `a base price must be a non-negative whole number of minor units, got ${base.minor}`,
    );
  const setName: RuleSetName = product.freeAmount ? 'fee' : 'margin';
  const found = findRule(rules[setName], product);
  if (!found) return { price: base, base, margin: money(0, base.currency), appliedRule: 'none' };
  if (rules.currency !== undefined && rules.currency !== base.currency)
    throw new RangeError(`the price rules are in ${rules.currency}, the item is priced in ${base.currency}`);
  const price = applyRule(base.minor, found.rule);
  const label = setName === 'fee' ? `fee:${found.label}` : found.label;
  return {
    price: money(price, base.currency),
    base,
    margin: money(price - base.minor, base.currency),
    appliedRule: label,
  };
}

/** The base plus the rule's margin, in minor units. Exact: BigInt, then checked back into a number. */
export function applyRule(baseMinor: number, rule: PriceRule): number {
  const base = BigInt(baseMinor);
  const percent = ceilDiv(base * BigInt(rule.percentBp ?? 0), 10_000n);
  let price = base + percent + BigInt(rule.fixedMinor ?? 0);
  const step = BigInt(rule.roundToMinor ?? 1);
  price = ceilDiv(price, step) * step;
  const result = Number(price);
  if (!Number.isSafeInteger(result)) throw new RangeError(`price ${price} is too large`);
  return result;
}

/** ⌈a / b⌉ for a ≥ 0, b > 0. */
function ceilDiv(a: bigint, b: bigint): bigint {
  return (a + b - 1n) / b;
}

/** The rule that prices `product` in `set`, most specific first. */
export function findRule(
  set: RuleSet,
  product: Pick<PricedProduct, 'code' | 'group' | 'category'>,
): { rule: PriceRule; label: string } | undefined {
  const lookups: Array<[RuleScope, Record<string, PriceRule>, string]> = [
    ['product', set.products, product.code],
    ['group', set.groups, product.group],
    ['category', set.categories, product.category],
  ];
  for (const [scope, table, name] of lookups) {
    const key = findKey(table, name);
    const rule = key === undefined ? undefined : table[key];
    if (key !== undefined && rule) return { rule, label: `${scope}:${key}` };
  }
  return set.default ? { rule: set.default, label: 'default' } : undefined;
}

/** Names compare trimmed and ignoring case ("prepaid" finds "Prepaid"). */
export function sameName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

function findKey(table: Record<string, PriceRule>, name: string): string | undefined {
  if (Object.hasOwn(table, name)) return name;
  return Object.keys(table).find((key) => sameName(key, name));
}

// ---------------------------------------------------------------------------------------------------
// Changing rules

/** Where a rule lives: a set, a scope and (except for the default) a name. */
export type RuleTarget =
  | { set: RuleSetName; scope: 'default' }
  | { set: RuleSetName; scope: RuleScope; name: string };

export type RuleChange =
  | { kind: 'set'; target: RuleTarget; rule: PriceRule }
  | { kind: 'clear'; target: RuleTarget };

const TABLES: Record<RuleScope, 'products' | 'groups' | 'categories'> = {
  product: 'products',
  group: 'groups',
  category: 'categories',
};

/** "product:D", "fee:default": the label `quotePrice` reports for a target. */
export function targetLabel(target: RuleTarget): string {
  const where = target.scope === 'default' ? 'default' : `${target.scope}:${target.name.trim()}`;
  return target.set === 'fee' ? `fee:${where}` : where;
}

/** The rule currently at `target`, if any. */
export function ruleAt(rules: PricingRules, target: RuleTarget): PriceRule | undefined {
  const set = rules[target.set];
  if (target.scope === 'default') return set.default;
  const table = set[TABLES[target.scope]];
  const key = findKey(table, target.name);
  return key === undefined ? undefined : table[key];
}

/**
 * `rules` with one change applied, as a new value (the input is not modified). Setting a rule also
 * records `currency`, the shop's currency the amounts were typed in; a rule set in another currency
 * is refused with a RangeError, since its amounts would mean something else. A name that matches an
 * existing one ignoring case replaces it.
 */
export function applyRuleChange(rules: PricingRules, change: RuleChange, currency: Currency): PricingRules {
  if (rules.currency !== undefined && rules.currency !== currency)
    throw new RangeError(`the price rules are in ${rules.currency}, not ${currency}`);
  const set = rules[change.target.set];
  let next: RuleSet;
  if (change.target.scope === 'default') {
    const { default: _old, ...rest } = set;
    next = change.kind === 'set' ? { ...rest, default: { ...change.rule } } : rest;
  } else {
    const tableName = TABLES[change.target.scope];
    const name = change.target.name.trim();
    const table = Object.fromEntries(Object.entries(set[tableName]).filter(([key]) => !sameName(key, name)));
    if (change.kind === 'set') table[name] = { ...change.rule };
    next = { ...set, [tableName]: table };
  }
  const changed: PricingRules = { ...rules, [change.target.set]: next };
  return change.kind === 'set' ? { ...changed, currency } : changed;
}

// ---------------------------------------------------------------------------------------------------
// Preview

export interface PricedSample {
  product: PricedProduct;
  base: Money;
  /** What the admin reads for this item ("Hotlink RM 10"). */
  label: string;
}

export interface PreviewLine {
  sample: PricedSample;
  before: PriceQuote;
  after: PriceQuote;
}

/**
 * Before and after prices of each sample under two rule sets. Samples in another currency than the
 * rules are left out rather than priced wrongly.
 */
export function previewPrices(
  before: PricingRules,
  after: PricingRules,
  samples: readonly PricedSample[],
): PreviewLine[] {
  const lines: PreviewLine[] = [];
  for (const sample of samples) {
    const currencies = [before.currency, after.currency].filter((c) => c !== undefined);
    if (currencies.some((c) => c !== sample.base.currency)) continue;
    const input = { product: sample.product, base: sample.base };
    lines.push({ sample, before: quotePrice(input, before), after: quotePrice(input, after) });
  }
  return lines;
}

/**
 * What a change would do: the rules after it and the before → after price of each sample. Nothing is
 * stored; the caller shows this to the admin and writes `after` with the version it read.
 */
export function previewRuleChange(
  rules: PricingRules,
  change: RuleChange,
  currency: Currency,
  samples: readonly PricedSample[],
): { after: PricingRules; lines: PreviewLine[] } {
  const after = applyRuleChange(rules, change, currency);
  return { after, lines: previewPrices(rules, after, samples) };
}

// ---------------------------------------------------------------------------------------------------
// Reading rules (JSON file, store)

const ruleSchema = z
  .strictObject({
    percentBp: z
      .int({ error: 'must be a whole number of basis points (150 = 1.5%)' })
      .min(0, { error: 'must not be negative: a margin below cost loses money on every sale' })
      .max(MAX_PERCENT_BP, { error: `must be at most ${MAX_PERCENT_BP} (100%)` })
      .optional(),
    fixedMinor: z
      .int({ error: 'must be a whole number of minor units (sen or rupiah)' })
      .min(0, { error: 'must not be negative: a margin below cost loses money on every sale' })
      .max(MAX_RULE_MINOR, { error: `must be at most ${MAX_RULE_MINOR} minor units` })
      .optional(),
    roundToMinor: z
      .int({ error: 'must be a whole number of minor units (10 = 10 sen)' })
      .min(1, { error: 'must be at least 1' })
      .max(MAX_RULE_MINOR, { error: `must be at most ${MAX_RULE_MINOR} minor units` })
      .optional(),
  })
  .refine((rule) => Object.values(rule).some((value) => value !== undefined), {
    error: 'needs percentBp, fixedMinor or roundToMinor (use {"percentBp": 0} to sell at cost)',
  });

const tableSchema = z
  .record(z.string(), ruleSchema)
  .default({})
  .superRefine((table, ctx) => {
    const seen = new Map<string, string>();
    for (const key of Object.keys(table)) {
      if (key.trim() === '' || key.trim() !== key)
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: 'names must be non-empty, without surrounding spaces',
        });
      const folded = key.toLowerCase();
      const other = seen.get(folded);
      if (other !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `"${key}" and "${other}" differ only in case; names match ignoring case, keep one`,
        });
      seen.set(folded, key);
    }
  });

const ruleSetSchema = z.strictObject({
  default: ruleSchema.optional(),
  products: tableSchema,
  groups: tableSchema,
  categories: tableSchema,
});

export const pricingRulesSchema = z
  .strictObject({
    currency: z.enum(['MYR', 'IDR'], { error: 'must be "MYR" or "IDR"' }).optional(),
    margin: ruleSetSchema.default(emptyRuleSet),
    fee: ruleSetSchema.default(emptyRuleSet),
  })
  .superRefine((rules, ctx) => {
    if (rules.currency !== undefined) return;
    const rulesOf = (set: RuleSet) => [
      set.default,
      ...Object.values(set.products),
      ...Object.values(set.groups),
      ...Object.values(set.categories),
    ];
    const usesAmounts = [...rulesOf(rules.margin), ...rulesOf(rules.fee)].some(
      (rule) => rule?.fixedMinor !== undefined || rule?.roundToMinor !== undefined,
    );
    if (usesAmounts)
      ctx.addIssue({
        code: 'custom',
        path: ['currency'],
        message: 'is required when a rule has fixedMinor or roundToMinor ("MYR" or "IDR")',
      });
  });

export type PricingRulesParse = { ok: true; rules: PricingRules } | { ok: false; problems: string[] };

/**
 * Reads a rule set (parsed JSON). Every problem is listed, each with its path, e.g.
 * `margin.products.D.percentBp: must not be negative: ...`. Unknown fields are problems too: a typo
 * such as "percent" silently ignored would sell at cost.
 */
export function parsePricingRules(json: unknown): PricingRulesParse {
  const result = pricingRulesSchema.safeParse(json);
  if (result.success) return { ok: true, rules: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => {
      const path = issue.path.map(String).join('.');
      return path === '' ? issue.message : `${path}: ${issue.message}`;
    }),
  };
}

/** Rules that could not be read: a bad file or a corrupt stored record. */
export class PricingRulesError extends Error {
  readonly problems: string[];

  constructor(what: string, problems: string[]) {
    super(`${what}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PricingRulesError';
    this.problems = problems;
  }
}
