import { type Currency, type Money, money, sumMoney } from '../money.js';
import type { Order, OrderState } from '../orders/order.js';
import type { BalanceMovement, ProviderTransaction, ShopDay } from './ports.js';

/**
 * The pure half of reconciliation: the shop's orders of one day against the provider's
 * transactions of that day. It decides, it does not act: the job (`reconciler.ts`) carries out the
 * one automatic action (returning a late refund) and stores and sends the report.
 */

/**
 * "0123456789" -> "01******89": enough for an admin to recognise, not enough to reuse. From 12
 * characters on only the last four are kept: that is the length of a Malaysian IC (a PTPTN account
 * without a number of its own is paid to the IC), whose first six digits are a birth date.
 */
export function maskAccount(account: string): string {
  const text = account.trim();
  if (text.length <= 4) return '*'.repeat(text.length);
  if (text.length >= 12) return `${'*'.repeat(text.length - 4)}${text.slice(-4)}`;
  const keep = text.length <= 8 ? 2 : 3;
  return `${text.slice(0, keep)}${'*'.repeat(text.length - keep * 2)}${text.slice(-keep)}`;
}

/** The provider has it, the shop does not. */
export interface UnknownTransaction {
  refid: string;
  product: string;
  /** Masked. */
  account: string;
  amount?: Money;
  providerStatus: string;
}

/** The shop recorded a success; the provider now says Refund. The buyer's price is returned, once. */
export interface LateRefund {
  refid: string;
  userId: number;
  price?: Money;
  /** Set by the job: 'returned' by this run, 'already' done before, 'skipped' (the order changed). */
  result?: 'returned' | 'already' | 'skipped';
}

export interface StateDisagreement {
  refid: string;
  shop: OrderState;
  provider: string;
  /** What an admin should do: never an automatic second charge. */
  kind: 'provider-success-shop-failure' | 'shop-success-provider-failure' | 'other';
}

export interface ValueDisagreement {
  refid: string;
  field: 'amount' | 'product';
  shop: string;
  provider: string;
}

export interface BalanceCheck {
  /** Sum of the day's TRANSACTION and REFUND movements (negative: money out). */
  movements: Money;
  /** Minus the sum of the costs of the day's transactions the provider reports as succeeded. */
  expected: Money;
  /** movements - expected; zero when the books agree. */
  difference: Money;
  movementCount: number;
}

export interface ReconciliationReport {
  provider: string;
  day: ShopDay;
  /** Epoch ms of the run that wrote this report. */
  ranAt: number;
  shopOrders: number;
  providerTransactions: number;
  /** False when the provider only answers for refids we know (IAK): unknown ones cannot be found. */
  listsUnknown: boolean;
  unknown: UnknownTransaction[];
  /** Shop orders the provider does not list (and that may have reached it). */
  missingAtProvider: Array<{ refid: string; shop: OrderState }>;
  lateRefunds: LateRefund[];
  states: StateDisagreement[];
  values: ValueDisagreement[];
  balance?: BalanceCheck;
}

export interface CompareInput {
  provider: string;
  day: ShopDay;
  ranAt: number;
  currency: Currency;
  orders: readonly Order[];
  transactions: readonly ProviderTransaction[];
  listsUnknown: boolean;
  movements?: readonly BalanceMovement[];
}

const SHOP_FAILED: ReadonlySet<OrderState> = new Set(['failed', 'rejected', 'cancelled']);

/** True when the report holds anything an admin should look at. */
export function hasFindings(report: ReconciliationReport): boolean {
  return (
    report.unknown.length +
      report.missingAtProvider.length +
      report.lateRefunds.length +
      report.states.length +
      report.values.length >
      0 ||
    (report.balance !== undefined && report.balance.difference.minor !== 0)
  );
}

