import type { Telegram } from 'telegraf';
import { isFinal, type Order } from '../../payments/orders/order.js';
import type { OrderEngine } from '../../payments/orders/order-engine.js';
import type { OrderNotice, OrderStore } from '../../payments/orders/ports.js';
import type { ReconciliationReport } from '../../payments/reconciliation/compare.js';
import type { IssueReport } from '../../payments/reconciliation/ports.js';
import type { Reconciler } from '../../payments/reconciliation/reconciler.js';
import { shopDayOf, shopDayRange } from '../../payments/reconciliation/shop-day.js';
import type { Clock } from '../../platform/clock.js';
import type { Logger } from '../../platform/logger.js';
import type { Sleep } from '../../platform/sleep.js';
import type { LockStore } from '../../store/ports.js';
import { balanceAfterEntry, type LedgerEntry, type WalletStore } from '../../wallet/ledger.js';
import { purchaseEntryId } from '../../wallet/order-entries.js';
import { type BooksCommand, renderReconcileReport, renderReported } from '../admin/books.js';
import { ledgerCsv, ordersCsv } from '../admin/csv.js';
import type { ShopTimeZone } from '../i18n/dates.js';
import { messagesFor } from '../i18n/index.js';
import type { Locale } from '../i18n/locale.js';
import { renderOrderStatus } from '../views/order-views.js';
import { view } from '../views/view.js';
import { editView, sendView, withRetryAfter } from './telegram-io.js';

/**
 * Carries out the admins' book-keeping commands (/reconcile, /export, /reported) and the buyer's
 * Report Issue button. Kept out of admin-commands.ts because an export answers with a document, and
 * Report Issue is a buyer's press outside the conversation.
 */
export interface BooksDeps {
  telegram: Telegram;
  /** The shop's zone for receipt times (SHOP_TIMEZONE); Malaysia unless given. */
  timeZone?: ShopTimeZone;
  reconciler?: Reconciler;
  /** The provider's Report Issue, when it has one (from `provider.reconciliation`). */
  reportIssue?: (refid: string) => Promise<IssueReport>;
  engine: Pick<OrderEngine, 'get' | 'recordIssueReport'>;
  store: Pick<OrderStore, 'listCreatedSince'>;
  wallets?: Pick<WalletStore, 'users' | 'entries'>;
  locks: LockStore;
  /** The shop's UTC offset for days (the reconciler's, else Malaysia). */
  utcOffsetMinutes: number;
  clock: Clock;
  sleep: Sleep;
  logger: Logger;
}

const MAX_EXPORT_DAYS = 31;
const DAY_MS = 24 * 60 * 60_000;
const EXPORT_READ = 200_000;
const REPORTED_DAYS = 30;

export interface Books {
  /** Answers one admin command in `chatId`. */
  run(command: BooksCommand, chatId: number, locale: Locale): Promise<void>;
  /** Sends a report the daily job wrote to each admin. */
  deliver(report: ReconciliationReport, adminIds: readonly number[], locale: Locale): Promise<void>;
  /** The buyer pressed Report Issue on a receipt. */
  reportIssue(press: {
    refid: string;
    userId: number;
    chatId: number;
    messageId?: number;
    locale: Locale;
  }): Promise<void>;
}

