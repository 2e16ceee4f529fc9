import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { starsPaymentUpdates, starsRefundUpdate } from '../../demo/bot-api-stand-in.js';
import type { IimmpactSandbox } from '../../sandbox/iimmpact/index.js';
import type { PaymentProvider } from '../../src/payments/provider.js';
import { type BotWorld, startBotWorld } from '../support/bot-e2e.js';
import { iimmpactProviderFor } from '../support/engine.js';
import { startTestSandbox, TEST_API_KEY, TEST_HMAC_SECRET, waitFor } from '../support/iimmpact.js';

/*
 * Stars refunds through the real bot: /refundstars when Telegram refuses, when its answer is lost
 * and the admin asks again, two admins at once; and Telegram's refunded_payment for a refund made
 * outside /refundstars, delivered more than once, with the buyer's credit spent or not.
 */

const ADMIN = 9601;
const OTHER_ADMIN = 9602;
let world: BotWorld;
let provider: PaymentProvider;
let sandbox: IimmpactSandbox;
let nextUpdateId = 700_000;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  provider = iimmpactProviderFor(sandbox);
  world = await startBotWorld({
    redisUrl: inject('redisUrl'),
    provider,
    secrets: [TEST_API_KEY, TEST_HMAC_SECRET],
    adminIds: [ADMIN, OTHER_ADMIN],
    shop: { BUYER_PAYMENT: 'wallet' },
    payins: { stars: { starsPerUnit: 5, invoiceTtlMs: 60_000 }, supportContact: '@shop_help' },
  });
});

afterAll(async () => {
  await world.close();
  await provider.close();
  await sandbox.close();
});

/** A buyer who paid 100 Stars for RM 20.00 of credit; the payment update, for its refund. */
async function paidTopup(buyerId: number, languageCode = 'en') {
  const buyer = world.buyer(buyerId, languageCode);
  await buyer.say('/wallet');
  await buyer.press(languageCode === 'ms' ? 'Tambah nilai' : 'Top up');
  await buyer.press('RM 20.00');
  await buyer.press(languageCode === 'ms' ? 'Bayar dengan Stars' : 'Pay with Stars');
  const invoice = world.api.callsOf('sendInvoice').find((c) => c.params.chat_id === buyerId);
  if (!invoice) throw new Error('no invoice sent');
  const chargeId = `stxTEST-${randomUUID()}`;
  const { preCheckout, payment } = starsPaymentUpdates(invoice, {
    firstUpdateId: nextUpdateId,
    payer: { id: buyerId },
    chargeId,
  });
  nextUpdateId += 2;
  await world.deliver(preCheckout);
  await world.deliver(payment);
  expect((await world.app.wallets.balance(buyerId)).minor).toBe(2000);
  const topupId = String(invoice.params.payload);
  return { buyer, chargeId, payment, topupId };
}

async function ledger(userId: number) {
  const page = await world.app.wallets.entries(userId, { offset: 0, limit: 50 });
  return [...page.entries].reverse().map((e) => [e.id.split(':')[0], e.amount]);
}

/** An admin's command as a Telegram update, to deliver without waiting for its answer. */
const adminCommand = (adminId: number, text: string) => ({
  update_id: nextUpdateId++,
  message: {
    message_id: 5,
    date: Math.floor(Date.now() / 1000),
    chat: { id: adminId, type: 'private', first_name: 'Admin' },
    from: { id: adminId, is_bot: false, first_name: 'Admin', language_code: 'en' },
    text,
    entities: [{ type: 'bot_command', offset: 0, length: 12 }],
  },
});

const stateOf = async (topupId: string) => (await world.app.stores.topups.get(topupId))?.state;

/** The bot's messages to a chat, oldest first. */
const textsTo = (chatId: number) => [...world.api.messages(chatId).values()].map((m) => m.text);

