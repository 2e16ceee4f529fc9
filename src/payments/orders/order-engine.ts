import type { Clock } from '../../platform/clock.js';
import type { IdSource } from '../../platform/ids.js';
import type { Logger } from '../../platform/logger.js';
import {
  AuthenticationError,
  isPaymentError,
  OutcomeUnknownError,
  ProviderRejectedError,
  ProviderUnavailableError,
} from '../errors.js';
import { failureOfOutcome, orderFailure } from '../failure.js';
import type { PaymentProvider } from '../provider.js';
import type { PaymentOutcome } from '../types.js';
import {
  type IssueReportRecord,
  isFinal,
  type Order,
  type OrderDraft,
  type OrderState,
  returnsCharge,
} from './order.js';
import type {
  BuyerBalances,
  ConfirmResult,
  OrderEvents,
  OrderNotice,
  OrderNotifier,
  OrderService,
  OrderStore,
  ScheduleChange,
} from './ports.js';
import {
  buyerRecheckAtMs,
  DEFAULT_RETRY_SCHEDULE,
  nextDelayMs,
  type RetrySchedule,
} from './retry-schedule.js';

/**
 * The order engine: turns a confirmed quote into exactly one provider transaction and exactly one
 * final message to the buyer, whatever crashes, retries and races happen on the way.
 *
 * - The refid is created with the order and stored before any payment call; every call re-sends
 *   the identical request, which both providers treat as "status of that payment".
 * - One process works on an order at a time: working it needs the order's lease (see OrderStore).
 * - Every change is a compare-and-set on the order's version.
 * - Only a final status reported by the provider ends an order; "no readable answer" keeps it pending.
 * - The final state is stored (and scheduled) before the buyer is told, and `notifiedState` is set
 *   after, so a crash in between only repeats the idempotent status-message edit.
 * - An order with a charge was debited when the store created it. The write that records a
 *   returning final state (failed, rejected, cancelled, refunded) marks `charge.returned`, and the
 *   store returns the price in that same atomic write, once. The final message then carries the
 *   buyer's balance, read from `balances` when it is sent.
 */

/** Named points in the payment path, for fault-injection tests (a crash test kills the process there). */
export type Checkpoint = 'order-stored' | 'payment-answered' | 'final-stored';

export interface OrderEngineOptions {
  store: OrderStore;
  provider: PaymentProvider;
  notifier: OrderNotifier;
  events?: OrderEvents;
  /** The buyers' wallet balances, for the receipt of an order whose price was returned. */
  balances?: BuyerBalances;
  clock: Clock;
  ids: IdSource;
  logger: Logger;
  random?: () => number;
  schedule?: RetrySchedule;
  /** An order lease: renewed every third of it while a worker works on the order, so it bounds how
   * long a crashed worker keeps an order from the others (10 s). */
  leaseMs?: number;
  /** Pending this long after confirmation, an order is flagged for the admins. */
  attentionAfterMs?: number;
  /** A confirmed order never sent this long after confirmation is cancelled instead of paid late. */
  unsentExpiryMs?: number;
  checkpoint?: (name: Checkpoint, order: Order) => void | Promise<void>;
  /**
   * Resolves once the order (and the buyer's debit) is on disk, not only in the store's memory;
   * called right before every payment call. Throws when that cannot be confirmed: the call waits.
   */
  ensureOnDisk?: () => Promise<void>;
}

/**
 * The engine's verbs: `confirm` makes an order and settles it in the background; `settle` (from
 * OrderService) works an order once under a lease it takes itself; `settleLeased` does the same
 * under a lease the caller already holds; `nudge` (from OrderService) answers a provider callback or
 * a buyer's Refresh.
 */
export interface OrderEngine extends OrderService {
  /**
   * `settle` for an order whose lease the caller already holds (the scheduler's claims). The caller
   * releases the lease afterwards. If the lease passes to another worker meanwhile, it logs that and
   * steps back without an error, leaving the order to its new holder.
   */
  settleLeased(refid: string, leaseToken: string): Promise<void>;
  /**
   * Reconciliation found that the provider refunded a transaction this shop recorded as succeeded.
   * Under the order's lease, a compare-and-set moves it from `succeeded` to `refunded`; the store
   * returns the buyer's price in that same write (ledger entry `return:<refid>`, once), and the
   * buyer is told through the notifier. 'returned': this call recorded it; 'already': the order is
   * not a success any more (a run before did it); 'busy': another worker holds the order (try again
   * on the next run); 'missing': no readable order.
   */
  recordLateRefund(
    refid: string,
    provider: { status: string; code?: string },
  ): Promise<'returned' | 'already' | 'busy' | 'missing'>;
  /**
   * Remembers the provider's answer to the buyer's Report Issue on the order, once: a second call
   * leaves the first answer in place. Returns the order as stored afterwards.
   */
  recordIssueReport(refid: string, report: IssueReportRecord): Promise<Order | undefined>;
  /** Resolves when background work started by `confirm` and `nudge` has finished. */
  idle(): Promise<void>;
  readonly leaseMs: number;
}

