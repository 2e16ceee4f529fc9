import type { Money } from '../../payments/money.js';
import { isFinal } from '../../payments/orders/order.js';
import type { OrderService, OrderStore } from '../../payments/orders/ports.js';
import type { PaymentProvider } from '../../payments/provider.js';
import type { Clock } from '../../platform/clock.js';
import type { Logger } from '../../platform/logger.js';
import type { VerifiedPayerStore } from '../../store/ports.js';
import type { TopupClaimStore } from '../../wallet/topup-claims.js';
import type { TopupDecisions } from '../../wallet/topup-decisions.js';
import { shopDayStart } from '../access/daily-limits.js';
import type { AdminCommand } from '../admin/commands.js';
import { summarizeDay } from '../admin/stats.js';
import { renderOpenClaims } from '../admin/topup-views.js';
import {
  renderAdminFailure,
  renderAdminOrder,
  renderBalance,
  renderOrderNotFound,
  renderOrderUsage,
  renderPending,
  renderStats,
} from '../admin/views.js';
import type { ShopTimeZone } from '../i18n/dates.js';
import { messagesFor } from '../i18n/index.js';
import type { Locale } from '../i18n/locale.js';
import { maskIdNumber } from '../id-numbers.js';
import { blocks } from '../views/html.js';
import { type View, view } from '../views/view.js';

/**
 * Answers the admins' commands with the provider, the order engine and the order store. The glue
 * calls it only for admins in private chats, outside the buyer conversation.
 */
export interface AdminCommandDeps {
  provider: Pick<PaymentProvider, 'getBalance' | 'currency'>;
  /** The shop's zone (SHOP_TIMEZONE): /stats counts from its midnight. Malaysia unless given. */
  timeZone?: ShopTimeZone;
  orders: Pick<OrderService, 'get' | 'settle'>;
  store: Pick<OrderStore, 'listOpen' | 'listCreatedSince'>;
  clock: Clock;
  logger: Logger;
  lowBalanceThreshold?: Money;
  /** Verified JomPAY payers, for /verify and /unverify; `enabled` is JOMPAY_ENABLED. */
  payers?: { store: VerifiedPayerStore; enabled: boolean };
  /** Top-up claims, for /topups; approved claims left uncredited are credited first. */
  topups?: { claims: Pick<TopupClaimStore, 'listOpen'>; decisions: Pick<TopupDecisions, 'repair'> };
}

/** Open orders read for /pending (final-but-unnotified ones are among them and filtered out). */
const OPEN_READ = 500;
/** Orders of the day read for /stats; past this the figures say they are partial. */
const DAY_READ = 5_000;
/** Claims listed by /topups. */
const OPEN_CLAIMS = 30;

export function createAdminCommands(deps: AdminCommandDeps) {
  const { provider, orders, store, clock } = deps;
  const log = deps.logger.child({ component: 'admin' });

  const orderView = async (refid: string | undefined, locale: Locale): Promise<View> => {
    if (refid === undefined) return renderOrderUsage(locale);
    const order = await orders.get(refid);
    if (!order) return renderOrderNotFound(refid, locale);
    if (isFinal(order.state)) return renderAdminOrder(order, locale, { kind: 'final' });
    try {
      const after = (await orders.settle(refid)) ?? order;
      // Every provider call counts an attempt; none means another worker held the order.
      const asked = after.attempts > order.attempts || isFinal(after.state);
      return renderAdminOrder(after, locale, { kind: asked ? 'requeried' : 'busy' });
    } catch (error) {
      log.warn('admin re-query failed', { refid, err: error });
      const current = (await orders.get(refid)) ?? order;
      return renderAdminOrder(current, locale, { kind: 'failed', reason: describe(error) });
    }
  };

  /** /verify and /unverify. The number is shown masked: only the admin's own message has it whole. */
  const payerCommand = async (
    command: Extract<AdminCommand, { name: 'verify' | 'unverify' }>,
    adminId: number,
    locale: Locale,
  ): Promise<View> => {
    const m = messagesFor(locale).jompay;
    const payers = deps.payers;
    const off = payers?.enabled ? undefined : m.disabledNote;
    if (command.name === 'unverify') {
      if (command.userId === undefined || !payers) return view(blocks(m.unverifyUsage, off));
      const removed = await payers.store.remove(command.userId);
      log.info('JomPAY verification withdrawn', { userId: command.userId, by: adminId, removed });
      const userId = String(command.userId);
      return view(blocks(removed ? m.removed(userId) : m.notVerified(userId), off));
    }
    if (command.userId === undefined || command.payer === undefined || !payers)
      return view(blocks(m.verifyUsage, off));
    const before = await payers.store.get(command.userId);
    await payers.store.set({
      userId: command.userId,
      kind: command.payer.kind,
      id: command.payer.value,
      verifiedBy: adminId,
      verifiedAt: clock.nowMs(),
    });
    log.info('JomPAY payer verified', { userId: command.userId, by: adminId, kind: command.payer.kind });
    return view(
      blocks(
        m.verified(String(command.userId), maskIdNumber(command.payer.value)),
        before && before.id !== command.payer.value ? m.replaced(maskIdNumber(before.id)) : undefined,
        off,
      ),
    );
  };

  const answer = async (command: AdminCommand, locale: Locale, adminId: number): Promise<View> => {
    switch (command.name) {
      case 'balance':
        return renderBalance(await provider.getBalance(), locale, deps.lowBalanceThreshold);
      case 'order':
        return orderView(command.refid, locale);
      case 'pending': {
        const open = (await store.listOpen(OPEN_READ)).filter((order) => !isFinal(order.state));
        return renderPending(open, clock.nowMs(), locale);
      }
      case 'stats': {
        const dayStart = shopDayStart(clock.nowMs(), deps.timeZone);
        const today = await store.listCreatedSince(dayStart, DAY_READ);
        return renderStats(
          summarizeDay(today, { dayStart, currency: provider.currency, truncated: today.length >= DAY_READ }),
          locale,
          deps.timeZone,
        );
      }
      case 'verify':
      case 'unverify':
        return payerCommand(command, adminId, locale);
      case 'topups': {
        if (!deps.topups) return view(messagesFor(locale).topupReview.openNone);
        await deps.topups.decisions.repair();
        return renderOpenClaims(await deps.topups.claims.listOpen(clock.nowMs(), OPEN_CLAIMS), locale);
      }
    }
  };

  /** The reply to an admin command; a failure is reported to the admin, not thrown. */
  return async (command: AdminCommand, locale: Locale, adminId = 0): Promise<View> => {
    try {
      return await answer(command, locale, adminId);
    } catch (error) {
      log.warn('admin command failed', { command: command.name, err: error });
      return renderAdminFailure(describe(error), locale);
    }
  };
}

/** Provider errors name what went wrong and never carry secrets or bodies (see payments/errors.ts). */
function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
