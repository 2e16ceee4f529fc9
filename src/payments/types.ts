import type { FailureCode, OrderFailure } from './failure.js';
import type { Money } from './money.js';

/**
 * Provider-neutral shapes of what the shop buys and learns. Adapters map wire formats into these; no
 * code outside an adapter sees a provider's field names.
 */

/** Where a payment stands. Only a documented final status from the provider ends it. */
export type PaymentState = 'pending' | 'succeeded' | 'failed' | 'refunded';

export const FINAL_PAYMENT_STATES: readonly PaymentState[] = ['succeeded', 'failed', 'refunded'];

export interface PaymentExtras {
  /** Plan or account sub-code (mobile data, PTPTN). */
  subproductCode?: string;
  /** Payer's IC number without dashes, or passport number (JomPAY AMLA rule; PTPTN recipient). */
  icNumber?: string;
  /** JomPAY biller code. */
  billerCode?: string;
  /** JomPAY Ref-2. */
  ref2?: string;
}

export interface PaymentRequest {
  /** Our reference, generated once per order and reused for every re-query. */
  refid: string;
  product: string;
  account: string;
  amount: Money;
  extras?: PaymentExtras;
  remarks?: string;
}

export interface PaymentOutcome {
  refid: string;
  state: PaymentState;
  /** The provider's status word and code, as sent (kept for support and audits). */
  providerStatus: string;
  providerCode: string;
  amount?: Money;
  /** Our wholesale cost, debited from the wallet. */
  cost?: Money;
  /** Wallet balance after this transaction. */
  balanceAfter?: Money;
  productName?: string;
  serialNumber?: string;
  pin?: string;
  /** Voucher expiry as an ISO date (yyyy-mm-dd). */
  expiry?: string;
  voucherLink?: string;
  /** Instructions for the buyer. */
  note?: string;
  /** The provider's remarks, as sent. */
  remarks?: string;
  /** For a failed or refunded payment: what happened, as a code (the bot words it per locale). */
  failure?: OrderFailure;
  /**
   * The provider failed it as a duplicate of a transaction it already has (IIMMPACT 54: "duplicate
   * transaction, or the account's daily limit"). After an earlier call for this refid went
   * unanswered, that transaction may be this very payment, so such a failure proves nothing about it.
   */
  duplicate?: boolean;
  /**
   * The provider's failure is about the request, not about a transaction: the system is under
   * under maintenance, or the request was unreadable (IAK 107, 110, 117, 205). Answering a first call
   * it proves nothing was made; answering a re-send after an earlier call may have made the
   * transaction, it says nothing about that transaction. IIMMPACT has no such answer: a re-sent refid
   * always returns its original transaction, and 200 + Failed is that transaction's final status.
   */
  aboutRequest?: boolean;
  /** The provider's timestamp, converted to ISO 8601 with offset. */
  providerTime?: string;
  /**
   * A prepaid electricity token, read out of the serial (IAK PLN). The token is as good as cash: it is
   * sealed at rest like a PIN, and such an outcome has no `serialNumber` repeating it in plain text.
   */
  electricityToken?: ElectricityToken;
}

/** The parts of a PLN token serial (`Token/CustomerName/SegmentPower/kWh`), each labelled. */
export interface ElectricityToken {
  /** The token the buyer keys into the meter, as printed (`6710-...-0256`). */
  token: string;
  customerName?: string;
  /** Tariff and power as PLN writes them (`R1 /000001300`). */
  tariffPower?: string;
  /** Energy bought, as sent (`13.8`). */
  kwh?: string;
}

export interface WalletBalance {
  account: string;
  name: string;
  balance: Money;
  level: string;
  /** True when the account may read but not pay. */
  readOnly: boolean;
}

export type AmountRule =
  | { kind: 'fixed'; choices: Money[]; suggested: Money[] }
  | { kind: 'range'; min: Money; max: Money; wholeUnitsOnly: boolean }
  /**
   * The provider states no rule (the price comes from a plan, or it is not published). `max` is the
   * shop's own per-order maximum where the bot applies one (providers never set it).
   */
  | { kind: 'open'; wholeUnitsOnly: boolean; max?: Money };

