import type { PaymentState } from '../../types.js';

/**
 * The one place that decides what an IAK prepaid answer means (spec §4 and §7.1). An answer carries
 * a numeric `status` (0 process, 1 success, 2 failed) and a response code `rc`. Only documented
 * final codes end a payment: an unknown, missing or contradictory answer stays pending so the order
 * is re-queried, never failed by guesswork.
 */

export type IakRcClass = 'succeeded' | 'pending' | 'failed';

export interface IakRcEntry {
  /** The message IAK sends with the code. */
  message: string;
  /** What the code means for a payment. */
  state: IakRcClass;
  /** In words fit for a buyer (or, for configuration problems, for the shop owner). */
  meaning: string;
}

/** Every prepaid rc the spec documents (§7.1, including the [L] additions 18 and 19). */
export const IAK_RC: Readonly<Record<string, IakRcEntry>> = {
  '00': { message: 'SUCCESS', state: 'succeeded', meaning: 'Successful' },
  // 06 answers a check-status for a ref_id IAK has never seen. It describes the query, not a payment:
  // the top-up may still be on its way, so it ends nothing (the adapter resolves it, see provider.ts).
  '06': {
    message: 'TRANSACTION NOT FOUND',
    state: 'pending',
    meaning: 'The provider has no transaction with this reference yet',
  },
  '07': { message: 'FAILED', state: 'failed', meaning: 'The transaction failed' },
  '10': {
    message: 'REACH TOP UP LIMIT USING SAME DESTINATION NUMBER IN 1 DAY',
    state: 'failed',
    meaning: 'Today’s top-up limit for this number is reached; please try again tomorrow',
  },
  '12': {
    message: 'BALANCE MAXIMUM LIMIT EXCEEDED',
    state: 'failed',
    meaning: 'The destination balance would exceed its maximum',
  },
  '13': { message: 'CUSTOMER NUMBER BLOCKED', state: 'failed', meaning: 'This customer number is blocked' },
  '14': { message: 'INCORRECT DESTINATION NUMBER', state: 'failed', meaning: 'Incorrect destination number' },
  '16': {
    message: 'NUMBER NOT MATCH WITH OPERATOR',
    state: 'failed',
    meaning: 'The number does not belong to this product’s operator',
  },
  '17': {
    message: 'INSUFFICIENT DEPOSIT',
    state: 'failed',
    meaning: 'The shop is temporarily out of credit',
  },
  '18': { message: 'NUMBER NOT AVAILABLE', state: 'failed', meaning: 'This eSIM number is not available' },
  '19': {
    message: 'NUMBER IS ALREADY IN USE',
    state: 'failed',
    meaning: 'This eSIM number is already in use',
  },
  '20': { message: 'CODE NOT FOUND', state: 'failed', meaning: 'This product does not exist' },
  '39': { message: 'PROCESS', state: 'pending', meaning: 'Being processed' },
  '102': {
    message: 'INVALID IP ADDRESS',
    state: 'failed',
    meaning: 'The shop’s server address is not allow-listed at the provider',
  },
  '106': {
    message: 'PRODUCT IS TEMPORARILY OUT OF SERVICE',
    state: 'failed',
    meaning: 'This product is temporarily out of service',
  },
  '107': { message: 'ERROR IN XML FORMAT', state: 'failed', meaning: 'The request was malformed' },
  '110': {
    message: 'SYSTEM UNDER MAINTENANCE',
    state: 'failed',
    meaning: 'The provider is under maintenance; please try again later',
  },
  '117': {
    message: 'PAGE NOT FOUND',
    state: 'failed',
    meaning: 'The provider did not recognise the request',
  },
  '118': {
    message: 'ACCOUNT SUSPENDED',
    state: 'failed',
    meaning: 'The shop’s provider account is suspended',
  },
  '121': {
    message: 'MONTHLY TOP UP LIMIT EXCEEDED',
    state: 'failed',
    meaning: 'This month’s top-up limit is reached',
  },
  '131': {
    message: 'TOP UP REGION BLOCKED FOR PLAYER',
    state: 'failed',
    meaning: 'Top-ups are blocked in the player’s region',
  },
  '141': {
    message: 'INVALID USER ID / ZONE ID / SERVER ID / ROLENAME',
    state: 'failed',
    meaning: 'Invalid user ID, zone ID, server ID or role name',
  },
  '142': { message: 'INVALID USER ID', state: 'failed', meaning: 'Invalid user ID' },
  '143': { message: 'INQUIRY NOT NEEDED', state: 'failed', meaning: 'This product needs no player check' },
  '201': {
    message: 'UNDEFINED RESPONSE CODE',
    state: 'pending',
    meaning: 'Being processed; the provider is still waiting for the operator',
  },
  '202': {
    message: 'MAXIMUM 1 NUMBER 1 TIME IN 1 DAY',
    state: 'failed',
    meaning: 'This number can be topped up with this product once a day',
  },
  '203': { message: 'NUMBER IS TOO LONG', state: 'failed', meaning: 'The number is too long' },
  '204': {
    message: 'WRONG AUTHENTICATION',
    state: 'failed',
    meaning: 'The provider refused the shop’s credentials',
  },
  '205': { message: 'WRONG COMMAND', state: 'failed', meaning: 'The provider did not recognise the request' },
  '206': {
    message: 'THIS DESTINATION NUMBER HAS BEEN BLOCKED',
    state: 'failed',
    meaning: 'This destination number has been blocked',
  },
  '207': {
    message: 'MAXIMUM 1 NUMBER WITH ANY CODE 1 TIME IN 1 DAY',
    state: 'failed',
    meaning: 'This number can be topped up once a day',
  },
};

