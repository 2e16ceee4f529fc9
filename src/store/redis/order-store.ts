import type { Redis } from 'ioredis';
import { type Currency, money } from '../../payments/money.js';
import { isFinal, type Order, returnsCharge } from '../../payments/orders/order.js';
import type { CompareAndSetResult, OrderStore } from '../../payments/orders/ports.js';
import { readStoredOrder } from '../../payments/orders/stored-order.js';
import { type Logger, silentLogger } from '../../platform/logger.js';
import { purchaseEntry, returnEntry } from '../../wallet/order-entries.js';
import { newEntryJson } from '../../wallet/stored-entry.js';
import type { Keys } from '../keys.js';
import { type PinCipher, PLAIN_PINS } from '../pin-cipher.js';
import { runLua } from './lua-script.js';
import { CAS_ORDER, CLAIM_DUE, CREATE_ORDER, MAKE_DUE, RELEASE_LEASE, TRY_LEASE } from './scripts.js';
import { walletKeyList } from './wallet-store.js';

/** A quote can only be confirmed while its conversation lives; a week is far beyond that. */
const QUOTE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

const CAS_RESULTS: ReadonlySet<string> = new Set<CompareAndSetResult>([
  'written',
  'stale',
  'missing',
  'lease-lost',
]);

export interface RedisOrderStoreOptions {
  /** Where unreadable order records are reported; without one they are still refused, silently. */
  logger?: Logger;
  /**
   * The currency of the buyers' wallets (the wallet store's): an order charged in another one is
   * refused before anything is written. Without it, a charge's own currency is taken.
   */
  walletCurrency?: Currency;
  /** Seals voucher PINs before a record is written and opens them when it is read (pin-cipher.ts). */
  pins?: PinCipher;
}

/**
 * Orders in Redis: JSON per order, sorted sets for the user's history, open work, creation time and
 * the schedule. Every record read is checked with `readStoredOrder`.
 */
