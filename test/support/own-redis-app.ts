import { randomUUID } from 'node:crypto';
import { type BotApiStandIn, startBotApiStandIn } from '../../demo/bot-api-stand-in.js';
import type { IimmpactSandbox } from '../../sandbox/iimmpact/index.js';
import { createApp } from '../../src/app/create-app.js';
import type { App } from '../../src/app/wire-app.js';
import { loadBotConfig } from '../../src/config/env.js';
import { SECRET_TOKEN_HEADER } from '../../src/http/telegram-webhook.js';
import { startTestSandbox, TEST_API_KEY, TEST_HMAC_SECRET } from './iimmpact.js';
import { startThrowawayRedis } from './redis-server.js';

/**
 * The composed app (as `npm start` opens it) on a throwaway Redis of its own, for tests that do to
 * Redis what must not happen to the shared one: freeze it, make it a replica, fill its memory.
 */
export interface OwnRedisApp {
  redis: Awaited<ReturnType<typeof startThrowawayRedis>>;
  sandbox: IimmpactSandbox;
  api: BotApiStandIn;
  app: App;
  /** `http://127.0.0.1:<port>` of the app's server. */
  base: string;
  /** POSTs an update to the webhook with the right secret: its HTTP status and how long it took. */
  deliver(update: unknown): Promise<{ status: number; ms: number }>;
  /** A `/start` from this user, as Telegram sends it, with a fresh update id. */
  startUpdate(userId: number): Record<string, unknown>;
  close(): Promise<void>;
}

export async function startOwnRedisApp(prefixName: string): Promise<OwnRedisApp> {
  const secret = `${prefixName}-test-webhook-secret-0123456789`;
  const redis = await startThrowawayRedis();
  const sandbox = await startTestSandbox();
  const api = await startBotApiStandIn();
  const config = loadBotConfig({
    IIMMPACT_BASE_URL: sandbox.url,
    IIMMPACT_API_KEY: TEST_API_KEY,
    IIMMPACT_HMAC_SECRET: TEST_HMAC_SECRET,
    TELEGRAM_BOT_TOKEN: api.token,
    TELEGRAM_API_ROOT: api.apiRoot,
    REDIS_URL: redis.url,
    REDIS_KEY_PREFIX: `${prefixName}:${randomUUID()}:`,
    WEBHOOK_URL: 'http://127.0.0.1:9/',
    WEBHOOK_SECRET: secret,
    PORT: '0',
    ACCESS_MODE: 'open',
    LOG_LEVEL: 'silent',
  });
  const app = await createApp(config, { writeLog: () => {} });
  const { port } = await app.start();
  const base = `http://127.0.0.1:${port}`;
  let updateId = 1;
  return {
    redis,
    sandbox,
    api,
    app,
    base,
    async deliver(update) {
      const started = performance.now();
      const response = await fetch(`${base}${app.webhookPath}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [SECRET_TOKEN_HEADER]: secret },
        body: JSON.stringify(update),
      });
      await response.text();
      return { status: response.status, ms: performance.now() - started };
    },
    startUpdate(userId) {
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
    },
    async close() {
      // A test may have left its Redis stopped (SIGSTOP); it must answer to be shut down.
      process.kill(redis.pid, 'SIGCONT');
      await app.stop();
      await api.close();
      await sandbox.close();
      await redis.stop();
    },
  };
}
