import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SANDBOX_FIXTURES as F } from '../../sandbox/iimmpact/index.js';
import { money } from '../../src/payments/money.js';
import { type BotWorld, type Buyer, startIimmpactWorld } from '../support/bot-e2e.js';
import { waitFor } from '../support/iimmpact.js';

/*
 * The buyer's wallet through the real bot: top-ups by transfer (a reference, a photo), the admins'
 * decisions racing each other, stale and forged buttons, and a Confirm the wallet cannot pay.
 */

const ADMIN = 9101;
const SECOND_ADMIN = 9102;

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

/** The callback_data of the newest admin copy's button, for a claim of `amount`. */
function claimButton(adminId: number, label: 'Approve' | 'Reject', amount: string) {
  const copies = [...world.api.messages(adminId).entries()]
    .filter(([, m]) => m.text.includes('Top-up claim') && m.text.includes(amount))
    .sort((a, b) => b[0] - a[0]);
  const [messageId, message] = copies[0] ?? [];
  type Markup = { inline_keyboard?: Array<Array<{ text: string; callback_data?: string }>> };
  const data = (message?.replyMarkup as Markup | undefined)?.inline_keyboard
    ?.flat()
    .find((b) => b.text.includes(label))?.callback_data;
  if (messageId === undefined || data === undefined) throw new Error(`no ${label} button for ${amount}`);
  return { messageId, data };
}

async function sendClaimByReference(buyer: Buyer, amount: string, reference: string) {
  await buyer.say('/wallet');
  expect(buyer.lastText()).toMatch(/Your wallet/);
  await buyer.press('Top up');
  await buyer.press(amount);
  expect(buyer.lastText()).toMatch(new RegExp(`Transfer ${amount.replace('.', '\\.')}`));
  expect(buyer.lastText()).toMatch(/Maybank 5123 4567 8901/);
  await buyer.say(reference);
  expect(buyer.lastText()).toMatch(/Top-up sent for checking/);
}

function toastsOf(queryIds: Set<string>): string[] {
  return world.api
    .callsOf('answerCallbackQuery')
    .filter((c) => queryIds.has(String(c.params.callback_query_id)))
    .map((c) => String(c.params.text ?? ''));
}

