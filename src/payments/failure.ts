import type { PaymentOutcome } from './types.js';

/**
 * Why an order did not deliver, as data. The payments core names what happened; every sentence a
 * buyer reads about it is written in `src/bot/i18n`, per locale. Nothing here is meant to be shown
 * as written, except `providerText`, which views label as the provider's own words.
 *
 * "Charged" below says whether the payment took money in the end: a provider's documented failure
 * status means it took none, and an order refused or never sent created no transaction at all.
 */
export type FailureCode =
  /** The provider refused or failed this payment and gave no more specific reason. Charged: no. */
  | 'provider_declined'
  /** The number or account is wrong, barred, blocked or cannot take this product. Charged: no. */
  | 'invalid_account'
  /** The number hit a provider limit (per day, per month, balance cap, duplicate). Charged: no. */
  | 'limit_reached'
  /** The product, plan or amount cannot be bought now (out of stock or service, unknown). Charged: no. */
  | 'product_unavailable'
  /** The provider's service failed it (down, maintenance, operator timeout); try later. Charged: no. */
  | 'provider_unavailable'
  /** The shop cannot take payments (credentials refused, out of credit, suspended). Charged: no. */
  | 'shop_unavailable'
  /** Cancelled before it was ever sent, rather than sent late; nothing was created. Charged: no. */
  | 'not_sent_in_time'
  /** The provider voided a transaction it had made. Charged, then refunded in full by the provider. */
  | 'refunded';

/** Every code once, for checks that must cover them all at run time (the dictionaries' tests). */
export const FAILURE_CODES: readonly FailureCode[] = Object.keys({
  provider_declined: true,
  invalid_account: true,
  limit_reached: true,
  product_unavailable: true,
  provider_unavailable: true,
  shop_unavailable: true,
  not_sent_in_time: true,
  refunded: true,
} satisfies Record<FailureCode, true>) as FailureCode[];

/** A failure as recorded on an order and on the provider's outcome. */
export interface OrderFailure {
  code: FailureCode;
  /** The provider's own status or response code, as sent ("52", "14"). */
  providerCode?: string;
  /** The provider's own remark, as sent: untrusted text in the provider's language. */
  providerText?: string;
}

/** Builds a failure, leaving out provider fields that are absent or blank. */
export function orderFailure(code: FailureCode, providerCode?: string, providerText?: string): OrderFailure {
  const result: OrderFailure = { code };
  const codeText = providerCode?.trim();
  const text = providerText?.trim();
  if (codeText) result.providerCode = codeText;
  if (text) result.providerText = text;
  return result;
}

/**
 * The failure a final, unsuccessful outcome stands for. Adapters say it themselves; this covers an
 * outcome that does not, from its state and the provider's remarks.
 */
export function failureOfOutcome(outcome: PaymentOutcome): OrderFailure {
  if (outcome.failure) return outcome.failure;
  const code = outcome.state === 'refunded' ? 'refunded' : 'provider_declined';
  return orderFailure(code, outcome.providerCode, outcome.remarks);
}