export function createBooks(deps: BooksDeps): Books {
  const { telegram, sleep, clock } = deps;
  const log = deps.logger.child({ component: 'books' });
  const say = (chatId: number, text: string) => sendView(telegram, chatId, view(text), sleep);

  const reconcile = async (
    command: Extract<BooksCommand, { name: 'reconcile' }>,
    chatId: number,
    locale: Locale,
  ) => {
    const b = messagesFor(locale).books;
    if (command.invalid) return say(chatId, b.reconcileUsage);
    if (!deps.reconciler) return say(chatId, b.reconcileUnavailable);
    const day = command.day ?? deps.reconciler.yesterday(clock.nowMs());
    const result = await deps.reconciler.run(day, 'manual');
    if (result.status === 'busy') return say(chatId, b.reconcileBusy);
    return sendView(telegram, chatId, renderReconcileReport(result.report, locale), sleep);
  };

  const exportCsv = async (
    command: Extract<BooksCommand, { name: 'export' }>,
    chatId: number,
    locale: Locale,
  ) => {
    const b = messagesFor(locale).books;
    if (command.kind === 'usage') return say(chatId, b.exportUsage);
    const from = command.from ?? shopDayOf(clock.nowMs(), deps.utcOffsetMinutes);
    const to = command.to ?? from;
    const { startMs } = shopDayRange(from, deps.utcOffsetMinutes);
    const { endMs } = shopDayRange(to, deps.utcOffsetMinutes);
    if (endMs <= startMs || endMs - startMs > MAX_EXPORT_DAYS * DAY_MS) return say(chatId, b.exportTooLong);
    let csv: string;
    let rows: number;
    if (command.kind === 'orders') {
      const orders = (await deps.store.listCreatedSince(startMs, EXPORT_READ)).filter(
        (o) => o.createdAt < endMs,
      );
      csv = ordersCsv(orders);
      rows = orders.length;
    } else {
      const entries: LedgerEntry[] = [];
      for (const userId of (await deps.wallets?.users()) ?? []) {
        const page = await deps.wallets?.entries(userId, { offset: 0, limit: EXPORT_READ });
        // A page is newest first; a buyer's entries go in ledger order, even two in the same ms.
        const chronological = [...(page?.entries ?? [])].reverse();
        entries.push(...chronological.filter((e) => e.at >= startMs && e.at < endMs));
      }
      // Stable: entries of one buyer at the same ms keep their ledger order.
      entries.sort((x, y) => x.at - y.at || x.userId - y.userId);
      csv = ledgerCsv(entries);
      rows = entries.length;
    }
    const filename = from === to ? `${command.kind}-${from}.csv` : `${command.kind}-${from}_${to}.csv`;
    await withRetryAfter(
      () =>
        telegram.sendDocument(
          chatId,
          { source: Buffer.from(csv, 'utf8'), filename },
          { caption: b.exportCaption(command.kind, from, to, rows) },
        ),
      sleep,
    );
  };

  const reported = async (chatId: number, locale: Locale) => {
    const since = clock.nowMs() - REPORTED_DAYS * DAY_MS;
    const orders = (await deps.store.listCreatedSince(since, EXPORT_READ))
      .filter((o) => o.issueReport !== undefined)
      .sort((x, y) => (y.issueReport?.at ?? 0) - (x.issueReport?.at ?? 0));
    await sendView(telegram, chatId, renderReported(orders, locale), sleep);
  };

  /**
   * Our own words for the provider's answer. Its text (IIMMPACT: "We'll keep you updated ... via
   * email", to the reseller's address) promises the buyer things that are not theirs; it stays on
   * the order for the admins (/reported).
   */
  const answerText = (order: Order, locale: Locale) => {
    const b = messagesFor(locale).books;
    const r = order.issueReport;
    if (!r) return b.reportIssueFailed;
    return r.outcome === 'accepted' ? b.reportIssueAccepted(order.refid) : b.reportIssueRefused(order.refid);
  };

  /**
   * The receipt's wallet line as it was sent: the balance right after this order's payment, read
   * from the ledger (left out when it cannot be found, as on the first receipt).
   */
  const receiptNotice = async (order: Order): Promise<OrderNotice> => {
    if (!order.charge || !deps.wallets) return {};
    try {
      const balance = await balanceAfterEntry(
        deps.wallets,
        order.userId,
        purchaseEntryId(order.refid),
        order.createdAt,
      );
      return balance ? { walletBalance: balance } : {};
    } catch (error) {
      log.warn('could not read the wallet balance for the receipt', { refid: order.refid, err: error });
      return {};
    }
  };

  return {
    async run(command, chatId, locale) {
      switch (command.name) {
        case 'reconcile':
          await reconcile(command, chatId, locale);
          return;
        case 'export':
          await exportCsv(command, chatId, locale);
          return;
        case 'reported':
          await reported(chatId, locale);
          return;
      }
    },

    async deliver(report, adminIds, locale) {
      for (const adminId of adminIds) {
        await sendView(telegram, adminId, renderReconcileReport(report, locale), sleep).catch((error) =>
          log.warn('could not send the reconciliation report to an admin', { adminId, err: error }),
        );
      }
    },

    async reportIssue({ refid, userId, chatId, messageId, locale }) {
      const b = messagesFor(locale).books;
      const order = await deps.engine.get(refid);
      if (
        !order ||
        order.userId !== userId ||
        order.state !== 'succeeded' ||
        !isFinal(order.state) ||
        !deps.reportIssue
      )
        return void (await say(chatId, b.reportIssueNotPossible));
      if (order.issueReport) return void (await say(chatId, b.reportIssueEarlier(answerText(order, locale))));
      // Two presses at once ask the provider once: the second waits out the first, then reads its answer.
      const lock = await deps.locks.acquire(`report-issue:${refid}`, 60_000);
      if (!lock) return void (await say(chatId, b.reportIssueFailed));
      let after: Order | undefined;
      try {
        const fresh = await deps.engine.get(refid);
        if (fresh?.issueReport)
          return void (await say(chatId, b.reportIssueEarlier(answerText(fresh, locale))));
        let answer: IssueReport;
        try {
          answer = await deps.reportIssue(refid);
        } catch (error) {
          log.warn('report issue failed', { refid, err: error });
          return void (await say(chatId, b.reportIssueFailed));
        }
        after = await deps.engine.recordIssueReport(refid, { ...answer, by: userId });
      } finally {
        await deps.locks.release(`report-issue:${refid}`, lock);
      }
      if (!after) return;
      log.info('issue reported', { refid, outcome: after.issueReport?.outcome });
      await say(chatId, answerText(after, locale));
      // The receipt loses its button now that the order has been reported; its lines stay as they were.
      if (messageId !== undefined)
        await editView(
          telegram,
          chatId,
          messageId,
          renderOrderStatus(after, locale, await receiptNotice(after), {
            reportIssue: true,
            ...(deps.timeZone ? { timeZone: deps.timeZone } : {}),
          }),
          sleep,
        ).catch(() => {});
    },
  };
}
