import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { SANDBOX_FIXTURES as F, type IimmpactSandbox } from '../../sandbox/iimmpact/index.js';
import { type Money, money } from '../../src/payments/money.js';
import type { Order, OrderDraft } from '../../src/payments/orders/order.js';
import type { OrderStore } from '../../src/payments/orders/ports.js';
import type { PaymentProvider } from '../../src/payments/provider.js';
import { createIimmpactProvider } from '../../src/payments/providers/iimmpact/provider.js';
import { unlimited } from '../../src/platform/rate-limiter.js';
import { createKeys } from '../../src/store/keys.js';
import { createRedisOrderStore } from '../../src/store/redis/order-store.js';
import type { WalletStore } from '../../src/wallet/ledger.js';
import { engineHarness, iimmpactProviderFor, orderOf, redisShop, reloadDraft } from '../support/engine.js';
import { startTestSandbox, TEST_API_KEY, TEST_HMAC_SECRET, waitFor } from '../support/iimmpact.js';
import { freePort } from '../support/net.js';
import { sampleOrder } from '../support/orders.js';

/*
 * The buyer's money through the order engine, on a real Redis, paying through the real IIMMPACT
 * client against the sandbox: the debit is made with the order, a failure returns it exactly once,
 * a success never does, and the wallet always adds up.
 */

const redis = new Redis(inject('redisUrl'));
let sandbox: IimmpactSandbox;
let provider: PaymentProvider;
const harnesses: Array<ReturnType<typeof engineHarness>> = [];
const BUYER = 7;
const PRICE = money(1050, 'MYR');

beforeAll(async () => {
  sandbox = await startTestSandbox();
  provider = iimmpactProviderFor(sandbox);
});
afterEach(async () => {
  for (const h of harnesses.splice(0)) {
    await h.scheduler.stop();
    await h.engine.idle();
  }
  sandbox.faults.clear();
});
afterAll(async () => {
  await provider.close();
  await sandbox.close();
  await redis.quit();
});

function shop() {
  const parts = redisShop(redis);
  const harness = (options: { store?: OrderStore; leaseMs?: number; unsentExpiryMs?: number } = {}) => {
    const h = engineHarness({ store: parts.store, provider, balances: parts.wallets, ...options });
    harnesses.push(h);
    return h;
  };
  const topUp = (minor: number) => {
    const id = `topup:${randomUUID()}`;
    return parts.wallets.apply({
      id,
      userId: BUYER,
      kind: 'topup',
      amount: minor,
      reference: id,
      at: Date.now(),
    });
  };
  return { ...parts, harness, topUp };
}

/** A reload draft priced at RM 10.50 (face value RM 10 plus the margin). */
function paidDraft(account: string, overrides: Partial<OrderDraft> = {}): OrderDraft {
  return reloadDraft(account, { charge: { price: PRICE }, ...overrides });
}

async function ledger(wallets: WalletStore, userId = BUYER) {
  return (await wallets.entries(userId, { offset: 0, limit: 1_000 })).entries.reverse();
}

async function expectAudited(wallets: WalletStore, userId = BUYER) {
  const audit = await wallets.audit(userId);
  expect(audit.problems).toEqual([]);
  expect(audit.ok).toBe(true);
  for (const entry of await ledger(wallets, userId)) expect(entry.balanceAfter).toBeGreaterThanOrEqual(0);
  return audit;
}

async function finished(get: (refid: string) => Promise<Order | undefined>, refid: string) {
  return waitFor(async () => {
    const o = await get(refid);
    return o?.notifiedState && o.notifiedState === o.state ? o : undefined;
  });
}

