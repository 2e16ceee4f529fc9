import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SANDBOX_FIXTURES as F, HOLD_ACCOUNT, type IimmpactSandbox } from '../../sandbox/iimmpact/index.js';
import { shopDayStart } from '../../src/bot/access/daily-limits.js';
import { formatMoney, money } from '../../src/payments/money.js';
import type { RetrySchedule } from '../../src/payments/orders/retry-schedule.js';
import type { PaymentProvider } from '../../src/payments/provider.js';
import { type BotWorld, type Buyer, startBotWorld } from '../support/bot-e2e.js';
import { iimmpactProviderFor } from '../support/engine.js';
import { startTestSandbox, TEST_API_KEY, TEST_HMAC_SECRET, waitFor } from '../support/iimmpact.js';

/*
 * Admin commands, buyer access control and the admins' alerts, through the real bot: updates over
 * HTTP to the webhook handler, the Bot API stand-in recording what the bot sends (to buyers and to
 * admins), the sandbox playing IIMMPACT and a real Redis.
 */

/** Nothing is re-queried by itself for a minute, so a test sees exactly the calls it causes. */
const SLOW_SCHEDULE: RetrySchedule = {
  fastAttempts: 1,
  fastMinMs: 60_000,
  fastMaxMs: 60_000,
  backoffStartMs: 60_000,
  maxMs: 60_000,
  attentionIntervalMs: 60_000,
  buyerRecheckGapMs: 60_000,
};

const running: Array<{ world: BotWorld; provider: PaymentProvider; sandbox: IimmpactSandbox }> = [];

async function startWorld(options: Omit<Parameters<typeof startBotWorld>[0], 'redisUrl' | 'provider'>) {
  const sandbox = await startTestSandbox();
  const provider = iimmpactProviderFor(sandbox);
  const world = await startBotWorld({
    redisUrl: inject('redisUrl'),
    provider,
    secrets: [TEST_API_KEY, TEST_HMAC_SECRET],
    ...options,
  });
  running.push({ world, provider, sandbox });
  return { world, sandbox };
}

afterAll(async () => {
  for (const { world, provider, sandbox } of running) {
    await world.close();
    await provider.close();
    await sandbox.close();
  }
});

/** Walks a Digi prepaid purchase up to the confirm screen. */
async function toConfirm(buyer: Buyer, account: string, amount: string) {
  await buyer.say('/start');
  await buyer.press('Prepaid');
  await buyer.press('Digi Prepaid');
  await buyer.say(account);
  await buyer.press(amount);
  expect(buyer.lastText()).toMatch(/Please check your order/);
}

/** Confirms and waits for the status message to leave "Processing"; returns its text. */
async function confirmAndSettle(buyer: Buyer): Promise<string> {
  await buyer.press('Confirm and pay');
  const statusMessage = buyer.newestMessageId();
  return waitFor(() => {
    const text = buyer.textOf(statusMessage) ?? '';
    return /Processing/.test(text) ? undefined : text;
  });
}

/** The texts a chat has received, oldest first. */
function chatTexts(world: BotWorld, chatId: number): string[] {
  return [...world.api.messages(chatId).entries()].sort((a, b) => a[0] - b[0]).map(([, m]) => m.text);
}

function expectNoSecretsOrPins(world: BotWorld, sandbox: IimmpactSandbox) {
  const logs = world.logs.join('\n');
  for (const secret of [TEST_API_KEY, TEST_HMAC_SECRET, world.api.token]) expect(logs).not.toContain(secret);
  for (const t of sandbox.transactions()) if (t.pin) expect(logs).not.toContain(t.pin);
}

