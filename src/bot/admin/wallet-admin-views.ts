import { formatMoney, type Money, money } from '../../payments/money.js';
import type { LedgerEntry, LedgerPage, WalletAudit } from '../../wallet/ledger.js';
import { formatShortDate } from '../i18n/dates.js';
import { messagesFor } from '../i18n/index.js';
import type { Locale } from '../i18n/locale.js';
import type { Messages } from '../i18n/messages.js';
import { blocks, clip, escapeHtml, lines } from '../views/html.js';
import { inputErrorText } from '../views/notices.js';
import { type Button, callbackButton, type View, view } from '../views/view.js';
import { entryNoteSuffix, signedMoney } from '../views/wallet-views.js';
import type { Adjustment, MoneyCommandProblem } from './money-commands.js';
import type { PendingAction } from './pending-actions.js';

/**
 * What the admins read for the wallet commands, as pure functions: the confirmation of a credit or
 * debit (with Confirm / Cancel carrying the action id only), its result, the buyer's notice, a
 * buyer's statement, and audits. Notes and problems come from people or stored data: escaped.
 */

/** Entries per page of an admin's view of a statement. */
export const ADMIN_STATEMENT_PAGE = 10;
/** Wallets with problems listed by /audit, and problems listed per wallet. */
export const AUDIT_LISTED = 10;
export const AUDIT_PROBLEMS_LISTED = 5;
const MAX_NOTE = 120;
const MAX_PROBLEM = 200;
const MAX_REFERENCE = 40;

export function renderMoneyCommandProblem(problem: MoneyCommandProblem, locale: Locale): View {
  const m = messagesFor(locale);
  const w = m.walletAdmin;
  const usage = {
    credit: w.usageCredit,
    debit: w.usageDebit,
    wallet: w.usageWallet,
    audit: w.usageAudit,
  };
  switch (problem.code) {
    case 'usage':
      return view(usage[problem.command]);
    case 'badUserId':
      return view(blocks(w.badUserId(escapeHtml(clip(problem.word, 40))), usage[problem.command]));
    case 'badPage':
      return view(blocks(w.badPage(escapeHtml(clip(problem.word, 40))), usage.wallet));
    case 'badAmount':
      return view(
        blocks(
          w.badAmount(
            escapeHtml(clip(problem.word, 40)),
            inputErrorText(problem.error, m).replace(/^❗\s*/, ''),
          ),
          usage[problem.command],
        ),
      );
    case 'aboveAdjustLimit':
      return view(
        w.aboveAdjustLimit(
          escapeHtml(clip(problem.word, 40)),
          formatMoney(problem.limit),
          '<code>ADMIN_ADJUST_MAX_AMOUNT</code>',
        ),
      );
  }
}

export function renderSelfCredit(locale: Locale): View {
  return view(messagesFor(locale).walletAdmin.selfCredit);
}

function adjustmentLines(adjustment: Adjustment, m: Messages): string {
  const w = m.walletAdmin;
  return lines(
    w.buyer(String(adjustment.userId)),
    w.amount(formatMoney(adjustment.amount)),
    adjustment.note ? w.note(escapeHtml(clip(adjustment.note, MAX_NOTE))) : undefined,
  );
}

/** The balance a credit or debit leads to (negative means it would be refused). */
export function balanceAfter(adjustment: Adjustment, balance: Money): Money {
  const sign = adjustment.direction === 'credit' ? 1 : -1;
  return money(balance.minor + sign * adjustment.amount.minor, balance.currency);
}

/**
 * The confirmation: what will happen and the balance before → after, with Confirm and Cancel. A
 * debit beyond the balance is refused at once, without buttons (and again at Confirm).
 */
/** Open orders named in a credit's preview, at most; the rest are counted. */
const MAX_UNSETTLED_SHOWN = 5;

/**
 * The preview of /credit or /debit with its Confirm and Cancel. `unsettled` are the buyer's orders
 * paid from the wallet whose outcome is still open: a credit's preview names them, because each one
 * that fails is paid back by itself, and an admin making good for it by hand would pay it twice.
 */