export function createOrderEngine(options: OrderEngineOptions): OrderEngine {
  const { store, provider, notifier, clock, ids } = options;
  const log = options.logger.child({ component: 'orders' });
  const random = options.random ?? Math.random;
  const schedule = options.schedule ?? DEFAULT_RETRY_SCHEDULE;
  const leaseMs = options.leaseMs ?? 10_000;
  const attentionAfterMs = options.attentionAfterMs ?? 15 * 60_000;
  const unsentExpiryMs = options.unsentExpiryMs ?? 10 * 60_000;
  const checkpoint = options.checkpoint ?? (() => {});
  const background = new Set<Promise<unknown>>();

  const inBackground = (task: Promise<unknown>) => {
    const tracked = task.catch((error) => log.error('background order work failed', { err: error }));
    background.add(tracked);
    void tracked.finally(() => background.delete(tracked));
  };

  /**
   * Applies `decide` to the freshest copy of the order until the compare-and-set wins, so a
   * concurrent harmless change (say, the status message being attached) never loses our update.
   * A worker passes its lease token: once the lease has passed to another worker (ours ran out during
   * a slow call), the store answers 'lease-lost' and this worker steps back, returning undefined.
   * Returns undefined too when the order is missing (or unreadable, which the store reports).
   */
  const update = async (
    refid: string,
    decide: (order: Order) => { changes: Partial<Order>; note: string; dueAt: ScheduleChange } | undefined,
    leaseToken?: string,
  ): Promise<Order | undefined> => {
    for (let attempt = 0; attempt < 10; attempt++) {
      const current = await store.get(refid);
      if (!current) return undefined;
      const decision = decide(current);
      if (!decision) return current;
      const now = clock.nowMs();
      const next: Order = {
        ...current,
        ...decision.changes,
        version: current.version + 1,
        updatedAt: now,
        history:
          decision.changes.state && decision.changes.state !== current.state
            ? [...current.history, { at: now, state: decision.changes.state, note: decision.note }]
            : current.history,
      };
      // The store returns the price in the write that records a returning final state; the order says so.
      if (next.charge && returnsCharge(next) && !next.charge.returned)
        next.charge = { ...next.charge, returned: true };
      const result = await store.compareAndSet(next, current.version, decision.dueAt, leaseToken);
      switch (result) {
        case 'written':
          return next;
        case 'stale':
          continue;
        case 'missing':
          return undefined;
        case 'lease-lost':
          log.warn('lease lost to another worker; stepping back', { refid });
          return undefined;
      }
    }
    throw new Error(`order ${refid} kept changing under us`);
  };

  const show = async (order: Order, notice?: OrderNotice) => {
    try {
      await notifier.show(order, notice);
      return true;
    } catch (error) {
      log.warn('could not show order status', { refid: order.refid, state: order.state, err: error });
      return false;
    }
  };

  /**
   * The buyer's balance for the final message of an order paid from the wallet (what is left after a
   * purchase, or after a return); left out, and logged, when it cannot be read.
   */
  const finalNotice = async (order: Order): Promise<OrderNotice | undefined> => {
    if (!order.charge || !options.balances) return undefined;
    try {
      return { walletBalance: await options.balances.balance(order.userId) };
    } catch (error) {
      log.warn('could not read the wallet balance for the receipt', { refid: order.refid, err: error });
      return undefined;
    }
  };

  /** Tells the buyer the final outcome, then records that they were told. */
  const notifyFinal = async (order: Order, leaseToken: string) => {
    // Another worker may have finished the order and told the buyer while this one waited.
    if (order.notifiedState === order.state) return;
    await checkpoint('final-stored', order);
    if (!(await show(order, await finalNotice(order)))) {
      // Telegram is unreachable: the scheduler tries again.
      await update(order.refid, () => ({ changes: {}, note: '', dueAt: clock.nowMs() + 30_000 }), leaseToken);
      return;
    }
    let recorded = false;
    const done = await update(
      order.refid,
      (current) => {
        if (current.notifiedState === current.state) return undefined;
        recorded = true;
        return { changes: { notifiedState: current.state }, note: 'buyer told', dueAt: 'unschedule' };
      },
      leaseToken,
    );
    // Only the write that recorded the notification reports it, so the outcome is counted once.
    if (done && recorded) options.events?.emit('finalized', done);
  };

  const retryAt = (order: Order, state: OrderState) =>
    clock.nowMs() + nextDelayMs(schedule, order.attempts + 1, state === 'needs_attention', random);

  /**
   * How long the provider asked us to wait, honoured up to the schedule's longest delay: a gateway
   * answering "Retry-After: one day" must not park an order, unseen, past the needs-attention deadline.
   */
  const providerWaitMs = (retryAfterMs: number | undefined) =>
    retryAfterMs !== undefined && Number.isFinite(retryAfterMs) && retryAfterMs > 0
      ? Math.min(retryAfterMs, schedule.maxMs)
      : 0;

  /**
   * The provider's "not before" for an order (see `Order.retryAfterUntil`): set by an answer that
   * gave one, cleared by any other answer (undefined is left out of the stored JSON).
   */
  const retryAfter = (delayMs: number) => ({
    retryAfterUntil: delayMs > 0 ? clock.nowMs() + delayMs : undefined,
  });

  /** State for an answer that is not final: pending, or needs_attention once past the deadline. */
  const unresolvedState = (order: Order, preferred: OrderState): OrderState => {
    if (order.state === 'needs_attention') return 'needs_attention';
    return clock.nowMs() - order.createdAt > attentionAfterMs ? 'needs_attention' : preferred;
  };

  const recordOutcome = (outcome: PaymentOutcome, leaseToken: string) =>
    update(
      outcome.refid,
      (current) => {
        if (isFinal(current.state)) return undefined;
        const attempts = current.attempts + 1;
        if (outcome.state === 'failed' && outcome.duplicate && current.mayExist && !current.outcome) {
          // "Duplicate" in answer to a re-send, after a call that went unanswered and before any
          // answer showed the transaction is this order's: the provider may be refusing the re-send
          // because the first call made the transaction, which may yet succeed. Returning the price
          // on that would risk paying twice, so the order goes to the admins and keeps being
          // re-queried; the outcome is not kept, so a later 54 is just as open, and a readable
          // status (pending, success, another failure) settles it.
          return {
            changes: {
              state: 'needs_attention',
              attempts,
              failure: failureOfOutcome(outcome),
              ...retryAfter(0),
            },
            note: `provider: ${outcome.providerStatus} ${outcome.providerCode} (duplicate) after an unanswered call`,
            dueAt: retryAt(current, 'needs_attention'),
          };
        }
        if (outcome.state === 'failed' && outcome.aboutRequest && (current.mayExist || current.outcome)) {
          // "Under maintenance" (or "unavailable", "unreadable request") in answer to a re-send, after
          // an earlier call that may have made the transaction: the answer is about this call, not
          // that transaction, which may still be delivered. Failing the order would return the price
          // for a payment the provider may yet make, so it stays unresolved and is asked again later.
          // The earlier outcome, if any, is kept; this one says nothing to keep.
          const state = unresolvedState(current, 'pending');
          return {
            changes: { state, attempts, ...retryAfter(0) },
            note: `provider: ${outcome.providerStatus} ${outcome.providerCode} (about the request) while the transaction may exist`,
            dueAt: retryAt(current, state),
          };
        }
        if (outcome.state !== 'pending') {
          const failure = outcome.state === 'succeeded' ? undefined : failureOfOutcome(outcome);
          return {
            changes: {
              state: outcome.state,
              outcome,
              attempts,
              ...retryAfter(0),
              ...(failure ? { failure } : {}),
            },
            note: `provider: ${outcome.providerStatus || outcome.state} ${outcome.providerCode}`.trim(),
            dueAt: clock.nowMs(),
          };
        }
        const state = unresolvedState(current, 'pending');
        return {
          changes: { state, outcome, attempts, ...retryAfter(0) },
          note: `provider: ${outcome.providerStatus || 'pending'} ${outcome.providerCode}`.trim(),
          dueAt: retryAt(current, state),
        };
      },
      leaseToken,
    );

  const recordFailure = (refid: string, error: unknown, leaseToken: string) =>
    update(
      refid,
      (current) => {
        if (isFinal(current.state)) return undefined;
        const attempts = current.attempts + 1;
        const provenAbsent = current.outcome === undefined && !current.mayExist;
        if (error instanceof ProviderRejectedError && current.outcome === undefined) {
          if (current.mayExist) {
            // A refusal of a re-sent refid after an earlier call went unanswered. The documents say
            // a 400 creates nothing, but not whether the provider looks the refid up before it
            // validates (insufficient balance is a 400 too): the first call may have made the
            // transaction. Returning the buyer's money on that would risk paying twice, so the order
            // goes to the admins and keeps being re-queried; a later answer can still settle it.
            return {
              changes: { state: 'needs_attention', attempts, failure: error.failure },
              note: `refused after an unanswered call: ${error.message}`,
              dueAt: retryAt(current, 'needs_attention'),
            };
          }
          // HTTP 400 + Failed on the first readable answer: the provider created nothing.
          return {
            changes: { state: 'rejected', attempts, failure: error.failure },
            note: error.message,
            dueAt: clock.nowMs(),
          };
        }
        if (error instanceof AuthenticationError && provenAbsent) {
          return {
            changes: { state: 'rejected', attempts, failure: orderFailure('shop_unavailable') },
            note: error.message,
            dueAt: clock.nowMs(),
          };
        }
        const nothingSent = error instanceof ProviderUnavailableError;
        if (nothingSent && current.state === 'submitted' && !current.mayExist) {
          // This run claimed the first call and it provably never left (connection refused, no
          // budget): the order is again one never sent, so it is sent later or, once too old,
          // cancelled with its price returned, never paid late. (A resumed call is `mayExist`.)
          const delay = providerWaitMs(error.retryAfterMs);
          return {
            changes: { state: 'confirmed', attempts, ...retryAfter(delay) },
            note: `not sent: ${error.message}`,
            dueAt: Math.max(retryAt(current, 'confirmed'), clock.nowMs() + delay),
          };
        }
        const state = unresolvedState(
          current,
          current.state === 'submitted' && nothingSent ? 'submitted' : 'pending',
        );
        const delay =
          error instanceof ProviderUnavailableError || error instanceof OutcomeUnknownError
            ? providerWaitMs(error.retryAfterMs)
            : 0;
        return {
          changes: { state, attempts, mayExist: current.mayExist || !nothingSent, ...retryAfter(delay) },
          note: error instanceof Error ? error.message : String(error),
          dueAt: Math.max(retryAt(current, state), clock.nowMs() + delay),
        };
      },
      leaseToken,
    );

  /**
   * Works on an order while keeping its lease: the lease is short, so a crashed worker's order is
   * taken over within seconds, and renewed every third of it for as long as the work (a slow payment
   * call included) goes on. A renewal that fails means another worker has the order; this one's
   * writes are then refused and it steps back.
   */
  const settleLeased = async (refid: string, leaseToken: string): Promise<void> => {
    const renewal = setInterval(() => {
      store
        .tryLease(refid, leaseToken, clock.nowMs(), leaseMs)
        .then((held) => {
          if (!held) log.warn('order lease taken over during work', { refid });
        })
        .catch((error) => log.warn('could not renew an order lease', { refid, err: error }));
    }, leaseMs / 3);
    try {
      await workLeased(refid, leaseToken);
    } finally {
      clearInterval(renewal);
    }
  };

  /**
   * Puts an order whose first call this run claimed, and which did not leave, back to `confirmed`
   * (never sent): the store could not confirm it was on disk.
   */
  const unclaim = (refid: string, leaseToken: string, why: unknown) =>
    update(
      refid,
      (current) =>
        current.state === 'submitted' && !current.mayExist
          ? {
              changes: { state: 'confirmed' },
              note: `not sent: ${why instanceof Error ? why.message : String(why)}`,
              dueAt: retryAt(current, 'confirmed'),
            }
          : undefined,
      leaseToken,
    );

  /**
   * Sends an order's payment request (the first call, or a re-query with the same request) under the
   * lease, at most once per run, and only while the order may still be paid:
   *
   * - `confirmed` means no call was ever started. The first call is claimed (`submitted`) before it
   *   leaves, so an order that is still `confirmed` when too old is cancelled instead of paid late.
   * - `submitted` found at the start of a run means an earlier run claimed a call and never recorded
   *   its answer (it crashed, stalled or lost its lease mid-call): that call may have reached the
   *   provider, so the order is marked `mayExist` before anything is re-sent, and from then on it can
   *   only end with a status the provider reports, never with a refusal read as "nothing was made".
   * - Right before the call, under a freshly renewed lease, the order is read once more: one that
   *   another worker finished meanwhile (its price perhaps returned) is never sent.
   */
  const workLeased = async (refid: string, leaseToken: string): Promise<void> => {
    let order = await store.get(refid);
    if (!order) return;

    if (isFinal(order.state)) {
      if (order.notifiedState !== order.state) await notifyFinal(order, leaseToken);
      return;
    }

    // True when this run moved the order from `confirmed` to `submitted`: only then does it know that
    // no call has left yet.
    let claimed = false;
    if (order.state === 'confirmed') {
      if (clock.nowMs() - order.createdAt > unsentExpiryMs) {
        const cancelled = await update(
          refid,
          (current) =>
            current.state === 'confirmed'
              ? {
                  changes: { state: 'cancelled', failure: orderFailure('not_sent_in_time') },
                  note: 'never sent; expired',
                  dueAt: clock.nowMs(),
                }
              : undefined,
          leaseToken,
        );
        if (cancelled && isFinal(cancelled.state)) await notifyFinal(cancelled, leaseToken);
        return;
      }
      // Claim the first call before it leaves, and keep the scheduler off it for the lease.
      order = await update(
        refid,
        (current) => {
          claimed = current.state === 'confirmed';
          return claimed
            ? { changes: { state: 'submitted' }, note: 'sending to provider', dueAt: clock.nowMs() + leaseMs }
            : undefined;
        },
        leaseToken,
      );
      if (!order || order.state === 'confirmed' || isFinal(order.state)) return;
    }

    if (!claimed && order.state === 'submitted' && !order.mayExist) {
      log.warn('resuming a payment call an earlier run claimed and never recorded an answer for', { refid });
      order = await update(
        refid,
        (current) =>
          current.state === 'submitted' && !current.mayExist
            ? { changes: { mayExist: true }, note: '', dueAt: 'keep' }
            : undefined,
        leaseToken,
      );
      if (!order) return;
    }

    // Money on disk before it moves: nothing is sent until the order, and what this run wrote about
    // it, is durable. If that cannot be confirmed, a call this run claimed is given back unsent.
    try {
      await options.ensureOnDisk?.();
    } catch (error) {
      if (claimed) await unclaim(refid, leaseToken, error);
      throw error;
    }
    // Renew the lease right before the call, so a full lease covers it (and renewals keep it), and
    // read the order under it: if another worker has it, or has finished it, nothing is sent.
    if (!(await store.tryLease(refid, leaseToken, clock.nowMs(), leaseMs))) return;
    const current = await store.get(refid);
    if (!current || current.state === 'confirmed') return;
    if (isFinal(current.state)) {
      log.warn('order finished by another worker before this one sent it; nothing sent', {
        refid,
        state: current.state,
      });
      if (current.notifiedState !== current.state) await notifyFinal(current, leaseToken);
      return;
    }
    order = current;
    const before = order;
    let after: Order | undefined;
    try {
      const outcome = await provider.pay(order.request);
      await checkpoint('payment-answered', order);
      if (outcome.refid !== order.refid)
        throw new OutcomeUnknownError(order.refid, 'answer for another refid');
      after = await recordOutcome(outcome, leaseToken);
    } catch (error) {
      // Trouble with the provider itself (credentials, outage, timeouts, unreadable answers), as
      // opposed to a refusal of this one payment, is what the admins are told about when it repeats.
      if (isPaymentError(error) && !(error instanceof ProviderRejectedError))
        options.events?.emit('provider_error', order, `${error.name}: ${error.message}`);
      log.warn('payment call did not settle the order', { refid, err: error });
      after = await recordFailure(refid, error, leaseToken);
    }
    if (!after || after.state === 'confirmed') return;
    if (after.state === 'needs_attention' && before.state !== 'needs_attention') {
      options.events?.emit('needs_attention', after);
    }
    if (isFinal(after.state)) {
      await notifyFinal(after, leaseToken);
    } else if (
      after.state !== before.state ||
      after.outcome?.providerStatus !== before.outcome?.providerStatus
    ) {
      await show(after);
    }
  };

  const settle = async (refid: string): Promise<Order | undefined> => {
    const token = ids.nonce();
    if (!(await store.tryLease(refid, token, clock.nowMs(), leaseMs))) return store.get(refid);
    try {
      await settleLeased(refid, token);
    } finally {
      await store.releaseLease(refid, token);
    }
    return store.get(refid);
  };

  return {
    leaseMs,

    async confirm(draft: OrderDraft): Promise<ConfirmResult> {
      const price = draft.charge?.price;
      if (price && (!Number.isSafeInteger(price.minor) || price.minor <= 0))
        throw new RangeError(`quote ${draft.quoteId}: a price must be a positive integer amount`);
      const now = clock.nowMs();
      const refid = ids.refid();
      const order: Order = {
        refid,
        quoteId: draft.quoteId,
        userId: draft.userId,
        chatId: draft.chatId,
        locale: draft.locale,
        provider: provider.id,
        request: { ...draft.request, refid },
        display: draft.display,
        ...(price ? { charge: { price } } : {}),
        state: 'confirmed',
        version: 1,
        createdAt: now,
        updatedAt: now,
        attempts: 0,
        history: [{ at: now, state: 'confirmed', note: 'confirmed by buyer' }],
        ...(draft.statusMessage ? { statusMessage: draft.statusMessage } : {}),
      };
      const created = await store.create(order);
      if (created.result === 'insufficient') {
        log.info('confirm refused: balance short of the price', {
          quoteId: draft.quoteId,
          userId: draft.userId,
        });
        return { result: 'insufficient', balance: created.balance, price: price ?? created.balance };
      }
      if (created.result === 'existing') return created;
      log.info('order confirmed', { refid, product: order.request.product, userId: order.userId });
      await checkpoint('order-stored', created.order);
      inBackground(settle(refid));
      return created;
    },

    async attachStatusMessage(refid, message) {
      await update(refid, (current) =>
        current.statusMessage?.messageId === message.messageId
          ? undefined
          : { changes: { statusMessage: message }, note: '', dueAt: 'keep' },
      );
    },

    get: (refid) => store.get(refid),
    listByUser: (userId, limit) => store.listByUser(userId, limit),
    settle,
    settleLeased,

    async nudge(refid, when = {}) {
      const order = await store.get(refid);
      if (!order) return 'unknown';
      if (!isFinal(order.state) || order.notifiedState !== order.state) {
        const paced = when.byBuyer
          ? buyerRecheckAtMs(schedule, { ...order, needsAttention: order.state === 'needs_attention' })
          : 0;
        if (paced === undefined) return 'known';
        const at = Math.max(when.notBeforeMs ?? 0, paced, clock.nowMs());
        await store.makeDue(refid, at);
        if (at <= clock.nowMs()) inBackground(settle(refid));
      }
      return 'known';
    },

    async recordIssueReport(refid, report) {
      const after = await update(refid, (current) =>
        current.issueReport ? undefined : { changes: { issueReport: report }, note: '', dueAt: 'keep' },
      );
      return after ?? store.get(refid);
    },

    async recordLateRefund(refid, said) {
      const token = ids.nonce();
      if (!(await store.tryLease(refid, token, clock.nowMs(), leaseMs))) {
        return (await store.get(refid)) ? 'busy' : 'missing';
      }
      try {
        let recorded = false;
        const after = await update(
          refid,
          (current) => {
            if (current.state !== 'succeeded') return undefined;
            recorded = true;
            const outcome: PaymentOutcome | undefined = current.outcome
              ? {
                  ...current.outcome,
                  state: 'refunded',
                  providerStatus: said.status,
                  providerCode: said.code ?? '',
                }
              : undefined;
            return {
              changes: {
                state: 'refunded',
                failure: orderFailure('refunded', said.code, said.status),
                ...(outcome ? { outcome } : {}),
              },
              note: `reconciliation: provider reports ${said.status} after a success`,
              dueAt: clock.nowMs(),
            };
          },
          token,
        );
        if (!after) return 'missing';
        if (!recorded) return 'already';
        log.warn('late refund recorded; the buyer is told', { refid });
        await notifyFinal(after, token);
        return 'returned';
      } finally {
        await store.releaseLease(refid, token);
      }
    },

    async idle() {
      while (background.size > 0) await Promise.all([...background]);
    },
  };
}
