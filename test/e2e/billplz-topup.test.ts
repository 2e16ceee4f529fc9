import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type BillplzSandbox, startBillplzSandbox } from '../../sandbox/billplz/index.js';
import type { IimmpactSandbox } from '../../sandbox/iimmpact/index.js';
import { BILLPLZ_CALLBACK_PATH, BILLPLZ_REDIRECT_PATH } from '../../src/config/env.js';
import type { PaymentProvider } from '../../src/payments/provider.js';
import { xSignature } from '../../src/wallet/gateways/billplz/signature.js';
import { type BotWorld, type Buyer, startBotWorld } from '../support/bot-e2e.js';
import { iimmpactProviderFor } from '../support/engine.js';
import { startTestSandbox, TEST_API_KEY, TEST_HMAC_SECRET, waitFor } from '../support/iimmpact.js';
import { freePort } from '../support/net.js';

/*
 * Top-ups through Billplz, end to end: the real bot on real Redis, Telegram updates through its
 * webhook, the Billplz sandbox over real HTTP posting signed callbacks to the bot's route.
 */

const KEY = 'billplz-e2e-key';
const X_KEY = 'S-billplz-e2e-x-signature-key';
const COLLECTION = 'e2ecoll';

let world: BotWorld;
let provider: PaymentProvider;
let sandbox: IimmpactSandbox;
let billplz: BillplzSandbox;
let origin: string;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  provider = iimmpactProviderFor(sandbox);
  billplz = await startBillplzSandbox({ apiKey: KEY, xSignatureKey: X_KEY, collections: [COLLECTION] });
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  world = await startBotWorld({
    redisUrl: inject('redisUrl'),
    provider,
    secrets: [TEST_API_KEY, TEST_HMAC_SECRET, KEY, X_KEY],
    shop: { BUYER_PAYMENT: 'wallet' },
    port,
    payins: {
      billplz: {
        apiKey: KEY,
        xSignatureKey: X_KEY,
        collectionId: COLLECTION,
        baseUrl: billplz.url,
        email: 'shop@example.com',
        callbackUrl: `${origin}${BILLPLZ_CALLBACK_PATH}`,
        redirectUrl: `${origin}${BILLPLZ_REDIRECT_PATH}`,
        billLifetimeMs: 60 * 60_000,
      },
    },
    // The schedule runs every 50 ms here; a bill is first re-read 100 ms after it was made.
    tuning: { billplzRecheckMs: 100, billplzSweepIntervalMs: 50 },
  });
});

afterAll(async () => {
  await world.close();
  await provider.close();
  await sandbox.close();
  await billplz.close();
});

/** Top up → RM 20 → Pay online; answers the bill the sandbox holds for it. */
async function payOnline(buyer: Buyer, amountLabel = 'RM 20.00') {
  const before = new Set(billplz.bills().map((b) => b.id));
  await buyer.say('/wallet');
  await buyer.press('Top up');
  await buyer.press(amountLabel);
  await buyer.press('Pay online');
  const bill = billplz.bills().find((b) => !before.has(b.id));
  return bill;
}

function urlButtons(world: BotWorld, chatId: number): string[] {
  type Markup = { inline_keyboard?: Array<Array<{ url?: string }>> };
  return [...world.api.messages(chatId).values()].flatMap(
    (m) =>
      (m.replyMarkup as Markup | undefined)?.inline_keyboard?.flat().flatMap((b) => (b.url ? [b.url] : [])) ??
      [],
  );
}

