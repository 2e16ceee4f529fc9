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
import type { Order } from '../src/payments/orders/order.js';
import { starsPaymentUpdates, startBotApiStandIn } from './bot-api-stand-in.js';
import { readConversationScreen } from './bot-session.js';
import { createKeyboardBook, LITERAL_PREFIX } from './keyboards.js';
import { createSavedFiles } from './saved-files.js';
import { numberedButtons, renderDocument, renderMessage } from './terminal-view.js';

/**
 * The whole bot in a terminal, with no credentials and no network: a built-in provider sandbox,
 * the embedded store (or REDIS_URL), and a local Bot API stand-in whose messages are printed with
 * numbered buttons, each keyboard tagged with a letter. Each input line is a message to the bot, a
 * number that presses a button of the current keyboard, or a tag and a number (`b2`) that presses
 * one of an older keyboard (see keyboards.ts). The sandbox posts its callbacks to the bot's route,
 * as a provider does. Reading from a pipe, it runs the script, waits for open orders to finish
 * (naming those that do not), and exits.
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
  options.write('Starting the demo shop (provider sandbox, store, bot)…\n');
  const keyboards = createKeyboardBook();
  const files = createSavedFiles();
  /** While a typed line is handled, what is shown is the bot's answer to it (see keyboards.ts). */
  let shownForLine: number[] | undefined;
  /** The interactive prompt is on screen: a message arriving now goes under it and redraws it. */
  let prompting = false;
  /** No more lines will come: what bare numbers press no longer matters. */
  let inputEnded = false;
  const showLate = (lines: string[]) => {
    options.write(`${prompting ? '\n' : ''}${lines.join('\n')}\n`);
    if (prompting) options.prompt?.();
  };
  const sandbox = await startProviderSandbox(options.provider);
  const api = await startBotApiStandIn(
    undefined,
    (message) => {
      if (message.chatId !== DEMO_USER.id) return;
      const before = keyboards.currentTag();
      const tag = keyboards.record(
        message.messageId,
        numberedButtons(message.replyMarkup),
        shownForLine !== undefined,
      );
      const { lines } = renderMessage(message.text, message.replyMarkup, {
        edited: message.edited,
        color: options.color,
        ...(tag ? { tag } : {}),
      });
      if (shownForLine) {
        options.write(`${lines.join('\n')}\n`);
        shownForLine.push(message.messageId);
        return;
      }
      // Arrived on its own (a receipt edited in, an admin's alert): say what bare numbers press now.
      const notes = inputEnded ? [] : keyboards.notes([message.messageId], before, false);
      showLate([...lines, ...(notes.length > 0 ? [...notes, ''] : [])]);
    },
    (document) => {
      if (document.chatId !== DEMO_USER.id) return;
      const savedTo = files.save(document.filename, document.content);
      const lines = renderDocument(
        {
          filename: document.filename,
          bytes: document.content.length,
          ...(document.caption ? { caption: document.caption } : {}),
          savedTo,
        },
        options.color,
      );
      if (shownForLine) options.write(`${lines.join('\n')}\n`);
      else showLate(lines);
    },
  );

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
    // The sandbox's transaction callbacks come from loopback, not the provider's published addresses.
    CALLBACK_ALLOWED_IPS: '127.0.0.1',
    LOG_LEVEL: 'warn',
  });
  const app: App = await createApp(config, {
    writeLog: options.writeLog,
    tuning: {
      pollIntervalMs: 200,
      // The sandbox runs a payment through Processing to Successful in 1.2 s, with a callback at each
      // step, where the provider takes many seconds. The production window (5 s) would hold the
      // Successful callback's re-query until it ends; scaled down with the sandbox's clock, the
      // receipt comes when the sandbox settles.
      callbackThrottleMs: 500,
    },
  });
  await seedDemoShop(app, options.provider);
  const { port } = await app.start();
  const webhook = `http://127.0.0.1:${port}${app.webhookPath}`;
  // As a shop registers its callback URL with the provider: settled payments are pushed to the bot.
  sandbox.sendCallbacksTo(`http://127.0.0.1:${port}${app.callbackPath}`);

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

  const press = async (messageId: number, data: string) =>
    deliver({
      callback_query: {
        id: randomUUID(),
        from,
        chat_instance: 'demo',
        message: { message_id: messageId, date: Math.floor(Date.now() / 1000), chat, text: '' },
        data,
      },
    });
  const say = async (text: string) => {
    const command = text.startsWith('/')
      ? [{ type: 'bot_command', offset: 0, length: text.split(/\s/)[0]?.length ?? 0 }]
      : [];
    await deliver({
      message: {
        message_id: messageId++,
        date: Math.floor(Date.now() / 1000),
        chat,
        from,
        text,
        entities: command,
      },
    });
  };

  /** One typed line: a demo command, a button press, or text for the bot. */
  const act = async (line: string) => {
    if (await demoCommand(line)) return;
    const action = keyboards.resolve(line);
    if (action.type === 'refused') {
      options.write(`${action.note}\n\n`);
      return;
    }
    if (action.type === 'text') {
      if (!action.text.trim()) return;
      options.write(`you › ${action.text}\n\n`);
      await say(action.text);
      return;
    }
    const { button } = action;
    options.write(`you › ${action.bare ? '' : `(${action.tag}) `}[${button.number}] ${button.text}\n\n`);
    // A number on a screen that asks for typing may have meant the number: say how to send it.
    if (action.bare && (await readConversationScreen(app.stores.sessions, DEMO_USER.id)).asksForText)
      options.write(`(demo) to send ${line} as text instead, type ${LITERAL_PREFIX}${line}\n\n`);
    await press(action.messageId, button.data);
  };

  const handleLine = async (raw: string) => {
    const line = raw.trim();
    if (!line) return;
    const before = keyboards.currentTag();
    const shown: number[] = [];
    shownForLine = shown;
    try {
      await act(line);
    } finally {
      shownForLine = undefined;
    }
    keyboards.settle((await readConversationScreen(app.stores.sessions, DEMO_USER.id)).messageId, shown);
    const notes = keyboards.notes(shown, before, true);
    if (notes.length > 0) options.write(`${notes.join('\n')}\n\n`);
  };

  options.write(
    [
      `Reload shop demo: a real bot, a local ${options.provider === 'iak' ? 'IAK' : 'IIMMPACT'} sandbox, no credentials. /start to begin; Ctrl+D to quit.`,
      "Type a message for the bot, or press a button: a bare number (2) presses a button of the keyboard shown last in answer to you; a tag and a number (b2) presses one on the message marked (b). Start a line with ' to send it as text ('2 sends 2).",
      'Top-ups: /paybill pays the newest Billplz bill in its sandbox, /paystars the newest Stars invoice. Files the bot sends (/export) are saved and their path printed.',
      '',
      '',
    ].join('\n'),
  );
  const lines = createInterface({ input: options.input, terminal: false });
  const prompt = () => {
    if (!options.prompt) return;
    prompting = true;
    options.prompt();
  };
  prompt();
  for await (const line of lines) {
    prompting = false;
    await handleLine(line);
    prompt();
  }
  prompting = false;
  inputEnded = true;

  // End of input: let payments in flight finish so their receipts are shown, then stop.
  const pending = await waitForOpenOrders(app, options.write);
  for (const order of pending) {
    options.write(
      `(demo) order ${order.refid} (${order.display.productName}) is still pending: the provider has not settled it. It stays pending at the provider; in a running shop the bot's re-queries would finish it and update its receipt. The demo stops here${app.stores.kind === 'memory' ? ' and forgets it (no REDIS_URL)' : ''}.\n`,
    );
  }
  await app.stop();
  await api.close();
  await sandbox.close();
  await billplz?.close();
}

