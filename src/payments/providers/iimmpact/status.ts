import { type FailureCode, type OrderFailure, orderFailure } from '../../failure.js';
import type { PaymentState } from '../../types.js';

/**
 * The one place that decides what an IIMMPACT status means. Only documented final statuses end a
 * payment; anything unknown, missing or contradictory stays pending so the order is re-queried, never
 * failed by guesswork.
 */

/**
 * What each documented final status code that is not a success means for the buyer, as a code the
 * bot words per locale. The comments give IIMMPACT's meaning, for maintainers; an undocumented code
 * in the failure range is `provider_declined`.
 */
export const IIMMPACT_FAILURE_CODES: Readonly<Record<number, FailureCode>> = {
  40: 'invalid_account', // invalid account or mobile number
  41: 'shop_unavailable', // merchant account suspended
  43: 'shop_unavailable', // merchant wallet out of credit
  44: 'product_unavailable', // wrong format or invalid product
  45: 'product_unavailable', // product out of stock
  47: 'provider_unavailable', // service unavailable, try later
  48: 'provider_declined', // rejected by the provider
  52: 'invalid_account', // invalid or barred mobile number
  53: 'refunded', // voided and refunded (the Refund status)
  54: 'limit_reached', // duplicate transaction or daily limit for the account
  55: 'provider_unavailable', // timed out at the provider
  56: 'invalid_account', // account blacklisted
  57: 'invalid_account', // mobile number already activated
  58: 'product_unavailable', // invalid amount (denomination)
  61: 'product_unavailable', // invalid amount (denomination)
};

/**
 * 54, "duplicate transaction, daily account's transaction limit has been reached": the provider may
 * be refusing a payment it already has. Failed like any other code when it answers a first call, but
 * after a call that went unanswered it may be about that call (see `PaymentOutcome.duplicate`).
 */
export const DUPLICATE_CODE = 54;

const PENDING_CODES = new Set([0, 1]);
const SUCCESS_CODE = 20;
const REFUND_CODE = 53;

function isFailureCode(code: number): boolean {
  // The payment guide defines Failed as 40 to 61, except 53 which is Refund.
  return code >= 40 && code <= 61 && code !== REFUND_CODE;
}

function stateFromCode(code: number | undefined): PaymentState | 'unknown' {
  if (code === undefined) return 'unknown';
  if (PENDING_CODES.has(code)) return 'pending';
  if (code === SUCCESS_CODE) return 'succeeded';
  if (code === REFUND_CODE) return 'refunded';
  if (isFailureCode(code)) return 'failed';
  return 'unknown';
}

function stateFromWord(status: string | undefined): PaymentState | 'unknown' {
  switch (status?.trim().toLowerCase()) {
    case 'accepted':
    case 'processing':
      return 'pending';
    // "Succesful" is the documented spelling; "Successful" appears in older docs and other endpoints.
    case 'succesful':
    case 'successful':
      return 'succeeded';
    case 'failed':
      return 'failed';
    case 'refund':
      return 'refunded';
    default:
      return 'unknown';
  }
}

/**
 * Maps a status code and status word to a payment state. A final state needs at least one of the two
 * to say so and the other to agree or be absent.
 */
export function mapIimmpactStatus(statusCode: number | undefined, status: string | undefined): PaymentState {
  const byCode = stateFromCode(statusCode);
  const byWord = stateFromWord(status);
  if (byCode === 'unknown' && byWord === 'unknown') return 'pending';
  if (byCode === 'unknown') return statusCode === undefined ? toState(byWord) : 'pending';
  if (byWord === 'unknown') return status === undefined || status === '' ? toState(byCode) : 'pending';
  return byCode === byWord ? byCode : 'pending';
}

function toState(state: PaymentState | 'unknown'): PaymentState {
  return state === 'unknown' ? 'pending' : state;
}

/** A failed or refunded payment as data: the code for its status, with IIMMPACT's code and remarks. */
export function iimmpactFailure(statusCode: number | undefined, remarks: string | undefined): OrderFailure {
  const code = (statusCode !== undefined && IIMMPACT_FAILURE_CODES[statusCode]) || 'provider_declined';
  return orderFailure(code, statusCode === undefined ? undefined : String(statusCode), remarks);
}
