import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { type BotApiStandIn, type ShownMessage, startBotApiStandIn } from '../../demo/bot-api-stand-in.js';
import type { IimmpactSandbox } from '../../sandbox/iimmpact/index.js';
import { type App, type AppTuning, wireApp } from '../../src/app/wire-app.js';
import type { FloodRule } from '../../src/bot/access/flood.js';
import type { AlertRules } from '../../src/bot/admin/alert-throttle.js';
import type { AdminAlerts } from '../../src/bot/telegram/admin-alerts.js';
import type { ShopBot } from '../../src/bot/telegram/shop-bot.js';
import {
  type PayinConfig,
  parseEnv,
  type ServerConfig,
  type ShopPolicyConfig,
  serverEnvShape,
  telegramEnvShape,
} from '../../src/config/env.js';
import { SECRET_TOKEN_HEADER } from '../../src/http/telegram-webhook.js';
import type { OrderEngine } from '../../src/payments/orders/order-engine.js';
import type { OrderStore } from '../../src/payments/orders/ports.js';
import type { RequeryScheduler } from '../../src/payments/orders/requery-scheduler.js';
import type { RetrySchedule } from '../../src/payments/orders/retry-schedule.js';
import type { PaymentProvider } from '../../src/payments/provider.js';
import { systemClock } from '../../src/platform/clock.js';
import { randomIds } from '../../src/platform/ids.js';
import { createLogger } from '../../src/platform/logger.js';
import { createMetrics } from '../../src/platform/metrics.js';
import { realSleep } from '../../src/platform/sleep.js';
import { openStores, type Stores } from '../../src/store/index.js';
import { createKeys } from '../../src/store/keys.js';
import { createPinCipher } from '../../src/store/pin-cipher.js';
import { chatSessionKey, LASTING_CHOICES_SUFFIX } from '../../src/store/ports.js';
import { noticeMember } from '../../src/wallet/ledger.js';
import { FAST_SCHEDULE, iimmpactProviderFor } from './engine.js';
import { startTestSandbox, TEST_API_KEY, TEST_HMAC_SECRET, waitFor } from './iimmpact.js';
import { redisValues } from './redis-dump.js';

export const WEBHOOK_SECRET = 'e2e-webhook-secret-token';

/**
 * The whole bot as it ships, on loopback: the application is wired by the same `wireApp` that
 * `npm start` uses, with test parts (a real Redis under a fresh prefix, the provider client pointed
 * at a sandbox, a Bot API stand-in as Telegram) and fast knobs. Telegram updates are POSTed to the
 * app's own webhook route on its own HTTP server.
 */
export interface BotWorld {
  app: App;
  api: BotApiStandIn;
  bot: ShopBot;
  engine: OrderEngine;
  store: OrderStore;
  scheduler: RequeryScheduler;
  /** The admins' alerts, wired as the engine's events. */
  alerts: AdminAlerts;
  webhookUrl: string;
  /** Every log line the bot wrote. */
  logs: string[];
  /** Every value stored under this world's Redis prefix, read raw (what a dump or a backup holds). */
  rawRedisValues(): Promise<string[]>;
  /** Button presses delivered so far. */
  callbackQueriesDelivered(): number;
  /** Whether the wallet's outbox still holds the buyer's notice of this ledger entry (Redis as it is). */
  noticePending(userId: number, entryId: string): Promise<boolean>;
  /** Deletes a chat's conversation in Redis, as its TTL running out does (nothing else of the chat). */
  forgetConversation(chatId: number): Promise<void>;
  /** PTTL of a chat's lasting choices (its picked language) in Redis: -2 when there are none. */
  lastingChoicesTtlMs(chatId: number): Promise<number>;
  /** Sets that PTTL, as if the pick were older. */
  ageLastingChoices(chatId: number, ttlMs: number): Promise<void>;
  /** POSTs a raw update to the webhook; returns the HTTP status. */
  deliver(update: unknown, secret?: string): Promise<number>;
  buyer(id: number, languageCode?: string): Buyer;
  close(): Promise<void>;
}

export interface BotWorldOptions {
  redisUrl: string;
  provider: PaymentProvider;
  secrets?: string[];
  /** ADMIN_USER_IDS; none by default. */
  adminIds?: number[];
  /**
   * The shop policy as the configuration gives it. Default: open to everyone, without limits and
   * without payment (BUYER_PAYMENT=none), so any buyer id may shop.
   */
  shop?: Partial<ShopPolicyConfig>;
  /**
   * Flood control. By default 100 updates per 10 s: scripted buyers tap far faster than people, and a
   * long test should not trip the production default (20 per 10 s) by accident.
   */
  flood?: FloodRule;
  /** Pending this long, an order needs attention (the engine's default otherwise). */
  attentionAfterMs?: number;
  /** The re-query schedule; FAST_SCHEDULE by default. */
  schedule?: RetrySchedule;
  alertRules?: Partial<AlertRules>;
  /** Told of every message the bot sends or edits, as the Bot API stand-in receives it. */
  onBotMessage?: (message: ShownMessage) => void;
  /** Billplz and Stars top-ups (off by default). */
  payins?: PayinConfig;
  /** The app's HTTP port (an ephemeral one by default); a Billplz callback URL needs it up front. */
  port?: number;
  /** More knobs for the app. */
  tuning?: Partial<AppTuning>;
  /** DATA_ENCRYPTION_KEY's 32 bytes: PINs and electricity tokens are sealed in Redis with it. */
  dataKey?: Buffer;
  /** Writes into the stores before the app starts: what an earlier version left behind. */
  seed?: (stores: Stores) => Promise<void>;
}