describe('admin commands', () => {
  const ADMIN = 9001;
  const SECOND_ADMIN = 9002;
  const BUYER = 5001;
  let world: BotWorld;
  let sandbox: IimmpactSandbox;
  let heldRefid = '';

  beforeAll(async () => {
    ({ world, sandbox } = await startWorld({
      adminIds: [ADMIN, SECOND_ADMIN],
      shop: {
        ACCESS_MODE: 'allowlist',
        ALLOWED_USER_IDS: [BUYER, 5002],
        // Above the sandbox's RM 500,000.00: every payment leaves the wallet "low".
        LOW_BALANCE_THRESHOLD: '1000000.00',
      },
      schedule: SLOW_SCHEDULE,
    }));
  });

  it('/balance shows the provider wallet and account', async () => {
    const admin = world.buyer(ADMIN);
    await admin.say('/balance');
    const text = admin.lastText();
    expect(text).toContain(formatMoney(money(sandbox.balanceSen(), 'MYR')));
    expect(text).toContain('RM 500,000.00');
    expect(text).toContain(F.merchant.account);
    expect(text).toContain(F.merchant.name);
    expect(text).toMatch(/Alert below: <b>RM 1,000,000\.00<\/b>/);
    expect(text).toMatch(/Below the low-balance alert threshold/);
  });

  it('answers a non-admin’s /balance exactly like any unknown command', async () => {
    const buyer = world.buyer(5002);
    await buyer.say('/start');
    await buyer.say('/frobnicate');
    const unknown = buyer.lastText();
    const unknownButtons = buyer.buttons();
    expect(unknown).toMatch(/I don’t know that command/);
    for (const command of ['/balance', '/order R-1', '/pending', '/stats']) {
      await buyer.say(command);
      expect(buyer.lastText()).toBe(unknown);
      expect(buyer.buttons()).toEqual(unknownButtons);
    }
    // The buyer's own shop wallet is on their menu now; the provider's wallet never is.
    expect(chatTexts(world, 5002).join('\n')).not.toMatch(/Provider wallet|Orders not final|Today,/i);
  });

  it('a payment leaves the wallet below the threshold: every admin is alerted, once', async () => {
    const buyer = world.buyer(BUYER);
    await toConfirm(buyer, F.prepaid.successAccount, 'RM 10.00');
    expect(await confirmAndSettle(buyer)).toMatch(/Successful/);
    for (const admin of [ADMIN, SECOND_ADMIN]) {
      const alert = await waitFor(() => chatTexts(world, admin).find((t) => /Low wallet balance/.test(t)));
      expect(alert).toContain(formatMoney(money(sandbox.balanceSen(), 'MYR')));
      expect(alert).toContain('RM 1,000,000.00');
    }
    // A second payment within the quiet period says nothing new.
    await toConfirm(buyer, F.prepaid.successAccount, 'RM 5.00');
    expect(await confirmAndSettle(buyer)).toMatch(/Successful/);
    await world.engine.idle();
    await world.alerts.idle();
    expect(chatTexts(world, ADMIN).filter((t) => /Low wallet balance/.test(t))).toHaveLength(1);
  });

  it('/pending lists an order the provider keeps Processing', async () => {
    const buyer = world.buyer(BUYER);
    await toConfirm(buyer, HOLD_ACCOUNT, 'RM 10.00');
    await buyer.press('Confirm and pay');
    const [order] = await world.engine.listByUser(BUYER, 1);
    heldRefid = order?.refid ?? '';
    expect(order?.request.account).toBe(HOLD_ACCOUNT);
    await waitFor(async () => ((await world.engine.get(heldRefid))?.state === 'pending' ? true : undefined));
    // And whoever paid it (the confirm or the scheduler) has let go of it: a 1 ms probe lease.
    await waitFor(async () =>
      (await world.store.tryLease(heldRefid, 'probe', Date.now(), 1)) ? true : undefined,
    );

    const admin = world.buyer(ADMIN);
    await admin.say('/pending');
    const text = admin.lastText();
    expect(text).toMatch(/Orders not final: 1/);
    expect(text).toContain(heldRefid);
    expect(text).toContain('RM 10.00');
    expect(text).toContain(`Buyer <code>${BUYER}</code>`);
  });

  it('/order shows the order with its history and re-queries it now', async () => {
    const admin = world.buyer(ADMIN);
    const before = sandbox.requestCount();
    const attempts = (await world.engine.get(heldRefid))?.attempts ?? 0;
    await admin.say(`/order ${heldRefid}`);
    const text = admin.lastText();
    expect(sandbox.requestCount()).toBeGreaterThan(before);
    expect((await world.engine.get(heldRefid))?.attempts).toBe(attempts + 1);
    expect(text).toContain(heldRefid);
    expect(text).toMatch(/Pending at the provider/);
    expect(text).toMatch(/<b>History<\/b>/);
    expect(text).toMatch(/confirmed by buyer/);
    expect(text).toMatch(/Processing/);
    expect(text).toMatch(/Re-queried with the provider just now/);
  });

  it('/order answers a missing or unknown reference plainly', async () => {
    const admin = world.buyer(ADMIN);
    await admin.say('/order');
    expect(admin.lastText()).toMatch(/followed by an order reference/);
    await admin.say('/order NOPE-123');
    expect(admin.lastText()).toMatch(/No order has the reference <code>NOPE-123<\/code>/);
  });

  it('/stats counts today’s orders, successes, volume and cost', async () => {
    const today = await world.store.listCreatedSince(shopDayStart(Date.now()), 100);
    expect(today).toHaveLength(3);
    const admin = world.buyer(ADMIN);
    await admin.say('/stats');
    const text = admin.lastText();
    expect(text).toMatch(/Today, \d+ \w+ \d{4}/);
    expect(text).toContain('Orders: <b>3</b>');
    expect(text).toContain('Buyers: <b>1</b>');
    expect(text).toContain('Successful: <b>2</b>');
    expect(text).toContain('In progress: <b>1</b>');
    expect(text).toContain('Success rate: <b>100%</b>');
    expect(text).toContain('Sold (successful): <b>RM 15.00</b>');
    // The sandbox gives a 2% discount on prepaid reloads.
    expect(text).toContain('Cost: <b>RM 14.70</b>');
  });

  it('speaks Malay to an admin whose Telegram is in Malay', async () => {
    const admin = world.buyer(SECOND_ADMIN, 'ms');
    await admin.say('/pending');
    expect(admin.lastText()).toMatch(/Pesanan belum muktamad: 1/);
  });

  it('registers the buyer menu for everyone and the admin menu in each admin’s chat at start', async () => {
    const calls = world.api.callsOf('setMyCommands').map((c) => ({
      scope: c.params.scope,
      language: c.params.language_code,
      commands: (c.params.commands as Array<{ command: string }>).map((command) => command.command),
    }));
    const buyer = ['start', 'wallet', 'history', 'help', 'lang', 'privacy', 'cancel'];
    const admin = [
      ...buyer,
      'balance',
      'order',
      'pending',
      'stats',
      'topups',
      'verify',
      'unverify',
      'credit',
      'debit',
      'audit',
      'margin',
      'prices',
      'reconcile',
      'export',
      'reported',
    ];
    expect(calls).toEqual([
      { scope: { type: 'default' }, language: undefined, commands: buyer },
      { scope: { type: 'default' }, language: 'ms', commands: buyer },
      { scope: { type: 'default' }, language: 'id', commands: buyer },
      { scope: { type: 'chat', chat_id: ADMIN }, language: undefined, commands: admin },
      { scope: { type: 'chat', chat_id: ADMIN }, language: 'ms', commands: admin },
      { scope: { type: 'chat', chat_id: ADMIN }, language: 'id', commands: admin },
      { scope: { type: 'chat', chat_id: SECOND_ADMIN }, language: undefined, commands: admin },
      { scope: { type: 'chat', chat_id: SECOND_ADMIN }, language: 'ms', commands: admin },
      { scope: { type: 'chat', chat_id: SECOND_ADMIN }, language: 'id', commands: admin },
    ]);
  });

  it('never logs secrets or PINs', () => {
    expectNoSecretsOrPins(world, sandbox);
  });
});

