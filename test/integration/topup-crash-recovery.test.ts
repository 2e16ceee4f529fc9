import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type BillplzSandbox, startBillplzSandbox } from '../../sandbox/billplz/index.js';
import { renderEntryNotice } from '../../src/bot/admin/wallet-admin-views.js';
import { money } from '../../src/payments/money.js';
import { systemClock } from '../../src/platform/clock.js';
import { silentLogger } from '../../src/platform/logger.js';
import { createKeys } from '../../src/store/keys.js';
import { createRedisTopupStore } from '../../src/store/redis/topup-store.js';
import { createRedisWalletStore } from '../../src/store/redis/wallet-store.js';
import { createBillplzTopups } from '../../src/wallet/billplz-topups.js';
import { createBillplzClient } from '../../src/wallet/gateways/billplz/client.js';
import { type LedgerEntry, NOTICE_HOLD_MS } from '../../src/wallet/ledger.js';

/*
 * A real process is SIGKILLed between "Billplz says paid" and "credited" (and right after the
 * credit); a fresh process recovers through the re-read schedule. Exactly one credit either way.
 */

const KEY = 'billplz-crash-key';
const X_KEY = 'S-crash-x-key';
const COLLECTION = 'crashcol';
const redisUrl = inject('redisUrl');
const redis = new Redis(redisUrl);
let billplz: BillplzSandbox;

beforeAll(async () => {
  billplz = await startBillplzSandbox({ apiKey: KEY, xSignatureKey: X_KEY, collections: [COLLECTION] });
});
afterAll(async () => {
  await billplz.close();
  await redis.quit();
});

function run(prefix: string, extra: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/topup-worker.ts'], {
    env: {
      ...process.env,
      REDIS_URL: redisUrl,
      KEY_PREFIX: prefix,
      BILLPLZ_URL: billplz.url,
      BILLPLZ_KEY: KEY,
      X_KEY,
      COLLECTION,
      ...extra,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
}

async function paidTopup(prefix: string) {
  const keys = createKeys(prefix);
  const topups = createRedisTopupStore(redis, keys, 'MYR');
  const service = createBillplzTopups({
    client: createBillplzClient({ baseUrl: billplz.url, apiKey: KEY }),
    topups,
    clock: systemClock,
    logger: silentLogger,
    newId: () => `crash${randomUUID().slice(0, 8)}`,
    collectionId: COLLECTION,
    xSignatureKey: X_KEY,
    email: 'shop@example.com',
    callbackUrl: 'http://127.0.0.1:9/callbacks/billplz',
    billLifetimeMs: 3_600_000,
    recheckMs: 20,
  });
  const started = await service.start({ userId: 4242, chatId: 4242, amount: money(2000, 'MYR') });
  if (!started.ok) throw new Error('no bill');
  // Paid at Billplz; the callback goes nowhere (lost).
  await billplz.pay(started.topup.payerId ?? '', { callbacks: 0 });
  return { topups, wallets: createRedisWalletStore(redis, keys, 'MYR'), topupId: started.topup.id };
}

describe('a top-up process killed mid-credit', () => {
  for (const crashAt of ['paid', 'credited'] as const) {
    it(`SIGKILL at "${crashAt}": exactly one credit after restart, and its notice kept for the notice worker`, async () => {
      const prefix = `crash-topup:${randomUUID()}:`;
      const { topups, wallets, topupId } = await paidTopup(prefix);
      expect(await run(prefix, { MODE: 'settle', TOPUP_ID: topupId, CRASH_AT: crashAt })).toEqual({
        code: null,
        signal: 'SIGKILL',
      });
      const afterCrash = await topups.get(topupId);
      expect(afterCrash?.state).toBe(crashAt === 'paid' ? 'awaiting_payment' : 'credited');
      // Recover, then recover again: the second finds nothing to do.
      expect(await run(prefix, { MODE: 'recover' })).toEqual({ code: 0, signal: null });
      expect(await run(prefix, { MODE: 'recover' })).toEqual({ code: 0, signal: null });
      expect((await topups.get(topupId))?.state).toBe('credited');
      expect((await wallets.balance(4242)).minor).toBe(2000);
      const audit = await wallets.audit(4242);
      expect(audit).toMatchObject({ ok: true, entries: 1 });

      // Nobody told the buyer (the process that credited died, or had nobody to tell), but the credit
      // left its notice in the wallet's outbox: held for the process that wrote it, then the notice
      // worker's, once.
      const now = Date.now();
      expect(await wallets.notices.claimDue(now, 10, 60_000, 'worker')).toEqual([]);
      const due = await wallets.notices.claimDue(now + NOTICE_HOLD_MS, 10, 60_000, 'worker');
      expect(due.map((e) => [e.userId, e.id, e.kind, e.amount])).toEqual([
        [4242, `topup:${topupId}`, 'topup', 2000],
      ]);
      expect(renderEntryNotice(due[0] as LedgerEntry, 'en')?.text).toContain(
        'RM 20.00 was added to your wallet. Balance: <b>RM 20.00</b>',
      );
      await wallets.notices.delivered(4242, `topup:${topupId}`);
      expect(await wallets.notices.claimDue(now + 10 * NOTICE_HOLD_MS, 10, 60_000, 'worker')).toEqual([]);
    }, 30_000);
  }
});
