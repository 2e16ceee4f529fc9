import type { Currency, Money } from './money.js';
import type { ReconciliationSource } from './reconciliation/ports.js';
import type {
  BillPresentment,
  NetworkStatus,
  PaymentOutcome,
  PaymentRequest,
  Product,
  SubProductPage,
  WalletBalance,
} from './types.js';

/**
 * What the shop needs from a payments aggregator. Each provider's adapter implements it; nothing
 * outside `providers/` knows which provider is behind it.
 */
export interface PaymentProvider {
  readonly id: string;
  /** The currency every amount of this provider is in. */
  readonly currency: Currency;
  /** Products on offer, inactive ones included (callers hide them). */
  listProducts(): Promise<Product[]>;
  /** Bill presentment or meter inquiry before paying, where the provider has one. */
  inquire?(query: InquiryQuery): Promise<BillPresentment>;
  /** Plans, accounts or billers that must be chosen before paying. */
  listOptions?(query: OptionsQuery): Promise<SubProductPage>;
  /** Whether the product's network is healthy right now; advisory only. */
  getNetworkStatus?(product: string): Promise<NetworkStatus>;
  /**
   * Pays once per refid, and is also how a payment's status is asked: calling it again with the
   * identical request never charges twice, it reports that transaction's current status instead
   * (both providers answer a re-sent refid from the existing transaction). The order engine
   * re-queries only this way, so a payment whose first answer was lost is settled, not guessed at.
   */
  pay(request: PaymentRequest): Promise<PaymentOutcome>;
  /** The shop's wallet at the provider. `once`: a single request, no retries (a readiness probe). */
  getBalance(options?: { once?: boolean }): Promise<WalletBalance>;
  /**
   * Reads a status callback the provider sent us. A callback only says which refid to look at: the
   * order engine re-queries that refid with `pay` (the identical request) and acts on that answer,
   * never on the callback's.
   */
  parseCallback(callback: IncomingCallback): CallbackNotice;
  /**
   * The provider's books for reconciliation and Report Issue, where the adapter can read them. The
   * bot and the reconciliation job use only this port, never the adapter behind it.
   */
  readonly reconciliation?: ReconciliationSource;
  close(): Promise<void>;
}

export interface InquiryQuery {
  product: string;
  account: string;
  billerCode?: string;
  ref2?: string;
  /** The amount the buyer means to pay; JomPAY billers check it (IIMMPACT sends it for JomPAY only). */
  amount?: Money;
}

export interface OptionsQuery {
  product: string;
  account?: string;
  limit?: number;
  cursor?: string;
}

export interface IncomingCallback {
  method: string;
  /** Decoded query parameters. */
  query: URLSearchParams;
  /** The raw body, exactly as received. */
  body: string;
}

export type CallbackNotice =
  | { ok: true; refid: string; reported: PaymentOutcome }
  | { ok: false; reason: string };
