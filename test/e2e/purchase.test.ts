import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SANDBOX_FIXTURES as F, type IimmpactSandbox } from '../../sandbox/iimmpact/index.js';
import type { PaymentProvider } from '../../src/payments/provider.js';
import { type BotWorld, type Buyer, startBotWorld } from '../support/bot-e2e.js';
import { iimmpactProviderFor } from '../support/engine.js';
import { startTestSandbox, TEST_API_KEY, TEST_HMAC_SECRET, waitFor } from '../support/iimmpact.js';

/*
 * Whole purchases through the real bot: Telegram updates over HTTP to the webhook handler, a Bot API
 * stand-in recording what the bot sends, the sandbox playing IIMMPACT, and a real Redis.
 */

let sandbox: IimmpactSandbox;
let provider: PaymentProvider;
let world: BotWorld;
let nextBuyer = 1000;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  provider = iimmpactProviderFor(sandbox);
  world = await startBotWorld({
    redisUrl: inject('redisUrl'),
    provider,
    secrets: [TEST_API_KEY, TEST_HMAC_SECRET],
  });
});
afterAll(async () => {
  await world.close();
  await provider.close();
  await sandbox.close();
});

const newBuyer = (languageCode = 'en') => world.buyer(nextBuyer++, languageCode);
const RECEIPT = /Successful/;

/** Buttons of the message whose text matches, as the Bot API would show them. */
function markupOf(buyer: Buyer, pattern: RegExp) {
  const message = [...world.api.messages(buyer.id).values()].find((m) => pattern.test(m.text));
  return (
    (message?.replyMarkup as { inline_keyboard?: unknown[][] } | undefined)?.inline_keyboard ?? []
  ).flat() as Array<Record<string, unknown>>;
}

async function confirmAndWaitForReceipt(buyer: Buyer): Promise<string> {
  expect(buyer.lastText()).toMatch(/Please check your order/);
  await buyer.press('Confirm and pay');
  return buyer.waitForText(/Successful|failed|could not|refunded/i);
}

const lastTransaction = () => sandbox.transactions().at(-1);

