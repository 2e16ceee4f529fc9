import { formatMoney, type Money } from '../../payments/money.js';
import type { Order } from '../../payments/orders/order.js';
import type { ReconciliationReport } from '../../payments/reconciliation/compare.js';
import type { ShopDay } from '../../payments/reconciliation/ports.js';
import { isShopDay } from '../../payments/reconciliation/shop-day.js';
import { messagesFor } from '../i18n/index.js';
import type { Locale } from '../i18n/locale.js';
import { blocks, clip, escapeHtml, lines } from '../views/html.js';
import { type View, view } from '../views/view.js';

/**
 * The admins' book-keeping commands, kept apart from /balance, /order, /pending and /stats:
 * `/reconcile [YYYY-MM-DD]`, `/export orders|ledger [from] [to]` and `/reported`.
 */
export type BooksCommandName = 'reconcile' | 'export' | 'reported';

export const BOOKS_COMMANDS: readonly BooksCommandName[] = ['reconcile', 'export', 'reported'];

export type BooksCommand =
  /** `day` undefined: yesterday. `invalid`: the argument was not a day. */
  | { name: 'reconcile'; day?: ShopDay; invalid?: true }
  | { name: 'export'; kind: 'orders' | 'ledger'; from?: ShopDay; to?: ShopDay }
  | { name: 'export'; kind: 'usage' }
  | { name: 'reported' };

export function parseBooksCommand(text: string, botUsername?: string): BooksCommand | undefined {
  const match = /^\/([a-z]+)(?:@([A-Za-z0-9_]+))?(?:\s+(.*))?$/is.exec(text.trim());
  if (!match) return undefined;
  const [, rawName = '', target, rest = ''] = match;
  if (target !== undefined && botUsername !== undefined && target.toLowerCase() !== botUsername.toLowerCase())
    return undefined;
  const args = rest.trim() === '' ? [] : rest.trim().split(/\s+/);
  switch (rawName.toLowerCase()) {
    case 'reconcile': {
      const [day] = args;
      if (day === undefined) return { name: 'reconcile' };
      return isShopDay(day) ? { name: 'reconcile', day } : { name: 'reconcile', invalid: true };
    }
    case 'export': {
      const [kind, from, to] = args;
      if ((kind !== 'orders' && kind !== 'ledger') || args.length > 3)
        return { name: 'export', kind: 'usage' };
      if ((from !== undefined && !isShopDay(from)) || (to !== undefined && !isShopDay(to)))
        return { name: 'export', kind: 'usage' };
      return { name: 'export', kind, ...(from ? { from } : {}), ...(to ? { to } : {}) };
    }
    case 'reported':
      return { name: 'reported' };
    default:
      return undefined;
  }
}

const SHOWN = 20;
const money = (amount: Money | undefined) => (amount ? formatMoney(amount) : '–');

/** The report as the admins read it; long lists are cut at 20 lines each (the stored report has all). */
export function renderReconcileReport(report: ReconciliationReport, locale: Locale): View {
  const b = messagesFor(locale).books;
  const cut = <T>(items: readonly T[], line: (item: T) => string) =>
    items.length === 0
      ? undefined
      : lines(
          ...items.slice(0, SHOWN).map(line),
          items.length > SHOWN ? `… +${items.length - SHOWN}` : undefined,
        );
  const unknown = cut(
    report.unknown,
    (u) =>
      `<code>${escapeHtml(u.refid)}</code> ${escapeHtml(u.product)} ${escapeHtml(u.account)} ${money(u.amount)} ${escapeHtml(u.providerStatus)}`,
  );
  const refunds = cut(report.lateRefunds, (r) =>
    b.reportLateRefund(escapeHtml(r.refid), money(r.price), b.lateRefundResults[r.result ?? 'skipped']),
  );
  const states = cut(report.states, (s) =>
    b.reportStateLine(escapeHtml(s.refid), s.shop, escapeHtml(s.provider), b.stateKinds[s.kind]),
  );
  const values = cut(
    report.values,
    (v) =>
      `<code>${escapeHtml(v.refid)}</code> ${v.field}: ${escapeHtml(v.shop)} ≠ ${escapeHtml(v.provider)}`,
  );
  const missing = cut(report.missingAtProvider, (m) => `<code>${escapeHtml(m.refid)}</code> ${m.shop}`);
  const balance = report.balance
    ? b.reportBalance(
        money(report.balance.movements),
        money(report.balance.expected),
        money(report.balance.difference),
      )
    : undefined;
  const clean =
    !unknown && !refunds && !states && !values && !missing && (report.balance?.difference.minor ?? 0) === 0;
  return view(
    blocks(
      lines(
        b.reportTitle(escapeHtml(report.provider), report.day),
        b.reportCounts(report.shopOrders, report.providerTransactions),
      ),
      clean ? b.reportClean : undefined,
      report.listsUnknown ? undefined : b.reportUnknownNotListed,
      unknown && lines(b.reportUnknownHeading, unknown),
      refunds && lines(b.reportLateRefundsHeading, refunds),
      states && lines(b.reportStatesHeading, states),
      values && lines(b.reportValuesHeading, values),
      missing && lines(b.reportMissingHeading, missing),
      balance,
    ),
  );
}

/** Orders buyers reported, newest first. */
export function renderReported(orders: readonly Order[], locale: Locale): View {
  const b = messagesFor(locale).books;
  if (orders.length === 0) return view(b.reportedNone);
  return view(
    lines(
      b.reportedTitle,
      ...orders
        .slice(0, 30)
        .map(
          (o) =>
            `<code>${escapeHtml(o.refid)}</code> · ${escapeHtml(clip(o.display.productName, 40))} · ${money(o.request.amount)} · ${o.issueReport?.outcome ?? ''}: ${escapeHtml(clip(o.issueReport?.message ?? '', 80))}`,
        ),
    ),
  );
}
