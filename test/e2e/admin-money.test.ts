import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { money } from '../../src/payments/money.js';
import { type BotWorld, type Buyer, startIimmpactWorld } from '../support/bot-e2e.js';
import { sampleOrder } from '../support/orders.js';

/*
 * The admins' money commands through the real bot: credits and debits confirmed by buttons (tapped
 * twice, by two admins at once, forged, cancelled), a buyer's statement, audits, price rules changed
 * by /margin and seen by buyers at Confirm, and the day's sales, cost and margin.
 */

const ADMIN = 9301;
const SECOND_ADMIN = 9302;

let world: BotWorld;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ world, close: stop } = await startIimmpactWorld({
    redisUrl: inject('redisUrl'),
    adminIds: [ADMIN, SECOND_ADMIN],
    shop: { BUYER_PAYMENT: 'wallet' },
  }));
});

afterAll(() => stop());

type Markup = { inline_keyboard?: Array<Array<{ text: string; callback_data?: string }>> };

/** The newest message of `chatId` with a button labelled `label`: its id and the button's data. */
function buttonOf(chatId: number, label: string) {
  const found = [...world.api.messages(chatId).entries()]
    .sort((a, b) => b[0] - a[0])
    .map(([messageId, m]) => ({
      messageId,
      data: (m.replyMarkup as Markup | undefined)?.inline_keyboard?.flat().find((b) => b.text.includes(label))
        ?.callback_data,
    }))
    .find((candidate) => candidate.data !== undefined);
  if (!found?.data) throw new Error(`no ${label} button in chat ${chatId}`);
  return { messageId: found.messageId, data: found.data };
}

/** Answers to the callback queries made by `run`. */
async function toastsOf(run: () => Promise<unknown>): Promise<string[]> {
  const before = world.api.callsOf('answerCallbackQuery').length;
  await run();
  return world.api
    .callsOf('answerCallbackQuery')
    .slice(before)
    .map((c) => String(c.params.text ?? ''));
}

/** The button labels of the chat's newest message (none when it has no keyboard). */
function newestButtons(buyer: Buyer): string[] {
  const markup = world.api.messages(buyer.id).get(buyer.newestMessageId())?.replyMarkup as Markup | undefined;
  return markup?.inline_keyboard?.flat().map((b) => b.text) ?? [];
}

/** How many messages of the chat match. */
function messagesMatching(chatId: number, pattern: RegExp): number {
  return [...world.api.messages(chatId).values()].filter((m) => pattern.test(m.text)).length;
}

async function topUp(userId: number, sen: number, id: string) {
  const result = await world.app.wallets.apply({
    id: `topup:${id}`,
    userId,
    kind: 'topup',
    amount: sen,
    reference: id,
    at: Date.now(),
  });
  expect(result.result).toBe('applied');
}

async function toDigiConfirm(buyer: Buyer, amount: string) {
  await buyer.say('/start');
  await buyer.press('Prepaid');
  await buyer.press('Digi Prepaid');
  await buyer.say('0123456780');
  await buyer.press(amount);
  expect(buyer.lastText()).toMatch(/Please check your order/);
}

