import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type BotApiStandIn, startBotApiStandIn } from '../../demo/bot-api-stand-in.js';
import type { IimmpactSandbox } from '../../sandbox/iimmpact/index.js';
import { createApp } from '../../src/app/create-app.js';
import type { App } from '../../src/app/wire-app.js';
import { loadBotConfig } from '../../src/config/env.js';
import { SECRET_TOKEN_HEADER } from '../../src/http/telegram-webhook.js';
import { startTestSandbox, TEST_API_KEY, TEST_HMAC_SECRET, waitFor } from '../support/iimmpact.js';

/*
 * The composed application in webhook mode, as `npm start` runs it: real HTTP server, real Redis,
 * the sandbox as IIMMPACT and a Bot API stand-in as Telegram.
 */

const WEBHOOK_SECRET = 'app-test-webhook-secret-0123456789';
let sandbox: IimmpactSandbox;
let api: BotApiStandIn;
let app: App;
let base: string;
const logs: string[] = [];

beforeAll(async () => {
  sandbox = await startTestSandbox();
  api = await startBotApiStandIn();
  const config = loadBotConfig({
    IIMMPACT_BASE_URL: sandbox.url,
    IIMMPACT_API_KEY: TEST_API_KEY,
    IIMMPACT_HMAC_SECRET: TEST_HMAC_SECRET,
    TELEGRAM_BOT_TOKEN: api.token,
    TELEGRAM_API_ROOT: api.apiRoot,
    REDIS_URL: inject('redisUrl'),
    REDIS_KEY_PREFIX: `app:${randomUUID()}:`,
    WEBHOOK_URL: 'http://127.0.0.1:9/',
    WEBHOOK_SECRET,
    PORT: '0',
    ACCESS_MODE: 'open',
    LOG_LEVEL: 'debug',
  });
  app = await createApp(config, { writeLog: (line) => logs.push(line) });
  const { port } = await app.start();
  base = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  await app.stop();
  await api.close();
  await sandbox.close();
});

let updateId = 100;
const startUpdate = (userId = 4242) => ({
  update_id: updateId++,
  message: {
    message_id: 1,
    date: Math.floor(Date.now() / 1000),
    chat: { id: userId, type: 'private', first_name: 'A' },
    from: { id: userId, is_bot: false, first_name: 'A', language_code: 'en' },
    text: '/start',
    entities: [{ type: 'bot_command', offset: 0, length: 6 }],
  },
});

const pressUpdate = (data: string, userId = 4343) => ({
  update_id: updateId++,
  callback_query: {
    id: randomUUID(),
    from: { id: userId, is_bot: false, first_name: 'A', language_code: 'en' },
    chat_instance: String(userId),
    message: {
      message_id: 1,
      date: Math.floor(Date.now() / 1000),
      chat: { id: userId, type: 'private', first_name: 'A' },
      text: 'a menu',
    },
    data,
  },
});

async function postForBody(body: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${base}${app.webhookPath ?? ''}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', [SECRET_TOKEN_HEADER]: WEBHOOK_SECRET },
    body,
  });
  return { status: response.status, body: await response.json() };
}

async function post(path: string, body: string, secret?: string) {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(secret === undefined ? {} : { [SECRET_TOKEN_HEADER]: secret }),
    },
    body,
  });
  await response.text();
  return response.status;
}

describe('webhook mode', () => {
  it('registers the webhook with its secret, the update types it handles, and keeps pending updates', () => {
    const [call] = api.callsOf('setWebhook');
    expect(call?.params).toMatchObject({
      url: `http://127.0.0.1:9${app.webhookPath}`,
      secret_token: WEBHOOK_SECRET,
      allowed_updates: ['message', 'callback_query', 'pre_checkout_query'],
      drop_pending_updates: false,
    });
    expect(app.webhookPath).not.toContain(WEBHOOK_SECRET);
  });

  it('sets the command menus in English, Malay and Indonesian', () => {
    const menus = api.callsOf('setMyCommands');
    expect(menus.map((c) => c.params.language_code ?? 'default')).toEqual(
      expect.arrayContaining(['default', 'ms', 'id']),
    );
    const commands = ((menus[0]?.params.commands ?? []) as Array<{ command: string }>).map((c) => c.command);
    expect(commands).toEqual(expect.arrayContaining(['start', 'help', 'history']));
    expect(commands).not.toContain('balance');
  });

  it('refuses a request without or with a wrong secret token, and handles it nowhere', async () => {
    const before = api.calls.length;
    expect(await post(app.webhookPath ?? '', JSON.stringify(startUpdate()))).toBe(401);
    expect(
      await post(app.webhookPath ?? '', JSON.stringify(startUpdate()), 'wrong-secret-wrong-secret'),
    ).toBe(401);
    expect(api.calls.length).toBe(before);
  });

  it('handles the same update delivered twice only once', async () => {
    const update = JSON.stringify(startUpdate(5151));
    expect(await post(app.webhookPath ?? '', update, WEBHOOK_SECRET)).toBe(200);
    expect(await post(app.webhookPath ?? '', update, WEBHOOK_SECRET)).toBe(200);
    await app.updatesHandled();
    expect(api.callsOf('sendMessage').filter((c) => c.params.chat_id === 5151)).toHaveLength(1);
  });

  it('answers a buyer’s button press in the webhook’s own answer, again when Telegram re-sends it', async () => {
    const update = pressUpdate('g:m');
    const answer = { method: 'answerCallbackQuery', callback_query_id: update.callback_query.id };
    expect(await postForBody(JSON.stringify(update))).toEqual({ status: 200, body: answer });
    expect(await postForBody(JSON.stringify(update))).toEqual({ status: 200, body: answer });
    await app.updatesHandled();
    // The bot made no answerCallbackQuery of its own, and the press opened the menu once.
    expect(api.callsOf('answerCallbackQuery')).toHaveLength(0);
    expect(api.callsOf('sendMessage').filter((c) => c.params.chat_id === 4343)).toHaveLength(1);
  });

  it('leaves an admin’s press (a top-up claim, an admin action) to the bot, which answers it with a toast', async () => {
    const update = pressUpdate('t:a:claim-that-does-not-exist', 4444);
    expect(await postForBody(JSON.stringify(update))).toEqual({ status: 200, body: { ok: true } });
    await app.updatesHandled();
    const [answered] = api.callsOf('answerCallbackQuery');
    expect(answered?.params.callback_query_id).toBe(update.callback_query.id);
    expect(answered?.params.text).toEqual(expect.any(String));
  });

  it('refuses an oversized body', async () => {
    const huge = JSON.stringify({ ...startUpdate(), padding: 'x'.repeat(2 * 1024 * 1024) });
    expect(await post(app.webhookPath ?? '', huge, WEBHOOK_SECRET)).toBe(413);
  });

  it('refuses a body that is not an update', async () => {
    for (const body of [
      '{"hello":1}',
      '[{"update_id":1}]',
      '{"update_id":-1}',
      '{"update_id":1.5}',
      '{"update_id":"7"}',
      'null',
      'not json',
    ])
      expect(await post(app.webhookPath ?? '', body, WEBHOOK_SECRET), body).toBe(400);
  });
});

