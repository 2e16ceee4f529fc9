import { formatMoney, type Money, money } from '../../payments/money.js';
import {
  STARS_REFUND_REFUSED_NOTE,
  STARS_REFUNDED_AT_SOURCE_NOTE,
  starsRefundAdminOf,
} from '../../wallet/stars-topups.js';
import type { TopupMethod } from '../../wallet/topups.js';
import type { Screen, StatementLine } from '../flow/state.js';
import { formatDateTime, formatShortDate } from '../i18n/dates.js';
import type { Locale } from '../i18n/locale.js';
import type { Messages, ReturnedOrderState } from '../i18n/messages.js';
import { blocks, clip, escapeHtml, lines } from './html.js';
import type { Body } from './purchase-views.js';
import { type Button, rows, type ScreenButtons, urlButton } from './view.js';

/** The buyer's wallet screens: the statement, the top-up steps, and the balance line on menus. */

/** Longest instructions shown; the rest of the message must still fit Telegram's 4096 characters. */
const MAX_INSTRUCTIONS = 2_000;

/** "+RM 10.00" / "−RM 10.00". */
export function signedMoney(amount: Money): string {
  if (amount.minor < 0) return `−${formatMoney(money(-amount.minor, amount.currency))}`;
  return `+${formatMoney(amount)}`;
}

export function balanceLine(balance: Money | undefined, m: Messages): string | undefined {
  return balance ? m.wallet.balanceLine(formatMoney(balance)) : undefined;
}

/**
 * An entry's note as words: the shop's own notes are stored as internal names (`billplz`, `failed`,
 * `stars refund by <admin>`) and shown by their label; an admin's note to a credit or debit, or a
 * name this version does not know, is shown as written.
 */
export function entryNoteText(
  entry: Pick<StatementLine, 'kind' | 'note'>,
  m: Messages,
  forAdmin = false,
): string | undefined {
  const note = entry.note?.trim();
  if (!note) return undefined;
  const labels = m.wallet.entryNotes;
  if (entry.kind === 'topup' && Object.hasOwn(labels.topup, note)) return labels.topup[note as TopupMethod];
  if (entry.kind === 'purchase_returned' && Object.hasOwn(labels.returned, note))
    return labels.returned[note as ReturnedOrderState];
  const refundedBy = entry.kind === 'reversal' ? starsRefundAdminOf(note) : undefined;
  if (refundedBy) return forAdmin ? labels.starsRefundBy(refundedBy) : labels.starsRefund;
  if (entry.kind === 'reversal' && note === STARS_REFUNDED_AT_SOURCE_NOTE)
    return forAdmin ? labels.starsRefundedElsewhere : labels.starsRefund;
  if (entry.kind === 'reversal_undone' && note === STARS_REFUND_REFUSED_NOTE)
    return labels.starsRefundRefused;
  return note;
}

/** " · <i>Bank transfer</i>", or nothing. */
export function entryNoteSuffix(
  entry: Pick<StatementLine, 'kind' | 'note'>,
  m: Messages,
  forAdmin = false,
): string {
  const text = entryNoteText(entry, m, forAdmin);
  return text ? ` · <i>${escapeHtml(clip(text, 80))}</i>` : '';
}

function statementLine(line: StatementLine, m: Messages, locale: Locale): string {
  const note = entryNoteSuffix(line, m);
  return `${formatShortDate(line.at, locale)} · ${m.wallet.kinds[line.kind]} · <b>${signedMoney(line.amount)}</b> → ${formatMoney(line.balanceAfter)}${note}`;
}

export function walletBody(
  screen: Extract<Screen, { kind: 'wallet' }>,
  m: Messages,
  locale: Locale,
  sb: ScreenButtons,
): Body {
  const from = screen.offset + 1;
  const to = screen.offset + screen.lines.length;
  const list =
    screen.lines.length === 0
      ? m.wallet.empty
      : lines(
          m.wallet.range(from, to, screen.total),
          ...screen.lines.map((line) => statementLine(line, m, locale)),
        );
  const nav: Button[] = [];
  if (screen.offset > 0) nav.push(sb.plain(m.buttons.prevPage, 'prevPage'));
  if (to < screen.total) nav.push(sb.plain(m.buttons.nextPage, 'nextPage'));
  return {
    text: blocks(lines(m.wallet.statementTitle, m.wallet.balance(formatMoney(screen.balance))), list),
    keyboard: [nav, [sb.plain(m.wallet.buttons.topup, 'topup')], [sb.plain(m.buttons.back, 'back')]],
  };
}

