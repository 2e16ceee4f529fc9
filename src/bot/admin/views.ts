import { formatMoney, type Money } from '../../payments/money.js';
import { legacyFailureReason, type Order } from '../../payments/orders/order.js';
import type { Product, WalletBalance } from '../../payments/types.js';
import { formatDateTime, formatIsoDate, MALAYSIA_TIME, type ShopTimeZone } from '../i18n/dates.js';
import { messagesFor } from '../i18n/index.js';
import type { Locale } from '../i18n/locale.js';
import type { Messages } from '../i18n/messages.js';
import { shownOrderAccount } from '../id-numbers.js';
import { blocks, clip, escapeHtml, field, fieldHtml, lines } from '../views/html.js';
import { stateIcon } from '../views/screen.js';
import { type View, view } from '../views/view.js';
import type { DayStats } from './stats.js';

/**
 * What the admins read: replies to their commands and the alerts sent to them, as pure functions.
 * Provider text and buyers' input are escaped; voucher PINs are never shown (the buyer has them).
 */

const MAX_HISTORY = 12;
const MAX_NOTE = 120;
const MAX_REASON = 300;
const MAX_NAME = 40;
/** Lines of /pending; the rest are counted. */
export const PENDING_SHOWN = 20;

/** "5 min", "2 h 3 min", "3 d 4 h". */
export function formatDuration(ms: number, m: Messages): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return m.admin.duration.minutes(minutes);
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return m.admin.duration.hours(hours, minutes % 60);
  return m.admin.duration.days(Math.floor(hours / 24), hours % 24);
}

/** "5 Jan 2025": the date of an instant in the shop's zone (Malaysia unless given). */
export function formatShopDate(epochMs: number, locale: Locale, zone: ShopTimeZone = MALAYSIA_TIME): string {
  const iso = new Date(epochMs + zone.offsetMinutes(epochMs) * 60_000).toISOString().slice(0, 10);
  return formatIsoDate(iso, locale);
}

/** "87.5%". */
export function formatPercent(ratio: number): string {
  return `${(ratio * 100).toFixed(1).replace(/\.0$/, '')}%`;
}

export function renderAdminFailure(reason: string, locale: Locale): View {
  return view(messagesFor(locale).admin.failed(escapeHtml(clip(reason, MAX_REASON))));
}

export function renderBalance(wallet: WalletBalance, locale: Locale, threshold?: Money): View {
  const m = messagesFor(locale);
  const l = m.admin.labels;
  const low = threshold !== undefined && wallet.balance.minor < threshold.minor;
  return view(
    blocks(
      m.admin.balanceTitle,
      lines(
        field(l.balance, formatMoney(wallet.balance)),
        wallet.account ? fieldHtml(l.account, `<code>${escapeHtml(wallet.account)}</code>`) : undefined,
        wallet.name ? field(l.name, wallet.name) : undefined,
        wallet.level ? field(l.level, wallet.level) : undefined,
        threshold ? field(l.threshold, formatMoney(threshold)) : undefined,
      ),
      lines(low ? m.admin.belowThreshold : undefined, wallet.readOnly ? m.admin.readOnly : undefined),
    ),
  );
}

export function renderOrderUsage(locale: Locale): View {
  return view(messagesFor(locale).admin.orderUsage);
}

export function renderOrderNotFound(refid: string, locale: Locale): View {
  return view(messagesFor(locale).admin.orderNotFound(escapeHtml(refid)));
}

/** What /order did besides showing the order. */
export type RequeryNote =
  | { kind: 'requeried' }
  /** Another worker held the order (a re-query in flight), so this one did not call the provider. */
  | { kind: 'busy' }
  | { kind: 'final' }
  | { kind: 'failed'; reason: string };

