import type { Money } from '../money.js';
import type { Order } from '../orders/order.js';
import type { PaymentState } from '../types.js';

/**
 * What reconciliation needs from a provider, provider-neutral. Each adapter that can answer it
 * offers one (`createIimmpactReconciliation`, `createIakReconciliation`); the bot and the job only
 * see this port.
 */

/** A shop day: `YYYY-MM-DD` in the provider's shop time zone. */
export type ShopDay = string;

/** One transaction as the provider's books hold it. */
export interface ProviderTransaction {
  refid: string;
  /** Provider's own id, when it has one (IIMMPACT `trxid`). */
  providerId?: string;
  product: string;
  productName?: string;
  account: string;
  amount?: Money;
  /** Our wholesale cost, when the provider says. */
  cost?: Money;
  /** Mapped with the adapter's status rules: an unknown status is `pending`, never final. */
  state: PaymentState;
  /** The provider's status word or code, as sent. */
  providerStatus: string;
  /** ISO 8601 with offset, when the provider gave a time. */
  at?: string;
}

/** One movement of the shop's wallet at the provider (IIMMPACT balance statement). */
export interface BalanceMovement {
  id: string;
  /** Signed: a purchase takes money out (negative), a refund or deposit puts it back. */
  amount: Money;
  balanceAfter?: Money;
  /** The provider's word for it: DEPOSIT, TRANSACTION, REFUND, COMMISSION. */
  type: string;
  remarks: string;
  at?: string;
}

/** The answer to a Report Issue request. */
export interface IssueReport {
  /** `accepted`: the provider took the request; `refused`: it did not (already reported, not successful). */
  outcome: 'accepted' | 'refused';
  /** The provider's words, shown to the buyer. */
  message: string;
  /** Epoch ms when the shop asked. */
  at: number;
}

export interface ReconciliationSource {
  readonly providerId: string;
  /** The shop time zone's offset from UTC in minutes (Malaysia +480, Jakarta +420; neither has DST). */
  readonly utcOffsetMinutes: number;
  /**
   * Every transaction of the day as the provider holds it, all pages read. `shopOrders` are the
   * shop's orders created that day: a provider without a transaction history (IAK) asks for the
   * status of each of them instead, and then cannot find transactions the shop lost.
   */
  listTransactions(day: ShopDay, shopOrders: readonly Order[]): Promise<ProviderTransaction[]>;
  /** True when `listTransactions` reads the provider's own history (so unknown transactions can be found). */
  readonly listsUnknown: boolean;
  /** The day's movements of the shop's wallet at the provider, where it publishes them. */
  balanceMovements?(day: ShopDay): Promise<BalanceMovement[]>;
  /** Report Issue for a successful transaction (IIMMPACT `/v2/transactions/check`). */
  reportIssue?(refid: string): Promise<IssueReport>;
}
