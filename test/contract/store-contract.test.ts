import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { money } from '../../src/payments/money.js';
import type { Order } from '../../src/payments/orders/order.js';
import type { OrderStore } from '../../src/payments/orders/ports.js';
import { systemClock } from '../../src/platform/clock.js';
import { createLogger, type Logger } from '../../src/platform/logger.js';
import { createKeys, type Keys } from '../../src/store/keys.js';
import {
  createMemoryCacheStore,
  createMemoryCounterStore,
  createMemoryLockStore,
  createMemorySessionStore,
} from '../../src/store/memory/kv-stores.js';
import { createMemoryOrderStore } from '../../src/store/memory/order-store.js';
import { createMemoryPricingRuleStore } from '../../src/store/memory/pricing-store.js';
import { createMemoryTopupStore } from '../../src/store/memory/topup-store.js';
import { createMemoryWalletStore } from '../../src/store/memory/wallet-store.js';
import type {
  CacheStore,
  CounterStore,
  LockStore,
  PricingRuleStore,
  SessionStore,
} from '../../src/store/ports.js';
import {
  createRedisCacheStore,
  createRedisCounterStore,
  createRedisLockStore,
  createRedisSessionStore,
} from '../../src/store/redis/kv-stores.js';
import { createRedisOrderStore } from '../../src/store/redis/order-store.js';
import { createRedisPricingRuleStore } from '../../src/store/redis/pricing-store.js';
import { createRedisTopupStore } from '../../src/store/redis/topup-store.js';
import { createRedisWalletStore } from '../../src/store/redis/wallet-store.js';
import { type NewLedgerEntry, NOTICE_HOLD_MS, type WalletStore } from '../../src/wallet/ledger.js';
import { NO_PRICING_RULES, type PricingRules, PricingRulesError } from '../../src/wallet/pricing.js';
import { type TopupStore, topupNoticeHold } from '../../src/wallet/topups.js';
import { waitFor } from '../support/iimmpact.js';
import { sampleOrder } from '../support/orders.js';

/** One suite, run against the Redis stores (on a real redis-server) and the in-memory ones. */
interface Implementation extends PricingImplementation {
  orders: OrderStore;
  sessions: SessionStore<{ step: string }>;
  locks: LockStore;
  cache: CacheStore;
  counters: CounterStore;
  wallets: WalletStore;
  /** Top-ups crediting `wallets`. */
  topups: TopupStore;
  /** Writes `text` over a buyer's stored balance, as a hand edit would. */
  corruptBalance(userId: number, text: string): Promise<void>;
  /** Writes `json` over a buyer's stored ledger entry `id` at `index` (in the ledger and the id index). */
  corruptEntry(userId: number, index: number, id: string, json: string): Promise<void>;
}

/** The price rules, and a way to damage their stored record (as a bad manual edit would). */
interface PricingImplementation {
  pricing: PricingRuleStore;
  corruptPricing(text: string): Promise<void>;
}

const redis = new Redis(inject('redisUrl'));
afterAll(() => redis.quit());

function redisPricing(keys: ReturnType<typeof createKeys>): PricingImplementation {
  return {
    pricing: createRedisPricingRuleStore(redis, keys),
    corruptPricing: async (text) => {
      await redis.set(keys.pricingRules, text);
    },
  };
}

function memoryPricing(): PricingImplementation {
  const record: { text: string | undefined } = { text: undefined };
  return {
    pricing: createMemoryPricingRuleStore(record),
    corruptPricing: async (text) => {
      record.text = text;
    },
  };
}

const implementations: Array<[string, (logger: Logger) => Implementation]> = [
  [
    'redis',
    (logger) => {
      const keys = createKeys(`test:${randomUUID()}:`);
      return {
        ...redisPricing(keys),
        wallets: createRedisWalletStore(redis, keys, 'MYR', { logger }),
        topups: createRedisTopupStore(redis, keys, 'MYR', { logger }),
        corruptBalance: async (userId, text) => {
          await redis.set(keys.wallet(userId), text);
        },
        corruptEntry: async (userId, index, id, json) => {
          await redis.lset(keys.ledger(userId), index, json);
          await redis.hset(keys.ledgerIds(userId), id, json);
        },
        orders: createRedisOrderStore(redis, keys, { logger, walletCurrency: 'MYR' }),
        sessions: createRedisSessionStore(redis, keys),
        locks: createRedisLockStore(redis, keys),
        cache: createRedisCacheStore(redis, keys),
        counters: createRedisCounterStore(redis, keys),
      };
    },
  ],
  [
    'memory',
    (logger) => {
      const wallets = createMemoryWalletStore('MYR', { logger });
      return {
        ...memoryPricing(),
        wallets,
        topups: createMemoryTopupStore(wallets),
        corruptBalance: async (userId, text) => {
          wallets.raw(userId).balance = text;
        },
        corruptEntry: async (userId, index, id, json) => {
          wallets.raw(userId).ledger[index] = json;
          wallets.raw(userId).ids.set(id, json);
        },
        orders: createMemoryOrderStore({ logger, wallets }),
        sessions: createMemorySessionStore(systemClock),
        locks: createMemoryLockStore(systemClock),
        cache: createMemoryCacheStore(systemClock),
        counters: createMemoryCounterStore(systemClock),
      };
    },
  ],
];

/** A logger whose lines the test can read. */
function capturingLogger() {
  const lines: string[] = [];
  return { lines, logger: createLogger({ level: 'debug', write: (line) => lines.push(line) }) };
}

const PIN = 'PIN-7730-1184-5521';

/** An order that went through the provider and holds a voucher PIN: what must never reach a log. */
function orderWithPin(overrides: Partial<Order> = {}): Order {
  const order = sampleOrder(overrides);
  return {
    ...order,
    state: 'succeeded',
    outcome: {
      refid: order.refid,
      state: 'succeeded',
      providerStatus: 'Succesful',
      providerCode: '20',
      pin: PIN,
    },
  };
}

