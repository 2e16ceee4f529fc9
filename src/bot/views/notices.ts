import { formatMoney } from '../../payments/money.js';
import type { Notice } from '../flow/state.js';
import type { Messages } from '../i18n/messages.js';
import type { InputError, PhoneCountry } from '../input.js';
import { escapeHtml } from './html.js';

/** How each country's numbers are shown in hints ("012-345 6789"). */
export const PHONE_EXAMPLES: Readonly<Record<PhoneCountry, string>> = {
  MY: '012-345 6789',
  ID: '0812-3456-7890',
};

/** The line shown above a screen for a notice. Provider messages are escaped here. */
export function noticeText(notice: Notice, m: Messages): string {
  switch (notice.kind) {
    case 'input':
      return inputErrorText(notice.error, m);
    case 'bill-invalid':
      return notice.message.trim() === ''
        ? m.notices.billInvalidNoReason
        : m.notices.billInvalid(escapeHtml(notice.message.trim()));
    case 'bill-blocked':
      return m.notices.billBlocked(escapeHtml(notice.message.trim()));
    case 'amount-refused':
      return notice.message.trim() === ''
        ? m.notices.amountRefusedNoReason
        : m.notices.amountRefused(escapeHtml(notice.message.trim()));
    case 'ref2-required':
      return m.notices.ref2Required(escapeHtml(notice.message.trim()));
    case 'biller-unknown':
      return m.jompay.billerUnknown(escapeHtml(notice.code));
    case 'bill-skipped':
      return m.notices.billSkipped;
    case 'cancelled':
      return m.notices.cancelled;
    case 'cancelled-after-confirm':
      return m.notices.cancelledAfterConfirm;
    case 'already-processing':
      return m.notices.alreadyProcessing;
    case 'expired':
      return m.notices.expired;
    case 'use-buttons':
      return m.notices.useButtons;
    case 'unknown-command':
      return m.notices.unknownCommand;
    case 'language-changed':
      return m.notices.languageChanged;
    case 'product-unavailable':
      return m.notices.productUnavailable;
    case 'price-above-order-max':
      return m.notices.priceAboveOrderMax(formatMoney(notice.limit));
    case 'order-not-found':
      return m.notices.orderNotFound;
    case 'quote-refreshed':
      return m.notices.quoteRefreshed;
    case 'topup-evidence-needed':
      return m.wallet.evidenceNeeded;
    case 'topup-reference-invalid':
      return m.wallet.referenceInvalid;
    case 'topup-unavailable':
      return m.wallet.topupUnavailable;
  }
}

export function inputErrorText(error: InputError, m: Messages): string {
  switch (error.code) {
    case 'phone-invalid':
      return m.notices.phoneInvalid(PHONE_EXAMPLES[error.country]);
    case 'nric-invalid':
      return m.notices.nricInvalid;
    case 'payer-id-invalid':
      return m.notices.payerIdInvalid;
    case 'account-empty':
      return m.notices.accountEmpty;
    case 'account-digits-only':
      return m.notices.accountDigitsOnly;
    case 'account-too-long':
      return m.notices.accountTooLong(error.max);
    case 'account-format':
      return m.notices.accountFormat(m.accountFormats[error.expected]);
    case 'account-wrong-operator':
      return error.operator
        ? m.notices.accountWrongOperator(escapeHtml(error.operator))
        : m.notices.accountWrongOperatorUnnamed;
    case 'amount-format':
      return m.notices.amountFormat;
    case 'amount-not-positive':
      return m.notices.amountNotPositive;
    case 'amount-too-precise':
      return m.notices.amountTooPrecise(error.digits);
    case 'amount-too-low':
      return m.notices.amountTooLow(formatMoney(error.min));
    case 'amount-too-high':
      return m.notices.amountTooHigh(formatMoney(error.max));
    case 'amount-too-large':
      return m.notices.amountTooLarge;
    case 'amount-whole-units':
      return m.notices.amountWholeUnits;
    case 'amount-not-a-choice':
      return m.notices.amountNotAChoice(error.choices.map(formatMoney).join(', '));
  }
}
