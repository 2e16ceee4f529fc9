import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Update } from 'telegraf/types';
import { DEFAULT_FLOOD_RULE, type FloodRule, floodCounterName } from '../bot/access/flood.js';
import { accessPolicyFromConfig, amountFromConfig } from '../bot/access/policy.js';
import type { AlertRules } from '../bot/admin/alert-throttle.js';
import type { QuotedProduct } from '../bot/flow/effects.js';
import { buyerMenuCommands } from '../bot/flow/events.js';
import type { TopupPolicy } from '../bot/flow/transition.js';
import { SHOP_UTC_OFFSET_MINUTES, shopTimeZone } from '../bot/i18n/dates.js';
import { type AdminAlerts, createAdminAlerts } from '../bot/telegram/admin-alerts.js';
import { createBooks } from '../bot/telegram/books-commands.js';
import { registerCommandMenus } from '../bot/telegram/command-menus.js';
import { webhookReplyFor } from '../bot/telegram/early-answers.js';
import { rememberedLocale } from '../bot/telegram/lasting-choices.js';
import { createOrderNotifier } from '../bot/telegram/order-notifier.js';
import { createShopBot, type ShopBot } from '../bot/telegram/shop-bot.js';
import { createTelegrafClient } from '../bot/telegram/telegraf-client.js';
import { createTopupReview } from '../bot/telegram/topup-review.js';
import {
  chatOf,
  createUpdatePoller,
  createUpdateWorker,
  senderOf,
  type UpdatePollerOptions,
} from '../bot/telegram/update-intake.js';
import { countUpdates } from '../bot/telegram/update-metrics.js';
import { createWalletNoticeWorker } from '../bot/telegram/wallet-notices.js';
import { type BotConfig, type ShopPolicyConfig, shopTimeZoneName } from '../config/env.js';
import { createProviderCallbackHandler } from '../http/provider-callback.js';
import { createHttpServer, type Handler } from '../http/server.js';
import { createTelegramWebhookHandler, webhookPath } from '../http/telegram-webhook.js';
import { rememberProductsWithoutBills } from '../payments/bill-lookup-cache.js';
import { instrumentProvider } from '../payments/instrumented-provider.js';
import type { Currency, Money } from '../payments/money.js';
import { cacheNetworkStatus, type NetworkStatusCacheTuning } from '../payments/network-status-cache.js';
import type { OrderEngine } from '../payments/orders/order-engine.js';
import { combineOrderEvents } from '../payments/orders/order-events.js';
import type { OrderEvents } from '../payments/orders/ports.js';
import type { RequeryScheduler } from '../payments/orders/requery-scheduler.js';
import { DEFAULT_RETRY_SCHEDULE } from '../payments/orders/retry-schedule.js';
import type { PaymentProvider } from '../payments/provider.js';
import { createProviderHealth } from '../payments/provider-health.js';
import type { ReconciliationReport } from '../payments/reconciliation/compare.js';
import {
  createDailyReconcile,
  createReconciler,
  type DailyReconcile,
  type Reconciler,
  type ReportStore,
} from '../payments/reconciliation/reconciler.js';
import type { Clock } from '../platform/clock.js';
import type { IdSource } from '../platform/ids.js';
import { createAddressList } from '../platform/ip-list.js';
import type { Logger } from '../platform/logger.js';
import type { Metrics } from '../platform/metrics.js';
import type { Sleep } from '../platform/sleep.js';
import type { Stores } from '../store/index.js';
import type { PricingRuleStore } from '../store/ports.js';
import type { BillplzClient } from '../wallet/gateways/billplz/client.js';
import type { WalletStore } from '../wallet/ledger.js';
import type { OnlineMethod } from '../wallet/online-topups.js';
import { quotePrice } from '../wallet/pricing.js';
import { createTopupDecisions } from '../wallet/topup-decisions.js';
import { createProofMatcher } from '../wallet/topup-proofs.js';
import { type PaymentsTuning, wirePayments } from './wire-payments.js';
import { type TopupWiring, wireTopups } from './wire-topups.js';

