import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type BotApiStandIn, startBotApiStandIn } from '../../demo/bot-api-stand-in.js';
import type { IimmpactSandbox } from '../../sandbox/iimmpact/index.js';
import { SECRET_TOKEN_HEADER, webhookPath } from '../../src/http/telegram-webhook.js';
import type { Order } from '../../src/payments/orders/order.js';
import { createKeys } from '../../src/store/keys.js';
import { createRedisWalletStore } from '../../src/store/redis/wallet-store.js';
import { startTestSandbox, TEST_API_KEY, TEST_HMAC_SECRET, waitFor } from '../support/iimmpact.js';
import { freePort } from '../support/net.js';

/*
 * Crash trials as a buyer meets them: the real bot (`src/main/bot.ts`, a child process in webhook
 * mode) is SIGKILLed at a random instant after buyers press Confirm, then started again; an update
 * whose webhook call got no answer is delivered again, as Telegram does. After every trial: at most
 * one transaction per buyer at the provider, at most one receipt, no "Processing" without an order,
 * the press never dropped silently (the buyer ends on a receipt or back on the confirm screen), every
 * order final soon after the restart (about one 10 s lease; the slowest is printed), and every wallet adds up.
 *
 * CRASH_CYCLES (default 3) kills, each with CRASH_BUYERS (default 5) buyers confirming at once.
 */

const CYCLES = Number(process.env.CRASH_CYCLES ?? 3);
const BUYERS = Number(process.env.CRASH_BUYERS ?? 5);
const SECRET = 'crash-trial-webhook-secret-0123456789';
const PRICE_SEN = 1000;

const redisUrl = inject('redisUrl');
const redis = new Redis(redisUrl);
const prefix = `crash:${randomUUID()}:`;
const keys = createKeys(prefix);
const wallets = createRedisWalletStore(redis, keys, 'MYR');
let sandbox: IimmpactSandbox;
let api: BotApiStandIn;
let port: number;
let bot: ChildProcess | undefined;
let updateId = 1;

beforeAll(async () => {
  sandbox = await startTestSandbox({ timing: { acceptedMs: 150, processingMs: 300 } });
  api = await startBotApiStandIn();
  port = await freePort();
});
afterAll(async () => {
  bot?.kill('SIGKILL');
  await api.close();
  await sandbox.close();
  await redis.quit();
});

async function startBot(): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/bot.ts'], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      IIMMPACT_BASE_URL: sandbox.url,
      IIMMPACT_API_KEY: TEST_API_KEY,
      IIMMPACT_HMAC_SECRET: TEST_HMAC_SECRET,
      TELEGRAM_BOT_TOKEN: api.token,
      TELEGRAM_API_ROOT: api.apiRoot,
      REDIS_URL: redisUrl,
      REDIS_KEY_PREFIX: prefix,
      WEBHOOK_URL: 'http://127.0.0.1:9/',
      WEBHOOK_SECRET: SECRET,
      PORT: String(port),
      ACCESS_MODE: 'open',
      LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  bot = child;
  await waitFor(
    async () => {
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      return ok ? true : undefined;
    },
    { timeoutMs: 20_000, intervalMs: 50 },
  );
}

async function killBot(): Promise<void> {
  const child = bot;
  if (!child) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
  bot = undefined;
}

/** POSTs an update to the webhook; 'lost' when the call got no answer (the process died). */
async function deliver(update: Record<string, unknown>): Promise<number | 'lost'> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}${webhookPath(SECRET)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [SECRET_TOKEN_HEADER]: SECRET },
      body: JSON.stringify(update),
    });
    await response.text();
    return response.status;
  } catch {
    return 'lost';
  }
}

type Markup = { inline_keyboard?: Array<Array<{ text: string; callback_data?: string }>> };
const newest = (chatId: number) => [...api.messages(chatId).entries()].sort((a, b) => b[0] - a[0]);
const buttonsOf = (markup: unknown) => (markup as Markup | undefined)?.inline_keyboard?.flat() ?? [];

function message(chatId: number, text: string) {
  const chat = { id: chatId, type: 'private', first_name: `B${chatId}` };
  return {
    update_id: updateId++,
    message: {
      message_id: updateId,
      date: Math.floor(Date.now() / 1000),
      chat,
      from: { id: chatId, is_bot: false, first_name: `B${chatId}`, language_code: 'en' },
      text,
      ...(text.startsWith('/')
        ? { entities: [{ type: 'bot_command', offset: 0, length: text.length }] }
        : {}),
    },
  };
}

function press(chatId: number, label: string) {
  for (const [messageId, shown] of newest(chatId)) {
    const button = buttonsOf(shown.replyMarkup).find((b) => b.callback_data && b.text.includes(label));
    if (button?.callback_data) {
      const chat = { id: chatId, type: 'private', first_name: `B${chatId}` };
      return {
        update_id: updateId++,
        callback_query: {
          id: randomUUID(),
          from: { id: chatId, is_bot: false, first_name: `B${chatId}`, language_code: 'en' },
          chat_instance: String(chatId),
          message: { message_id: messageId, date: Math.floor(Date.now() / 1000), chat, text: shown.text },
          data: button.callback_data,
        },
      };
    }
  }
  throw new Error(`buyer ${chatId} has no "${label}" button; newest: ${newest(chatId)[0]?.[1].text}`);
}

