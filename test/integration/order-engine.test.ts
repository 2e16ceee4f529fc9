import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { SANDBOX_FIXTURES as F, type IimmpactSandbox } from '../../sandbox/iimmpact/index.js';
import { createProviderCallbackHandler } from '../../src/http/provider-callback.js';
import type { CompareAndSetResult, OrderStore } from '../../src/payments/orders/ports.js';
import type { PaymentProvider } from '../../src/payments/provider.js';
import { createAddressList } from '../../src/platform/ip-list.js';
import { createLogger, silentLogger } from '../../src/platform/logger.js';
import { createKeys } from '../../src/store/keys.js';
import { createRedisOrderStore } from '../../src/store/redis/order-store.js';
import {
  engineHarness,
  FAST_SCHEDULE,
  iimmpactProviderFor,
  orderOf,
  redisOrderStore,
  reloadDraft,
} from '../support/engine.js';
import { startTestSandbox, waitFor } from '../support/iimmpact.js';
import { sampleOrder } from '../support/orders.js';

/*
 * The order engine on a real Redis, paying through the real IIMMPACT client against the sandbox.
 */

const redis = new Redis(inject('redisUrl'));
let sandbox: IimmpactSandbox;
let provider: PaymentProvider;
const harnesses: Array<ReturnType<typeof engineHarness>> = [];

function harness(options: Partial<Parameters<typeof engineHarness>[0]> = {}) {
  const h = engineHarness({ store: options.store ?? redisOrderStore(redis), provider, ...options });
  harnesses.push(h);
  return h;
}

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

const transactionsFor = (refid: string) => sandbox.transactions().filter((t) => t.refid === refid);

