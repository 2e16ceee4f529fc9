import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { Keys } from '../keys.js';
import type { VerifiedPayer, VerifiedPayerStore } from '../ports.js';

const payerSchema: z.ZodType<VerifiedPayer> = z.looseObject({
  userId: z.number().int(),
  kind: z.enum(['nric', 'passport']),
  id: z.string().min(1),
  verifiedBy: z.number().int(),
  verifiedAt: z.number(),
});

/**
 * Verified JomPAY payers in Redis, one JSON string per buyer (`payer:{userId}`, no TTL: a
 * verification stands until an admin withdraws it). A record that does not read back is treated as
 * no verification, so a damaged key can never send a wrong IC.
 */
export function createRedisVerifiedPayerStore(redis: Redis, keys: Keys): VerifiedPayerStore {
  return {
    async get(userId) {
      const raw = await redis.get(keys.verifiedPayer(userId));
      if (raw === null) return undefined;
      try {
        const parsed = payerSchema.safeParse(JSON.parse(raw));
        return parsed.success && parsed.data.userId === userId ? parsed.data : undefined;
      } catch {
        return undefined;
      }
    },
    async set(payer) {
      await redis.set(keys.verifiedPayer(payer.userId), JSON.stringify(payer));
    },
    async remove(userId) {
      return (await redis.del(keys.verifiedPayer(userId))) > 0;
    },
  };
}