export interface Product {
  code: string;
  name: string;
  active: boolean;
  group: string;
  category: string;
  /** Label of the account input ("Mobile Number", "Account Number"). */
  accountLabel: string;
  accountType: string;
  keyboard: 'numeric' | 'text';
  /** Plans or accounts must be fetched before paying (mobile data, PTPTN, JomPAY billers). */
  hasSubproducts: boolean;
  amount: AmountRule;
  /**
   * What the buyer receives, when the provider charges another amount for it (IAK: the price list's
   * `product_nominal`, "10000", next to its `product_price`, 10850). Shown as the face value; the
   * amount rule stays what the provider charges, so prices and costs are worked out from that.
   */
  faceValue?: Money;
  instructions?: string;
  /** How long the credit stays valid after purchase, in days (IAK pulsa and data). */
  validityDays?: number;
  imageUrl?: string;
  refundable: boolean;
  /**
   * Set when the provider's listing cannot be sold safely (for example a denomination list we cannot
   * read): the product is then also `active: false`. For the admins, never for buyers.
   */
  unsellable?: ProductProblem;
  /**
   * What the account must look like, when the provider's documents say (IAK). Check it with
   * `checkAccountFormat` (payments/account-format.ts) before the Confirm screen.
   */
  accountFormat?: AccountFormat;
  /**
   * Indonesian number prefixes of the product's operator (08xx, local form), when the price list names
   * an operator whose numbers are known (IAK pulsa and data). A number outside them is refused by the
   * provider with "number not match with operator"; `checkAccountFormat` refuses it first.
   */
  operatorPrefixes?: readonly string[];
  /** The operator those prefixes belong to, as the provider's documents name it ("XL", "TELKOMSEL"). */
  operator?: string;
}

/** Why a listed product cannot be sold. `detail` is the provider's value, for the admin alert. */
export interface ProductProblem {
  reason: 'unreadable-denomination';
  detail: string;
}

/**
 * The account shape a product takes:
 * - `id-phone`: an Indonesian mobile number (08…);
 * - `international-phone`: a phone number of another country, digits with an optional leading `+`;
 * - `alipay`: IAK's `CountryCode|PhoneNumber_Name` form for Alipay (seed: `62|62812345678_IDSL`);
 * - `meter`: a PLN prepaid meter number (11 or 12 digits);
 * - `game-id`: a game's player id, `|`-separated parts (`156378300|8483`);
 * - `free-text`: anything non-empty; the provider checks it.
 */
export type AccountFormat = 'id-phone' | 'international-phone' | 'alipay' | 'meter' | 'game-id' | 'free-text';

export interface SubProduct {
  code: string;
  name: string;
  /** Fixed price, when the plan has one. */
  price?: Money;
  faceValue?: Money;
  validity?: string;
  /** Grouping label (PTPTN category, plan family). */
  description?: string;
  /** The account to pay into, when it differs from what the buyer typed (PTPTN). */
  accountNumber?: string;
  additionalDescription?: string;
  min?: Money;
  max?: Money;
}

export interface SubProductPage {
  items: SubProduct[];
  /** Opaque cursor for the next page, if any. */
  next?: string;
}

export type BillLookupOutcome =
  /** The account exists; show the returned fields. */
  | 'valid'
  /** The provider says the account is wrong; the buyer must re-enter it. */
  | 'invalid'
  /** No bill details available; the buyer may still pay. */
  | 'unavailable';

export interface BillPresentment {
  outcome: BillLookupOutcome;
  /**
   * With `unavailable`: the provider said the product has no bill presentment at all (IIMMPACT's
   * "Bill presentment is unavailable for this product"), whatever the account: the same answer for
   * every buyer, so it may be reused for a while instead of asked again for each account.
   */
  productWide?: boolean;
  /** The provider's message; for `invalid`, the reason to show. */
  message: string;
  /**
   * With `invalid`: the biller needs Ref-2 before the bill can be read (IIMMPACT "Ref-2 is required").
   * Ask the buyer for Ref-2 and look the bill up again, rather than asking for the account again.
   */
  ref2Required?: boolean;
  /**
   * With `invalid`: what the provider refused, when it said (`invalid_account` for the account or
   * biller, `product_unavailable` for the amount), so the buyer is asked for the right thing again.
   */
  refusal?: FailureCode;
  /**
   * The provider's verdict on paying this account now, when it gave one. `allowed: false` means the
   * payment would fail (e.g. a per-month limit); the outcome is then `invalid` and `message` is the
   * provider's reason.
   */
  validity?: { allowed: boolean; message?: string };
  /** The bill's due date, ISO (yyyy-mm-dd). */
  dueDate?: string;
  /** The due date as sent, when it is not a date we can read. */
  dueDateText?: string;
  /** Biller-specific fields, in the biller's order; `label` is absent when the biller sent a bare value. */
  customFields?: Array<{ label?: string; value: string }>;
  billerName?: string;
  customerName?: string;
  outstanding?: Money;
  /** Balance text as the biller words it. */
  balanceText?: string;
  dataBalance?: string;
  address?: string;
  eBillUrl?: string;
  /** Any further fields the provider returned, label to value, in its order. */
  otherFields: Array<[label: string, value: string]>;
}

export interface NetworkStatus {
  product: string;
  name: string;
  healthy: boolean;
  /** The provider's word for it ("Healthy", "Interruption"). */
  status: string;
  imageUrl?: string;
}