/** Codes that say the request was never processed because of who sent it: a configuration problem. */
export const IAK_ACCESS_RC: ReadonlySet<string> = new Set(['102', '118', '204']);

export const IAK_RC_SUCCESS = '00';
export const IAK_RC_NOT_FOUND = '06';
export const IAK_RC_PROCESS = '39';

function stateFromRc(rc: string | undefined): PaymentState | 'unknown' {
  if (rc === undefined || rc === '') return 'unknown';
  return IAK_RC[rc]?.state ?? 'unknown';
}

function stateFromStatus(status: number | undefined): PaymentState | 'unknown' {
  switch (status) {
    case 0:
      return 'pending';
    case 1:
      return 'succeeded';
    case 2:
      return 'failed';
    default:
      return 'unknown';
  }
}

/**
 * Maps an answer's `status` and `rc` to a payment state. A final state needs at least one of the
 * two to say so and the other to agree or be absent; an rc the spec does not list is pending even
 * with status 2.
 */
export function mapIakStatus(status: number | undefined, rc: string | undefined): PaymentState {
  const byStatus = stateFromStatus(status);
  const byRc = stateFromRc(rc);
  if (byRc === 'unknown') return rc === undefined || rc === '' ? known(byStatus) : 'pending';
  if (byStatus === 'unknown') return status === undefined ? byRc : 'pending';
  return byStatus === byRc ? byRc : 'pending';
}

function known(state: PaymentState | 'unknown'): PaymentState {
  return state === 'unknown' ? 'pending' : state;
}

/** The buyer-facing meaning of a code, if documented. */
export function describeIakRc(rc: string | undefined): string | undefined {
  return rc === undefined ? undefined : IAK_RC[rc]?.meaning;
}

/** Why a payment failed, in words for the buyer: the code's meaning, else IAK's message, else a default. */
export function describeIakFailure(rc: string | undefined, message: string | undefined): string {
  const meaning = describeIakRc(rc);
  if (meaning) return meaning;
  const fromMessage = message?.trim();
  if (fromMessage && fromMessage.toUpperCase() !== 'FAILED') return fromMessage;
  return 'The payment could not be completed';
}
