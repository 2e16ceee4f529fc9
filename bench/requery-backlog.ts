/**
 * Benchmark: a backlog of pending orders drains through the re-query scheduler without the process
 * ever exceeding its provider request budget.
 *
 * 10,000 pending orders sit in a real Redis; the scheduler re-queries them against the sandbox over
 * loopback HTTP with a scaled-down budget (so the run takes seconds, not minutes). The sandbox counts
 * what actually arrived, and the script prints the busiest window against the budget.
 *
 *   npm run bench:requery            (REDIS_URL, or a throwaway redis-server from PATH)
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { SANDBOX_FIXTURES, startIimmpactSandbox } from '../sandbox/iimmpact/index.js';
import { wirePayments } from '../src/app/wire-payments.js';
import { money } from '../src/payments/money.js';
import type { Order } from '../src/payments/orders/order.js';
import { DEFAULT_RETRY_SCHEDULE } from '../src/payments/orders/retry-schedule.js';
import { createIimmpactProvider } from '../src/payments/providers/iimmpact/provider.js';
import { systemClock } from '../src/platform/clock.js';
import { randomIds } from '../src/platform/ids.js';
import { silentLogger } from '../src/platform/logger.js';
import { createRateLimiter } from '../src/platform/rate-limiter.js';
import { realSleep } from '../src/platform/sleep.js';
import { createKeys } from '../src/store/keys.js';
import { createRedisOrderStore } from '../src/store/redis/order-store.js';
import { startThrowawayRedis } from '../test/support/redis-server.js';

const ORDERS = 10_000;
/** Scaled budget: 400 requests per 5 s (the production setting is 20,000 per 5 min). */
const BUDGET = { limit: 400, windowMs: 5_000, burst: 20 };
const RUN_MS = 20_000;

const apiKey = 'bench-api-key';
const hmacSecret = Buffer.from('bench secret, not for production').toString('base64');
const ownRedis = process.env.REDIS_URL ? undefined : await startThrowawayRedis();
const redis = new Redis(process.env.REDIS_URL ?? ownRedis?.url ?? '');
const sandbox = await startIimmpactSandbox({
  apiKey,
  hmacSecret,
  timing: { acceptedMs: 0, processingMs: 0 },
});
const store = createRedisOrderStore(redis, createKeys(`bench:${randomUUID()}:`));

const seedStart = Date.now();
const now = Date.now();
const amount = money(1000, 'MYR');
const account = SANDBOX_FIXTURES.testAccounts.hold;
for (let i = 0; i < ORDERS; i += 500) {
  await Promise.all(
    Array.from({ length: Math.min(500, ORDERS - i) }, (_, j) => {
      const refid = `bench-${i + j}-${randomUUID().slice(0, 8)}`;
      const order: Order = {
        refid,
        quoteId: refid,
        userId: 1,
        chatId: 1,
        locale: 'en',
        provider: 'iimmpact',
        request: { refid, product: 'D', account, amount },
        display: { productName: 'Digi Prepaid', accountLabel: 'Mobile number', account, amount },
        state: 'pending',
        mayExist: true,
        version: 1,
        createdAt: now,
        updatedAt: now,
        attempts: 1,
        history: [],
      };
      return store.create(order);
    }),
  );
}
const seedMs = Date.now() - seedStart;

const provider = createIimmpactProvider({
  baseUrl: sandbox.url,
  apiKey,
  hmacSecret,
  rateLimiter: createRateLimiter({ ...BUDGET, clock: systemClock, sleep: realSleep }),
});
const { scheduler } = wirePayments(
  {
    store,
    provider,
    notifier: { show: async () => {} },
    clock: systemClock,
    ids: randomIds,
    logger: silentLogger,
  },
  { schedule: DEFAULT_RETRY_SCHEDULE },
);

const samples: Array<{ at: number; count: number }> = [];
const startedAt = Date.now();
scheduler.start();
while (Date.now() - startedAt < RUN_MS) {
  samples.push({ at: Date.now(), count: sandbox.requestCount('/v2/topup') });
  await new Promise((resolve) => setTimeout(resolve, 50));
}
await scheduler.stop();
samples.push({ at: Date.now(), count: sandbox.requestCount('/v2/topup') });

let busiest = 0;
for (const first of samples) {
  const last = [...samples].reverse().find((s) => s.at - first.at <= BUDGET.windowMs);
  if (last) busiest = Math.max(busiest, last.count - first.count);
}
const total = samples.at(-1)?.count ?? 0;
const seconds = (Date.now() - startedAt) / 1000;

console.log(`pending orders seeded:        ${ORDERS} in ${seedMs} ms`);
console.log(
  `budget:                       ${BUDGET.limit} per ${BUDGET.windowMs / 1000} s, burst ${BUDGET.burst}`,
);
console.log(
  `re-queries sent:              ${total} in ${seconds.toFixed(1)} s (${(total / seconds).toFixed(1)}/s)`,
);
console.log(
  `busiest ${BUDGET.windowMs / 1000} s window:          ${busiest} requests (ceiling ${BUDGET.limit + BUDGET.burst})`,
);
console.log(`within budget:                ${busiest <= BUDGET.limit + BUDGET.burst ? 'yes' : 'NO'}`);
console.log(`process RSS:                  ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MiB`);
console.log(
  `at the production budget (20,000 per 5 min) a ${ORDERS}-order backlog takes ${((ORDERS / 20_000) * 300).toFixed(0)} s per pass`,
);

await provider.close();
await sandbox.close();
await redis.quit();
await ownRedis?.stop();
