import { type Clock, systemClock } from '../../../platform/clock.js';
import type { PaymentProvider } from '../../provider.js';
import type { BillPresentment } from '../../types.js';
import { parseIakCallback } from './callback.js';
import { createIakClient, type IakClient, type IakClientOptions } from './client.js';
import { type IakPriceItem, toProduct } from './mappers.js';
import { createIakReconciliation } from './reconciliation.js';

/**
 * IAK behind the provider-neutral interface (prepaid API v2, rupiah).
 *
 * - `listProducts` is the price list, every product a fixed-price code (amount rule `fixed` with one
 *   choice: the price IAK charges).
 * - `inquire` is the PLN prepaid meter inquiry, for PLN products only; other products have none and
 *   answer `unavailable` without a call.
 * - `pay` is a top-up. Sent again with the same refid it reports that top-up's status: IAK never
 *   processes a ref_id twice, which is how the order engine re-queries. A top-up whose first answer
 *   was lost is thereby settled either way: if IAK never saw it, the re-sent request is the one
 *   payment; if it did, IAK answers with that transaction.
 * - The read-only check-status call stays on `client` (`client.checkStatus`); reconciliation reaches
 *   it through the provider-neutral `reconciliation` port (one check per order of the day).
 */
export interface IakProviderOptions extends IakClientOptions {
  /** How long the list of PLN product codes is trusted before it is read again. Default 1 hour. */
  productTypesTtlMs?: number;
}

/** An existing client, with the credentials callbacks are verified with. */
export interface IakProviderWithClient {
  client: IakClient;
  username: string;
  apiKey: string;
  clock?: Clock;
  productTypesTtlMs?: number;
}

export function createIakProvider(
  options: IakProviderOptions | IakProviderWithClient,
): PaymentProvider & { client: IakClient } {
  const client = 'client' in options ? options.client : createIakClient(options);
  const credentials = { username: options.username, apiKey: options.apiKey };
  const clock = options.clock ?? systemClock;
  const ttlMs = options.productTypesTtlMs ?? 60 * 60_000;
  let plnCodes: { codes: Set<string>; at: number } | undefined;

  const rememberPlnCodes = (items: readonly IakPriceItem[]) => {
    plnCodes = {
      codes: new Set(items.filter((i) => i.type === 'pln').map((i) => i.code)),
      at: clock.nowMs(),
    };
  };
  const isPlnProduct = async (code: string): Promise<boolean> => {
    if (plnCodes === undefined || clock.nowMs() - plnCodes.at > ttlMs) {
      rememberPlnCodes(await client.priceList({ type: 'pln' }));
    }
    return plnCodes?.codes.has(code) ?? false;
  };

  return {
    id: 'iak',
    currency: 'IDR',
    client,
    async listProducts() {
      const items = await client.priceList();
      rememberPlnCodes(items);
      return items.map(toProduct);
    },
    async inquire(query): Promise<BillPresentment> {
      if (!(await isPlnProduct(query.product))) {
        return { outcome: 'unavailable', message: 'No inquiry for this product', otherFields: [] };
      }
      return client.inquirePln(query.account);
    },
    pay: (request) => client.topUp(request),
    getBalance: (options) => client.balance(options),
    parseCallback: (callback) => parseIakCallback(callback, credentials),
    reconciliation: createIakReconciliation(client),
    close: () => client.close(),
  };
}
