import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { startBillplzSandbox } from '../sandbox/billplz/index.js';
import {
  BILLPLZ_SANDBOX_DEV_CREDENTIALS,
  IAK_SANDBOX_DEV_CREDENTIALS,
  SANDBOX_DEV_CREDENTIALS,
} from '../sandbox/dev-credentials.js';
import { startIakSandbox } from '../sandbox/iak/index.js';
import { startIimmpactSandbox } from '../sandbox/iimmpact/index.js';
import { createApp } from '../src/app/create-app.js';
import type { App } from '../src/app/wire-app.js';
import { type BotConfig, loadBotConfig, type PaymentProviderName } from '../src/config/env.js';
import { SECRET_TOKEN_HEADER } from '../src/http/telegram-webhook.js';
import { starsPaymentUpdates, startBotApiStandIn } from './bot-api-stand-in.js';
import { type NumberedButton, renderMessage } from './terminal-view.js';

/**
 * The whole bot in a terminal, with no credentials and no network: a built-in provider sandbox,
 * the embedded store (or REDIS_URL), and a local Bot API stand-in whose messages are printed with
 * numbered buttons. Each input line is a message to the bot, or a number that presses a button.
 * Reading from a pipe, it runs the script, waits for open orders to finish, and exits.
 */
export interface DemoOptions {
  input: NodeJS.ReadableStream;
  write: (text: string) => void;
  /** Where log lines go (stderr in the terminal). */
  writeLog: (line: string) => void;
  color: boolean;
  /** Which provider's sandbox the shop sells through. */
  provider: PaymentProviderName;
  redisUrl?: string;
  /** Called with a prompt before each line when interactive. */
  prompt?: () => void;
}

const DEMO_USER = { id: 100200300, first_name: 'Demo', language_code: 'en' };
const WEBHOOK_SECRET = 'demo-webhook-secret-not-for-production';

