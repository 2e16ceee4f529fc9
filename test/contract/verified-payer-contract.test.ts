import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createKeys } from '../../src/store/keys.js';
import { createMemoryVerifiedPayerStore } from '../../src/store/memory/verified-payer-store.js';
import type { VerifiedPayerStore } from '../../src/store/ports.js';
import { createRedisVerifiedPayerStore } from '../../src/store/redis/verified-payer-store.js';

/** One suite for every VerifiedPayerStore (JomPAY eKYC). */

const redis = new Redis(inject('redisUrl'));
afterAll(() => redis.quit());

const implementations: Array<
  [string, () => { store: VerifiedPayerStore; damage?: (id: number) => Promise<void> }]
> = [
  [
    'redis',
    () => {
      const keys = createKeys(`test:${randomUUID()}:`);
      return {
        store: createRedisVerifiedPayerStore(redis, keys),
        damage: async (id) => {
          await redis.set(keys.verifiedPayer(id), '{"userId":7,"kind":"nric"}');
        },
      };
    },
  ],
  ['memory', () => ({ store: createMemoryVerifiedPayerStore() })],
];

const payer = { userId: 7, kind: 'nric' as const, id: '900101145678', verifiedBy: 1, verifiedAt: 1_000 };

describe.each(implementations)('%s verified payers', (_name, make) => {
  it('knows nobody until an admin verifies them', async () => {
    const { store } = make();
    expect(await store.get(7)).toBeUndefined();
    await store.set(payer);
    expect(await store.get(7)).toEqual(payer);
    expect(await store.get(8)).toBeUndefined();
  });

  it('replaces a verification and withdraws it once', async () => {
    const { store } = make();
    await store.set(payer);
    await store.set({ ...payer, kind: 'passport', id: 'A1234567', verifiedAt: 2_000 });
    expect(await store.get(7)).toMatchObject({ kind: 'passport', id: 'A1234567' });
    expect(await store.remove(7)).toBe(true);
    expect(await store.remove(7)).toBe(false);
    expect(await store.get(7)).toBeUndefined();
  });

  it('treats a record that does not read back as no verification', async () => {
    const { store, damage } = make();
    if (!damage) return;
    await damage(7);
    expect(await store.get(7)).toBeUndefined();
  });
});
