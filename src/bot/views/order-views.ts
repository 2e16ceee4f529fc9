import { formatMoney } from '../../payments/money.js';
import { legacyFailureReason, type Order } from '../../payments/orders/order.js';
import type { OrderNotice } from '../../payments/orders/ports.js';
import type { CallbackData } from '../callback-data.js';
import { formatClockTime, formatIsoDate, formatZonedDateTime, type ShopTimeZone } from '../i18n/dates.js';
import { messagesFor } from '../i18n/index.js';
import type { Locale } from '../i18n/locale.js';
import type { Messages } from '../i18n/messages.js';
import { shownOrderAccount } from '../id-numbers.js';
import { blocks, clip, escapeHtml, field, fieldHtml, lines } from './html.js';
import {
  type Button,
  callbackButton,
  copyTextButton,
  isWebUrl,
  present,
  urlButton,
  type View,
  view,
} from './view.js';

/**
 * An order's status message and receipt, as pure functions of the Order. The order notifier renders
 * these into the message that said "Processing…"; /history renders them on demand. Only fields the
 * provider returned are shown.
 */

const MAX_NOTE = 800;
const MAX_REASON = 300;
/** Any one provider-supplied field (a 3,886-character CustomerName happened): clipped to this. */
const MAX_FIELD = 200;

/** What the receipt may offer besides the order itself. */
export interface OrderViewOptions {
  /** The provider takes Report Issue: a successful order not yet reported gets the button. */
  reportIssue?: boolean;
  /** A receipt opened from /history: its Back button, which shows the list again. */
  back?: CallbackData;
  /** The shop's zone for the receipt time (Malaysia unless given); its abbreviation, if any, is shown. */
  timeZone?: ShopTimeZone;
  /** After the buyer's Refresh of an order in progress: when the provider was last asked about it. */
  lastCheckedAtMs?: number;
}

export function renderOrderStatus(
  order: Order,
  locale: Locale,
  notice: OrderNotice = {},
  options: OrderViewOptions = {},
): View {
  const shown = orderStatusView(order, locale, notice, options);
  if (!options.back) return shown;
  const back = callbackButton(messagesFor(locale).buttons.back, options.back);
  return { ...shown, keyboard: [...shown.keyboard, [back]] };
}

/** "Last checked with the provider at 14:03:27" after a Refresh; nothing otherwise. */
function recheckLine(m: Messages, options: OrderViewOptions): string | undefined {
  if (options.lastCheckedAtMs === undefined) return undefined;
  return m.orders.lastChecked(formatClockTime(options.lastCheckedAtMs, options.timeZone));
}

function orderStatusView(order: Order, locale: Locale, notice: OrderNotice, options: OrderViewOptions): View {
  const m = messagesFor(locale);
  const shop = callbackButton(m.buttons.shopAgain, { scope: 'global', action: 'menu' });
  const refresh = callbackButton(m.buttons.refresh, { scope: 'order', action: 'view', refid: order.refid });
  const tryAgain = callbackButton(m.buttons.tryAgain, {
    scope: 'order',
    action: 'tryAgain',
    refid: order.refid,
  });
  switch (order.state) {
    case 'confirmed':
    case 'submitted':
    case 'pending':
      return view(
        blocks(
          lines(m.orders.processingTitle, m.orders.processingBody),
          recheckLine(m, options),
          summary(order, m, locale, options.timeZone),
        ),
        [[refresh], [shop]],
      );
    case 'needs_attention':
      return view(
        blocks(
          lines(m.orders.needsAttentionTitle, m.orders.needsAttentionBody),
          recheckLine(m, options),
          summary(order, m, locale, options.timeZone),
        ),
        [[refresh], [shop]],
      );
    case 'succeeded': {
      const shown = receipt(order, m, locale, shop, paidLine(order, m, notice), options.timeZone);
      if (!options.reportIssue || order.issueReport) return shown;
      const report = callbackButton(m.books.reportIssueButton, {
        scope: 'order',
        action: 'reportIssue',
        refid: order.refid,
      });
      return { ...shown, keyboard: [...shown.keyboard.slice(0, -1), [report], ...shown.keyboard.slice(-1)] };
    }
    case 'failed':
    case 'rejected':
      return view(
        blocks(
          lines(m.orders.failedTitle, m.orders.failedBody),
          reasonLine(order, m, true),
          moneyLine(order, m, notice),
          summary(order, m, locale, options.timeZone),
        ),
        [[tryAgain], [shop]],
      );
    case 'refunded':
      return view(
        blocks(
          lines(m.orders.refundedTitle, m.orders.refundedBody),
          reasonLine(order, m, false),
          moneyLine(order, m, notice),
          summary(order, m, locale, options.timeZone),
        ),
        [[tryAgain], [shop]],
      );
    case 'cancelled':
      return view(
        blocks(
          lines(m.orders.cancelledTitle, m.orders.cancelledBody),
          moneyLine(order, m, notice),
          summary(order, m, locale, options.timeZone),
        ),
        [[tryAgain], [shop]],
      );
  }
}