/** The demo's sandboxes settle a payment in about a second; a payment not settled by then is held. */
const SETTLE_WAIT_MS = 10_000;

/** Waits for open orders to finish, saying so; returns those still open when the wait ends. */
async function waitForOpenOrders(app: App, write: (text: string) => void): Promise<Order[]> {
  const deadline = Date.now() + SETTLE_WAIT_MS;
  let open = await app.stores.orders.listOpen(10);
  if (open.length > 0)
    write(
      `(demo) end of input: waiting for ${open.length} payment${open.length === 1 ? '' : 's'} to settle…\n\n`,
    );
  while (open.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    open = await app.stores.orders.listOpen(10);
  }
  return open;
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
async function startProviderSandbox(provider: PaymentProviderName): Promise<{
  env: Record<string, string>;
  /** Where the sandbox posts its transaction callbacks (the bot's provider-callback route). */
  sendCallbacksTo(url: string): void;
  close(): Promise<void>;
}> {
  if (provider === 'iak') {
    const sandbox = await startIakSandbox({ ...IAK_SANDBOX_DEV_CREDENTIALS, timing: { processMs: 1_000 } });
    return {
      env: {
        PAYMENT_PROVIDER: 'iak',
        IAK_BASE_URL: sandbox.url,
        IAK_USERNAME: IAK_SANDBOX_DEV_CREDENTIALS.username,
        IAK_API_KEY: IAK_SANDBOX_DEV_CREDENTIALS.apiKey,
      },
      sendCallbacksTo: (url) => sandbox.setCallbackUrl(url),
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
    // POST, as production is set up (POST /v2/callback-url).
    sendCallbacksTo: (url) => sandbox.setCallback(url, 'POST'),
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
