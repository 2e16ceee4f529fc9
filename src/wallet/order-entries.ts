import type { Order } from '../payments/orders/order.js';
import type { NewLedgerEntry } from './ledger.js';

/**
 * The ledger entries an order writes, built in one place so every store writes the same ids: the
 * debit when it is created, the return when it ends failed, rejected, cancelled or refunded.
 */

/** The id of the entry that took an order's price: `purchase:<refid>`. */
export function purchaseEntryId(refid: string): string {
  return `purchase:${refid}`;
}

/** `purchase:<refid>`: the price taken when the order is created. */
export function purchaseEntry(order: Order & { charge: NonNullable<Order['charge']> }): NewLedgerEntry {
  return {
    id: purchaseEntryId(order.refid),
    userId: order.userId,
    kind: 'purchase',
    amount: -order.charge.price.minor,
    reference: order.refid,
    at: order.createdAt,
  };
}

/** `return:<refid>`: the price given back when the order ends without delivering. */
export function returnEntry(order: Order & { charge: NonNullable<Order['charge']> }): NewLedgerEntry {
  return {
    id: `return:${order.refid}`,
    userId: order.userId,
    kind: 'purchase_returned',
    amount: order.charge.price.minor,
    reference: order.refid,
    note: order.state,
    at: order.updatedAt,
  };
}
