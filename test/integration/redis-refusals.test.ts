import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BotApiStandIn, startBotApiStandIn } from '../../demo/bot-api-stand-in.js';
import type { IimmpactSandbox } from '../../sandbox/iimmpact/index.js';
import { createApp } from '../../src/app/create-app.js';
import type { App } from '../../src/app/wire-app.js';
import { shouldRetryLater } from '../../src/bot/telegram/update-intake.js';
import { loadBotConfig } from '../../src/config/env.js';
import { SECRET_TOKEN_HEADER } from '../../src/http/telegram-webhook.js';
import { createLogger } from '../../src/platform/logger.js';
import { openRedis } from '../../src/store/redis/connection.js';
import { redisShop } from '../support/engine.js';
import { startTestSandbox, TEST_API_KEY, TEST_HMAC_SECRET, waitFor } from '../support/iimmpact.js';
import { startThrowawayRedis } from '../support/redis-server.js';

/*
 * A Redis that answers but refuses writes for a while: a replica during a failover (READONLY), memory
 * full under noeviction (OOM). The work at hand (an update, a paid top-up's credit) must be kept and
 * tried again, as when Redis is silent, not handled as a bug and dropped: the webhook answers 503 so
 * Telegram delivers again, and the store's error counts as "try later". Refusals must not open the
 * circuit breaker, which is for silence: reads still work, and the bot answers as soon as writes do.
 * This test owns its Redis, since it turns it into a replica and fills its memory.
 */

const WEBHOOK_SECRET = 'refusal-test-webhook-secret-0123456789';
let redis: Awaited<ReturnType<typeof startThrowawayRedis>>;
let admin: Redis;
let sandbox: IimmpactSandbox;
let api: BotApiStandIn;
let app: App;
let base: string;
let updateId = 1;

beforeAll(async () => {
  redis = await startThrowawayRedis();
  admin = new Redis(redis.url);
  sandbox = await startTestSandbox();
  api = await startBotApiStandIn();
  const config = loadBotConfig({
    IIMMPACT_BASE_URL: sandbox.url,
    IIMMPACT_API_KEY: TEST_API_KEY,
    IIMMPACT_HMAC_SECRET: TEST_HMAC_SECRET,
    TELEGRAM_BOT_TOKEN: api.token,
    TELEGRAM_API_ROOT: api.apiRoot,
    REDIS_URL: redis.url,
    REDIS_KEY_PREFIX: `refusal:${randomUUID()}:`,
    WEBHOOK_URL: 'http://127.0.0.1:9/',
    WEBHOOK_SECRET,
    PORT: '0',
    ACCESS_MODE: 'open',
    LOG_LEVEL: 'silent',
  });
  app = await createApp(config, { writeLog: () => {} });
  const { port } = await app.start();
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await app.stop();
  await api.close();
  await sandbox.close();
  admin.disconnect();
  await redis.stop();
});

/** Redis as a replica of nothing (its replica-read-only default refuses writes), or itself again. */
const readOnly = (on: boolean) =>
  on ? admin.call('REPLICAOF', '127.0.0.1', '9') : admin.call('REPLICAOF', 'NO', 'ONE');
/** Memory full under noeviction: every write that could grow the data set is refused (OOM). */
const memoryFull = async (on: boolean) => {
  await admin.call('CONFIG', 'SET', 'maxmemory-policy', 'noeviction');
  await admin.call('CONFIG', 'SET', 'maxmemory', on ? '1' : '0');
};

function start(userId: number) {
  return {
    update_id: updateId++,
    message: {
      message_id: 1,
      date: Math.floor(Date.now() / 1000),
      chat: { id: userId, type: 'private', first_name: 'F' },
      from: { id: userId, is_bot: false, first_name: 'F', language_code: 'en' },
      text: '/start',
      entities: [{ type: 'bot_command', offset: 0, length: 6 }],
    },
  };
}

async function deliver(update: unknown): Promise<number> {
  const response = await fetch(`${base}${app.webhookPath}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', [SECRET_TOKEN_HEADER]: WEBHOOK_SECRET },
    body: JSON.stringify(update),
  });
  await response.text();
  return response.status;
}

describe('a Redis that refuses writes for a while', () => {
  for (const [name, refuse] of [
    ['a read-only replica (READONLY)', readOnly],
    ['memory full (OOM)', memoryFull],
  ] as const) {
    it(`${name}: the webhook answers 503, and the same update is answered once Redis takes writes`, async () => {
      const buyer = 8400 + updateId;
      const update = start(buyer);
      await refuse(true);
      try {
        // More refusals than the breaker's threshold (3): they must not make it fail fast afterwards.
        for (let i = 0; i < 4; i++) expect(await deliver(update)).toBe(503);
        expect(api.messages(buyer).size).toBe(0);
        // Reads still work, but the process can take no update: it is not ready.
        const probe = await fetch(`${base}/readyz`);
        expect(probe.status).toBe(503);
        expect(await probe.json()).toMatchObject({ store: 'unavailable' });
      } finally {
        await refuse(false);
      }
      // At once: a breaker opened by the refusals would answer 503 for another 3 s.
      expect(await deliver(update)).toBe(200);
      await waitFor(() => (api.messages(buyer).size > 0 ? true : undefined), { timeoutMs: 10_000 });
    });
  }

  it('a wallet credit refused by Redis is an error to try again later, not one to drop', async () => {
    const connection = await openRedis(redis.url, { logger: createLogger({ level: 'silent' }) });
    const { wallets } = redisShop(connection);
    const credit = (id: string) =>
      wallets.apply({ id, userId: 8500, kind: 'topup', amount: 5_000, reference: 'stars', at: Date.now() });
    try {
      for (const refuse of [readOnly, memoryFull]) {
        await refuse(true);
        const refused = await credit(`topup:${randomUUID()}`).then(
          () => undefined,
          (error: unknown) => error,
        );
        await refuse(false);
        expect(refused).toBeInstanceOf(Error);
        expect(shouldRetryLater(refused)).toBe(true);
      }
      // And once Redis takes writes again, the same credit lands, once.
      const id = `topup:${randomUUID()}`;
      await credit(id);
      await credit(id);
      expect((await wallets.balance(8500)).minor).toBe(5_000);
    } finally {
      connection.disconnect();
    }
  });
});
