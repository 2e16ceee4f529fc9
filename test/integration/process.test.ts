import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BotApiStandIn, startBotApiStandIn } from '../../demo/bot-api-stand-in.js';
import type { IimmpactSandbox } from '../../sandbox/iimmpact/index.js';
import { startTestSandbox, TEST_API_KEY, TEST_HMAC_SECRET, waitFor } from '../support/iimmpact.js';

/** `npm start`'s entry point as a real process: configuration errors, polling start-up, SIGTERM. */

let sandbox: IimmpactSandbox;
let api: BotApiStandIn;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  api = await startBotApiStandIn();
});
afterAll(async () => {
  await api.close();
  await sandbox.close();
});

function startBot(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/bot.ts'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (c) => {
    output.stdout += String(c);
  });
  child.stderr.on('data', (c) => {
    output.stderr += String(c);
  });
  const exited = new Promise<{ code: number | null }>((resolve) =>
    child.once('exit', (code) => resolve({ code })),
  );
  return { child, output, exited };
}

describe('the bot process', () => {
  it('refuses to start on bad configuration, naming every problem, and exits 2', async () => {
    const bot = startBot({ TELEGRAM_BOT_TOKEN: 'nope', NODE_ENV: 'production' });
    expect(await bot.exited).toEqual({ code: 2 });
    expect(bot.output.stderr).toMatch(/Invalid configuration/);
    expect(bot.output.stderr).toMatch(/IIMMPACT_API_KEY is required/);
    expect(bot.output.stderr).toMatch(/TELEGRAM_BOT_TOKEN must look like/);
    expect(bot.output.stderr).toMatch(/REDIS_URL is required when NODE_ENV=production/);
  });

  it('starts polling and stops cleanly on SIGTERM', async () => {
    const bot = startBot({
      IIMMPACT_BASE_URL: sandbox.url,
      IIMMPACT_API_KEY: TEST_API_KEY,
      IIMMPACT_HMAC_SECRET: TEST_HMAC_SECRET,
      TELEGRAM_BOT_TOKEN: api.token,
      TELEGRAM_API_ROOT: api.apiRoot,
      PORT: '0',
    });
    await waitFor(() => (bot.output.stdout.includes('"bot started"') ? true : undefined), {
      timeoutMs: 15_000,
    });
    expect(bot.output.stdout).toMatch(/"msg":"polling mode"/);
    await waitFor(() => (api.callsOf('getUpdates').length > 0 ? true : undefined), { timeoutMs: 10_000 });
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toEqual({ code: 0 });
    expect(bot.output.stdout).toMatch(/"msg":"shutting down","signal":"SIGTERM"/);
    expect(bot.output.stdout).toMatch(/"msg":"stopped"/);
    expect(bot.output.stdout).not.toContain(api.token);
    expect(bot.output.stdout).not.toContain(TEST_HMAC_SECRET);
  });
});