describe('confirming an order', () => {
  it('turns 50 concurrent confirmations of one quote into one transaction and one receipt', async () => {
    const h = harness();
    const draft = reloadDraft(F.prepaid.successAccount);
    const orders = await Promise.all(Array.from({ length: 50 }, () => h.engine.confirm(draft).then(orderOf)));
    await h.engine.idle();
    const refids = new Set(orders.map((o) => o.refid));
    expect(refids.size).toBe(1);
    const [refid = ''] = refids;
    expect(transactionsFor(refid)).toHaveLength(1);
    expect((await h.engine.get(refid))?.state).toBe('succeeded');
    expect(h.notifier.finalShows(refid)).toHaveLength(1);
  });

  it('makes one transaction when two replicas confirm the same quote', async () => {
    const store = redisOrderStore(redis);
    const a = harness({ store });
    const b = harness({ store });
    const draft = reloadDraft(F.prepaid.successAccount);
    const orders = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b).engine.confirm(draft).then(orderOf)),
    );
    await Promise.all([a.engine.idle(), b.engine.idle()]);
    const refid = orders[0]?.refid ?? '';
    expect(new Set(orders.map((o) => o.refid)).size).toBe(1);
    expect(transactionsFor(refid)).toHaveLength(1);
    expect(a.notifier.finalShows(refid).length + b.notifier.finalShows(refid).length).toBe(1);
  });

  it('records what the provider returned and the path it took', async () => {
    const h = harness();
    const order = await h.engine
      .confirm(
        reloadDraft('0123456789', {
          request: {
            product: F.giftCard.product,
            account: '0123456789',
            amount: { minor: 1000, currency: 'MYR' },
          },
        }),
      )
      .then(orderOf);
    await h.engine.idle();
    const stored = await h.engine.get(order.refid);
    expect(stored).toMatchObject({ state: 'succeeded', notifiedState: 'succeeded', attempts: 1 });
    expect(stored?.outcome?.pin).toBeTruthy();
    expect(stored?.outcome?.voucherLink).toMatch(/^https:/);
    expect(stored?.history.map((e) => e.state)).toEqual(['confirmed', 'submitted', 'succeeded']);
    expect(await h.engine.listByUser(7, 50)).toContainEqual(expect.objectContaining({ refid: order.refid }));
  });

  it('ends a failure code as failed with the provider’s reason, told once', async () => {
    const h = harness();
    const order = await h.engine.confirm(reloadDraft(F.testAccounts.outOfStock)).then(orderOf);
    await h.engine.idle();
    const stored = await h.engine.get(order.refid);
    expect(stored).toMatchObject({ state: 'failed' });
    expect(stored?.failure).toMatchObject({ code: 'product_unavailable', providerCode: '45' });
    expect(h.events.filter((e) => e.event === 'provider_error')).toEqual([]);
    expect(h.notifier.finalShows(order.refid)).toEqual([expect.objectContaining({ state: 'failed' })]);
  });

  it('ends an HTTP 400 as rejected, with no transaction', async () => {
    const h = harness();
    const draft = reloadDraft(F.prepaid.successAccount);
    const order = await h.engine
      .confirm({
        ...draft,
        request: { ...draft.request, amount: { minor: 700, currency: 'MYR' } },
      })
      .then(orderOf);
    await h.engine.idle();
    expect(await h.engine.get(order.refid)).toMatchObject({ state: 'rejected' });
    expect(transactionsFor(order.refid)).toEqual([]);
    // A refusal of one payment is the buyer's business, not provider trouble.
    expect(h.events.filter((e) => e.event === 'provider_error')).toEqual([]);
  });

  it('sends an HTTP 400 that follows an unanswered call to the admins instead of ending the order', async () => {
    const h = harness();
    const draft = reloadDraft(F.prepaid.successAccount);
    // The first call gets no answer (it may have made a transaction); the re-send is refused.
    sandbox.faults.inject({ kind: 'reset', path: '/v2/topup', times: 1 });
    const order = await h.engine
      .confirm({ ...draft, request: { ...draft.request, amount: { minor: 700, currency: 'MYR' } } })
      .then(orderOf);
    await h.engine.idle();
    expect(await h.engine.get(order.refid)).toMatchObject({ state: 'pending', mayExist: true });
    await h.engine.settle(order.refid);
    const after = await h.engine.get(order.refid);
    expect(after).toMatchObject({ state: 'needs_attention', failure: { code: expect.any(String) } });
    expect(h.events).toContainEqual({ event: 'needs_attention', refid: order.refid });
  });

  it('rejects without charging when the provider refuses our credentials, and alerts', async () => {
    const wrongKey = iimmpactProviderFor(sandbox, { apiKey: 'revoked-key' });
    const h = harness({ provider: wrongKey });
    const order = await h.engine.confirm(reloadDraft(F.prepaid.successAccount)).then(orderOf);
    await h.engine.idle();
    expect(await h.engine.get(order.refid)).toMatchObject({ state: 'rejected' });
    expect(h.events).toContainEqual({ event: 'provider_error', refid: order.refid });
    await wrongKey.close();
  });

  it('cancels, without sending, an order confirmed long ago and never sent', async () => {
    const store = redisOrderStore(redis);
    const h = harness({ store, unsentExpiryMs: 1_000 });
    const stale = sampleOrder({ createdAt: Date.now() - 60_000 });
    await store.create(stale);
    await h.engine.settle(stale.refid);
    expect(await h.engine.get(stale.refid)).toMatchObject({ state: 'cancelled', notifiedState: 'cancelled' });
    expect(transactionsFor(stale.refid)).toEqual([]);
  });
});

