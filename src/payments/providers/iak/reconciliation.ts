import { isPaymentError } from '../../errors.js';
import type { ProviderTransaction, ReconciliationSource } from '../../reconciliation/ports.js';
import type { IakClient } from './client.js';

/** Jakarta time (WIB), GMT+7 without daylight saving. */
export const IAK_UTC_OFFSET_MINUTES = 7 * 60;

/**
 * IAK publishes no transaction history: reconciliation asks check-status for every order the shop
 * holds for the day (spec 5.2). It therefore cannot find a transaction the shop lost
 * (`listsUnknown: false`), and there is no balance statement and no Report Issue.
 */
export function createIakReconciliation(client: Pick<IakClient, 'checkStatus'>): ReconciliationSource {
  return {
    providerId: 'iak',
    utcOffsetMinutes: IAK_UTC_OFFSET_MINUTES,
    listsUnknown: false,
    async listTransactions(_day, shopOrders) {
      const found: ProviderTransaction[] = [];
      for (const order of shopOrders) {
        // An order that provably never reached IAK has nothing to ask about.
        if (order.outcome === undefined && !order.mayExist && order.state !== 'succeeded') continue;
        try {
          const outcome = await client.checkStatus(order.refid);
          found.push({
            refid: order.refid,
            product: order.request.product,
            account: order.request.account,
            state: outcome.state,
            providerStatus: outcome.providerStatus || outcome.providerCode,
            ...(outcome.amount ? { amount: outcome.amount } : {}),
            ...(outcome.cost ? { cost: outcome.cost } : {}),
          });
        } catch (error) {
          // One unreadable answer must not hide the rest of the day; that order is simply not compared.
          if (!isPaymentError(error)) throw error;
        }
      }
      return found;
    },
  };
}
