import type { PaymentProvider } from '../../provider.js';
import { parseIimmpactCallback } from './callback.js';
import { createIimmpactClient, type IimmpactClient, type IimmpactClientOptions } from './client.js';

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
    inquire: (query) => client.getBill(query),
    listOptions: (query) => client.getSubProducts(query),
    getNetworkStatus: (product) => client.getNetworkStatus(product),
    pay: (request) => client.pay(request),
    getBalance: () => client.getBalance(),
    parseCallback: parseIimmpactCallback,
    close: () => client.close(),
  };
}
