import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { type BotApiStandIn, startBotApiStandIn } from '../../demo/bot-api-stand-in.js';
import type { IimmpactSandbox } from '../../sandbox/iimmpact/index.js';
import { createApp, type OpenOptions } from '../../src/app/create-app.js';
import type { App, AppTuning } from '../../src/app/wire-app.js';
import { loadBotConfig } from '../../src/config/env.js';
import { startTestSandbox, TEST_API_KEY, TEST_HMAC_SECRET } from '../support/iimmpact.js';

/**
 * The attack suite's rig: the composed application exactly as `npm start` opens it (createApp:
 * real HTTP on loopback, real Redis, the shared provider budget), with the IIMMPACT sandbox as the
 * provider. Provider calls are counted by the sandbox itself (`requestCount(path)`).
 */
export interface Rig {
  sandbox: IimmpactSandbox;
  api: BotApiStandIn;
  /** A Redis key prefix of its own; apps started with the same one share everything, like replicas. */
  prefix: string;
  start(env?: Record<string, string>, tuning?: AppTuning, options?: StartOptions): Promise<RunningApp>;
  close(): Promise<void>;
}

export type StartOptions = Pick<OpenOptions, 'providerBudget' | 'maxBudgetWaitMs'>;

export interface RunningApp {
  app: App;
  base: string;
  internalBase: string | undefined;
  logs: string[];
}

export async function startRig(): Promise<Rig> {
  const sandbox = await startTestSandbox();
  const api = await startBotApiStandIn();
  const prefix = `attack:${randomUUID()}:`;
  const apps: App[] = [];
  return {
    sandbox,
    api,
    prefix,
    async start(env = {}, tuning = {}, options = {}) {
      const logs: string[] = [];
      const config = loadBotConfig({
        IIMMPACT_BASE_URL: sandbox.url,
        IIMMPACT_API_KEY: TEST_API_KEY,
        IIMMPACT_HMAC_SECRET: TEST_HMAC_SECRET,
        TELEGRAM_BOT_TOKEN: api.token,
        TELEGRAM_API_ROOT: api.apiRoot,
        REDIS_URL: inject('redisUrl'),
        REDIS_KEY_PREFIX: prefix,
        PORT: '0',
        LOG_LEVEL: 'info',
        ...env,
      });
      const app = await createApp(config, { writeLog: (line) => logs.push(line), tuning, ...options });
      apps.push(app);
      const { port, internalPort } = await app.start();
      return {
        app,
        base: `http://127.0.0.1:${port}`,
        internalBase: internalPort === undefined ? undefined : `http://127.0.0.1:${internalPort}`,
        logs,
      };
    },
    async close() {
      for (const app of apps.splice(0)) await app.stop();
      await api.close();
      await sandbox.close();
    },
  };
}

/** Status and body of a GET. */
export async function get(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers });
  const text = await response.text();
  return { status: response.status, text };
}
