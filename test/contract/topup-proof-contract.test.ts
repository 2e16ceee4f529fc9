import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { money } from '../../src/payments/money.js';
import { createKeys } from '../../src/store/keys.js';
import { createMemoryTopupClaimStore } from '../../src/store/memory/topup-claim-store.js';
import { createMemoryProofFingerprintStore } from '../../src/store/memory/topup-proof-store.js';
import { createRedisTopupClaimStore } from '../../src/store/redis/topup-claim-store.js';
import { createRedisProofFingerprintStore } from '../../src/store/redis/topup-proof-store.js';
import type { NewTopupClaim, TopupClaimStore } from '../../src/wallet/topup-claims.js';
import {
  createProofMatcher,
  MAX_CLAIMS_PER_PROOF,
  PROOF_MEMORY_MS,
  type ProofFingerprintStore,
  proofFingerprints,
} from '../../src/wallet/topup-proofs.js';

/** One suite for every ProofFingerprintStore, with the matcher on top of it and a real claim store. */

const redis = new Redis(inject('redisUrl'));
afterAll(() => redis.quit());

interface Made {
  store: ProofFingerprintStore;
  claims: TopupClaimStore;
  /** What the backend holds under a fingerprint, read around the store: ms left, and any text. */
  inspect?: (fingerprint: string) => Promise<{ ttlMs: number; raw: string }>;
}

const implementations: Array<[string, () => Made]> = [
  [
    'redis',
    () => {
      const keys = createKeys(`test:${randomUUID()}:`);
      return {
        store: createRedisProofFingerprintStore(redis, keys),
        claims: createRedisTopupClaimStore(redis, keys),
        inspect: async (fingerprint) => ({
          ttlMs: await redis.pttl(keys.topupProof(fingerprint)),
          raw: JSON.stringify(await redis.lrange(keys.topupProof(fingerprint), 0, -1)),
        }),
      };
    },
  ],
  ['memory', () => ({ store: createMemoryProofFingerprintStore(), claims: createMemoryTopupClaimStore() })],
];

const T0 = Date.UTC(2025, 0, 5, 6, 0);
const HOUR = 3_600_000;
const remember = (store: ProofFingerprintStore, fingerprints: string[], claimId: string, nowMs = T0) =>
  store.remember({ fingerprints, claimId, nowMs, ttlMs: PROOF_MEMORY_MS });

function claim(overrides: Partial<NewTopupClaim> = {}): NewTopupClaim {
  return {
    id: `c${randomUUID().slice(0, 12)}`,
    userId: 501,
    chatId: 501,
    amount: money(5_000, 'MYR'),
    evidence: { reference: 'MBB 1234 5678' },
    createdAt: T0,
    expiresAt: T0 + 24 * HOUR,
    ...overrides,
  };
}

