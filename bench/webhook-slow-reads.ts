/**
 * Benchmark: the webhook answers Telegram at once even while every provider read takes 10 s.
 *
 * The whole app (webhook mode, a throwaway Redis, the IIMMPACT sandbox, a Bot API stand-in) takes
 * updates from many buyers whose every step needs a provider read (the catalog on /start, a product
 * and its network status on a tap), and every read is delayed 10 s by a sandbox fault. The webhook
 * only queues; workers do the slow part. Prints the webhook's latency, which Telegram sees.
 *
 *   npm run bench:slow-reads          (REDIS_URL, or a throwaway redis-server from PATH)
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { startBotApiStandIn } from '../demo/bot-api-stand-in.js';
import { startIimmpactSandbox } from '../sandbox/iimmpact/index.js';
import { createApp } from '../src/app/create-app.js';
import { loadBotConfig } from '../src/config/env.js';
import { SECRET_TOKEN_HEADER } from '../src/http/telegram-webhook.js';
import { startThrowawayRedis } from '../test/support/redis-server.js';

const BUYERS = 64;
const UPDATES_PER_BUYER = 4;
const READ_DELAY_MS = 10_000;
const SECRET = 'bench-webhook-secret-0123456789';

const ownRedis = process.env.REDIS_URL ? undefined : await startThrowawayRedis();
const apiKey = 'bench-api-key';
const hmacSecret = Buffer.from('bench secret, not for production').toString('base64');
const sandbox = await startIimmpactSandbox({
  apiKey,
  hmacSecret,
  timing: { acceptedMs: 0, processingMs: 0 },
});
const api = await startBotApiStandIn();
const app = await createApp(
  loadBotConfig({
    IIMMPACT_BASE_URL: sandbox.url,
    IIMMPACT_API_KEY: apiKey,
    IIMMPACT_HMAC_SECRET: hmacSecret,
    TELEGRAM_BOT_TOKEN: api.token,
    TELEGRAM_API_ROOT: api.apiRoot,
    REDIS_URL: process.env.REDIS_URL ?? ownRedis?.url,
    REDIS_KEY_PREFIX: `bench:${randomUUID()}:`,
    WEBHOOK_URL: 'http://127.0.0.1:9/',
    WEBHOOK_SECRET: SECRET,
    PORT: '0',
    ACCESS_MODE: 'open',
    LOG_LEVEL: 'silent',
  }),
  { writeLog: () => {} },
);
const { port } = await app.start();
const url = `http://127.0.0.1:${port}${app.webhookPath}`;

let updateId = 1;
const latencies: number[] = [];
const statuses = new Map<number, number>();
const post = async (update: Record<string, unknown>) => {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', [SECRET_TOKEN_HEADER]: SECRET },
    body: JSON.stringify({ update_id: updateId++, ...update }),
  });
  await response.text();
  latencies.push(performance.now() - started);
  statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
};
const message = (id: number, text: string) => ({
  message: {
    message_id: updateId,
    date: Math.floor(Date.now() / 1000),
    chat: { id, type: 'private', first_name: 'B' },
    from: { id, is_bot: false, first_name: 'B', language_code: 'en' },
    text,
    ...(text.startsWith('/') ? { entities: [{ type: 'bot_command', offset: 0, length: text.length }] } : {}),
  },
});

// Warm-up with fast reads (connections, JIT, the cached catalog expired below), not counted: the
// figure is for a running bot, not the first second of a cold process.
await Promise.all(
  Array.from({ length: 32 }, async (_, i) => {
    await post(message(7_000_000 + i, '/start'));
    await post(message(7_000_000 + i, '/history'));
  }),
);
await app.updatesHandled();
latencies.length = 0;
statuses.clear();
// From now on every provider read takes 10 s, and the catalog must be read again.
await app.stores.cache.set(`catalog:${app.provider.id}`, [], 1);
for (const path of ['/v2/product-list', '/v2/networkstatus', '/v2/subproducts', '/v2/bill-presentment'])
  sandbox.faults.inject({ kind: 'delay', ms: READ_DELAY_MS, path, times: 100_000 });

// The measured load comes from a process of its own, so the figures are the bot's, not the client's.
// Spawned asynchronously: the bot in this process must keep running while the load is sent.
const output = await new Promise<string>((resolve, reject) => {
  const child = spawn(process.execPath, [
    '--import',
    'tsx',
    'bench/support/webhook-load.ts',
    url,
    SECRET,
    String(BUYERS),
    String(UPDATES_PER_BUYER),
    '8000000',
  ]);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += String(chunk);
  });
  child.stderr.on('data', (chunk) => {
    stderr += String(chunk);
  });
  child.once('exit', (code) =>
    code === 0 ? resolve(stdout) : reject(new Error(`load generator failed: ${stderr}`)),
  );
});
const measured = JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as {
  latencies: number[];
  statuses: Record<string, number>;
  sendingMs: number;
};
latencies.push(...measured.latencies);
for (const [status, count] of Object.entries(measured.statuses)) statuses.set(Number(status), count);
const sendingMs = measured.sendingMs;

latencies.sort((a, b) => a - b);
const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
console.log(`provider reads delayed:  ${READ_DELAY_MS} ms each`);
console.log(
  `updates sent:            ${latencies.length} from ${BUYERS} buyers in ${sendingMs.toFixed(0)} ms`,
);
console.log(`webhook answers:         ${[...statuses].map(([s, n]) => `${n} × ${s}`).join(', ')}`);
console.log(
  `webhook latency:         p50 ${at(0.5).toFixed(1)} ms, p99 ${at(0.99).toFixed(1)} ms, max ${at(1).toFixed(1)} ms`,
);
console.log(`queued when sending ended: ${await app.stores.inbox.depth()} updates`);
console.log(`process RSS:             ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MiB`);

// Let the workers finish what is in hand (each read still takes 10 s), then stop.
sandbox.faults.clear();
await app.stop();
await api.close();
await sandbox.close();
await ownRedis?.stop();