describe('paying from the wallet at Confirm', () => {
  it('one buyer with enough for 3 orders firing 30 confirms of different quotes gets exactly 3', async () => {
    const s = shop();
    const h = s.harness();
    await s.topUp(3 * PRICE.minor);
    const results = await Promise.all(
      Array.from({ length: 30 }, () => h.engine.confirm(paidDraft(F.prepaid.successAccount))),
    );
    await h.engine.idle();
    const created = results.filter((r) => r.result === 'created');
    const refused = results.filter((r) => r.result === 'insufficient');
    expect(created).toHaveLength(3);
    expect(refused).toHaveLength(27);
    for (const r of refused) {
      expect(r.price).toEqual(PRICE);
      expect(r.balance.minor).toBeGreaterThanOrEqual(0);
      expect(r.balance.minor).toBeLessThan(PRICE.minor);
    }
    expect(await s.wallets.balance(BUYER)).toEqual(money(0, 'MYR'));
    const entries = await ledger(s.wallets);
    expect(entries.filter((e) => e.kind === 'purchase')).toHaveLength(3);
    expect(await s.store.listByUser(BUYER, 100)).toHaveLength(3);
    for (const r of created) {
      const order = await finished(h.engine.get, orderOf(r).refid);
      expect(order).toMatchObject({ state: 'succeeded', charge: { price: PRICE } });
      expect(order.charge?.returned).toBeUndefined();
      expect(sandbox.transactions().filter((t) => t.refid === order.refid)).toHaveLength(1);
    }
    // A success takes nothing more and returns nothing.
    expect(entries.filter((e) => e.kind === 'purchase_returned')).toEqual([]);
    await expectAudited(s.wallets);
  });

  it('a repeat Confirm of the same quote debits nothing more, even racing', async () => {
    const s = shop();
    const h = s.harness();
    await s.topUp(5000);
    const draft = paidDraft(F.prepaid.successAccount);
    const results = await Promise.all(Array.from({ length: 20 }, () => h.engine.confirm(draft)));
    await h.engine.idle();
    expect(results.filter((r) => r.result === 'created')).toHaveLength(1);
    expect(results.filter((r) => r.result === 'existing')).toHaveLength(19);
    expect((await h.engine.confirm(draft)).result).toBe('existing');
    expect(await s.wallets.balance(BUYER)).toEqual(money(5000 - PRICE.minor, 'MYR'));
    await expectAudited(s.wallets);
  });

  it('a short balance creates nothing, sends nothing and says the balance and the price', async () => {
    const s = shop();
    const h = s.harness();
    await s.topUp(PRICE.minor - 1);
    const draft = paidDraft(F.prepaid.successAccount);
    expect(await h.engine.confirm(draft)).toEqual({
      result: 'insufficient',
      balance: money(PRICE.minor - 1, 'MYR'),
      price: PRICE,
    });
    await h.engine.idle();
    expect(await s.store.listByUser(BUYER, 10)).toEqual([]);
    expect(await s.redisQuote(draft.quoteId)).toBeNull();
    // Topped up, the same quote goes through.
    await s.topUp(1);
    expect((await h.engine.confirm(draft)).result).toBe('created');
    await h.engine.idle();
    await expectAudited(s.wallets);
  });

  it('an order without a charge (BUYER_PAYMENT=none) leaves the wallet alone', async () => {
    const s = shop();
    const h = s.harness();
    const order = orderOf(await h.engine.confirm(reloadDraft(F.testAccounts.outOfStock)));
    const done = await finished(h.engine.get, order.refid);
    expect(done.state).toBe('failed');
    expect(done.charge).toBeUndefined();
    expect(await s.wallets.users()).toEqual([]);
    expect(h.notifier.finalShows(order.refid)).toEqual([
      expect.not.objectContaining({ walletBalance: expect.anything() }),
    ]);
  });

  it('fails closed: with Redis unreachable, Confirm throws and nothing is debited or created', async () => {
    const s = shop();
    await s.topUp(5000);
    const dead = new Redis('redis://127.0.0.1:9', {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      retryStrategy: () => null,
    });
    dead.on('error', () => {});
    const unreachable = createRedisOrderStore(dead, createKeys(s.prefix), { walletCurrency: 'MYR' });
    const h = s.harness({ store: unreachable });
    const draft = paidDraft(F.prepaid.successAccount);
    await expect(h.engine.confirm(draft)).rejects.toThrow();
    dead.disconnect();
    expect(await s.wallets.balance(BUYER)).toEqual(money(5000, 'MYR'));
    expect(await s.store.listByUser(BUYER, 10)).toEqual([]);
    expect(await s.redisQuote(draft.quoteId)).toBeNull();
    await expectAudited(s.wallets);
  });
});

