import type { Clock } from '../../platform/clock.js';
import type { Logger } from '../../platform/logger.js';
import type { Currency } from '../money.js';
import type { OrderEngine } from '../orders/order-engine.js';
import type { OrderStore } from '../orders/ports.js';
import { compareDay, type ReconciliationReport } from './compare.js';
import type { ReconciliationSource, ShopDay } from './ports.js';
import { parseTimeOfDay, previousShopDay, shopDayOf, shopDayRange, shopMinuteOfDay } from './shop-day.js';

/**
 * The reconciliation job: reads one shop day from the provider and from the order store, compares
 * them (`compare.ts`), returns late refunds through the order engine, and stores the report.
 *
 * - One replica at a time: the run holds a lease (`reconcile:<provider>`) taken with `acquire`, which
 *   answers undefined while another holder has it; a second replica starting at the same moment
 *   gets 'busy' and does nothing.
 * - Idempotent: the only change it makes is `recordLateRefund`, a compare-and-set from `succeeded`
 *   to `refunded` whose wallet return has the fixed id `return:<refid>`. A second run finds the order
 *   already refunded, so it returns nothing more; its report lists no late refund.
 * - The daily run skips a day whose report exists, so replicas whose timers fire minutes apart
 *   still produce one report and one message to the admins.
 */
export interface ReportStore {
  get(provider: string, day: ShopDay): Promise<ReconciliationReport | undefined>;
  put(report: ReconciliationReport): Promise<void>;
}

export interface ReconcileLease {
  acquire(name: string, ttlMs: number): Promise<string | undefined>;
  release(name: string, token: string): Promise<void>;
}

export interface ReconcilerOptions {
  source: ReconciliationSource;
  orders: Pick<OrderStore, 'listCreatedSince'>;
  engine: Pick<OrderEngine, 'recordLateRefund'>;
  lease: ReconcileLease;
  reports: ReportStore;
  currency: Currency;
  clock: Clock;
  logger: Logger;
  /** Long enough for a day's paging; the lease is given back when the run ends. Default 15 min. */
  leaseMs?: number;
  /** The most orders a day may hold before the report says it is partial. Default 20,000. */
  maxOrders?: number;
}

export type ReconcileResult =
  | { status: 'ran'; report: ReconciliationReport }
  /** The daily run found the day's report already written. */
  | { status: 'done-before'; report: ReconciliationReport }
  /** Another replica is reconciling right now. */
  | { status: 'busy' };

export interface Reconciler {
  readonly utcOffsetMinutes: number;
  /** `trigger: 'daily'` skips a day already reported; 'manual' (/reconcile) always reads again. */
  run(day: ShopDay, trigger: 'daily' | 'manual'): Promise<ReconcileResult>;
  /** The stored report of a day. */
  report(day: ShopDay): Promise<ReconciliationReport | undefined>;
  /** The shop day before the one `epochMs` falls in: what the daily run reconciles. */
  yesterday(epochMs: number): ShopDay;
}

export function createReconciler(options: ReconcilerOptions): Reconciler {
  const { source, clock } = options;
  const log = options.logger.child({ component: 'reconcile' });
  const leaseMs = options.leaseMs ?? 15 * 60_000;
  const maxOrders = options.maxOrders ?? 20_000;
  const leaseName = `reconcile:${source.providerId}`;

  const reconcile = async (day: ShopDay): Promise<ReconciliationReport> => {
    const { startMs, endMs } = shopDayRange(day, source.utcOffsetMinutes);
    const orders = (await options.orders.listCreatedSince(startMs, maxOrders)).filter(
      (order) => order.createdAt < endMs && order.provider === source.providerId,
    );
    const transactions = await source.listTransactions(day, orders);
    const movements = source.balanceMovements ? await source.balanceMovements(day) : undefined;
    const report = compareDay({
      provider: source.providerId,
      day,
      ranAt: clock.nowMs(),
      currency: options.currency,
      orders,
      transactions,
      listsUnknown: source.listsUnknown,
      ...(movements ? { movements } : {}),
    });
    const byRefid = new Map(transactions.map((tx) => [tx.refid, tx]));
    for (const refund of report.lateRefunds) {
      const tx = byRefid.get(refund.refid);
      const answer = await options.engine.recordLateRefund(refund.refid, {
        status: tx?.providerStatus ?? 'Refund',
      });
      refund.result = answer === 'returned' ? 'returned' : answer === 'already' ? 'already' : 'skipped';
    }
    log.info('day reconciled', {
      day,
      orders: orders.length,
      transactions: transactions.length,
      unknown: report.unknown.length,
      lateRefunds: report.lateRefunds.length,
      states: report.states.length,
    });
    return report;
  };

  return {
    utcOffsetMinutes: source.utcOffsetMinutes,
    async run(day, trigger) {
      const token = await options.lease.acquire(leaseName, leaseMs);
      if (!token) return { status: 'busy' };
      try {
        if (trigger === 'daily') {
          const existing = await options.reports.get(source.providerId, day);
          if (existing) return { status: 'done-before', report: existing };
        }
        const report = await reconcile(day);
        await options.reports.put(report);
        return { status: 'ran', report };
      } finally {
        await options.lease.release(leaseName, token);
      }
    },
    report: (day) => options.reports.get(source.providerId, day),
    yesterday: (epochMs) => previousShopDay(shopDayOf(epochMs, source.utcOffsetMinutes)),
  };
}

export interface DailyReconcileOptions {
  reconciler: Reconciler;
  /** RECONCILE_AT, `HH:MM` in shop time. */
  at: string;
  clock: Clock;
  logger: Logger;
  /** Sends a finished report to the admins; called only by the run that wrote it. */
  deliver(report: ReconciliationReport): Promise<void>;
  /** How often the timer looks at the clock. Default 60 s. */
  checkEveryMs?: number;
}

export interface DailyReconcile {
  /** Runs yesterday's reconciliation if it is time and not done yet; what the timer calls. */
  tick(): Promise<ReconcileResult | undefined>;
  start(): void;
  stop(): Promise<void>;
}

/**
 * Runs yesterday's reconciliation once the shop clock has passed `at`, on every replica's timer;
 * the lease and the stored report make one of them do it, once.
 */
export function createDailyReconcile(options: DailyReconcileOptions): DailyReconcile {
  const minute = parseTimeOfDay(options.at);
  if (minute === undefined) throw new RangeError(`RECONCILE_AT must be HH:MM, got ${options.at}`);
  const { reconciler, clock } = options;
  const log = options.logger.child({ component: 'reconcile' });
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;

  const tick = async (): Promise<ReconcileResult | undefined> => {
    const now = clock.nowMs();
    if (shopMinuteOfDay(now, reconciler.utcOffsetMinutes) < minute) return undefined;
    const result = await reconciler.run(reconciler.yesterday(now), 'daily');
    if (result.status === 'ran') await options.deliver(result.report);
    return result;
  };

  return {
    tick,
    start() {
      timer ??= setInterval(() => {
        if (running) return;
        running = tick()
          .catch((error) => log.warn('daily reconciliation failed; tried again later', { err: error }))
          .finally(() => {
            running = undefined;
          });
      }, options.checkEveryMs ?? 60_000);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