/**
 * Wires the application from parts that are already open. Production gets its parts from
 * `openParts(config)` (create-app.ts); the tests, the demo and the benchmarks bring their own (a
 * sandbox provider, a test Redis prefix, a Bot API stand-in) and their own knobs, and go through
 * this same wiring, so what they test is what ships.
 *
 * The order is what removes the old engine <-> bot cycle: the Telegram client first; the order
 * notifier and the admin alerts stand on it; then the payments (engine and scheduler); then the
 * shop bot, which runs updates through its own middleware and talks through that client; then HTTP.
 */
export interface AppParts {
  /** The settings the wiring reads; the provider's settings were used to open `provider`. */
  config: Pick<BotConfig, 'telegram' | 'shop' | 'server'> & Partial<Pick<BotConfig, 'payins'>>;
  logger: Logger;
  metrics: Metrics;
  /** The provider as opened; the wiring adds metrics around it. */
  provider: PaymentProvider;
  stores: Stores;
  /** Source addresses allowed to post provider callbacks when CALLBACK_ALLOWED_IPS is unset. */
  defaultCallbackSources: readonly string[];
  clock: Clock;
  ids: IdSource;
  sleep: Sleep;
}

/** The knobs: schedules, leases, flood and alert rules. Production uses every default. */
export interface AppTuning extends PaymentsTuning {
  flood?: FloodRule;
  alertRules?: Partial<AlertRules>;
  /** A chat's lease in the update queue (renewed while handled; matters only after a crash). */
  updateLeaseMs?: number;
  /** How often idle update workers look for updates queued by other replicas. */
  updatePollIntervalMs?: number;
  /** How long a provider outcome answers /readyz before a probe is made (30 s). */
  providerHealthFreshMs?: number;
  /** A readiness check slower than this counts as unavailable (2 s). */
  readinessTimeoutMs?: number;
  /** How long a product's network status is reused, shared and in process, and a failure held. */
  networkStatus?: NetworkStatusCacheTuning;
  /** At most one callback-driven re-query per refid per this many ms (5 s). */
  callbackThrottleMs?: number;
  /** Provider callbacks worked on at once in this process (32). */
  callbackConcurrency?: number;
  /** A Billplz client other than the configured one. */
  billplzClient?: BillplzClient;
  /** Shortest wait between re-reads of one unpaid bill (60 s). */
  billplzRecheckMs?: number;
  /** How often unpaid bills are looked at (15 s). */
  billplzSweepIntervalMs?: number;
  /** How often buyer notices left in the wallets' outbox are looked for (5 s). */
  walletNoticePollIntervalMs?: number;
  /** How long one sender holds such a notice; a failed send is tried again after it (60 s). */
  walletNoticeLeaseMs?: number;
}

export interface App {
  logger: Logger;
  metrics: Metrics;
  stores: Stores;
  /** Buyer wallets (the same as `stores.wallets`). */
  wallets: WalletStore;
  provider: PaymentProvider;
  engine: OrderEngine;
  scheduler: RequeryScheduler;
  bot: ShopBot;
  alerts: AdminAlerts;
  /** Reconciliation, when the provider offers its books (`provider.reconciliation`). */
  reconciler: Reconciler | undefined;
  /** The daily run (RECONCILE_AT); undefined when unset or nothing to reconcile. */
  dailyReconcile: DailyReconcile | undefined;
  /** Path of the Telegram webhook (derived from WEBHOOK_SECRET), when in webhook mode. */
  webhookPath: string | undefined;
  callbackPath: string;
  /** Billplz and Stars, as configured. */
  topups: TopupWiring;
  /**
   * Resolves once every queued update has been handled (the queue is empty and no chat is being
   * worked): for the demo and the tests, which read the bot's answer right after sending.
   */
  updatesHandled(): Promise<void>;
  /**
   * Starts the HTTP server(s), the scheduler and update intake; resolves with the server's port and,
   * with INTERNAL_PORT, the internal server's.
   */
  start(): Promise<{ port: number; internalPort?: number }>;
  /** Shuts down in the order that loses nothing; closes the provider and the stores. */
  stop(): Promise<void>;
}

/** pre_checkout_query: without it every Stars checkout times out (spec telegram-payments §3). */
export const ALLOWED_UPDATES = ['message', 'callback_query', 'pre_checkout_query'] as const;

