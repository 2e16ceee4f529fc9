import type { Currency } from '../payments/money.js';
import type { OrderStore } from '../payments/orders/ports.js';
import type { Clock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import type { WalletStore } from '../wallet/ledger.js';
import type { TopupClaimStore } from '../wallet/topup-claims.js';
import type { ProofFingerprintStore } from '../wallet/topup-proofs.js';
import type { TopupStore } from '../wallet/topups.js';
import type { Durability } from './durability.js';
import { createKeys, DEFAULT_KEY_PREFIX } from './keys.js';
import {
  createMemoryCacheStore,
  createMemoryCounterStore,
  createMemoryLockStore,
  createMemorySessionStore,
} from './memory/kv-stores.js';
import { createMemoryOrderStore } from './memory/order-store.js';
import { createMemoryPricingRuleStore } from './memory/pricing-store.js';
import { createMemoryTopupClaimStore } from './memory/topup-claim-store.js';
import { createMemoryProofFingerprintStore } from './memory/topup-proof-store.js';
import { createMemoryTopupStore } from './memory/topup-store.js';
import { createMemoryUpdateQueue } from './memory/update-queue.js';
import { createMemoryVerifiedPayerStore } from './memory/verified-payer-store.js';
import { createMemoryWalletStore } from './memory/wallet-store.js';
import type { PinCipher } from './pin-cipher.js';
import type {
  CacheStore,
  CounterStore,
  LockStore,
  PricingRuleStore,
  SessionStore,
  UpdateQueue,
  VerifiedPayerStore,
} from './ports.js';
import { openRedis } from './redis/connection.js';
import { openRedisDurability } from './redis/durability.js';
import {
  createRedisCacheStore,
  createRedisCounterStore,
  createRedisLockStore,
  createRedisSessionStore,
} from './redis/kv-stores.js';
import { createRedisOrderStore } from './redis/order-store.js';
import { createRedisPricingRuleStore } from './redis/pricing-store.js';
import { createRedisTopupClaimStore } from './redis/topup-claim-store.js';
import { backfillTopupProofs, type ProofBackfillResult } from './redis/topup-proof-backfill.js';
import { createRedisProofFingerprintStore } from './redis/topup-proof-store.js';
import { createRedisTopupStore } from './redis/topup-store.js';
import { createRedisUpdateQueue } from './redis/update-queue.js';
import { createRedisVerifiedPayerStore } from './redis/verified-payer-store.js';
import { createRedisWalletStore } from './redis/wallet-store.js';

/** Everything the bot keeps, from one backend. */
export interface Stores {
  kind: 'redis' | 'memory';
  orders: OrderStore;
  /** Buyer wallets in the shop's currency; orders with a charge debit and return through them. */
  wallets: WalletStore;
  /** Top-up claims by bank transfer, decided by the admins. */
  topupClaims: TopupClaimStore;
  /** Which claims used each transfer reference and receipt photo (a transfer claimed twice). */
  topupProofs: ProofFingerprintStore;
  /** Buyers an admin verified for JomPAY (eKYC), with the number to send as the payer's. */
  verifiedPayers: VerifiedPayerStore;
  /** Every top-up of any method (transfer, Billplz, Stars, admin): the one record that credits. */
  topups: TopupStore;
  sessions: SessionStore<unknown>;
  /** How orders reach disk before their payment leaves (see durability.ts). */
  durability: Durability;
  /** The durable inbox of Telegram updates (webhook and polling feed it; workers drain it). */
  inbox: UpdateQueue;
  locks: LockStore;
  cache: CacheStore;
  /** Flood control and alert de-duplication across replicas. */
  counters: CounterStore;
  /** The owner's price rules (margins and fees). */
  pricing: PricingRuleStore;
  /**
   * Records the proof fingerprints of claims stored before they were fingerprinted, once per
   * deployment (redis/topup-proof-backfill.ts); absent on memory, which holds no older claims.
   */
  backfillTopupProofs?: (options: { stopping?: () => boolean }) => Promise<ProofBackfillResult>;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** Redis when set; otherwise process memory, which a restart wipes. */
  redisUrl: string | undefined;
  prefix?: string;
  /** The shop's currency (the provider's): every wallet and ledger entry is in it. */
  currency: Currency;
  clock: Clock;
  logger: Logger;
  /** Refuse to run on process memory (production). */
  requireDurable?: boolean;
  /** How voucher PINs are kept in Redis (sealed with DATA_ENCRYPTION_KEY); as they are without it. */
  pins?: PinCipher;
}

export async function openStores(options: StoreOptions): Promise<Stores> {
  if (!options.redisUrl) {
    if (options.requireDurable) {
      throw new Error(
        'REDIS_URL is required in production: orders and conversations must survive a restart.',
      );
    }
    options.logger.warn(
      'REDIS_URL is not set: conversations and orders live in this process only and are lost on restart. Use Redis for anything real.',
    );
    const wallets = createMemoryWalletStore(options.currency, { logger: options.logger });
    const sessions = createMemorySessionStore(options.clock);
    const counters = createMemoryCounterStore(options.clock);
    return {
      kind: 'memory',
      orders: createMemoryOrderStore({ logger: options.logger, wallets }),
      wallets,
      topupClaims: createMemoryTopupClaimStore(),
      topupProofs: createMemoryProofFingerprintStore(),
      verifiedPayers: createMemoryVerifiedPayerStore(),
      topups: createMemoryTopupStore(wallets),
      sessions,
      inbox: createMemoryUpdateQueue(options.clock, { sessions, counters }),
      durability: { mode: 'memory', ensureOnDisk: async () => {} },
      locks: createMemoryLockStore(options.clock),
      cache: createMemoryCacheStore(options.clock),
      counters,
      pricing: createMemoryPricingRuleStore(),
      close: async () => {},
    };
  }
  const redis = await openRedis(options.redisUrl, { logger: options.logger });
  const keys = createKeys(options.prefix ?? DEFAULT_KEY_PREFIX);
  const topupProofs = createRedisProofFingerprintStore(redis, keys);
  return {
    kind: 'redis',
    orders: createRedisOrderStore(redis, keys, {
      logger: options.logger,
      walletCurrency: options.currency,
      ...(options.pins ? { pins: options.pins } : {}),
    }),
    wallets: createRedisWalletStore(redis, keys, options.currency, { logger: options.logger }),
    topupClaims: createRedisTopupClaimStore(redis, keys, { logger: options.logger }),
    topupProofs,
    verifiedPayers: createRedisVerifiedPayerStore(redis, keys),
    topups: createRedisTopupStore(redis, keys, options.currency, { logger: options.logger }),
    sessions: createRedisSessionStore(redis, keys),
    inbox: createRedisUpdateQueue(redis, keys),
    durability: await openRedisDurability(redis, options.logger),
    locks: createRedisLockStore(redis, keys),
    cache: createRedisCacheStore(redis, keys, options.clock),
    counters: createRedisCounterStore(redis, keys),
    pricing: createRedisPricingRuleStore(redis, keys),
    backfillTopupProofs: ({ stopping }) =>
      backfillTopupProofs({
        redis,
        keys,
        proofs: topupProofs,
        clock: options.clock,
        logger: options.logger,
        ...(stopping ? { stopping } : {}),
      }),
    close: async () => {
      await redis.quit();
    },
  };
}
