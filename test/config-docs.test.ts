import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  commonEnvShape,
  iakEnvShape,
  iimmpactEnvShape,
  loadBotConfig,
  providerEnvShape,
  redisEnvShape,
  sandboxEnvShape,
  serverEnvShape,
  shopEnvShape,
  telegramEnvShape,
} from '../src/config/env.js';

/** Every variable the schemas know, so the docs cannot drift from the code. */
const ALL_VARIABLES = Object.keys({
  ...commonEnvShape,
  ...providerEnvShape,
  ...iimmpactEnvShape,
  ...iakEnvShape,
  ...telegramEnvShape,
  ...redisEnvShape,
  ...shopEnvShape,
  ...serverEnvShape,
  ...sandboxEnvShape,
});

function parseDotEnv(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (match?.[1]) env[match[1]] = match[2] ?? '';
  }
  return env;
}

describe('configuration documents', () => {
  it('README has a row for every environment variable', () => {
    const readme = readFileSync('README.md', 'utf8');
    for (const name of ALL_VARIABLES)
      expect(readme, name).toMatch(new RegExp(`^\\|\\s*\`${name}\`\\s*\\|`, 'm'));
  });

  it('.env.example lists every variable, and its values load', () => {
    const env = parseDotEnv(readFileSync('.env.example', 'utf8'));
    for (const name of ALL_VARIABLES) expect(Object.keys(env), name).toContain(name);
    // Production without Redis is refused: fill in the one value the example leaves to the owner.
    const config = loadBotConfig({ ...env, REDIS_URL: 'redis://127.0.0.1:6379/0' });
    expect(config.shop.ACCESS_MODE).toBe('allowlist');
    expect(config.server.WEBHOOK_URL).toBeUndefined();
  });
});

describe('loading the bot configuration', () => {
  const base = {
    IIMMPACT_API_KEY: 'key',
    IIMMPACT_HMAC_SECRET: Buffer.from('a synthetic secret').toString('base64'),
    TELEGRAM_BOT_TOKEN: '123456789:TEST-synthetic-token-value-0000',
  };

  it('runs on defaults: polling, allowlist, memory store outside production', () => {
    const config = loadBotConfig(base);
    expect(config.server).toMatchObject({ PORT: 8080, NODE_ENV: 'development', TRUST_PROXY: false });
    expect(config.shop).toMatchObject({ ACCESS_MODE: 'allowlist', ALLOWED_USER_IDS: [] });
    expect(config.redisUrl).toBeUndefined();
  });

  it('lists every problem at once, production and webhook rules included', () => {
    try {
      loadBotConfig({
        ...base,
        TELEGRAM_BOT_TOKEN: 'nope',
        NODE_ENV: 'production',
        WEBHOOK_URL: 'https://shop.example',
        USER_DAILY_LIMIT_AMOUNT: 'lots',
        CALLBACK_ALLOWED_IPS: 'not an ip',
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toMatch(/TELEGRAM_BOT_TOKEN/);
      expect(problems).toMatch(/USER_DAILY_LIMIT_AMOUNT/);
      expect(problems).toMatch(/CALLBACK_ALLOWED_IPS/);
      expect(problems).toMatch(/REDIS_URL is required when NODE_ENV=production/);
      expect(problems).toMatch(/WEBHOOK_SECRET is required when WEBHOOK_URL is set/);
    }
  });

  it('refuses a plain-http public webhook', () => {
    expect(() =>
      loadBotConfig({ ...base, WEBHOOK_URL: 'http://shop.example', WEBHOOK_SECRET: 'a'.repeat(20) }),
    ).toThrow(/WEBHOOK_URL must be https/);
  });
});
