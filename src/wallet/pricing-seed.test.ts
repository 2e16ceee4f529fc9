import { describe, expect, it } from 'vitest';
import { createMemoryPricingRuleStore } from '../store/memory/pricing-store.js';
import { NO_PRICING_RULES, PricingRulesError } from './pricing.js';
import { seedPricingRules } from './pricing-seed.js';

const FILE = JSON.stringify({
  currency: 'MYR',
  margin: { default: { percentBp: 500, roundToMinor: 10 } },
  fee: { categories: { Bill: { fixedMinor: 100 } } },
});

describe('seeding the price rules from PRICING_RULES_FILE', () => {
  it('applies the file to a store that never had rules', async () => {
    const store = createMemoryPricingRuleStore();
    expect(await seedPricingRules(store, FILE, 'MYR')).toEqual({ status: 'seeded', version: 1 });
    const { rules, version } = await store.get();
    expect(version).toBe(1);
    expect(rules.margin.default).toEqual({ percentBp: 500, roundToMinor: 10 });
    expect(rules.fee.categories).toEqual({ Bill: { fixedMinor: 100 } });
  });

  it('never overwrites an admin’s edits, even one that cleared every rule', async () => {
    const store = createMemoryPricingRuleStore();
    await store.set(NO_PRICING_RULES, 0);
    expect(await seedPricingRules(store, FILE)).toEqual({ status: 'kept', version: 1 });
    expect((await store.get()).rules).toEqual(NO_PRICING_RULES);
    // A restart with the file still set keeps them too.
    expect(await seedPricingRules(store, FILE)).toEqual({ status: 'kept', version: 1 });
  });

  it('seeds once when two replicas start together', async () => {
    const store = createMemoryPricingRuleStore();
    const outcomes = await Promise.all([seedPricingRules(store, FILE), seedPricingRules(store, FILE)]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['kept', 'seeded']);
    expect((await store.get()).version).toBe(1);
  });

  it.each([
    ['not JSON', '{ "margin": ', /not JSON/],
    [
      'a negative margin',
      JSON.stringify({ margin: { default: { percentBp: -500 } } }),
      /margin\.default\.percentBp: must not be negative/,
    ],
    [
      'amounts without a currency',
      JSON.stringify({ margin: { default: { fixedMinor: 50 } } }),
      /currency: is required/,
    ],
    [
      'rupiah rules on a ringgit shop',
      JSON.stringify({ currency: 'IDR', margin: { default: { fixedMinor: 500 } } }),
      /the rules are in IDR, but the shop sells in MYR/,
    ],
  ])(
    'refuses a bad file (%s) with a clear error, even when it would not be applied',
    async (_what, text, message) => {
      const empty = createMemoryPricingRuleStore();
      const edited = createMemoryPricingRuleStore();
      await edited.set(NO_PRICING_RULES);
      for (const store of [empty, edited]) {
        const error = await seedPricingRules(store, text, 'MYR').catch((e: unknown) => e);
        expect(error).toBeInstanceOf(PricingRulesError);
        expect((error as Error).message).toMatch(/PRICING_RULES_FILE/);
        expect((error as PricingRulesError).problems.join('\n')).toMatch(message);
      }
      expect((await empty.get()).version).toBe(0);
    },
  );
});
