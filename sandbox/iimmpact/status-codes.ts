/**
 * IIMMPACT payment status codes (spec §7) and the wording the sandbox returns in `remarks`.
 * The sandbox also emits one undocumented code (99, "Pending") so clients can prove that an unknown
 * code is treated as pending rather than failed.
 */

export const STATUS_ACCEPTED = 0;
export const STATUS_PROCESSING = 1;
export const STATUS_SUCCESSFUL = 20;
export const STATUS_REFUND = 53;
/** Not in the provider's table; only the sandbox uses it. */
export const STATUS_UNDOCUMENTED = 99;

/** Why a transaction failed, one line per documented failure code. */
export const FAILURE_MEANINGS: Readonly<Record<number, string>> = {
  40: 'Invalid account or mobile number',
  41: 'Client account suspended or unauthorised access',
  43: 'Insufficient credit in client wallet',
  44: 'Wrong format or invalid product',
  45: 'Product out of stock',
  47: 'Service unavailable, please try again later',
  48: 'Rejected by provider',
  52: 'Invalid mobile number (barred or terminated)',
  53: 'Transaction voided or refunded on request',
  54: 'Duplicate transaction or daily account transaction limit reached',
  55: 'Transaction failed due to timeout',
  56: 'Account blacklisted',
  57: "Customer's mobile number activated",
  58: 'Invalid denomination',
  61: 'Invalid denomination',
};

/** The `status` text for a code. `Succesful` keeps the provider's legacy spelling on purpose. */
export function statusTextFor(code: number): string {
  if (code === STATUS_ACCEPTED) return 'Accepted';
  if (code === STATUS_PROCESSING) return 'Processing';
  if (code === STATUS_SUCCESSFUL) return 'Succesful';
  if (code === STATUS_REFUND) return 'Refund';
  if (code >= 40 && code <= 61) return 'Failed';
  return 'Pending';
}

/** Failed and refunded transactions give their cost back to the wallet. */
export function returnsCost(code: number): boolean {
  const text = statusTextFor(code);
  return text === 'Failed' || text === 'Refund';
}

export function failureMeaning(code: number): string {
  return FAILURE_MEANINGS[code] ?? 'Transaction failed';
}