describe('pending orders and the re-query scheduler', () => {
  it('follows Accepted and Processing to the final status, editing the message as it goes', async () => {
    const slow = await startTestSandbox({ timing: { acceptedMs: 100, processingMs: 100 } });
    const slowProvider = iimmpactProviderFor(slow);
    try {
      const h = harness({ provider: slowProvider });
      h.scheduler.start();
      const order = await h.engine.confirm(reloadDraft(F.prepaid.successAccount)).then(orderOf);
      // About 200 ms alone. It failed once under the full suite's load; up to 15 s (waitFor's default
      // is 5) leaves room for a starved event loop.
      const final = await waitFor(
        async () => {
          const o = await h.engine.get(order.refid);
          return o?.notifiedState === 'succeeded' ? o : undefined;
        },
        { timeoutMs: 15_000 },
      );
      expect(final.attempts).toBeGreaterThan(1);
      expect(slow.transactions()).toHaveLength(1);
      const statuses = h.notifier.shown.filter((s) => s.refid === order.refid).map((s) => s.providerStatus);
      expect(statuses[0]).toBe('Accepted');
      expect(statuses.at(-1)).toBe('Succesful');
      expect(h.notifier.finalShows(order.refid)).toHaveLength(1);
    } finally {
      for (const h of harnesses.splice(0)) await h.scheduler.stop();
      await slowProvider.close();
      await slow.close();
    }
  });

  it.each([
    ['HTTP 500', { kind: 'status', status: 500 }],
    ['HTTP 503', { kind: 'status', status: 503 }],
    ['a reset after the transaction was created', { kind: 'reset-after-create' }],
    ['a malformed body', { kind: 'malformed-json' }],
    ['a 504 after the cap', { kind: 'gateway-timeout' }],
    ['a timeout', { kind: 'delay', ms: 2_500 }],
  ] as const)(
    'after %s, the order stays pending and is resolved by re-query with the same refid',
    async (_n, fault) => {
      const h = harness();
      sandbox.faults.inject({ ...fault, path: '/v2/topup' });
      const order = await h.engine.confirm(reloadDraft(F.prepaid.successAccount)).then(orderOf);
      await h.engine.idle();
      const afterFault = await h.engine.get(order.refid);
      expect(afterFault?.state).toBe('pending');
      expect(afterFault?.mayExist).toBe(true);
      // Trouble with the provider, not a refusal of this payment: the admins' alerts count it.
      expect(h.events).toContainEqual({ event: 'provider_error', refid: order.refid });

      h.scheduler.start();
      const final = await waitFor(async () => {
        const o = await h.engine.get(order.refid);
        return o?.notifiedState ? o : undefined;
      });
      expect(final.state).toBe('succeeded');
      expect(final.history.some((e) => e.state === 'failed')).toBe(false);
      expect(transactionsFor(order.refid)).toHaveLength(1);
      expect(h.notifier.finalShows(order.refid)).toHaveLength(1);
    },
  );

  it('flags an order unresolved past the deadline once, keeps checking, and finishes it', async () => {
    const h = harness({ attentionAfterMs: 150 });
    h.scheduler.start();
    const order = await h.engine.confirm(reloadDraft(F.testAccounts.hold)).then(orderOf);
    await waitFor(async () =>
      (await h.engine.get(order.refid))?.state === 'needs_attention' ? true : undefined,
    );
    expect(h.events.filter((e) => e.event === 'needs_attention' && e.refid === order.refid)).toHaveLength(1);
    sandbox.settle(order.refid, 20);
    const final = await waitFor(async () => {
      const o = await h.engine.get(order.refid);
      return o?.notifiedState ? o : undefined;
    });
    expect(final.state).toBe('succeeded');
    expect(h.events.filter((e) => e.event === 'needs_attention')).toHaveLength(1);
  });

  it('lets a worker whose lease ran out during a slow call step back: one result, told once', async () => {
    const store = redisOrderStore(redis);
    const a = engineHarness({ store, provider, leaseMs: 150 });
    const b = engineHarness({ store, provider, leaseMs: 150 });
    harnesses.push(a, b);
    const draft = reloadDraft(F.prepaid.successAccount);
    // Store the order without paying, then send two slow calls 250 ms apart.
    sandbox.faults.inject({ kind: 'delay', ms: 400, path: '/v2/topup', times: 2 });
    const order = await a.engine.confirm(draft).then(orderOf);
    await new Promise((resolve) => setTimeout(resolve, 250));
    await b.engine.settle(order.refid);
    await Promise.all([a.engine.idle(), b.engine.idle()]);
    const final = await store.get(order.refid);
    expect(final?.state).toBe('succeeded');
    expect(transactionsFor(order.refid)).toHaveLength(1);
    const finalized = [...a.events, ...b.events].filter((e) => e.event === 'finalized');
    expect(finalized).toHaveLength(1);
    expect(a.notifier.finalShows(order.refid).length + b.notifier.finalShows(order.refid).length).toBe(1);
  });

  it('keeps its lease through a payment call three leases long, so no other worker sends it again', async () => {
    const store = redisOrderStore(redis);
    const a = engineHarness({ store, provider, leaseMs: 150 });
    const b = engineHarness({ store, provider, leaseMs: 150 });
    harnesses.push(a, b);
    sandbox.faults.inject({ kind: 'delay', ms: 450, path: '/v2/topup', times: 1 });
    const before = sandbox.requestCount('/v2/topup');
    const order = await a.engine.confirm(reloadDraft(F.prepaid.successAccount)).then(orderOf);
    // b tries again and again while a's call is in flight; a's renewed lease keeps it out.
    const deadline = Date.now() + 400;
    while (Date.now() < deadline) {
      await b.engine.settle(order.refid);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await a.engine.idle();
    expect(sandbox.requestCount('/v2/topup') - before).toBe(1);
    expect((await store.get(order.refid))?.state).toBe('succeeded');
  });

  it('a callback nudge for later brings a backed-off order forward to then, and sends nothing now', async () => {
    const store = redisOrderStore(redis);
    const h = harness({ store });
    const order = await h.engine.confirm(reloadDraft(F.testAccounts.hold)).then(orderOf);
    await h.engine.idle();
    const pending = await store.get(order.refid);
    if (!pending) throw new Error('order missing');
    // In backoff: next re-query in ten minutes.
    const now = Date.now();
    expect(
      await store.compareAndSet({ ...pending, version: pending.version + 1 }, pending.version, now + 600_000),
    ).toBe('written');
    const before = sandbox.requestCount('/v2/topup');
    expect(await h.engine.nudge(order.refid, { notBeforeMs: now + 5_000 })).toBe('known');
    await h.engine.idle();
    expect(sandbox.requestCount('/v2/topup')).toBe(before);
    expect(await store.claimDue(now + 4_000, 10, 1_000, 'early')).toEqual([]);
    expect(await store.claimDue(now + 5_001, 10, 1_000, 'then')).toEqual([order.refid]);
  });

  it('waits out a Retry-After on a payment answer before re-querying (up to the longest delay), and keeps the order pending', async () => {
    const store = redisOrderStore(redis);
    // Fast re-queries, but a longest delay of two minutes.
    const h = harness({ store, schedule: { ...FAST_SCHEDULE, maxMs: 120_000 } });
    const pay = async (retryAfterSeconds: number) => {
      sandbox.faults.inject({ kind: 'status', status: 429, retryAfterSeconds, path: '/v2/topup', times: 1 });
      const now = Date.now();
      const order = await h.engine.confirm(reloadDraft(F.prepaid.successAccount)).then(orderOf);
      await h.engine.idle();
      return { now, refid: order.refid, after: await store.get(order.refid) };
    };
    // A minute (more than the client waits out by itself): the outcome is unknown, so the order
    // stays pending, and it is not due before the minute is up (else within 40 ms).
    const minute = await pay(60);
    expect(minute.after?.state).toBe('pending');
    expect(minute.after?.retryAfterUntil).toBeGreaterThanOrEqual(minute.now + 59_000);
    expect(await store.claimDue(minute.now + 58_000, 10, 1_000, 'early')).toEqual([]);
    expect(await store.claimDue(minute.now + 61_000, 10, 1_000, 'then')).toEqual([minute.refid]);
    // A day is waited out only up to the schedule's longest delay.
    const day = await pay(86_400);
    expect(day.after?.retryAfterUntil).toBeLessThanOrEqual(Date.now() + 120_000);
    expect(await store.claimDue(day.now + 121_000, 10, 1_000, 'capped')).toContain(day.refid);
    // The next readable answer clears it (asked at once, as an admin's /order would).
    const again = await pay(60);
    await h.engine.settle(again.refid);
    const answered = await store.get(again.refid);
    expect(answered?.attempts).toBe(2);
    expect(answered?.state).toBe('succeeded');
    expect(answered?.retryAfterUntil).toBeUndefined();
  });

  it('keeps an undocumented status code pending', async () => {
    const h = harness();
    const order = await h.engine.confirm(reloadDraft(F.testAccounts.unknownStatus)).then(orderOf);
    await h.engine.idle();
    expect(await h.engine.get(order.refid)).toMatchObject({ state: 'pending' });
  });

  it('never lets two schedulers on one Redis re-query the same order at once', async () => {
    const store = redisOrderStore(redis);
    const inFlight = new Map<string, number>();
    let maxConcurrentPerOrder = 0;
    let calls = 0;
    const spying: PaymentProvider = {
      ...provider,
      pay: async (request) => {
        calls += 1;
        const now = (inFlight.get(request.refid) ?? 0) + 1;
        inFlight.set(request.refid, now);
        maxConcurrentPerOrder = Math.max(maxConcurrentPerOrder, now);
        try {
          return await provider.pay(request);
        } finally {
          inFlight.set(request.refid, (inFlight.get(request.refid) ?? 1) - 1);
        }
      },
    };
    const a = harness({ store, provider: spying });
    const b = harness({ store, provider: spying });
    const orders = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 ? a : b).engine.confirm(reloadDraft(F.testAccounts.hold)).then(orderOf),
      ),
    );
    await Promise.all([a.engine.idle(), b.engine.idle()]);
    sandbox.faults.inject({ kind: 'delay', ms: 15, path: '/v2/topup', times: 1_000 });
    a.scheduler.start();
    b.scheduler.start();
    await waitFor(() => (calls >= 60 ? true : undefined), { timeoutMs: 10_000 });
    await Promise.all([a.scheduler.stop(), b.scheduler.stop()]);
    expect(maxConcurrentPerOrder).toBe(1);
    for (const order of orders) expect(transactionsFor(order.refid)).toHaveLength(1);
  });
});