export function renderAdjustmentPreview(
  action: Pick<PendingAction, 'id' | 'createdAt' | 'expiresAt'>,
  adjustment: Adjustment,
  balance: Money,
  locale: Locale,
  unsettled: ReadonlyArray<{ refid: string; price: Money }> = [],
): View {
  const m = messagesFor(locale);
  const w = m.walletAdmin;
  const after = balanceAfter(adjustment, balance);
  if (after.minor < 0) return renderInsufficient(adjustment, balance, locale);
  const minutes = Math.max(1, Math.round((action.expiresAt - action.createdAt) / 60_000));
  const named = unsettled
    .slice(0, MAX_UNSETTLED_SHOWN)
    .map((order) => `<code>${escapeHtml(order.refid)}</code> (${formatMoney(order.price)})`);
  if (unsettled.length > MAX_UNSETTLED_SHOWN) named.push(`+${unsettled.length - MAX_UNSETTLED_SHOWN}`);
  return view(
    blocks(
      adjustment.direction === 'credit' ? w.creditTitle : w.debitTitle,
      lines(adjustmentLines(adjustment, m), w.balanceChange(formatMoney(balance), formatMoney(after))),
      adjustment.direction === 'credit' && named.length > 0 ? w.unsettledOrders(named.join(', ')) : undefined,
      w.confirmHint(minutes),
    ),
    [confirmCancel(action.id, w.confirm, w.cancel)],
  );
}

function confirmCancel(actionId: string, confirm: string, cancel: string): Button[] {
  return [
    callbackButton(confirm, { scope: 'admin', action: 'confirm', actionId }),
    callbackButton(cancel, { scope: 'admin', action: 'cancel', actionId }),
  ];
}

export function renderInsufficient(adjustment: Adjustment, balance: Money, locale: Locale): View {
  const w = messagesFor(locale).walletAdmin;
  return view(
    w.insufficient(String(adjustment.userId), formatMoney(balance), formatMoney(adjustment.amount)),
  );
}

/** The confirmation once applied: who did it and the new balance. */
export function renderAdjustmentApplied(
  adjustment: Adjustment,
  result: { balance: Money; adminId: number; buyerTold: boolean },
  locale: Locale,
): View {
  const m = messagesFor(locale);
  const w = m.walletAdmin;
  const said = (adjustment.direction === 'credit' ? w.credited : w.debited)(
    formatMoney(adjustment.amount),
    String(adjustment.userId),
    String(result.adminId),
    formatMoney(result.balance),
  );
  return view(
    blocks(
      said,
      adjustment.note ? w.note(escapeHtml(clip(adjustment.note, MAX_NOTE))) : undefined,
      result.buyerTold ? undefined : w.buyerNotTold,
    ),
  );
}

export function renderAdjustmentCancelled(locale: Locale): View {
  return view(messagesFor(locale).walletAdmin.cancelled);
}

/**
 * What the buyer is told of a ledger entry the shop wrote for them, from the entry alone (the
 * wallet's notices outbox keeps only that): a credited top-up, or an admin's credit or debit, with
 * the balance right after it. Undefined for a kind that has no such notice.
 */
export function renderEntryNotice(entry: LedgerEntry, locale: Locale): View | undefined {
  if (entry.kind === 'topup')
    return view(
      messagesFor(locale).wallet.topupCredited(
        formatMoney(money(entry.amount, entry.currency)),
        formatMoney(money(entry.balanceAfter, entry.currency)),
      ),
    );
  if (entry.kind !== 'admin_credit' && entry.kind !== 'admin_debit') return undefined;
  const adjustment: Adjustment = {
    direction: entry.kind === 'admin_credit' ? 'credit' : 'debit',
    userId: entry.userId,
    amount: money(Math.abs(entry.amount), entry.currency),
    ...(entry.note ? { note: entry.note } : {}),
  };
  return renderBuyerAdjustment(adjustment, money(entry.balanceAfter, entry.currency), locale);
}

/** What the buyer is told of a credit or debit by the shop, in their language. */
export function renderBuyerAdjustment(adjustment: Adjustment, balance: Money, locale: Locale): View {
  const w = messagesFor(locale).walletAdmin;
  const told = (adjustment.direction === 'credit' ? w.buyerCredited : w.buyerDebited)(
    formatMoney(adjustment.amount),
    formatMoney(balance),
  );
  return view(
    blocks(told, adjustment.note ? w.buyerNote(escapeHtml(clip(adjustment.note, MAX_NOTE))) : undefined),
  );
}

function entryLine(entry: LedgerEntry, m: Messages, locale: Locale): string {
  const amount = money(entry.amount, entry.currency);
  const note = entryNoteSuffix(entry, m, true);
  return `${formatShortDate(entry.at, locale)} · ${m.wallet.kinds[entry.kind]} · <b>${signedMoney(amount)}</b> → ${formatMoney(money(entry.balanceAfter, entry.currency))} · <code>${escapeHtml(clip(entry.reference, MAX_REFERENCE))}</code>${note}`;
}

