/**
 * A real bot-like process for crash tests: it confirms one order (mode "confirm") or recovers open
 * orders with the re-query scheduler (mode "recover"), against real Redis and the sandbox. With
 * CRASH_AT set to a checkpoint name it kills itself with SIGKILL at that point of the payment path
 * ('final-stored' is right after the final state, and with it any return to the wallet, is written).
 * With PRICE_MINOR set the order is paid from the buyer's wallet (MYR) at that price.
 * The buyer's notifications are counted in Redis so the test can see each exactly once.
 * With RECOVER_FOR_MS set, "recover" runs the scheduler that long and exits 0 whatever is still open
 * (a recovery that cannot finish, e.g. one whose API key is refused).
 */
import { Redis } from 'ioredis';
import { wirePayments } from '../../src/app/wire-payments.js';
import { money } from '../../src/payments/money.js';
import type { Checkpoint } from '../../src/payments/orders/order-engine.js';
import { createIimmpactProvider } from '../../src/payments/providers/iimmpact/provider.js';
import { systemClock } from '../../src/platform/clock.js';
import { randomIds } from '../../src/platform/ids.js';
import { silentLogger } from '../../src/platform/logger.js';
import { unlimited } from '../../src/platform/rate-limiter.js';
import { createKeys } from '../../src/store/keys.js';
import { createRedisOrderStore } from '../../src/store/redis/order-store.js';
import { createRedisWalletStore } from '../../src/store/redis/wallet-store.js';
import { FAST_SCHEDULE } from './engine.js';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const prefix = env('KEY_PREFIX');
const redis = new Redis(env('REDIS_URL'));
const keys = createKeys(prefix);
const store = createRedisOrderStore(redis, keys, { walletCurrency: 'MYR' });
const wallets = createRedisWalletStore(redis, keys, 'MYR');
const priceMinor = process.env.PRICE_MINOR;
const provider = createIimmpactProvider({
  baseUrl: env('SANDBOX_URL'),
  apiKey: env('API_KEY'),
  hmacSecret: env('HMAC_SECRET'),
  rateLimiter: unlimited,
  paymentTimeoutMs: 2_000,
});
const crashAt = process.env.CRASH_AT as Checkpoint | undefined;

const { engine, scheduler } = wirePayments(
  {
    store,
    provider,
    notifier: {
      show: async (order, notice) => {
        await redis.hincrby(`${prefix}test:shown`, `${order.refid}:${order.state}`, 1);
        if (notice?.walletBalance)
          await redis.hset(`${prefix}test:balance-shown`, order.refid, String(notice.walletBalance.minor));
      },
    },
    balances: wallets,
    clock: systemClock,
    ids: randomIds,
    logger: silentLogger,
  },
  {
    schedule: FAST_SCHEDULE,
    leaseMs: 3_000,
    pollIntervalMs: 20,
    checkpoint: (name) => {
      if (name === crashAt) process.kill(process.pid, 'SIGKILL');
    },
  },
);

if (env('MODE') === 'confirm') {
  const amount = money(1000, 'MYR');
  const account = env('ACCOUNT');
  await engine.confirm({
    quoteId: env('QUOTE_ID'),
    userId: 42,
    chatId: 42,
    locale: 'en',
    request: { product: 'D', account, amount },
    display: { productName: 'Digi Prepaid', accountLabel: 'Mobile number', account, amount },
    ...(priceMinor ? { charge: { price: money(Number(priceMinor), 'MYR') } } : {}),
  });
  await engine.idle();
} else if (process.env.RECOVER_FOR_MS) {
  scheduler.start();
  await new Promise((resolve) => setTimeout(resolve, Number(process.env.RECOVER_FOR_MS)));
  await scheduler.stop();
} else {
  scheduler.start();
  const deadline = Date.now() + 15_000;
  while ((await store.listOpen(10)).length > 0) {
    if (Date.now() > deadline) {
      process.exitCode = 1;
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await scheduler.stop();
}
await provider.close();
await redis.quit();
