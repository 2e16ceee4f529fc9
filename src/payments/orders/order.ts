import type { OrderFailure } from '../failure.js';
import type { Money } from '../money.js';
import type { PaymentOutcome, PaymentRequest } from '../types.js';

/**
 * An order: one confirmed purchase, paid at most once. Its refid is generated at confirmation and
 * stored before the first payment call; every later call re-sends the identical request.
 *
 *   confirmed ──claim──► submitted ──answer──► pending ─re-query─► succeeded | failed | refunded
 *     ▲  │                   │                    │
 *     │  │                   ├─ HTTP 400 ─► rejected (no transaction was created)
 *     │  │                   ├─ no answer ─► pending (outcome unknown)
 *     │  │                   └─ provably not sent (refused connection, store not on disk) ─┐
 *     └──┼──────────────────────────────────────────────────────────────────────────────────┘
 *        └─ never sent, too old ─► cancelled        pending past deadline ─► needs_attention
 *
 * `confirmed` means no call was ever started; `submitted` means one may have been. A `submitted`
 * order found by a later run (the claimer crashed or lost its lease) may have reached the provider:
 * it is marked `mayExist` before it is sent again, so it can only end with a status the provider
 * reports. `needs_attention` is still re-queried, slowly, and may still reach a final state.
 */
export type OrderState =
  | 'confirmed'
  | 'submitted'
  | 'pending'
  | 'needs_attention'
  | 'succeeded'
  | 'failed'
  | 'refunded'
  | 'rejected'
  | 'cancelled';

export const FINAL_ORDER_STATES: ReadonlySet<OrderState> = new Set([
  'succeeded',
  'failed',
  'refunded',
  'rejected',
  'cancelled',
]);

export function isFinal(state: OrderState): boolean {
  return FINAL_ORDER_STATES.has(state);
}

/** The final states in which the buyer did not get what they paid for: their price is returned. */
export const RETURNING_ORDER_STATES: ReadonlySet<OrderState> = new Set([
  'failed',
  'refunded',
  'rejected',
  'cancelled',
]);

/**
 * What the buyer pays from their wallet for an order: face value plus the owner's margin, computed
 * by the conversation and snapshotted in the quote. Debited in the same atomic step that creates the
 * order (ledger entry `purchase:<refid>`), and returned in the same atomic step that records a
 * returning final state (`return:<refid>`), once, whoever writes it.
 */
export interface OrderCharge {
  price: Money;
  /**
   * True once the order reached a returning final state: the step that recorded that state put the
   * price back into the buyer's wallet. The ledger entry `return:<refid>` is the proof.
   */
  returned?: boolean;
}

/** True when `order` is in a state that returns its price, and has a price to return. */
export function returnsCharge(order: Pick<Order, 'state' | 'charge'>): boolean {
  return order.charge !== undefined && RETURNING_ORDER_STATES.has(order.state);
}

/** What the buyer saw on the confirm screen, kept for receipts and support. */
export interface OrderDisplay {
  productName: string;
  /** Label of the account field ("Mobile number", "Account number"). */
  accountLabel: string;
  /** The account as the buyer typed it or chose it. */
  account: string;
  customerName?: string;
  /** Plan, PTPTN account or biller name, when one was chosen. */
  optionName?: string;
  /** What `optionName` names, so the receipt labels it as the purchase screens did. */
  optionKind?: 'plan' | 'account' | 'biller';
  /** The plan's validity as the provider words it ("30 days"). */
  validity?: string;
  /** JomPAY Ref-2, when the biller needed one. */
  ref2?: string;
  /** JomPAY payer, masked (`maskIdNumber`): the full number lives only in the request sent. */
  payer?: string;
  amount: Money;
  /** What the buyer receives, when it differs from `amount`, the provider's charge (IAK nominal). */
  faceValue?: Money;
}

/** The Telegram message that shows this order's progress, edited in place until the receipt. */
export interface StatusMessageRef {
  chatId: number;
  messageId: number;
}

/** What the provider said when the buyer reported an issue with a successful order. */
export interface IssueReportRecord {
  outcome: 'accepted' | 'refused';
  message: string;
  /** Epoch ms. */
  at: number;
  /** Who asked (the buyer's Telegram user id). */
  by: number;
}

export interface OrderEvent {
  at: number;
  state: OrderState;
  note: string;
}

export interface Order {
  refid: string;
  /** Id of the quote (confirm screen) this order came from: one quote makes at most one order. */
  quoteId: string;
  userId: number;
  chatId: number;
  /** Buyer's language for messages about this order. */
  locale: string;
  provider: string;
  /** Sent unchanged on every payment and re-query call. */
  request: PaymentRequest;
  display: OrderDisplay;
  /** What the buyer paid from their wallet; absent when the shop takes no payment (BUYER_PAYMENT=none). */
  charge?: OrderCharge;
  state: OrderState;
  /** Incremented on every change; compare-and-set uses it. */
  version: number;
  createdAt: number;
  updatedAt: number;
  /** Payment and re-query calls made so far. */
  attempts: number;
  /** The provider's latest answer; present once the provider has confirmed a transaction exists. */
  outcome?: PaymentOutcome;
  /**
   * True once a call may have reached the provider without a readable answer: from then on the
   * order can only end with a status the provider reports.
   */
  mayExist?: boolean;
  /**
   * The provider asked not to be called about this order before this (ms): a Retry-After on its
   * last answer (capped at the schedule's longest delay). The schedule waits for it, and so does a
   * buyer's Refresh; the next answer clears it.
   */
  retryAfterUntil?: number;
  /** Why it did not deliver (failed, rejected, refunded, cancelled), as a code and the provider's words. */
  failure?: OrderFailure;
  statusMessage?: StatusMessageRef;
  /** The provider's answer to the buyer's Report Issue (successful orders only), asked once per order. */
  issueReport?: IssueReportRecord;
  /** The final state the buyer has been shown; equal to `state` once notified. */
  notifiedState?: OrderState;
  history: OrderEvent[];
  /**
   * A voucher PIN or PLN token that this process holds no key to open, as it was sealed (the store's
   * pin-cipher.ts): carried on the order as read, so that writing the order back (a late refund, a
   * Report Issue) puts it back as it was instead of erasing it. Never stored itself.
   */
  unopenedSecrets?: { pin?: string; token?: string };
}

/**
 * The English failure text of an order stored by a version before `failure` existed: such versions
 * wrote `failureReason` on the order and on its outcome, and receipts showed it as written. Those
 * orders are still read, so their receipts render as before; nothing writes the field any more.
 */
export function legacyFailureReason(order: Order): string | undefined {
  const stored = order as Order & { failureReason?: unknown; outcome?: { failureReason?: unknown } };
  for (const text of [stored.failureReason, stored.outcome?.failureReason]) {
    if (typeof text === 'string' && text.trim() !== '') return text.trim();
  }
  return undefined;
}

/** What the conversation hands over when the buyer taps Confirm. */
export interface OrderDraft {
  quoteId: string;
  userId: number;
  chatId: number;
  locale: string;
  request: Omit<PaymentRequest, 'refid'>;
  display: OrderDisplay;
  /** The price the buyer pays from their wallet, from the quote; absent when the shop takes none. */
  charge?: { price: Money };
  statusMessage?: StatusMessageRef;
}