/**
 * The usual IIMMPACT world: a test sandbox, the real client pointed at it (its secrets scrubbed from
 * the logs), and the bot; `close` stops all three.
 */
export async function startIimmpactWorld(
  options: Omit<BotWorldOptions, 'provider' | 'secrets'>,
): Promise<{ world: BotWorld; sandbox: IimmpactSandbox; provider: PaymentProvider; close(): Promise<void> }> {
  const sandbox = await startTestSandbox();
  const provider = iimmpactProviderFor(sandbox);
  const world = await startBotWorld({ ...options, provider, secrets: [TEST_API_KEY, TEST_HMAC_SECRET] });
  return {
    world,
    sandbox,
    provider,
    async close() {
      await world.close();
      await provider.close();
      await sandbox.close();
    },
  };
}

export async function startBotWorld(options: BotWorldOptions): Promise<BotWorld> {
  const api = await startBotApiStandIn(undefined, options.onBotMessage);
  const logs: string[] = [];
  const logger = createLogger({
    level: 'debug',
    secrets: [api.token, WEBHOOK_SECRET, ...(options.secrets ?? [])],
    write: (l) => logs.push(l),
  });
  const prefix = `e2e:${randomUUID()}:`;
  const stores = await openStores({
    redisUrl: options.redisUrl,
    prefix,
    currency: options.provider.currency,
    clock: systemClock,
    logger,
    ...(options.dataKey ? { pins: createPinCipher({ key: options.dataKey, logger }) } : {}),
  });
  const server: ServerConfig = parseEnv(serverEnvShape, {
    WEBHOOK_URL: 'http://127.0.0.1:9/',
    WEBHOOK_SECRET,
    PORT: String(options.port ?? 0),
  });
  const telegram = parseEnv(telegramEnvShape, {
    TELEGRAM_BOT_TOKEN: api.token,
    TELEGRAM_API_ROOT: api.apiRoot,
    ADMIN_USER_IDS: (options.adminIds ?? []).join(','),
  });
  // Buyers pay nothing unless a test says so: the purchase tests are about the provider, not wallets.
  const shop: ShopPolicyConfig = {
    ACCESS_MODE: 'open',
    ALLOWED_USER_IDS: [],
    BUYER_PAYMENT: 'none',
    TOPUP_MIN_AMOUNT: '10.00',
    TOPUP_MAX_AMOUNT: '1000.00',
    TOPUP_INSTRUCTIONS: 'Transfer to Maybank 5123 4567 8901 (Kedai Contoh Sdn Bhd).',
    TOPUP_CLAIM_TTL_HOURS: 24,
    TOPUP_ALLOW_SELF_APPROVAL: false,
    JOMPAY_ENABLED: false,
    ...options.shop,
  };
  const tuning: AppTuning = {
    schedule: options.schedule ?? FAST_SCHEDULE,
    leaseMs: 5_000,
    pollIntervalMs: 10,
    walletNoticePollIntervalMs: 20,
    walletNoticeLeaseMs: 1_000,
    flood: options.flood ?? { maxUpdates: 100, windowMs: 10_000 },
    ...(options.attentionAfterMs === undefined ? {} : { attentionAfterMs: options.attentionAfterMs }),
    ...(options.alertRules ? { alertRules: options.alertRules } : {}),
    ...options.tuning,
  };
  const app = wireApp(
    {
      config: { telegram, shop, server, ...(options.payins ? { payins: options.payins } : {}) },
      logger,
      metrics: createMetrics(),
      // The test owns its provider client and closes it; the app must not close it under the test.
      provider: { ...options.provider, close: async () => {} },
      stores,
      defaultCallbackSources: [],
      clock: systemClock,
      ids: randomIds,
      sleep: realSleep,
    },
    tuning,
  );
  await options.seed?.(stores);
  const { port } = await app.start();
  const webhookUrl = `http://127.0.0.1:${port}${app.webhookPath}`;

  let updateId = 1;
  let callbackQueries = 0;
  const deliver = async (update: unknown, secret = WEBHOOK_SECRET) => {
    if (typeof update === 'object' && update !== null && 'callback_query' in update) callbackQueries += 1;
    const response = await fetch(webhookUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [SECRET_TOKEN_HEADER]: secret },
      body: JSON.stringify(update),
    });
    // Telegram runs the Bot API call the webhook's answer names, if any.
    api.takeWebhookAnswer(await response.text());
    // The webhook only queues the update; a buyer looks at the chat once the bot has answered.
    if (response.status === 200) await app.updatesHandled();
    return response.status;
  };

  /** A connection of the test's own for `noticePending` and the like, opened on first use. */
  let probe: Redis | undefined;
  const lastingKey = (chatId: number) =>
    createKeys(prefix).session(`${chatSessionKey(chatId)}${LASTING_CHOICES_SUFFIX}`);
  return {
    app,
    api,
    bot: app.bot,
    engine: app.engine,
    store: stores.orders,
    scheduler: app.scheduler,
    alerts: app.alerts,
    webhookUrl,
    logs,
    callbackQueriesDelivered: () => callbackQueries,
    async rawRedisValues() {
      probe ??= new Redis(options.redisUrl);
      return redisValues(probe, prefix);
    },
    async noticePending(userId, entryId) {
      probe ??= new Redis(options.redisUrl);
      return (await probe.zscore(createKeys(prefix).walletNotices, noticeMember(userId, entryId))) !== null;
    },
    async forgetConversation(chatId) {
      probe ??= new Redis(options.redisUrl);
      await probe.del(createKeys(prefix).session(chatSessionKey(chatId)));
    },
    async lastingChoicesTtlMs(chatId) {
      probe ??= new Redis(options.redisUrl);
      return probe.pttl(lastingKey(chatId));
    },
    async ageLastingChoices(chatId, ttlMs) {
      probe ??= new Redis(options.redisUrl);
      await probe.pexpire(lastingKey(chatId), ttlMs);
    },
    deliver,
    buyer: (id, languageCode = 'en') => createBuyer(id, languageCode, api, deliver, () => updateId++),
    async close() {
      await app.stop();
      await api.close();
      await probe?.quit();
    },
  };
}

