import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { money } from '../../src/payments/money.js';
import type { Clock } from '../../src/platform/clock.js';
import { silentLogger } from '../../src/platform/logger.js';
import { createKeys } from '../../src/store/keys.js';
import { createRedisTopupClaimStore } from '../../src/store/redis/topup-claim-store.js';
import { backfillTopupProofs } from '../../src/store/redis/topup-proof-backfill.js';
import { createRedisProofFingerprintStore } from '../../src/store/redis/topup-proof-store.js';
import type { TopupEvidence } from '../../src/wallet/topup-claims.js';
import { createProofMatcher, PROOF_MEMORY_MS, proofFingerprints } from '../../src/wallet/topup-proofs.js';

/*
 * Claims stored before proofs were fingerprinted, on a real Redis: the one-off backfill records
 * their references oldest first, so a transfer approved back then and claimed again is flagged.
 */

const redis = new Redis(inject('redisUrl'));
afterAll(() => redis.quit());

const DAY = 24 * 3_600_000;
const NOW = 1_800_000_000_000;
const clock: Clock = { nowMs: () => NOW };

function world() {
  const keys = createKeys(`backfill:${randomUUID()}:`);
  const claims = createRedisTopupClaimStore(redis, keys);
  const proofs = createRedisProofFingerprintStore(redis, keys);
  const matcher = createProofMatcher({ store: proofs, claims, clock });
  const backfill = (options: { scanCount?: number; stopping?: () => boolean } = {}) =>
    backfillTopupProofs({ redis, keys, proofs, clock, logger: silentLogger, scanCount: 5, ...options });
  /** A claim as an earlier version stored it: in the claim store, in no fingerprint list. */
  const stored = (id: string, daysAgo: number, evidence: TopupEvidence, userId = 1) =>
    claims.create({
      id,
      userId,
      chatId: userId,
      amount: money(2_000, 'MYR'),
      evidence,
      createdAt: NOW - daysAgo * DAY,
      expiresAt: NOW - daysAgo * DAY + DAY,
    });
  return { keys, claims, matcher, backfill, stored };
}

describe('backfill of proof fingerprints for claims stored before them', () => {
  it('flags a re-sent old reference, names the oldest claim first, skips claims past the memory, and runs once', async () => {
    const w = world();
    // Written newest first, and among enough other claims for SCAN to take several rounds.
    await w.stored('second-old', 5, { reference: '5566-7788' }, 11);
    await w.stored('first-old', 10, { reference: 'Ref 5566 7788' }, 10);
    await w.stored('too-old-claim', PROOF_MEMORY_MS / DAY + 1, { reference: '55667788' }, 12);
    await w.stored('photo-only', 3, { photoFileId: 'F1' });
    for (let i = 0; i < 30; i += 1)
      await w.stored(`other-${String(i).padStart(3, '0')}`, 2, { reference: `OTHER ${i}000` });
    await w.claims.decide('first-old', 99, 'approve', NOW - 10 * DAY + 1);
    await w.claims.addAdminCopies('first-old', [{ adminId: 99, chatId: 99, messageId: 5 }]);

    const outcome = await w.backfill();
    expect(outcome).toEqual({ result: 'done', scanned: 34, recorded: 32, skipped: 0 });

    const fresh = { id: 'fresh-claim', evidence: { reference: 'REF: 5566 7788' } };
    const matches = await w.matcher.matchesOf(fresh);
    expect(matches.map((m) => [m.claimId, m.earlier, m.other?.standing])).toEqual([
      ['first-old', true, 'approved'],
      ['second-old', true, 'expired'],
    ]);
    const [print] = proofFingerprints(fresh.evidence);
    expect(await redis.lrange(w.keys.topupProof(print?.fingerprint ?? ''), 0, -1)).toEqual([
      'first-old',
      'second-old',
      'fresh-claim',
    ]);
    expect(await redis.pttl(w.keys.topupProof(print?.fingerprint ?? ''))).toBeGreaterThan(
      PROOF_MEMORY_MS - 60_000,
    );
    expect(await redis.get(w.keys.topupProofBackfill)).toMatch(
      /^done:\{"scanned":34,"recorded":32,"skipped":0/,
    );

    // Once: a second start finds it done and changes nothing.
    await w.stored('after-upgrade', 0, { reference: 'NEW 1234' });
    expect(await w.backfill()).toEqual({ result: 'done-before' });
    const [late] = proofFingerprints({ reference: 'NEW 1234' });
    expect(await redis.exists(w.keys.topupProof(late?.fingerprint ?? ''))).toBe(0);
  });

  it('one replica at a time; a stopped or failed run is not marked done and runs again', async () => {
    const w = world();
    await w.stored('lone-claim', 1, { reference: 'CIMB 4242 4242' });
    await redis.set(w.keys.topupProofBackfill, 'running', 'PX', 60_000);
    expect(await w.backfill()).toEqual({ result: 'running-elsewhere' });
    await redis.del(w.keys.topupProofBackfill);

    expect(await w.backfill({ stopping: () => true })).toEqual({ result: 'stopped' });
    expect(await redis.get(w.keys.topupProofBackfill)).toBeNull();

    // An unreadable claim is counted and left alone; the others are recorded.
    await redis.set(w.keys.topupClaim('broken-claim'), '{"id":');
    expect(await w.backfill()).toEqual({ result: 'done', scanned: 2, recorded: 1, skipped: 1 });
    expect(
      (await w.matcher.matchesOf({ id: 'again-claim', evidence: { reference: 'cimb42424242' } })).map(
        (m) => m.claimId,
      ),
    ).toEqual(['lone-claim']);
  });
});
