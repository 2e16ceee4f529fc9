import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/*
 * Before: `http://localhost.evil.example` passed as a webhook URL, provider and Bot API URLs could
 * be plain http, CALLBACK_ALLOWED_IPS accepted `abc`, and an open shop had no limits by default.
 * Now `npm start`'s entry point refuses to start, naming every reason, and exits 2.
 */

function startBot(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/bot.ts'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += String(chunk);
  });
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stderr })));
}

describe('malformed configuration', () => {
  it('refuses to start, with the reason for each setting', async () => {
    const { code, stderr } = await startBot({
      IIMMPACT_BASE_URL: 'http://api.iimmpact.com/v2',
      IIMMPACT_API_KEY: 'key',
      IIMMPACT_HMAC_SECRET: Buffer.from('a synthetic secret').toString('base64'),
      TELEGRAM_BOT_TOKEN: '123456789:TEST-synthetic-token-value-0000',
      TELEGRAM_API_ROOT: 'http://bot-api.example',
      WEBHOOK_URL: 'http://localhost.evil.example/',
      WEBHOOK_SECRET: 'a-webhook-secret-0123456789',
      CALLBACK_ALLOWED_IPS: '203.0.113.7, abc',
      TRUSTED_PROXIES: '10.0.0.0/33',
      NODE_ENV: 'production',
      REDIS_URL: 'redis://127.0.0.1:1/0',
      ACCESS_MODE: 'open',
      MAX_ORDER_AMOUNT: 'a lot',
    });
    expect(code).toBe(2);
    expect(stderr).toMatch(/Invalid configuration/);
    expect(stderr).toMatch(/IIMMPACT_BASE_URL must be an https URL/);
    expect(stderr).toMatch(/TELEGRAM_API_ROOT must be an https URL/);
    expect(stderr).toMatch(/WEBHOOK_URL must be an https URL/);
    expect(stderr).toMatch(/CALLBACK_ALLOWED_IPS must be IP addresses or CIDR ranges.*"abc"/);
    expect(stderr).toMatch(/TRUSTED_PROXIES must be IP addresses or CIDR ranges.*"10\.0\.0\.0\/33"/);
    expect(stderr).toMatch(/MAX_ORDER_AMOUNT must be an amount/);
    expect(stderr).toMatch(
      /USER_DAILY_LIMIT_AMOUNT and USER_DAILY_LIMIT_COUNT are required when NODE_ENV=production and ACCESS_MODE=open/,
    );
  });
});