export async function runDemo(options: DemoOptions): Promise<void> {
  let buttons: NumberedButton[] = [];
  let buttonsMessageId = 0;
  const sandbox = await startProviderSandbox(options.provider);
  const api = await startBotApiStandIn(undefined, (message) => {
    if (message.chatId !== DEMO_USER.id) return;
    const shown = renderMessage(message.text, message.replyMarkup, {
      edited: message.edited,
      color: options.color,
    });
    options.write(`${shown.lines.join('\n')}\n`);
    // The newest message with buttons is the one a number presses.
    if (shown.buttons.length > 0 || message.messageId === buttonsMessageId) {
      buttons = shown.buttons;
      buttonsMessageId = message.messageId;
    }
  });

  // Billplz (MYR shops): the bot's callback route must be known before it starts, so its port is too.
  const billplz =
    options.provider === 'iimmpact'
      ? await startBillplzSandbox({
          apiKey: BILLPLZ_SANDBOX_DEV_CREDENTIALS.apiKey,
          xSignatureKey: BILLPLZ_SANDBOX_DEV_CREDENTIALS.xSignatureKey,
          collections: [BILLPLZ_SANDBOX_DEV_CREDENTIALS.collectionId],
        })
      : undefined;
  const appPort = await freePort();
  const config: BotConfig = loadBotConfig({
    ...(billplz
      ? {
          BILLPLZ_API_KEY: BILLPLZ_SANDBOX_DEV_CREDENTIALS.apiKey,
          BILLPLZ_X_SIGNATURE_KEY: BILLPLZ_SANDBOX_DEV_CREDENTIALS.xSignatureKey,
          BILLPLZ_COLLECTION_ID: BILLPLZ_SANDBOX_DEV_CREDENTIALS.collectionId,
          BILLPLZ_BASE_URL: billplz.url,
          BILLPLZ_EMAIL: 'demo-shop@example.com',
          BILLPLZ_CALLBACK_URL: `http://127.0.0.1:${appPort}/callbacks/billplz`,
          BILLPLZ_REDIRECT_URL: `http://127.0.0.1:${appPort}/billplz/return`,
        }
      : {}),
    STARS_PER_UNIT: '5',
    ...sandbox.env,
    TELEGRAM_BOT_TOKEN: api.token,
    TELEGRAM_API_ROOT: api.apiRoot,
    REDIS_URL: options.redisUrl,
    REDIS_KEY_PREFIX: `demo:${randomUUID()}:`,
    WEBHOOK_URL: 'http://127.0.0.1/',
    WEBHOOK_SECRET,
    PORT: String(appPort),
    ACCESS_MODE: 'open',
    // The one person at the keyboard is buyer and admin (/topups, /wallet, approving top-ups).
    ADMIN_USER_IDS: String(DEMO_USER.id),
    BUYER_PAYMENT: 'wallet',
    TOPUP_INSTRUCTIONS: 'Demo shop: pretend to transfer to Maybank 5123 4567 8901 (Kedai Demo Sdn Bhd).',
    // In the demo the one person at the keyboard is buyer and admin: they may approve their own top-up.
    TOPUP_ALLOW_SELF_APPROVAL: 'true',
    LOG_LEVEL: 'warn',
  });
  const app: App = await createApp(config, {
    writeLog: options.writeLog,
    tuning: { pollIntervalMs: 200 },
  });
  await seedDemoShop(app, options.provider);
  const { port } = await app.start();
  const webhook = `http://127.0.0.1:${port}${app.webhookPath}`;

  let updateId = 1;
  let messageId = 1;
  const deliver = async (update: Record<string, unknown>) => {
    const response = await fetch(webhook, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [SECRET_TOKEN_HEADER]: WEBHOOK_SECRET },
      body: JSON.stringify({ update_id: updateId++, ...update }),
    });
    // Telegram runs the Bot API call the webhook's answer names (a button's answer), if any.
    api.takeWebhookAnswer(await response.text());
    // The webhook only queues the update: show the bot's answer before reading the next line.
    await app.updatesHandled();
  };
  const chat = { id: DEMO_USER.id, type: 'private', first_name: DEMO_USER.first_name };
  const from = { ...DEMO_USER, is_bot: false };

  /** Demo-only commands: pay the newest bill in the Billplz sandbox, or the newest Stars invoice. */
  const demoCommand = async (line: string): Promise<boolean> => {
    if (line === '/paybill') {
      const bill = billplz
        ?.bills()
        .filter((b) => b.state === 'due')
        .at(-1);
      if (!billplz || !bill) {
        options.write('(demo) no unpaid Billplz bill; choose Top up → an amount → Pay online first\n\n');
        return true;
      }
      options.write(`(demo) paying ${bill.url} in the Billplz sandbox…\n\n`);
      const paid = await billplz.pay(bill.id);
      if (paid.redirectUrl) await (await fetch(paid.redirectUrl)).text();
      await app.updatesHandled();
      return true;
    }
    if (line === '/paystars') {
      const invoice = api.callsOf('sendInvoice').at(-1);
      if (!invoice) {
        options.write('(demo) no Stars invoice; choose Top up → an amount → Pay with Stars first\n\n');
        return true;
      }
      const { preCheckout, payment } = starsPaymentUpdates(invoice, {
        firstUpdateId: updateId,
        payer: { id: DEMO_USER.id, first_name: DEMO_USER.first_name },
        chargeId: `demo-charge-${randomUUID()}`,
      });
      updateId += 2;
      options.write('(demo) paying the Stars invoice (pre-checkout, then successful_payment)…\n\n');
      await deliver(preCheckout);
      const answer = api.callsOf('answerPreCheckoutQuery').at(-1);
      if (answer?.params.ok === true) await deliver(payment);
      else options.write(`(demo) Telegram would show: ${String(answer?.params.error_message)}\n\n`);
      return true;
    }
    return false;
  };

  const handleLine = async (raw: string) => {
    const line = raw.trim();
    if (!line) return;
    if (await demoCommand(line)) return;
    const button = /^\d+$/.test(line) ? buttons.find((b) => b.number === Number(line)) : undefined;
    options.write(`you › ${button ? `[${button.number}] ${button.text}` : line}\n\n`);
    if (button) {
      await deliver({
        callback_query: {
          id: randomUUID(),
          from,
          chat_instance: 'demo',
          message: { message_id: buttonsMessageId, date: Math.floor(Date.now() / 1000), chat, text: '' },
          data: button.data,
        },
      });
      return;
    }
    const command = line.startsWith('/')
      ? [{ type: 'bot_command', offset: 0, length: line.split(/\s/)[0]?.length ?? 0 }]
      : [];
    await deliver({
      message: {
        message_id: messageId++,
        date: Math.floor(Date.now() / 1000),
        chat,
        from,
        text: line,
        entities: command,
      },
    });
  };

  options.write(
    `Reload shop demo: a real bot, a local ${options.provider === 'iak' ? 'IAK' : 'IIMMPACT'} sandbox, no credentials. Type a message, or a number to press a button. /start to begin; Ctrl+D to quit. Top-ups: /paybill pays the newest Billplz bill in its sandbox, /paystars the newest Stars invoice.\n\n`,
  );
  const lines = createInterface({ input: options.input, terminal: false });
  options.prompt?.();
  for await (const line of lines) {
    await handleLine(line);
    options.prompt?.();
  }

  // End of input: let payments in flight finish so the receipt is shown, then stop.
  const deadline = Date.now() + 15_000;
  while ((await app.stores.orders.listOpen(1)).length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await app.stop();
  await api.close();
  await sandbox.close();
  await billplz?.close();
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** The chosen provider's sandbox, with the settings that point the bot at it. */
async function startProviderSandbox(
  provider: PaymentProviderName,
): Promise<{ env: Record<string, string>; close(): Promise<void> }> {
  if (provider === 'iak') {
    const sandbox = await startIakSandbox({ ...IAK_SANDBOX_DEV_CREDENTIALS, timing: { processMs: 1_000 } });
    return {
      env: {
        PAYMENT_PROVIDER: 'iak',
        IAK_BASE_URL: sandbox.url,
        IAK_USERNAME: IAK_SANDBOX_DEV_CREDENTIALS.username,
        IAK_API_KEY: IAK_SANDBOX_DEV_CREDENTIALS.apiKey,
      },
      close: () => sandbox.close(),
    };
  }
  const sandbox = await startIimmpactSandbox({
    ...SANDBOX_DEV_CREDENTIALS,
    timing: { acceptedMs: 400, processingMs: 800 },
  });
  return {
    env: {
      PAYMENT_PROVIDER: 'iimmpact',
      IIMMPACT_BASE_URL: sandbox.url,
      IIMMPACT_API_KEY: SANDBOX_DEV_CREDENTIALS.apiKey,
      IIMMPACT_HMAC_SECRET: SANDBOX_DEV_CREDENTIALS.hmacSecret,
    },
    close: () => sandbox.close(),
  };
}

/**
 * What a new shop would have after its owner's first minutes: a margin of 2 % (rounded up to 10 sen
 * or Rp 100) and a demo credit in the buyer's wallet, so the first purchase shows the price with the
 * margin and the balance after it. Both are written the way the admin commands write them.
 */
async function seedDemoShop(app: App, provider: PaymentProviderName): Promise<void> {
  const currency = provider === 'iak' ? 'IDR' : 'MYR';
  const { version } = await app.stores.pricing.get();
  if (version === 0) {
    await app.stores.pricing.set({
      currency,
      margin: {
        default: { percentBp: 200, roundToMinor: currency === 'IDR' ? 100 : 10 },
        products: {},
        groups: {},
        categories: {},
      },
      fee: { products: {}, groups: {}, categories: {} },
    });
  }
  await app.wallets.apply({
    id: 'admin:demo-credit',
    userId: DEMO_USER.id,
    kind: 'admin_credit',
    amount: currency === 'IDR' ? 200_000 : 10_000,
    reference: String(DEMO_USER.id),
    note: 'Demo credit',
    at: Date.now(),
  });
}
