import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BotApiStandIn, startBotApiStandIn } from '../../demo/bot-api-stand-in.js';
import type { IimmpactSandbox } from '../../sandbox/iimmpact/index.js';
import { createApp } from '../../src/app/create-app.js';
import type { App } from '../../src/app/wire-app.js';
import { loadBotConfig } from '../../src/config/env.js';
import { SECRET_TOKEN_HEADER } from '../../src/http/telegram-webhook.js';
import { startTestSandbox, TEST_API_KEY, TEST_HMAC_SECRET, waitFor } from '../support/iimmpact.js';
import { startThrowawayRedis } from '../support/redis-server.js';

/*
 * A frozen Redis (SIGSTOP: the process is there, its socket open, but nothing answers) must not hang
 * the webhook: Telegram opens few connections, and a hung one stalls every buyer. The app answers
 * 503 (so Telegram delivers the update again later), pays nothing, and recovers by itself once
 * Redis answers again (SIGCONT). This test owns its Redis, since it freezes it.
 */

const WEBHOOK_SECRET = 'freeze-test-webhook-secret-0123456789';
let redis: Awaited<ReturnType<typeof startThrowawayRedis>>;
let sandbox: IimmpactSandbox;
let api: BotApiStandIn;
let app: App;
let base: string;
let updateId = 1;

beforeAll(async () => {
  redis = await startThrowawayRedis();
  sandbox = await startTestSandbox();
  api = await startBotApiStandIn();
  const config = loadBotConfig({
    IIMMPACT_BASE_URL: sandbox.url,
    IIMMPACT_API_KEY: TEST_API_KEY,
    IIMMPACT_HMAC_SECRET: TEST_HMAC_SECRET,
    TELEGRAM_BOT_TOKEN: api.token,
    TELEGRAM_API_ROOT: api.apiRoot,
    REDIS_URL: redis.url,
    REDIS_KEY_PREFIX: `freeze:${randomUUID()}:`,
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
  process.kill(redis.pid, 'SIGCONT');
  await app.stop();
  await api.close();
  await sandbox.close();
  await redis.stop();
});

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

async function deliver(update: unknown): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const response = await fetch(`${base}${app.webhookPath}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', [SECRET_TOKEN_HEADER]: WEBHOOK_SECRET },
    body: JSON.stringify(update),
  });
  await response.text();
  return { status: response.status, ms: performance.now() - started };
}

describe('a frozen Redis', () => {
  it('gets 503 from the webhook at once, pays nothing, and the bot recovers after it resumes', async () => {
    expect((await deliver(start(8101))).status).toBe(200);
    const paymentsBefore = sandbox.requestCount('/v2/topup');

    process.kill(redis.pid, 'SIGSTOP');
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => deliver(start(8200 + i))));
    const slowest = Math.max(...answers.map((a) => a.ms));
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 503));
    // The command timeout is 1.5 s; the margin is for a loaded machine, not for the design.
    expect(slowest).toBeLessThan(4_000);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ store: 'unavailable' });

    process.kill(redis.pid, 'SIGCONT');
    const recovered = await waitFor(
      async () => {
        const update = start(8301);
        const { status } = await deliver(update);
        return status === 200 ? update : undefined;
      },
      { timeoutMs: 15_000, intervalMs: 250 },
    );
    expect(recovered).toBeDefined();
    await waitFor(() => (api.messages(8301).size > 0 ? true : undefined), { timeoutMs: 10_000 });
    expect(sandbox.requestCount('/v2/topup')).toBe(paymentsBefore);
  });
});