describe('/credit and /debit', () => {
  it('a credit tapped twice and by a second admin at once writes one entry; the buyer is told', async () => {
    const admin = world.buyer(ADMIN);
    const buyer = world.buyer(7001);
    await admin.say('/credit 7001 50.00 goodwill for order X');
    const preview = admin.lastText();
    expect(preview).toContain('Credit a buyer’s wallet?');
    expect(preview).toContain('Buyer: <code>7001</code>');
    expect(preview).toContain('Amount: <b>RM 50.00</b>');
    expect(preview).toContain('Balance: RM 0.00 → <b>RM 50.00</b>');
    expect(preview).toContain('<i>goodwill for order X</i>');
    expect(admin.buttons()).toEqual(['✅ Confirm', '✖️ Cancel']);
    // Nothing moves before Confirm.
    expect(await world.app.wallets.balance(7001)).toEqual(money(0, 'MYR'));

    const confirm = buttonOf(ADMIN, 'Confirm');
    expect(confirm.data).toMatch(/^a:y:[A-Za-z0-9_-]{16}$/);
    const toasts = await toastsOf(() =>
      Promise.all([
        admin.pressRaw(confirm.data, confirm.messageId),
        admin.pressRaw(confirm.data, confirm.messageId),
        world.buyer(SECOND_ADMIN).pressRaw(confirm.data, confirm.messageId),
      ]),
    );
    expect(toasts.filter((t) => t === 'Done.')).toHaveLength(1);
    expect(toasts.filter((t) => /Already applied/.test(t))).toHaveLength(2);

    expect(await world.app.wallets.balance(7001)).toEqual(money(5_000, 'MYR'));
    const page = await world.app.wallets.entries(7001, { offset: 0, limit: 10 });
    expect(page.total).toBe(1);
    expect(page.entries[0]).toMatchObject({
      id: `admin:${confirm.data.slice(4)}`,
      kind: 'admin_credit',
      amount: 5_000,
      reference: String(ADMIN),
      note: 'goodwill for order X',
    });
    expect((await world.app.wallets.audit(7001)).ok).toBe(true);

    expect(world.api.messages(ADMIN).get(confirm.messageId)?.text).toMatch(
      /Credited<\/b> RM 50\.00 to <code>7001<\/code> by <code>9301<\/code>\. New balance: <b>RM 50\.00<\/b>/,
    );
    const told = await buyer.waitForText(/added to your wallet/);
    expect(told).toContain('<b>RM 50.00</b> was added to your wallet by the shop');
    expect(told).toContain('Balance: <b>RM 50.00</b>');
    expect(told).toContain('goodwill for order X');

    // A late tap, long after: still nothing more.
    await admin.pressRaw(confirm.data, confirm.messageId);
    expect((await world.app.wallets.entries(7001, { offset: 0, limit: 10 })).total).toBe(1);
    // Told once: the notice kept for a crash was marked delivered, so nothing sends it again.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(messagesMatching(7001, /added to your wallet/)).toBe(1);
  });

  it('a credit above ADMIN_ADJUST_MAX_AMOUNT is refused with the limit, and nothing is offered to confirm', async () => {
    const admin = world.buyer(ADMIN);
    for (const amount of ['99999999999', '9999999999999999999999']) {
      await admin.say(`/credit 7040 ${amount}`);
      const refusal = admin.lastText();
      expect(refusal).toContain(
        `“${amount}” is above the most one /credit or /debit may move: <b>RM 10,000.00</b>`,
      );
      expect(refusal).toContain('<code>ADMIN_ADJUST_MAX_AMOUNT</code> raises the limit');
      expect(newestButtons(admin)).toEqual([]);
    }
    await admin.say('/debit 7040 10000.01');
    expect(admin.lastText()).toContain('<b>RM 10,000.00</b>');
    expect(await world.app.wallets.balance(7040)).toEqual(money(0, 'MYR'));
    expect((await world.app.wallets.entries(7040, { offset: 0, limit: 10 })).total).toBe(0);
    // Up to the limit is offered as before.
    await admin.say('/credit 7040 10000');
    expect(admin.lastText()).toContain('Amount: <b>RM 10,000.00</b>');
    expect(admin.buttons()).toEqual(['✅ Confirm', '✖️ Cancel']);
  });

  it('tells a buyer in their own language when the bot knows it', async () => {
    const buyer = world.buyer(7002, 'ms');
    await buyer.say('/start');
    const admin = world.buyer(ADMIN);
    await admin.say('/credit 7002 RM 12.34');
    const confirm = buttonOf(ADMIN, 'Confirm');
    await admin.pressRaw(confirm.data, confirm.messageId);
    const told = await buyer.waitForText(/ditambah ke dompet anda/);
    expect(told).toContain('Baki: <b>RM 12.34</b>');
  });

  it('a debit beyond the balance is refused at once, and again at Confirm when the balance fell', async () => {
    const admin = world.buyer(ADMIN);
    await admin.say('/debit 7001 80.00');
    expect(admin.lastText()).toContain(
      'Not debited.</b> The wallet of <code>7001</code> holds RM 50.00, less than RM 80.00',
    );
    const refused = world.api.messages(ADMIN).get(admin.newestMessageId())?.replyMarkup as Markup | undefined;
    expect(refused?.inline_keyboard?.flat() ?? []).toEqual([]);

    // Two debits of 30.00 previewed against RM 50.00; the second Confirm finds RM 20.00 left.
    await admin.say('/debit 7001 30.00 correction');
    const first = buttonOf(ADMIN, 'Confirm');
    await admin.say('/debit 7001 30.00 correction');
    const second = buttonOf(ADMIN, 'Confirm');
    expect(second.data).not.toBe(first.data);
    expect(await toastsOf(() => admin.pressRaw(first.data, first.messageId))).toEqual(['Done.']);
    expect(await toastsOf(() => admin.pressRaw(second.data, second.messageId))).toEqual([
      'Refused: see the message.',
    ]);
    expect(world.api.messages(ADMIN).get(second.messageId)?.text).toContain(
      'holds RM 20.00, less than RM 30.00',
    );
    expect(await world.app.wallets.balance(7001)).toEqual(money(2_000, 'MYR'));
    await world.buyer(7001).waitForText(/taken from your wallet/);
    expect((await world.app.wallets.audit(7001)).ok).toBe(true);
  });

  it('explains what it did not understand', async () => {
    const admin = world.buyer(ADMIN);
    await admin.say('/credit');
    expect(admin.lastText()).toContain('/credit &lt;user id&gt; &lt;amount&gt; [note]');
    await admin.say('/credit abc 10');
    expect(admin.lastText()).toContain('“abc” is not a Telegram user id');
    await admin.say('/debit 7001 10.555');
    expect(admin.lastText()).toContain('“10.555”: Too many decimal places: at most 2.');
    await admin.say('/credit 7001 0');
    expect(admin.lastText()).toContain('more than zero');
    await admin.say(`/credit ${ADMIN} 10`);
    expect(admin.lastText()).toContain('cannot credit your own wallet');
  });

  it('forged, stale, cancelled and non-admin presses do nothing but say so', async () => {
    const admin = world.buyer(ADMIN);
    await admin.say('/credit 7004 5.00');
    const confirm = buttonOf(ADMIN, 'Confirm');
    const cancel = buttonOf(ADMIN, 'Cancel');
    const buyer = world.buyer(7004);
    await buyer.say('/start');
    expect(await toastsOf(() => buyer.pressRaw(confirm.data, buyer.newestMessageId()))).toEqual([
      'Only the shop’s admins can use this button.',
    ]);
    expect(await toastsOf(() => admin.pressRaw('a:y:forgedforgedforged', confirm.messageId))).toEqual([
      'This has expired or no longer exists. Run the command again.',
    ]);
    expect(await toastsOf(() => admin.pressRaw(cancel.data, cancel.messageId))).toEqual(['Cancelled.']);
    expect(world.api.messages(ADMIN).get(cancel.messageId)?.text).toContain('Cancelled. Nothing changed.');
    expect(await toastsOf(() => admin.pressRaw(confirm.data, confirm.messageId))).toEqual([
      'This was cancelled: nothing changed.',
    ]);
    expect(await world.app.wallets.balance(7004)).toEqual(money(0, 'MYR'));
    expect(await world.app.wallets.users()).not.toContain(7004);
  });
});