/** An order with everything support needs: state, provider answer, history. Never the PIN. */
export function renderAdminOrder(order: Order, locale: Locale, note: RequeryNote): View {
  const m = messagesFor(locale);
  const l = m.admin.labels;
  const outcome = order.outcome;
  const provider = [order.provider, outcome?.providerStatus, outcome?.providerCode]
    .filter((part): part is string => part !== undefined && part.trim() !== '')
    .join(' · ');
  const details = lines(
    `${m.admin.orderTitle} <code>${escapeHtml(order.refid)}</code>`,
    field(l.state, `${stateIcon(order.state)} ${m.admin.states[order.state]}`),
    fieldHtml(l.buyer, `<code>${order.userId}</code>`),
    field(l.product, `${order.display.productName} (${order.request.product})`),
    field(l.account, shownOrderAccount(order.display)),
    order.display.optionName ? field(m.labels.option, order.display.optionName) : undefined,
    field(l.amount, formatMoney(order.request.amount)),
    outcome?.cost ? field(l.cost, formatMoney(outcome.cost)) : undefined,
    field(l.provider, provider),
    field(l.attempts, String(order.attempts)),
    field(l.created, formatDateTime(order.createdAt, locale)),
    field(l.updated, formatDateTime(order.updatedAt, locale)),
    ...failureLines(order, m),
    ...deliverableLines(outcome, m),
  );
  const history = order.history
    .slice(-MAX_HISTORY)
    .map((event) =>
      [
        `• ${formatDateTime(event.at, locale)}`,
        m.admin.states[event.state],
        event.note.trim() ? `<i>${escapeHtml(clip(event.note, MAX_NOTE))}</i>` : undefined,
      ]
        .filter((part): part is string => part !== undefined)
        .join(' · '),
    );
  const notes: Record<RequeryNote['kind'], string> = {
    requeried: m.admin.requeried,
    busy: m.admin.requeryBusy,
    final: m.admin.finalNotRequeried,
    failed: note.kind === 'failed' ? m.admin.requeryFailed(escapeHtml(clip(note.reason, MAX_REASON))) : '',
  };
  const noteText = notes[note.kind];
  return view(blocks(details, lines(m.admin.historyTitle, ...history), noteText));
}

/**
 * What the order delivered, as support may see it: the serial with any electricity token masked,
 * and only the fact that a PIN or a token was handed over (the buyer has them; both are as good as
 * cash, and an admin's chat is no place for them).
 */
function deliverableLines(outcome: Order['outcome'], m: Messages): Array<string | undefined> {
  const serial = outcome ? serialForAdmin(outcome) : undefined;
  return [
    serial ? fieldHtml(m.admin.labels.serial, `<code>${escapeHtml(serial)}</code>`) : undefined,
    outcome?.electricityToken ? `${m.receipt.plnToken}: ${m.admin.pinDelivered}` : undefined,
    outcome?.pin ? `${m.admin.labels.pin}: ${m.admin.pinDelivered}` : undefined,
  ];
}

/** A PLN serial's first part, `Token/Name/...`: a run of digits (maybe dash-grouped) before a "/". */
const LEADING_TOKEN = /^(\s*)(\d[\d-]*\d)(?=\s*\/)/;
/** PLN tokens are 20 digits; shorter leading numbers (a plain reload serial has no "/") are not tokens. */
const MIN_TOKEN_DIGITS = 16;

/**
 * The serial with electricity tokens masked. Orders stored before the token was kept apart from the
 * serial still hold it there in full (`0123-…-6789/NAME/R1 /000001300/66.2`), so the order's own
 * token is masked wherever it appears, and so is any token-shaped first part, for a record whose
 * token was never read out.
 */
export function serialForAdmin(outcome: NonNullable<Order['outcome']>): string | undefined {
  let serial = outcome.serialNumber?.trim();
  if (!serial) return undefined;
  const token = outcome.electricityToken?.token.trim();
  if (token) serial = serial.split(token).join(maskedDigits(token));
  return serial.replace(LEADING_TOKEN, (whole, space: string, digits: string) =>
    digits.replace(/\D/g, '').length >= MIN_TOKEN_DIGITS ? `${space}${maskedDigits(digits)}` : whole,
  );
}