describe('an order needing attention', () => {
  const ADMINS = [9201, 9202];

  it('alerts every admin with its reference', async () => {
    const { world } = await startWorld({ adminIds: ADMINS, attentionAfterMs: 300 });
    const buyer = world.buyer(5101);
    await toConfirm(buyer, HOLD_ACCOUNT, 'RM 10.00');
    await buyer.press('Confirm and pay');
    const [order] = await world.engine.listByUser(5101, 1);
    const refid = order?.refid ?? 'missing';
    for (const admin of ADMINS) {
      const alert = await waitFor(() => chatTexts(world, admin).find((t) => /needs attention/.test(t)));
      expect(alert).toContain(refid);
      expect(alert).toContain(`/order ${refid}`);
      expect(alert).toContain('RM 10.00');
    }
    expect((await world.engine.get(refid))?.state).toBe('needs_attention');
    // The buyer is never told about the alert.
    expect(chatTexts(world, 5101).join('\n')).not.toMatch(/needs attention/);
  });
});

describe('who may buy', () => {
  const ALLOWED = [6001, 6002, 6003];
  let world: BotWorld;
  let sandbox: IimmpactSandbox;

  beforeAll(async () => {
    ({ world, sandbox } = await startWorld({
      adminIds: [9301],
      shop: {
        ACCESS_MODE: 'allowlist',
        ALLOWED_USER_IDS: ALLOWED,
        USER_DAILY_LIMIT_COUNT: 2,
        USER_DAILY_LIMIT_AMOUNT: '25',
      },
    }));
  });

  it('tells a buyer who is not on the allowlist why, and shows no shop', async () => {
    const stranger = world.buyer(6999);
    const providerCalls = sandbox.requestCount();
    await stranger.say('/start');
    const text = stranger.lastText();
    expect(text).toMatch(/only serves invited customers/);
    expect(text).toContain('<code>6999</code>');
    expect(stranger.buttons()).toEqual([]);
    await stranger.say('0123456780');
    expect(stranger.lastText()).toBe(text);
    await stranger.say('/balance');
    expect(stranger.lastText()).toBe(text);
    // A button from somewhere else (forged, or from before they were removed) is refused too: the
    // webhook's answer stops its spinner, and the refusal comes as a message (a toast cannot follow).
    const messagesBefore = chatTexts(world, 6999).length;
    await stranger.pressRaw('g:m', stranger.newestMessageId());
    expect(world.api.callsOf('answerCallbackQuery').at(-1)).toMatchObject({ fromWebhookAnswer: true });
    expect(chatTexts(world, 6999)).toHaveLength(messagesBefore + 1);
    expect(stranger.lastText()).toMatch(/only serves invited customers/);
    expect(chatTexts(world, 6999).join('\n')).not.toMatch(/What would you like to buy|Please check/);
    expect(sandbox.requestCount()).toBe(providerCalls);
  });

  it('refuses it in Malay to a Malay speaker', async () => {
    const stranger = world.buyer(6998, 'ms');
    await stranger.say('/start');
    expect(stranger.lastText()).toMatch(/hanya melayan pelanggan yang dijemput/);
  });

  it('lets an admin buy even when not on the allowlist', async () => {
    const admin = world.buyer(9301);
    await admin.say('/start');
    expect(admin.lastText()).toMatch(/What would you like to buy/);
  });

  it('stops the order past the daily count, with the reason and no transaction', async () => {
    const buyer = world.buyer(6001);
    for (const amount of ['RM 5.00', 'RM 10.00']) {
      await toConfirm(buyer, F.prepaid.successAccount, amount);
      expect(await confirmAndSettle(buyer)).toMatch(/Successful/);
    }
    const transactions = sandbox.transactions().length;
    await toConfirm(buyer, F.prepaid.successAccount, 'RM 5.00');
    await buyer.press('Confirm and pay');
    const text = buyer.lastText();
    expect(text).toMatch(/Your order was not placed/);
    expect(text).toMatch(/Nothing was charged/);
    expect(text).toMatch(/reached today’s limit of 2 orders/);
    expect(text).toMatch(/resets at midnight shop time \(\d+ \w+ \d{4}, 00:00\)/);
    expect(sandbox.transactions()).toHaveLength(transactions);
    expect(await world.engine.listByUser(6001, 10)).toHaveLength(2);
    // Cancelling afterwards promises, rightly, that nothing was charged.
    await buyer.press('Cancel');
    expect(buyer.lastText()).toMatch(/Cancelled\. Nothing was charged/);
  });

  it('stops the order past the daily amount, says what is left, and takes a smaller one', async () => {
    const buyer = world.buyer(6002);
    await toConfirm(buyer, F.prepaid.successAccount, 'RM 20.00');
    expect(await confirmAndSettle(buyer)).toMatch(/Successful/);
    const transactions = sandbox.transactions().length;
    await toConfirm(buyer, F.prepaid.successAccount, 'RM 10.00');
    await buyer.press('Confirm and pay');
    expect(buyer.lastText()).toMatch(/<b>RM 5\.00<\/b> of your daily <b>RM 25\.00<\/b> is left/);
    expect(buyer.lastText()).toMatch(/choose a smaller amount/);
    expect(sandbox.transactions()).toHaveLength(transactions);
    await buyer.press('Back');
    expect(buyer.lastText()).toMatch(/Please check your order/);
    await buyer.press('Back');
    await buyer.press('RM 5.00');
    expect(await confirmAndSettle(buyer)).toMatch(/Successful/);
    expect(sandbox.transactions()).toHaveLength(transactions + 1);
    // Now the day's RM 25.00 is spent.
    await toConfirm(buyer, F.prepaid.successAccount, 'RM 5.00');
    await buyer.press('Confirm and pay');
    expect(buyer.lastText()).toMatch(
      /reached today’s (spending limit of <b>RM 25\.00<\/b>|limit of 2 orders)/,
    );
  });

  it('never logs secrets or PINs', () => {
    expectNoSecretsOrPins(world, sandbox);
  });
});