/** The store, with the calls the engine makes recorded (compare-and-sets with what they answered). */
function recordingStore(inner: OrderStore) {
  const calls: string[] = [];
  const store: OrderStore = {
    ...inner,
    get: (refid) => {
      calls.push('get');
      return inner.get(refid);
    },
    tryLease: (...args) => {
      calls.push('tryLease');
      return inner.tryLease(...args);
    },
    compareAndSet: async (...args) => {
      const result = await inner.compareAndSet(...args);
      calls.push(`compareAndSet:${result}`);
      return result;
    },
  };
  return { store, calls };
}

describe('what the engine does with each compare-and-set result', () => {
  it('stale: re-reads and decides again, so a concurrent harmless write is kept', async () => {
    const inner = redisOrderStore(redis);
    const results: CompareAndSetResult[] = [];
    let interfered = false;
    const store: OrderStore = {
      ...inner,
      compareAndSet: async (next, expectedVersion, schedule, leaseToken) => {
        if (!interfered) {
          // The status message is attached between the engine's read and its first write.
          interfered = true;
          const current = await inner.get(next.refid);
          if (current) {
            const attached = { ...current, statusMessage: { chatId: 7, messageId: 99 } };
            await inner.compareAndSet({ ...attached, version: current.version + 1 }, current.version, 'keep');
          }
        }
        const result = await inner.compareAndSet(next, expectedVersion, schedule, leaseToken);
        results.push(result);
        return result;
      },
    };
    const h = harness({ store });
    const order = await h.engine.confirm(reloadDraft(F.prepaid.successAccount)).then(orderOf);
    await h.engine.idle();
    expect(results.slice(0, 2)).toEqual(['stale', 'written']);
    expect(await store.get(order.refid)).toMatchObject({
      state: 'succeeded',
      notifiedState: 'succeeded',
      statusMessage: { chatId: 7, messageId: 99 },
    });
    expect(transactionsFor(order.refid)).toHaveLength(1);
  });

  it('lease-lost: steps back at once, with no payment and no further round trip', async () => {
    const { store, calls } = recordingStore(redisOrderStore(redis));
    const h = harness({ store });
    const order = sampleOrder();
    await store.create(order);
    expect(await store.tryLease(order.refid, 'the-new-holder', Date.now(), 60_000)).toBe(true);
    calls.length = 0;
    await h.engine.settleLeased(order.refid, 'a-token-that-ran-out');
    // Nothing after the refused write: no lease check, no re-read, no retry.
    expect(calls.at(-1)).toBe('compareAndSet:lease-lost');
    expect(calls.filter((call) => call !== 'get')).toEqual(['compareAndSet:lease-lost']);
    expect(await store.get(order.refid)).toEqual(order);
    expect(transactionsFor(order.refid)).toEqual([]);
  });

  it('missing: an update for an order that is not there gives up without retrying', async () => {
    const { store, calls } = recordingStore(redisOrderStore(redis));
    const h = harness({ store });
    await h.engine.attachStatusMessage('no-such-order', { chatId: 7, messageId: 1 });
    expect(calls).toEqual(['get']);
    expect(await h.engine.settle('no-such-order')).toBeUndefined();
  });
});