export interface Buyer {
  id: number;
  /** Sends a text message (commands included). */
  say(text: string): Promise<void>;
  /** Presses the newest button whose label contains `label`; returns the update sent. */
  press(label: string | RegExp): Promise<unknown>;
  /** Presses a button with raw callback data on a given message (stale or forged buttons). */
  pressRaw(data: string, messageId: number): Promise<void>;
  /** The newest message's text. */
  lastText(): string;
  /** Every button label currently on the newest message with buttons. */
  buttons(): string[];
  /** The text of the message with this id. */
  textOf(messageId: number): string | undefined;
  /** Waits until some message of the chat matches. */
  waitForText(pattern: RegExp): Promise<string>;
  newestMessageId(): number;
}

function createBuyer(
  id: number,
  languageCode: string,
  api: BotApiStandIn,
  deliver: (update: unknown) => Promise<number>,
  nextUpdateId: () => number,
): Buyer {
  const chat = { id, type: 'private', first_name: `Buyer${id}` };
  const from = { id, is_bot: false, first_name: `Buyer${id}`, language_code: languageCode };
  let messageId = 1;
  const messages = () => [...api.messages(id).entries()].sort((a, b) => b[0] - a[0]);
  type Markup = { inline_keyboard?: Array<Array<{ text: string; callback_data?: string }>> };
  const keyboardOf = (markup: unknown) => (markup as Markup | undefined)?.inline_keyboard?.flat() ?? [];

  const send = async (update: Record<string, unknown>) => {
    const status = await deliver({ update_id: nextUpdateId(), ...update });
    if (status !== 200) throw new Error(`webhook answered ${status}`);
  };
  const pressRaw = async (data: string, onMessage: number) => {
    const text = api.messages(id).get(onMessage)?.text ?? '';
    await send({
      callback_query: {
        id: randomUUID(),
        from,
        chat_instance: String(id),
        message: { message_id: onMessage, date: Math.floor(Date.now() / 1000), chat, text },
        data,
      },
    });
  };

  return {
    id,
    async say(text) {
      const entities = text.startsWith('/')
        ? [{ type: 'bot_command', offset: 0, length: text.split(/\s/)[0]?.length ?? 0 }]
        : [];
      await send({
        message: { message_id: messageId++, date: Math.floor(Date.now() / 1000), chat, from, text, entities },
      });
    },
    async press(label) {
      for (const [mid, message] of messages()) {
        const button = keyboardOf(message.replyMarkup).find(
          (b) => b.callback_data && (typeof label === 'string' ? b.text.includes(label) : label.test(b.text)),
        );
        if (button?.callback_data) {
          await pressRaw(button.callback_data, mid);
          return button;
        }
      }
      throw new Error(
        `no button "${String(label)}"; newest screen:\n${messages()[0]?.[1].text}\nbuttons: ${keyboardOf(
          messages()[0]?.[1].replyMarkup,
        )
          .map((b) => b.text)
          .join(' | ')}`,
      );
    },
    pressRaw,
    lastText: () => messages()[0]?.[1].text ?? '',
    buttons: () =>
      keyboardOf(messages().find(([, m]) => keyboardOf(m.replyMarkup).length > 0)?.[1].replyMarkup).map(
        (b) => b.text,
      ),
    textOf: (mid) => api.messages(id).get(mid)?.text,
    waitForText: (pattern) =>
      waitFor(
        () =>
          messages()
            .map(([, m]) => m.text)
            .find((t) => pattern.test(t)),
        { timeoutMs: 10_000 },
      ),
    newestMessageId: () => messages()[0]?.[0] ?? 0,
  };
}