async function postCallback(body: string): Promise<number> {
  const response = await fetch(`${origin}${BILLPLZ_CALLBACK_PATH}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body,
  });
  await response.text();
  return response.status;
}

describe('top-up through Billplz', () => {
  it('RM 20: callbacks twice and the redirect after them credit once', async () => {
    const buyer = world.buyer(7301);
    const bill = await payOnline(buyer);
    expect(bill, 'a bill was created').toBeDefined();
    if (!bill) return;
    expect(bill).toMatchObject({ amount: 2000, collection_id: COLLECTION, state: 'due' });
    expect(bill.callback_url).toBe(`${origin}${BILLPLZ_CALLBACK_PATH}`);
    expect(buyer.lastText()).toContain('Pay RM 20.00 online');
    expect(urlButtons(world, buyer.id)).toContain(bill.url);

    const paid = await billplz.pay(bill.id, { callbacks: 2 });
    expect(paid.statuses).toEqual([200, 200]);
    expect(paid.redirectUrl).toBeDefined();
    const redirect = await fetch(paid.redirectUrl ?? '');
    expect(redirect.status).toBe(200);
    await redirect.text();
    // A replayed callback, later still.
    expect(await billplz.sendCallback(bill.id)).toBe(200);

    expect((await world.app.wallets.balance(buyer.id)).minor).toBe(2000);
    const page = await world.app.wallets.entries(buyer.id, { offset: 0, limit: 10 });
    expect(page.entries.map((e) => [e.kind, e.amount])).toEqual([['topup', 2000]]);
    const credited = await waitFor(
      () =>
        [...world.api.messages(buyer.id).values()].filter((m) => m.text.includes('Top-up credited')).length ||
        undefined,
    );
    expect(credited).toBe(1);
    const topup = await world.app.stores.topups.byPayer('billplz', bill.id);
    expect(topup?.state).toBe('credited');
    // The credit's notice, written with it, was settled once the buyer was told: nothing is sent again.
    expect(await world.noticePending(buyer.id, `topup:${topup?.id}`)).toBe(false);
  });

  it('Telegram refuses the "credited" message: the notice worker tells the buyer once, soon after', async () => {
    const buyer = world.buyer(7305);
    const bill = await payOnline(buyer);
    if (!bill) throw new Error('no bill');
    world.api.failNext('sendMessage', 500, 'Internal Server Error');
    expect((await billplz.pay(bill.id, { callbacks: 1 })).statuses).toEqual([200]);
    expect((await world.app.wallets.balance(buyer.id)).minor).toBe(2000);
    const told = await buyer.waitForText(/Top-up credited/);
    expect(told).toContain('RM 20.00 was added to your wallet. Balance: <b>RM 20.00</b>');
    const topup = await world.app.stores.topups.byPayer('billplz', bill.id);
    await waitFor(async () =>
      (await world.noticePending(buyer.id, `topup:${topup?.id}`)) ? undefined : true,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    const credited = [...world.api.messages(buyer.id).values()].filter((m) =>
      m.text.includes('Top-up credited'),
    );
    expect(credited).toHaveLength(1);
  });

  it('a bad X-Signature is 403 and changes nothing; a lost callback is made good by the re-read', async () => {
    const buyer = world.buyer(7302);
    const bill = await payOnline(buyer);
    if (!bill) throw new Error('no bill');
    // Paid at Billplz, but the callback is lost: none is sent.
    await billplz.pay(bill.id, { callbacks: 0 });
    const forged = new URLSearchParams(billplz.callbackBody(billplz.bill(bill.id) ?? bill));
    forged.set('x_signature', 'f'.repeat(64));
    expect(await postCallback(forged.toString())).toBe(403);
    forged.delete('x_signature');
    expect(await postCallback(forged.toString())).toBe(403);
    // The scheduled re-read finds the bill paid.
    await waitFor(
      async () => ((await world.app.wallets.balance(buyer.id)).minor === 2000 ? true : undefined),
      {
        timeoutMs: 5_000,
      },
    );
    const page = await world.app.wallets.entries(buyer.id, { offset: 0, limit: 10 });
    expect(page.total).toBe(1);
  });

  it('a signed callback for an unknown bill or with another amount credits nothing', async () => {
    const buyer = world.buyer(7303);
    const bill = await payOnline(buyer);
    if (!bill) throw new Error('no bill');
    const fields: Array<[string, string]> = [
      ['id', bill.id],
      ['collection_id', COLLECTION],
      ['paid', 'true'],
      ['state', 'paid'],
      ['amount', '200000'],
      ['paid_amount', '200000'],
      ['url', bill.url],
    ];
    const signed = (f: Array<[string, string]>) =>
      new URLSearchParams([...f, ['x_signature', xSignature(f, X_KEY)]]).toString();
    expect(await postCallback(signed(fields))).toBe(400);
    const unknown = fields.map(([k, v]): [string, string] => [k, k === 'id' ? 'nosuchbill' : v]);
    expect(await postCallback(signed(unknown))).toBe(404);
    expect((await world.app.wallets.balance(buyer.id)).minor).toBe(0);
    // And the redirect is never believed: a forged "paid" redirect only re-reads a due bill.
    const redirect = await fetch(
      `${origin}${BILLPLZ_REDIRECT_PATH}?billplz[id]=${bill.id}&billplz[paid]=true`,
    );
    expect(redirect.status).toBe(200);
    await redirect.text();
    expect((await world.app.wallets.balance(buyer.id)).minor).toBe(0);
  });

  it('a Billplz outage while creating the bill tells the buyer, and nothing is owed', async () => {
    const buyer = world.buyer(7304);
    billplz.injectFault({ kind: 'status', status: 503, path: '/api/v3/bills' });
    const bill = await payOnline(buyer);
    expect(bill).toBeUndefined();
    expect(buyer.lastText()).toContain('could not be started');
    expect(buyer.lastText()).toContain('Nothing was charged');
    const rejected = (await world.app.stores.topups.counts()).find(
      (r) => r.method === 'billplz' && r.state === 'rejected',
    );
    expect(rejected?.count).toBeGreaterThanOrEqual(1);
    expect((await world.app.wallets.balance(buyer.id)).minor).toBe(0);
  });
});