export function wireApp(parts: AppParts, tuning: AppTuning = {}): App {
  const { config, logger, metrics, stores, clock, ids, sleep } = parts;
  // Readiness from real calls' outcomes; a probe (one balance read) only when none is recent.
  const health = createProviderHealth({
    // One request per probe, no retries: a failing provider costs one call per cached period.
    probe: () => provider.getBalance({ once: true }),
    clock,
    ...(tuning.providerHealthFreshMs === undefined ? {} : { freshMs: tuning.providerHealthFreshMs }),
  });
  // Metrics see only the calls that reach the provider; network status, and products without bill
  // presentment, are answered from caches.
  const provider = rememberProductsWithoutBills(
    cacheNetworkStatus(instrumentProvider(parts.provider, metrics, health), {
      cache: stores.cache,
      clock,
      ...tuning.networkStatus,
    }),
    { cache: stores.cache, clock },
  );
  const adminUserIds = config.telegram.ADMIN_USER_IDS;
  const lowBalanceThreshold = amountFromConfig(config.shop.LOW_BALANCE_THRESHOLD, provider.currency);
  // Unset: the bot applies the currency's default guard (DEFAULT_ADMIN_ADJUST_MAX_AMOUNT).
  const adjustMax = amountFromConfig(config.shop.ADMIN_ADJUST_MAX_AMOUNT, provider.currency);

  // 1. Telegram, and what only needs Telegram.
  const telegraf = createTelegrafClient({
    token: config.telegram.TELEGRAM_BOT_TOKEN,
    ...(config.telegram.TELEGRAM_API_ROOT ? { apiRoot: config.telegram.TELEGRAM_API_ROOT } : {}),
  });
  const alerts = createAdminAlerts({
    telegram: telegraf.telegram,
    adminUserIds,
    provider,
    ...(lowBalanceThreshold ? { lowBalanceThreshold } : {}),
    clock,
    sleep,
    logger,
    counters: stores.counters,
    ...(tuning.alertRules ? { rules: tuning.alertRules } : {}),
  });
  // The shop's zone (SHOP_TIMEZONE, or the provider's home zone), handed to every view that shows a time.
  const timeZone = shopTimeZone(shopTimeZoneName(config.shop, provider.id));
  const notifier = createOrderNotifier({
    timeZone,
    telegram: telegraf.telegram,
    sleep,
    logger,
    alerts,
    reportIssue: provider.reconciliation?.reportIssue !== undefined,
  });

  // Buyer notices of credited top-ups and of admins' credits and debits that a crash or Telegram
  // kept from the buyer.
  const walletNotices = createWalletNoticeWorker({
    telegram: telegraf.telegram,
    notices: stores.wallets.notices,
    buyerLocale: (userId) => rememberedLocale(stores.sessions, userId),
    clock,
    ids,
    sleep,
    logger,
    ...(tuning.walletNoticePollIntervalMs === undefined
      ? {}
      : { pollIntervalMs: tuning.walletNoticePollIntervalMs }),
    ...(tuning.walletNoticeLeaseMs === undefined ? {} : { leaseMs: tuning.walletNoticeLeaseMs }),
  });

  // 2. Payments.
  const { engine, scheduler } = wirePayments(
    {
      store: stores.orders,
      provider,
      notifier,
      events: combineOrderEvents(orderMetrics(metrics, logger), alerts),
      balances: stores.wallets,
      clock,
      ids,
      logger,
      ensureOnDisk: () => stores.durability.ensureOnDisk(),
    },
    tuning,
  );

  // 2b. Reconciliation and book-keeping (/reconcile, /export, /reported, Report Issue).
  const source = provider.reconciliation;
  const reconciler = source
    ? createReconciler({
        source,
        orders: stores.orders,
        engine,
        lease: stores.locks,
        reports: cacheReportStore(stores.cache),
        currency: provider.currency,
        clock,
        logger,
      })
    : undefined;
  const reportIssue = source?.reportIssue?.bind(source);
  const books = createBooks({
    telegram: telegraf.telegram,
    ...(reconciler ? { reconciler } : {}),
    ...(reportIssue ? { reportIssue } : {}),
    engine,
    store: stores.orders,
    wallets: stores.wallets,
    locks: stores.locks,
    utcOffsetMinutes: source?.utcOffsetMinutes ?? SHOP_UTC_OFFSET_MINUTES,
    timeZone,
    clock,
    sleep,
    logger,
  });
  const dailyReconcile =
    reconciler && config.shop.RECONCILE_AT
      ? createDailyReconcile({
          reconciler,
          at: config.shop.RECONCILE_AT,
          clock,
          logger,
          deliver: (report) => books.deliver(report, adminUserIds, 'en'),
        })
      : undefined;

  // 3. Top-ups by transfer, and the conversation.
  const currency = provider.currency;
  // One transfer claimed twice: the same reference or receipt photo on two claims is flagged.
  const proofs = createProofMatcher({ store: stores.topupProofs, claims: stores.topupClaims, clock });
  const decisions = createTopupDecisions({
    proofs,
    claims: stores.topupClaims,
    wallets: stores.wallets,
    topups: stores.topups,
    clock,
    logger,
    allowSelfApproval: config.shop.TOPUP_ALLOW_SELF_APPROVAL,
  });
  const review = createTopupReview({
    telegram: telegraf.telegram,
    claims: stores.topupClaims,
    decisions,
    notices: stores.wallets.notices,
    adminUserIds,
    clock,
    newClaimId: () => randomBytes(9).toString('base64url'),
    claimTtlMs: config.shop.TOPUP_CLAIM_TTL_HOURS * 3_600_000,
    sleep,
    logger,
    proofs,
  });
  // Billplz and Stars: their middleware (successful_payment, /paysupport, /terms, /refundstars)
  // goes before the shop bot's handlers.
  const payins = wireTopups({
    payins: config.payins,
    currency,
    telegram: telegraf.telegram,
    topups: stores.topups,
    wallets: stores.wallets,
    adminUserIds,
    alerts,
    buyerLocale: (userId) => rememberedLocale(stores.sessions, userId),
    clock,
    sleep,
    logger,
    metrics,
    trustedProxies: config.server.TRUSTED_PROXIES,
    ...(tuning.billplzClient ? { billplzClient: tuning.billplzClient } : {}),
    ...(tuning.billplzRecheckMs === undefined ? {} : { billplzRecheckMs: tuning.billplzRecheckMs }),
    ...(tuning.billplzSweepIntervalMs === undefined
      ? {}
      : { billplzSweepIntervalMs: tuning.billplzSweepIntervalMs }),
  });
  const topupPolicy = topupPolicyFromConfig(config.shop, currency, payins.methods);
  // Counted as updates arrive (the update queue), decided by the bot with the same rule.
  const floodRule = tuning.flood ?? DEFAULT_FLOOD_RULE;
  // /paysupport and /terms are in the menus and /help only while Stars top-ups are on.
  const buyerCommands = buyerMenuCommands(payins.methods.includes('stars'));
  const bot = createShopBot({
    telegraf,
    // Every update is counted by kind before anything can stop it; then the payment middleware.
    middleware: [countUpdates(metrics), payins.middleware],
    timeZone,
    ...(config.shop.PRIVACY_POLICY_URL ? { privacyPolicyUrl: config.shop.PRIVACY_POLICY_URL } : {}),
    buyerCommands,
    provider,
    orders: engine,
    sessions: stores.sessions,
    // Called only once wiring is done (a product tap's status check), so `worker` exists by then.
    defer: async (chatId, json) => {
      await stores.inbox.defer(String(chatId), json, clock.nowMs());
      worker.wake();
    },
    locks: stores.locks,
    cache: stores.cache,
    clock,
    newId: () => randomUUID(),
    recheckSpacingMs: (tuning.schedule ?? DEFAULT_RETRY_SCHEDULE).buyerRecheckGapMs,
    sleep,
    logger,
    alerts,
    // In webhook mode the webhook's answer answers the buyers' presses (early-answers.ts).
    pressesAnsweredOnArrival: Boolean(config.server.WEBHOOK_URL && config.server.WEBHOOK_SECRET),
    jompay: { enabled: config.shop.JOMPAY_ENABLED, payers: stores.verifiedPayers },
    access: {
      policy: accessPolicyFromConfig(config.shop, { adminUserIds, currency: provider.currency }),
      flood: floodRule,
    },
    admin: {
      userIds: adminUserIds,
      store: stores.orders,
      ...(lowBalanceThreshold ? { lowBalanceThreshold } : {}),
      topups: { claims: stores.topupClaims, decisions },
      // /credit, /debit, /wallet <user id>, /audit, /margin, /prices.
      money: {
        wallets: stores.wallets,
        pricing: stores.pricing,
        allowSelfCredit: config.shop.TOPUP_ALLOW_SELF_APPROVAL,
        ...(adjustMax ? { adjustMax } : {}),
        newActionId: () => randomBytes(12).toString('base64url'),
      },
    },
    wallet: {
      wallets: stores.wallets,
      chargeBuyers: config.shop.BUYER_PAYMENT === 'wallet',
      quotePrice: quoteWithStoredRules(stores.pricing),
      ...(payins.methods.length > 0 ? { online: payins.intake } : {}),
      ...(topupPolicy
        ? {
            topup: {
              policy: topupPolicy,
              review,
              ...(config.shop.TOPUP_QR_IMAGE ? { qrImagePath: config.shop.TOPUP_QR_IMAGE } : {}),
            },
          }
        : {}),
    },
    books: { books, reportIssue: reportIssue !== undefined },
  });

  // 4. Update intake: the webhook or the poller queues each update durably; workers drain the queue.
  const worker = createUpdateWorker({
    queue: stores.inbox,
    handle: (update, turn) => bot.handleUpdate(update, turn),
    handleDeferred: (json, turn) => bot.handleDeferred(json, turn),
    onGiveUp: (update) => bot.apologise(update),
    sessionTtlMs: SESSION_TTL_MS,
    clock,
    ids,
    logger,
    ...(tuning.updateLeaseMs ? { leaseMs: tuning.updateLeaseMs } : {}),
    ...(tuning.updatePollIntervalMs ? { pollIntervalMs: tuning.updatePollIntervalMs } : {}),
  });
  const accept = async (update: Record<string, unknown> & { update_id: number }, json?: string) => {
    // Answered here, never queued: it moves no money and must be answered within 10 s, whatever the
    // chat's queue (or a polling batch) is busy with. A failure leaves Telegram to time it out.
    if (await payins.answerPreCheckout(update)) return 'queued' as const;
    const sender = senderOf(update);
    return worker.accept(
      {
        updateId: update.update_id,
        chat: chatOf(update),
        json: json ?? JSON.stringify(update),
        parsed: update as unknown as Update,
        ...(sender === undefined
          ? {}
          : { flood: { counter: floodCounterName(sender), windowMs: floodRule.windowMs } }),
      },
      clock.nowMs(),
    );
  };
  metrics.gauge('telegram_updates_queued', 'Telegram updates waiting in the durable queue', async () => [
    { value: await stores.inbox.depth() },
  ]);

  // 5. HTTP.
  const { WEBHOOK_URL, WEBHOOK_SECRET } = config.server;
  const webhook = WEBHOOK_URL && WEBHOOK_SECRET ? { url: WEBHOOK_URL, secret: WEBHOOK_SECRET } : undefined;
  const hookPath = webhook ? webhookPath(webhook.secret) : undefined;
  const routes: Record<string, Handler> = {};
  if (webhook && hookPath) {
    routes[hookPath] = createTelegramWebhookHandler({
      secretToken: webhook.secret,
      accept,
      reply: webhookReplyFor,
      logger,
    });
  }
  Object.assign(routes, payins.routes);
  const callbackPath = `/callbacks/${provider.id}`;
  routes[callbackPath] = createProviderCallbackHandler({
    provider,
    engine,
    logger,
    allowedAddresses: createAddressList(config.server.CALLBACK_ALLOWED_IPS ?? parts.defaultCallbackSources),
    trustedProxies: createAddressList(config.server.TRUSTED_PROXIES),
    counters: stores.counters,
    ...(tuning.callbackThrottleMs === undefined ? {} : { throttleWindowMs: tuning.callbackThrottleMs }),
    ...(tuning.callbackConcurrency === undefined ? {} : { maxConcurrent: tuning.callbackConcurrency }),
    onAccepted: () => scheduler.wake(),
  });
  const { INTERNAL_PORT, METRICS_TOKEN } = config.server;
  const httpOptions = {
    logger,
    metrics,
    readinessChecks: {
      // A write, not a read: a process still connected to a demoted primary (READONLY) or a Redis out
      // of memory reads fine but can take no update, so it must leave the load balancer's pool.
      store: async () => {
        await stores.counters.hit('readiness-probe', 60_000);
      },
      provider: () => health.check(),
    },
    ...(tuning.readinessTimeoutMs === undefined ? {} : { checkTimeoutMs: tuning.readinessTimeoutMs }),
    ...(METRICS_TOKEN ? { internalToken: METRICS_TOKEN } : {}),
  };
  const server = createHttpServer({ ...httpOptions, routes, serveInternal: INTERNAL_PORT === undefined });
  // With INTERNAL_PORT, /readyz and /metrics live on their own server, never reachable from outside.
  const internalServer =
    INTERNAL_PORT === undefined
      ? undefined
      : createHttpServer({ ...httpOptions, routes: {}, serveInternal: true });
  metrics.gauge('scheduler_active', 'Orders being re-queried by this process right now', async () => [
    { value: scheduler.active() },
  ]);

  const poller = webhook
    ? undefined
    : createUpdatePoller({
        telegram: telegraf.telegram as unknown as UpdatePollerOptions['telegram'],
        accept: async (update) => {
          await accept(update);
        },
        allowedUpdates: ALLOWED_UPDATES,
        logger,
        sleep,
      });
  let stopping: Promise<void> | undefined;
  /** The one-off proof backfill, run in the background from start (stores/redis). */
  let proofBackfill: Promise<void> | undefined;
  return {
    logger,
    metrics,
    stores,
    wallets: stores.wallets,
    provider,
    engine,
    scheduler,
    bot,
    alerts,
    reconciler,
    dailyReconcile,
    webhookPath: hookPath,
    callbackPath,
    topups: payins,

    async updatesHandled() {
      while ((await stores.inbox.depth()) > 0 || worker.active() > 0) await sleep(5);
    },

    async start() {
      await new Promise<void>((resolve) => server.listen(config.server.PORT, resolve));
      const { port } = server.address() as AddressInfo;
      let internalPort: number | undefined;
      if (internalServer) {
        await new Promise<void>((resolve) => internalServer.listen(INTERNAL_PORT, resolve));
        internalPort = (internalServer.address() as AddressInfo).port;
      }
      scheduler.start();
      worker.start();
      walletNotices.start();
      dailyReconcile?.start();
      payins.start();
      // Claims stored before proofs were fingerprinted get theirs, in the background: start-up
      // does not wait, and a failure is logged (the next start tries again).
      proofBackfill = stores
        .backfillTopupProofs?.({ stopping: () => stopping !== undefined })
        .then((outcome) => {
          if (outcome.result === 'done')
            logger.info('recorded the proof fingerprints of stored top-up claims', outcome);
          else if (outcome.result !== 'done-before')
            logger.info('top-up proof backfill left for another replica or start', outcome);
        })
        .catch((error: unknown) => logger.warn('top-up proof backfill failed', { err: error }));
      const telegram = telegraf.telegram;
      // Menus are a convenience: a failure is logged and start-up goes on.
      await registerCommandMenus(telegram, adminUserIds, { logger, buyerCommands }).catch((error) =>
        logger.warn('could not set the command menus', { err: error }),
      );
      if (webhook && hookPath) {
        await telegram.setWebhook(new URL(hookPath, webhook.url).toString(), {
          secret_token: webhook.secret,
          allowed_updates: [...ALLOWED_UPDATES],
          drop_pending_updates: false,
        });
        logger.info('webhook mode', { port, internalPort, callbackPath });
      } else {
        poller?.start();
        logger.info('polling mode', { port, internalPort, callbackPath });
      }
      return internalPort === undefined ? { port } : { port, internalPort };
    },

    stop() {
      // A second stop (SIGTERM then SIGINT, a test's own stop and its rig's) waits for the first:
      // closing connections twice would throw.
      stopping ??= stopInOrder();
      return stopping;
    },
  };

  async function stopInOrder(): Promise<void> {
    // 1. Take no more updates.
    await poller?.stop();
    await Promise.all(
      [server, internalServer].map(
        (each) =>
          each &&
          new Promise<void>((resolve) => {
            each.close(() => resolve());
            each.closeIdleConnections();
          }),
      ),
    );
    // 2. Finish the updates and payments in hand; whatever is left stays queued or due in the store.
    await worker.stop();
    await dailyReconcile?.stop();
    await scheduler.stop();
    await walletNotices.stop();
    await payins.stop();
    await engine.idle();
    await bot.idle();
    await alerts.idle();
    // The backfill stops at its next step once stopping is set (and runs again at the next start).
    await proofBackfill;
    // 3. Close connections.
    await provider.close();
    await stores.close();
    logger.info('stopped');
  }
}

