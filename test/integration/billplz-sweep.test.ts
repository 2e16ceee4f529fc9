import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type BillplzSandbox, startBillplzSandbox } from '../../sandbox/billplz/index.js';
import { money } from '../../src/payments/money.js';
import { createLogger } from '../../src/platform/logger.js';
import { createKeys } from '../../src/store/keys.js';
import { createRedisTopupStore } from '../../src/store/redis/topup-store.js';
import { createRedisWalletStore } from '../../src/store/redis/wallet-store.js';
import { type BillplzTopups, createBillplzTopups } from '../../src/wallet/billplz-topups.js';
import { type BillplzClient, createBillplzClient } from '../../src/wallet/gateways/billplz/client.js';
import type { TopupStore } from '../../src/wallet/topups.js';

/*
 * The Billplz re-read schedule over a fake clock: the real service on real Redis, its real client
 * over loopback HTTP to the Billplz sandbox, which counts every call. The sweep runs as the app runs
 * it (a batch of 20, soonest due first, every 15 s), only the clock is moved by hand. What is checked:
 * bills Billplz will not let us end never starve the others, and are retried further and further apart.
 */

const KEY = 'billplz-sweep-key';
const X_KEY = 'S-sweep-x-signature-key';
const COLLECTION = 'sweepcol';
const RECHECK_MS = 60_000;
const LIFETIME_MS = 60 * 60_000;
const SWEEP_EVERY_MS = 15_000;
const LATE_RECHECK_MS = 6 * 3_600_000;
const T0 = Date.UTC(2026, 0, 5, 2, 0, 0);

const redis = new Redis(inject('redisUrl'));
let billplz: BillplzSandbox;

beforeAll(async () => {
  billplz = await startBillplzSandbox({ apiKey: KEY, xSignatureKey: X_KEY, collections: [COLLECTION] });
});
afterAll(async () => {
  await billplz.close();
  await redis.quit();
});

interface Call {
  at: number;
  method: string;
  billId: string;
  status: number;
}

interface World {
  clock: { now: number; nowMs(): number };
  service: BillplzTopups;
  topups: TopupStore;
  logs: string[];
  /** Every sandbox call made by this world's sweeps, stamped with the fake time of its sweep. */
  calls: Call[];
  start(userId: number): Promise<{ topupId: string; billId: string }>;
  /** Moves the clock on by `stepMs` and runs one sweep, as the app's timer would. */
  sweep(stepMs?: number): Promise<void>;
  balance(userId: number): Promise<number>;
  entries(userId: number): Promise<number>;
}

function newWorld(wrapClient: (client: BillplzClient) => BillplzClient = (c) => c): World {
  const keys = createKeys(`billplz-sweep:${randomUUID()}:`);
  const topups = createRedisTopupStore(redis, keys, 'MYR');
  const wallets = createRedisWalletStore(redis, keys, 'MYR');
  const clock = { now: T0, nowMs: () => clock.now };
  const logs: string[] = [];
  const calls: Call[] = [];
  const service = createBillplzTopups({
    client: wrapClient(createBillplzClient({ baseUrl: billplz.url, apiKey: KEY })),
    topups,
    clock,
    logger: createLogger({ level: 'debug', secrets: [KEY, X_KEY], write: (l) => logs.push(l) }),
    newId: () => `sweep${randomUUID().slice(0, 12)}`,
    collectionId: COLLECTION,
    xSignatureKey: X_KEY,
    email: 'shop@example.com',
    // No receiver: the callbacks of these bills are lost, which is why the schedule exists.
    callbackUrl: 'http://127.0.0.1:9/callbacks/billplz',
    billLifetimeMs: LIFETIME_MS,
    recheckMs: RECHECK_MS,
    lateRecheckMs: LATE_RECHECK_MS,
  });
  return {
    clock,
    service,
    topups,
    logs,
    calls,
    async start(userId) {
      const started = await service.start({ userId, chatId: userId, amount: money(2000, 'MYR') });
      if (!started.ok || !started.topup.payerId) throw new Error('no bill');
      return { topupId: started.topup.id, billId: started.topup.payerId };
    },
    async sweep(stepMs = SWEEP_EVERY_MS) {
      clock.now += stepMs;
      const before = billplz.calls().length;
      await service.sweep();
      for (const call of billplz.calls().slice(before)) {
        const billId = /^\/api\/v3\/bills\/([^/]+)$/.exec(call.path)?.[1] ?? '';
        calls.push({ at: clock.now, method: call.method, billId, status: call.status });
      }
    },
    balance: async (userId) => (await wallets.balance(userId)).minor,
    entries: async (userId) => (await wallets.entries(userId, { offset: 0, limit: 10 })).total,
  };
}

const callsOf = (world: World, billId: string, method: string) =>
  world.calls.filter((c) => c.billId === billId && c.method === method);

const gapsOf = (times: number[]) => times.slice(1).map((t, i) => t - (times[i] ?? 0));

