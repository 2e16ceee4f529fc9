import { describe, expect, it } from 'vitest';
import { type Currency, money } from '../payments/money.js';
import {
  applyRuleChange,
  isFreeAmount,
  NO_PRICING_RULES,
  type PricedProduct,
  type PriceRule,
  type PricingRules,
  parsePricingRules,
  previewRuleChange,
  quotePrice,
} from './pricing.js';

const reload: PricedProduct = { code: 'D', group: 'Prepaid', category: 'Mobile', freeAmount: false };
const bill: PricedProduct = { code: 'TNB', group: 'Utility', category: 'Bill', freeAmount: true };

function rules(partial: {
  currency?: Currency;
  margin?: Partial<PricingRules['margin']>;
  fee?: Partial<PricingRules['fee']>;
}): PricingRules {
  const empty = { products: {}, groups: {}, categories: {} };
  return {
    ...(partial.currency ? { currency: partial.currency } : {}),
    margin: { ...empty, ...partial.margin },
    fee: { ...empty, ...partial.fee },
  };
}

const myr = (minor: number) => money(minor, 'MYR');
const idr = (minor: number) => money(minor, 'IDR');

describe('the price a buyer pays for one rule', () => {
  it.each<[string, number, PriceRule, number]>([
    ['no margin parts: an explicit zero', 1000, { percentBp: 0 }, 1000],
    ['5% of RM 10.00', 1000, { percentBp: 500 }, 1050],
    ['1.5% of RM 10.00', 1000, { percentBp: 150 }, 1015],
    // 1.5% of RM 0.99 is 1.485 sen: the buyer pays the whole sen, never the shop losing a fraction.
    ['a fraction of a sen rounds up', 99, { percentBp: 150 }, 101],
    ['0.01% of RM 0.01 is still a whole sen', 1, { percentBp: 1 }, 2],
    ['5% + RM 0.50', 1000, { percentBp: 500, fixedMinor: 50 }, 1100],
    ['5% + RM 0.50, rounded up to 10 sen', 1234, { percentBp: 500, fixedMinor: 50, roundToMinor: 10 }, 1350],
    ['a price on a step stays there', 1000, { percentBp: 0, roundToMinor: 10 }, 1000],
    ['rounding only', 1001, { roundToMinor: 10 }, 1010],
    ['fixed only', 1000, { fixedMinor: 20 }, 1020],
    ['a zero base with a fixed margin', 0, { fixedMinor: 50 }, 50],
    ['a zero base with a percentage', 0, { percentBp: 500, roundToMinor: 10 }, 0],
    ['RM 100,000.00 at 100%', 10_000_000, { percentBp: 10_000 }, 20_000_000],
    ['RM 100,000.00 at 2.75% + RM 1.00', 10_000_000, { percentBp: 275, fixedMinor: 100 }, 10_275_100],
  ])('%s', (_what, base, rule, price) => {
    const quote = quotePrice({ product: reload, base: myr(base) }, rules({ margin: { default: rule } }));
    expect(quote.price).toEqual(myr(price));
    expect(quote.margin).toEqual(myr(price - base));
    expect(quote.base).toEqual(myr(base));
  });

  it.each<[string, number, PriceRule, number]>([
    ['Rp 10,000 at 3%', 10_000, { percentBp: 300 }, 10_300],
    [
      'Rp 10,000,000 at 1.25% + Rp 500, rounded to Rp 100',
      10_000_000,
      { percentBp: 125, fixedMinor: 500, roundToMinor: 100 },
      10_125_500,
    ],
    ['Rp 12,345 at 2.5%, rounded up to Rp 500', 12_345, { percentBp: 250, roundToMinor: 500 }, 13_000],
    ['Rp 1 at 0.01% is Rp 2 (no fractions of a rupiah)', 1, { percentBp: 1 }, 2],
  ])('IDR: %s', (_what, base, rule, price) => {
    const quote = quotePrice(
      { product: reload, base: idr(base) },
      rules({ currency: 'IDR', margin: { default: rule } }),
    );
    expect(quote.price).toEqual(idr(price));
    expect(quote.margin.minor).toBe(price - base);
  });

  it('stays exact for amounts far beyond what floats multiply exactly', () => {
    // 9e13 × 9999 overflows 2^53; BigInt keeps it exact.
    const base = 90_000_000_000_000;
    const quote = quotePrice(
      { product: reload, base: myr(base) },
      rules({ margin: { default: { percentBp: 9_999 } } }),
    );
    expect(quote.price.minor).toBe(base + 89_991_000_000_000);
  });

  it('refuses a negative base', () => {
    expect(() => quotePrice({ product: reload, base: myr(-1) }, NO_PRICING_RULES)).toThrow(RangeError);
  });
});

