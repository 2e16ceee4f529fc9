import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { accessPolicyFromConfig, amountFromConfig } from '../bot/access/policy.js';
import { type AdminAlerts, createAdminAlerts } from '../bot/telegram/admin-alerts.js';
import { registerCommandMenus } from '../bot/telegram/command-menus.js';
import { createShopBot, type ShopBot } from '../bot/telegram/shop-bot.js';
import type { BotConfig } from '../config/env.js';
import { createProviderCallbackHandler } from '../http/provider-callback.js';
import { createHttpServer, type Handler } from '../http/server.js';
import { createTelegramWebhookHandler, webhookPath } from '../http/telegram-webhook.js';
import { instrumentProvider } from '../payments/instrumented-provider.js';
import type { Order } from '../payments/orders/order.js';
import { createOrderEngine, type OrderEngine } from '../payments/orders/order-engine.js';
import { combineOrderEvents } from '../payments/orders/order-events.js';
import type { OrderEventName, OrderEvents } from '../payments/orders/ports.js';
import { createRequeryScheduler, type RequeryScheduler } from '../payments/orders/requery-scheduler.js';
import type { PaymentProvider } from '../payments/provider.js';
import { systemClock } from '../platform/clock.js';
import { randomIds } from '../platform/ids.js';
import { createLogger, type Logger } from '../platform/logger.js';
import { createMetrics, type Metrics } from '../platform/metrics.js';
import { realSleep } from '../platform/sleep.js';
import { openStores, type Stores } from '../store/index.js';
import { createConfiguredProvider, defaultCallbackSources, providerSecrets } from './provider-factory.js';

/**
 * Builds the whole bot from its configuration: provider, stores, order engine and scheduler, the
 * Telegraf bot and the HTTP server. `start` begins taking updates (webhook or polling); `stop`
 * shuts down in the order that loses nothing.
 */
export interface AppOverrides {
  /** Use this provider instead of building one from the configuration (demo, tests). */
  provider?: PaymentProvider;
  /** Where log lines go; stdout by default. */
  writeLog?: (line: string) => void;
  /** Re-query poll interval; the default suits production. */
  pollIntervalMs?: number;
}

export interface App {
  config: BotConfig;
  logger: Logger;
  metrics: Metrics;
  stores: Stores;
  provider: PaymentProvider;
  engine: OrderEngine;
  scheduler: RequeryScheduler;
  bot: ShopBot;
  /** Path of the Telegram webhook (derived from WEBHOOK_SECRET), when in webhook mode. */
  webhookPath: string | undefined;
  callbackPath: string;
  /** Starts the HTTP server, the scheduler and update intake; resolves with the server's port. */
  start(): Promise<{ port: number }>;
  stop(): Promise<void>;
}

export const ALLOWED_UPDATES = ['message', 'callback_query'] as const;