describe('a buyer who has never seen the bot', () => {
  it('reloads a prepaid number from /start to receipt', async () => {
    const buyer = newBuyer();
    await buyer.say('/start');
    expect(buyer.lastText()).toMatch(/What would you like to buy/);
    await buyer.press('Prepaid');
    await buyer.press('Digi Prepaid');
    expect(buyer.lastText()).toMatch(/Mobile Number/);
    await buyer.say('+60 12-345 6780');
    await buyer.press('RM 10.00');
    expect(buyer.lastText()).toMatch(/60123456780/);
    const receipt = await confirmAndWaitForReceipt(buyer);
    expect(receipt).toMatch(RECEIPT);
    expect(receipt).toMatch(/Serial number: <code>\d+<\/code>/);
    expect(receipt).toMatch(/RM 10\.00/);
    expect(lastTransaction()).toMatchObject({ product: 'D', account: '60123456780', amountSen: 1000 });
  });

  it('buys a gift card and gets its PIN with a copy button and the voucher link as a URL button', async () => {
    const buyer = newBuyer();
    await buyer.say('/start');
    await buyer.press('Gift Card');
    await buyer.say('0123456789');
    await buyer.press('RM 10.00');
    const receipt = await confirmAndWaitForReceipt(buyer);
    const pin = lastTransaction()?.pin ?? '';
    expect(pin).not.toBe('');
    expect(receipt).toContain(`<code>${pin}</code>`);
    const buttons = markupOf(buyer, RECEIPT);
    expect(buttons).toContainEqual(expect.objectContaining({ copy_text: { text: pin } }));
    expect(buttons).toContainEqual(expect.objectContaining({ url: lastTransaction()?.voucherlink }));
  });

  it('picks a mobile-data plan offered for that number', async () => {
    const buyer = newBuyer();
    await buyer.say('/start');
    await buyer.press('Internet');
    await buyer.press('Hotlink Internet');
    await buyer.say(F.mobileData.oddNumber);
    expect(buyer.buttons().join('\n')).toMatch(/Unlimited Hotspot/);
    await buyer.press('Unlimited Hotspot');
    const receipt = await confirmAndWaitForReceipt(buyer);
    expect(receipt).toMatch(RECEIPT);
    expect(lastTransaction()).toMatchObject({ product: 'HI', amountSen: 4000 });
    expect(lastTransaction()?.extras.subproduct_code).toBe(F.mobileData.oddOnlyPlanCode);
  });

  it('pays a utility bill after an invalid account, with the outstanding amount offered', async () => {
    const buyer = newBuyer();
    await buyer.say('/start');
    await buyer.press('Utilities');
    await buyer.press('Tenaga Nasional');
    await buyer.say(F.tnb.invalidAccount);
    expect(buyer.lastText()).toMatch(/Invalid account no/);
    expect(buyer.lastText()).toMatch(/type it again/);
    await buyer.say(F.tnb.validAccount);
    expect(buyer.lastText()).toContain(F.tnb.customerName);
    await buyer.press('Pay the outstanding RM 123.45');
    expect(buyer.lastText()).toContain(F.tnb.customerName);
    const receipt = await confirmAndWaitForReceipt(buyer);
    expect(receipt).toMatch(RECEIPT);
    expect(lastTransaction()).toMatchObject({
      product: 'TNB',
      account: F.tnb.validAccount,
      amountSen: 12345,
    });
  });

  it('pays into one of two PTPTN accounts found by NRIC', async () => {
    const buyer = newBuyer();
    await buyer.say('/start');
    await buyer.press('Education');
    await buyer.say('900101-14-5678');
    expect(buyer.lastText()).toMatch(/PTPTN/);
    expect(buyer.lastText()).toMatch(/SSPN/);
    await buyer.press('DIPLOMA');
    await buyer.say('50');
    const receipt = await confirmAndWaitForReceipt(buyer);
    expect(receipt).toMatch(RECEIPT);
    expect(lastTransaction()).toMatchObject({ product: 'PTPTN', account: F.ptptn.account, amountSen: 5000 });
    expect(lastTransaction()?.extras).toMatchObject({ subproduct_code: 'K', ic_number: F.ptptn.nric });
  });

  it('buys an eSIM and receives its activation code', async () => {
    const buyer = newBuyer();
    await buyer.say('/start');
    await buyer.press('Travel eSIM');
    await buyer.say('0123456780');
    const receipt = await confirmAndWaitForReceipt(buyer);
    expect(receipt).toMatch(RECEIPT);
    expect(receipt).toMatch(/Activation code: <code>LPA:1\$/);
    expect(lastTransaction()).toMatchObject({ product: F.esim.product, amountSen: 3500 });
    // The QR image of the LPA string, uploaded as a photo after the receipt.
    const photo = await waitFor(() =>
      world.api.callsOf('sendPhoto').find((call) => Number(call.params.chat_id) === buyer.id),
    );
    const upload = photo.params.photo as { contentType: string; bytes: Buffer };
    expect(upload.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  it('explains a failure in plain words and offers to try again', async () => {
    const buyer = newBuyer();
    await buyer.say('/start');
    await buyer.press('Prepaid');
    await buyer.press('Digi Prepaid');
    await buyer.say(F.testAccounts.outOfStock);
    await buyer.press('RM 10.00');
    const message = await confirmAndWaitForReceipt(buyer);
    expect(message).toMatch(/out of stock/i);
    expect(buyer.buttons().join(' ')).toMatch(/Try again/i);
  });

  it('keeps the buyer informed through Accepted and Processing until Succesful', async () => {
    const slow = await startTestSandbox({ timing: { acceptedMs: 150, processingMs: 150 } });
    const slowProvider = iimmpactProviderFor(slow);
    const slowWorld = await startBotWorld({ redisUrl: inject('redisUrl'), provider: slowProvider });
    try {
      const buyer = slowWorld.buyer(77);
      await buyer.say('/start');
      await buyer.press('Prepaid');
      await buyer.press('Digi Prepaid');
      await buyer.say('0123456780');
      await buyer.press('RM 10.00');
      await buyer.press('Confirm and pay');
      expect(buyer.lastText()).toMatch(/Processing/);
      const statusMessageId = buyer.newestMessageId();
      await buyer.waitForText(RECEIPT);
      expect(buyer.textOf(statusMessageId)).toMatch(RECEIPT);
      const edits = slowWorld.api
        .callsOf('editMessageText')
        .filter((c) => c.params.message_id === statusMessageId);
      expect(edits.length).toBeGreaterThanOrEqual(2);
      expect(slow.transactions()).toHaveLength(1);
    } finally {
      await slowWorld.close();
      await slowProvider.close();
      await slow.close();
    }
  });

  it('answers a stale button politely and changes nothing', async () => {
    const buyer = newBuyer();
    await buyer.say('/start');
    const oldMenu = buyer.newestMessageId();
    await buyer.press('Prepaid');
    await buyer.say('/start');
    const currentMenu = buyer.newestMessageId();
    const before = sandbox.transactions().length;
    const oldMarkup = world.api.messages(buyer.id).get(oldMenu)?.replyMarkup as
      | { inline_keyboard: Array<Array<{ callback_data?: string }>> }
      | undefined;
    const oldButton = oldMarkup?.inline_keyboard[0]?.[0]?.callback_data ?? '';
    // The old menu was edited into the category screen; its first button now belongs to a past screen.
    // The webhook's answer stopped the spinner, so the word comes as a message.
    await buyer.pressRaw(oldButton, oldMenu);
    expect(buyer.lastText()).toMatch(/menu has expired/i);
    expect(buyer.textOf(currentMenu)).toMatch(/What would you like to buy/);
    // A press on the screen the buyer is looking at that is not one of its buttons (a double tap,
    // a forged one) gets nothing more than its answer: the screen is right there.
    const messages = world.api.messages(buyer.id).size;
    await buyer.pressRaw('s:forged:zz', currentMenu);
    expect(world.api.messages(buyer.id).size).toBe(messages);
    expect(buyer.textOf(currentMenu)).toMatch(/What would you like to buy/);
    expect(sandbox.transactions()).toHaveLength(before);
  });

  it('meets a returning buyer’s press on a menu from an expired session with one message: where they are now', async () => {
    const buyer = newBuyer();
    // No session (a fresh buyer is one whose session ran out): yesterday's menu button.
    await buyer.pressRaw('s:abc123:m', 41);
    const texts = [...world.api.messages(buyer.id).values()].map((message) => message.text);
    expect(texts).toHaveLength(1);
    expect(texts[0]).toMatch(/That menu has expired\. Here is where you are now/);
  });

  it('shows past orders in /history and their receipt on a tap', async () => {
    const buyer = newBuyer();
    await buyer.say('/start');
    await buyer.press('Prepaid');
    await buyer.press('Digi Prepaid');
    await buyer.say('0123456780');
    await buyer.press('RM 5.00');
    await confirmAndWaitForReceipt(buyer);
    await buyer.say('/history');
    expect(buyer.lastText()).toMatch(/Your recent orders/);
    expect(buyer.buttons()).toContainEqual(expect.stringMatching(/^✅ .*RM 5\.00 · Digi Prepaid$/));
    await buyer.press('Digi Prepaid');
    expect(buyer.lastText()).toMatch(RECEIPT);
    expect(buyer.lastText()).toMatch(/RM 5\.00/);
  });

  it('waits out Telegram’s 429 and still answers', async () => {
    const buyer = newBuyer();
    world.api.failNext('sendMessage', 429, 'Too Many Requests: retry after 1', 1);
    await buyer.say('/start');
    expect(buyer.lastText()).toMatch(/What would you like to buy/);
  });

  it('answered every button press of the purchases above exactly once', () => {
    expect(world.callbackQueriesDelivered()).toBeGreaterThan(20);
    expect(world.api.callsOf('answerCallbackQuery')).toHaveLength(world.callbackQueriesDelivered());
    // In webhook mode the buyers' presses are answered in the webhook's answer, not by a call of ours.
    expect(world.api.callsOf('answerCallbackQuery').every((call) => call.fromWebhookAnswer)).toBe(true);
  });
});

describe('chats and languages', () => {
  it('speaks Bahasa Melayu to a buyer whose Telegram is in Malay, and /lang switches', async () => {
    const buyer = newBuyer('ms');
    await buyer.say('/start');
    const malay = buyer.lastText();
    expect(malay).not.toMatch(/What would you like to buy/);
    await buyer.say('/lang');
    await buyer.press('English');
    await buyer.say('/start');
    expect(buyer.lastText()).toMatch(/What would you like to buy/);
  });

  it('works only in private chats and says so in a group', async () => {
    const status = await world.deliver({
      update_id: 9_000_001,
      message: {
        message_id: 1,
        date: Math.floor(Date.now() / 1000),
        chat: { id: -100123, type: 'supergroup', title: 'Friends' },
        from: { id: 555, is_bot: false, first_name: 'G' },
        text: '/start',
        entities: [{ type: 'bot_command', offset: 0, length: 6 }],
      },
    });
    expect(status).toBe(200);
    const reply = world.api.callsOf('sendMessage').find((c) => c.params.chat_id === -100123);
    expect(String(reply?.params.text)).toMatch(/private/i);
  });

  it('never logs secrets or PINs', () => {
    const logs = world.logs.join('\n');
    expect(logs.length).toBeGreaterThan(0);
    for (const secret of [TEST_API_KEY, TEST_HMAC_SECRET, world.api.token])
      expect(logs).not.toContain(secret);
    for (const t of sandbox.transactions()) if (t.pin) expect(logs).not.toContain(t.pin);
  });
});