export function compareDay(input: CompareInput): ReconciliationReport {
  const byRefid = new Map(input.orders.map((order) => [order.refid, order]));
  const seen = new Set<string>();
  const report: ReconciliationReport = {
    provider: input.provider,
    day: input.day,
    ranAt: input.ranAt,
    shopOrders: input.orders.length,
    providerTransactions: input.transactions.length,
    listsUnknown: input.listsUnknown,
    unknown: [],
    missingAtProvider: [],
    lateRefunds: [],
    states: [],
    values: [],
  };

  for (const tx of input.transactions) {
    seen.add(tx.refid);
    const order = byRefid.get(tx.refid);
    if (!order) {
      report.unknown.push({
        refid: tx.refid,
        product: tx.product,
        account: maskAccount(tx.account),
        ...(tx.amount ? { amount: tx.amount } : {}),
        providerStatus: tx.providerStatus,
      });
      continue;
    }
    compareState(order, tx, report);
    if (tx.amount && tx.amount.minor !== order.request.amount.minor) {
      report.values.push({
        refid: tx.refid,
        field: 'amount',
        shop: String(order.request.amount.minor),
        provider: String(tx.amount.minor),
      });
    }
    if (tx.product && tx.product.trim().toUpperCase() !== order.request.product.trim().toUpperCase()) {
      report.values.push({
        refid: tx.refid,
        field: 'product',
        shop: order.request.product,
        provider: tx.product,
      });
    }
  }

  // A shop order the provider never lists: fine when it provably never reached the provider.
  for (const order of input.orders) {
    if (seen.has(order.refid)) continue;
    const neverSent = order.outcome === undefined && !order.mayExist && order.state !== 'succeeded';
    if (neverSent || !input.listsUnknown) continue;
    report.missingAtProvider.push({ refid: order.refid, shop: order.state });
  }

  if (input.movements) report.balance = checkBalance(input.movements, input.transactions, input.currency);
  return report;
}

function compareState(order: Order, tx: ProviderTransaction, report: ReconciliationReport): void {
  // The provider is still working on it, or so is the shop: nothing to compare yet.
  if (tx.state === 'pending') return;
  const shop = order.state;
  if (tx.state === 'refunded') {
    if (shop === 'succeeded') {
      report.lateRefunds.push({
        refid: order.refid,
        userId: order.userId,
        ...(order.charge ? { price: order.charge.price } : {}),
      });
    } else if (shop !== 'refunded' && !SHOP_FAILED.has(shop)) {
      report.states.push({ refid: order.refid, shop, provider: tx.providerStatus, kind: 'other' });
    }
    return;
  }
  if (tx.state === 'succeeded') {
    if (SHOP_FAILED.has(shop) || shop === 'refunded') {
      report.states.push({
        refid: order.refid,
        shop,
        provider: tx.providerStatus,
        kind: 'provider-success-shop-failure',
      });
    } else if (shop !== 'succeeded') {
      report.states.push({ refid: order.refid, shop, provider: tx.providerStatus, kind: 'other' });
    }
    return;
  }
  // tx.state === 'failed'
  if (shop === 'succeeded') {
    report.states.push({
      refid: order.refid,
      shop,
      provider: tx.providerStatus,
      kind: 'shop-success-provider-failure',
    });
  } else if (!SHOP_FAILED.has(shop) && shop !== 'refunded') {
    report.states.push({ refid: order.refid, shop, provider: tx.providerStatus, kind: 'other' });
  }
}

/**
 * The wallet at the provider should move by exactly the cost of what it delivered: purchases take the
 * cost out, and failures and refunds put it back. Deposits and commissions are the owner's business
 * and are left out.
 */
function checkBalance(
  movements: readonly BalanceMovement[],
  transactions: readonly ProviderTransaction[],
  currency: Currency,
): BalanceCheck {
  const relevant = movements.filter((m) => /^(TRANSACTION|REFUND)$/i.test(m.type.trim()));
  const moved = sumMoney(
    relevant.map((m) => m.amount),
    currency,
  );
  const costs = sumMoney(
    transactions.filter((tx) => tx.state === 'succeeded' && tx.cost).map((tx) => tx.cost as Money),
    currency,
  );
  const expected = money(-costs.minor, currency);
  return {
    movements: moved,
    expected,
    difference: money(moved.minor - expected.minor, currency),
    movementCount: relevant.length,
  };
}