describe('flood control', () => {
  it('answers a burst with one polite "slow down" and drops the rest; admins are not throttled', async () => {
    const { world } = await startWorld({
      adminIds: [9401],
      flood: { maxUpdates: 3, windowMs: 60_000 },
    });
    const buyer = world.buyer(7001);
    for (let i = 0; i < 6; i++) await buyer.say('/help');
    const texts = chatTexts(world, 7001);
    expect(texts).toHaveLength(4);
    expect(texts.slice(0, 3).every((t) => /How to buy/.test(t))).toBe(true);
    expect(texts[3]).toMatch(/sending messages very quickly/);
    const answered = world.api.callsOf('answerCallbackQuery').length;
    await buyer.press('Shop');
    // Dropped, but answered without a word so the button stops spinning.
    expect(world.api.callsOf('answerCallbackQuery')).toHaveLength(answered + 1);
    expect(world.api.callsOf('answerCallbackQuery').at(-1)?.params.text).toBeUndefined();
    expect(chatTexts(world, 7001)).toHaveLength(4);

    const admin = world.buyer(9401);
    for (let i = 0; i < 6; i++) await admin.say('/help');
    expect(chatTexts(world, 9401)).toHaveLength(6);
  });

  it('asks the first button press over the limit to slow down, and drops later ones silently', async () => {
    const { world } = await startWorld({ flood: { maxUpdates: 2, windowMs: 60_000 } });
    const buyer = world.buyer(7002);
    await buyer.say('/help');
    await buyer.say('/help');
    // Every press is answered once, by the webhook's answer; the first over the limit also gets
    // the slow-down message (a toast cannot follow an answer), later ones nothing more.
    const answered = world.api.callsOf('answerCallbackQuery').length;
    await buyer.press('Shop');
    expect(world.api.callsOf('answerCallbackQuery')).toHaveLength(answered + 1);
    expect(buyer.lastText()).toMatch(/sending messages very quickly/);
    const texts = chatTexts(world, 7002).length;
    await buyer.press('Shop');
    expect(world.api.callsOf('answerCallbackQuery')).toHaveLength(answered + 2);
    expect(world.api.callsOf('answerCallbackQuery').every((call) => call.fromWebhookAnswer)).toBe(true);
    expect(chatTexts(world, 7002)).toHaveLength(texts);
  });
});