/** Sends a step and waits until the newest message with buttons offers `next`. */
async function step(chatId: number, update: Record<string, unknown>, next: string): Promise<void> {
  expect(await deliver(update)).toBe(200);
  await waitFor(
    () =>
      newest(chatId).some(([, m]) => buttonsOf(m.replyMarkup).some((b) => b.text.includes(next)))
        ? true
        : undefined,
    { timeoutMs: 10_000, intervalMs: 10 },
  );
}

async function toConfirmScreen(chatId: number): Promise<void> {
  await step(chatId, message(chatId, '/start'), 'Prepaid');
  await step(chatId, press(chatId, 'Prepaid'), 'Digi');
  await step(chatId, press(chatId, 'Digi'), 'Back');
  await step(chatId, message(chatId, `6012${String(chatId).padStart(7, '0')}`), 'RM 10.00');
  await step(chatId, press(chatId, 'RM 10.00'), 'Confirm');
}

async function orderOf(chatId: number): Promise<Order | undefined> {
  for (const refid of await redis.zrange(keys.userOrders(chatId), 0, -1)) {
    const json = await redis.get(keys.order(refid));
    if (json) return JSON.parse(json) as Order;
  }
  return undefined;
}

const texts = (chatId: number) => [...api.messages(chatId).values()].map((m) => m.text);

describe('the real bot killed at a random instant after Confirm', () => {
  it(`keeps every buyer whole over ${CYCLES * BUYERS} trials`, { timeout: 300_000 }, async () => {
    await startBot();
    const finalWithinMs: number[] = [];
    /** When an order caught by the crash was first taken up again: its first change of state after the restart. */
    const resumedWithinMs: number[] = [];
    let buyer = 7_100_000;
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      const buyers = Array.from({ length: BUYERS }, () => ++buyer);
      for (const id of buyers) {
        await wallets.apply({
          id: `topup:${id}`,
          userId: id,
          kind: 'topup',
          amount: 5_000,
          reference: 'trial',
          at: Date.now(),
        });
        await toConfirmScreen(id);
      }
      const confirms = buyers.map((id) => ({ id, update: press(id, 'Confirm') }));
      const sent = confirms.map(({ update }) => deliver(update));
      // Anywhere from before the presses are taken to after some payments are in flight.
      await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 400)));
      await killBot();
      const answers = await Promise.all(sent);
      await startBot();
      const restartedAt = Date.now();
      // Telegram re-sends what got no answer; what it got 200 for, it never sends again.
      for (const [i, { update }] of confirms.entries())
        if (answers[i] !== 200) expect(await deliver(update)).toBe(200);

      for (const { id } of confirms) {
        const settled = await waitFor(
          async () => {
            const order = await orderOf(id);
            if (order && order.notifiedState === order.state) return order;
            // No order: the buyer must be back on the confirm screen, never left on "Processing".
            const onConfirm = buttonsOf(newest(id)[0]?.[1].replyMarkup).some((b) =>
              b.text.includes('Confirm'),
            );
            if (!order && onConfirm) return 'no-order' as const;
            return undefined;
          },
          { timeoutMs: 20_000, intervalMs: 20 },
        );
        if (settled !== 'no-order') {
          expect(settled.state).toBe('succeeded');
          finalWithinMs.push(Date.now() - restartedAt);
          const resumedAt = settled.history.find((event) => event.at >= restartedAt)?.at;
          if (resumedAt !== undefined) resumedWithinMs.push(resumedAt - restartedAt);
        }
        const account = `6012${String(id).padStart(7, '0')}`;
        expect(sandbox.transactions().filter((t) => t.account === account).length).toBeLessThanOrEqual(1);
        expect(texts(id).filter((t) => t.includes('Successful')).length).toBeLessThanOrEqual(1);
        if (texts(id).some((t) => t.includes('Processing'))) expect(await orderOf(id)).toBeDefined();
        const audit = await wallets.audit(id);
        expect(audit.problems).toEqual([]);
        const balance = (await wallets.balance(id)).minor;
        expect(balance).toBe(settled === 'no-order' ? 5_000 : 5_000 - PRICE_SEN);
      }
    }
    await killBot();
    // By design an order caught by the crash is taken up again about 10 s (a chat or order lease)
    // after the restart, and is final then, or one re-query (5-10 s) later when its payment call was
    // in flight at the kill; both figures are printed. The bound asserted leaves room for a loaded
    // test machine: a missing lease renewal or a stuck queue would take far longer or never finish.
    expect(Math.max(0, ...finalWithinMs)).toBeLessThan(30_000);
    console.log(
      `crash trials: ${CYCLES * BUYERS} buyers, ${finalWithinMs.length} orders, slowest resumed ${Math.max(0, ...resumedWithinMs)} ms and slowest final ${Math.max(0, ...finalWithinMs)} ms after restart`,
    );
  });
});