/** What a delivered order cost the buyer from their wallet, and the balance left when known. */
function paidLine(order: Order, m: Messages, notice: OrderNotice): string | undefined {
  const charge = order.charge;
  if (!charge) return undefined;
  const price = formatMoney(charge.price);
  return notice.walletBalance
    ? m.orders.paidWithBalance(price, formatMoney(notice.walletBalance))
    : m.orders.paid(price);
}

/**
 * Why it did not deliver: the sentence for its failure code in the buyer's language, then the
 * provider's own remark, labelled as theirs. Orders stored before failure codes carry an English
 * reason instead, shown as it always was (raw remarks as a last resort); for a failure with none,
 * say so rather than guess.
 */
function reasonLine(order: Order, m: Messages, required: boolean): string | undefined {
  const failure = order.failure ?? order.outcome?.failure;
  if (failure) {
    // An order written by a newer version (before a rollback) may carry a code this one cannot word.
    const sentence: string | undefined = m.failures[failure.code];
    // The shop's own trouble (its wallet, its account) is the admins' to read, not the buyer's.
    const said = failure.code === 'shop_unavailable' ? undefined : failure.providerText?.trim();
    return lines(
      field(m.labels.reason, sentence ?? m.orders.noReason),
      said ? `${m.labels.providerNote}: <i>${escapeHtml(clip(said, MAX_REASON))}</i>` : undefined,
    );
  }
  const legacy = legacyFailureReason(order) ?? order.outcome?.remarks?.trim();
  if (!legacy) return required ? m.orders.noReason : undefined;
  return field(m.labels.reason, clip(legacy, MAX_REASON));
}

/**
 * What happened to the buyer's money, on every status that did not deliver: returned to the wallet
 * (and how much), or never taken.
 */
function moneyLine(order: Order, m: Messages, notice: OrderNotice): string {
  const charge = order.charge;
  if (charge?.returned) {
    const price = formatMoney(charge.price);
    return notice.walletBalance
      ? m.orders.returnedWithBalance(price, formatMoney(notice.walletBalance))
      : m.orders.returned(price);
  }
  if (charge) return m.receipt.moneyBeingReturned(formatMoney(charge.price));
  return order.state === 'refunded' ? m.receipt.refundedByProvider : m.receipt.notCharged;
}

/** What was bought, for whom, and the reference: on every status. */
function summary(order: Order, m: Messages, locale: Locale, zone?: ShopTimeZone): string {
  const d = order.display;
  return lines(
    field(m.labels.product, clip(d.productName, MAX_FIELD)),
    d.account
      ? field(escapeHtml(clip(d.accountLabel, 40)), clip(shownOrderAccount(d), MAX_FIELD))
      : undefined,
    d.customerName ? field(m.labels.customerName, clip(d.customerName, MAX_FIELD)) : undefined,
    d.optionName ? field(optionLabelOf(d, m), clip(d.optionName, MAX_FIELD)) : undefined,
    d.validity ? field(m.labels.validity, clip(d.validity, MAX_FIELD)) : undefined,
    d.ref2 ? field(m.labels.ref2, clip(d.ref2, MAX_FIELD)) : undefined,
    d.payer ? field(m.labels.payerId, d.payer) : undefined,
    d.faceValue
      ? field(m.wallet.faceValue, formatMoney(d.faceValue))
      : field(m.labels.amount, formatMoney(d.amount)),
    fieldHtml(m.labels.reference, `<code>${escapeHtml(order.refid)}</code>`),
    field(m.labels.time, formatZonedDateTime(receiptTime(order), locale, zone)),
  );
}

/** One word per kind of choice, the same on the purchase screens and the receipt ("Plan"). */
function optionLabelOf(display: Order['display'], m: Messages): string {
  switch (display.optionKind) {
    case 'biller':
      return m.labels.biller;
    case 'account':
      return m.labels.account;
    default:
      // Orders from before optionKind: their options were plans, PTPTN accounts or billers alike.
      return display.optionKind === 'plan' ? m.labels.plan : m.labels.option;
  }
}

/** The provider's transaction time when it gave a readable one, else when the order was placed. */
function receiptTime(order: Order): number {
  const provider = order.outcome?.providerTime;
  const parsed = provider ? Date.parse(provider) : Number.NaN;
  return Number.isFinite(parsed) ? parsed : order.createdAt;
}

/** An eSIM activation code: the LPA string a phone reads from a QR code (GSMA SGP.22). */
export function lpaOf(order: Order): string | undefined {
  const pin = order.outcome?.pin?.trim();
  return pin && /^LPA:/i.test(pin) ? pin : undefined;
}

