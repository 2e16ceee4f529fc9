import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { money } from '../../src/payments/money.js';
import { silentLogger } from '../../src/platform/logger.js';
import { createKeys } from '../../src/store/keys.js';
import { createMemoryTopupClaimStore } from '../../src/store/memory/topup-claim-store.js';
import { createMemoryWalletStore } from '../../src/store/memory/wallet-store.js';
import { createRedisTopupClaimStore } from '../../src/store/redis/topup-claim-store.js';
import { createRedisWalletStore } from '../../src/store/redis/wallet-store.js';
import type { WalletStore } from '../../src/wallet/ledger.js';
import type { NewTopupClaim, TopupClaimStore } from '../../src/wallet/topup-claims.js';
import { createTopupDecisions } from '../../src/wallet/topup-decisions.js';

/** One suite for every TopupClaimStore, with the decisions on top of it and a real wallet store. */

const redis = new Redis(inject('redisUrl'));
afterAll(() => redis.quit());

const implementations: Array<[string, () => { claims: TopupClaimStore; wallets: WalletStore }]> = [
  [
    'redis',
    () => {
      const keys = createKeys(`test:${randomUUID()}:`);
      return {
        claims: createRedisTopupClaimStore(redis, keys),
        wallets: createRedisWalletStore(redis, keys, 'MYR'),
      };
    },
  ],
  ['memory', () => ({ claims: createMemoryTopupClaimStore(), wallets: createMemoryWalletStore('MYR') })],
];

const T0 = Date.UTC(2025, 0, 5, 6, 0);
const HOUR = 3_600_000;

function claim(overrides: Partial<NewTopupClaim> = {}): NewTopupClaim {
  return {
    id: `c${randomUUID().slice(0, 12)}`,
    userId: 501,
    chatId: 501,
    amount: money(5_000, 'MYR'),
    evidence: { reference: 'MBB 1234' },
    createdAt: T0,
    expiresAt: T0 + 24 * HOUR,
    ...overrides,
  };
}

describe.each(implementations)('%s top-up claim store', (_name, make) => {
  it('creates a claim awaiting review, once per id, and lists it as open until it expires', async () => {
    const { claims } = make();
    const input = claim({ evidence: { photoFileId: 'AgAC', reference: 'R1' } });
    const created = await claims.create(input);
    expect(created).toMatchObject({ ...input, state: 'awaiting_review', credited: false, adminCopies: [] });
    expect(await claims.create({ ...input, amount: money(1, 'MYR') })).toMatchObject({
      amount: input.amount,
    });
    expect((await claims.listOpen(T0, 10)).map((c) => c.id)).toEqual([input.id]);
    expect(await claims.listOpen(input.expiresAt, 10)).toEqual([]);
    expect(await claims.get('nope00')).toBeUndefined();
  });

  it('records the admins’ copies', async () => {
    const { claims } = make();
    const input = claim();
    await claims.create(input);
    await claims.addAdminCopies(input.id, [
      { adminId: 1, chatId: 1, messageId: 10 },
      { adminId: 2, chatId: 2, messageId: 20 },
    ]);
    const copies = (await claims.get(input.id))?.adminCopies ?? [];
    expect([...copies].sort((a, b) => a.adminId - b.adminId)).toEqual([
      { adminId: 1, chatId: 1, messageId: 10 },
      { adminId: 2, chatId: 2, messageId: 20 },
    ]);
  });

  it('the first decision wins, even when many arrive at the same moment', async () => {
    const { claims } = make();
    const input = claim();
    await claims.create(input);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        claims.decide(input.id, 1 + (i % 2), i % 3 ? 'approve' : 'reject', T0 + 1),
      ),
    );
    expect(results.filter((r) => r.result === 'decided')).toHaveLength(1);
    expect(results.filter((r) => r.result === 'already-decided')).toHaveLength(9);
    expect(await claims.listOpen(T0, 10)).toEqual([]);
  });

  it('an expired claim cannot be approved, but can be rejected', async () => {
    const { claims } = make();
    const input = claim();
    await claims.create(input);
    expect((await claims.decide(input.id, 1, 'approve', input.expiresAt)).result).toBe('expired');
    expect((await claims.decide(input.id, 1, 'reject', input.expiresAt)).result).toBe('decided');
    expect((await claims.decide('missing1', 1, 'approve', T0)).result).toBe('missing');
  });

  it('approval credits the wallet exactly once (entry topup:<id>), across racing admins and repairs', async () => {
    const { claims, wallets } = make();
    const decisions = createTopupDecisions({
      claims,
      wallets,
      clock: { nowMs: () => T0 + 1 },
      logger: silentLogger,
    });
    const input = claim();
    await claims.create(input);
    const outcomes = await Promise.all([
      decisions.decide(input.id, 1, 'approve'),
      decisions.decide(input.id, 2, 'approve'),
      decisions.decide(input.id, 1, 'approve'),
    ]);
    expect(outcomes.filter((o) => o.kind === 'decided')).toHaveLength(1);
    expect(outcomes.find((o) => o.kind === 'decided')).toMatchObject({ balance: money(5_000, 'MYR') });
    expect(await decisions.repair()).toBe(0);
    expect(await wallets.balance(501)).toEqual(money(5_000, 'MYR'));
    const page = await wallets.entries(501, { offset: 0, limit: 10 });
    expect(page.entries).toEqual([
      expect.objectContaining({ id: `topup:${input.id}`, kind: 'topup', amount: 5_000, reference: input.id }),
    ]);
    expect((await wallets.audit(501)).ok).toBe(true);
    expect((await claims.get(input.id))?.credited).toBe(true);
  });

  it('an approval whose credit was interrupted is credited by the repair path, once', async () => {
    const { claims, wallets } = make();
    const decisions = createTopupDecisions({
      claims,
      wallets,
      clock: { nowMs: () => T0 + 1 },
      logger: silentLogger,
    });
    const input = claim();
    await claims.create(input);
    // The decision is recorded, then the process dies before the credit.
    expect((await claims.decide(input.id, 1, 'approve', T0 + 1)).result).toBe('decided');
    expect((await claims.listUncredited(10)).map((c) => c.id)).toEqual([input.id]);
    expect(await decisions.repair()).toBe(1);
    expect(await decisions.repair()).toBe(0);
    expect((await decisions.decide(input.id, 2, 'approve')).kind).toBe('already-decided');
    expect(await wallets.balance(501)).toEqual(money(5_000, 'MYR'));
    expect((await wallets.entries(501, { offset: 0, limit: 10 })).total).toBe(1);
  });

  it('a reject credits nothing; a buyer may not approve their own claim unless allowed', async () => {
    const { claims, wallets } = make();
    const strict = createTopupDecisions({
      claims,
      wallets,
      clock: { nowMs: () => T0 + 1 },
      logger: silentLogger,
    });
    const own = claim({ userId: 9001, chatId: 9001 });
    await claims.create(own);
    expect((await strict.decide(own.id, 9001, 'approve')).kind).toBe('own-claim');
    const demo = createTopupDecisions({
      claims,
      wallets,
      clock: { nowMs: () => T0 + 1 },
      logger: silentLogger,
      allowSelfApproval: true,
    });
    expect((await demo.decide(own.id, 9001, 'approve')).kind).toBe('decided');
    const rejected = claim();
    await claims.create(rejected);
    expect((await strict.decide(rejected.id, 1, 'reject')).kind).toBe('decided');
    expect(await wallets.balance(501)).toEqual(money(0, 'MYR'));
  });
});