describe('returning the price of an order that did not deliver', () => {
  async function expectReturnedOnce(
    s: ReturnType<typeof shop>,
    h: ReturnType<ReturnType<typeof shop>['harness']>,
    refid: string,
    start: Money,
  ) {
    const order = await finished(h.engine.get, refid);
    expect(order.charge).toEqual({ price: PRICE, returned: true });
    expect(await s.wallets.balance(BUYER)).toEqual(start);
    const entries = await ledger(s.wallets);
    expect(entries.filter((e) => e.id === `purchase:${refid}`)).toHaveLength(1);
    expect(entries.filter((e) => e.id === `return:${refid}`)).toEqual([
      expect.objectContaining({ kind: 'purchase_returned', amount: PRICE.minor, reference: refid }),
    ]);
    // The receipt can say "RM 10.50 returned to your wallet; balance RM 50.00".
    expect(h.notifier.finalShows(refid)).toEqual([
      expect.objectContaining({ state: order.state, returned: true, walletBalance: start }),
    ]);
    await expectAudited(s.wallets);
    return order;
  }

  it('HTTP 400 (rejected): returned once', async () => {
    const s = shop();
    const h = s.harness();
    await s.topUp(5000);
    const draft = paidDraft(F.prepaid.successAccount);
    const result = await h.engine.confirm({
      ...draft,
      request: { ...draft.request, amount: money(700, 'MYR') },
    });
    const order = await expectReturnedOnce(s, h, orderOf(result).refid, money(5000, 'MYR'));
    expect(order.state).toBe('rejected');
    expect(sandbox.transactions().filter((t) => t.refid === order.refid)).toEqual([]);
  });

  it('200 Failed: returned once', async () => {
    const s = shop();
    const h = s.harness();
    await s.topUp(5000);
    const result = await h.engine.confirm(paidDraft(F.testAccounts.outOfStock));
    const order = await expectReturnedOnce(s, h, orderOf(result).refid, money(5000, 'MYR'));
    expect(order.state).toBe('failed');
  });

  it('200 Failed 54 (duplicate or daily limit) as the first answer: returned once', async () => {
    const s = shop();
    const h = s.harness();
    await s.topUp(5000);
    const result = await h.engine.confirm(paidDraft(F.testAccounts.duplicate));
    const order = await expectReturnedOnce(s, h, orderOf(result).refid, money(5000, 'MYR'));
    expect(order).toMatchObject({ state: 'failed', failure: { code: 'limit_reached', providerCode: '54' } });
  });

  it('53 Refund: returned once', async () => {
    const s = shop();
    const h = s.harness();
    await s.topUp(5000);
    const result = await h.engine.confirm(paidDraft(F.testAccounts.refund));
    const order = await expectReturnedOnce(s, h, orderOf(result).refid, money(5000, 'MYR'));
    expect(order.state).toBe('refunded');
  });

  it('cancelled, never sent: returned once', async () => {
    const s = shop();
    const h = s.harness({ unsentExpiryMs: 1_000 });
    await s.topUp(5000);
    const stale = sampleOrder({ userId: BUYER, createdAt: Date.now() - 60_000, charge: { price: PRICE } });
    expect((await s.store.create(stale)).result).toBe('created');
    expect(await s.wallets.balance(BUYER)).toEqual(money(5000 - PRICE.minor, 'MYR'));
    await h.engine.settle(stale.refid);
    const order = await expectReturnedOnce(s, h, stale.refid, money(5000, 'MYR'));
    expect(order.state).toBe('cancelled');
    expect(sandbox.transactions().filter((t) => t.refid === stale.refid)).toEqual([]);
  });

  it('a pending order returns nothing until it fails, however often it is re-queried', async () => {
    const s = shop();
    const h = s.harness();
    await s.topUp(5000);
    const order = orderOf(await h.engine.confirm(paidDraft(F.testAccounts.hold)));
    await h.engine.idle();
    h.scheduler.start();
    await waitFor(async () => ((await h.engine.get(order.refid))?.attempts ?? 0) >= 3 || undefined);
    expect(await s.wallets.balance(BUYER)).toEqual(money(5000 - PRICE.minor, 'MYR'));
    sandbox.settle(order.refid, 45);
    await expectReturnedOnce(s, h, order.refid, money(5000, 'MYR'));
  });

  it('duplicate workers racing the final write return it once', async () => {
    const s = shop();
    await s.topUp(20_000);
    // Four replicas on one store, with leases short enough to be taken over mid-call.
    const replicas = Array.from({ length: 4 }, () => s.harness({ leaseMs: 30 }));
    const orders = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        replicas[i % replicas.length]?.engine.confirm(paidDraft(F.testAccounts.hold)).then(orderOf),
      ),
    );
    await Promise.all(replicas.map((r) => r.engine.idle()));
    sandbox.faults.inject({ kind: 'delay', ms: 40, path: '/v2/topup', times: 1_000 });
    for (const r of replicas) r.scheduler.start();
    for (const order of orders) sandbox.settle(order?.refid ?? '', 45);
    // Everybody at once, on top of the schedulers.
    await Promise.all(orders.flatMap((order) => replicas.map((r) => r.engine.settle(order?.refid ?? ''))));
    for (const order of orders) {
      const refid = order?.refid ?? '';
      const done = await finished(replicas[0]?.engine.get ?? (async () => undefined), refid);
      expect(done.state).toBe('failed');
      const entries = await ledger(s.wallets);
      expect(entries.filter((e) => e.id === `return:${refid}`)).toHaveLength(1);
      const shows = replicas.flatMap((r) => r.notifier.finalShows(refid));
      expect(shows.length).toBeGreaterThanOrEqual(1);
    }
    expect(await s.wallets.balance(BUYER)).toEqual(money(20_000, 'MYR'));
    await expectAudited(s.wallets);
  });
});

