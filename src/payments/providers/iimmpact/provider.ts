import { ProviderRejectedError } from '../../errors.js';
import { toDecimalString } from '../../money.js';
import type { PaymentProvider } from '../../provider.js';
import { parseIimmpactCallback } from './callback.js';
import { createIimmpactClient, type IimmpactClient, type IimmpactClientOptions } from './client.js';
import { createIimmpactReconciliation } from './reconciliation.js';

/**
 * IIMMPACT behind the provider-neutral interface. There is no status endpoint: re-sending the
 * identical payment with the same refid is how IIMMPACT reports status, which is what `pay` does
 * when the order engine re-queries.
 */
export function createIimmpactProvider(
  options: IimmpactClientOptions | { client: IimmpactClient },
): PaymentProvider & { client: IimmpactClient } {
  const client = 'client' in options ? options.client : createIimmpactClient(options);
  return {
    id: 'iimmpact',
    currency: 'MYR',
    client,
    listProducts: () => client.listProducts(),
    async inquire({ amount, ...query }) {
      try {
        return await client.getBill({ ...query, ...(amount ? { amount: toDecimalString(amount) } : {}) });
      } catch (error) {
        // Bill presentment's HTTP 400 (seed 003) is the provider saying the account, biller or amount
        // is wrong: as the interface promises, that is an `invalid` bill carrying its reason.
        if (
          error instanceof ProviderRejectedError &&
          error.httpStatus === 400 &&
          error.failure.providerText
        ) {
          return {
            outcome: 'invalid',
            message: error.failure.providerText,
            refusal: error.failure.code,
            otherFields: [],
          };
        }
        throw error;
      }
    },
    listOptions: (query) => client.getSubProducts(query),
    getNetworkStatus: (product) => client.getNetworkStatus(product),
    pay: (request) => client.pay(request),
    getBalance: (options) => client.getBalance(options),
    parseCallback: parseIimmpactCallback,
    reconciliation: createIimmpactReconciliation(client),
    close: () => client.close(),
  };
}
