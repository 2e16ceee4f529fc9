import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { starsPaymentUpdates } from '../../demo/bot-api-stand-in.js';
import type { IimmpactSandbox } from '../../sandbox/iimmpact/index.js';
import { SECRET_TOKEN_HEADER } from '../../src/http/telegram-webhook.js';
import { money } from '../../src/payments/money.js';
import type { PaymentProvider } from '../../src/payments/provider.js';
import { type BotWorld, startBotWorld, WEBHOOK_SECRET } from '../support/bot-e2e.js';
import { iimmpactProviderFor } from '../support/engine.js';
import { startTestSandbox, TEST_API_KEY, TEST_HMAC_SECRET, waitFor } from '../support/iimmpact.js';

/*
 * Top-ups with Telegram Stars through the real bot: the invoice, pre-checkout answered at intake
 * while other chats are busy, successful_payment delivered twice, an expired invoice, an unknown
 * payload, and an admin's refund that reverses the credit.
 */

const ADMIN = 9501;
let world: BotWorld;
let provider: PaymentProvider;
let sandbox: IimmpactSandbox;
let nextUpdateId = 500_000;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  provider = iimmpactProviderFor(sandbox);
  world = await startBotWorld({
    redisUrl: inject('redisUrl'),
    provider,
    secrets: [TEST_API_KEY, TEST_HMAC_SECRET],
    adminIds: [ADMIN],
    shop: { BUYER_PAYMENT: 'wallet' },
    payins: { stars: { starsPerUnit: 5, invoiceTtlMs: 60_000 }, supportContact: '@shop_help' },
  });
});

afterAll(async () => {
  await world.close();
  await provider.close();
  await sandbox.close();
});

/** POSTs an update to the webhook without waiting for the queue (the buyer is not looking). */
async function post(update: Record<string, unknown>): Promise<number> {
  const response = await fetch(world.webhookUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', [SECRET_TOKEN_HEADER]: WEBHOOK_SECRET },
    body: JSON.stringify(update),
  });
  await response.text();
  return response.status;
}

async function starsInvoiceFor(buyerId: number) {
  const buyer = world.buyer(buyerId);
  await buyer.say('/wallet');
  await buyer.press('Top up');
  await buyer.press('RM 20.00');
  await buyer.press('Pay with Stars');
  const invoice = world.api.callsOf('sendInvoice').find((c) => c.params.chat_id === buyerId);
  if (!invoice) throw new Error('no invoice sent');
  return { buyer, invoice };
}

function answerFor(queryId: string) {
  return world.api.callsOf('answerPreCheckoutQuery').find((c) => c.params.pre_checkout_query_id === queryId);
}