/** The warn lines that name a bill: one per backoff step. */
const warnsFor = (world: World, billId: string) =>
  world.logs.filter((l) => l.includes('"level":"warn"') && l.includes(`"billId":"${billId}"`));

/** Sweeps until `done` holds (at most `max` times); answers how many sweeps it took, or undefined. */
async function sweepUntil(world: World, max: number, done: () => Promise<boolean>) {
  for (let i = 1; i <= max; i++) {
    await world.sweep();
    if (await done()) return i;
  }
  return undefined;
}

/** 25 bills opened first (so they are due first) and a paid one opened a second later. */
async function stuckAndPaid(world: World) {
  const stuck = [];
  for (let i = 0; i < 25; i++) stuck.push(await world.start(7_000 + i));
  world.clock.now += 1_000;
  const paid = await world.start(8_000);
  // Paid at Billplz; its callback is lost.
  await billplz.pay(paid.billId, { callbacks: 0 });
  return { stuck, paid };
}

/** A signed callback for the bill as the sandbox would post it, handed straight to the service. */
const callbackFor = (world: World, billId: string) => {
  const bill = billplz.bill(billId);
  if (!bill) throw new Error(`no bill ${billId}`);
  return world.service.onCallback([...new URLSearchParams(billplz.callbackBody(bill))]);
};

