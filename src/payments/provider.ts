import type { Currency } from './money.js';
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
   * Pays once per refid. Calling it again with the same request never charges twice; it reports the
   * current status instead.
   */
  pay(request: PaymentRequest): Promise<PaymentOutcome>;
  /**
   * The current status of a payment made earlier with this exact request. Never creates a payment
   * where a provider has a separate status call (IAK); where it does not (IIMMPACT), the status call
   * is the identical payment request, which the provider answers from the existing transaction.
   */
  checkStatus(request: PaymentRequest): Promise<PaymentOutcome>;
  getBalance(): Promise<WalletBalance>;
  /**
   * Reads a status callback the provider sent us. A callback only says which refid to look at:
   * callers confirm the status with `checkStatus` before they act on it.
   */
  parseCallback(callback: IncomingCallback): CallbackNotice;
  close(): Promise<void>;
}

export interface InquiryQuery {
  product: string;
  account: string;
  billerCode?: string;
  ref2?: string;
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