describe.each(implementations)('%s store', (_name, make) => {
  let store: Implementation;
  let logged: string[];
  beforeEach(() => {
    const capture = capturingLogger();
    logged = capture.lines;
    store = make(capture.logger);
  });

  describe('orders', () => {
    it('creates one order per quote, however many confirm at once', async () => {
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          store.orders.create(sampleOrder({ refid: `r-${i}`, quoteId: 'the-quote' })),
        ),
      );
      expect(results.filter((r) => r.result === 'created')).toHaveLength(1);
      expect(results.filter((r) => r.result === 'existing')).toHaveLength(49);
      const refids = results.map((r) => (r.result === 'insufficient' ? undefined : r.order.refid));
      expect(new Set(refids).size).toBe(1);
    });

    it('compare-and-set writes once per version and says why it refused', async () => {
      const order = sampleOrder();
      await store.orders.create(order);
      const next = { ...order, state: 'submitted' as const, version: 2 };
      const outcomes = await Promise.all([
        store.orders.compareAndSet(next, 1, Date.now() + 1000),
        store.orders.compareAndSet({ ...next, state: 'cancelled' }, 1, 'unschedule'),
      ]);
      expect(outcomes.sort()).toEqual(['stale', 'written']);
      expect((await store.orders.get(order.refid))?.version).toBe(2);
      expect(await store.orders.compareAndSet({ ...next, version: 3 }, 1, 'keep')).toBe('stale');
      expect(await store.orders.compareAndSet(sampleOrder({ refid: 'missing' }), 1, 'keep')).toBe('missing');
      expect(await store.orders.compareAndSet({ ...next, version: 3 }, 2, 'keep')).toBe('written');
    });

    it('a refused compare-and-set changes nothing: not the order, the open set or the schedule', async () => {
      const now = Date.now();
      const order = sampleOrder({ createdAt: now });
      await store.orders.create(order);
      const final = { ...order, state: 'failed' as const, notifiedState: 'failed' as const, version: 2 };
      expect(await store.orders.compareAndSet(final, 7, 'unschedule')).toBe('stale');
      expect(await store.orders.tryLease(order.refid, 'holder', now, 60_000)).toBe(true);
      expect(await store.orders.compareAndSet(final, 1, 'unschedule', 'intruder')).toBe('lease-lost');
      expect(await store.orders.get(order.refid)).toEqual(order);
      expect((await store.orders.listOpen(10)).map((o) => o.refid)).toEqual([order.refid]);
      expect(await store.orders.makeDue(order.refid, now)).toBe(true);
    });

    it('lists a user’s orders newest first', async () => {
      const now = Date.now();
      for (let i = 0; i < 5; i++)
        await store.orders.create(sampleOrder({ refid: `u-${i}`, createdAt: now + i }));
      await store.orders.create(sampleOrder({ refid: 'other', userId: 2 }));
      const mine = await store.orders.listByUser(1001, 3);
      expect(mine.map((o) => o.refid)).toEqual(['u-4', 'u-3', 'u-2']);
    });

    it('keeps an order open until it is final and notified', async () => {
      const order = sampleOrder();
      await store.orders.create(order);
      expect((await store.orders.listOpen(10)).map((o) => o.refid)).toEqual([order.refid]);
      const final = { ...order, state: 'succeeded' as const, version: 2 };
      await store.orders.compareAndSet(final, 1, Date.now());
      expect(await store.orders.listOpen(10)).toHaveLength(1);
      await store.orders.compareAndSet({ ...final, notifiedState: 'succeeded', version: 3 }, 2, 'unschedule');
      expect(await store.orders.listOpen(10)).toEqual([]);
    });

    it('lists orders created since a time, oldest first, up to a limit', async () => {
      const base = Date.now() - 60_000;
      for (const [i, offset] of [30, 10, 0, 20, 40].entries())
        await store.orders.create(
          sampleOrder({ refid: `c-${i}`, createdAt: base + offset, userId: 1000 + i }),
        );
      const since = await store.orders.listCreatedSince(base + 10, 10);
      expect(since.map((o) => o.refid)).toEqual(['c-1', 'c-3', 'c-0', 'c-4']);
      expect((await store.orders.listCreatedSince(base + 10, 2)).map((o) => o.refid)).toEqual(['c-1', 'c-3']);
      expect(await store.orders.listCreatedSince(base + 41, 10)).toEqual([]);
      expect(await store.orders.listCreatedSince(base, 0)).toEqual([]);
    });

    it('keeps an order in the creation index whatever its state, once per quote', async () => {
      const now = Date.now();
      const order = sampleOrder({ createdAt: now });
      await store.orders.create(order);
      await store.orders.create(sampleOrder({ refid: 'same-quote', quoteId: order.quoteId, createdAt: now }));
      const final = { ...order, state: 'failed' as const, notifiedState: 'failed' as const, version: 2 };
      await store.orders.compareAndSet(final, 1, 'unschedule');
      const listed = await store.orders.listCreatedSince(now, 10);
      expect(listed.map((o) => [o.refid, o.state])).toEqual([[order.refid, 'failed']]);
    });

    it('claims due orders once, and gives them back when the lease runs out', async () => {
      const now = Date.now();
      const order = sampleOrder({ createdAt: now - 10 });
      await store.orders.create(order);
      const [first, second] = await Promise.all([
        store.orders.claimDue(now, 10, 1_000, 'a'),
        store.orders.claimDue(now, 10, 1_000, 'b'),
      ]);
      expect([...(first ?? []), ...(second ?? [])]).toEqual([order.refid]);
      expect(await store.orders.claimDue(now + 500, 10, 1_000, 'c')).toEqual([]);
      expect(await store.orders.tryLease(order.refid, 'c', now + 500, 1_000)).toBe(false);
      // The claimer crashed: after the lease, someone else gets it.
      expect(await store.orders.claimDue(now + 1_001, 10, 1_000, 'c')).toEqual([order.refid]);
    });

    it('brings back an order held by a worker that died exactly when its lease ends, not a lease later', async () => {
      const now = Date.now();
      const order = sampleOrder({ createdAt: now - 10 });
      await store.orders.create(order);
      // A worker took the order itself (a buyer's Confirm) and died holding it until now + 1000.
      expect(await store.orders.tryLease(order.refid, 'dead', now, 1_000)).toBe(true);
      // The scheduler looks while the lease is held: nothing for it, and nothing pushed past now + 1000.
      expect(await store.orders.claimDue(now + 900, 10, 1_000, 'scheduler')).toEqual([]);
      expect(await store.orders.claimDue(now + 1_001, 10, 1_000, 'scheduler')).toEqual([order.refid]);
    });

    it('refuses a write from a worker whose lease passed to another, and lets a holder renew', async () => {
      const now = Date.now();
      const order = sampleOrder();
      await store.orders.create(order);
      expect(await store.orders.tryLease(order.refid, 'a', now, 1_000)).toBe(true);
      expect(await store.orders.tryLease(order.refid, 'a', now + 500, 1_000)).toBe(true);
      // a's renewed lease runs to now + 1500; b takes over after that.
      expect(await store.orders.tryLease(order.refid, 'b', now + 1_200, 1_000)).toBe(false);
      expect(await store.orders.tryLease(order.refid, 'b', now + 1_501, 1_000)).toBe(true);
      expect(await store.orders.compareAndSet({ ...order, version: 2 }, 1, 'keep', 'a')).toBe('lease-lost');
      expect(await store.orders.compareAndSet({ ...order, version: 2 }, 1, 'keep', 'b')).toBe('written');
    });

    it('reports a lost lease before a stale version, so the loser steps back instead of retrying', async () => {
      const now = Date.now();
      const order = sampleOrder();
      await store.orders.create(order);
      expect(await store.orders.tryLease(order.refid, 'a', now, 1_000)).toBe(true);
      expect(await store.orders.compareAndSet({ ...order, version: 2 }, 1, 'keep', 'a')).toBe('written');
      expect(await store.orders.tryLease(order.refid, 'b', now + 1_001, 1_000)).toBe(true);
      // a still thinks the order is at version 1 and its lease is gone: both are true, the lease wins.
      expect(await store.orders.compareAndSet({ ...order, version: 2 }, 1, 'keep', 'a')).toBe('lease-lost');
      expect(await store.orders.compareAndSet({ ...order, version: 3 }, 1, 'keep', 'b')).toBe('stale');
      // A lease released by its holder is no longer anyone's: a write under it is refused too.
      await store.orders.releaseLease(order.refid, 'b');
      expect(await store.orders.compareAndSet({ ...order, version: 3 }, 2, 'keep', 'b')).toBe('lease-lost');
      expect(await store.orders.compareAndSet({ ...order, version: 3 }, 2, 'keep')).toBe('written');
    });

    it('releases a lease only for its holder', async () => {
      const now = Date.now();
      const order = sampleOrder();
      await store.orders.create(order);
      expect(await store.orders.tryLease(order.refid, 'a', now, 10_000)).toBe(true);
      await store.orders.releaseLease(order.refid, 'b');
      expect(await store.orders.tryLease(order.refid, 'b', now, 10_000)).toBe(false);
      await store.orders.releaseLease(order.refid, 'a');
      expect(await store.orders.tryLease(order.refid, 'b', now, 10_000)).toBe(true);
    });

    it('does not claim orders that are not due, and makeDue brings them forward', async () => {
      const now = Date.now();
      const order = sampleOrder({ createdAt: now });
      await store.orders.create(order);
      await store.orders.compareAndSet({ ...order, state: 'pending', version: 2 }, 1, now + 60_000);
      expect(await store.orders.claimDue(now, 10, 1_000, 'a')).toEqual([]);
      expect(await store.orders.makeDue(order.refid, now)).toBe(true);
      expect(await store.orders.claimDue(now, 10, 1_000, 'a')).toEqual([order.refid]);
      expect(await store.orders.makeDue('unknown', now)).toBe(false);
    });

    it('unschedules an order when asked', async () => {
      const now = Date.now();
      const order = sampleOrder({ createdAt: now });
      await store.orders.create(order);
      await store.orders.compareAndSet({ ...order, version: 2 }, 1, 'unschedule');
      expect(await store.orders.claimDue(now + 1_000_000, 10, 1_000, 'a')).toEqual([]);
      expect(await store.orders.makeDue(order.refid, now)).toBe(false);
    });

    it('reads back everything the current code writes, legacy and new failure fields included', async () => {
      const order: Order = {
        ...orderWithPin({ mayExist: true }),
        // Written before failure codes, and still read.
        ...{ failureReason: 'Out of stock' },
        request: {
          refid: 'full',
          product: 'JOMPAY',
          account: '123',
          amount: { minor: 5000, currency: 'MYR' },
          extras: { billerCode: '5454', ref2: 'x', icNumber: '900101015555', subproductCode: 'P1' },
          remarks: 'bill',
        },
        refid: 'full',
        display: { ...sampleOrder().display, customerName: 'Ali', optionName: 'TNB' },
        statusMessage: { chatId: 1, messageId: 2 },
        notifiedState: 'succeeded',
      };
      const withFailure = { ...order, failure: { code: 'product_unavailable', providerCode: '51' } } as Order;
      await store.orders.create(withFailure);
      expect(await store.orders.get('full')).toEqual(withFailure);
      expect(logged).toEqual([]);
    });

    it('refuses a record that is not an order: reported by refid without its content, never used', async () => {
      const now = Date.now();
      const good = sampleOrder({ createdAt: now - 20 });
      // A state no version of the code writes, on an otherwise complete order.
      const bad = { ...orderWithPin({ createdAt: now - 10 }), state: 'paid' } as unknown as Order;
      await store.orders.create(good);
      await store.orders.create(bad);
      expect(await store.orders.get(bad.refid)).toBeUndefined();
      expect((await store.orders.listOpen(10)).map((o) => o.refid)).toEqual([good.refid]);
      expect((await store.orders.listByUser(good.userId, 10)).map((o) => o.refid)).toEqual([good.refid]);
      expect((await store.orders.listCreatedSince(0, 10)).map((o) => o.refid)).toEqual([good.refid]);
      expect(await store.orders.claimDue(now, 10, 60_000, 'a')).toEqual([good.refid]);
      // Pushed back with the claim like any other: it does not come round again while the lease lasts.
      expect(await store.orders.claimDue(now + 1_000, 10, 60_000, 'b')).toEqual([]);
      expect(logged.length).toBeGreaterThan(0);
      for (const line of logged) {
        expect(JSON.parse(line)).toMatchObject({ level: 'error', refid: bad.refid });
        expect(line).not.toContain(PIN);
      }
    });

    it('keeps the schedule when asked', async () => {
      const now = Date.now();
      const order = sampleOrder({ createdAt: now });
      await store.orders.create(order);
      await store.orders.compareAndSet({ ...order, version: 2 }, 1, now + 60_000);
      await store.orders.compareAndSet({ ...order, version: 3 }, 2, 'keep');
      expect(await store.orders.claimDue(now + 59_000, 10, 1_000, 'a')).toEqual([]);
      expect(await store.orders.claimDue(now + 60_000, 10, 1_000, 'a')).toEqual([order.refid]);
    });
  });

  describe('wallets', () => {
    const user = 5001;
    const entry = (id: string, amount: number, overrides: Partial<NewLedgerEntry> = {}): NewLedgerEntry => ({
      id,
      userId: user,
      kind: amount > 0 ? 'topup' : 'purchase',
      amount,
      reference: id,
      at: Date.now(),
      ...overrides,
    });
    const auditOk = async (userId = user) => {
      const audit = await store.wallets.audit(userId);
      expect(audit.problems).toEqual([]);
      expect(audit.ok).toBe(true);
      return audit;
    };

    it('starts empty: a zero balance, no entries, no wallet listed, and a clean audit', async () => {
      expect(store.wallets.currency).toBe('MYR');
      expect(await store.wallets.balance(user)).toEqual({ minor: 0, currency: 'MYR' });
      expect(await store.wallets.entries(user, { offset: 0, limit: 10 })).toEqual({ entries: [], total: 0 });
      expect(await store.wallets.users()).toEqual([]);
      const audit = await auditOk();
      expect(audit).toMatchObject({ balance: { minor: 0 }, sum: { minor: 0 }, entries: 0 });
    });

    it('applies credits and debits with the balance after each, newest first in the ledger', async () => {
      const first = await store.wallets.apply(entry('topup:a', 5000, { note: 'transfer' }));
      expect(first).toMatchObject({
        result: 'applied',
        balance: { minor: 5000, currency: 'MYR' },
        entry: { id: 'topup:a', amount: 5000, balanceAfter: 5000, currency: 'MYR', note: 'transfer' },
      });
      const second = await store.wallets.apply(entry('purchase:r1', -1050, { reference: 'r1' }));
      expect(second).toMatchObject({
        result: 'applied',
        balance: { minor: 3950 },
        entry: { balanceAfter: 3950 },
      });
      await store.wallets.apply(entry('topup:b', 100));
      expect(await store.wallets.balance(user)).toEqual({ minor: 4050, currency: 'MYR' });
      const page = await store.wallets.entries(user, { offset: 0, limit: 2 });
      expect(page.total).toBe(3);
      expect(page.entries.map((e) => [e.id, e.balanceAfter])).toEqual([
        ['topup:b', 4050],
        ['purchase:r1', 3950],
      ]);
      const rest = await store.wallets.entries(user, { offset: 2, limit: 2 });
      expect(rest.entries.map((e) => e.id)).toEqual(['topup:a']);
      expect((await store.wallets.entries(user, { offset: 3, limit: 2 })).entries).toEqual([]);
      expect(await store.wallets.users()).toEqual([user]);
      const audit = await auditOk();
      expect(audit).toMatchObject({ balance: { minor: 4050 }, sum: { minor: 4050 }, entries: 3 });
    });

    it('writes an entry once by its id: a repeat is a duplicate with the stored entry, and changes nothing', async () => {
      const applied = await store.wallets.apply(entry('topup:once', 700));
      const again = await store.wallets.apply(entry('topup:once', 9999));
      expect(again).toEqual({
        result: 'duplicate',
        balance: { minor: 700, currency: 'MYR' },
        entry: applied.result === 'applied' ? applied.entry : undefined,
      });
      expect((await store.wallets.entries(user, { offset: 0, limit: 10 })).total).toBe(1);
      await auditOk();
    });

    it('concurrent applies of the same id write it once', async () => {
      const results = await Promise.all(
        Array.from({ length: 30 }, () => store.wallets.apply(entry('topup:race', 250))),
      );
      expect(results.filter((r) => r.result === 'applied')).toHaveLength(1);
      expect(results.filter((r) => r.result === 'duplicate')).toHaveLength(29);
      expect(await store.wallets.balance(user)).toEqual({ minor: 250, currency: 'MYR' });
      await auditOk();
    });

    it('refuses a debit beyond the balance, changing nothing', async () => {
      await store.wallets.apply(entry('topup:small', 500));
      expect(await store.wallets.apply(entry('purchase:big', -501))).toEqual({
        result: 'insufficient',
        balance: { minor: 500, currency: 'MYR' },
      });
      expect(await store.wallets.apply(entry('purchase:none', -1, { userId: user + 1 }))).toEqual({
        result: 'insufficient',
        balance: { minor: 0, currency: 'MYR' },
      });
      // Refused, so the id is still free.
      await store.wallets.apply(entry('topup:more', 1));
      expect(await store.wallets.apply(entry('purchase:big', -501))).toMatchObject({
        result: 'applied',
        balance: { minor: 0 },
      });
      await auditOk();
      await auditOk(user + 1);
    });

    it('50 concurrent debits never take the balance below zero', async () => {
      await store.wallets.apply(entry('topup:ten', 1000));
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => store.wallets.apply(entry(`purchase:d${i}`, -300))),
      );
      expect(results.filter((r) => r.result === 'applied')).toHaveLength(3);
      expect(results.filter((r) => r.result === 'insufficient')).toHaveLength(47);
      for (const r of results) expect(r.balance.minor).toBeGreaterThanOrEqual(0);
      expect(await store.wallets.balance(user)).toEqual({ minor: 100, currency: 'MYR' });
      await auditOk();
    });

    it('keeps wallets apart and lists every buyer who has one', async () => {
      await store.wallets.apply(entry('topup:x', 100, { userId: 3 }));
      await store.wallets.apply(entry('topup:x', 200, { userId: 1 }));
      expect(await store.wallets.balance(3)).toEqual({ minor: 100, currency: 'MYR' });
      expect(await store.wallets.balance(1)).toEqual({ minor: 200, currency: 'MYR' });
      expect(await store.wallets.users()).toEqual([1, 3]);
      await auditOk(1);
      await auditOk(3);
    });

    it('refuses entries no caller should write', async () => {
      await expect(store.wallets.apply(entry('topup:zero', 0))).rejects.toThrow(/non-zero integer/);
      await expect(store.wallets.apply(entry('topup:half', 10.5))).rejects.toThrow(/non-zero integer/);
      await expect(store.wallets.apply(entry('', 10))).rejects.toThrow(/without an id/);
      expect(await store.wallets.users()).toEqual([]);
    });

    it('the audit detects a hand-corrupted balance, and a corrupt balance takes no more entries', async () => {
      await store.wallets.apply(entry('topup:a', 1000));
      await store.wallets.apply(entry('purchase:a', -400));
      await auditOk();
      await store.corruptBalance(user, '900');
      const audit = await store.wallets.audit(user);
      expect(audit.ok).toBe(false);
      expect(audit).toMatchObject({ balance: { minor: 900 }, sum: { minor: 600 }, entries: 2 });
      expect(audit.problems.join('\n')).toMatch(/balance 900 != sum 600/);
      await store.corruptBalance(user, 'lots');
      expect((await store.wallets.audit(user)).problems.join('\n')).toMatch(/not an integer/);
      await expect(store.wallets.balance(user)).rejects.toThrow(/not an integer/);
      await expect(store.wallets.apply(entry('topup:b', 1))).rejects.toThrow(/not an integer/);
      // Nothing was written by the refused apply.
      await store.corruptBalance(user, '600');
      expect((await store.wallets.entries(user, { offset: 0, limit: 10 })).total).toBe(2);
      await auditOk();
    });

    it('reports an unreadable entry without using it or quoting it', async () => {
      await store.wallets.apply(entry('topup:a', 1000));
      await store.wallets.apply(entry('purchase:a', -400));
      await store.corruptEntry(user, 1, 'purchase:a', '{"id":"purchase:a","secret":"PIN-1"');
      const page = await store.wallets.entries(user, { offset: 0, limit: 10 });
      expect(page.entries.map((e) => e.id)).toEqual(['topup:a']);
      expect(page.total).toBe(2);
      const audit = await store.wallets.audit(user);
      expect(audit.ok).toBe(false);
      expect(audit.problems.join('\n')).toMatch(/entry 1: not JSON/);
      await expect(store.wallets.apply(entry('purchase:a', -1))).rejects.toThrow(/not readable/);
      expect(logged.length).toBeGreaterThan(0);
      for (const line of logged) expect(line).not.toContain('PIN-1');
    });

    it('the audit detects an entry whose balance after disagrees with the running sum', async () => {
      await store.wallets.apply(entry('topup:a', 1000));
      await store.wallets.apply(entry('purchase:a', -400));
      const [newest] = (await store.wallets.entries(user, { offset: 0, limit: 1 })).entries;
      await store.corruptEntry(user, 1, 'purchase:a', JSON.stringify({ ...newest, balanceAfter: 700 }));
      const audit = await store.wallets.audit(user);
      expect(audit.ok).toBe(false);
      expect(audit.problems.join('\n')).toMatch(/balanceAfter 700, running sum 600/);
    });
  });

  describe('wallet notices', () => {
    const buyer = 5101;
    const credit = (id: string, amount = 500, at = Date.now()): NewLedgerEntry => ({
      id,
      userId: buyer,
      kind: 'admin_credit',
      amount,
      reference: '9001',
      at,
    });
    const held = (holdMs = 1_000) => ({ notify: { holder: 'writer', holdMs } });
    const ids = (entries: Array<{ id: string }>) => entries.map((e) => e.id);

    it('an entry applied with notify leaves one notice, held by its writer, then claimed by one worker at a time', async () => {
      const at = Date.now();
      const applied = await store.wallets.apply(credit('admin:n1', 500, at), held(1_000));
      expect(applied.result).toBe('applied');
      await store.wallets.apply(credit('admin:quiet', 100, at));
      // The writer holds it: nobody else gets it before the hold ends.
      expect(await store.wallets.notices.claimDue(at + 999, 10, 1_000, 'worker-a')).toEqual([]);
      const claimed = await store.wallets.notices.claimDue(at + 1_000, 10, 1_000, 'worker-a');
      expect(claimed).toEqual([expect.objectContaining({ id: 'admin:n1', amount: 500, balanceAfter: 500 })]);
      expect(await store.wallets.notices.claimDue(at + 1_999, 10, 1_000, 'worker-b')).toEqual([]);
      // Once the worker's lease runs out it comes back.
      expect(ids(await store.wallets.notices.claimDue(at + 2_001, 10, 1_000, 'worker-b'))).toEqual([
        'admin:n1',
      ]);
      await store.wallets.notices.delivered(buyer, 'admin:n1');
      expect(await store.wallets.notices.claimDue(at + 60_000, 10, 1_000, 'worker-c')).toEqual([]);
    });

    it('only the apply that writes the entry adds its notice: a duplicate or a refused debit adds none', async () => {
      const at = Date.now();
      await store.wallets.apply(credit('admin:once', 500, at), held(0));
      await store.wallets.notices.delivered(buyer, 'admin:once');
      expect((await store.wallets.apply(credit('admin:once', 500, at), held(0))).result).toBe('duplicate');
      const refused = await store.wallets.apply(
        { ...credit('admin:too-much', -10_000, at), kind: 'admin_debit' },
        held(0),
      );
      expect(refused.result).toBe('insufficient');
      expect(await store.wallets.notices.claimDue(at + 60_000, 10, 1_000, 'w')).toEqual([]);
      await expect(
        store.wallets.apply(credit('admin:nobody', 1, at), { notify: { holder: '', holdMs: 0 } }),
      ).rejects.toThrow(/holder/);
      expect((await store.wallets.entries(buyer, { offset: 0, limit: 10 })).total).toBe(1);
    });

    it('concurrent applies of one entry with notify leave one notice', async () => {
      const at = Date.now();
      await Promise.all(
        Array.from({ length: 20 }, () => store.wallets.apply(credit('admin:race', 300, at), held(0))),
      );
      expect(ids(await store.wallets.notices.claimDue(at, 10, 1_000, 'w'))).toEqual(['admin:race']);
    });

    it('the writer gives an undelivered notice back: due again at once; nobody else can give it back', async () => {
      const at = Date.now();
      await store.wallets.apply(credit('admin:w1', 500, at), held(30_000));
      await store.wallets.notices.release(buyer, 'admin:w1', 'worker', at + 6_000);
      expect(await store.wallets.notices.claimDue(at + 7_000, 10, 1_000, 'worker')).toEqual([]);
      await store.wallets.notices.release(buyer, 'admin:w1', 'writer', at + 8_000);
      expect(ids(await store.wallets.notices.claimDue(at + 8_000, 10, 1_000, 'worker'))).toEqual([
        'admin:w1',
      ]);
    });

    it('a notice whose entry cannot be read is reported, not handed out, and not dropped', async () => {
      const at = Date.now();
      await store.wallets.apply(credit('admin:bad', 500, at), held(0));
      await store.corruptEntry(buyer, 0, 'admin:bad', '{"id":"admin:bad","note":"PIN-9"');
      expect(await store.wallets.notices.claimDue(at, 10, 1_000, 'w')).toEqual([]);
      expect(logged.join('\n')).toMatch(/unreadable ledger entry left alone/);
      for (const line of logged) expect(line).not.toContain('PIN-9');
      // Repaired, it is sent after the lease.
      await store.corruptEntry(
        buyer,
        0,
        'admin:bad',
        JSON.stringify({ ...credit('admin:bad', 500, at), currency: 'MYR', balanceAfter: 500 }),
      );
      expect(ids(await store.wallets.notices.claimDue(at + 1_001, 10, 1_000, 'w'))).toEqual(['admin:bad']);
    });
  });

  describe('top-up credits and the buyer notice they write', () => {
    const buyer = 5201;
    const paidTopup = async (id: string, at: number) => {
      await store.topups.create({
        id,
        method: 'billplz',
        userId: buyer,
        chatId: buyer,
        amount: money(2_000, 'MYR'),
        createdAt: at,
        expiresAt: at + 3_600_000,
        payerId: `bill-${id}`,
        state: 'awaiting_payment',
      });
    };
    const claimIds = async (nowMs: number) =>
      (await store.wallets.notices.claimDue(nowMs, 10, 1_000, 'worker')).map((e) => e.id);

    it('the credit and its notice are one step: held for the crediting call, then the notice worker’s', async () => {
      const at = Date.now();
      await paidTopup('tn1', at);
      const hold = topupNoticeHold('tn1');
      const credited = await store.topups.credit('tn1', { payerId: 'bill-tn1' }, at, hold);
      expect(credited.result).toBe('credited');
      expect(await claimIds(at + NOTICE_HOLD_MS - 1)).toEqual([]);
      // The crediting call gives it back (Telegram refused): due at once, under its own holder's name.
      await store.wallets.notices.release(buyer, 'topup:tn1', 'someone-else', at + 100);
      expect(await claimIds(at + 100)).toEqual([]);
      await store.wallets.notices.release(buyer, 'topup:tn1', hold.holder, at + 100);
      expect(await claimIds(at + 100)).toEqual(['topup:tn1']);
      await store.wallets.notices.delivered(buyer, 'topup:tn1');
      expect(await claimIds(at + 10 * NOTICE_HOLD_MS)).toEqual([]);
    });

    it('due when the hold ends; a repeated or refused credit adds no notice, nor does one without a hold', async () => {
      const at = Date.now();
      await paidTopup('tn2', at);
      await store.topups.credit('tn2', { payerId: 'bill-tn2' }, at, topupNoticeHold('tn2'));
      expect(await claimIds(at + NOTICE_HOLD_MS)).toEqual(['topup:tn2']);
      await store.wallets.notices.delivered(buyer, 'topup:tn2');
      const again = await store.topups.credit('tn2', { payerId: 'bill-tn2' }, at, topupNoticeHold('tn2'));
      expect(again.result).toBe('duplicate');
      const other = await store.topups.credit('tn2', { payerId: 'another-bill' }, at, topupNoticeHold('tn2'));
      expect(other.result).toBe('refused');
      await paidTopup('tn3', at);
      expect((await store.topups.credit('tn3', { payerId: 'bill-tn3' }, at)).result).toBe('credited');
      expect(await claimIds(at + 10 * NOTICE_HOLD_MS)).toEqual([]);
      await paidTopup('tn5', at);
      await expect(
        store.topups.credit('tn5', { payerId: 'bill-tn5' }, at, { holder: '', holdMs: 0 }),
      ).rejects.toThrow(/holder/);
      expect((await store.topups.get('tn5'))?.state).toBe('awaiting_payment');
      expect((await store.wallets.balance(buyer)).minor).toBe(4_000);
    });

    it('concurrent credits of one top-up leave one entry and one notice', async () => {
      const at = Date.now();
      await paidTopup('tn4', at);
      await Promise.all(
        Array.from({ length: 20 }, () =>
          store.topups.credit('tn4', { payerId: 'bill-tn4' }, at, topupNoticeHold('tn4')),
        ),
      );
      expect(await claimIds(at + NOTICE_HOLD_MS)).toEqual(['topup:tn4']);
      expect((await store.wallets.entries(buyer, { offset: 0, limit: 10 })).total).toBe(1);
    });
  });

  describe('Stars refunds: the credit taken back, put back or confirmed, each once', () => {
    const buyer = 5301;
    const credited = async (id: string, at = Date.now()) => {
      await store.topups.create({
        id,
        method: 'stars',
        userId: buyer,
        chatId: buyer,
        amount: money(2_000, 'MYR'),
        createdAt: at,
        expiresAt: at + 3_600_000,
        state: 'awaiting_payment',
        stars: { amount: 100, perUnit: 5 },
      });
      expect((await store.topups.credit(id, { payerId: `charge-${id}` }, at)).result).toBe('credited');
    };
    const ids = async () =>
      (await store.wallets.entries(buyer, { offset: 0, limit: 100 })).entries.map((e) => e.id).reverse();
    const balance = async () => (await store.wallets.balance(buyer)).minor;
    const spend = (id: string, amount: number, at: number): NewLedgerEntry => ({
      id,
      userId: buyer,
      kind: 'purchase',
      amount,
      reference: id,
      at,
    });

    it('start takes the credit once; a refusal puts it back once; a later attempt is numbered', async () => {
      const at = Date.now();
      await credited('sr1', at);
      const started = await Promise.all(
        Array.from({ length: 10 }, () => store.topups.startRefund('sr1', at, 'stars refund by 1')),
      );
      expect(started.filter((r) => r.result === 'started')).toHaveLength(1);
      expect(
        started.every((r) => (r.result === 'started' || r.result === 'refunding') && r.attempt === 1),
      ).toBe(true);
      expect(await balance()).toBe(0);
      expect((await store.topups.get('sr1'))?.state).toBe('refunding');
      // successful_payment delivered again meanwhile: a duplicate, not a credit over the refund.
      expect((await store.topups.credit('sr1', { payerId: 'charge-sr1' }, at)).result).toBe('duplicate');
      expect((await store.topups.get('sr1'))?.state).toBe('refunding');
      expect(await balance()).toBe(0);
      const undone = await Promise.all(
        Array.from({ length: 10 }, () => store.topups.undoRefund('sr1', 1, at, 'stars refund refused')),
      );
      expect(undone.filter((r) => r.result === 'done')).toHaveLength(1);
      expect(await balance()).toBe(2_000);
      expect((await store.topups.get('sr1'))?.state).toBe('credited');
      // A second refund writes its own entries; settling the first attempt again changes nothing.
      const again = await store.topups.startRefund('sr1', at, 'stars refund by 2');
      expect(again).toMatchObject({ result: 'started', attempt: 2 });
      expect((await store.topups.undoRefund('sr1', 1, at, 'late')).result).toBe('not-refunding');
      expect((await store.topups.finishRefund('sr1', 1, at)).result).toBe('not-refunding');
      expect((await store.topups.finishRefund('sr1', 2, at)).result).toBe('done');
      expect((await store.topups.finishRefund('sr1', 2, at)).result).toBe('not-refunding');
      expect(await balance()).toBe(0);
      expect(await ids()).toEqual(['topup:sr1', 'reversal:sr1', 'restore:sr1', 'reversal:sr1:2']);
      const topup = await store.topups.get('sr1');
      expect(topup).toMatchObject({ state: 'reversed', refundAttempt: 2 });
      expect((await store.topups.startRefund('sr1', at, 'x')).result).toBe('not-credited');
      expect(await store.topups.counts()).toEqual(
        expect.arrayContaining([{ method: 'stars', state: 'reversed', count: 1 }]),
      );
    });

    it('start refuses a credit already spent and changes nothing', async () => {
      const at = Date.now();
      await credited('sr2', at);
      await store.wallets.apply(spend('purchase:sr2', -1_500, at));
      const refused = await store.topups.startRefund('sr2', at, 'stars refund by 1');
      expect(refused).toMatchObject({ result: 'insufficient', balance: money(500, 'MYR') });
      expect((await store.topups.get('sr2'))?.state).toBe('credited');
      expect(await balance()).toBe(500);
    });

    it('a refund reported by Telegram reverses a standing credit once, across concurrent reports', async () => {
      const at = Date.now();
      await credited('sr3', at);
      const reports = await Promise.all(
        Array.from({ length: 10 }, () =>
          store.topups.refundedAtSource('sr3', at, 'stars refunded outside the bot'),
        ),
      );
      expect(reports.filter((r) => r.result === 'reversed')).toHaveLength(1);
      expect(reports.filter((r) => r.result === 'duplicate')).toHaveLength(9);
      expect(await balance()).toBe(0);
      expect(await ids()).toEqual(['topup:sr3', 'reversal:sr3']);
      expect((await store.topups.get('sr3'))?.state).toBe('reversed');
    });

    it('a reported refund of a spent credit takes nothing and is recorded as refund_short', async () => {
      const at = Date.now();
      await credited('sr4', at);
      await store.wallets.apply(spend('purchase:sr4', -1_500, at));
      const short = await store.topups.refundedAtSource('sr4', at, 'stars refunded outside the bot');
      expect(short).toMatchObject({ result: 'short', balance: money(500, 'MYR') });
      expect((await store.topups.refundedAtSource('sr4', at, 'again')).result).toBe('duplicate');
      expect((await store.topups.startRefund('sr4', at, 'stars refund by 1')).result).toBe('not-credited');
      expect(await balance()).toBe(500);
      expect((await store.topups.get('sr4'))?.state).toBe('refund_short');
    });

    it('a reported refund completes one left refunding, and leaves one reversed alone', async () => {
      const at = Date.now();
      await credited('sr5', at);
      await store.topups.startRefund('sr5', at, 'stars refund by 1');
      expect((await store.topups.refundedAtSource('sr5', at, 'n')).result).toBe('completed');
      expect((await store.topups.finishRefund('sr5', 1, at)).result).toBe('not-refunding');
      expect((await store.topups.get('sr5'))?.state).toBe('reversed');
      await credited('sr6', at);
      await store.topups.startRefund('sr6', at, 'stars refund by 1');
      await store.topups.finishRefund('sr6', 1, at);
      expect((await store.topups.refundedAtSource('sr6', at, 'n')).result).toBe('already');
      expect((await store.topups.refundedAtSource('sr6', at, 'n')).result).toBe('duplicate');
      expect(await balance()).toBe(0);
      expect(await ids()).toEqual(['topup:sr5', 'reversal:sr5', 'topup:sr6', 'reversal:sr6']);
    });
  });

  describe('orders paid from the wallet', () => {
    const buyer = 1001;
    const price = money(1050, 'MYR');
    const charged = (overrides: Partial<Order> = {}) => sampleOrder({ charge: { price }, ...overrides });
    const topUp = (minor: number, id = `topup:${randomUUID()}`) =>
      store.wallets.apply({ id, userId: buyer, kind: 'topup', amount: minor, reference: id, at: Date.now() });
    const ledgerIds = async () =>
      (await store.wallets.entries(buyer, { offset: 0, limit: 100 })).entries.map((e) => e.id).reverse();
    const auditOk = async () => expect((await store.wallets.audit(buyer)).problems).toEqual([]);

    it('debits the price with the order, once per quote however many confirm at once', async () => {
      await topUp(5000, 'topup:a');
      const results = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          store.orders.create(charged({ refid: `p-${i}`, quoteId: 'q-paid' })),
        ),
      );
      const created = results.filter((r) => r.result === 'created');
      expect(created).toHaveLength(1);
      expect(results.filter((r) => r.result === 'existing')).toHaveLength(29);
      const refid = created[0]?.result === 'created' ? created[0].order.refid : '';
      expect((await store.orders.get(refid))?.charge).toEqual({ price });
      expect(await store.wallets.balance(buyer)).toEqual(money(3950, 'MYR'));
      expect(await ledgerIds()).toEqual(['topup:a', `purchase:${refid}`]);
      const [debit] = (await store.wallets.entries(buyer, { offset: 0, limit: 1 })).entries;
      expect(debit).toMatchObject({ kind: 'purchase', amount: -1050, reference: refid, balanceAfter: 3950 });
      await auditOk();
    });

    it('creates nothing and debits nothing when the balance is short, and the quote stays free', async () => {
      await topUp(1049);
      const order = charged({ quoteId: 'q-short' });
      expect(await store.orders.create(order)).toEqual({
        result: 'insufficient',
        balance: money(1049, 'MYR'),
      });
      expect(await store.orders.get(order.refid)).toBeUndefined();
      expect(await store.orders.listOpen(10)).toEqual([]);
      expect(await store.orders.listByUser(buyer, 10)).toEqual([]);
      expect(await store.orders.claimDue(Date.now() + 1_000, 10, 1_000, 'a')).toEqual([]);
      expect(await store.wallets.balance(buyer)).toEqual(money(1049, 'MYR'));
      await topUp(1);
      expect((await store.orders.create(order)).result).toBe('created');
      expect(await store.wallets.balance(buyer)).toEqual(money(0, 'MYR'));
      await auditOk();
    });

    it('returns the price once, in the write that records a returning final state', async () => {
      await topUp(2000);
      const order = charged();
      await store.orders.create(order);
      const failed: Order = { ...order, state: 'failed', version: 2, charge: { price, returned: true } };
      // Two workers race the final write: one wins, the stale one returns nothing.
      const outcomes = await Promise.all([
        store.orders.compareAndSet(failed, 1, Date.now()),
        store.orders.compareAndSet({ ...failed, state: 'rejected' }, 1, Date.now()),
      ]);
      expect(outcomes.sort()).toEqual(['stale', 'written']);
      expect(await store.wallets.balance(buyer)).toEqual(money(2000, 'MYR'));
      // Later writes of the final order (the buyer was told) find the return written.
      const told = { ...failed, notifiedState: 'failed' as const, version: 3 };
      expect(await store.orders.compareAndSet(told, 2, 'unschedule')).toBe('written');
      expect(await store.orders.compareAndSet({ ...told, version: 4 }, 3, 'unschedule')).toBe('written');
      expect(await store.wallets.balance(buyer)).toEqual(money(2000, 'MYR'));
      const entries = (await store.wallets.entries(buyer, { offset: 0, limit: 10 })).entries;
      expect(entries.filter((e) => e.id === `return:${order.refid}`)).toHaveLength(1);
      expect(entries[0]).toMatchObject({ kind: 'purchase_returned', amount: 1050, reference: order.refid });
      expect((await store.orders.get(order.refid))?.charge).toEqual({ price, returned: true });
      await auditOk();
    });

    it.each(['failed', 'rejected', 'cancelled', 'refunded'] as const)(
      'returns the price of a %s order',
      async (state) => {
        await topUp(1050);
        const order = charged();
        await store.orders.create(order);
        expect(await store.wallets.balance(buyer)).toEqual(money(0, 'MYR'));
        expect(await store.orders.compareAndSet({ ...order, state, version: 2 }, 1, 'unschedule')).toBe(
          'written',
        );
        expect(await store.wallets.balance(buyer)).toEqual(money(1050, 'MYR'));
        await auditOk();
      },
    );

    it('takes nothing more for a success, and returns nothing on refused or unfinished writes', async () => {
      await topUp(3000);
      const now = Date.now();
      const order = charged({ createdAt: now });
      await store.orders.create(order);
      for (const state of ['submitted', 'pending', 'needs_attention'] as const)
        await store.orders.compareAndSet({ ...order, state, version: 2 }, 1, 'keep').then(async () => {
          await store.orders.compareAndSet({ ...order, state: 'confirmed', version: 1 }, 2, 'keep');
        });
      expect(await store.orders.compareAndSet({ ...order, state: 'failed', version: 9 }, 7, 'keep')).toBe(
        'stale',
      );
      expect(await store.orders.tryLease(order.refid, 'holder', now, 60_000)).toBe(true);
      expect(
        await store.orders.compareAndSet({ ...order, state: 'failed', version: 2 }, 1, 'keep', 'intruder'),
      ).toBe('lease-lost');
      expect(await store.wallets.balance(buyer)).toEqual(money(1950, 'MYR'));
      expect(await store.orders.compareAndSet({ ...order, state: 'succeeded', version: 2 }, 1, 'keep')).toBe(
        'written',
      );
      expect(await store.wallets.balance(buyer)).toEqual(money(1950, 'MYR'));
      expect(await ledgerIds()).toHaveLength(2);
      await auditOk();
    });

    it('leaves the wallet alone for an order without a charge', async () => {
      const order = sampleOrder();
      expect((await store.orders.create(order)).result).toBe('created');
      await store.orders.compareAndSet({ ...order, state: 'failed', version: 2 }, 1, 'unschedule');
      expect(await store.wallets.balance(buyer)).toEqual(money(0, 'MYR'));
      expect(await store.wallets.users()).toEqual([]);
    });

    it('refuses a charge in another currency or not positive, writing nothing', async () => {
      await topUp(5000);
      await expect(store.orders.create(charged({ charge: { price: money(100, 'IDR') } }))).rejects.toThrow(
        /IDR/,
      );
      await expect(store.orders.create(charged({ charge: { price: money(0, 'MYR') } }))).rejects.toThrow(
        /positive/,
      );
      expect(await store.orders.listOpen(10)).toEqual([]);
      expect(await store.wallets.balance(buyer)).toEqual(money(5000, 'MYR'));
    });

    it('creates nothing when the wallet balance is unreadable', async () => {
      await topUp(5000);
      await store.corruptBalance(buyer, 'garbage');
      const order = charged();
      await expect(store.orders.create(order)).rejects.toThrow(/not an integer/);
      await store.corruptBalance(buyer, '5000');
      expect(await store.orders.get(order.refid)).toBeUndefined();
      expect(await store.orders.listOpen(10)).toEqual([]);
      expect((await store.orders.create(order)).result).toBe('created');
      await auditOk();
    });
  });

  describe('sessions, locks, counters and cache', () => {
    it('stores sessions with a TTL', async () => {
      await store.sessions.set('chat:1', { step: 'amount' }, 60_000);
      expect(await store.sessions.get('chat:1')).toEqual({ step: 'amount' });
      await store.sessions.set('chat:2', { step: 'x' }, 30);
      await waitFor(async () => ((await store.sessions.get('chat:2')) === undefined ? true : undefined));
      await store.sessions.delete('chat:1');
      expect(await store.sessions.get('chat:1')).toBeUndefined();
    });

    it('grants a lock to one holder at a time', async () => {
      const tokens = await Promise.all(
        Array.from({ length: 5 }, () => store.locks.acquire('chat:9', 60_000)),
      );
      const held = tokens.filter((t): t is string => t !== undefined);
      expect(held).toHaveLength(1);
      await store.locks.release('chat:9', 'not-the-token');
      expect(await store.locks.acquire('chat:9', 60_000)).toBeUndefined();
      await store.locks.release('chat:9', held[0] ?? '');
      expect(await store.locks.acquire('chat:9', 60_000)).toBeDefined();
    });

    it('renews a lock only for its holder', async () => {
      const token = (await store.locks.acquire('chat:11', 100)) ?? '';
      expect(await store.locks.renew('chat:11', 'not-the-token', 60_000)).toBe(false);
      expect(await store.locks.renew('chat:11', token, 60_000)).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 150));
      // Renewed past its first TTL: still held.
      expect(await store.locks.acquire('chat:11', 60_000)).toBeUndefined();
    });

    it('expires a lock whose holder vanished', async () => {
      await store.locks.acquire('chat:10', 30);
      await waitFor(async () =>
        (await store.locks.acquire('chat:10', 60_000)) === undefined ? undefined : true,
      );
    });

    it('counts hits in a window shared by every caller, then starts again', async () => {
      const hits = await Promise.all(Array.from({ length: 10 }, () => store.counters.hit('flood:1', 200)));
      expect([...hits].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(await store.counters.hit('flood:2', 200)).toBe(1);
      await waitFor(async () => ((await store.counters.hit('flood:1', 200)) === 1 ? true : undefined));
      expect(await store.counters.hit('flood:1', 200)).toBe(2);
    });

    it('keeps a window for its whole length, however often it is hit', async () => {
      const started = Date.now();
      expect(await store.counters.hit('alert:once', 60_000)).toBe(1);
      for (let i = 2; i <= 5; i++) expect(await store.counters.hit('alert:once', 1)).toBe(i);
      expect(Date.now() - started).toBeLessThan(60_000);
    });

    it('caches JSON values with a TTL', async () => {
      await store.cache.set('catalog', { products: ['D'] }, 60_000);
      expect(await store.cache.get('catalog')).toEqual({ products: ['D'] });
      expect(await store.cache.get('nothing')).toBeUndefined();
    });

    it('shares one frozen parsed value between readers, and sees its own writes at once', async () => {
      const recheck = { recheckMs: 60_000 };
      expect(await store.cache.getShared('shared', recheck)).toBeUndefined();
      await store.cache.set('shared', { products: [{ code: 'D' }] }, 60_000);
      const first = await store.cache.getShared<{ products: Array<{ code: string }> }>('shared', recheck);
      expect(first).toEqual({ products: [{ code: 'D' }] });
      expect(await store.cache.getShared('shared', recheck)).toBe(first);
      expect(Object.isFrozen(first?.products[0])).toBe(true);
      await store.cache.set('shared', { products: [{ code: 'M' }] }, 60_000);
      expect(await store.cache.getShared('shared', recheck)).toEqual({ products: [{ code: 'M' }] });
      // `get` still reads afresh, and storing undefined removes the value for both.
      expect(await store.cache.get('shared')).toEqual({ products: [{ code: 'M' }] });
      await store.cache.set('shared', undefined, 60_000);
      expect(await store.cache.getShared('shared', recheck)).toBeUndefined();
      expect(await store.cache.get('shared')).toBeUndefined();
    });

    it('never holds a shared value past its TTL, however long the recheck', async () => {
      await store.cache.set('short', { products: [] }, 50);
      expect(await store.cache.getShared('short', { recheckMs: 60_000 })).toEqual({ products: [] });
      await waitFor(async () =>
        (await store.cache.getShared('short', { recheckMs: 60_000 })) === undefined ? true : undefined,
      );
    });
  });

  describe('pricing rules', () => {
    const fivePercent: PricingRules = {
      currency: 'MYR',
      margin: { default: { percentBp: 500, roundToMinor: 10 }, products: {}, groups: {}, categories: {} },
      fee: { products: {}, groups: { Utility: { fixedMinor: 100 } }, categories: {} },
    };
    const withProduct = (percentBp: number): PricingRules => ({
      ...fivePercent,
      margin: { ...fivePercent.margin, products: { D: { percentBp } } },
    });

    it('reads no rules at version 0 before anything is written', async () => {
      expect(await store.pricing.get()).toEqual({ rules: NO_PRICING_RULES, version: 0 });
    });

    it('keeps what was written, bumping the version each time', async () => {
      expect(await store.pricing.set(fivePercent, 0)).toEqual({ status: 'written', version: 1 });
      expect(await store.pricing.get()).toEqual({ rules: fivePercent, version: 1 });
      expect(await store.pricing.set(withProduct(300))).toEqual({ status: 'written', version: 2 });
      expect(await store.pricing.get()).toEqual({ rules: withProduct(300), version: 2 });
    });

    it('lets one of two admins editing the same version win; the other is told it is stale', async () => {
      await store.pricing.set(fivePercent, 0);
      const outcomes = await Promise.all([
        store.pricing.set(withProduct(300), 1),
        store.pricing.set(withProduct(700), 1),
      ]);
      expect(outcomes.map((o) => o.status).sort()).toEqual(['stale', 'written']);
      expect(outcomes.every((o) => o.version === 2)).toBe(true);
      const winner = outcomes[0]?.status === 'written' ? withProduct(300) : withProduct(700);
      expect(await store.pricing.get()).toEqual({ rules: winner, version: 2 });
      // The loser re-reads and re-applies on the version it now sees.
      expect(await store.pricing.set(withProduct(900), 2)).toEqual({ status: 'written', version: 3 });
      expect(await store.pricing.set(fivePercent, 0)).toEqual({ status: 'stale', version: 3 });
    });

    it('refuses to store invalid rules, and stores nothing', async () => {
      const negative = { ...fivePercent, margin: { ...fivePercent.margin, default: { percentBp: -500 } } };
      await expect(store.pricing.set(negative, 0)).rejects.toBeInstanceOf(PricingRulesError);
      expect((await store.pricing.get()).version).toBe(0);
    });

    it('fails closed on a corrupt record: reading throws, a conditional write refuses', async () => {
      for (const text of ['not json', '{"version":1,"rules":{"margin":{"default":{"percentBp":-1}}}}']) {
        await store.corruptPricing(text);
        const error = await store.pricing.get().catch((e: unknown) => e);
        expect(error).toBeInstanceOf(PricingRulesError);
        expect((error as Error).message).toMatch(/corrupt/);
      }
      await store.corruptPricing('not json');
      await expect(store.pricing.set(fivePercent, 0)).rejects.toBeInstanceOf(PricingRulesError);
      // An unconditional write is how an owner replaces it.
      expect(await store.pricing.set(fivePercent)).toEqual({ status: 'written', version: 1 });
      expect(await store.pricing.get()).toEqual({ rules: fivePercent, version: 1 });
    });
  });
});