describe('the buyer’s notice of a credit, kept with the entry', () => {
  it('Telegram refuses it: the admin is warned, and the buyer is told later, once', async () => {
    const admin = world.buyer(ADMIN);
    const buyer = world.buyer(7020);
    await admin.say('/credit 7020 15.00 make-good');
    const confirm = buttonOf(ADMIN, 'Confirm');
    world.api.failNext('sendMessage', 500, 'Internal Server Error');
    expect(await toastsOf(() => admin.pressRaw(confirm.data, confirm.messageId))).toEqual(['Done.']);
    expect(world.api.messages(ADMIN).get(confirm.messageId)?.text).toContain('could not be told');
    const told = await buyer.waitForText(/added to your wallet/);
    expect(told).toContain('<b>RM 15.00</b> was added to your wallet by the shop');
    expect(told).toContain('Balance: <b>RM 15.00</b>');
    expect(told).toContain('make-good');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(messagesMatching(7020, /added to your wallet/)).toBe(1);
    expect(await world.app.wallets.balance(7020)).toEqual(money(1_500, 'MYR'));
  });

  it('the process dies after the entry is written and before the buyer is told: the buyer is told once', async () => {
    const admin = world.buyer(ADMIN);
    const buyer = world.buyer(7021);
    await admin.say('/credit 7021 20.00');
    const confirm = buttonOf(ADMIN, 'Confirm');
    // What the press that died had written, in one step: the entry and its notice, held by that press
    // (here for 200 ms). The action it was deciding is still pending; Telegram was never called.
    const written = await world.app.wallets.apply(
      {
        id: `admin:${confirm.data.slice(4)}`,
        userId: 7021,
        kind: 'admin_credit',
        amount: 2_000,
        reference: String(ADMIN),
        at: Date.now(),
      },
      { notify: { holder: 'the-press-that-died', holdMs: 200 } },
    );
    expect(written.result).toBe('applied');
    const told = await buyer.waitForText(/added to your wallet/);
    expect(told).toContain('<b>RM 20.00</b> was added to your wallet by the shop');
    expect(told).toContain('Balance: <b>RM 20.00</b>');

    // The admin taps Confirm again on the action the dead press left pending: nothing more moves.
    expect(await toastsOf(() => admin.pressRaw(confirm.data, confirm.messageId))).toEqual([
      'Already applied: nothing changed.',
    ]);
    expect(await world.app.wallets.balance(7021)).toEqual(money(2_000, 'MYR'));
    expect((await world.app.wallets.entries(7021, { offset: 0, limit: 10 })).total).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(messagesMatching(7021, /added to your wallet/)).toBe(1);
    expect((await world.app.wallets.audit(7021)).ok).toBe(true);
  });
});

