import { isFinal, type Order, returnsCharge } from '../../payments/orders/order.js';
import type { OrderStore } from '../../payments/orders/ports.js';
import { readStoredOrder } from '../../payments/orders/stored-order.js';
import { type Logger, silentLogger } from '../../platform/logger.js';
import { purchaseEntry, returnEntry } from '../../wallet/order-entries.js';
import { claimDueMembers, type MemoryLeases } from './due-claims.js';
import type { MemoryWalletStore } from './wallet-store.js';

export interface MemoryOrderStoreOptions {
  /** Where unreadable order records are reported; without one they are still refused, silently. */
  logger?: Logger;
  /**
   * The buyers' wallets that charged orders debit and return through, in the same synchronous step
   * as the order write. Without them, an order with a charge is refused.
   */
  wallets?: MemoryWalletStore;
}

/**
 * Orders in process memory, with the same semantics as the Redis store (one order per quote,
 * versioned compare-and-set, leases, reads checked against the stored-order schema, the debit with
 * the order and the return with its final state). Each change runs without an await between its
 * checks and its writes, which is what makes it atomic in one process. Orders are kept
 * as the same JSON Redis would hold, so a field the schema does not accept fails here too. For the
 * demo and single-process development only: a restart forgets every order.
 */
export function createMemoryOrderStore(options: MemoryOrderStoreOptions = {}): OrderStore {
  const log = (options.logger ?? silentLogger).child({ component: 'order-store' });
  const orders = new Map<string, string>();
  const quotes = new Map<string, string>();
  const due = new Map<string, number>();
  const leases: MemoryLeases = new Map();
  const open = new Set<string>();

  const read = (refid: string): Order | undefined => {
    const value = orders.get(refid);
    if (value === undefined) return undefined;
    const stored = readStoredOrder(value, refid);
    if (stored.ok) return stored.order;
    log.error('unreadable order record left alone', { refid, problem: stored.problem });
    return undefined;
  };
  const leaseHeld = (refid: string, nowMs: number) => {
    const lease = leases.get(refid);
    return lease !== undefined && lease.expiresMs > nowMs;
  };
  const readAll = (refids: Iterable<string>) =>
    [...refids].map(read).filter((o): o is Order => o !== undefined);
  const walletsFor = (order: Order): MemoryWalletStore => {
    if (!options.wallets) throw new Error(`order ${order.refid} has a charge, and this store has no wallets`);
    const { price } = order.charge ?? { price: undefined };
    if (price && price.currency !== options.wallets.currency)
      throw new Error(
        `order ${order.refid} is charged in ${price.currency}; wallets are in ${options.wallets.currency}`,
      );
    if (price && (!Number.isSafeInteger(price.minor) || price.minor <= 0))
      throw new RangeError(`order ${order.refid}: a charge must be a positive integer amount`);
    return options.wallets;
  };

  return {
    async create(order) {
      const existing = quotes.get(order.quoteId);
      if (existing !== undefined) {
        const found = read(existing);
        if (!found) throw new Error(`quote ${order.quoteId} points at missing order ${existing}`);
        return { result: 'existing', order: found };
      }
      if (order.charge) {
        const debit = walletsFor(order).applyNow(purchaseEntry({ ...order, charge: order.charge }));
        if (debit.result === 'insufficient') return { result: 'insufficient', balance: debit.balance };
        if (debit.result === 'duplicate') throw new Error(`ledger entry ${debit.entry.id} exists already`);
      }
      quotes.set(order.quoteId, order.refid);
      orders.set(order.refid, JSON.stringify(order));
      open.add(order.refid);
      due.set(order.refid, order.createdAt);
      return { result: 'created', order };
    },
    async get(refid) {
      return read(refid);
    },
    async compareAndSet(next, expectedVersion, schedule, leaseToken) {
      const stored = orders.get(next.refid);
      if (stored === undefined) return 'missing';
      // Same order of checks as cas_order: a lost lease wins over a stale version.
      if (leaseToken !== undefined && leases.get(next.refid)?.token !== leaseToken) return 'lease-lost';
      // The version is read from the raw record, as cas_order reads it, not through the schema.
      if ((JSON.parse(stored) as { version?: unknown }).version !== expectedVersion) return 'stale';
      // The return first, as cas_order does: if it cannot be written, neither is the order.
      if (next.charge && returnsCharge(next))
        walletsFor(next).applyNow(returnEntry({ ...next, charge: next.charge }));
      orders.set(next.refid, JSON.stringify(next));
      if (!isFinal(next.state) || next.notifiedState !== next.state) open.add(next.refid);
      else open.delete(next.refid);
      if (schedule === 'unschedule') due.delete(next.refid);
      else if (schedule !== 'keep') due.set(next.refid, schedule);
      return 'written';
    },
    async listByUser(userId, limit) {
      return readAll(orders.keys())
        .filter((o) => o.userId === userId)
        .sort((a, b) => b.createdAt - a.createdAt)
        .slice(0, limit);
    },
    async listOpen(limit) {
      return readAll(open)
        .sort((a, b) => a.createdAt - b.createdAt)
        .slice(0, limit);
    },
    async listCreatedSince(sinceMs, limit) {
      if (limit <= 0) return [];
      return readAll(orders.keys())
        .filter((o) => o.createdAt >= sinceMs)
        .sort((a, b) => a.createdAt - b.createdAt)
        .slice(0, limit);
    },
    async claimDue(nowMs, limit, leaseMs, token) {
      const claimed = claimDueMembers(due, leases, nowMs, limit, leaseMs, token);
      // As in Redis: an unreadable order is leased and pushed back with the rest, but not handed out.
      return claimed.filter((refid) => read(refid) !== undefined);
    },
    async tryLease(refid, token, nowMs, leaseMs) {
      if (leases.get(refid)?.token !== token && leaseHeld(refid, nowMs)) return false;
      leases.set(refid, { token, expiresMs: nowMs + leaseMs });
      return true;
    },
    async releaseLease(refid, token) {
      if (leases.get(refid)?.token === token) leases.delete(refid);
    },
    async makeDue(refid, nowMs) {
      const at = due.get(refid);
      if (at === undefined) return false;
      if (at > nowMs) due.set(refid, nowMs);
      return true;
    },
  };
}
