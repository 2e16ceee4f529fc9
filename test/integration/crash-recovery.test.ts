import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SANDBOX_FIXTURES as F, type IimmpactSandbox } from '../../sandbox/iimmpact/index.js';
import { isFinal, type Order } from '../../src/payments/orders/order.js';
import { createKeys } from '../../src/store/keys.js';
import { createRedisWalletStore } from '../../src/store/redis/wallet-store.js';
import { startTestSandbox, TEST_API_KEY, TEST_HMAC_SECRET, waitFor } from '../support/iimmpact.js';

/*
 * A real process is killed with SIGKILL at each step of the payment path, then a fresh process
 * recovers. Whatever the step: no lost order, one transaction at the provider, one receipt.
 */

const redisUrl = inject('redisUrl');
const redis = new Redis(redisUrl);
let sandbox: IimmpactSandbox;

beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(async () => {
  await sandbox.close();
  await redis.quit();
});

function startWorker(
  prefix: string,
  extra: Record<string, string>,
): { child: ChildProcess; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/payment-worker.ts'], {
    env: {
      ...process.env,
      REDIS_URL: redisUrl,
      KEY_PREFIX: prefix,
      SANDBOX_URL: sandbox.url,
      API_KEY: TEST_API_KEY,
      HMAC_SECRET: TEST_HMAC_SECRET,
      ...extra,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, exited };
}

async function orderFor(prefix: string, quoteId: string): Promise<Order | undefined> {
  const keys = createKeys(prefix);
  const refid = await redis.get(keys.quote(quoteId));
  if (!refid) return undefined;
  const json = await redis.get(keys.order(refid));
  return json ? (JSON.parse(json) as Order) : undefined;
}

async function shownCounts(prefix: string, refid: string): Promise<Record<string, number>> {
  const all = await redis.hgetall(`${prefix}test:shown`);
  return Object.fromEntries(
    Object.entries(all)
      .filter(([key]) => key.startsWith(`${refid}:`))
      .map(([key, count]) => [key.slice(refid.length + 1), Number(count)]),
  );
}

async function recoverAndCheck(
  prefix: string,
  quoteId: string,
  crashedState: string | undefined,
  finalState: Order['state'] = 'succeeded',
) {
  const before = await orderFor(prefix, quoteId);
  expect(before, 'the order survived the crash').toBeDefined();
  if (crashedState) expect(before?.state).toBe(crashedState);

  const recovery = startWorker(prefix, { MODE: 'recover' });
  expect(await recovery.exited).toEqual({ code: 0, signal: null });

  const after = await orderFor(prefix, quoteId);
  expect(after?.state).toBe(finalState);
  expect(after?.notifiedState).toBe(finalState);
  const refid = after?.refid ?? '';
  expect(sandbox.transactions().filter((t) => t.refid === refid)).toHaveLength(1);
  const shown = await shownCounts(prefix, refid);
  const finalShows = Object.entries(shown).filter(([state]) => isFinal(state as Order['state']));
  expect(finalShows).toEqual([[finalState, 1]]);
  return after;
}

describe('SIGKILL at each step of the payment path', () => {
  it.each([
    ['after the refid is stored', 'order-stored', 'confirmed'],
    ['after the response arrived', 'payment-answered', 'submitted'],
    ['before the buyer is told', 'final-stored', 'succeeded'],
  ] as const)(
    '%s: recovered with one transaction and one receipt',
    async (_name, checkpoint, crashedState) => {
      const prefix = `test:${randomUUID()}:`;
      const quoteId = randomUUID();
      const worker = startWorker(prefix, {
        MODE: 'confirm',
        QUOTE_ID: quoteId,
        ACCOUNT: F.prepaid.successAccount,
        CRASH_AT: checkpoint,
      });
      expect((await worker.exited).signal).toBe('SIGKILL');
      await recoverAndCheck(prefix, quoteId, crashedState);
    },
  );

  it('after the request left, before any answer: recovered with one transaction and one receipt', async () => {
    const prefix = `test:${randomUUID()}:`;
    const quoteId = randomUUID();
    sandbox.faults.inject({ kind: 'delay', ms: 1_000, path: '/v2/topup' });
    const before = sandbox.requestCount('/v2/topup');
    const worker = startWorker(prefix, {
      MODE: 'confirm',
      QUOTE_ID: quoteId,
      ACCOUNT: F.prepaid.successAccount,
    });
    await waitFor(() => (sandbox.requestCount('/v2/topup') > before ? true : undefined), {
      timeoutMs: 10_000,
    });
    worker.child.kill('SIGKILL');
    expect((await worker.exited).signal).toBe('SIGKILL');
    await recoverAndCheck(prefix, quoteId, 'submitted');
  });
});