function receipt(
  order: Order,
  m: Messages,
  locale: Locale,
  shop: Button,
  paid: string | undefined,
  zone: ShopTimeZone | undefined,
): View {
  const outcome = order.outcome;
  const l = m.labels;
  const r = m.receipt;
  const pin = outcome?.pin?.trim();
  const lpa = lpaOf(order);
  const token = outcome?.electricityToken;
  // The PLN token's serial is shown as its labelled parts instead of the raw "Token/Name/…" text.
  const serial = token ? undefined : outcome?.serialNumber?.trim();
  const expiry = outcome?.expiry?.trim();
  const note = outcome?.note?.trim();
  const link = outcome?.voucherLink?.trim();
  const code = (text: string) => `<code>${escapeHtml(clip(text, MAX_FIELD))}</code>`;
  const delivered = lines(
    token ? fieldHtml(r.plnToken, code(token.token)) : undefined,
    token?.kwh ? field(r.kwh, clip(token.kwh, 40)) : undefined,
    token?.customerName ? field(l.customerName, clip(token.customerName, MAX_FIELD)) : undefined,
    token?.tariffPower ? field(r.tariffPower, clip(token.tariffPower, 60)) : undefined,
    pin ? fieldHtml(lpa ? r.activationCode : l.pin, code(pin)) : undefined,
    serial ? fieldHtml(l.serial, code(serial)) : undefined,
    expiry ? field(l.expiry, formatIsoDate(expiry, locale)) : undefined,
  );
  const text = fitted([
    m.orders.succeededTitle,
    delivered,
    lpa ? lines(link && isWebUrl(link) ? r.esimQrWithLink : r.esimQr, r.esimSteps) : undefined,
    // An eSIM has our one note on its QR code; the provider's may say otherwise ("from the link").
    note && !lpa ? `${l.note}: <i>${escapeHtml(clip(note, MAX_NOTE))}</i>` : undefined,
    paid,
    summary(order, m, locale, zone),
  ]);
  return view(text, [
    present(copyTextButton(r.copyToken, token?.token)),
    present(copyTextButton(lpa ? r.copyActivationCode : m.buttons.copyPin, pin)),
    present(copyTextButton(r.copySerial, serial)),
    present(urlButton(lpa ? r.installEsim : m.buttons.openVoucher, link)),
    present(urlButton(m.buttons.share, shareUrl(order, m, locale))),
    [shop],
  ]);
}

/** Telegram refuses messages over 4096 characters (after entity parsing); leave room to spare. */
const MAX_MESSAGE = 3900;

/**
 * The receipt's blocks, dropping the least needed (the provider's note) and then clipping, so the
 * message always fits whatever the provider sent.
 */
function fitted(parts: Array<string | undefined>): string {
  const text = blocks(...parts);
  if (text.length <= MAX_MESSAGE) return text;
  const withoutNote = blocks(...parts.filter((part) => !part?.includes('<i>')));
  return withoutNote.length <= MAX_MESSAGE ? withoutNote : `${withoutNote.slice(0, MAX_MESSAGE)}…`;
}

/**
 * A t.me share link carrying the receipt as plain text, so a gift code can be forwarded to a
 * friend. It includes the PIN on purpose (sharing a voucher is the point); it is built on demand and
 * must never be logged, like the rest of a receipt.
 */
export function shareUrl(order: Order, m: Messages, locale: Locale): string {
  const outcome = order.outcome;
  const l = m.labels;
  const link = outcome?.voucherLink?.trim();
  const text = [
    m.plain.shareTitle(
      order.display.productName,
      formatMoney(order.display.faceValue ?? order.display.amount),
    ),
    outcome?.pin ? `${lpaOf(order) ? m.receipt.activationCode : l.pin}: ${outcome.pin.trim()}` : undefined,
    // Buying a token for someone else's meter is common: sharing it is as intended as sharing a PIN.
    outcome?.electricityToken?.token
      ? `${m.receipt.plnToken}: ${outcome.electricityToken.token.trim()}`
      : undefined,
    // As on the receipt, a token's order shows no serial: an older record's serial repeats the token.
    outcome?.serialNumber && !outcome.electricityToken
      ? `${l.serial}: ${outcome.serialNumber.trim()}`
      : undefined,
    outcome?.expiry ? `${l.expiry}: ${formatIsoDate(outcome.expiry, locale)}` : undefined,
    link && isWebUrl(link) ? link : undefined,
    `${l.reference}: ${order.refid}`,
  ]
    .filter((line): line is string => line !== undefined && line !== '')
    .join('\n');
  return `https://t.me/share/url?url=${encodeURIComponent(text)}`;
}
