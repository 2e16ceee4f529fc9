import type { PricingRuleStore } from '../ports.js';
import {
  checkedPricingRules,
  decodePricingRecord,
  encodePricingRecord,
  storedPricingVersion,
} from '../pricing-record.js';

/** Where the in-memory store keeps its record: the same JSON the Redis store keeps under its key. */
export interface PricingRecordCell {
  text: string | undefined;
}

/**
 * Price rules in process memory. The record is kept serialized and validated on every read, like the
 * Redis store, so both fail the same way on a corrupt record (tests pass a `cell` to damage it).
 */
export function createMemoryPricingRuleStore(
  cell: PricingRecordCell = { text: undefined },
): PricingRuleStore {
  return {
    async get() {
      return decodePricingRecord(cell.text);
    },
    async set(rules, expectedVersion) {
      const checked = checkedPricingRules(rules);
      // Single-threaded: nothing can run between this read and the write below.
      const current = storedPricingVersion(cell.text);
      if (expectedVersion !== undefined) {
        // Like the Redis script: a conditional write never replaces a record nobody could read.
        if (current === undefined) decodePricingRecord(cell.text);
        if (expectedVersion !== current) return { status: 'stale', version: current ?? 0 };
      }
      const version = (current ?? 0) + 1;
      cell.text = encodePricingRecord(checked, version);
      return { status: 'written', version };
    },
  };
}
