import type { PaymentState } from '../../types.js';

/**
 * The one place that decides what an IIMMPACT status means. Only documented final statuses end a
 * payment; anything unknown, missing or contradictory stays pending so the order is re-queried, never
 * failed by guesswork.
 */

/** What each documented status code means, in words fit for a buyer. */
export const IIMMPACT_STATUS_MEANINGS: Readonly<Record<number, string>> = {
  0: 'Accepted, waiting to be processed',
  1: 'Being processed',
  20: 'Successful',
  40: 'Invalid account or mobile number',
  41: 'Merchant account suspended',
  43: 'The shop is temporarily out of credit',
  44: 'Wrong format or invalid product',
  45: 'Product out of stock',
  47: 'Service unavailable, please try later',
  48: 'Rejected by the provider',
  52: 'Invalid or barred mobile number',
  53: 'Voided and refunded',
  54: 'Duplicate transaction or daily limit for this account reached',
  55: 'Failed due to a timeout at the provider',
  56: 'Account blacklisted',
  57: 'This mobile number is already activated',
  58: 'Invalid amount (denomination)',
  61: 'Invalid amount (denomination)',
};

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

/** The failure reason to show: the provider's remarks if any, else the meaning of its code. */
export function describeIimmpactFailure(statusCode: number | undefined, remarks: string | undefined): string {
  const fromRemarks = remarks?.trim();
  if (fromRemarks) return fromRemarks;
  return (
    (statusCode !== undefined && IIMMPACT_STATUS_MEANINGS[statusCode]) || 'The payment could not be completed'
  );
}
