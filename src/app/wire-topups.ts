import { randomBytes } from 'node:crypto';
import type { Context, MiddlewareFn, Telegram } from 'telegraf';
import { messagesFor } from '../bot/i18n/index.js';
import { DEFAULT_LOCALE, isLocale, type Locale } from '../bot/i18n/locale.js';
import type { AdminAlerts } from '../bot/telegram/admin-alerts.js';
import {
  createStarsPayments,
  createTopupNotifier,
  type StarsPayments,
} from '../bot/telegram/stars-payments.js';
import { sendView } from '../bot/telegram/telegram-io.js';
import { escapeHtml } from '../bot/views/html.js';
import { view } from '../bot/views/view.js';
import { BILLPLZ_CALLBACK_PATH, BILLPLZ_REDIRECT_PATH, type PayinConfig } from '../config/env.js';
import { createBillplzCallbackHandler, createBillplzRedirectHandler } from '../http/billplz-callback.js';
import type { Handler } from '../http/server.js';
import { type Currency, formatMoney, type Money, money } from '../payments/money.js';
import type { Clock } from '../platform/clock.js';
import { createAddressList } from '../platform/ip-list.js';
import type { Logger } from '../platform/logger.js';
import type { Metrics } from '../platform/metrics.js';
import type { Sleep } from '../platform/sleep.js';
import { type BillplzTopups, createBillplzTopups } from '../wallet/billplz-topups.js';
import { type BillplzClient, createBillplzClient } from '../wallet/gateways/billplz/client.js';
import type { WalletStore } from '../wallet/ledger.js';
import type { OnlineMethod, OnlineTopupIntake } from '../wallet/online-topups.js';
import { createStarsTopups, type StarsTopups } from '../wallet/stars-topups.js';
import type { Topup, TopupStore, UnmatchedPayment } from '../wallet/topups.js';

/**
 * The top-ups that settle themselves, wired: Billplz (a client, the top-up service, its two HTTP
 * routes and the re-read schedule) and Telegram Stars (invoices, pre-checkout at intake, the
 * successful_payment and payment commands middleware), each only when configured. Metrics count
 * top-ups of every method by state.
 */
export interface TopupWiringDeps {
  payins: PayinConfig | undefined;
  currency: Currency;
  telegram: Telegram;
  topups: TopupStore;
  wallets: Pick<WalletStore, 'balance' | 'notices'>;
  adminUserIds: readonly number[];
  /** Told of a Stars refund Telegram made whose credit the buyer had spent. */
  alerts?: Pick<AdminAlerts, 'starsRefundShort'>;
  /** The language a buyer last used with the bot, for messages outside their conversation. */
  buyerLocale?: (userId: number) => Promise<Locale | undefined>;
  clock: Clock;
  sleep: Sleep;
  logger: Logger;
  metrics: Metrics;
  trustedProxies?: readonly string[];
  /** A client other than the configured one (tests). */
  billplzClient?: BillplzClient;
  /** Shortest wait between re-reads of one unpaid bill (60 s). */
  billplzRecheckMs?: number;
  /** How often the re-read schedule runs (15 s). */
  billplzSweepIntervalMs?: number;
}

export interface TopupWiring {
  methods: OnlineMethod[];
  intake: OnlineTopupIntake;
  routes: Record<string, Handler>;
  billplz?: BillplzTopups;
  stars?: StarsTopups;
  starsPayments?: StarsPayments;
  middleware: MiddlewareFn<Context>;
  /** Answers a pre_checkout_query at intake; false for every other update. */
  answerPreCheckout(update: Record<string, unknown>): Promise<boolean>;
  start(): void;
  stop(): Promise<void>;
}