describe('the Billplz re-read schedule', () => {
  it('25 expired bills whose DELETE is refused never starve a paid one, and are retried ever further apart', async () => {
    const world = newWorld();
    const { stuck, paid } = await stuckAndPaid(world);
    for (const bill of stuck) billplz.refuseDelete(bill.billId, 422);
    // Every bill is past its lifetime: the sweep tries to delete them, soonest due first.
    world.clock.now = T0 + LIFETIME_MS + 1_000;

    const creditedAfter = await sweepUntil(world, 10, async () => (await world.balance(8_000)) === 2000);
    // The first sweep's batch of 20 is all stuck bills; they move back, so the second reaches it.
    expect(creditedAfter).toBeLessThanOrEqual(2);
    // An hour of sweeps every 15 s.
    for (let i = 0; i < 240; i++) await world.sweep();

    for (const bill of stuck) {
      const deletes = callsOf(world, bill.billId, 'DELETE');
      expect(deletes.every((c) => c.status === 422)).toBe(true);
      // Without a backoff each would be tried on every sweep: 240 times in the hour.
      expect(deletes.length).toBeGreaterThanOrEqual(4);
      expect(deletes.length).toBeLessThanOrEqual(7);
      const gaps = gapsOf(deletes.map((c) => c.at));
      expect(gaps[0]).toBeGreaterThanOrEqual(RECHECK_MS);
      for (let i = 1; i < gaps.length; i++) expect(gaps[i]).toBeGreaterThan(gaps[i - 1] ?? 0);
      expect(warnsFor(world, bill.billId)).toHaveLength(deletes.length);
      expect((await world.topups.get(bill.topupId))?.state).toBe('awaiting_payment');
    }
    expect(world.logs.join('\n')).not.toContain(KEY);

    // Credited once: the late callback and the read-back it triggers find it done.
    expect(await callbackFor(world, paid.billId)).toEqual({ status: 200, body: { status: 'already' } });
    expect(await world.balance(8_000)).toBe(2000);
    expect(await world.entries(8_000)).toBe(1);
    expect((await world.topups.get(paid.topupId))?.state).toBe('credited');
  });

  it('bills deleted in the Billplz dashboard are read once and expired, with no DELETE; one paid anyway still credits once', async () => {
    const world = newWorld();
    const { stuck: deleted, paid } = await stuckAndPaid(world);
    for (const bill of deleted) billplz.deleteInDashboard(bill.billId);
    world.clock.now = T0 + LIFETIME_MS + 1_000;

    const creditedAfter = await sweepUntil(world, 10, async () => (await world.balance(8_000)) === 2000);
    expect(creditedAfter).toBeLessThanOrEqual(2);
    expect((await world.topups.get(paid.topupId))?.state).toBe('credited');
    for (let i = 0; i < 240; i++) await world.sweep();
    expect(await world.entries(8_000)).toBe(1);
    for (const bill of deleted) {
      // GET answers state `deleted` (spec §4): there is nothing to DELETE, and a DELETE would be 422.
      expect(callsOf(world, bill.billId, 'GET')).toHaveLength(1);
      expect(callsOf(world, bill.billId, 'DELETE')).toHaveLength(0);
      const topup = await world.topups.get(bill.topupId);
      expect(topup).toMatchObject({ state: 'expired', note: 'bill deleted at Billplz' });
    }

    // A deleted bill reappears when the customer pays it anyway (spec §4); the late re-read credits it.
    const late = deleted[0];
    if (!late) throw new Error('no bill');
    await billplz.pay(late.billId, { callbacks: 0 });
    await world.sweep(LATE_RECHECK_MS);
    // The 25 late re-reads fell due together and a sweep takes 20, in no set order: a second batch.
    await world.sweep(0);
    expect(await world.balance(7_000)).toBe(2000);
    expect(await callbackFor(world, late.billId)).toEqual({ status: 200, body: { status: 'already' } });
    await world.sweep(LATE_RECHECK_MS);
    expect(await world.entries(7_000)).toBe(1);
    expect(callsOf(world, late.billId, 'GET')).toHaveLength(2);
  });

  it('an expired bill whose GET is rate-limited (429) backs off instead of being read every minute', async () => {
    const world = newWorld();
    const bill = await world.start(7_100);
    billplz.injectFault({ kind: 'status', status: 429, path: `/api/v3/bills/${bill.billId}`, times: 10_000 });
    try {
      world.clock.now = T0 + LIFETIME_MS;
      for (let i = 0; i < 240; i++) await world.sweep();
      const gets = callsOf(world, bill.billId, 'GET');
      expect(gets.every((c) => c.status === 429)).toBe(true);
      // The old fixed retry (one a minute) would be 60 in the hour.
      expect(gets.length).toBeGreaterThanOrEqual(4);
      expect(gets.length).toBeLessThanOrEqual(7);
      const gaps = gapsOf(gets.map((c) => c.at));
      for (let i = 1; i < gaps.length; i++) expect(gaps[i]).toBeGreaterThan(gaps[i - 1] ?? 0);
      expect(warnsFor(world, bill.billId)).toHaveLength(gets.length);
    } finally {
      await fetch(`${billplz.origin}/__sandbox/faults`, { method: 'DELETE' });
    }
    // Billplz answers again: the next try deletes the bill and the top-up expires.
    for (let i = 0; i < 2 * 240 && callsOf(world, bill.billId, 'DELETE').length === 0; i++)
      await world.sweep();
    expect(callsOf(world, bill.billId, 'DELETE').map((c) => c.status)).toEqual([200]);
    expect((await world.topups.get(bill.topupId))?.state).toBe('expired');
  });

  it('a bill Billplz never lets us delete is given up after the late window, and leaves the schedule', async () => {
    const world = newWorld();
    const bill = await world.start(7_200);
    billplz.refuseDelete(bill.billId, 400);
    world.clock.now = T0 + LIFETIME_MS;
    // 55 hours in steps of 15 minutes: past the 48 h late window.
    for (let i = 0; i < 220; i++) await world.sweep(15 * 60_000);
    const deletes = callsOf(world, bill.billId, 'DELETE');
    expect(deletes.length).toBeGreaterThan(0);
    // Waits top out at the late re-read interval (6 h): about a dozen tries in 48 h, not 200.
    expect(deletes.length).toBeLessThanOrEqual(16);
    const topup = await world.topups.get(bill.topupId);
    expect(topup?.state).toBe('expired');
    expect(topup?.note).toContain('bill not deleted at Billplz');
    expect(await world.topups.listDue('billplz', world.clock.now + 365 * 86_400_000, 10)).toEqual([]);
    expect(world.logs.some((l) => l.includes('"level":"error"') && l.includes(bill.billId))).toBe(true);
    // Should the buyer pay it after all, the callback still credits it.
    await billplz.pay(bill.billId, { callbacks: 0 });
    expect(await callbackFor(world, bill.billId)).toEqual({ status: 200, body: { status: 'credited' } });
    expect(await world.balance(7_200)).toBe(2000);
  });

  it('a credited top-up left in the due set (a re-read racing the credit) leaves it without a call', async () => {
    const world = newWorld();
    const bill = await world.start(7_300);
    await billplz.pay(bill.billId, { callbacks: 0 });
    expect(await callbackFor(world, bill.billId)).toEqual({ status: 200, body: { status: 'credited' } });
    // A sweep that read the bill as due before the credit schedules it again after it.
    await world.topups.schedule(bill.topupId, 'billplz', world.clock.now);
    await world.sweep();
    expect(world.calls).toEqual([]);
    expect(await world.topups.listDue('billplz', world.clock.now + 365 * 86_400_000, 10)).toEqual([]);
    expect(await world.entries(7_300)).toBe(1);
  });

  it('a bill paid between the re-read and the DELETE (422: paid) is credited once', async () => {
    let payFirst: string | undefined;
    const world = newWorld((client) => ({
      ...client,
      async deleteBill(id) {
        // The buyer pays just as the sweep deletes the bill.
        if (id === payFirst) await billplz.pay(id, { callbacks: 0 });
        return client.deleteBill(id);
      },
    }));
    const bill = await world.start(7_400);
    payFirst = bill.billId;
    world.clock.now = T0 + LIFETIME_MS;
    await world.sweep();
    expect(callsOf(world, bill.billId, 'DELETE').map((c) => c.status)).toEqual([422]);
    expect(await world.balance(7_400)).toBe(2000);
    expect((await world.topups.get(bill.topupId))?.state).toBe('credited');
    await world.sweep(RECHECK_MS);
    expect(await callbackFor(world, bill.billId)).toEqual({ status: 200, body: { status: 'already' } });
    expect(await world.entries(7_400)).toBe(1);
  });
});