describe('/refundstars', () => {
  it('puts the credit back when Telegram refuses the refund, and says so without contradiction', async () => {
    const { chargeId, topupId } = await paidTopup(7701);
    world.api.failNext('refundStarPayment', 400, 'Bad Request: CHARGE_NOT_FOUND');
    const admin = world.buyer(ADMIN);
    await admin.say(`/refundstars ${chargeId}`);
    const said = admin.lastText();
    expect(said).toContain('Telegram refused the refund: Bad Request: CHARGE_NOT_FOUND');
    expect(said).toContain('No Stars were refunded');
    expect(said).toContain(
      'RM 20.00 taken back from the buyer’s wallet has been put back (balance now RM 20.00)',
    );
    expect(said).not.toMatch(/Telegram refunded the Stars|settle it by hand/i);
    expect((await world.app.wallets.balance(7701)).minor).toBe(2000);
    expect(await ledger(7701)).toEqual([
      ['topup', 2000],
      ['reversal', -2000],
      ['restore', 2000],
    ]);
    expect(await stateOf(topupId)).toBe('credited');

    // The refund can be asked for again; this time Telegram refunds, and the credit goes once more.
    await admin.say(`/refundstars ${chargeId}`);
    expect(admin.lastText()).toContain('Refunded 100 Stars; RM 20.00 was taken back');
    expect((await world.app.wallets.balance(7701)).minor).toBe(0);
    expect(await stateOf(topupId)).toBe('reversed');
    const ids = (await world.app.wallets.entries(7701, { offset: 0, limit: 50 })).entries.map((e) => e.id);
    expect(ids).toEqual([
      `reversal:${topupId}:2`,
      `restore:${topupId}`,
      `reversal:${topupId}`,
      `topup:${topupId}`,
    ]);
  });

  it('two admins refused at once put the credit back once between them', async () => {
    const { chargeId } = await paidTopup(7702);
    world.api.failNext('refundStarPayment', 400, 'Bad Request: CHARGE_NOT_FOUND');
    world.api.failNext('refundStarPayment', 400, 'Bad Request: CHARGE_NOT_FOUND');
    const text = `/refundstars ${chargeId}`;
    await Promise.all([
      world.deliver(adminCommand(ADMIN, text)),
      world.deliver(adminCommand(OTHER_ADMIN, text)),
    ]);
    await world.app.updatesHandled();
    expect((await world.app.wallets.balance(7702)).minor).toBe(2000);
    const entries = await ledger(7702);
    const sum = (kind: string) =>
      entries.filter(([k]) => k === kind).reduce((total, [, amount]) => total + Number(amount), 0);
    // However the two interleaved, every credit taken back was put back, and no more.
    expect(sum('reversal') + sum('restore')).toBe(0);
    expect(entries.filter(([k]) => k === 'topup')).toHaveLength(1);
    for (const adminId of [ADMIN, OTHER_ADMIN])
      expect(textsTo(adminId).at(-1)).not.toMatch(/Refunded 100 Stars/);
  });

  it('Telegram refunding on one admin’s call after another admin’s refusal put the credit back takes it again', async () => {
    const { chargeId, topupId } = await paidTopup(7714);
    // The first admin's call reaches Telegram and waits; the second one's is refused meanwhile.
    const first = world.api.holdNext('refundStarPayment');
    world.api.failNext('refundStarPayment', 400, 'Bad Request: REFUND_FAILED');
    // Not awaited: the webhook may hold its answer while the update is handled.
    const firstDelivered = world.deliver(adminCommand(ADMIN, `/refundstars ${chargeId}`));
    await first.reached;
    const secondDelivered = world.deliver(adminCommand(OTHER_ADMIN, `/refundstars ${chargeId}`));
    await waitFor(() => (textsTo(OTHER_ADMIN).at(-1)?.includes('Telegram refused') ? true : undefined));
    expect((await world.app.wallets.balance(7714)).minor).toBe(2000);
    // Now Telegram refunds the Stars on the first call: the buyer must not keep the credit as well.
    first.release();
    await Promise.all([firstDelivered, secondDelivered]);
    await world.app.updatesHandled();
    expect((await world.app.wallets.balance(7714)).minor).toBe(0);
    expect(await stateOf(topupId)).toBe('reversed');
    expect(textsTo(ADMIN).at(-1)).toContain('Refunded 100 Stars; RM 20.00 was taken back');
    // The ledger adds up: credited, taken back, put back, taken back again.
    const entries = await ledger(7714);
    expect(entries.reduce((total, [, amount]) => total + Number(amount), 0)).toBe(0);
  });

  it('a reversal made by an earlier version is not reported as a refund it never confirmed', async () => {
    const { chargeId, topupId } = await paidTopup(7715);
    await world.buyer(ADMIN).say(`/refundstars ${chargeId}`);
    // What an earlier version left: reversed, with no numbered attempt (it asked Telegram afterwards
    // and kept no record of the answer).
    const probe = new Redis(inject('redisUrl'));
    try {
      const [key] = await probe.keys(`*topuprec:${topupId}`);
      if (!key) throw new Error('no top-up record');
      await probe.hdel(key, 'refundAttempt');
    } finally {
      probe.disconnect();
    }
    const admin = world.buyer(ADMIN);
    await admin.say(`/refundstars ${chargeId}`);
    expect(admin.lastText()).toContain('taken back by an earlier version of the bot');
    expect(admin.lastText()).toContain('/credit 7715');
    expect(admin.lastText()).not.toContain('Already refunded');
    expect((await world.app.wallets.balance(7715)).minor).toBe(0);
  });

  it('an answer lost after Telegram refunded leaves it refunding; asking again records it without a second debit', async () => {
    const { chargeId, topupId } = await paidTopup(7703);
    world.api.loseNextAnswer('refundStarPayment');
    const admin = world.buyer(ADMIN);
    await admin.say(`/refundstars ${chargeId}`);
    expect(admin.lastText()).toContain('Telegram did not confirm the refund');
    expect(admin.lastText()).toContain('the RM 20.00 stays taken back from the buyer’s wallet');
    expect(await stateOf(topupId)).toBe('refunding');
    expect((await world.app.wallets.balance(7703)).minor).toBe(0);

    // Telegram did refund it, so it now answers CHARGE_ALREADY_REFUNDED.
    await admin.say(`/refundstars ${chargeId}`);
    expect(admin.lastText()).toContain('already refunded; the refund is now recorded');
    expect(admin.lastText()).toContain('nothing more was taken (balance now RM 0.00)');
    expect(await stateOf(topupId)).toBe('reversed');
    expect(await ledger(7703)).toEqual([
      ['topup', 2000],
      ['reversal', -2000],
    ]);
    expect(
      world.api.callsOf('refundStarPayment').filter((c) => c.params.telegram_payment_charge_id === chargeId),
    ).toHaveLength(2);

    await admin.say(`/refundstars ${chargeId}`);
    expect(admin.lastText()).toContain('Already refunded');
    expect(await ledger(7703)).toHaveLength(2);
  });

  it('a 5xx leaves it refunding; asking again refunds it, taking nothing more', async () => {
    const { chargeId, topupId } = await paidTopup(7704);
    world.api.failNext('refundStarPayment', 502, 'Bad Gateway');
    const admin = world.buyer(ADMIN);
    await admin.say(`/refundstars ${chargeId}`);
    expect(admin.lastText()).toContain('Telegram did not confirm the refund (Bad Gateway)');
    expect(await stateOf(topupId)).toBe('refunding');
    await admin.say(`/refundstars ${chargeId}`);
    expect(admin.lastText()).toContain('Refunded 100 Stars');
    expect(await ledger(7704)).toEqual([
      ['topup', 2000],
      ['reversal', -2000],
    ]);
  });

  it('a refunded_payment for a refund whose answer was lost completes it without touching the wallet', async () => {
    const { buyer, chargeId, payment, topupId } = await paidTopup(7705);
    world.api.loseNextAnswer('refundStarPayment');
    await world.buyer(ADMIN).say(`/refundstars ${chargeId}`);
    expect(await stateOf(topupId)).toBe('refunding');
    await world.deliver(starsRefundUpdate(payment, { updateId: nextUpdateId++ }));
    expect(await stateOf(topupId)).toBe('reversed');
    expect(await ledger(7705)).toEqual([
      ['topup', 2000],
      ['reversal', -2000],
    ]);
    expect(buyer.lastText()).toContain('had already been taken back from your wallet (balance now RM 0.00)');
    await world.buyer(ADMIN).say(`/refundstars ${chargeId}`);
    expect(world.buyer(ADMIN).lastText()).toContain('Already refunded');
  });
});