describe('SIGKILL at each step of a payment from the wallet', () => {
  const BUYER = 42;
  const PRICE = 1050;
  const START = 5000;

  const checkpoints = [
    ['after the order and its debit are stored', 'order-stored', 'confirmed'],
    ['after the response arrived', 'payment-answered', 'submitted'],
    ['right after the final state (and any return) is written', 'final-stored', undefined],
  ] as const;
  const outcomes = [
    [F.prepaid.successAccount, 'succeeded'],
    [F.testAccounts.outOfStock, 'failed'],
  ] as const;
  it.each(
    checkpoints.flatMap(([name, checkpoint, crashed]) =>
      outcomes.map(([account, finalState]) => [name, checkpoint, crashed, account, finalState] as const),
    ),
  )(
    '%s (%s, state %s, account %s): ends %s, the ledger adds up, a failure is returned exactly once',
    async (_name, checkpoint, crashed, account, finalState) => {
      const prefix = `test:${randomUUID()}:`;
      const keys = createKeys(prefix);
      const wallets = createRedisWalletStore(redis, keys, 'MYR');
      await wallets.apply({
        id: 'topup:seed',
        userId: BUYER,
        kind: 'topup',
        amount: START,
        reference: 'seed',
        at: Date.now(),
      });
      const quoteId = randomUUID();
      const worker = startWorker(prefix, {
        MODE: 'confirm',
        QUOTE_ID: quoteId,
        ACCOUNT: account,
        CRASH_AT: checkpoint,
        PRICE_MINOR: String(PRICE),
      });
      expect((await worker.exited).signal).toBe('SIGKILL');
      const order = await recoverAndCheck(prefix, quoteId, crashed ?? finalState, finalState);
      const refid = order?.refid ?? '';
      const audit = await wallets.audit(BUYER);
      expect(audit.problems).toEqual([]);
      expect(audit.ok).toBe(true);
      const entries = (await wallets.entries(BUYER, { offset: 0, limit: 100 })).entries;
      expect(entries.filter((e) => e.id === `purchase:${refid}`)).toHaveLength(1);
      const returns = entries.filter((e) => e.id === `return:${refid}`);
      if (finalState === 'failed') {
        expect(returns).toHaveLength(1);
        expect(order?.charge).toEqual({ price: { minor: PRICE, currency: 'MYR' }, returned: true });
        expect(await wallets.balance(BUYER)).toEqual({ minor: START, currency: 'MYR' });
        expect(await redis.hget(`${prefix}test:balance-shown`, refid)).toBe(String(START));
      } else {
        expect(returns).toEqual([]);
        expect(await wallets.balance(BUYER)).toEqual({ minor: START - PRICE, currency: 'MYR' });
      }
    },
  );
});

describe('a recovery that cannot read an answer never returns the price of a payment that left', () => {
  it('SIGKILL after the response arrived, then a recovery refused with HTTP 401: the price stays debited and the order is finished by the provider’s answer', async () => {
    const BUYER = 42;
    const PRICE = 1050;
    const START = 5000;
    const prefix = `test:${randomUUID()}:`;
    const wallets = createRedisWalletStore(redis, createKeys(prefix), 'MYR');
    await wallets.apply({
      id: 'topup:seed',
      userId: BUYER,
      kind: 'topup',
      amount: START,
      reference: 'seed',
      at: Date.now(),
    });
    const quoteId = randomUUID();
    const worker = startWorker(prefix, {
      MODE: 'confirm',
      QUOTE_ID: quoteId,
      ACCOUNT: F.prepaid.successAccount,
      CRASH_AT: 'payment-answered',
      PRICE_MINOR: String(PRICE),
    });
    expect((await worker.exited).signal).toBe('SIGKILL');
    // The call went through (the provider made the reload) but its answer died with the process.
    const crashed = await orderFor(prefix, quoteId);
    expect(crashed).toMatchObject({ state: 'submitted' });
    const refid = crashed?.refid ?? '';
    expect(sandbox.transactions().filter((t) => t.refid === refid)).toEqual([
      expect.objectContaining({ status: 'Succesful' }),
    ]);

    // The process that takes over has a key the provider refuses (rotated, or another environment's):
    // a 401 proves nothing about a call an earlier process made, so nothing is returned on it. It runs
    // past the crashed process's lease (3 s), so it does take the order over.
    const refused = startWorker(prefix, { MODE: 'recover', API_KEY: 'revoked-key', RECOVER_FOR_MS: '4500' });
    expect(await refused.exited).toEqual({ code: 0, signal: null });
    const stuck = await orderFor(prefix, quoteId);
    expect(stuck?.state).not.toBe('rejected');
    expect(stuck).toMatchObject({ state: 'pending', mayExist: true, charge: { price: { minor: PRICE } } });
    expect(stuck?.charge?.returned).toBeUndefined();
    expect(await wallets.balance(BUYER)).toEqual({ minor: START - PRICE, currency: 'MYR' });

    // With a good key the re-query reads the provider's answer: a success, paid once, never returned.
    await recoverAndCheck(prefix, quoteId, undefined, 'succeeded');
    const entries = (await wallets.entries(BUYER, { offset: 0, limit: 100 })).entries;
    expect(entries.filter((e) => e.id === `return:${refid}`)).toEqual([]);
    expect(await wallets.balance(BUYER)).toEqual({ minor: START - PRICE, currency: 'MYR' });
    expect((await wallets.audit(BUYER)).ok).toBe(true);
  });
});