describe('which rule prices an item', () => {
  const all = rules({
    currency: 'MYR',
    margin: {
      default: { percentBp: 500 },
      categories: { Mobile: { percentBp: 400 } },
      groups: { Prepaid: { percentBp: 300 } },
      products: { D: { percentBp: 200 } },
    },
  });
  const price = (product: PricedProduct, set: PricingRules) => quotePrice({ product, base: myr(1000) }, set);

  it('with no rules, the buyer pays the provider’s price', () => {
    expect(price(reload, NO_PRICING_RULES)).toEqual({
      price: myr(1000),
      base: myr(1000),
      margin: myr(0),
      appliedRule: 'none',
    });
    expect(price(bill, NO_PRICING_RULES).appliedRule).toBe('none');
  });

  it.each<[string, PricedProduct, number, string]>([
    ['product beats group, category and default', reload, 1020, 'product:D'],
    ['group beats category and default', { ...reload, code: 'M' }, 1030, 'group:Prepaid'],
    ['category beats default', { ...reload, code: 'M', group: 'Postpaid' }, 1040, 'category:Mobile'],
    ['the default catches the rest', { ...reload, code: 'M', group: 'X', category: 'Y' }, 1050, 'default'],
    ['names match ignoring case', { ...reload, code: 'd', group: 'prepaid' }, 1020, 'product:D'],
  ])('%s', (_what, product, expected, applied) => {
    const quote = price(product, all);
    expect(quote.price).toEqual(myr(expected));
    expect(quote.appliedRule).toBe(applied);
  });

  it('a more specific rule replaces the default whole (they do not add up)', () => {
    const set = rules({
      margin: { default: { percentBp: 500 }, products: { D: { fixedMinor: 20 } } },
      currency: 'MYR',
    });
    expect(price(reload, set).price).toEqual(myr(1020));
  });

  it('a typed amount or a bill gets the fee rules, never the margin', () => {
    expect(price(bill, all)).toMatchObject({ price: myr(1000), appliedRule: 'none' });
    const withFees = rules({
      ...all,
      fee: { default: { fixedMinor: 100 }, categories: { Bill: { fixedMinor: 50 } } },
    });
    expect(price(bill, withFees)).toMatchObject({ price: myr(1050), appliedRule: 'fee:category:Bill' });
    expect(price({ ...bill, category: 'Other' }, withFees)).toMatchObject({
      price: myr(1100),
      margin: myr(100),
      appliedRule: 'fee:default',
    });
    // And a fixed-price item never gets a fee.
    expect(price(reload, withFees).appliedRule).toBe('product:D');
  });

  it('refuses to price in another currency than the rules', () => {
    const set = rules({ currency: 'MYR', margin: { default: { fixedMinor: 50 } } });
    expect(() => quotePrice({ product: reload, base: idr(10_000) }, set)).toThrow(/MYR/);
  });

  it('decides free amounts from the effective amount rule', () => {
    expect(isFreeAmount({ kind: 'range', min: myr(100), max: myr(50_000), wholeUnitsOnly: false })).toBe(
      true,
    );
    expect(isFreeAmount({ kind: 'open', wholeUnitsOnly: true })).toBe(true);
    expect(isFreeAmount({ kind: 'fixed', choices: [myr(1000)], suggested: [] })).toBe(false);
  });
});