describe('a payment request is sent only while the order may still be paid', () => {
  it('a worker that stalled past its lease sends nothing once another worker has finished the order', async () => {
    const s = shop();
    await s.topUp(5000);
    let resume: (() => void) | undefined;
    let stalled: Promise<void> | undefined;
    // Worker A stops dead right after it claims the first call (a long pause, a frozen VM): its lease
    // renewals stop with it, so the order passes to worker B.
    const stalling: OrderStore = {
      ...s.store,
      compareAndSet: async (next, ...rest) => {
        const result = await s.store.compareAndSet(next, ...rest);
        if (result === 'written' && next.state === 'submitted' && !stalled)
          stalled = new Promise((resolve) => {
            resume = resolve;
          });
        return result;
      },
      tryLease: async (...args) => {
        if (stalled) await stalled;
        return s.store.tryLease(...args);
      },
    };
    const a = s.harness({ store: stalling, leaseMs: 150 });
    const b = s.harness({ leaseMs: 150 });
    const before = sandbox.requestCount('/v2/topup');
    const order = orderOf(await a.engine.confirm(paidDraft(F.testAccounts.outOfStock)));
    await waitFor(() => (stalled ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 300));
    await b.engine.settle(order.refid);
    expect(await s.store.get(order.refid)).toMatchObject({
      state: 'failed',
      notifiedState: 'failed',
      charge: { returned: true },
    });
    const sentByB = sandbox.requestCount('/v2/topup') - before;
    expect(sentByB).toBe(1);

    resume?.();
    await a.engine.idle();
    // A wakes up to a finished order whose price is back in the wallet: it must not send it.
    expect(sandbox.requestCount('/v2/topup') - before).toBe(sentByB);
    expect(await s.wallets.balance(BUYER)).toEqual(money(5000, 'MYR'));
    expect((await ledger(s.wallets)).filter((e) => e.id === `return:${order.refid}`)).toHaveLength(1);
    await expectAudited(s.wallets);
  });

  it('an order the provider could not be reached for is cancelled once too old, never paid late', async () => {
    const s = shop();
    await s.topUp(5000);
    const closedPort = await freePort();
    const unreachable = createIimmpactProvider({
      baseUrl: `http://127.0.0.1:${closedPort}/v2`,
      apiKey: TEST_API_KEY,
      hmacSecret: TEST_HMAC_SECRET,
      rateLimiter: unlimited,
      paymentTimeoutMs: 2_000,
    });
    try {
      const down = engineHarness({
        store: s.store,
        provider: unreachable,
        balances: s.wallets,
        unsentExpiryMs: 300,
      });
      harnesses.push(down);
      const order = orderOf(await down.engine.confirm(paidDraft(F.prepaid.successAccount)));
      await down.engine.idle();
      // Connection refused: the request provably never left, so the order is still one never sent.
      const refused = await s.store.get(order.refid);
      expect(refused).toMatchObject({ state: 'confirmed', attempts: 1 });
      expect(refused?.mayExist).toBeFalsy();

      await new Promise((resolve) => setTimeout(resolve, 400));
      // The provider is back, but the order is past the time it may be sent in.
      const up = s.harness({ unsentExpiryMs: 300 });
      await up.engine.settle(order.refid);
      expect(await s.store.get(order.refid)).toMatchObject({
        state: 'cancelled',
        charge: { returned: true },
      });
      expect(sandbox.transactions().filter((t) => t.refid === order.refid)).toEqual([]);
      expect(await s.wallets.balance(BUYER)).toEqual(money(5000, 'MYR'));
      await expectAudited(s.wallets);
    } finally {
      await unreachable.close();
    }
  });
});