describe('/wallet <user id> and /audit', () => {
  it('shows a buyer’s balance and statement page by page', async () => {
    for (let i = 1; i <= 12; i++) await topUp(7005, 100 * i, `e2e-7005-${i}`);
    const admin = world.buyer(ADMIN);
    await admin.say('/wallet 7005');
    const text = admin.lastText();
    expect(text).toContain('Wallet of <code>7005</code>');
    expect(text).toContain('Balance: <b>RM 78.00</b>');
    expect(text).toContain('Entries 1–10 of 12, newest first:');
    expect(text).toContain('<b>+RM 12.00</b> → RM 78.00 · <code>e2e-7005-12</code>');
    await admin.press('Next');
    expect(admin.lastText()).toContain('Entries 11–12 of 12, newest first:');
    expect(admin.lastText()).toContain('<b>+RM 1.00</b> → RM 1.00');
    await admin.say('/wallet 7005 2');
    expect(admin.lastText()).toContain('Entries 11–12 of 12');
    // A bare /wallet is the admin's own wallet, in the conversation.
    await admin.say('/wallet');
    expect(admin.lastText()).toMatch(/Your wallet/);
  });

  it('/audit reports every wallet consistent, and one wallet on its own', async () => {
    const admin = world.buyer(ADMIN);
    await admin.say('/audit');
    const wallets = (await world.app.wallets.users()).length;
    expect(wallets).toBeGreaterThanOrEqual(3);
    expect(admin.lastText()).toContain(`Audit of ${wallets} wallets`);
    expect(admin.lastText()).toContain(`Consistent: <b>${wallets}</b> · With problems: <b>0</b>`);
    await admin.say('/audit 7005');
    expect(admin.lastText()).toContain(
      'The wallet of <code>7005</code> is consistent: RM 78.00, 12 entries.',
    );
  });
});