describe('an order record that cannot be read', () => {
  it('is never paid, is unknown to callbacks, is reported, and the scheduler does not spin on it', async () => {
    const keys = createKeys(`test:${randomUUID()}:`);
    const lines: string[] = [];
    const logger = createLogger({ level: 'debug', write: (line) => lines.push(line) });
    const inner = createRedisOrderStore(redis, keys, { logger });
    let claimCalls = 0;
    const store: OrderStore = {
      ...inner,
      claimDue: (...args) => {
        claimCalls += 1;
        return inner.claimDue(...args);
      },
    };
    let payCalls = 0;
    const counting: PaymentProvider = {
      ...provider,
      pay: (request) => {
        payCalls += 1;
        return provider.pay(request);
      },
    };
    const h = harness({ store, provider: counting });
    const order = sampleOrder();
    await store.create(order);
    const corrupt = JSON.stringify({ ...order, state: 'paid', history: 'lost' });
    await redis.set(keys.order(order.refid), corrupt);

    expect(await h.engine.settle(order.refid)).toBeUndefined();
    expect(await h.engine.nudge(order.refid)).toBe('unknown');
    const reportsBefore = lines.length;
    expect(reportsBefore).toBeGreaterThan(0);

    h.scheduler.start();
    // Many polls later, it was claimed and reported once, then left for the length of the lease.
    await waitFor(() => (claimCalls >= 20 ? true : undefined));
    await h.scheduler.stop();
    expect(lines.length - reportsBefore).toBe(1);
    expect(payCalls).toBe(0);
    expect(await redis.get(keys.order(order.refid))).toBe(corrupt);
    for (const line of lines) {
      expect(JSON.parse(line)).toMatchObject({
        level: 'error',
        msg: 'unreadable order record left alone',
        refid: order.refid,
      });
    }
  });
});

