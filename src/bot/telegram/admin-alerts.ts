import type { Telegram } from 'telegraf';
import type { Money } from '../../payments/money.js';
import type { Order } from '../../payments/orders/order.js';
import type { OrderEventName, OrderEvents } from '../../payments/orders/ports.js';
import type { PaymentProvider } from '../../payments/provider.js';
import type { Product } from '../../payments/types.js';
import type { Clock } from '../../platform/clock.js';
import type { Logger } from '../../platform/logger.js';
import type { Sleep } from '../../platform/sleep.js';
import type { CounterStore } from '../../store/ports.js';
import {
  type AlertRules,
  type AlertState,
  balanceReadNeeded,
  DEFAULT_ALERT_RULES,
  INITIAL_ALERT_STATE,
  onBalance,
  onNeedsAttention,
  onProviderError,
  onSpent,
} from '../admin/alert-throttle.js';
import {
  renderAttentionAlert,
  renderLowBalanceAlert,
  renderNotifyFailedAlert,
  renderProviderErrorAlert,
  renderShopUnavailableAlert,
  renderSoldAtLossAlert,
  renderStarsRefundShortAlert,
  renderUnsellableAlert,
} from '../admin/views.js';
import { DEFAULT_LOCALE, type Locale } from '../i18n/locale.js';
import type { View } from '../views/view.js';
import { sendView } from './telegram-io.js';

/**
 * Tells the admins, in Telegram, what needs them: an order the provider has not settled in time, a
 * wallet running low after a payment, provider errors that keep coming. It is the order engine's
 * `OrderEvents` (alone or through `combineOrderEvents`): `emit` returns at once, never throws, and
 * does its work in the background, so alerts never slow or break a payment.
 */
export interface AdminAlertsOptions {
  /** A Bot API client: `new Telegram(token, { apiRoot })`, or the bot's own `telegraf.telegram`. */
  telegram: Telegram;
  /** Who is alerted (ADMIN_USER_IDS). An admin who never opened the bot cannot be messaged; that is logged. */
  adminUserIds: readonly number[];
  provider: Pick<PaymentProvider, 'getBalance'>;
  /** LOW_BALANCE_THRESHOLD in the provider's currency; no low-balance alerts without it. */
  lowBalanceThreshold?: Money;
  clock: Clock;
  sleep: Sleep;
  logger: Logger;
  /** The admins' language; English by default. */
  locale?: Locale;
  /**
   * Shared counters, so that several replicas noticing the same wallet or provider trouble send one
   * alert between them. Without it each process alerts on its own.
   */
  counters?: CounterStore;
  rules?: Partial<AlertRules>;
}

export interface AdminAlerts extends OrderEvents {
  /** Listed products that cannot be sold (`Product.unsellable`): each named once per quiet period. */
  unsellable(products: readonly Product[]): void;
  /** A finished order's buyer could not be shown its outcome, after the notifier gave up retrying. */
  notifyFailed(order: Order, detail: string): void;
  /**
   * Telegram refunded a Stars top-up (refunded_payment) whose credit the buyer had spent: nothing
   * was taken from the wallet, so the admins must settle it. Sent once per top-up.
   */
  starsRefundShort(short: StarsRefundShort): void;
  /** Resolves when alerts in flight have been sent (tests, shutdown). */
  idle(): Promise<void>;
}

export interface StarsRefundShort {
  userId: number;
  topupId: string;
  /** The credit that stands. */
  amount: Money;
  /** The buyer's balance when the refund was reported. */
  balance: Money;
  stars: number;
}

