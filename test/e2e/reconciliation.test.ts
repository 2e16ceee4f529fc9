import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { IimmpactSandbox } from '../../sandbox/iimmpact/index.js';
import { parseCsv } from '../../src/bot/admin/csv.js';
import { money } from '../../src/payments/money.js';
import type { Order } from '../../src/payments/orders/order.js';
import type { PaymentProvider } from '../../src/payments/provider.js';
import type { ReconciliationReport } from '../../src/payments/reconciliation/compare.js';
import { createDailyReconcile, createReconciler } from '../../src/payments/reconciliation/reconciler.js';
import { shopDayOf, shopDayRange } from '../../src/payments/reconciliation/shop-day.js';
import { silentLogger } from '../../src/platform/logger.js';
import { type BotWorld, startBotWorld } from '../support/bot-e2e.js';
import { iimmpactProviderFor } from '../support/engine.js';
import { startTestSandbox, TEST_API_KEY, TEST_HMAC_SECRET, testRefid, waitFor } from '../support/iimmpact.js';
import { sampleOrder } from '../support/orders.js';

/*
 * Reconciliation, exports and Report Issue through the real bot: admin commands and button presses
 * as Telegram updates over the webhook, the IIMMPACT sandbox as the provider's books, a real Redis.
 */

const ADMIN = 9_100;
let sandbox: IimmpactSandbox;
let provider: PaymentProvider;
let world: BotWorld;
let nextBuyer = 5_000;
const today = () => shopDayOf(Date.now(), 8 * 60);

beforeAll(async () => {
  sandbox = await startTestSandbox();
  provider = iimmpactProviderFor(sandbox);
  world = await startBotWorld({
    redisUrl: inject('redisUrl'),
    provider,
    adminIds: [ADMIN],
    secrets: [TEST_API_KEY, TEST_HMAC_SECRET],
  });
});
afterAll(async () => {
  await world.close();
  await provider.close();
  await sandbox.close();
});

/** A buyer with RM 100.00 in the wallet who buys RM 10.00 of Digi for RM 10.50; waits for the receipt. */
async function paidOrder(): Promise<{ buyer: number; order: Order }> {
  const buyer = nextBuyer++;
  await world.app.wallets.apply({
    id: `topup:${buyer}`,
    userId: buyer,
    kind: 'topup',
    amount: 10_000,
    reference: `t-${buyer}`,
    at: Date.now(),
  });
  const confirmed = await world.engine.confirm({
    quoteId: `q-${buyer}-${Date.now()}`,
    userId: buyer,
    chatId: buyer,
    locale: 'en',
    request: { product: 'D', account: '60123456780', amount: money(1000, 'MYR') },
    display: {
      productName: 'Digi Prepaid',
      accountLabel: 'Mobile number',
      account: '60123456780',
      amount: money(1000, 'MYR'),
    },
    charge: { price: money(1050, 'MYR') },
  });
  if (confirmed.result === 'insufficient') throw new Error('wallet short');
  const refid = confirmed.order.refid;
  const order = await waitFor(async () => {
    const o = await world.store.get(refid);
    return o?.state === 'succeeded' && o.notifiedState === 'succeeded' ? o : undefined;
  });
  return { buyer, order };
}

const balance = async (userId: number) => (await world.app.wallets.balance(userId)).minor;
const ledgerIds = async (userId: number) =>
  (await world.app.wallets.entries(userId, { offset: 0, limit: 100 })).entries.map((e) => e.id).sort();