describe('top-up with Telegram Stars', () => {
  it('sends an XTR invoice whose payload is the top-up id', async () => {
    const { buyer, invoice } = await starsInvoiceFor(7501);
    expect(invoice.params).toMatchObject({ currency: 'XTR', provider_token: '' });
    expect(invoice.params.prices).toEqual([{ label: expect.any(String), amount: 100 }]);
    const topup = await world.app.stores.topups.get(String(invoice.params.payload));
    expect(topup).toMatchObject({
      method: 'stars',
      state: 'awaiting_payment',
      stars: { amount: 100, perUnit: 5 },
    });
    // The screen (edited in place, above) points at the invoice, the newest message.
    expect(buyer.lastText()).toContain('100 XTR');
    expect([...world.api.messages(buyer.id).values()].some((m) => m.text.includes('100 Stars'))).toBe(true);
  });

  it('answers pre-checkout within 10 s while 20 chats are mid-purchase; a doubled successful_payment credits once', async () => {
    const { buyer, invoice } = await starsInvoiceFor(7502);
    // 20 other buyers whose every catalog read takes 3 s: their chats are busy for a while.
    sandbox.faults.inject({ kind: 'delay', ms: 3_000, times: 40 });
    await world.app.stores.cache.set(`catalog:${provider.id}`, undefined, 1);
    const busy = Array.from({ length: 20 }, (_, i) => 7600 + i);
    await Promise.all(
      busy.map((id) =>
        post({
          update_id: nextUpdateId++,
          message: {
            message_id: 1,
            date: Math.floor(Date.now() / 1000),
            chat: { id, type: 'private', first_name: 'Busy' },
            from: { id, is_bot: false, first_name: 'Busy' },
            text: '/start',
            entities: [{ type: 'bot_command', offset: 0, length: 6 }],
          },
        }),
      ),
    );
    const { preCheckout, payment } = starsPaymentUpdates(invoice, {
      firstUpdateId: nextUpdateId,
      payer: { id: buyer.id },
      chargeId: `stxTEST-${randomUUID()}`,
    });
    nextUpdateId += 2;
    const started = Date.now();
    expect(await post(preCheckout)).toBe(200);
    const query = preCheckout.pre_checkout_query as { id: string };
    const answer = await waitFor(() => answerFor(query.id), { timeoutMs: 10_000 });
    const elapsedMs = Date.now() - started;
    console.log(`pre-checkout answered in ${elapsedMs} ms with 20 chats busy`);
    expect(elapsedMs).toBeLessThan(10_000);
    expect(answer.params).toMatchObject({ ok: true });

    // successful_payment twice: Telegram's redelivery (same update id) and a copy under a new id.
    expect(await world.deliver(payment)).toBe(200);
    expect(await world.deliver(payment)).toBe(200);
    expect(await world.deliver({ ...payment, update_id: nextUpdateId++ })).toBe(200);
    expect((await world.app.wallets.balance(buyer.id)).minor).toBe(2000);
    const entries = await world.app.wallets.entries(buyer.id, { offset: 0, limit: 10 });
    expect(entries.entries.map((e) => [e.kind, e.amount])).toEqual([['topup', 2000]]);
    // Told once, and the credit's notice in the outbox settled by the telling.
    await buyer.waitForText(/Top-up credited/);
    const entryId = entries.entries[0]?.id ?? '';
    await waitFor(async () => ((await world.noticePending(buyer.id, entryId)) ? undefined : true));
    sandbox.faults.clear();
  }, 30_000);

  it('declines a pre-checkout for an expired top-up, with a reason', async () => {
    const id = `exp${randomUUID().slice(0, 12)}`;
    await world.app.stores.topups.create({
      id,
      method: 'stars',
      userId: 7503,
      chatId: 7503,
      amount: money(2000, 'MYR'),
      createdAt: Date.now() - 120_000,
      expiresAt: Date.now() - 60_000,
      state: 'awaiting_payment',
      stars: { amount: 100, perUnit: 5 },
    });
    const queryId = `pcq-${randomUUID()}`;
    await world.deliver({
      update_id: nextUpdateId++,
      pre_checkout_query: {
        id: queryId,
        from: { id: 7503, is_bot: false, first_name: 'Late' },
        currency: 'XTR',
        total_amount: 100,
        invoice_payload: id,
      },
    });
    const answer = await waitFor(() => answerFor(queryId));
    expect(answer.params).toMatchObject({ ok: false });
    expect(String(answer.params.error_message)).toContain('expired');
  });

  it('declines a second pre-checkout for an invoice already paid as paid, not as expired', async () => {
    const { buyer, invoice } = await starsInvoiceFor(7520);
    const { preCheckout, payment } = starsPaymentUpdates(invoice, {
      firstUpdateId: nextUpdateId,
      payer: { id: buyer.id },
      chargeId: `stxTEST-${randomUUID()}`,
    });
    nextUpdateId += 2;
    expect(await post(preCheckout)).toBe(200);
    expect(await world.deliver(payment)).toBe(200);
    expect((await world.app.wallets.balance(buyer.id)).minor).toBe(2000);
    // The buyer taps Pay on the same invoice again.
    const queryId = `pcq-${randomUUID()}`;
    await world.deliver({
      update_id: nextUpdateId++,
      pre_checkout_query: {
        ...(preCheckout.pre_checkout_query as Record<string, unknown>),
        id: queryId,
      },
    });
    const answer = await waitFor(() => answerFor(queryId));
    expect(answer.params).toMatchObject({ ok: false });
    expect(String(answer.params.error_message)).toMatch(/already been paid/);
    expect(String(answer.params.error_message)).not.toMatch(/expired/);
    expect((await world.app.wallets.balance(buyer.id)).minor).toBe(2000);
  });

  it('records a successful_payment for an unknown payload for the admins, crediting nothing', async () => {
    const chargeId = `stxTEST-${randomUUID()}`;
    await world.deliver({
      update_id: nextUpdateId++,
      message: {
        message_id: 9,
        date: Math.floor(Date.now() / 1000),
        chat: { id: 7504, type: 'private', first_name: 'Odd' },
        from: { id: 7504, is_bot: false, first_name: 'Odd' },
        successful_payment: {
          currency: 'XTR',
          total_amount: 77,
          invoice_payload: 'no-such-topup',
          telegram_payment_charge_id: chargeId,
          provider_payment_charge_id: chargeId,
        },
      },
    });
    expect((await world.app.wallets.balance(7504)).minor).toBe(0);
    const unmatched = await world.app.stores.topups.listUnmatched(50);
    expect(unmatched.find((p) => p.payerId === chargeId)).toMatchObject({
      reason: 'unknown payload',
      amount: 77,
    });
    await waitFor(() =>
      [...world.api.messages(ADMIN).values()].find((m) => m.text.includes(chargeId)) ? true : undefined,
    );
  });

  it('/refundstars refunds and reverses when the balance allows; /paysupport and /terms answer', async () => {
    const { buyer, invoice } = await starsInvoiceFor(7505);
    const chargeId = `stxTEST-${randomUUID()}`;
    const { preCheckout, payment } = starsPaymentUpdates(invoice, {
      firstUpdateId: nextUpdateId,
      payer: { id: buyer.id },
      chargeId,
    });
    nextUpdateId += 2;
    await world.deliver(preCheckout);
    await world.deliver(payment);
    expect((await world.app.wallets.balance(buyer.id)).minor).toBe(2000);
    const admin = world.buyer(ADMIN);
    await admin.say(`/refundstars ${chargeId}`);
    expect(admin.lastText()).toContain('Refunded 100 Stars');
    expect(world.api.callsOf('refundStarPayment').at(-1)?.params).toEqual({
      user_id: buyer.id,
      telegram_payment_charge_id: chargeId,
    });
    expect((await world.app.wallets.balance(buyer.id)).minor).toBe(0);
    await admin.say(`/refundstars ${chargeId}`);
    expect(admin.lastText()).toContain('Already refunded: the 100 Stars went back');
    await buyer.say('/paysupport');
    expect(buyer.lastText()).toContain('@shop_help');
    await buyer.say('/terms');
    expect(buyer.lastText()).toContain('Terms');
  });

  it('lists /paysupport and /terms in every command menu and in /help, as Telegram asks of Stars sellers', async () => {
    const menus = world.api.callsOf('setMyCommands');
    expect(menus.length).toBeGreaterThanOrEqual(3);
    for (const call of menus) {
      const commands = (call.params.commands as Array<{ command: string }>).map((c) => c.command);
      expect(commands).toEqual(expect.arrayContaining(['paysupport', 'terms']));
    }
    const buyer = world.buyer(88_123);
    await buyer.say('/help');
    expect(buyer.lastText()).toMatch(/\/paysupport – Help with a payment in Stars/);
    expect(buyer.lastText()).toMatch(/\/terms – The terms of Stars payments/);
  });
});