export function createAdminAlerts(options: AdminAlertsOptions): AdminAlerts {
  const { telegram, provider, clock, sleep } = options;
  const log = options.logger.child({ component: 'admin-alerts' });
  const rules: AlertRules = { ...DEFAULT_ALERT_RULES, ...options.rules };
  const locale = options.locale ?? DEFAULT_LOCALE;
  const admins = [...new Set(options.adminUserIds)];
  const threshold = options.lowBalanceThreshold;
  const background = new Set<Promise<unknown>>();
  let state: AlertState = INITIAL_ALERT_STATE;
  let balanceRead: Promise<void> | undefined;

  const inBackground = (task: () => Promise<unknown>) => {
    const tracked = Promise.resolve()
      .then(task)
      .catch((error) => log.warn('admin alert failed', { err: error }));
    background.add(tracked);
    void tracked.finally(() => background.delete(tracked));
  };

  /** Sends to every admin; with `onceAcrossReplicasMs`, only if no replica sent `kind` that long ago. */
  const broadcast = async (kind: string, shown: View, onceAcrossReplicasMs?: number) => {
    if (onceAcrossReplicasMs !== undefined && options.counters) {
      try {
        if ((await options.counters.hit(`alert:${kind}`, onceAcrossReplicasMs)) > 1) return;
      } catch (error) {
        // Better a duplicate alert than none.
        log.warn('alert counter unavailable; alerting anyway', { alert: kind, err: error });
      }
    }
    let delivered = 0;
    await Promise.all(
      admins.map((adminId) =>
        sendView(telegram, adminId, shown, sleep).then(
          () => {
            delivered += 1;
          },
          (error: unknown) => log.warn('could not alert an admin', { alert: kind, adminId, err: error }),
        ),
      ),
    );
    log.info('admins alerted', { alert: kind, delivered, admins: admins.length });
  };

  /** Alerts sent per kind and subject in this process, for when no shared counter is configured. */
  const lastRepeat = new Map<string, number>();
  /** One alert per `kind` (already naming its subject) per `repeatQuietMs`, across replicas. */
  const once = (kind: string, shown: View) => {
    const nowMs = clock.nowMs();
    const last = lastRepeat.get(kind);
    if (last !== undefined && nowMs - last < rules.repeatQuietMs) return;
    lastRepeat.set(kind, nowMs);
    inBackground(() => broadcast(kind, shown, rules.repeatQuietMs));
  };

  const sawBalance = (balance: Money, limit: Money) => {
    const step = onBalance(state, balance, limit, clock.nowMs(), rules);
    state = step.state;
    if (step.alert) {
      log.warn('wallet balance is low', { balance: balance.minor, threshold: limit.minor });
      inBackground(() =>
        broadcast('low-balance', renderLowBalanceAlert(balance, limit, locale), rules.lowBalanceQuietMs),
      );
    }
  };

  const afterPayment = (order: Order, limit: Money) => {
    const reported = order.outcome?.balanceAfter;
    if (reported && reported.currency === limit.currency) {
      sawBalance(reported, limit);
      return;
    }
    const spent = order.outcome?.cost ?? order.request.amount;
    if (spent.currency === limit.currency) state = onSpent(state, spent.minor);
    if (balanceRead || !balanceReadNeeded(state, limit, clock.nowMs(), rules)) return;
    const read = provider
      .getBalance()
      .then((wallet) => sawBalance(wallet.balance, limit))
      .finally(() => {
        balanceRead = undefined;
      });
    balanceRead = read;
    inBackground(() => read);
  };

  /**
   * The provider charged more than the buyer paid: its price went up after the catalog the quote was
   * priced from (IAK's list is trusted for minutes, a quote lives longer), or a margin is negative.
   * Nothing is taken back from the buyer, who paid the price shown; the owner is told, once per
   * product per quiet period.
   */
  const checkMargin = (order: Order) => {
    const price = order.charge?.price;
    const cost = order.outcome?.cost;
    if (!price || !cost || price.currency !== cost.currency || cost.minor <= price.minor) return;
    log.warn('an order was sold at a loss', {
      refid: order.refid,
      product: order.request.product,
      price: price.minor,
      cost: cost.minor,
    });
    once(`sold-at-loss:${order.request.product}`, renderSoldAtLossAlert(order, price, cost, locale));
  };

  const handle = (event: OrderEventName, order: Order, detail: string | undefined) => {
    const nowMs = clock.nowMs();
    switch (event) {
      case 'needs_attention': {
        const step = onNeedsAttention(state, nowMs, rules);
        state = step.state;
        const alert = step.alert;
        if (!alert) return;
        const shown = renderAttentionAlert(order, locale, {
          nowMs,
          suppressed: alert.suppressed,
          ...(alert.pausing ? { pausedForMs: rules.attentionWindowMs } : {}),
        });
        inBackground(() => broadcast('needs-attention', shown));
        return;
      }
      case 'provider_error': {
        const step = onProviderError(state, nowMs, rules);
        state = step.state;
        if (!step.alert) return;
        const shown = renderProviderErrorAlert(
          { errors: step.alert.errors, windowMs: rules.providerErrorWindowMs, ...(detail ? { detail } : {}) },
          locale,
        );
        inBackground(() => broadcast('provider-errors', shown, rules.providerErrorQuietMs));
        return;
      }
      case 'finalized': {
        if (threshold && order.state === 'succeeded') afterPayment(order, threshold);
        if (order.state === 'succeeded') checkMargin(order);
        // The buyer reads "temporarily unavailable"; the admins get the provider's real reason.
        const failure = order.failure ?? order.outcome?.failure;
        if (failure?.code === 'shop_unavailable') {
          log.warn('the provider refused the shop itself', {
            refid: order.refid,
            code: failure.providerCode,
          });
          once(`shop-unavailable:${failure.providerCode ?? ''}`, renderShopUnavailableAlert(order, locale));
        }
        return;
      }
    }
  };

  return {
    unsellable(products) {
      try {
        for (const product of products) {
          if (!product.unsellable) continue;
          once(`unsellable:${product.code}`, renderUnsellableAlert(product, locale));
        }
      } catch (error) {
        log.warn('admin alert failed', { alert: 'unsellable', err: error });
      }
    },
    notifyFailed(order, detail) {
      try {
        once(`notify-failed:${order.refid}`, renderNotifyFailedAlert(order, detail, locale));
      } catch (error) {
        log.warn('admin alert failed', { alert: 'notify-failed', err: error });
      }
    },
    starsRefundShort(short) {
      try {
        // The store reports a short refund once per top-up; the kind names it for the counters too.
        once(`stars-refund-short:${short.topupId}`, renderStarsRefundShortAlert(short, locale));
      } catch (error) {
        log.warn('admin alert failed', { alert: 'stars-refund-short', err: error });
      }
    },
    emit(event, order, detail) {
      try {
        handle(event, order, detail);
      } catch (error) {
        // Even a malformed event must not reach the engine as an exception.
        log.warn('admin alert failed', { event, refid: (order as Order | undefined)?.refid, err: error });
      }
    },
    async idle() {
      while (background.size > 0) await Promise.all([...background]);
    },
  };
}