describe('top-up by bank transfer', () => {
  it('a reference claim goes to both admins; simultaneous approvals and a double tap credit once', async () => {
    const buyer = world.buyer(6001);
    await sendClaimByReference(buyer, 'RM 50.00', 'MBB 7788 9900');
    for (const admin of [ADMIN, SECOND_ADMIN]) {
      const copy = await waitFor(() =>
        [...world.api.messages(admin).values()].find((m) => m.text.includes('Buyer: <code>6001</code>')),
      );
      expect(copy.text).toContain('RM 50.00');
      expect(copy.text).toContain('MBB 7788 9900');
    }
    const first = claimButton(ADMIN, 'Approve', 'RM 50.00');
    const second = claimButton(SECOND_ADMIN, 'Approve', 'RM 50.00');
    const before = world.api.callsOf('answerCallbackQuery').length;
    await Promise.all([
      world.buyer(ADMIN).pressRaw(first.data, first.messageId),
      world.buyer(SECOND_ADMIN).pressRaw(second.data, second.messageId),
      world.buyer(ADMIN).pressRaw(first.data, first.messageId),
    ]);
    const toasts = world.api
      .callsOf('answerCallbackQuery')
      .slice(before)
      .map((c) => String(c.params.text ?? ''));
    expect(toasts.filter((t) => /^Approved/.test(t))).toHaveLength(1);
    expect(toasts.filter((t) => /already decided/.test(t))).toHaveLength(2);

    const balance = await world.app.wallets.balance(6001);
    expect(balance).toEqual(money(5_000, 'MYR'));
    const page = await world.app.wallets.entries(6001, { offset: 0, limit: 10 });
    expect(page.total).toBe(1);
    expect(page.entries[0]).toMatchObject({ kind: 'topup', amount: 5_000 });
    expect((await world.app.wallets.audit(6001)).ok).toBe(true);

    await buyer.waitForText(/Top-up approved/);
    expect(buyer.lastText()).toMatch(/Balance: <b>RM 50\.00<\/b>/);
    // The credit's notice, kept in the outbox with it, was settled by the press that told the buyer.
    const claimId = page.entries[0]?.reference ?? '';
    await waitFor(async () => ((await world.noticePending(6001, `topup:${claimId}`)) ? undefined : true));
    // Three presses, one credit, one message to the buyer.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const toldBuyer = [...world.api.messages(6001).values()].filter((m) =>
      /Top-up (approved|credited)/.test(m.text),
    );
    expect(toldBuyer).toHaveLength(1);
    const edited = [...world.api.messages(SECOND_ADMIN).values()].find(
      (m) => m.text.includes('Buyer: <code>6001</code>') && m.text.includes('Approved'),
    );
    expect(edited?.text).toMatch(/Approved<\/b> by <code>910[12]<\/code>/);
    await buyer.say('/wallet');
    expect(buyer.lastText()).toMatch(/Balance: <b>RM 50\.00<\/b>/);
    expect(buyer.lastText()).toMatch(/Top-up · <b>\+RM 50\.00<\/b>/);
  });

  it('Telegram refuses the approval message: the notice worker tells the buyer once, soon after', async () => {
    const buyer = world.buyer(6005);
    await sendClaimByReference(buyer, 'RM 100.00', 'CIMB 1122 3344');
    await waitFor(() =>
      [...world.api.messages(ADMIN).values()].find((m) => m.text.includes('Buyer: <code>6005</code>')),
    );
    const approve = claimButton(ADMIN, 'Approve', 'RM 100.00');
    world.api.failNext('sendMessage', 500, 'Internal Server Error');
    await world.buyer(ADMIN).pressRaw(approve.data, approve.messageId);
    expect(await world.app.wallets.balance(6005)).toEqual(money(10_000, 'MYR'));
    const told = await buyer.waitForText(/Top-up credited/);
    expect(told).toContain('RM 100.00 was added to your wallet. Balance: <b>RM 100.00</b>');
    const [entry] = (await world.app.wallets.entries(6005, { offset: 0, limit: 10 })).entries;
    await waitFor(async () => ((await world.noticePending(6005, entry?.id ?? '')) ? undefined : true));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const notices = [...world.api.messages(6005).values()].filter((m) =>
      /Top-up (credited|approved)/.test(m.text),
    );
    expect(notices).toHaveLength(1);
  });

  it('a receipt photo is passed on to the admins by file id; a reject credits nothing', async () => {
    const buyer = world.buyer(6002);
    await buyer.say('/wallet');
    await buyer.press('Top up');
    await buyer.say('23.45');
    expect(buyer.lastText()).toMatch(/Transfer RM 23\.45/);
    // A sticker is not evidence.
    await world.deliver({
      update_id: 900_001,
      message: {
        message_id: 500,
        date: Math.floor(Date.now() / 1000),
        chat: { id: 6002, type: 'private' },
        from: { id: 6002, is_bot: false, first_name: 'B', language_code: 'en' },
        sticker: {
          file_id: 'STK',
          file_unique_id: 'u',
          width: 1,
          height: 1,
          is_animated: false,
          is_video: false,
          type: 'regular',
        },
      },
    });
    expect(buyer.lastText()).toMatch(/Please send a <b>photo<\/b>/);
    await world.deliver({
      update_id: 900_002,
      message: {
        message_id: 501,
        date: Math.floor(Date.now() / 1000),
        chat: { id: 6002, type: 'private' },
        from: { id: 6002, is_bot: false, first_name: 'B', language_code: 'en' },
        photo: [
          { file_id: 'SMALL', file_unique_id: 's', width: 90, height: 160 },
          { file_id: 'LARGEST_RECEIPT', file_unique_id: 'l', width: 720, height: 1280 },
        ],
        caption: 'CIMB 55501',
      },
    });
    expect(buyer.lastText()).toMatch(/Top-up sent for checking/);
    expect(buyer.lastText()).toContain('Receipt photo: attached');
    const photos = world.api.callsOf('sendPhoto').filter((c) => Number(c.params.chat_id) === ADMIN);
    expect(photos.at(-1)?.params.photo).toBe('LARGEST_RECEIPT');
    const late = claimButton(ADMIN, 'Approve', 'RM 23.45');
    const reject = claimButton(SECOND_ADMIN, 'Reject', 'RM 23.45');
    await world.buyer(SECOND_ADMIN).pressRaw(reject.data, reject.messageId);
    await buyer.waitForText(/Top-up not approved/);
    expect(await world.app.wallets.balance(6002)).toEqual(money(0, 'MYR'));
    // The other admin's copy now says who rejected it; their stale Approve changes nothing.
    expect(world.api.messages(ADMIN).get(late.messageId)?.text).toMatch(
      /Rejected<\/b> by <code>9102<\/code>/,
    );
    await world.buyer(ADMIN).pressRaw(late.data, late.messageId);
    expect(await world.app.wallets.balance(6002)).toEqual(money(0, 'MYR'));
  });

  it('a forged claim button, and a press by a non-admin, do nothing but say so', async () => {
    const buyer = world.buyer(6003);
    await sendClaimByReference(buyer, 'RM 20.00', 'REF 424242');
    const approve = claimButton(ADMIN, 'Approve', 'RM 20.00');
    const ids = new Set<string>();
    const before = world.api.callsOf('answerCallbackQuery').length;
    await buyer.pressRaw(approve.data, buyer.newestMessageId());
    await world.buyer(ADMIN).pressRaw(`t:a:${randomUUID().slice(0, 12)}`, approve.messageId);
    for (const call of world.api.callsOf('answerCallbackQuery').slice(before))
      ids.add(String(call.params.callback_query_id));
    const toasts = toastsOf(ids);
    expect(toasts).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/Only the shop’s admins/),
        expect.stringMatching(/no longer exists/),
      ]),
    );
    expect(await world.app.wallets.balance(6003)).toEqual(money(0, 'MYR'));
    const admin = world.buyer(ADMIN);
    await admin.say('/topups');
    expect(admin.lastText()).toMatch(/awaiting review: \d+/);
    expect(admin.lastText()).toContain('REF 424242');
  });
});

