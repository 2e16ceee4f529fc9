import type { Money } from '../money.js';
import type { Order, OrderDraft, OrderState, StatusMessageRef } from './order.js';

/**
 * What the order engine needs from the outside, and what it offers the bot. Implementations live in
 * `src/store` (Redis, memory) and `src/bot` (notifier).
 */

/**
 * Orders, versioned and leased. Every read is checked against the stored-order schema: a record that
 * is not readable JSON or not an order is reported (by refid, never its content) and left as it is,
 * never used. `get` answers undefined for it, and the lists and `claimDue` skip it.
 */
export interface OrderStore {
  /**
   * Creates the order for a quote, or returns the one that already exists for it. Atomic: any
   * number of concurrent calls for one quote create exactly one order. An order with a `charge` is
   * created together with its debit (ledger entry `purchase:<refid>`) in the same atomic step: when
   * the buyer's balance is short, nothing is created or debited ('insufficient'), and a quote that
   * already has an order debits nothing more ('existing').
   */
  create(order: Order): Promise<CreateOrderResult>;
  get(refid: string): Promise<Order | undefined>;
  /**
   * Replaces the order if its stored version is still `expectedVersion`, and sets its next re-query
   * time, removes it from the schedule, or keeps the schedule as it is. With `leaseToken`, it also
   * refuses when that token no longer holds the order's lease. Says what happened; see
   * {@link CompareAndSetResult}. When `next` is in a returning final state and has a charge
   * ({@link returnsCharge}), the same atomic write returns the price to the buyer's wallet (ledger
   * entry `return:<refid>`, written once however many writes ask for it).
   */
  compareAndSet(
    next: Order,
    expectedVersion: number,
    schedule: ScheduleChange,
    leaseToken?: string,
  ): Promise<CompareAndSetResult>;
  /** The user's orders, newest first. */
  listByUser(userId: number, limit: number): Promise<Order[]>;
  /** Orders still needing work (not final, or final but not yet notified), oldest first. */
  listOpen(limit: number): Promise<Order[]>;
  /**
   * Orders created at or after `sinceMs` (epoch ms), oldest first, at most `limit` of them: the
   * admins' daily figures. Reads an index the create script keeps by creation time.
   */
  listCreatedSince(sinceMs: number, limit: number): Promise<Order[]>;
  /**
   * Claims up to `limit` orders whose re-query is due and not leased by anyone, leasing each to
   * `token` for `leaseMs` and pushing its due time past the lease. A crashed claimer's orders come
   * back when the lease runs out.
   */
  claimDue(nowMs: number, limit: number, leaseMs: number, token: string): Promise<string[]>;
  /** Leases one order to `token` (or renews `token`'s lease) unless another holds an unexpired lease. */
  tryLease(refid: string, token: string, nowMs: number, leaseMs: number): Promise<boolean>;
  /** Gives the lease back, if `token` still holds it. */
  releaseLease(refid: string, token: string): Promise<void>;
  /** Makes an order due now (a callback arrived, an admin asked). No-op for unknown or unscheduled refids. */
  makeDue(refid: string, nowMs: number): Promise<boolean>;
}

/**
 * What creating an order did: `created` (and debited, when it has a charge); `existing`, the order
 * this quote already made (nothing more debited); `insufficient`, the buyer's wallet holds less than
 * the price (nothing created, nothing debited), with the balance it holds.
 */
export type CreateOrderResult =
  | { result: 'created' | 'existing'; order: Order }
  | { result: 'insufficient'; balance: Money };

/** What Confirm did: as {@link CreateOrderResult}, with the price asked when the balance is short. */
export type ConfirmResult =
  | { result: 'created' | 'existing'; order: Order }
  | { result: 'insufficient'; balance: Money; price: Money };

/** The buyer's wallet balance, read for the receipt of an order whose price was returned. */
export interface BuyerBalances {
  balance(userId: number): Promise<Money>;
}

/** What a compare-and-set does to the re-query schedule: a due time in ms, or one of the two words. */
export type ScheduleChange = number | 'unschedule' | 'keep';

/**
 * What a compare-and-set did, decided in the same atomic step as the write:
 * - `written`: the order, its open-set membership and its schedule were replaced;
 * - `stale`: the stored version is not the expected one (someone else wrote first): re-read, decide again;
 * - `missing`: there is no such order;
 * - `lease-lost`: the writer's lease token no longer holds the order (another worker took it over):
 *   step back. Checked before the version, so a worker that lost its lease never retries.
 */
export type CompareAndSetResult = 'written' | 'stale' | 'missing' | 'lease-lost';

/** Tells the buyer how their order stands, by editing its status message in place. */
export interface OrderNotifier {
  /**
   * Shows the order's current state. Must be idempotent: it may be called again for the same state
   * after a crash, and the buyer must still see one receipt.
   */
  show(order: Order, notice?: OrderNotice): Promise<void>;
}

/** What the receipt may say besides the order itself. */
export interface OrderNotice {
  /**
   * On the final message of an order whose price was returned (`order.charge.returned`): the buyer's
   * wallet balance, read when the message is sent ("RM 10.50 returned to your wallet; balance
   * RM 42.00"). Absent when it could not be read; the receipt then leaves the balance out.
   */
  walletBalance?: Money;
}

export type OrderEventName = 'needs_attention' | 'finalized' | 'provider_error';

export interface OrderEvents {
  emit(event: OrderEventName, order: Order, detail?: string): void;
}

/** What the conversation uses. */
export interface OrderService {
  /**
   * Creates the order (idempotent per quote), debiting its charge in the same step, and starts paying
   * it in the background. A short balance creates nothing; see {@link ConfirmResult}. A store that
   * cannot be reached makes it throw: nothing is created or debited then, except when a slow store ran
   * the create script after all, in which case the order exists, with its debit, and is paid and shown
   * as usual; confirming the same quote again finds it and debits nothing more.
   */
  confirm(draft: OrderDraft): Promise<ConfirmResult>;
  /** Remembers which message shows the order's progress. */
  attachStatusMessage(refid: string, message: StatusMessageRef): Promise<void>;
  get(refid: string): Promise<Order | undefined>;
  listByUser(userId: number, limit: number): Promise<Order[]>;
  /**
   * Works the order once, now, under its lease (the admin's /order): sends it if it was never sent
   * (or cancels it when too old to send), otherwise re-queries it with the same request, and tells
   * the buyer what changed; a final order whose buyer was not told yet is only told. Returns the
   * order as it stands afterwards, untouched when another worker holds its lease.
   */
  settle(refid: string): Promise<Order | undefined>;
  /**
   * Asks for the order to be worked again soon (a provider callback named it, or its buyer pressed
   * Refresh). A known order that is not finished (or whose buyer was not told yet) is made due and
   * settled in the background; a callback's own status is never used. Returns 'unknown' when no
   * readable order has this refid. With `notBeforeMs`, the order is only made due then (the scheduler
   * works it), for asks that come faster than is useful; an order due sooner stays due sooner.
   * `byBuyer` paces it by the retry schedule's `buyerRecheckAtMs`, from the order as stored now.
   */
  nudge(refid: string, when?: { notBeforeMs?: number; byBuyer?: boolean }): Promise<'known' | 'unknown'>;
}

export type { Order, OrderDraft, OrderState };
