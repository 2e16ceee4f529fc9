import type { Redis } from 'ioredis';
import type { Keys } from '../keys.js';
import type { PricingRuleStore } from '../ports.js';
import { checkedPricingRules, decodePricingRecord } from '../pricing-record.js';

/**
 * set_pricing_rules
 * KEYS[1] pricing rules key
 * ARGV[1] expected version, or '' to write whatever is stored   ARGV[2] rules JSON (validated)
 * Returns {1, new version} when written, {0, current version} when the stored version differs.
 * A stored record that cannot be read fails a conditional write with a CORRUPT error (a person must
 * look at it); an unconditional write replaces it, starting again at version 1.
 */
export const SET_PRICING_RULES = `
local current = redis.call('GET', KEYS[1])
local version = 0
if current then
  local ok, decoded = pcall(cjson.decode, current)
  version = ok and type(decoded) == 'table' and tonumber(decoded.version) or nil
end
if ARGV[1] ~= '' then
  if version == nil then return redis.error_reply('CORRUPT the stored pricing rules cannot be read') end
  if tonumber(ARGV[1]) ~= version then return {0, version} end
end
local next_version = (version or 0) + 1
redis.call('SET', KEYS[1], '{"version":' .. next_version .. ',"rules":' .. ARGV[2] .. '}')
return {1, next_version}
`;

/** The price rules under one key, `{p}pricing:rules`, as JSON, without a TTL. */
export function createRedisPricingRuleStore(redis: Redis, keys: Keys): PricingRuleStore {
  return {
    async get() {
      return decodePricingRecord((await redis.get(keys.pricingRules)) ?? undefined);
    },
    async set(rules, expectedVersion) {
      const json = JSON.stringify(checkedPricingRules(rules));
      const expected = expectedVersion === undefined ? '' : String(expectedVersion);
      let reply: [number, number];
      try {
        reply = (await redis.eval(SET_PRICING_RULES, 1, keys.pricingRules, expected, json)) as [
          number,
          number,
        ];
      } catch (error) {
        // Report what is wrong with the record, as a read would.
        if (error instanceof Error && error.message.includes('CORRUPT'))
          decodePricingRecord((await redis.get(keys.pricingRules)) ?? undefined);
        throw error;
      }
      const [written, version] = reply;
      return { status: written === 1 ? 'written' : 'stale', version: Number(version) };
    },
  };
}