/** Reconciliation reports kept in the shared cache for 400 days: `{p}cache:reconcile:<provider>:<day>`. */
const REPORT_TTL_MS = 400 * 24 * 60 * 60_000;
/** A conversation is forgotten an hour after its last update. */
const SESSION_TTL_MS = 60 * 60_000;

function cacheReportStore(cache: Stores['cache']): ReportStore {
  return {
    get: (provider, day) => cache.get<ReconciliationReport>(`reconcile:${provider}:${day}`),
    put: (report) => cache.set(`reconcile:${report.provider}:${report.day}`, report, REPORT_TTL_MS),
  };
}

/** Counts order events for /metrics, and logs the ones an operator should see. */
function orderMetrics(metrics: Metrics, logger: Logger): OrderEvents {
  metrics.describe(
    'orders_total',
    'Order events: confirmed orders reaching a final state, needs attention, provider errors',
  );
  return {
    emit(event, order) {
      metrics.increment('orders_total', { event, state: order.state });
      if (event === 'needs_attention') logger.warn('order needs attention', { refid: order.refid });
    },
  };
}

/**
 * The price a buyer is quoted: `quotePrice` under the owner's stored rules, read at every quote (so an
 * admin's change applies to the next quote, never to one already shown). A read that fails (Redis
 * away, a corrupt record) throws, and the quote fails: nothing is sold at a wrong price.
 */
