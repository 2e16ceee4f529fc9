import type { Redis } from 'ioredis';
import { z } from 'zod';
import { type Logger, silentLogger } from '../../platform/logger.js';
import type {
  AdminCopy,
  DecideResult,
  NewTopupClaim,
  TopupClaim,
  TopupClaimState,
  TopupClaimStore,
} from '../../wallet/topup-claims.js';
import type { Keys } from '../keys.js';
import { CREATE_TOPUP_CLAIM, DECIDE_TOPUP_CLAIM, MARK_TOPUP_CREDITED } from './scripts.js';

/** The fixed part of a claim, as stored; read back through this schema. */
const claimSchema = z.object({
  id: z.string(),
  userId: z.number().int(),
  chatId: z.number().int(),
  amount: z.object({ minor: z.number().int().positive(), currency: z.enum(['MYR', 'IDR']) }),
  evidence: z.object({
    photoFileId: z.string().optional(),
    photoUniqueId: z.string().optional(),
    reference: z.string().optional(),
  }),
  createdAt: z.number(),
  expiresAt: z.number(),
});

const copySchema = z.object({
  adminId: z.number().int(),
  chatId: z.number().int(),
  messageId: z.number().int(),
});

const STATES: readonly TopupClaimState[] = ['awaiting_review', 'approved', 'rejected'];

/** How many open claims `/topups` reads at most, before filtering out the expired ones. */
const OPEN_SCAN = 500;

/**
 * Top-up claims in Redis: the claim as JSON (never rewritten), its state in a hash that the decide
 * script changes atomically, the admins' copies in a hash, the open claims in a zset and approved
 * claims whose credit is not yet recorded in a set. Nothing has a TTL.
 */
export function createRedisTopupClaimStore(
  redis: Redis,
  keys: Keys,
  options: { logger?: Logger } = {},
): TopupClaimStore {
  const log = (options.logger ?? silentLogger).child({ component: 'topup-claim-store' });

  const read = async (id: string): Promise<TopupClaim | undefined> => {
    const [[, json], [, state], [, copies]] = (await redis
      .multi()
      .get(keys.topupClaim(id))
      .hgetall(keys.topupState(id))
      .hgetall(keys.topupCopies(id))
      .exec()) as [
      [unknown, string | null],
      [unknown, Record<string, string>],
      [unknown, Record<string, string>],
    ];
    if (json === null) return undefined;
    let parsed: z.infer<typeof claimSchema>;
    try {
      parsed = claimSchema.parse(JSON.parse(json));
    } catch (error) {
      log.error('unreadable top-up claim left alone', { claimId: id, err: error });
      throw new Error(`top-up claim ${id} is stored but not readable`);
    }
    const stateWord = STATES.find((s) => s === state.state) ?? 'awaiting_review';
    const claim: TopupClaim = {
      ...(parsed as TopupClaim),
      state: stateWord,
      credited: state.credited === '1',
      adminCopies: Object.values(copies).flatMap((text) => {
        const copy = copySchema.safeParse(JSON.parse(text));
        return copy.success ? [copy.data] : [];
      }),
    };
    if (state.decidedBy !== undefined) claim.decidedBy = Number(state.decidedBy);
    if (state.decidedAt !== undefined) claim.decidedAt = Number(state.decidedAt);
    return claim;
  };

  const readMany = async (ids: string[]): Promise<TopupClaim[]> => {
    const claims = await Promise.all(ids.map((id) => read(id).catch(() => undefined)));
    return claims.filter((claim): claim is TopupClaim => claim !== undefined);
  };

  return {
    async create(input: NewTopupClaim) {
      await redis.eval(
        CREATE_TOPUP_CLAIM,
        3,
        keys.topupClaim(input.id),
        keys.topupState(input.id),
        keys.openTopups,
        JSON.stringify(input),
        String(input.createdAt),
        String(input.expiresAt),
        input.id,
      );
      const claim = await read(input.id);
      if (!claim) throw new Error(`top-up claim ${input.id} vanished after create`);
      return claim;
    },
    get: read,
    async addAdminCopies(id, copies: AdminCopy[]) {
      if (copies.length === 0) return;
      const fields = copies.flatMap((copy) => [String(copy.adminId), JSON.stringify(copy)]);
      await redis.hset(keys.topupCopies(id), ...fields);
    },
    async decide(id, adminId, decision, nowMs): Promise<DecideResult> {
      const word = await redis.eval(
        DECIDE_TOPUP_CLAIM,
        3,
        keys.topupState(id),
        keys.openTopups,
        keys.uncreditedTopups,
        id,
        String(adminId),
        decision,
        String(nowMs),
      );
      if (word === 'missing') return { result: 'missing' };
      const claim = await read(id);
      if (!claim) return { result: 'missing' };
      if (word === 'decided' || word === 'already-decided' || word === 'expired')
        return { result: word, claim };
      throw new Error(`decide_topup_claim answered ${String(word)}`);
    },
    async markCredited(id) {
      await redis.eval(MARK_TOPUP_CREDITED, 2, keys.topupState(id), keys.uncreditedTopups, id);
    },
    async listOpen(nowMs, limit) {
      const ids = await redis.zrange(keys.openTopups, 0, OPEN_SCAN - 1);
      const claims = await readMany(ids);
      return claims.filter((c) => c.state === 'awaiting_review' && c.expiresAt > nowMs).slice(0, limit);
    },
    async listUncredited(limit) {
      const ids = await redis.srandmember(keys.uncreditedTopups, limit);
      return (await readMany(ids)).filter((c) => c.state === 'approved' && !c.credited);
    },
  };
}