describe('refunded_payment (a refund made outside /refundstars)', () => {
  it('reverses the credit once, however often it is delivered, and tells the buyer in their language', async () => {
    const { buyer, payment, topupId } = await paidTopup(7711, 'ms');
    const refund = starsRefundUpdate(payment, { updateId: nextUpdateId++ });
    expect(await world.deliver(refund)).toBe(200);
    expect(await world.deliver(refund)).toBe(200);
    // The same message under another update id (not deduped by the webhook): the store's turn.
    expect(await world.deliver({ ...refund, update_id: nextUpdateId++ })).toBe(200);
    expect((await world.app.wallets.balance(7711)).minor).toBe(0);
    expect(await ledger(7711)).toEqual([
      ['topup', 2000],
      ['reversal', -2000],
    ]);
    expect(await stateOf(topupId)).toBe('reversed');
    const told = textsTo(buyer.id).filter((t) => t.includes('telah dipulangkan'));
    expect(told).toEqual([
      '↩️ Pembayaran anda sebanyak 100 Stars telah dipulangkan. RM 20.00 yang ditambahnya telah ditarik balik daripada dompet anda (baki kini RM 0.00).',
    ]);
  });

  it('never makes the wallet negative: a spent credit is recorded and the admins are alerted once', async () => {
    const { buyer, payment, topupId } = await paidTopup(7712);
    // The buyer spends RM 15.00 of the RM 20.00.
    await world.app.wallets.apply({
      id: `purchase:spent-${randomUUID()}`,
      userId: 7712,
      kind: 'purchase',
      amount: -1500,
      reference: 'spent',
      at: Date.now(),
    });
    const refund = starsRefundUpdate(payment, { updateId: nextUpdateId++ });
    await world.deliver(refund);
    await world.deliver({ ...refund, update_id: nextUpdateId++ });
    await world.alerts.idle();
    expect((await world.app.wallets.balance(7712)).minor).toBe(500);
    expect(await stateOf(topupId)).toBe('refund_short');
    for (const adminId of [ADMIN, OTHER_ADMIN]) {
      const alerts = textsTo(adminId).filter((t) => t.includes('Stars refunded, credit not taken back'));
      expect(alerts).toHaveLength(1);
      expect(alerts[0]).toContain('<code>7712</code>');
      expect(alerts[0]).toContain('RM 20.00');
      expect(alerts[0]).toContain('(RM 5.00)');
    }
    expect(textsTo(buyer.id).filter((t) => t.includes('was refunded'))).toEqual([
      '↩️ Your payment of 100 Stars was refunded. The RM 20.00 it added had already been spent, so your wallet was left as it is; the shop will contact you about it.',
    ]);
    const admin = world.buyer(ADMIN);
    await admin.say(
      `/refundstars ${String((payment.message as { successful_payment: { telegram_payment_charge_id: string } }).successful_payment.telegram_payment_charge_id)}`,
    );
    expect(admin.lastText()).toContain('could not be taken back: buyer 7712 had spent it');
    await waitFor(async () => ((await world.app.wallets.balance(7712)).minor === 500 ? true : undefined));
  });

  it('does nothing to a wallet whose credit /refundstars already took back', async () => {
    const { buyer, chargeId, payment } = await paidTopup(7713);
    await world.buyer(ADMIN).say(`/refundstars ${chargeId}`);
    expect((await world.app.wallets.balance(7713)).minor).toBe(0);
    await world.deliver(starsRefundUpdate(payment, { updateId: nextUpdateId++ }));
    expect(await ledger(7713)).toEqual([
      ['topup', 2000],
      ['reversal', -2000],
    ]);
    expect(buyer.lastText()).toContain('had already been taken back from your wallet');
  });
});