/*
 * Records nobody's code wrote (a hand edit, a half-restored backup), put straight under the store's
 * own key on a real Redis, next to a good order in every index.
 */
describe('redis order store, with a record it cannot read', () => {
  let keys: Keys;
  let orders: OrderStore;
  let logged: string[];
  beforeEach(() => {
    keys = createKeys(`test:${randomUUID()}:`);
    const capture = capturingLogger();
    logged = capture.lines;
    orders = createRedisOrderStore(redis, keys, { logger: capture.logger });
  });

  /** A good order and a bad one, both created normally; then the bad one's record is replaced. */
  async function goodAndCorrupt(corrupt: string) {
    const now = Date.now();
    const good = sampleOrder({ createdAt: now - 20 });
    const bad = sampleOrder({ createdAt: now - 10 });
    await orders.create(good);
    await orders.create(bad);
    await redis.set(keys.order(bad.refid), corrupt);
    return { now, good, bad };
  }

  const withPin = JSON.stringify(orderWithPin());
  const truncated = withPin.slice(0, -10);
  it.each([
    ['bad JSON', truncated],
    ['JSON that is not an order', JSON.stringify({ ...JSON.parse(withPin), version: 'two', history: null })],
    ['an order stored under another refid', withPin],
  ])('reports %s by refid only, and never uses it', async (_kind, corrupt) => {
    const { now, good, bad } = await goodAndCorrupt(corrupt);

    expect(await orders.get(bad.refid)).toBeUndefined();
    expect((await orders.listOpen(10)).map((o) => o.refid)).toEqual([good.refid]);
    expect((await orders.listByUser(bad.userId, 10)).map((o) => o.refid)).toEqual([good.refid]);
    expect((await orders.listCreatedSince(0, 10)).map((o) => o.refid)).toEqual([good.refid]);
    expect(await orders.claimDue(now, 10, 60_000, 'a')).toEqual([good.refid]);
    expect(await orders.claimDue(now + 1_000, 10, 60_000, 'b')).toEqual([]);

    // Left as it was, in every index, for someone to repair.
    expect(await redis.get(keys.order(bad.refid))).toBe(corrupt);
    expect(await redis.zscore(keys.openOrders, bad.refid)).not.toBeNull();
    expect(await redis.zscore(keys.dueOrders, bad.refid)).not.toBeNull();
    expect(logged.length).toBeGreaterThan(0);
    for (const line of logged) {
      expect(JSON.parse(line)).toMatchObject({ level: 'error', refid: bad.refid });
      expect(line).not.toContain(PIN);
    }
  });

  it('refuses a compare-and-set over a record that is not JSON, leaving it as it was', async () => {
    const { bad } = await goodAndCorrupt(truncated);
    expect(await orders.compareAndSet({ ...bad, version: 2 }, 1, 'keep')).toBe('stale');
    expect(await redis.get(keys.order(bad.refid))).toBe(truncated);
  });

  it('hands a repaired order out again once the lease the claim set has run out', async () => {
    const { now, good, bad } = await goodAndCorrupt(truncated);
    expect(await orders.claimDue(now, 10, 1_000, 'a')).toEqual([good.refid]);
    await redis.set(keys.order(bad.refid), JSON.stringify(bad));
    const claimed = await orders.claimDue(now + 1_001, 10, 1_000, 'b');
    expect(claimed.sort()).toEqual([bad.refid, good.refid].sort());
  });
});
