import type { ReconciliationSource } from '../../reconciliation/ports.js';
import type { IimmpactClient } from './client.js';

/** Malaysia time, GMT+8 without daylight saving: every IIMMPACT date is in it (spec section 3). */
export const IIMMPACT_UTC_OFFSET_MINUTES = 8 * 60;

/**
 * IIMMPACT's books: the transaction history and balance statement of a Malaysia day, and Report Issue
 * through `/v2/transactions/check`.
 */
export function createIimmpactReconciliation(
  client: Pick<IimmpactClient, 'listTransactions' | 'balanceStatement' | 'checkTransaction'>,
  clock: { nowMs(): number } = { nowMs: () => Date.now() },
): ReconciliationSource {
  return {
    providerId: 'iimmpact',
    utcOffsetMinutes: IIMMPACT_UTC_OFFSET_MINUTES,
    listsUnknown: true,
    async listTransactions(day) {
      // A row without a refid cannot be matched; it is reported under its trxid.
      return (await client.listTransactions({ date: day })).map((tx) =>
        tx.refid === '' ? { ...tx, refid: `trxid:${tx.providerId ?? '?'}` } : tx,
      );
    },
    balanceMovements: (day) => client.balanceStatement({ date: day }),
    async reportIssue(refid) {
      const answer = await client.checkTransaction(refid);
      return { ...answer, at: clock.nowMs() };
    },
  };
}