describe('reading a rule set', () => {
  it('accepts a full rule set and fills in empty tables', () => {
    const parsed = parsePricingRules({
      currency: 'MYR',
      margin: {
        default: { percentBp: 500, fixedMinor: 50, roundToMinor: 10 },
        groups: { Prepaid: { fixedMinor: 20 } },
      },
      fee: { categories: { Bill: { fixedMinor: 100 } } },
    });
    expect(parsed).toEqual({
      ok: true,
      rules: {
        currency: 'MYR',
        margin: {
          default: { percentBp: 500, fixedMinor: 50, roundToMinor: 10 },
          products: {},
          groups: { Prepaid: { fixedMinor: 20 } },
          categories: {},
        },
        fee: { products: {}, groups: {}, categories: { Bill: { fixedMinor: 100 } } },
      },
    });
    expect(parsePricingRules({})).toEqual({ ok: true, rules: NO_PRICING_RULES });
  });

  it.each<[string, unknown, RegExp]>([
    [
      'a negative percentage',
      { margin: { default: { percentBp: -100 } } },
      /margin\.default\.percentBp: must not be negative/,
    ],
    [
      'a negative amount',
      { currency: 'MYR', fee: { products: { X: { fixedMinor: -1 } } } },
      /fee\.products\.X\.fixedMinor: must not be negative/,
    ],
    ['a fractional percentage', { margin: { default: { percentBp: 1.5 } } }, /whole number of basis points/],
    ['a percentage in the wrong unit', { margin: { default: { percentBp: 50_000 } } }, /at most 10000/],
    [
      'a zero rounding step',
      { currency: 'MYR', margin: { default: { roundToMinor: 0 } } },
      /roundToMinor: must be at least 1/,
    ],
    ['a misspelt field', { margin: { default: { percent: 5 } } }, /percent/],
    ['an empty rule', { margin: { groups: { Prepaid: {} } } }, /needs percentBp, fixedMinor or roundToMinor/],
    ['amounts without a currency', { margin: { default: { fixedMinor: 50 } } }, /currency: is required/],
    ['an unknown currency', { currency: 'USD' }, /currency: must be "MYR" or "IDR"/],
    [
      'names that differ only in case',
      { margin: { products: { D: { percentBp: 1 }, d: { percentBp: 2 } } } },
      /differ only in case/,
    ],
    [
      'a name with spaces around it',
      { margin: { groups: { ' Prepaid': { percentBp: 1 } } } },
      /surrounding spaces/,
    ],
    ['not an object', 'five percent', /object/],
  ])('refuses %s, saying where', (_what, json, problem) => {
    const parsed = parsePricingRules(json);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems.join('\n')).toMatch(problem);
  });

  it('lists every problem at once', () => {
    const parsed = parsePricingRules({
      margin: { default: { percentBp: -1 }, products: { D: { fixedMinor: 1.5 } } },
    });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems.length).toBeGreaterThanOrEqual(2);
  });
});

describe('changing rules', () => {
  const start = rules({ margin: { default: { percentBp: 500 }, groups: { Prepaid: { percentBp: 300 } } } });

  it('sets a rule, records the currency and leaves the input alone', () => {
    const next = applyRuleChange(
      start,
      { kind: 'set', target: { set: 'margin', scope: 'product', name: 'D' }, rule: { fixedMinor: 20 } },
      'MYR',
    );
    expect(next.currency).toBe('MYR');
    expect(next.margin.products).toEqual({ D: { fixedMinor: 20 } });
    expect(start.margin.products).toEqual({});
    expect(parsePricingRules(next)).toEqual({ ok: true, rules: next });
  });

  it('replaces a name that differs only in case, and clears back to the next rule', () => {
    const renamed = applyRuleChange(
      start,
      { kind: 'set', target: { set: 'margin', scope: 'group', name: 'prepaid' }, rule: { percentBp: 100 } },
      'MYR',
    );
    expect(renamed.margin.groups).toEqual({ prepaid: { percentBp: 100 } });
    const cleared = applyRuleChange(
      renamed,
      { kind: 'clear', target: { set: 'margin', scope: 'group', name: 'PREPAID' } },
      'MYR',
    );
    expect(cleared.margin.groups).toEqual({});
    expect(quotePrice({ product: reload, base: myr(1000) }, cleared)).toMatchObject({
      price: myr(1050),
      appliedRule: 'default',
    });
    const noDefault = applyRuleChange(
      cleared,
      { kind: 'clear', target: { set: 'margin', scope: 'default' } },
      'MYR',
    );
    expect(noDefault.margin.default).toBeUndefined();
  });

  it('refuses to change rules written in another currency', () => {
    const rupiah = rules({ currency: 'IDR', margin: { default: { fixedMinor: 500 } } });
    expect(() =>
      applyRuleChange(rupiah, { kind: 'clear', target: { set: 'margin', scope: 'default' } }, 'MYR'),
    ).toThrow(/IDR/);
  });

  it('previews before → after prices of sample items', () => {
    const samples = [
      { product: reload, base: myr(1000), label: 'Digi RM 10' },
      { product: { ...reload, code: 'M', group: 'Other' }, base: myr(3000), label: 'Maxis RM 30' },
      { product: bill, base: myr(12_345), label: 'TNB bill' },
      { product: reload, base: idr(10_000), label: 'wrong currency, left out' },
    ];
    const { after, lines } = previewRuleChange(
      start,
      {
        kind: 'set',
        target: { set: 'margin', scope: 'group', name: 'Prepaid' },
        rule: { percentBp: 300, fixedMinor: 50, roundToMinor: 10 },
      },
      'MYR',
      samples,
    );
    expect(after.margin.groups.Prepaid).toEqual({ percentBp: 300, fixedMinor: 50, roundToMinor: 10 });
    expect(lines.map((l) => [l.sample.label, l.before.price.minor, l.after.price.minor])).toEqual([
      ['Digi RM 10', 1030, 1080],
      ['Maxis RM 30', 3150, 3150],
      ['TNB bill', 12_345, 12_345],
    ]);
  });
});
