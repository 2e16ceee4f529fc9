import type { Money } from '../payments/money.js';
import type { Clock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import {
  type SourceRefundResult,
  type Topup,
  type TopupStore,
  topupNoticeHold,
  WAS_CREDITED,
} from './topups.js';

/**
 * Top-ups paid with Telegram Stars (spec telegram-payments.md). The top-up is written first, in
 * `awaiting_payment` with its price in Stars and the rate it was quoted at; the invoice's payload is
 * its id. Approving a pre-checkout is not payment: only `successful_payment` credits, once per
 * `telegram_payment_charge_id` (the store binds that charge id to the top-up in the credit step).
 *
 * Where the spec is silent, the safe side:
 * - The payer must be the buyer the invoice was made for (a forwarded invoice paid by someone else
 *   is declined at pre-checkout), so a credit never lands in a wallet nobody paid into.
 * - A second payment of an already credited invoice (a new charge id), a payment whose amount or
 *   currency disagrees, or an unknown payload is never credited and never dropped: it is recorded
 *   for the admins, who can refund it with /refundstars.
 * - A payment confirmed after the invoice's time ran out is credited: Telegram took the Stars.
 *
 * Refunds (`refund`, for /refundstars) take the credit back before Telegram is asked (→ refunding),
 * so it cannot be spent while the Stars are on their way back. Then, by Telegram's answer:
 * - refunded, or CHARGE_ALREADY_REFUNDED → reversed (the wallet is not touched again);
 * - refused (a 4xx: CHARGE_NOT_FOUND, the refund window passed) → the credit is put back, once;
 * - no clear answer (a timeout, a 5xx, the network, a 429) → it stays `refunding`: asking again is
 *   safe, since Telegram refunds a charge at most once and says so.
 * A `refunded_payment` (`onRefunded`) is Telegram's word that the Stars went back, whoever asked:
 * it reverses a credit still standing, completes a refund left `refunding`, and never makes a
 * wallet negative (→ refund_short, for the admins).
 */
export interface StarsTopupsOptions {
  topups: TopupStore;
  clock: Clock;
  logger: Logger;
  newId: () => string;
  /** Stars per RM 1 (MYR) or per Rp 1,000 (IDR). */
  starsPerUnit: number;
  invoiceTtlMs: number;
}

export type PreCheckoutVerdict =
  | { ok: true; topup: Topup }
  | { ok: false; reason: 'paid' | 'expired' | 'changed' | 'not-yours' | 'unknown' };

export type StarsPaymentOutcome =
  | { kind: 'credited'; topup: Topup; balance: Money }
  | { kind: 'duplicate'; topup: Topup }
  | { kind: 'unmatched'; reason: string; topup?: Topup };

export interface StarsPayment {
  payload: string;
  chargeId: string;
  fromId: number;
  currency: string;
  totalAmount: number;
}

/** What Telegram answered to refundStarPayment, sorted by what it means for the wallet. */
export type RefundAnswer =
  | { kind: 'refunded' }
  /** CHARGE_ALREADY_REFUNDED: an earlier call (or another tool) refunded it. */
  | { kind: 'already' }
  /** Telegram definitely did not refund (a 4xx other than 429). */
  | { kind: 'refused'; reason: string }
  /** It may or may not have refunded (timeout, 5xx, network, 429). */
  | { kind: 'unknown'; reason: string };

export type StarsRefundOutcome =
  /** The Stars went back and the credit is taken back; `already`: Telegram had refunded it before. */
  | { kind: 'refunded'; topup: Topup; already: boolean }
  /** Telegram refused: the credit taken back for this attempt was put back. */
  | { kind: 'refused'; topup: Topup; reason: string }
  /** No clear answer: the credit stays taken back and the top-up `refunding`; ask again. */
  | { kind: 'unknown'; topup: Topup; reason: string }
  /** The buyer has spent the credit: nothing was taken, Telegram was not asked. */
  | { kind: 'insufficient'; topup: Topup; balance: Money }
  /** Not refundable in its state (reversed, refund_short, never credited); nothing changed. */
  | { kind: 'not-refundable'; topup: Topup }
  /** Another call settled this attempt while Telegram was being asked; nothing changed here. */
  | { kind: 'settled-elsewhere'; topup: Topup }
  | { kind: 'missing' };

export type StarsRefundedOutcome = SourceRefundResult | { result: 'unknown-charge' };

export interface StarsTopups {
  readonly starsPerUnit: number;
  /** Whole Stars for an amount at the current rate, rounded up. */
  quote(amount: Money): number;
  open(input: { userId: number; chatId: number; amount: Money }): Promise<Topup>;
  checkPreCheckout(query: {
    payload: string;
    fromId: number;
    currency: string;
    totalAmount: number;
  }): Promise<PreCheckoutVerdict>;
  onPayment(payment: StarsPayment): Promise<StarsPaymentOutcome>;
  /**
   * /refundstars for a credited (or `refunding`) top-up: takes the credit back, calls `ask` (which
   * calls Telegram and never throws), and settles the top-up by the answer.
   */
  refund(topupId: string, adminId: number, ask: () => Promise<RefundAnswer>): Promise<StarsRefundOutcome>;
  /** A `refunded_payment` for this charge id: see the header. Safe to repeat. */
  onRefunded(chargeId: string): Promise<StarsRefundedOutcome>;
}

/** The Stars price of a wallet amount: per RM 1 (100 sen) or per Rp 1,000. */
export function starsFor(amount: Money, starsPerUnit: number): number {
  const unitMinor = amount.currency === 'MYR' ? 100 : 1000;
  // Integer arithmetic where possible: a rate like 4.5 is scaled so 20 RM is exactly 90 Stars.
  const scaled = Math.round(starsPerUnit * 1_000_000);
  return Math.max(1, Math.ceil((amount.minor * scaled) / (unitMinor * 1_000_000)));
}

export function createStarsTopups(options: StarsTopupsOptions): StarsTopups {
  const { topups, clock } = options;
  const log = options.logger.child({ component: 'stars-topups' });

  const unmatched = async (payment: StarsPayment, reason: string, topup?: Topup) => {
    await topups.recordUnmatched({
      method: 'stars',
      payerId: payment.chargeId,
      userId: payment.fromId,
      reference: payment.payload,
      amount: payment.totalAmount,
      currency: payment.currency,
      reason,
      at: clock.nowMs(),
    });
    log.error('Stars payment not matched to an open top-up; recorded for the admins', {
      reason,
      userId: payment.fromId,
    });
    return { kind: 'unmatched' as const, reason, ...(topup ? { topup } : {}) };
  };

  /** Telegram refunded the Stars of a top-up that is credited again: the credit is taken back once. */
  const takeBackAfterRefund = async (topup: Topup, already: boolean): Promise<StarsRefundOutcome> => {
    const taken = await topups.refundedAtSource(topup.id, clock.nowMs(), STARS_REFUNDED_AT_SOURCE_NOTE);
    log.warn('Stars refunded after another attempt had put the credit back', {
      topupId: topup.id,
      result: taken.result,
    });
    switch (taken.result) {
      case 'missing':
        return { kind: 'missing' };
      case 'short':
      case 'not-credited':
        return { kind: 'not-refundable', topup: taken.topup };
      default:
        return { kind: 'refunded', topup: taken.topup, already };
    }
  };

  /** Asks Telegram for `attempt` and settles it by the answer. */
  const askAndSettle = async (
    topup: Topup,
    attempt: number,
    ask: () => Promise<RefundAnswer>,
  ): Promise<StarsRefundOutcome> => {
    const answer = await ask();
    const nowMs = clock.nowMs();
    if (answer.kind === 'unknown') {
      log.warn('Stars refund not confirmed; the top-up stays refunding until asked again', {
        topupId: topup.id,
        attempt,
      });
      return { kind: 'unknown', topup, reason: answer.reason };
    }
    if (answer.kind === 'refused') {
      const undone = await topups.undoRefund(topup.id, attempt, nowMs, STARS_REFUND_REFUSED_NOTE);
      if (undone.result === 'missing') return { kind: 'missing' };
      if (undone.result === 'not-refunding') return { kind: 'settled-elsewhere', topup: undone.topup };
      log.warn('Stars refund refused by Telegram; the credit was put back', { topupId: topup.id, attempt });
      return { kind: 'refused', topup: undone.topup, reason: answer.reason };
    }
    const finished = await topups.finishRefund(topup.id, attempt, nowMs);
    if (finished.result === 'missing') return { kind: 'missing' };
    const after = finished.topup;
    const already = answer.kind === 'already';
    // Another admin's refusal put the credit back while Telegram refunded on this call: the Stars are
    // the buyer's again, so the credit goes, as for a refund Telegram reports (refunded_payment).
    if (finished.result === 'not-refunding' && after.state === 'credited')
      return takeBackAfterRefund(topup, already);
    // Settled meanwhile otherwise (a refunded_payment, another admin's success): reversed either way.
    if (finished.result === 'not-refunding' && after.state !== 'reversed')
      return { kind: 'settled-elsewhere', topup: after };
    log.info('Stars top-up refunded and reversed', { topupId: topup.id, attempt });
    return { kind: 'refunded', topup: after, already };
  };

  return {
    starsPerUnit: options.starsPerUnit,
    quote: (amount) => starsFor(amount, options.starsPerUnit),

    async open(input) {
      const now = clock.nowMs();
      return topups.create({
        id: options.newId(),
        method: 'stars',
        userId: input.userId,
        chatId: input.chatId,
        amount: input.amount,
        createdAt: now,
        expiresAt: now + options.invoiceTtlMs,
        state: 'awaiting_payment',
        stars: { amount: starsFor(input.amount, options.starsPerUnit), perUnit: options.starsPerUnit },
      });
    },

    async checkPreCheckout(query) {
      const topup = await topups.get(query.payload);
      if (topup?.method !== 'stars' || !topup.stars) return { ok: false, reason: 'unknown' };
      if (topup.userId !== query.fromId) return { ok: false, reason: 'not-yours' };
      // Paid already (the invoice tapped again): say so, not "expired". One refunded since (reversed)
      // is simply not valid any more: a new top-up is the way.
      if (topup.state === 'credited') return { ok: false, reason: 'paid' };
      if (topup.state === 'refunding' || topup.state === 'reversed' || topup.state === 'refund_short')
        return { ok: false, reason: 'unknown' };
      if (topup.state !== 'awaiting_payment' || clock.nowMs() >= topup.expiresAt)
        return { ok: false, reason: 'expired' };
      if (
        query.currency !== 'XTR' ||
        query.totalAmount !== topup.stars.amount ||
        topup.stars.perUnit !== options.starsPerUnit ||
        starsFor(topup.amount, options.starsPerUnit) !== topup.stars.amount
      )
        return { ok: false, reason: 'changed' };
      return { ok: true, topup };
    },

    async onPayment(payment) {
      // The same charge delivered again is found by its charge id first.
      const already = await topups.byPayer('stars', payment.chargeId);
      if (already && WAS_CREDITED.includes(already.state)) return { kind: 'duplicate', topup: already };
      const topup = await topups.get(payment.payload);
      if (topup?.method !== 'stars' || !topup.stars) return unmatched(payment, 'unknown payload');
      if (payment.currency !== 'XTR' || payment.totalAmount !== topup.stars.amount)
        return unmatched(
          payment,
          `paid ${payment.totalAmount} ${payment.currency}, invoice was ${topup.stars.amount} XTR`,
          topup,
        );
      // The buyer's notice is held for whoever gets 'credited' back (the Stars payments' onCredited).
      const result = await topups.credit(
        topup.id,
        { payerId: payment.chargeId },
        clock.nowMs(),
        topupNoticeHold(topup.id),
      );
      switch (result.result) {
        case 'credited':
          log.info('Stars top-up credited', { topupId: topup.id, stars: payment.totalAmount });
          return { kind: 'credited', topup: result.topup, balance: result.balance };
        case 'duplicate':
          return { kind: 'duplicate', topup: result.topup };
        case 'refused':
          return unmatched(payment, `top-up ${topup.id} is ${result.topup.state} already`, result.topup);
        case 'payer-taken':
          return unmatched(payment, `charge id belongs to top-up ${result.otherTopupId}`, topup);
        case 'missing':
          return unmatched(payment, 'unknown payload');
      }
    },

    async refund(topupId, adminId, ask) {
      const started = await topups.startRefund(topupId, clock.nowMs(), starsRefundNote(adminId));
      switch (started.result) {
        case 'missing':
          return { kind: 'missing' };
        case 'not-credited':
          return { kind: 'not-refundable', topup: started.topup };
        case 'insufficient':
          return { kind: 'insufficient', topup: started.topup, balance: started.balance };
        case 'started':
        case 'refunding':
          // 'refunding': an earlier try got no clear answer (or is in flight elsewhere); asking
          // again is safe, Telegram refunds once and answers CHARGE_ALREADY_REFUNDED after.
          return askAndSettle(started.topup, started.attempt, ask);
      }
    },

    async onRefunded(chargeId) {
      const topup = await topups.byPayer('stars', chargeId);
      if (!topup) return { result: 'unknown-charge' };
      const outcome = await topups.refundedAtSource(topup.id, clock.nowMs(), STARS_REFUNDED_AT_SOURCE_NOTE);
      if (outcome.result === 'short')
        log.error('Stars refunded outside the bot, but the balance no longer covers the credit', {
          topupId: topup.id,
          userId: topup.userId,
          amount: topup.amount.minor,
          balance: outcome.balance.minor,
        });
      else if (outcome.result !== 'duplicate')
        log.info('Stars refund reported by Telegram', { topupId: topup.id, result: outcome.result });
      return outcome;
    },
  };
}

/** The note on a credit taken back because Telegram reported a refund the bot did not ask for. */
export const STARS_REFUNDED_AT_SOURCE_NOTE = 'stars refunded outside the bot';

/** The note on a credit put back because Telegram refused its Stars refund. */
export const STARS_REFUND_REFUSED_NOTE = 'stars refund refused';

/**
 * The ledger note on a Stars top-up reversed after its Stars were refunded: written by /refundstars,
 * read back by the statements, which word it for the buyer (and name the admin to admins).
 */
export function starsRefundNote(adminId: number): string {
  return `stars refund by ${adminId}`;
}

/** The admin id in a `starsRefundNote`, or undefined when the note is not one. */
export function starsRefundAdminOf(note: string): string | undefined {
  return /^stars refund by (\d+)$/.exec(note)?.[1];
}
