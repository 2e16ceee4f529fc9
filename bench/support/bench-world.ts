import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { type IimmpactSandbox, startIimmpactSandbox } from '../../sandbox/iimmpact/index.js';
import { webhookPath } from '../../src/http/telegram-webhook.js';
import { freePort } from '../../test/support/net.js';
import { startThrowawayRedis } from '../../test/support/redis-server.js';
import type { PhaseOrder, PhaseResult } from './buyer-load.js';
import { type CallbackRelay, startCallbackRelay } from './callback-relay.js';
import { trackPid } from './proc-stats.js';
import { type Service, startService, waitForHttp } from './processes.js';
import { RedisWatch } from './redis-watch.js';

/**
 * Everything bench:webhook runs against, on loopback only: a throwaway redis-server per system under
 * test (so INFO's counters and memory are each system's own), the IIMMPACT sandbox and a relay
 * that times its callbacks (both in this process, which does no timed work of its own), the load
 * generator with the fake Bot API (a process), and the systems under test (processes).
 */
export const WEBHOOK_SECRET = 'bench-webhook-secret-0123456789';
const API_KEY = 'bench-api-key';
const HMAC_SECRET = Buffer.from('bench secret, not for production').toString('base64');

export interface Redises {
  url: string;
  pid: number;
  watch: RedisWatch;
  stop(): Promise<void>;
}

export async function startRedis(): Promise<Redises> {
  const server = await startThrowawayRedis();
  trackPid(server.pid);
  const watch = new RedisWatch(server.url);
  return {
    url: server.url,
    pid: server.pid,
    watch,
    async stop() {
      watch.close();
      await server.stop();
    },
  };
}

/**
 * The provider: payments answer Accepted, and turn Successful `acceptedMs` later with a callback
 * (before the bot's first re-query), so a receipt follows the callback.
 */
export async function startProvider(
  callbackTarget: string,
): Promise<{ sandbox: IimmpactSandbox; relay: CallbackRelay }> {
  const sandbox = await startIimmpactSandbox({
    apiKey: API_KEY,
    hmacSecret: HMAC_SECRET,
    timing: { acceptedMs: 400, processingMs: 0 },
    // Plenty of float: the benchmark is not about the shop's provider balance.
    initialBalanceSen: 1_000_000_000_00,
  });
  const relay = await startCallbackRelay(callbackTarget);
  sandbox.setCallback(relay.url, 'POST');
  return { sandbox, relay };
}

export interface Load {
  pid: number;
  apiRoot: string;
  token: string;
  run(order: Omit<PhaseOrder, 'type'>): Promise<PhaseResult>;
  stop(): Promise<void>;
}

/** The load generator process (bench/support/buyer-load.ts), with the fake Bot API inside. */
export async function startLoad(firstUpdateId: number): Promise<Load> {
  const child: ChildProcess = fork('bench/support/buyer-load.ts', [String(firstUpdateId)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = () =>
    new Promise<unknown>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`the load generator exited (${code})`));
      child.once('exit', onExit);
      child.once('message', (message) => {
        child.off('exit', onExit);
        resolve(message);
      });
    });
  const ready = (await next()) as { apiRoot: string; token: string };
  trackPid(child.pid ?? 0);
  return {
    pid: child.pid ?? 0,
    apiRoot: ready.apiRoot,
    token: ready.token,
    async run(order) {
      const answer = next();
      child.send({ type: 'phase', ...order } satisfies PhaseOrder);
      return (await answer) as PhaseResult;
    },
    async stop() {
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.send({ type: 'stop' });
      await gone;
    },
  };
}

export interface SystemUnderTest {
  name: 'bot' | 'reference';
  service: Service;
  webhookUrl: string;
  secret: string;
  redis: Redises;
  /** The bot's update-queue depth key; the reference has no queue. */
  depthKey?: string;
  /** The bot's provider-callback route. */
  callbackUrl?: string;
}

