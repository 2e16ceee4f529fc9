import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { IimmpactSandbox } from '../../sandbox/iimmpact/index.js';
import { wirePayments } from '../../src/app/wire-payments.js';
import { type Money, money } from '../../src/payments/money.js';
import type { Order, OrderDraft } from '../../src/payments/orders/order.js';
import type { Checkpoint, OrderEngine } from '../../src/payments/orders/order-engine.js';
import type {
  BuyerBalances,
  ConfirmResult,
  OrderEventName,
  OrderNotice,
  OrderStore,
} from '../../src/payments/orders/ports.js';
import type { RequeryScheduler } from '../../src/payments/orders/requery-scheduler.js';
import type { RetrySchedule } from '../../src/payments/orders/retry-schedule.js';
import type { PaymentProvider } from '../../src/payments/provider.js';
import { createIimmpactProvider } from '../../src/payments/providers/iimmpact/provider.js';
import { systemClock } from '../../src/platform/clock.js';
import { randomIds } from '../../src/platform/ids.js';
import { silentLogger } from '../../src/platform/logger.js';
import { unlimited } from '../../src/platform/rate-limiter.js';
import { createKeys } from '../../src/store/keys.js';
import { createRedisOrderStore } from '../../src/store/redis/order-store.js';
import { createRedisWalletStore } from '../../src/store/redis/wallet-store.js';
import { TEST_API_KEY, TEST_HMAC_SECRET } from './iimmpact.js';

/** A schedule measured in milliseconds, so tests see many re-queries quickly. */
export const FAST_SCHEDULE: RetrySchedule = {
  fastAttempts: 3,
  fastMinMs: 20,
  fastMaxMs: 40,
  backoffStartMs: 50,
  maxMs: 200,
  attentionIntervalMs: 100,
  buyerRecheckGapMs: 20,
};

export function iimmpactProviderFor(
  sandbox: IimmpactSandbox,
  overrides: { apiKey?: string; paymentTimeoutMs?: number } = {},
): PaymentProvider {
  return createIimmpactProvider({
    baseUrl: sandbox.url,
    apiKey: overrides.apiKey ?? TEST_API_KEY,
    hmacSecret: TEST_HMAC_SECRET,
    rateLimiter: unlimited,
    backoffBaseMs: 5,
    backoffMaxMs: 20,
    paymentTimeoutMs: overrides.paymentTimeoutMs ?? 2_000,
  });
}

/** Records what the buyer would have been shown. */
export function recordingNotifier() {
  const shown: Array<{
    refid: string;
    state: Order['state'];
    providerStatus: string | undefined;
    returned?: boolean;
    walletBalance?: Money;
  }> = [];
  return {
    shown,
    show: async (order: Order, notice?: OrderNotice) => {
      shown.push({
        refid: order.refid,
        state: order.state,
        providerStatus: order.outcome?.providerStatus,
        ...(order.charge?.returned ? { returned: true } : {}),
        ...(notice?.walletBalance ? { walletBalance: notice.walletBalance } : {}),
      });
    },
    finalShows: (refid: string) =>
      shown.filter(
        (s) =>
          s.refid === refid && ['succeeded', 'failed', 'refunded', 'rejected', 'cancelled'].includes(s.state),
      ),
  };
}

export function redisOrderStore(redis: Redis, prefix = `test:${randomUUID()}:`): OrderStore {
  return createRedisOrderStore(redis, createKeys(prefix));
}

/** An order store and the wallet store its charges go through, under one fresh prefix (MYR). */
export function redisShop(redis: Redis, prefix = `test:${randomUUID()}:`) {
  const keys = createKeys(prefix);
  return {
    prefix,
    keys,
    store: createRedisOrderStore(redis, keys, { walletCurrency: 'MYR' }),
    wallets: createRedisWalletStore(redis, keys, 'MYR'),
    /** The refid a quote became, straight from Redis (null when it made none). */
    redisQuote: (quoteId: string) => redis.get(keys.quote(quoteId)),
  };
}

export interface EngineHarness {
  engine: OrderEngine;
  scheduler: RequeryScheduler;
  notifier: ReturnType<typeof recordingNotifier>;
  events: Array<{ event: OrderEventName; refid: string }>;
}

export function engineHarness(options: {
  store: OrderStore;
  provider: PaymentProvider;
  /** The buyers' balances, for the receipt of a returned order. */
  balances?: BuyerBalances;
  attentionAfterMs?: number;
  unsentExpiryMs?: number;
  checkpoint?: (name: Checkpoint, order: Order) => void | Promise<void>;
  concurrency?: number;
  leaseMs?: number;
  /** FAST_SCHEDULE unless given. */
  schedule?: RetrySchedule;
}): EngineHarness {
  const notifier = recordingNotifier();
  const events: EngineHarness['events'] = [];
  const { engine, scheduler } = wirePayments(
    {
      store: options.store,
      provider: options.provider,
      notifier,
      events: { emit: (event, order) => events.push({ event, refid: order.refid }) },
      ...(options.balances ? { balances: options.balances } : {}),
      clock: systemClock,
      ids: randomIds,
      logger: silentLogger,
    },
    {
      schedule: options.schedule ?? FAST_SCHEDULE,
      leaseMs: options.leaseMs ?? 5_000,
      attentionAfterMs: options.attentionAfterMs,
      unsentExpiryMs: options.unsentExpiryMs,
      checkpoint: options.checkpoint,
      pollIntervalMs: 10,
      concurrency: options.concurrency ?? 8,
    },
  );
  return { engine, scheduler, notifier, events };
}

/** A draft for a RM 10 Digi reload to `account` (a sandbox test account picks the outcome). */
export function reloadDraft(account: string, overrides: Partial<OrderDraft> = {}): OrderDraft {
  const amount = money(1000, 'MYR');
  return {
    quoteId: `quote-${randomUUID()}`,
    userId: 7,
    chatId: 7,
    locale: 'en',
    request: { product: 'D', account, amount },
    display: { productName: 'Digi Prepaid', accountLabel: 'Mobile number', account, amount },
    ...overrides,
  };
}

/** The order a confirmation made or found; throws when it was refused for a short balance. */
export function orderOf(result: ConfirmResult): Order {
  if (result.result === 'insufficient')
    throw new Error(`confirm refused: balance ${result.balance.minor} short of ${result.price.minor}`);
  return result.order;
}
