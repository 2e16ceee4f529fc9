import { type Clock, systemClock } from '../../../platform/clock.js';
import type { PaymentProvider } from '../../provider.js';
import type { BillPresentment } from '../../types.js';
import { parseIakCallback } from './callback.js';
import { createIakClient, type IakClient, type IakClientOptions } from './client.js';
import { type IakPriceItem, toProduct } from './mappers.js';

/**
 * IAK behind the provider-neutral interface (prepaid API v2, rupiah).
 *
 * - `listProducts` is the price list, every product a fixed-price code (amount rule `fixed` with one
 *   choice: the price IAK charges).
 * - `inquire` is the PLN prepaid meter inquiry, for PLN products only; other products have none and
 *   answer `unavailable` without a call.
 * - `pay` is a top-up. Sent again with the same refid it reports that top-up's status: IAK never
 *   processes a ref_id twice, which is how the order engine re-queries.
 * - `checkStatus` reads check-status. Only when IAK answers rc 06 (it has never seen the ref_id, so
 *   an earlier top-up whose answer was lost never arrived) is the identical top-up sent, once, to
 *   settle it: the same ref_id cannot be charged twice, and the order is neither lost nor failed
 *   by guesswork. That send is a payment call with payment semantics (no retry; a lost answer is
 *   OutcomeUnknownError), exactly like the IIMMPACT adapter's re-query.
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
    // Read-only on purpose: a ref_id IAK has never seen (rc 06) is reported pending, never paid
    // here. Sending it is the order engine's decision, which knows whether the buyer confirmed.
    checkStatus: (request) => client.checkStatus(request.refid),
    getBalance: () => client.balance(),
    parseCallback: (callback) => parseIakCallback(callback, credentials),
    close: () => client.close(),
  };
}
