import type { Money } from '../payments/money.js';
import type { Clock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import { type Topup, type TopupStore, topupNoticeHold } from './topups.js';

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
      if (topup.state === 'reversed') return { ok: false, reason: 'unknown' };
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
      if (already) {
        if (already.state === 'credited' || already.state === 'reversed')
          return { kind: 'duplicate', topup: already };
      }
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
  };
}

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
