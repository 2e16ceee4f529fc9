import type { Currency } from '../payments/money.js';
import type { PricingRuleStore } from '../store/ports.js';
import { PricingRulesError, parsePricingRules } from './pricing.js';

export type SeedOutcome =
  /** The store had never held rules; the file's are now version `version`. */
  | { status: 'seeded'; version: number }
  /** The store already had rules (an admin's edits, or an earlier seed): the file was not applied. */
  | { status: 'kept'; version: number };

/**
 * Applies the rule set of PRICING_RULES_FILE (its text) when the store has never held rules, and
 * never overwrites: once the rules were written (by an earlier start or an admin, even an admin who
 * cleared every rule), the file is ignored. The write is a compare-and-set against "never written",
 * so replicas starting together seed once.
 *
 * The file is checked in full on every start, even when it is not applied, so a broken file is found
 * when it is deployed rather than on the day the store is empty. Throws a PricingRulesError listing
 * every problem: not JSON, a schema problem, or (with `shopCurrency`) rules in another currency.
 */
export async function seedPricingRules(
  store: PricingRuleStore,
  fileText: string,
  shopCurrency?: Currency,
): Promise<SeedOutcome> {
  const what = 'PRICING_RULES_FILE is not a valid price rule set';
  let json: unknown;
  try {
    json = JSON.parse(fileText);
  } catch (error) {
    throw new PricingRulesError(what, [
      `not JSON: ${error instanceof Error ? error.message : String(error)}`,
    ]);
  }
  const parsed = parsePricingRules(json);
  if (!parsed.ok) throw new PricingRulesError(what, parsed.problems);
  if (
    shopCurrency !== undefined &&
    parsed.rules.currency !== undefined &&
    parsed.rules.currency !== shopCurrency
  )
    throw new PricingRulesError(what, [
      `currency: the rules are in ${parsed.rules.currency}, but the shop sells in ${shopCurrency}`,
    ]);
  const current = await store.get();
  if (current.version !== 0) return { status: 'kept', version: current.version };
  const written = await store.set(parsed.rules, 0);
  return written.status === 'written'
    ? { status: 'seeded', version: written.version }
    : { status: 'kept', version: written.version };
}