describe('/reconcile', () => {
  it('returns a late refund once, tells the buyer, and reports a transaction the shop never recorded', async () => {
    const { buyer, order } = await paidOrder();
    expect(await balance(buyer)).toBe(10_000 - 1050);
    sandbox.refundAfterSuccess(order.refid);
    const lost = testRefid('lost');
    sandbox.hold({ refid: lost, product: 'D', account: '60177778888', amountSen: 500 });

    const admin = world.buyer(ADMIN);
    await admin.say(`/reconcile ${today()}`);
    const report = admin.lastText();
    expect(report).toContain(`Reconciliation ${today()}`);
    expect(report).toMatch(/At the provider, not in the shop/);
    expect(report).toContain(lost);
    expect(report).toContain('601*****888');
    expect(report).toMatch(new RegExp(`${order.refid}</code> RM 10\\.50: returned to the buyer now`));

    expect(await balance(buyer)).toBe(10_000);
    expect(await ledgerIds(buyer)).toEqual([
      `purchase:${order.refid}`,
      `return:${order.refid}`,
      `topup:${buyer}`,
    ]);
    const stored = await world.store.get(order.refid);
    expect(stored).toMatchObject({
      state: 'refunded',
      notifiedState: 'refunded',
      charge: { returned: true },
    });
    const told = await world.buyer(buyer).waitForText(/Refunded/);
    expect(told).toContain(order.refid);

    // A second run changes nothing: no refund to return, the same ledger, the same balance.
    await admin.say(`/reconcile ${today()}`);
    expect(admin.lastText()).not.toMatch(/Refunded after a success/);
    expect(admin.lastText()).toContain(lost);
    expect(await balance(buyer)).toBe(10_000);
    expect(await ledgerIds(buyer)).toHaveLength(3);
  });

  it('answers a day that is not a date with its usage', async () => {
    const admin = world.buyer(ADMIN);
    await admin.say('/reconcile yesterday');
    expect(admin.lastText()).toMatch(/\/reconcile<\/b> \[YYYY-MM-DD\]/);
  });

  it('two replicas running the daily job at the same moment produce one report', async () => {
    const source = provider.reconciliation;
    if (!source) throw new Error('IIMMPACT offers its books');
    const day = today();
    // 04:00 the next shop day: the daily job reconciles `day`.
    const at = shopDayRange(day, 8 * 60).endMs + 4 * 60 * 60_000;
    const clock = { nowMs: () => at };
    const delivered: ReconciliationReport[] = [];
    const reports = new Map<string, ReconciliationReport>();
    // The report store both replicas share, counting writes (the lease is the real Redis LockStore).
    const shared = {
      get: async (p: string, d: string) => reports.get(`${p}:${d}`),
      put: async (r: ReconciliationReport) => {
        reports.set(`${r.provider}:${r.day}`, r);
      },
    };
    const replica = () =>
      createDailyReconcile({
        reconciler: createReconciler({
          source,
          orders: world.store,
          engine: world.engine,
          lease: world.app.stores.locks,
          reports: shared,
          currency: 'MYR',
          clock,
          logger: silentLogger,
        }),
        at: '03:30',
        clock,
        logger: silentLogger,
        deliver: async (report) => {
          delivered.push(report);
        },
      });
    const results = await Promise.all([replica().tick(), replica().tick()]);
    expect(results.map((r) => r?.status).sort()).toEqual(['busy', 'ran']);
    expect(delivered).toHaveLength(1);
    expect(reports.size).toBe(1);
    // A replica whose timer fires a minute later finds the report and does nothing.
    expect((await replica().tick())?.status).toBe('done-before');
    expect(delivered).toHaveLength(1);
  });
});