describe('polling mode', () => {
  it('handles polled updates through the same middleware, so /metrics counts them too', async () => {
    const pollingApi = await startBotApiStandIn();
    const polling = await createApp(
      loadBotConfig({
        IIMMPACT_BASE_URL: sandbox.url,
        IIMMPACT_API_KEY: TEST_API_KEY,
        IIMMPACT_HMAC_SECRET: TEST_HMAC_SECRET,
        TELEGRAM_BOT_TOKEN: pollingApi.token,
        TELEGRAM_API_ROOT: pollingApi.apiRoot,
        PORT: '0',
        LOG_LEVEL: 'silent',
      }),
      { writeLog: () => {} },
    );
    const { port } = await polling.start();
    try {
      pollingApi.queueUpdate(startUpdate(6161));
      await waitFor(() => (pollingApi.messages(6161).size > 0 ? true : undefined));
      const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(text).toMatch(/^shopbot_telegram_updates_total\{kind="message"\} 1$/m);
      // Polling has no webhook answer: the bot answers a press itself.
      const press = pressUpdate('g:m', 6161);
      pollingApi.queueUpdate(press);
      await waitFor(() => (pollingApi.callsOf('answerCallbackQuery').length > 0 ? true : undefined));
      expect(pollingApi.callsOf('answerCallbackQuery')[0]?.params.callback_query_id).toBe(
        press.callback_query.id,
      );
    } finally {
      await polling.stop();
      await pollingApi.close();
    }
  });
});

describe('operations endpoints', () => {
  it('answers /healthz and /readyz', async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ store: 'ok', provider: 'ok' });
  });

  it('reports not ready when the provider is down', async () => {
    // The provider check is cached for 30 s; a fresh app sees the outage at once.
    const down = await createApp(
      loadBotConfig({
        IIMMPACT_BASE_URL: 'http://127.0.0.1:9/v2',
        IIMMPACT_API_KEY: TEST_API_KEY,
        IIMMPACT_HMAC_SECRET: TEST_HMAC_SECRET,
        TELEGRAM_BOT_TOKEN: api.token,
        TELEGRAM_API_ROOT: api.apiRoot,
        PORT: '0',
        LOG_LEVEL: 'silent',
      }),
      { writeLog: () => {} },
    );
    const server = await down.start();
    try {
      const response = await fetch(`http://127.0.0.1:${server.port}/readyz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ store: 'ok', provider: 'unavailable' });
    } finally {
      await down.stop();
    }
  });

  it('exposes Prometheus metrics', async () => {
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toMatch(/^shopbot_telegram_updates_total\{kind="message"\} \d+$/m);
    // /readyz answers from the real calls the bot made (no balance probe needed while they are fresh).
    expect(text).toMatch(/shopbot_provider_call_seconds_count\{call="\w+"\} \d+/);
    expect(text).toMatch(/shopbot_http_requests_total\{route="\/healthz",status="200"\} \d+/);
  });

  it('takes provider callbacks only from the provider’s documented addresses by default', async () => {
    const response = await fetch(`${base}${app.callbackPath}?refid=x&status=20`);
    expect(response.status).toBe(403);
  });

  it('keeps secrets out of the logs', () => {
    const text = logs.join('\n');
    expect(text.length).toBeGreaterThan(0);
    for (const secret of [WEBHOOK_SECRET, api.token, TEST_API_KEY, TEST_HMAC_SECRET])
      expect(text).not.toContain(secret);
  });
});
