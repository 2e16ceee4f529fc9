import { type FailureCode, type OrderFailure, orderFailure } from '../../failure.js';
import type { PaymentState } from '../../types.js';

/**
 * The one place that decides what an IAK prepaid answer means (spec §4 and §7.1). An answer carries
 * a numeric `status` (0 process, 1 success, 2 failed) and a response code `rc`. Only documented
 * final codes end a payment: an unknown, missing or contradictory answer stays pending so the order
 * is re-queried, never failed by guesswork.
 */

export type IakRcClass = 'succeeded' | 'pending' | 'failed';

/** One documented code: IAK's message, and for a failure what it means for the buyer, as a code. */
export type IakRcEntry =
  | { message: string; state: 'succeeded' | 'pending' }
  | { message: string; state: 'failed'; failure: FailureCode };

/**
 * Every prepaid rc the spec documents (§7.1, including the [L] additions 18 and 19). IAK's messages
 * are English already and say what each code is; comments add what they leave unsaid.
 */
export const IAK_RC: Readonly<Record<string, IakRcEntry>> = {
  '00': { message: 'SUCCESS', state: 'succeeded' },
  // 06 answers a check-status for a ref_id IAK has never seen. It describes the query, not a payment:
  // the top-up may still be on its way, so it ends nothing (the adapter resolves it, see provider.ts).
  '06': { message: 'TRANSACTION NOT FOUND', state: 'pending' },
  '07': { message: 'FAILED', state: 'failed', failure: 'provider_declined' },
  '10': {
    message: 'REACH TOP UP LIMIT USING SAME DESTINATION NUMBER IN 1 DAY',
    state: 'failed',
    failure: 'limit_reached',
  },
  // The destination's balance would exceed its maximum.
  '12': { message: 'BALANCE MAXIMUM LIMIT EXCEEDED', state: 'failed', failure: 'limit_reached' },
  '13': { message: 'CUSTOMER NUMBER BLOCKED', state: 'failed', failure: 'invalid_account' },
  '14': { message: 'INCORRECT DESTINATION NUMBER', state: 'failed', failure: 'invalid_account' },
  // The number does not belong to the product's operator.
  '16': { message: 'NUMBER NOT MATCH WITH OPERATOR', state: 'failed', failure: 'invalid_account' },
  // The shop's deposit at IAK is too low.
  '17': { message: 'INSUFFICIENT DEPOSIT', state: 'failed', failure: 'shop_unavailable' },
  // 18 and 19 name the eSIM number being bought, not the buyer's: the product is what is unavailable.
  '18': { message: 'NUMBER NOT AVAILABLE', state: 'failed', failure: 'product_unavailable' },
  '19': { message: 'NUMBER IS ALREADY IN USE', state: 'failed', failure: 'product_unavailable' },
  '20': { message: 'CODE NOT FOUND', state: 'failed', failure: 'product_unavailable' },
  '39': { message: 'PROCESS', state: 'pending' },
  // The shop's server address is not allow-listed.
  '102': { message: 'INVALID IP ADDRESS', state: 'failed', failure: 'shop_unavailable' },
  '106': {
    message: 'PRODUCT IS TEMPORARILY OUT OF SERVICE',
    state: 'failed',
    failure: 'product_unavailable',
  },
  // 107, 117 and 205: IAK did not understand our request, which is the shop's problem to fix.
  '107': { message: 'ERROR IN XML FORMAT', state: 'failed', failure: 'shop_unavailable' },
  '110': { message: 'SYSTEM UNDER MAINTENANCE', state: 'failed', failure: 'provider_unavailable' },
  '117': { message: 'PAGE NOT FOUND', state: 'failed', failure: 'shop_unavailable' },
  // The shop's account at IAK is suspended.
  '118': { message: 'ACCOUNT SUSPENDED', state: 'failed', failure: 'shop_unavailable' },
  '121': { message: 'MONTHLY TOP UP LIMIT EXCEEDED', state: 'failed', failure: 'limit_reached' },
  // Top-ups are blocked in the game player's region.
  '131': { message: 'TOP UP REGION BLOCKED FOR PLAYER', state: 'failed', failure: 'product_unavailable' },
  '141': {
    message: 'INVALID USER ID / ZONE ID / SERVER ID / ROLENAME',
    state: 'failed',
    failure: 'invalid_account',
  },
  '142': { message: 'INVALID USER ID', state: 'failed', failure: 'invalid_account' },
  // The product needs no player check, so the check was refused.
  '143': { message: 'INQUIRY NOT NEEDED', state: 'failed', failure: 'provider_declined' },
  // Despite its name, 201 means the operator has not answered IAK yet.
  '201': { message: 'UNDEFINED RESPONSE CODE', state: 'pending' },
  // This number can be topped up with this product once a day.
  '202': { message: 'MAXIMUM 1 NUMBER 1 TIME IN 1 DAY', state: 'failed', failure: 'limit_reached' },
  '203': { message: 'NUMBER IS TOO LONG', state: 'failed', failure: 'invalid_account' },
  // IAK refused the shop's credentials.
  '204': { message: 'WRONG AUTHENTICATION', state: 'failed', failure: 'shop_unavailable' },
  '205': { message: 'WRONG COMMAND', state: 'failed', failure: 'shop_unavailable' },
  '206': {
    message: 'THIS DESTINATION NUMBER HAS BEEN BLOCKED',
    state: 'failed',
    failure: 'invalid_account',
  },
  // This number can be topped up once a day, whatever the product.
  '207': {
    message: 'MAXIMUM 1 NUMBER WITH ANY CODE 1 TIME IN 1 DAY',
    state: 'failed',
    failure: 'limit_reached',
  },
};

/** Codes that say the request was never processed because of who sent it: a configuration problem. */
export const IAK_ACCESS_RC: ReadonlySet<string> = new Set(['102', '118', '204']);

/**
 * Failure codes about the request rather than a transaction: maintenance, and a request IAK could not
 * read (see `PaymentOutcome.aboutRequest`). A re-sent ref_id answered with one of them may still be a
 * transaction in progress.
 */
export const IAK_REQUEST_RC: ReadonlySet<string> = new Set(['107', '110', '117', '205']);

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

/**
 * A failed payment or refused request as data: the code for its rc (`provider_declined` for one the
 * spec does not list), with IAK's rc and message. A bare "FAILED" says nothing the code does not, so
 * it is left out of the provider's words.
 */
export function iakFailure(rc: string | undefined, message: string | undefined): OrderFailure {
  const entry = rc === undefined ? undefined : IAK_RC[rc];
  const code = entry?.state === 'failed' ? entry.failure : 'provider_declined';
  const said = message?.trim().toUpperCase() === 'FAILED' ? undefined : message;
  return orderFailure(code, rc, said);
}