describe('/export', () => {
  it('sends a day with 50 orders as a CSV that parses back to those 50 rows', async () => {
    const day = '2025-01-15';
    const { startMs } = shopDayRange(day, 8 * 60);
    const refids: string[] = [];
    for (let i = 0; i < 50; i++) {
      const createdAt = startMs + i * 60_000;
      const order = sampleOrder({
        createdAt,
        state: i % 5 === 0 ? 'failed' : 'succeeded',
        display: {
          productName: i === 7 ? 'Digi, "Prepaid"\nspecial' : '=cmd|Digi',
          accountLabel: 'Mobile number',
          account: '60123456780',
          amount: money(1000, 'MYR'),
        },
      });
      refids.push(order.refid);
      await world.store.create(order);
    }
    // One order the day after, which must not appear.
    await world.store.create(sampleOrder({ createdAt: startMs + 24 * 60 * 60_000 + 5 }));
    const admin = world.buyer(ADMIN);
    await admin.say(`/export orders ${day}`);
    const [document] = world.api.documents(ADMIN).slice(-1);
    expect(document?.filename).toBe(`orders-${day}.csv`);
    expect(document?.caption).toBe(`orders ${day} to ${day}: 50 rows`);
    const rows = parseCsv(document?.content.toString('utf8') ?? '');
    expect(rows[0]?.slice(0, 3)).toEqual(['refid', 'created_at', 'updated_at']);
    const body = rows.slice(1);
    expect(body).toHaveLength(50);
    expect(body.map((r) => r[0])).toEqual(refids);
    expect(body[7]?.[5]).toBe('Digi, "Prepaid"\nspecial');
    expect(body[8]?.[5]).toBe("'=cmd|Digi");
    expect(body.every((r) => r[6] === '601*****780')).toBe(true);
    expect(body.filter((r) => r[11] === 'failed')).toHaveLength(10);
  });

  it('sends the ledger with the balance after each entry', async () => {
    const { buyer } = await paidOrder();
    const admin = world.buyer(ADMIN);
    await admin.say(`/export ledger ${today()}`);
    const [document] = world.api.documents(ADMIN).slice(-1);
    const rows = parseCsv(document?.content.toString('utf8') ?? '').filter((r) => r[2] === String(buyer));
    expect(rows.map((r) => [r[3], r[4], r[5]])).toEqual([
      ['topup', '100.00', '100.00'],
      ['purchase', '-10.50', '89.50'],
    ]);
  });

  it('answers a wrong export with its usage', async () => {
    const admin = world.buyer(ADMIN);
    await admin.say('/export everything');
    expect(admin.lastText()).toMatch(/\/export<\/b> orders\|ledger/);
  });
});

describe('Report Issue', () => {
  it('is on a successful receipt, asks the provider once per order, and the admins see it in /reported', async () => {
    const { buyer: id, order } = await paidOrder();
    const buyer = world.buyer(id);
    expect(buyer.buttons()).toContain('⚠️ Report an issue');
    const receiptId = buyer.newestMessageId();
    const receipt = buyer.textOf(receiptId) ?? '';
    expect(receipt).toContain('Paid RM 10.50 from your wallet; balance RM 89.50.');
    await buyer.press('Report an issue');
    // In our words, with the order's reference; never the provider's text, which promises an email.
    expect(buyer.lastText()).toContain(
      `✅ Your report was sent to the provider, under reference <code>${order.refid}</code>.`,
    );
    expect(buyer.lastText()).toMatch(
      /The provider will look into it\. For help with this order meanwhile, send \/paysupport\./,
    );
    expect(buyer.lastText()).not.toMatch(/email|in the midst of checking/);
    // The receipt only loses its button: every line stays, the wallet balance included.
    expect(buyer.textOf(receiptId)).toBe(receipt);
    expect(buyer.buttons()).not.toContain('⚠️ Report an issue');
    const checks = sandbox.requestCount('/v2/transactions/check');
    // The old button again (a second tap): answered from the order, without asking the provider.
    const stale = world.api.callsOf('sendMessage').find((c) => Number(c.params.chat_id) === id)?.params
      .reply_markup as { inline_keyboard: Array<Array<{ text: string; callback_data?: string }>> };
    const data = stale.inline_keyboard.flat().find((b) => b.text.includes('Report'))?.callback_data ?? '';
    await buyer.pressRaw(data, receiptId);
    expect(buyer.lastText()).toMatch(/reported already/);
    expect(sandbox.requestCount('/v2/transactions/check')).toBe(checks);
    expect((await world.store.get(order.refid))?.issueReport).toMatchObject({ outcome: 'accepted', by: id });

    const admin = world.buyer(ADMIN);
    await admin.say('/reported');
    expect(admin.lastText()).toContain(order.refid);
    // The admins still read what the provider answered.
    expect(admin.lastText()).toMatch(/We(&#39;|')ve received your request/);
  });

  it('is never offered on a failed order', async () => {
    const checksBefore = sandbox.requestCount('/v2/transactions/check');
    const failed = sampleOrder({ state: 'failed', userId: 5_999, chatId: 5_999 });
    await world.store.create(failed);
    const buyer = world.buyer(5_999);
    await buyer.pressRaw(`o:ri:${failed.refid}`, 1);
    await buyer.waitForText(/only for a successful order of yours/);
    expect(sandbox.requestCount('/v2/transactions/check')).toBe(checksBefore);
  });
});