describe('IIMMPACT code 54 after a call that got no answer', () => {
  it('is not taken for a failure: the price stays debited, the admins are told, re-queries go on', async () => {
    const s = shop();
    const h = s.harness();
    await s.topUp(5000);
    // The first call's answer is lost after the provider took it; the re-query answers 54, "duplicate
    // transaction": that may be the provider seeing this very payment again, which may yet succeed.
    sandbox.faults.inject({ kind: 'reset-after-create', path: '/v2/topup', times: 1 });
    const order = orderOf(await h.engine.confirm(paidDraft(F.testAccounts.duplicate)));
    await h.engine.idle();
    expect(await s.store.get(order.refid)).toMatchObject({ state: 'pending', mayExist: true });

    await h.engine.settle(order.refid);
    const flagged = await s.store.get(order.refid);
    expect(flagged).toMatchObject({
      state: 'needs_attention',
      failure: { code: 'limit_reached', providerCode: '54' },
    });
    expect(flagged?.charge?.returned).toBeUndefined();
    expect(h.events).toContainEqual({ event: 'needs_attention', refid: order.refid });
    // A second 54 is no less ambiguous.
    await h.engine.settle(order.refid);
    expect(await s.store.get(order.refid)).toMatchObject({ state: 'needs_attention' });
    expect(h.notifier.finalShows(order.refid)).toEqual([]);
    expect(await s.wallets.balance(BUYER)).toEqual(money(5000 - PRICE.minor, 'MYR'));
    expect((await ledger(s.wallets)).filter((e) => e.id === `return:${order.refid}`)).toEqual([]);

    // A readable final answer still settles it (here the provider's books are corrected to a success).
    sandbox.settle(order.refid, 20);
    await h.engine.settle(order.refid);
    expect(await s.store.get(order.refid)).toMatchObject({ state: 'succeeded', notifiedState: 'succeeded' });
    expect(await s.wallets.balance(BUYER)).toEqual(money(5000 - PRICE.minor, 'MYR'));
    await expectAudited(s.wallets);
  });

  it('is final once an earlier answer showed the transaction is this order’s: the price is returned', async () => {
    const s = shop();
    const h = s.harness();
    await s.topUp(5000);
    const order = orderOf(await h.engine.confirm(paidDraft(F.testAccounts.hold)));
    await h.engine.idle();
    expect(await s.store.get(order.refid)).toMatchObject({
      state: 'pending',
      outcome: { providerCode: '1' },
    });
    // The next re-query gets no answer, and the one after reads 54: the provider's status of the
    // transaction it already reported as ours.
    sandbox.faults.inject({ kind: 'reset', path: '/v2/topup', times: 1 });
    await h.engine.settle(order.refid);
    expect(await s.store.get(order.refid)).toMatchObject({ state: 'pending', mayExist: true });
    sandbox.settle(order.refid, 54);
    await h.engine.settle(order.refid);
    expect(await s.store.get(order.refid)).toMatchObject({
      state: 'failed',
      notifiedState: 'failed',
      charge: { returned: true },
    });
    expect(await s.wallets.balance(BUYER)).toEqual(money(5000, 'MYR'));
    await expectAudited(s.wallets);
  });
});
