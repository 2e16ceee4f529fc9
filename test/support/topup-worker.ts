/**
 * A real process for the top-up crash test: it reads a Billplz bill back through the sandbox and
 * credits it (mode "settle", one top-up) or runs the re-read schedule until nothing is due (mode
 * "recover"), on real Redis. With CRASH_AT=paid it kills itself with SIGKILL right after Billplz said
 * "paid" and before the credit is written; with CRASH_AT=credited, right after the credit.
 */
import { Redis } from 'ioredis';
import { systemClock } from '../../src/platform/clock.js';
import { silentLogger } from '../../src/platform/logger.js';
import { createKeys } from '../../src/store/keys.js';
import { createRedisTopupStore } from '../../src/store/redis/topup-store.js';
import { createBillplzTopups } from '../../src/wallet/billplz-topups.js';
import { createBillplzClient } from '../../src/wallet/gateways/billplz/client.js';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const redis = new Redis(env('REDIS_URL'));
const keys = createKeys(env('KEY_PREFIX'));
const topups = createRedisTopupStore(redis, keys, 'MYR');
const real = createBillplzClient({ baseUrl: env('BILLPLZ_URL'), apiKey: env('BILLPLZ_KEY') });
const crashAt = process.env.CRASH_AT;
const client = {
  ...real,
  async getBill(id: string) {
    const bill = await real.getBill(id);
    if (bill.paid && crashAt === 'paid') process.kill(process.pid, 'SIGKILL');
    return bill;
  },
};
const service = createBillplzTopups({
  client,
  topups,
  clock: systemClock,
  logger: silentLogger,
  newId: () => 'unused-id',
  collectionId: env('COLLECTION'),
  xSignatureKey: env('X_KEY'),
  email: 'shop@example.com',
  callbackUrl: 'http://127.0.0.1:9/callbacks/billplz',
  billLifetimeMs: 3_600_000,
  recheckMs: 20,
  onCredited: async () => {
    if (crashAt === 'credited') process.kill(process.pid, 'SIGKILL');
  },
});

if (env('MODE') === 'settle') {
  await service.settle(env('TOPUP_ID'), 'crash-test');
} else {
  const deadline = Date.now() + 10_000;
  while ((await topups.listDue('billplz', Date.now() + 60_000, 10)).length > 0) {
    if (Date.now() > deadline) {
      process.exitCode = 1;
      break;
    }
    await service.sweep();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
await redis.quit();