export function topupAmountBody(
  screen: Extract<Screen, { kind: 'topup-amount' }>,
  m: Messages,
  sb: ScreenButtons,
): Body {
  const buttons = screen.suggested.map((amount, index) =>
    sb.indexed(formatMoney(amount), 'topupAmount', index),
  );
  return {
    text: lines(
      m.wallet.topupChooseAmount,
      m.wallet.topupTypeAmount(formatMoney(screen.min), formatMoney(screen.max)),
    ),
    keyboard: [...rows(buttons, 3), [sb.plain(m.buttons.back, 'back'), sb.plain(m.buttons.cancel, 'cancel')]],
  };
}

export function topupEvidenceBody(
  screen: Extract<Screen, { kind: 'topup-evidence' }>,
  m: Messages,
  sb: ScreenButtons,
): Body {
  const online = screen.online ?? [];
  const transfer = screen.transfer !== false;
  return {
    text: blocks(
      m.wallet.topupPayTitle(formatMoney(screen.amount)),
      // The owner's configured text, shown as written (escaped: it is not our HTML).
      transfer ? escapeHtml(clip(screen.instructions, MAX_INSTRUCTIONS)) : undefined,
      transfer ? m.wallet.topupSendEvidence : undefined,
      online.length > 0 ? (transfer ? m.wallet.orPayOnline : m.wallet.onlineOnly) : undefined,
    ),
    keyboard: [
      online.includes('billplz') ? [sb.plain(m.wallet.payOnlineButton, 'payOnline')] : [],
      online.includes('stars') ? [sb.plain(m.wallet.payStarsButton, 'payStars')] : [],
      [sb.plain(m.buttons.back, 'back'), sb.plain(m.buttons.cancel, 'cancel')],
    ],
  };
}

export function topupSentBody(
  screen: Extract<Screen, { kind: 'topup-sent' }>,
  m: Messages,
  locale: Locale,
  sb: ScreenButtons,
): Body {
  return {
    text: blocks(
      lines(m.wallet.topupSentTitle, m.wallet.topupSentBody(formatMoney(screen.amount))),
      lines(
        screen.evidence.reference ? m.wallet.reference(escapeHtml(screen.evidence.reference)) : undefined,
        screen.evidence.photoFileId ? m.wallet.photoAttached : undefined,
      ),
      m.wallet.topupExpires(formatDateTime(screen.expiresAt, locale)),
    ),
    keyboard: [[sb.plain(m.wallet.buttons.wallet, 'wallet')], [sb.plain(m.buttons.shop, 'menu')]],
  };
}

/** The refusal for a wallet short of the price: balance, price and what is missing. */
export function insufficientText(balance: Money, price: Money, m: Messages): string {
  const shortfall = money(Math.max(0, price.minor - balance.minor), price.currency);
  return blocks(
    m.wallet.insufficientTitle,
    m.wallet.insufficient(formatMoney(balance), formatMoney(price), formatMoney(shortfall)),
  );
}

/** A bill or an invoice is out: the bill page's URL button, or a pointer to the invoice below. */
export function topupOnlineBody(
  screen: Extract<Screen, { kind: 'topup-online' }>,
  m: Messages,
  locale: Locale,
  sb: ScreenButtons,
): Body {
  const amount = formatMoney(screen.amount);
  const open = screen.method === 'billplz' ? urlButton(m.wallet.billplzOpen, screen.url) : undefined;
  return {
    text: blocks(
      screen.method === 'billplz'
        ? lines(m.wallet.billplzTitle(amount), m.wallet.billplzBody)
        : lines(m.wallet.starsTitle(amount, screen.stars ?? 0), m.wallet.starsBody),
      m.wallet.onlineExpires(formatDateTime(screen.expiresAt, locale)),
    ),
    keyboard: [
      open ? [open] : [],
      [sb.plain(m.wallet.buttons.wallet, 'wallet')],
      [sb.plain(m.buttons.shop, 'menu')],
    ],
  };
}
