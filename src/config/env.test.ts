import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  commonEnvShape,
  IIMMPACT_PRODUCTION_BASE_URL,
  loadIimmpactConfig,
  parseEnv,
  redisEnvShape,
  sandboxEnvShape,
  telegramEnvShape,
} from './env.js';

const SECRET = Buffer.from('a synthetic secret for tests only').toString('base64');

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  it('defaults the base URL to production and the log level to info', () => {
    const config = loadIimmpactConfig({ IIMMPACT_API_KEY: 'key', IIMMPACT_HMAC_SECRET: SECRET });
    expect(config).toEqual({
      logLevel: 'info',
      iimmpact: { baseUrl: IIMMPACT_PRODUCTION_BASE_URL, apiKey: 'key', hmacSecret: SECRET },
    });
  });

  it('lists every problem at once', () => {
    const problems = problemsOf(() =>
      loadIimmpactConfig({
        IIMMPACT_BASE_URL: 'ftp://x',
        IIMMPACT_HMAC_SECRET: 'not base64!',
        LOG_LEVEL: 'loud',
      }),
    );
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toMatch(/LOG_LEVEL/);
    expect(problems.join('\n')).toMatch(/IIMMPACT_BASE_URL must be an http\(s\) URL/);
    expect(problems.join('\n')).toMatch(/IIMMPACT_API_KEY is required/);
    expect(problems.join('\n')).toMatch(/IIMMPACT_HMAC_SECRET must be the Base64 secret/);
  });

  it('treats empty values as unset', () => {
    const config = loadIimmpactConfig({
      IIMMPACT_API_KEY: 'key',
      IIMMPACT_HMAC_SECRET: SECRET,
      IIMMPACT_BASE_URL: '',
      LOG_LEVEL: ' ',
    });
    expect(config.iimmpact.baseUrl).toBe(IIMMPACT_PRODUCTION_BASE_URL);
    expect(config.logLevel).toBe('info');
  });

  it('parses Telegram settings and admin ids', () => {
    const parsed = parseEnv(telegramEnvShape, {
      TELEGRAM_BOT_TOKEN: '123456789:AAbcdefghijklmnopqrstuvwxyz012345',
      ADMIN_USER_IDS: '111, 222',
      TELEGRAM_API_ROOT: 'http://127.0.0.1:8081',
    });
    expect(parsed.ADMIN_USER_IDS).toEqual([111, 222]);
    expect(parsed.TELEGRAM_API_ROOT).toBe('http://127.0.0.1:8081');
    const problems = problemsOf(() =>
      parseEnv(telegramEnvShape, { TELEGRAM_BOT_TOKEN: 'nope', ADMIN_USER_IDS: 'me' }),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^TELEGRAM_BOT_TOKEN must look like/),
      expect.stringMatching(/^ADMIN_USER_IDS must be Telegram user ids/),
    ]);
  });

  it('checks the Redis URL, the sandbox port and the log level', () => {
    expect(parseEnv(redisEnvShape, {}).REDIS_URL).toBeUndefined();
    expect(parseEnv(redisEnvShape, { REDIS_URL: 'redis://127.0.0.1:6379/0' }).REDIS_URL).toBe(
      'redis://127.0.0.1:6379/0',
    );
    expect(problemsOf(() => parseEnv(redisEnvShape, { REDIS_URL: 'http://x' }))).toHaveLength(1);
    expect(parseEnv(sandboxEnvShape, { SANDBOX_PORT: '9000' }).SANDBOX_PORT).toBe(9000);
    expect(problemsOf(() => parseEnv(sandboxEnvShape, { SANDBOX_PORT: '70000' }))).toHaveLength(1);
    expect(parseEnv(commonEnvShape, { LOG_LEVEL: 'debug' }).LOG_LEVEL).toBe('debug');
  });
});
