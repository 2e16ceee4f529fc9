import {
  NO_PRICING_RULES,
  type PricingRules,
  PricingRulesError,
  parsePricingRules,
} from '../wallet/pricing.js';
import type { VersionedPricingRules } from './ports.js';

/**
 * The stored form of the price rules, shared by the Redis and in-memory stores so both validate the
 * same way: `{"version": n, "rules": {...}}` as JSON, version ≥ 1.
 */

/** Nothing stored yet: no rules, version 0. */
export const UNWRITTEN_PRICING_RULES: VersionedPricingRules = { rules: NO_PRICING_RULES, version: 0 };

/** Checks rules before they are written, so a bad rule set never reaches the store. */
export function checkedPricingRules(rules: PricingRules): PricingRules {
  const parsed = parsePricingRules(rules);
  if (!parsed.ok) throw new PricingRulesError('Refusing to store invalid price rules', parsed.problems);
  return parsed.rules;
}

/**
 * Reads a stored record. A corrupt one throws a PricingRulesError rather than reading as "no rules":
 * selling at cost (or at a stale price) because a record was damaged is the wrong failure.
 */
export function decodePricingRecord(text: string | undefined): VersionedPricingRules {
  if (text === undefined) return UNWRITTEN_PRICING_RULES;
  const corrupt = (problems: string[]) =>
    new PricingRulesError(
      'The stored price rules are corrupt; nothing can be priced until they are rewritten',
      problems,
    );
  let record: unknown;
  try {
    record = JSON.parse(text);
  } catch {
    throw corrupt(['the record is not JSON']);
  }
  if (typeof record !== 'object' || record === null) throw corrupt(['the record is not an object']);
  const { version, rules } = record as { version?: unknown; rules?: unknown };
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1)
    throw corrupt(['version must be a whole number of at least 1']);
  const parsed = parsePricingRules(rules);
  if (!parsed.ok) throw corrupt(parsed.problems.map((problem) => `rules.${problem}`));
  return { rules: parsed.rules, version };
}

/**
 * The version of a stored record as a conditional write reads it (JSON with a whole `version`, as the
 * Redis script checks it), or undefined when there is none to compare against.
 */
export function storedPricingVersion(text: string | undefined): number | undefined {
  if (text === undefined) return 0;
  try {
    const version = (JSON.parse(text) as { version?: unknown } | null)?.version;
    return typeof version === 'number' && Number.isSafeInteger(version) ? version : undefined;
  } catch {
    return undefined;
  }
}

export function encodePricingRecord(rules: PricingRules, version: number): string {
  return JSON.stringify({ version, rules });
}