/** Every digit but the last four as "•", separators kept: enough to match a buyer's complaint. */
function maskedDigits(text: string): string {
  const keep = text.replace(/\D/g, '').length - 4;
  let seen = 0;
  return text.replace(/\d/g, (digit) => (seen++ < keep ? '•' : digit));
}

/**
 * Why the order did not deliver, for support: the failure code as recorded (what to search logs
 * and code for), its sentence in the admin's language, and the provider's own code and words. An
 * order stored before failure codes shows its English reason as written.
 */
function failureLines(order: Order, m: Messages): Array<string | undefined> {
  const l = m.admin.labels;
  const failure = order.failure ?? order.outcome?.failure;
  if (!failure) {
    const legacy = legacyFailureReason(order);
    return [legacy ? field(l.reason, clip(legacy, MAX_REASON)) : undefined];
  }
  const sentence: string | undefined = m.failures[failure.code];
  const said = [failure.providerCode, failure.providerText?.trim()].filter(Boolean).join(' · ');
  return [
    fieldHtml(
      l.reason,
      `<code>${escapeHtml(failure.code)}</code>${sentence ? ` ${escapeHtml(sentence)}` : ''}`,
    ),
    said ? field(l.providerSaid, clip(said, MAX_REASON)) : undefined,
  ];
}

/** /pending: orders not final, oldest first, with how long each has waited. */
export function renderPending(orders: readonly Order[], nowMs: number, locale: Locale): View {
  const m = messagesFor(locale);
  if (orders.length === 0) return view(m.admin.pendingNone);
  const shown = orders
    .slice(0, PENDING_SHOWN)
    .map((order) =>
      [
        `${stateIcon(order.state)} <code>${escapeHtml(order.refid)}</code>`,
        formatDuration(nowMs - order.createdAt, m),
        formatMoney(order.request.amount),
        escapeHtml(clip(order.display.productName, MAX_NAME)),
        `${m.admin.labels.buyer} <code>${order.userId}</code>`,
        order.state === 'needs_attention' ? `<b>${m.admin.states.needs_attention}</b>` : undefined,
      ]
        .filter((part): part is string => part !== undefined)
        .join(' · '),
    );
  const more = orders.length - shown.length;
  return view(
    blocks(
      m.admin.pendingTitle(orders.length),
      lines(...shown),
      more > 0 ? m.admin.pendingMore(more) : undefined,
    ),
  );
}

export function renderStats(stats: DayStats, locale: Locale, zone: ShopTimeZone = MALAYSIA_TIME): View {
  const m = messagesFor(locale);
  const l = m.admin.labels;
  const pair = (a: string, b: string) => `${a} · ${b}`;
  return view(
    blocks(
      m.admin.statsTitle(formatShopDate(stats.dayStart, locale, zone)),
      lines(
        pair(field(l.orders, String(stats.orders)), field(l.buyers, String(stats.buyers))),
        [
          field(l.succeeded, String(stats.succeeded)),
          field(l.failed, String(stats.failed)),
          field(l.refunded, String(stats.refunded)),
          field(l.cancelled, String(stats.cancelled)),
        ].join(' · '),
        pair(
          field(l.inProgress, String(stats.inProgress)),
          field(l.needsAttention, String(stats.needsAttention)),
        ),
        field(
          l.successRate,
          stats.successRate === undefined ? m.admin.noRate : formatPercent(stats.successRate),
        ),
        field(l.volume, formatMoney(stats.volume)),
        field(l.sales, formatMoney(stats.sales)),
        field(l.cost, formatMoney(stats.cost)),
        field(l.margin, formatMoney(stats.margin)),
      ),
      lines(
        stats.costUnknown > 0 ? m.admin.costUnknown(stats.costUnknown) : undefined,
        stats.uncharged > 0 ? m.admin.uncharged(stats.uncharged) : undefined,
        stats.truncated ? m.admin.statsTruncated(stats.orders) : undefined,
      ),
    ),
  );
}

export function renderLowBalanceAlert(balance: Money, threshold: Money, locale: Locale): View {
  return view(messagesFor(locale).alerts.lowBalance(formatMoney(balance), formatMoney(threshold)));
}