describe.each(implementations)('%s proof fingerprint store', (_name, make) => {
  it('keeps the claims that used a fingerprint in the order they came, each once', async () => {
    const { store } = make();
    const fp = `f${randomUUID()}`;
    expect(await remember(store, [fp], 'first1')).toEqual([['first1']]);
    expect(await remember(store, [fp], 'second')).toEqual([['first1', 'second']]);
    // Asking again (a press re-checking the claim) adds nothing.
    expect(await remember(store, [fp], 'first1')).toEqual([['first1', 'second']]);
    expect(await remember(store, [`g${randomUUID()}`, fp], 'third1')).toEqual([
      ['third1'],
      ['first1', 'second', 'third1'],
    ]);
    expect(await store.remember({ fingerprints: [], claimId: 'x', nowMs: T0, ttlMs: 1 })).toEqual([]);
  });

  it('claims sent at the same moment see each other, and exactly one of them is first', async () => {
    const { store } = make();
    const ref = `r${randomUUID()}`;
    const photo = `p${randomUUID()}`;
    const ids = Array.from({ length: 8 }, (_, i) => `race${i}`);
    const answers = await Promise.all(ids.map((id) => remember(store, [ref, photo], id)));
    const firsts = answers.filter(([refs], i) => refs?.[0] === ids[i]);
    expect(firsts).toHaveLength(1);
    // One order for every fingerprint: the claim first by reference is first by photo too.
    const [finalRefs, finalPhotos] = await remember(store, [ref, photo], 'late00');
    expect(finalPhotos).toEqual(finalRefs);
    expect([...(finalRefs ?? [])].sort()).toEqual([...ids, 'late00'].sort());
  });

  it('keeps at most MAX_CLAIMS_PER_PROOF claims, and the first ones', async () => {
    const { store } = make();
    const fp = `f${randomUUID()}`;
    for (let i = 0; i < MAX_CLAIMS_PER_PROOF + 3; i++) await remember(store, [fp], `claim${i}`);
    const [kept] = await remember(store, [fp], 'one-more');
    expect(kept).toHaveLength(MAX_CLAIMS_PER_PROOF);
    expect(kept?.[0]).toBe('claim0');
    expect(kept).not.toContain('one-more');
  });

  it('forgets a fingerprint its TTL after a claim last used it, and holds no reference in clear', async () => {
    const { store, inspect } = make();
    const [{ fingerprint } = { fingerprint: '' }] = proofFingerprints({ reference: 'CIMB 99887766' });
    await remember(store, [fingerprint], 'old001');
    if (inspect) {
      // Redis keeps its own clock: the TTL is set, about 180 days, and the key holds claim ids only.
      const { ttlMs, raw } = await inspect(fingerprint);
      expect(ttlMs).toBeGreaterThan(PROOF_MEMORY_MS - 60_000);
      expect(ttlMs).toBeLessThanOrEqual(PROOF_MEMORY_MS);
      expect(raw).toBe('["old001"]');
      expect(fingerprint).not.toMatch(/CIMB|99887766/);
      return;
    }
    expect(await remember(store, [fingerprint], 'new001', T0 + PROOF_MEMORY_MS - 1)).toEqual([
      ['old001', 'new001'],
    ]);
    // The second use kept it alive from then; only a full TTL without use forgets it.
    expect(await remember(store, [fingerprint], 'new002', T0 + PROOF_MEMORY_MS + 1)).toEqual([
      ['old001', 'new001', 'new002'],
    ]);
    expect(await remember(store, [fingerprint], 'new003', T0 + 3 * PROOF_MEMORY_MS)).toEqual([['new003']]);
  });

  it('the matcher names the other claims of a reference or photo with their buyer and state', async () => {
    const { store, claims } = make();
    let now = T0;
    const proofs = createProofMatcher({ store, claims, clock: { nowMs: () => now } });
    const reference = `MBB ${randomUUID().slice(0, 8)}`;
    const photoUniqueId = `AQAD${randomUUID().slice(0, 8)}`;
    const first = await claims.create(claim({ evidence: { reference, photoFileId: 'F1', photoUniqueId } }));
    expect(await proofs.matchesOf(first)).toEqual([]);
    const again = await claims.create(
      claim({
        userId: 777,
        chatId: 777,
        evidence: { reference: reference.toLowerCase().replace(' ', '-'), photoUniqueId: 'other' },
      }),
    );
    expect(await proofs.matchesOf(again)).toEqual([
      {
        claimId: first.id,
        earlier: true,
        shared: ['reference'],
        other: { userId: 501, standing: 'pending' },
      },
    ]);
    const samePhoto = await claims.create(claim({ evidence: { photoFileId: 'F2', photoUniqueId } }));
    await claims.decide(first.id, 1, 'reject', now);
    expect(await proofs.matchesOf(samePhoto)).toEqual([
      { claimId: first.id, earlier: true, shared: ['photo'], other: { userId: 501, standing: 'rejected' } },
    ]);
    now = again.expiresAt;
    // The first claim now sees both later ones; the other claim's state is read as it is now.
    expect(await proofs.matchesOf(first)).toEqual([
      {
        claimId: again.id,
        earlier: false,
        shared: ['reference'],
        other: { userId: 777, standing: 'expired' },
      },
      {
        claimId: samePhoto.id,
        earlier: false,
        shared: ['photo'],
        other: { userId: 501, standing: 'expired' },
      },
    ]);
    const other = await claims.create(claim({ evidence: { reference: `${reference}0` } }));
    expect(await proofs.matchesOf(other)).toEqual([]);
  });
});