describe('/margin and /prices', () => {
  it('a previewed margin, once applied, prices new quotes; a quote already shown keeps its price', async () => {
    const buyer = world.buyer(7010);
    await topUp(7010, 10_000, 'e2e-7010');
    await toDigiConfirm(buyer, 'RM 10.00');
    // No rules yet: the face value.
    expect(buyer.lastText()).not.toContain('You pay');
    const heldQuote = buttonOf(7010, 'Confirm and pay');

    const admin = world.buyer(ADMIN);
    await admin.say('/prices');
    expect(admin.lastText()).toContain('No price rules');
    await admin.say('/margin category Prepaid 10%');
    const preview = admin.lastText();
    expect(preview).toContain('Category Prepaid');
    expect(preview).toContain('Digi Prepaid RM 5.00: RM 5.00 → <b>RM 5.50</b>');
    expect(admin.buttons()).toEqual(['✅ Apply', '✖️ Cancel']);
    const apply = buttonOf(ADMIN, 'Apply');
    // Nothing is stored before Apply.
    expect((await world.app.stores.pricing.get()).version).toBe(0);
    const toasts = await toastsOf(() =>
      Promise.all([admin.pressRaw(apply.data, apply.messageId), admin.pressRaw(apply.data, apply.messageId)]),
    );
    expect(toasts.sort()).toEqual(['Already applied: nothing changed.', 'Done.']);
    expect(world.api.messages(ADMIN).get(apply.messageId)?.text).toContain('Price rules saved.');
    expect((await world.app.stores.pricing.get()).version).toBe(1);

    await admin.say('/prices');
    expect(admin.lastText()).toContain('Category Prepaid: <b>10%</b>');

    // The quote shown before the change is paid at its price.
    await buyer.pressRaw(heldQuote.data, heldQuote.messageId);
    await buyer.waitForText(/Successful/);
    const [paid] = (await world.app.wallets.entries(7010, { offset: 0, limit: 1 })).entries;
    expect(paid).toMatchObject({ kind: 'purchase', amount: -1_000 });

    // A new quote has the margin.
    await toDigiConfirm(buyer, 'RM 10.00');
    expect(buyer.lastText()).toContain('Face value: <b>RM 10.00</b>');
    expect(buyer.lastText()).toContain('You pay: <b>RM 11.00</b>');
    await buyer.press('Confirm and pay');
    await buyer.waitForText(/Successful/);
    expect(await world.app.wallets.balance(7010)).toEqual(money(10_000 - 1_000 - 1_100, 'MYR'));
  });

  it('a rule for a product code not in the catalog is refused with look-alike codes, and cannot be applied', async () => {
    const admin = world.buyer(ADMIN);
    const before = await world.app.stores.pricing.get();
    await admin.say('/margin product ZZZ 3%');
    expect(admin.lastText()).toContain('No product with code <code>ZZZ</code> is in the current catalog');
    expect(admin.lastText()).not.toContain('unchanged');
    expect(newestButtons(admin)).toEqual([]);
    await admin.say('/margin product TNBX 3%');
    expect(admin.lastText()).toContain('Codes that look similar: <code>TNB</code>');
    expect(newestButtons(admin)).toEqual([]);
    expect((await world.app.stores.pricing.get()).version).toBe(before.version);
    // A listed code is previewed with Apply, as before.
    await admin.say('/margin product TNB fee 1.00');
    expect(admin.buttons()).toEqual(['✅ Apply', '✖️ Cancel']);
    await admin.press('Cancel');
  });

  it('Apply on a preview made before another change is refused: run /margin again', async () => {
    const admin = world.buyer(ADMIN);
    await admin.say('/margin default 5%');
    const older = buttonOf(ADMIN, 'Apply');
    await admin.say('/margin product D 3%');
    const newer = buttonOf(ADMIN, 'Apply');
    expect(await toastsOf(() => admin.pressRaw(newer.data, newer.messageId))).toEqual(['Done.']);
    expect(await toastsOf(() => admin.pressRaw(older.data, older.messageId))).toEqual([
      'The price rules changed meanwhile: run /margin again.',
    ]);
    expect(world.api.messages(ADMIN).get(older.messageId)?.text).toContain('run /margin again');
    const { rules } = await world.app.stores.pricing.get();
    expect(rules.margin.default).toBeUndefined();
    expect(rules.margin.products).toEqual({ D: { percentBp: 300 } });
    await admin.say('/margin default 5');
    expect(admin.lastText()).toContain('Write 5% or +5');
  });
});

describe('/stats', () => {
  it('shows the day’s sales, cost and margin', async () => {
    const admin = world.buyer(ADMIN);
    await admin.say('/stats');
    const text = admin.lastText();
    // Two Digi RM 10.00 reloads, paid RM 10.00 and RM 11.00; the sandbox charges 2% less.
    expect(text).toContain('Successful: <b>2</b>');
    expect(text).toContain('Sold (successful): <b>RM 20.00</b>');
    expect(text).toContain('Paid by buyers: <b>RM 21.00</b>');
    expect(text).toContain('Cost: <b>RM 19.60</b>');
    expect(text).toContain('Margin: <b>RM 1.40</b>');
  });
});

describe('/credit for a buyer with an order still open', () => {
  it('names the open orders paid from the wallet: each one that fails is paid back by itself', async () => {
    // Nothing re-queries here: the orders stay as written (the sandbox never saw them).
    await world.scheduler.stop();
    await topUp(7030, 5_000, 'e2e-7030');
    const open = sampleOrder({
      userId: 7030,
      chatId: 7030,
      state: 'needs_attention',
      charge: { price: money(1_050, 'MYR') },
    });
    const done = sampleOrder({
      userId: 7030,
      chatId: 7030,
      state: 'succeeded',
      charge: { price: money(2_100, 'MYR') },
    });
    expect((await world.store.create(open)).result).toBe('created');
    expect((await world.store.create(done)).result).toBe('created');
    const admin = world.buyer(ADMIN);
    await admin.say('/credit 7030 10.50');
    const preview = admin.lastText();
    expect(preview).toContain(`Still open for this buyer: <code>${open.refid}</code> (RM 10.50)`);
    expect(preview).toContain('a credit for it now would pay it back twice');
    expect(preview).not.toContain(done.refid);
    // A debit, or a buyer with nothing open, shows no such warning.
    await admin.say('/debit 7030 1.00');
    expect(admin.lastText()).not.toContain('Still open');
    await admin.say('/credit 7031 1.00');
    expect(admin.lastText()).not.toContain('Still open');
  });
});