describe('paying from the wallet', () => {
  it('a bill’s amount prompt holds to the shop’s per-order maximum, and the summary says the wallet is short', async () => {
    const buyer = world.buyer(6006);
    const topup = await world.app.wallets.apply({
      id: `topup:${randomUUID()}`,
      userId: 6006,
      kind: 'topup',
      amount: 100_00,
      reference: 'e2e',
      at: Date.now(),
    });
    expect(topup.result).toBe('applied');
    await buyer.say('/start');
    await buyer.press('Utilities');
    await buyer.press('Tenaga Nasional');
    await buyer.say(F.tnb.validAccount);
    // The provider allows up to RM 5,000.00; MAX_ORDER_AMOUNT (default RM 1,000.00) narrows it.
    expect(buyer.lastText()).toContain('from <b>RM 1.00</b> to <b>RM 1,000.00</b>');
    await buyer.say('1,234.50');
    expect(buyer.lastText()).toContain('That is above the maximum of RM 1,000.00.');
    expect(buyer.lastText()).toContain('Type the amount to pay');
    await buyer.say('99999999999999999999');
    expect(buyer.lastText()).toContain('That is above the maximum of RM 1,000.00.');
    await buyer.say('150');
    expect(buyer.lastText()).toMatch(/Please check your order/);
    expect(buyer.lastText()).toContain(
      'Your wallet holds <b>RM 100.00</b>, <b>RM 50.00</b> short of this price',
    );
    expect(buyer.buttons()).toEqual(expect.arrayContaining(['➕ Top up', '✅ Confirm and pay']));
    // Confirm still decides, and refuses as before: nothing is made.
    await buyer.press('Confirm and pay');
    expect(await buyer.waitForText(/Not enough in your wallet/)).toContain('you need <b>RM 50.00</b> more');
    expect(await world.store.listByUser(6006, 10)).toEqual([]);
  });

  it('Confirm with too little in the wallet shows the shortfall and Top up, and makes no order', async () => {
    const buyer = world.buyer(6004);
    await buyer.say('/start');
    expect(buyer.lastText()).toMatch(/Wallet balance: <b>RM 0\.00<\/b>/);
    await buyer.press('Prepaid');
    await buyer.press('Digi Prepaid');
    await buyer.say('0123456780');
    await buyer.press('RM 10.00');
    await buyer.press('Confirm and pay');
    const text = await buyer.waitForText(/Not enough in your wallet/);
    expect(text).toContain('you need <b>RM 10.00</b> more');
    expect(buyer.buttons()).toEqual(expect.arrayContaining(['➕ Top up', '⬅️ Back']));
    expect(await world.store.listByUser(6004, 10)).toEqual([]);
    await buyer.press('Top up');
    expect(buyer.lastText()).toMatch(/Top up your wallet/);
  });
});