describe('provider callbacks', () => {
  let callbackUrl: string;
  let h: ReturnType<typeof engineHarness>;
  const servers: Server[] = [];

  /** Serves the callback route on loopback and returns its URL. */
  async function serveCallbacks(allowedAddresses: string[] = []): Promise<string> {
    const handler = createProviderCallbackHandler({
      provider,
      engine: h.engine,
      logger: silentLogger,
      allowedAddresses: createAddressList(allowedAddresses),
    });
    const server = createServer((req, res) => void handler(req, res));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/callbacks/iimmpact`;
  }

  beforeAll(async () => {
    h = engineHarness({ store: redisOrderStore(redis), provider });
    callbackUrl = await serveCallbacks();
  });
  afterAll(async () => {
    await h.engine.idle();
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  });

  it.each(['POST', 'GET'] as const)(
    'a %s callback triggers a re-query that finishes the order',
    async (method) => {
      sandbox.setCallback(callbackUrl, method);
      const order = await h.engine.confirm(reloadDraft(F.testAccounts.hold)).then(orderOf);
      await h.engine.idle();
      expect((await h.engine.get(order.refid))?.state).toBe('pending');
      sandbox.settle(order.refid, 20);
      const final = await waitFor(async () => {
        const o = await h.engine.get(order.refid);
        return o?.notifiedState ? o : undefined;
      });
      expect(final.state).toBe('succeeded');
      expect(h.notifier.finalShows(order.refid)).toHaveLength(1);
    },
  );

  it('answers but ignores a callback for an unknown refid, and refuses garbage', async () => {
    const unknown = await fetch(`${callbackUrl}?refid=nobody&status=20`);
    expect(unknown.status).toBe(200);
    expect(await unknown.json()).toEqual({ status: 'ignored' });
    const garbage = await fetch(callbackUrl, { method: 'POST', body: 'not json' });
    expect(garbage.status).toBe(400);
  });

  it('never believes the status a callback claims', async () => {
    const order = await h.engine.confirm(reloadDraft(F.testAccounts.hold)).then(orderOf);
    await h.engine.idle();
    const forged = await fetch(callbackUrl, {
      method: 'POST',
      body: JSON.stringify({
        data: { refid: order.refid, statusCode: 20, status: 'Succesful', pin: 'FAKE' },
      }),
    });
    expect(forged.status).toBe(200);
    await h.engine.idle();
    expect((await h.engine.get(order.refid))?.state).toBe('pending');
  });

  it('refuses callbacks from addresses outside the allowlist', async () => {
    const guarded = await serveCallbacks(['203.0.113.9']);
    expect((await fetch(`${guarded}?refid=x&status=20`)).status).toBe(403);
    const local = await serveCallbacks(['127.0.0.1']);
    expect((await fetch(`${local}?refid=x&status=20`)).status).toBe(200);
  });
});