export function wireTopups(deps: TopupWiringDeps): TopupWiring {
  const { payins, telegram, topups, clock, sleep, logger } = deps;
  const log = logger.child({ component: 'topups' });
  const newId = () => randomBytes(12).toString('base64url');
  const notify = createTopupNotifier({ telegram, notices: deps.wallets.notices, clock, sleep, logger });
  const tellAdmins = async (text: string) => {
    for (const adminId of new Set(deps.adminUserIds))
      await sendView(telegram, adminId, view(text), sleep).catch(() => {});
  };
  const onUnmatched = async (p: UnmatchedPayment) =>
    tellAdmins(
      // The payer id, currency and payload come from the update: untrusted text in HTML.
      messagesFor(DEFAULT_LOCALE).payins.unmatchedAlert(
        p.method,
        escapeHtml(p.payerId),
        escapeHtml(`${p.amount} ${p.currency}`),
        escapeHtml(p.reason),
      ),
    );

  deps.metrics.gauge(
    'topups',
    'Top-ups by method and state (every method: transfer, billplz, stars)',
    async () =>
      (await topups.counts()).map((row) => ({
        labels: { method: row.method, state: row.state },
        value: row.count,
      })),
  );

  let billplz: BillplzTopups | undefined;
  const billplzConfig = payins?.billplz;
  if (billplzConfig && deps.currency !== 'MYR') {
    log.warn('Billplz takes MYR only; Billplz top-ups are off for this shop', { currency: deps.currency });
  } else if (billplzConfig) {
    billplz = createBillplzTopups({
      client:
        deps.billplzClient ??
        createBillplzClient({ baseUrl: billplzConfig.baseUrl, apiKey: billplzConfig.apiKey }),
      topups,
      clock,
      logger,
      newId,
      collectionId: billplzConfig.collectionId,
      xSignatureKey: billplzConfig.xSignatureKey,
      email: billplzConfig.email,
      callbackUrl: billplzConfig.callbackUrl,
      ...(billplzConfig.redirectUrl ? { redirectUrl: billplzConfig.redirectUrl } : {}),
      billLifetimeMs: billplzConfig.billLifetimeMs,
      ...(deps.billplzRecheckMs === undefined ? {} : { recheckMs: deps.billplzRecheckMs }),
      onCredited: (topup, balance) => notify(topup, balance),
      onMismatch: (topup, _bill, problem) =>
        tellAdmins(messagesFor(DEFAULT_LOCALE).payins.billplzMismatchAlert(topup.id, escapeHtml(problem))),
    });
  }

  let stars: StarsTopups | undefined;
  let starsPayments: StarsPayments | undefined;
  if (payins?.stars) {
    stars = createStarsTopups({
      topups,
      clock,
      logger,
      newId,
      starsPerUnit: payins.stars.starsPerUnit,
      invoiceTtlMs: payins.stars.invoiceTtlMs,
    });
  }
  // Refunds work on the top-ups already credited even after Stars are turned off: a refund
  // Telegram reports must still take its credit back. They need no rate.
  const refunds =
    stars ?? createStarsTopups({ topups, clock, logger, newId, starsPerUnit: 1, invoiceTtlMs: 0 });
  // /paysupport and /terms answer whether or not Stars are on; payments need Stars on.
  const payments = createStarsPayments({
    telegram,
    stars: stars ?? {
      starsPerUnit: 0,
      quote: () => 0,
      open: async () => {
        throw new Error('Stars top-ups are off');
      },
      checkPreCheckout: async () => ({ ok: false, reason: 'unknown' }),
      onPayment: async (p) => {
        await topups.recordUnmatched({
          method: 'stars',
          payerId: p.chargeId,
          userId: p.fromId,
          reference: p.payload,
          amount: p.totalAmount,
          currency: p.currency,
          reason: 'Stars top-ups are off',
          at: clock.nowMs(),
        });
        return { kind: 'unmatched', reason: 'Stars top-ups are off' };
      },
      refund: refunds.refund,
      onRefunded: refunds.onRefunded,
    },
    topups,
    wallets: deps.wallets,
    adminUserIds: deps.adminUserIds,
    ...(payins?.supportContact ? { supportContact: payins.supportContact } : {}),
    clock,
    sleep,
    logger,
    onUnmatched,
    onCredited: (topup, balance) => notify(topup, balance),
    ...(deps.alerts ? { onRefundShort: notifyShort(deps.alerts) } : {}),
    ...(deps.buyerLocale ? { buyerLocale: deps.buyerLocale } : {}),
  });
  if (stars) starsPayments = payments;

  const intake: OnlineTopupIntake = {
    async start(method, input) {
      if (method === 'billplz') {
        if (!billplz) return { ok: false, reason: 'off' };
        const started = await billplz.start(input);
        if (!started.ok) return started;
        return { ok: true, topupId: started.topup.id, url: started.url, expiresAt: started.topup.expiresAt };
      }
      if (!stars || !starsPayments) return { ok: false, reason: 'off' };
      const topup = await stars.open(input);
      const locale = isLocale(input.locale) ? input.locale : DEFAULT_LOCALE;
      try {
        await starsPayments.sendInvoice(topup, locale);
      } catch (error) {
        log.warn('could not send a Stars invoice', { topupId: topup.id, err: error });
        await topups.reject(topup.id, clock.nowMs(), 'invoice not sent');
        return { ok: false, reason: 'unavailable' };
      }
      return {
        ok: true,
        topupId: topup.id,
        expiresAt: topup.expiresAt,
        ...(topup.stars ? { stars: topup.stars.amount } : {}),
      };
    },
  };

  const routes: Record<string, Handler> = {};
  if (billplz) {
    const routeOptions = {
      topups: billplz,
      logger,
      allowedAddresses: createAddressList(billplzConfig?.callbackAllowedIps ?? []),
      trustedProxies: createAddressList(deps.trustedProxies ?? []),
    };
    routes[BILLPLZ_CALLBACK_PATH] = createBillplzCallbackHandler(routeOptions);
    routes[BILLPLZ_REDIRECT_PATH] = createBillplzRedirectHandler(routeOptions);
  }

  let timer: NodeJS.Timeout | undefined;
  let sweeping: Promise<unknown> | undefined;
  const sweepIntervalMs = deps.billplzSweepIntervalMs ?? 15_000;

  return {
    methods: [...(billplz ? (['billplz'] as const) : []), ...(stars ? (['stars'] as const) : [])],
    intake,
    routes,
    ...(billplz ? { billplz } : {}),
    ...(stars ? { stars } : {}),
    ...(starsPayments ? { starsPayments } : {}),
    middleware: payments.middleware(),
    answerPreCheckout: (update) => payments.answerPreCheckout(update),
    start() {
      if (!billplz || timer) return;
      const run = billplz;
      timer = setInterval(() => {
        if (sweeping) return;
        sweeping = run
          .sweep()
          .catch((error: unknown) => log.warn('bill re-reads failed', { err: error }))
          .finally(() => {
            sweeping = undefined;
          });
      }, sweepIntervalMs);
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await sweeping;
    },
  };
}

/** The admins' alert for a refund Telegram made whose credit could not be taken back. */
function notifyShort(alerts: Pick<AdminAlerts, 'starsRefundShort'>) {
  return async (topup: Topup, balance: Money, stars: number) =>
    alerts.starsRefundShort({
      userId: topup.userId,
      topupId: topup.id,
      amount: topup.amount,
      balance,
      stars,
    });
}

/** An amount in words for logs and alerts. */
export function describeAmount(minor: number, currency: Currency): string {
  return formatMoney(money(minor, currency));
}
