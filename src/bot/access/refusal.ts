import type { Money } from '../../payments/money.js';

/**
 * Why a Confirm did not become an order. No order was created and nothing was charged; the buyer is
 * told why, and when they can order again.
 */
export type OrderRefusal =
  /** The buyer is not (or no longer) allowed to buy here. */
  | { kind: 'not-allowed' }
  /** Today's order count is used up. `resetsAt`: epoch ms of the next Malaysia midnight. */
  | { kind: 'daily-count'; limit: number; resetsAt: number }
  /** This order would take today's total past the limit; `remaining` may still be spent today. */
  | { kind: 'daily-amount'; limit: Money; remaining: Money; resetsAt: number }
  /** This one order costs more than the shop's per-order maximum (MAX_ORDER_AMOUNT). */
  | { kind: 'order-too-large'; limit: Money }

  /**
   * JomPAY needs the payer verified (eKYC) by an admin, and this buyer is not (or no longer, or the
   * shop has turned JomPAY off). `userId` lets the buyer tell the shop who to verify.
   */
  | { kind: 'payer-unverified'; userId: number }

  /** The buyer's shop wallet holds less than the price; `price - balance` is missing. */
  | { kind: 'insufficient-balance'; balance: Money; price: Money };