export interface BotStart {
  redis: Redises;
  load: Pick<Load, 'apiRoot' | 'token'>;
  sandbox: IimmpactSandbox;
  prefix?: string;
  /** Extra node flags, e.g. --cpu-prof. */
  nodeFlags?: string[];
}

/** Node's flags in `npm start` (package.json), so the bot is measured as it is run. */
function startFlags(): string[] {
  const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } })
    .scripts;
  const words = scripts.start.split(/\s+/);
  return words.slice(words.indexOf('node') + 1, words.indexOf('dist/main/bot.js'));
}

/**
 * The built bot, `node dist/main/bot.js`, as `npm start` runs it: webhook mode, open to every buyer,
 * no wallet charge (BUYER_PAYMENT=none, so a scripted buyer can pay), warnings only in its log.
 */
export async function startBuiltBot(options: BotStart): Promise<SystemUnderTest> {
  const port = await freePort();
  const prefix = options.prefix ?? 'shopbot:';
  const service = startService('bot', [...startFlags(), ...(options.nodeFlags ?? []), 'dist/main/bot.js'], {
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    PORT: String(port),
    REDIS_URL: options.redis.url,
    REDIS_KEY_PREFIX: prefix,
    TELEGRAM_BOT_TOKEN: options.load.token,
    TELEGRAM_API_ROOT: options.load.apiRoot,
    WEBHOOK_URL: `http://127.0.0.1:${port}/`,
    WEBHOOK_SECRET,
    IIMMPACT_BASE_URL: options.sandbox.url,
    IIMMPACT_API_KEY: API_KEY,
    IIMMPACT_HMAC_SECRET: HMAC_SECRET,
    ACCESS_MODE: 'open',
    BUYER_PAYMENT: 'none',
    // The sandbox's callbacks come through the relay on loopback.
    CALLBACK_ALLOWED_IPS: '127.0.0.1',
  });
  await waitForHttp(`http://127.0.0.1:${port}/healthz`);
  return {
    name: 'bot',
    service,
    webhookUrl: `http://127.0.0.1:${port}${webhookPath(WEBHOOK_SECRET)}`,
    secret: WEBHOOK_SECRET,
    redis: options.redis,
    depthKey: `${prefix}inbox:depth`,
    callbackUrl: `http://127.0.0.1:${port}/callbacks/iimmpact`,
  };
}

/**
 * The reference handler (bench/support/reference-bot.ts) in its own process, run as plain
 * JavaScript like the built bot: transpiled once to CommonJS in a temporary directory, so no
 * TypeScript loader sits in the measured process (tsx alone adds about 30 MiB of RSS).
 */
export async function startReference(options: {
  redis: Redises;
  load: Pick<Load, 'apiRoot' | 'token'>;
}): Promise<SystemUnderTest> {
  const service = startService('reference', [transpiledReference()], {
    // The transpiled file lives outside the repository; it finds ioredis through NODE_PATH.
    NODE_PATH: resolve('node_modules'),
    PORT: '0',
    REDIS_URL: options.redis.url,
    TELEGRAM_API_ROOT: options.load.apiRoot,
    TELEGRAM_BOT_TOKEN: options.load.token,
    WEBHOOK_SECRET,
  });
  const line = await service.waitForLine(/^listening \d+/);
  const port = Number(line.split(' ')[1]);
  return {
    name: 'reference',
    service,
    webhookUrl: `http://127.0.0.1:${port}/telegram/reference`,
    secret: WEBHOOK_SECRET,
    redis: options.redis,
  };
}

let referenceFile: string | undefined;

function transpiledReference(): string {
  if (referenceFile) return referenceFile;
  const { outputText } = ts.transpileModule(readFileSync('bench/support/reference-bot.ts', 'utf8'), {
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
    },
  });
  const dir = mkdtempSync(join(tmpdir(), 'bench-reference-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  referenceFile = join(dir, 'reference-bot.cjs');
  writeFileSync(referenceFile, outputText);
  return referenceFile;
}