export async function createApp(config: BotConfig, overrides: AppOverrides = {}): Promise<App> {
  const secrets = [
    config.telegram.TELEGRAM_BOT_TOKEN,
    ...(config.server.WEBHOOK_SECRET ? [config.server.WEBHOOK_SECRET] : []),
    ...providerSecrets(config.provider),
    ...redisPassword(config.redisUrl),
  ];
  const logger = createLogger({
    level: config.provider.logLevel,
    secrets,
    ...(overrides.writeLog ? { write: overrides.writeLog } : {}),
  });
  const metrics = createMetrics();
  const provider = instrumentProvider(
    overrides.provider ?? createConfiguredProvider(config.provider, logger),
    metrics,
  );
  const stores = await openStores({
    redisUrl: config.redisUrl,
    prefix: config.server.REDIS_KEY_PREFIX,
    clock: systemClock,
    logger,
    requireDurable: config.server.NODE_ENV === 'production',
  });

  metrics.describe(
    'orders_total',
    'Order events: confirmed orders reaching a final state, needs attention, provider errors',
  );
  const metricEvents: OrderEvents = {
    emit(event: OrderEventName, order: Order) {
      metrics.increment('orders_total', { event, state: order.state });
      if (event === 'needs_attention') logger.warn('order needs attention', { refid: order.refid });
    },
  };
  // The alerts need the bot's Telegram client, which needs the engine: they are attached below.
  let alerts: AdminAlerts | undefined;
  const events = combineOrderEvents(metricEvents, { emit: (...args) => alerts?.emit(...args) });
  const adminUserIds = config.telegram.ADMIN_USER_IDS;
  const lowBalanceThreshold = amountFromConfig(config.shop.LOW_BALANCE_THRESHOLD, provider.currency);

  let bot: ShopBot | undefined;
  const engine = createOrderEngine({
    store: stores.orders,
    provider,
    notifier: { show: (order) => (bot ? bot.notifier.show(order) : Promise.resolve()) },
    events,
    clock: systemClock,
    ids: randomIds,
    logger,
  });
  const shopBot = createShopBot({
    token: config.telegram.TELEGRAM_BOT_TOKEN,
    ...(config.telegram.TELEGRAM_API_ROOT ? { apiRoot: config.telegram.TELEGRAM_API_ROOT } : {}),
    provider,
    orders: engine,
    sessions: stores.sessions,
    locks: stores.locks,
    cache: stores.cache,
    clock: systemClock,
    newId: () => randomUUID(),
    sleep: realSleep,
    logger,
    access: {
      policy: accessPolicyFromConfig(config.shop, { adminUserIds, currency: provider.currency }),
      counters: stores.counters,
    },
    admin: {
      userIds: adminUserIds,
      store: stores.orders,
      ...(lowBalanceThreshold ? { lowBalanceThreshold } : {}),
    },
  });
  bot = shopBot;
  alerts = createAdminAlerts({
    telegram: shopBot.telegraf.telegram,
    adminUserIds,
    provider,
    ...(lowBalanceThreshold ? { lowBalanceThreshold } : {}),
    clock: systemClock,
    sleep: realSleep,
    logger,
    counters: stores.counters,
  });
  const scheduler = createRequeryScheduler({
    store: stores.orders,
    engine,
    clock: systemClock,
    ids: randomIds,
    logger,
    ...(overrides.pollIntervalMs ? { pollIntervalMs: overrides.pollIntervalMs } : {}),
  });

  metrics.describe('telegram_updates_total', 'Telegram updates handled');
  const handleUpdate = async (update: Parameters<ShopBot['handleUpdate']>[0]) => {
    metrics.increment('telegram_updates_total');
    await shopBot.handleUpdate(update);
  };

  const routes: Record<string, Handler> = {};
  const webhookMode = config.server.WEBHOOK_URL !== undefined && config.server.WEBHOOK_SECRET !== undefined;
  const hookPath =
    webhookMode && config.server.WEBHOOK_SECRET ? webhookPath(config.server.WEBHOOK_SECRET) : undefined;
  if (hookPath && config.server.WEBHOOK_SECRET) {
    routes[hookPath] = createTelegramWebhookHandler({
      secretToken: config.server.WEBHOOK_SECRET,
      dedupe: stores.updates,
      handleUpdate: (update) => handleUpdate(update as never),
      logger,
    });
  }
  const callbackPath = `/callbacks/${provider.id}`;
  routes[callbackPath] = createProviderCallbackHandler({
    provider,
    engine,
    logger,
    allowedAddresses: config.server.CALLBACK_ALLOWED_IPS ?? defaultCallbackSources(config.provider),
    trustProxy: config.server.TRUST_PROXY,
    onAccepted: () => scheduler.wake(),
  });

  let providerCheckedAt = 0;
  const server = createHttpServer({
    logger,
    metrics,
    routes,
    readinessChecks: {
      store: async () => {
        await stores.cache.get('readiness-probe');
      },
      provider: async () => {
        // At most one balance call per 30 s, whatever the probe frequency.
        if (Date.now() - providerCheckedAt < 30_000) return;
        await provider.getBalance();
        providerCheckedAt = Date.now();
      },
    },
  });
  metrics.gauge('scheduler_active', 'Orders being re-queried by this process right now', async () => [
    { value: scheduler.active() },
  ]);

  let polling = false;
  return {
    config,
    logger,
    metrics,
    stores,
    provider,
    engine,
    scheduler,
    bot: shopBot,
    webhookPath: hookPath,
    callbackPath,

    async start() {
      await new Promise<void>((resolve) => server.listen(config.server.PORT, resolve));
      const { port } = server.address() as AddressInfo;
      scheduler.start();
      const telegram = shopBot.telegraf.telegram;
      // Menus are a convenience: a failure is logged and start-up goes on.
      await registerCommandMenus(telegram, adminUserIds, { logger }).catch((error) =>
        logger.warn('could not set the command menus', { err: error }),
      );
      if (hookPath && config.server.WEBHOOK_URL && config.server.WEBHOOK_SECRET) {
        const url = new URL(hookPath, config.server.WEBHOOK_URL).toString();
        await telegram.setWebhook(url, {
          secret_token: config.server.WEBHOOK_SECRET,
          allowed_updates: [...ALLOWED_UPDATES],
          drop_pending_updates: false,
        });
        logger.info('webhook mode', { port, callbackPath });
      } else {
        polling = true;
        shopBot.telegraf
          .launch({ allowedUpdates: [...ALLOWED_UPDATES], dropPendingUpdates: false })
          .catch((error) => logger.error('polling stopped', { err: error }));
        logger.info('polling mode', { port, callbackPath });
      }
      return { port };
    },

    async stop() {
      // 1. Take no more updates.
      if (polling) shopBot.telegraf.stop('shutdown');
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      // 2. Let in-flight re-queries and payments finish; whatever is left stays due in the store.
      await scheduler.stop();
      await engine.idle();
      await shopBot.idle();
      await alerts?.idle();
      // 3. Close connections.
      await provider.close();
      await stores.close();
      logger.info('stopped');
    },
  };
}

function redisPassword(url: string | undefined): string[] {
  if (!url) return [];
  try {
    const password = decodeURIComponent(new URL(url).password);
    return password ? [password] : [];
  } catch {
    return [];
  }
}
