import type { Order } from '../payments/orders/order.js';
import { type Checkpoint, createOrderEngine, type OrderEngine } from '../payments/orders/order-engine.js';
import type { BuyerBalances, OrderEvents, OrderNotifier, OrderStore } from '../payments/orders/ports.js';
import { createRequeryScheduler, type RequeryScheduler } from '../payments/orders/requery-scheduler.js';
import type { RetrySchedule } from '../payments/orders/retry-schedule.js';
import type { PaymentProvider } from '../payments/provider.js';
import type { Clock } from '../platform/clock.js';
import type { IdSource } from '../platform/ids.js';
import type { Logger } from '../platform/logger.js';

/**
 * The payments part of the application: the order engine and the re-query scheduler that drives it.
 * This is the only place either is constructed; the whole application (`wireApp`), the crash-test
 * worker, the engine test harness and the benchmarks all come through here.
 */
export interface PaymentsParts {
  store: OrderStore;
  provider: PaymentProvider;
  notifier: OrderNotifier;
  events?: OrderEvents;
  /** The buyers' wallets (their balances go on the receipt of a returned order). */
  balances?: BuyerBalances;
  clock: Clock;
  ids: IdSource;
  logger: Logger;
  /** The store's guarantee that an order is on disk (stores.durability.ensureOnDisk). */
  ensureOnDisk?: () => Promise<void>;
}

/** The payments' knobs. Every one has a production default; tests and benchmarks shrink them. */
export interface PaymentsTuning {
  schedule?: RetrySchedule;
  /** An order lease: renewed every third of it while a worker works on the order, so it bounds how
   * long a crashed worker keeps an order from the others (10 s). */
  leaseMs?: number;
  /** Pending this long after confirmation, an order is flagged for the admins. */
  attentionAfterMs?: number;
  /** A confirmed order never sent this long after confirmation is cancelled instead of paid late. */
  unsentExpiryMs?: number;
  /** Fault injection at named points of the payment path (crash tests). */
  checkpoint?: (name: Checkpoint, order: Order) => void | Promise<void>;
  /** How often the scheduler looks for due work when idle. */
  pollIntervalMs?: number;
  /** Orders the scheduler works on at once in this process. */
  concurrency?: number;
}

export interface Payments {
  engine: OrderEngine;
  scheduler: RequeryScheduler;
}

export function wirePayments(parts: PaymentsParts, tuning: PaymentsTuning = {}): Payments {
  const { pollIntervalMs, concurrency, ...engineTuning } = tuning;
  const engine = createOrderEngine({ ...parts, ...engineTuning });
  const scheduler = createRequeryScheduler({
    store: parts.store,
    engine,
    clock: parts.clock,
    ids: parts.ids,
    logger: parts.logger,
    pollIntervalMs,
    concurrency,
  });
  return { engine, scheduler };
}