export function renderAttentionAlert(
  order: Order,
  locale: Locale,
  options: { nowMs: number; suppressed: number; pausedForMs?: number },
): View {
  const m = messagesFor(locale);
  const l = m.admin.labels;
  return view(
    blocks(
      m.alerts.needsAttention,
      lines(
        fieldHtml(m.labels.reference, `<code>${escapeHtml(order.refid)}</code>`),
        field(l.product, `${order.display.productName} · ${shownOrderAccount(order.display)}`),
        field(l.amount, formatMoney(order.request.amount)),
        fieldHtml(l.buyer, `<code>${order.userId}</code>`),
        field(
          l.created,
          `${formatDateTime(order.createdAt, locale)} (${formatDuration(options.nowMs - order.createdAt, m)})`,
        ),
        order.outcome?.providerStatus ? field(l.provider, order.outcome.providerStatus) : undefined,
      ),
      m.alerts.needsAttentionHint(escapeHtml(order.refid)),
      lines(
        options.suppressed > 0 ? m.alerts.moreNeedAttention(options.suppressed) : undefined,
        options.pausedForMs !== undefined
          ? m.alerts.needsAttentionPaused(Math.round(options.pausedForMs / 60_000))
          : undefined,
      ),
    ),
  );
}

export function renderProviderErrorAlert(
  options: { errors: number; windowMs: number; detail?: string },
  locale: Locale,
): View {
  const m = messagesFor(locale);
  const detail = options.detail?.trim();
  return view(
    blocks(
      m.alerts.providerErrors(options.errors, Math.round(options.windowMs / 60_000)),
      detail ? m.alerts.lastError(escapeHtml(clip(detail, MAX_REASON))) : undefined,
      m.alerts.providerErrorsHint,
    ),
  );
}

/** A listed product the shop cannot sell, and the provider's value that made it so. */
export function renderUnsellableAlert(product: Product, locale: Locale): View {
  const m = messagesFor(locale);
  const detail = product.unsellable?.detail ?? '';
  return view(
    m.alerts.unsellable(
      escapeHtml(clip(product.name, 80)),
      escapeHtml(product.code),
      escapeHtml(clip(detail, MAX_REASON)),
    ),
  );
}

/** The provider refused the shop itself (wallet empty, account suspended): its real reason. */
export function renderShopUnavailableAlert(order: Order, locale: Locale): View {
  const m = messagesFor(locale);
  const failure = order.failure ?? order.outcome?.failure;
  const said = [failure?.providerCode, failure?.providerText].filter(Boolean).join(' ');
  return view(m.alerts.shopUnavailable(escapeHtml(order.refid), escapeHtml(clip(said || '—', MAX_REASON))));
}

/** A delivered order for which the provider charged more than the buyer paid. */
export function renderSoldAtLossAlert(order: Order, price: Money, cost: Money, locale: Locale): View {
  const m = messagesFor(locale);
  return view(
    m.alerts.soldAtLoss(
      escapeHtml(order.refid),
      escapeHtml(clip(order.display.productName, MAX_REASON)),
      formatMoney(price),
      formatMoney(cost),
    ),
  );
}

/** The buyer of a finished order could not be told, after the retries ran out. */
export function renderNotifyFailedAlert(order: Order, detail: string, locale: Locale): View {
  const m = messagesFor(locale);
  return view(
    m.alerts.notifyFailed(
      escapeHtml(order.refid),
      String(order.userId),
      escapeHtml(clip(detail, MAX_REASON)),
    ),
  );
}

/** Telegram refunded Stars whose credit the buyer had spent: who, how much, and that nothing was taken. */
export function renderStarsRefundShortAlert(
  short: { userId: number; topupId: string; amount: Money; balance: Money; stars: number },
  locale: Locale,
): View {
  return view(
    messagesFor(locale).alerts.starsRefundShort(
      String(short.userId),
      formatMoney(short.amount),
      formatMoney(short.balance),
      short.stars,
      escapeHtml(short.topupId),
    ),
  );
}
