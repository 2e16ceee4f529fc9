import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { Redis } from 'ioredis';
import { Telegram } from 'telegraf';
import type { Update } from 'telegraf/types';
import { type BotApiStandIn, startBotApiStandIn } from '../../demo/bot-api-stand-in.js';
import type { FloodRule } from '../../src/bot/access/flood.js';
import { accessPolicyFromConfig, amountFromConfig } from '../../src/bot/access/policy.js';
import type { AlertRules } from '../../src/bot/admin/alert-throttle.js';
import { type AdminAlerts, createAdminAlerts } from '../../src/bot/telegram/admin-alerts.js';
import { createShopBot, type ShopBot } from '../../src/bot/telegram/shop-bot.js';
import type { ShopPolicyConfig } from '../../src/config/env.js';
import {
  createTelegramWebhookHandler,
  SECRET_TOKEN_HEADER,
  webhookPath,
} from '../../src/http/telegram-webhook.js';
import { createOrderEngine, type OrderEngine } from '../../src/payments/orders/order-engine.js';
import type { OrderStore } from '../../src/payments/orders/ports.js';
import {
  createRequeryScheduler,
  type RequeryScheduler,
} from '../../src/payments/orders/requery-scheduler.js';
import type { RetrySchedule } from '../../src/payments/orders/retry-schedule.js';
import type { PaymentProvider } from '../../src/payments/provider.js';
import { systemClock } from '../../src/platform/clock.js';
import { randomIds } from '../../src/platform/ids.js';
import { createLogger } from '../../src/platform/logger.js';
import { realSleep } from '../../src/platform/sleep.js';
import { createKeys } from '../../src/store/keys.js';
import {
  createRedisCacheStore,
  createRedisCounterStore,
  createRedisLockStore,
  createRedisSessionStore,
  createRedisUpdateDedupe,
} from '../../src/store/redis/kv-stores.js';
import { createRedisOrderStore } from '../../src/store/redis/order-store.js';
import { FAST_SCHEDULE } from './engine.js';
import { waitFor } from './iimmpact.js';

export const WEBHOOK_SECRET = 'e2e-webhook-secret-token';

/**
 * The whole bot as it runs in production, on loopback: Telegram updates are POSTed to the real
 * webhook handler, the bot talks to a Bot API stand-in, pays through the real provider client
 * against a sandbox, and keeps everything in a real Redis.
 */
export interface BotWorld {
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
  /** Button presses delivered so far. */
  callbackQueriesDelivered(): number;
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
   * The shop policy as the configuration gives it. Default: open to everyone, without limits, so
   * any buyer id may shop.
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
}

export async function startBotWorld(options: BotWorldOptions): Promise<BotWorld> {
  const api = await startBotApiStandIn();
  const redis = new Redis(options.redisUrl);
  const keys = createKeys(`e2e:${randomUUID()}:`);
  const logs: string[] = [];
  const logger = createLogger({
    level: 'debug',
    secrets: [api.token, WEBHOOK_SECRET, ...(options.secrets ?? [])],
    write: (l) => logs.push(l),
  });
  const store = createRedisOrderStore(redis, keys);
  const counters = createRedisCounterStore(redis, keys);
  const shop: ShopPolicyConfig = { ACCESS_MODE: 'open', ALLOWED_USER_IDS: [], ...options.shop };
  const adminUserIds = options.adminIds ?? [];
  const currency = options.provider.currency;
  const lowBalanceThreshold = amountFromConfig(shop.LOW_BALANCE_THRESHOLD, currency);
  // As start-up does it: a Bot API client of its own, since the engine exists before the bot.
  const alerts = createAdminAlerts({
    telegram: new Telegram(api.token, { apiRoot: api.apiRoot, webhookReply: false }),
    adminUserIds,
    provider: options.provider,
    ...(lowBalanceThreshold ? { lowBalanceThreshold } : {}),
    clock: systemClock,
    sleep: realSleep,
    logger,
    counters,
    ...(options.alertRules ? { rules: options.alertRules } : {}),
  });
  let bot: ShopBot | undefined;
  const engine = createOrderEngine({
    store,
    provider: options.provider,
    notifier: { show: (order) => (bot ? bot.notifier.show(order) : Promise.resolve()) },
    events: alerts,
    clock: systemClock,
    ids: randomIds,
    logger,
    schedule: options.schedule ?? FAST_SCHEDULE,
    leaseMs: 5_000,
    ...(options.attentionAfterMs === undefined ? {} : { attentionAfterMs: options.attentionAfterMs }),
  });
  bot = createShopBot({
    token: api.token,
    apiRoot: api.apiRoot,
    provider: options.provider,
    orders: engine,
    sessions: createRedisSessionStore(redis, keys),
    locks: createRedisLockStore(redis, keys),
    cache: createRedisCacheStore(redis, keys),
    clock: systemClock,
    newId: () => randomUUID(),
    sleep: realSleep,
    logger,
    access: {
      policy: accessPolicyFromConfig(shop, { adminUserIds, currency }),
      counters,
      flood: options.flood ?? { maxUpdates: 100, windowMs: 10_000 },
    },
    admin: {
      userIds: adminUserIds,
      store,
      ...(lowBalanceThreshold ? { lowBalanceThreshold } : {}),
    },
  });
  const scheduler = createRequeryScheduler({
    store,
    engine,
    clock: systemClock,
    ids: randomIds,
    logger,
    pollIntervalMs: 10,
  });
  scheduler.start();
  const shopBot = bot;
  const handler = createTelegramWebhookHandler({
    secretToken: WEBHOOK_SECRET,
    dedupe: createRedisUpdateDedupe(redis, keys),
    handleUpdate: (update) => shopBot.handleUpdate(update as unknown as Update),
    logger,
  });
  const path = webhookPath(WEBHOOK_SECRET);
  const server: Server = createServer((req, res) => {
    if (req.url === path) void handler(req, res);
    else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const webhookUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}${path}`;

  let updateId = 1;
  let callbackQueries = 0;
  const deliver = async (update: unknown, secret = WEBHOOK_SECRET) => {
    if (typeof update === 'object' && update !== null && 'callback_query' in update) callbackQueries += 1;
    const response = await fetch(webhookUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [SECRET_TOKEN_HEADER]: secret },
      body: JSON.stringify(update),
    });
    await response.text();
    return response.status;
  };

  return {
    api,
    bot: shopBot,
    engine,
    store,
    scheduler,
    alerts,
    webhookUrl,
    logs,
    callbackQueriesDelivered: () => callbackQueries,
    deliver,
    buyer: (id, languageCode = 'en') => createBuyer(id, languageCode, api, deliver, () => updateId++),
    async close() {
      await scheduler.stop();
      await engine.idle();
      await shopBot.idle();
      await alerts.idle();
      await new Promise((resolve) => server.close(resolve));
      await api.close();
      await redis.quit();
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