/** `/wallet <user id>`: the balance and one page of the statement, newest first, with paging. */
export function renderAdminWallet(
  input: { userId: number; balance: Money; page: LedgerPage; pageIndex: number },
  locale: Locale,
): View {
  const m = messagesFor(locale);
  const { userId, page, pageIndex } = input;
  const from = pageIndex * ADMIN_STATEMENT_PAGE + 1;
  const to = pageIndex * ADMIN_STATEMENT_PAGE + page.entries.length;
  const pages = Math.max(1, Math.ceil(page.total / ADMIN_STATEMENT_PAGE));
  let list: string;
  if (page.total === 0)
    // The buyer's own words point at a Top up button the admin does not have.
    list = m.walletAdmin.walletEmpty(`<code>/credit ${userId} &lt;amount&gt;</code>`);
  else if (page.entries.length === 0) list = m.walletAdmin.noSuchPage(pageIndex + 1, page.total, pages);
  else
    list = lines(m.wallet.range(from, to, page.total), ...page.entries.map((e) => entryLine(e, m, locale)));
  const nav: Button[] = [];
  // Past the end, Previous goes to the last page rather than to another page that does not exist.
  if (pageIndex > 0)
    nav.push(
      callbackButton(m.buttons.prevPage, {
        scope: 'admin',
        action: 'walletPage',
        userId,
        page: Math.min(pageIndex - 1, pages - 1),
      }),
    );
  if (to < page.total)
    nav.push(
      callbackButton(m.buttons.nextPage, {
        scope: 'admin',
        action: 'walletPage',
        userId,
        page: pageIndex + 1,
      }),
    );
  return view(
    blocks(
      lines(m.walletAdmin.walletTitle(String(userId)), m.wallet.balance(formatMoney(input.balance))),
      list,
    ),
    [nav],
  );
}

function auditLines(audit: WalletAudit, m: Messages): string {
  const w = m.walletAdmin;
  if (audit.ok) return w.auditOk(String(audit.userId), formatMoney(audit.balance), audit.entries);
  const shown = audit.problems.slice(0, AUDIT_PROBLEMS_LISTED);
  const more = audit.problems.length - shown.length;
  return lines(
    w.auditProblems(String(audit.userId), audit.problems.length),
    ...shown.map((problem) => `• <code>${escapeHtml(clip(problem, MAX_PROBLEM))}</code>`),
    more > 0 ? w.auditMore(more) : undefined,
  );
}

/** `/audit <user id>`. */
export function renderWalletAudit(audit: WalletAudit, locale: Locale): View {
  return view(auditLines(audit, messagesFor(locale)));
}

/** `/audit`: how many wallets agree with their ledgers, and the ones that do not. */
export function renderAuditAll(audits: readonly WalletAudit[], total: number, locale: Locale): View {
  const m = messagesFor(locale);
  const w = m.walletAdmin;
  if (total === 0) return view(w.auditNone);
  const bad = audits.filter((audit) => !audit.ok);
  const listed = bad.slice(0, AUDIT_LISTED);
  return view(
    blocks(
      w.auditAllTitle(audits.length, audits.length - bad.length, bad.length),
      ...listed.map((audit) => auditLines(audit, m)),
      bad.length > listed.length ? w.auditMore(bad.length - listed.length) : undefined,
      audits.length < total ? w.auditPartial(audits.length, total) : undefined,
    ),
  );
}

/** /margin's preview as a pending action: the preview, the expiry, Apply and Cancel. */
export function renderPricingPending(
  preview: View,
  action: Pick<PendingAction, 'id' | 'createdAt' | 'expiresAt'>,
  locale: Locale,
): View {
  const w = messagesFor(locale).walletAdmin;
  const minutes = Math.max(1, Math.round((action.expiresAt - action.createdAt) / 60_000));
  return view(blocks(preview.text, w.pricingHint(minutes)), [confirmCancel(action.id, w.apply, w.cancel)]);
}

/** The preview's message once decided: the preview without buttons, and what happened. */
export function renderPricingDecided(previewText: string, outcome: string): View {
  return view(blocks(previewText, outcome));
}

export function renderPricingCancelled(locale: Locale): View {
  return view(messagesFor(locale).walletAdmin.pricingCancelled);
}