export function createRedisOrderStore(
  redis: Redis,
  keys: Keys,
  options: RedisOrderStoreOptions = {},
): OrderStore {
  const log = (options.logger ?? silentLogger).child({ component: 'order-store' });
  const pins = options.pins ?? PLAIN_PINS;
  const run = (script: string, keyList: string[], args: Array<string | number>) =>
    runLua(redis, script, keyList, args.map(String));

  /** The order stored as `value`, or undefined (reported) when it is not one. */
  const decode = (refid: string, value: string | null): Order | undefined => {
    if (value === null) return undefined;
    const read = readStoredOrder(value, refid);
    if (read.ok) return pins.open(read.order);
    log.error('unreadable order record left alone', { refid, problem: read.problem });
    return undefined;
  };

  /** The charge's currency, checked against the wallets'. */
  const chargeCurrency = (order: Order & { charge: NonNullable<Order['charge']> }): Currency => {
    const { price } = order.charge;
    if (options.walletCurrency !== undefined && price.currency !== options.walletCurrency)
      throw new Error(
        `order ${order.refid} is charged in ${price.currency}; wallets are in ${options.walletCurrency}`,
      );
    if (!Number.isSafeInteger(price.minor) || price.minor <= 0)
      throw new RangeError(`order ${order.refid}: a charge must be a positive integer amount`);
    return price.currency;
  };

  const readMany = async (refids: string[]): Promise<Order[]> => {
    if (refids.length === 0) return [];
    const values = await redis.mget(refids.map((r) => keys.order(r)));
    return refids
      .map((refid, i) => decode(refid, values[i] ?? null))
      .filter((o): o is Order => o !== undefined);
  };

  return {
    async create(order) {
      const firstDue = order.createdAt;
      let debit: [string, number, string] = ['', 0, ''];
      if (order.charge) {
        const charged = { ...order, charge: order.charge };
        const entry = purchaseEntry(charged);
        debit = [entry.id, entry.amount, newEntryJson(entry, chargeCurrency(charged))];
      }
      const reply = (await run(
        CREATE_ORDER,
        [
          keys.quote(order.quoteId),
          keys.order(order.refid),
          keys.userOrders(order.userId),
          keys.openOrders,
          keys.dueOrders,
          keys.createdOrders,
          ...walletKeyList(keys, order.userId),
        ],
        [
          order.refid,
          JSON.stringify(pins.seal(order)),
          order.createdAt,
          firstDue,
          QUOTE_TTL_MS,
          order.userId,
          ...debit,
        ],
      )) as [number, string];
      const [created, value] = reply;
      if (created === 2 && order.charge) {
        return { result: 'insufficient', balance: money(Number(value), order.charge.price.currency) };
      }
      if (created === 1) return { result: 'created', order };
      if (created !== 0) throw new Error(`create_order answered ${String(created)} for ${order.refid}`);
      const existing = await this.get(value);
      if (!existing)
        throw new Error(`quote ${order.quoteId} points at order ${value}, missing or unreadable`);
      return { result: 'existing', order: existing };
    },

    async get(refid) {
      return decode(refid, await redis.get(keys.order(refid)));
    },

    async compareAndSet(next, expectedVersion, schedule, leaseToken) {
      const keepOpen = !isFinal(next.state) || next.notifiedState !== next.state;
      let giveBack: [string, number, string] = ['', 0, ''];
      if (next.charge && returnsCharge(next)) {
        const charged = { ...next, charge: next.charge };
        const entry = returnEntry(charged);
        giveBack = [entry.id, entry.amount, newEntryJson(entry, chargeCurrency(charged))];
      }
      const result = await run(
        CAS_ORDER,
        [
          keys.order(next.refid),
          keys.openOrders,
          keys.dueOrders,
          keys.leases,
          ...walletKeyList(keys, next.userId),
        ],
        [
          expectedVersion,
          JSON.stringify(pins.seal(next)),
          next.refid,
          schedule,
          keepOpen ? '1' : '0',
          next.createdAt,
          leaseToken ?? '',
          ...giveBack,
          next.userId,
        ],
      );
      if (typeof result !== 'string' || !CAS_RESULTS.has(result)) {
        throw new Error(`cas_order answered ${String(result)} for ${next.refid}`);
      }
      return result as CompareAndSetResult;
    },

    async listByUser(userId, limit) {
      return readMany(await redis.zrevrange(keys.userOrders(userId), 0, limit - 1));
    },

    async listOpen(limit) {
      return readMany(await redis.zrange(keys.openOrders, 0, limit - 1));
    },

    async listCreatedSince(sinceMs, limit) {
      if (limit <= 0) return [];
      return readMany(await redis.zrangebyscore(keys.createdOrders, sinceMs, '+inf', 'LIMIT', 0, limit));
    },

    async claimDue(nowMs, limit, leaseMs, token) {
      const claimed = (await run(
        CLAIM_DUE,
        [keys.dueOrders, keys.leases],
        [nowMs, limit, leaseMs, token],
      )) as string[];
      // An order that is unreadable (or gone) is not handed out. The claim has pushed it past the
      // lease like any other, so it is looked at (and reported) again once per lease, never in a
      // tight loop, and is worked normally as soon as someone repairs it.
      const readable = new Set((await readMany(claimed)).map((o) => o.refid));
      return claimed.filter((refid) => readable.has(refid));
    },

    async tryLease(refid, token, nowMs, leaseMs) {
      return (await run(TRY_LEASE, [keys.leases], [refid, token, nowMs, leaseMs])) === 1;
    },

    async releaseLease(refid, token) {
      await run(RELEASE_LEASE, [keys.leases], [refid, token]);
    },

    async makeDue(refid, nowMs) {
      return (await run(MAKE_DUE, [keys.dueOrders], [refid, nowMs])) === 1;
    },
  };
}