export function quoteWithStoredRules(
  pricing: Pick<PricingRuleStore, 'get'>,
): (product: QuotedProduct, base: Money) => Promise<Money> {
  return async (product, base) => quotePrice({ product, base }, (await pricing.get()).rules).price;
}

/** Amounts offered on the top-up screen, kept when they fall within the configured limits. */
const SUGGESTED_TOPUPS = ['20', '50', '100', '200'];

/** TOPUP_* as the conversation's policy; undefined (top-ups by transfer off) without instructions. */
export function topupPolicyFromConfig(
  shop: Pick<ShopPolicyConfig, 'TOPUP_MIN_AMOUNT' | 'TOPUP_MAX_AMOUNT' | 'TOPUP_INSTRUCTIONS'>,
  currency: Currency,
  online: readonly OnlineMethod[] = [],
): TopupPolicy | undefined {
  if (!shop.TOPUP_INSTRUCTIONS && online.length === 0) return undefined;
  const min = amountFromConfig(shop.TOPUP_MIN_AMOUNT, currency);
  const max = amountFromConfig(shop.TOPUP_MAX_AMOUNT, currency);
  if (!min || !max || min.minor <= 0 || max.minor < min.minor)
    throw new RangeError('TOPUP_MIN_AMOUNT must be above 0 and at most TOPUP_MAX_AMOUNT');
  const scale = currency === 'IDR' ? 1000 : 1;
  const suggested = SUGGESTED_TOPUPS.flatMap((text) => {
    const amount = amountFromConfig(String(Number(text) * scale), currency);
    return amount && amount.minor >= min.minor && amount.minor <= max.minor ? [amount] : [];
  });
  return {
    min,
    max,
    suggested,
    instructions: shop.TOPUP_INSTRUCTIONS ?? '',
    ...(shop.TOPUP_INSTRUCTIONS ? {} : { transfer: false }),
    ...(online.length > 0 ? { online: [...online] } : {}),
  };
}
