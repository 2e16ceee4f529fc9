import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  billplzEnvShape,
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
  starsEnvShape,
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
  ...billplzEnvShape,
  ...starsEnvShape,
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

  it('README’s admin commands table names the cap on /credit and /debit', () => {
    const readme = readFileSync('README.md', 'utf8');
    for (const command of ['/credit', '/debit']) {
      const row = new RegExp(`^\\|\\s*\`${command} <user id>[^\\n]*$`, 'm').exec(readme)?.[0];
      expect(row, command).toContain('ADMIN_ADJUST_MAX_AMOUNT');
    }
  });

  it('.env.example lists every variable, and its values load', () => {
    const env = parseDotEnv(readFileSync('.env.example', 'utf8'));
    for (const name of ALL_VARIABLES) expect(Object.keys(env), name).toContain(name);
    // Production without Redis, or without a key for PINs, is refused: fill in the two values the
    // example leaves to the owner.
    const config = loadBotConfig({
      ...env,
      REDIS_URL: 'redis://127.0.0.1:6379/0',
      DATA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    });
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
    expect(config.server).toMatchObject({ PORT: 8080, NODE_ENV: 'development', TRUSTED_PROXIES: [] });
    expect(config.warnings).toEqual([]);
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
    ).toThrow(/WEBHOOK_URL must be an https URL/);
  });

  it.each([
    ['WEBHOOK_URL', 'http://localhost.evil.example/'],
    ['WEBHOOK_URL', 'http://127.0.0.1.evil.example/'],
    ['WEBHOOK_URL', 'http://localhost@evil.example/'],
    ['IIMMPACT_BASE_URL', 'http://api.iimmpact.com/v2'],
    ['TELEGRAM_API_ROOT', 'http://bot-api.internal:8081'],
    ['TELEGRAM_API_ROOT', 'ftp://127.0.0.1/'],
  ])('refuses %s=%s: https only, loopback hosts matched exactly', (name, value) => {
    expect(() => loadBotConfig({ ...base, WEBHOOK_SECRET: 'a'.repeat(20), [name]: value })).toThrow(
      new RegExp(`${name} must be an https URL`),
    );
  });

  it.each([
    'http://localhost:8080/',
    'http://127.0.0.1:9/',
    'http://127.8.9.10/',
    'http://[::1]:8443/',
    'https://shop.example/',
  ])('accepts %s', (value) => {
    const config = loadBotConfig({
      ...base,
      WEBHOOK_URL: value,
      WEBHOOK_SECRET: 'a'.repeat(20),
      TELEGRAM_API_ROOT: value,
      IIMMPACT_BASE_URL: value,
    });
    expect(config.server.WEBHOOK_URL).toBe(value);
  });

  it('reads address lists with CIDR ranges, IPv4 and IPv6, and names a malformed entry', () => {
    const config = loadBotConfig({
      ...base,
      CALLBACK_ALLOWED_IPS: '203.0.113.7, 10.0.0.0/8,2001:db8::/32 ,::1',
      TRUSTED_PROXIES: '192.168.0.0/16',
    });
    expect(config.server.CALLBACK_ALLOWED_IPS).toEqual(['203.0.113.7', '10.0.0.0/8', '2001:db8::/32', '::1']);
    expect(config.server.TRUSTED_PROXIES).toEqual(['192.168.0.0/16']);
    for (const bad of ['abc', '10.0.0.0/33', '1.2.3', '::g', '10.0.0.1/']) {
      expect(() => loadBotConfig({ ...base, TRUSTED_PROXIES: `10.0.0.1, ${bad}` })).toThrow(
        new RegExp(`TRUSTED_PROXIES must be IP addresses or CIDR ranges.*"${bad.replace(/[.]/g, '\\.')}"`),
      );
    }
  });

  it('ignores a leftover TRUST_PROXY with a warning that names TRUSTED_PROXIES', () => {
    const config = loadBotConfig({ ...base, TRUST_PROXY: 'true' });
    expect(config.server.TRUSTED_PROXIES).toEqual([]);
    expect(config.warnings).toEqual([expect.stringMatching(/TRUST_PROXY is ignored.*TRUSTED_PROXIES/)]);
  });

  it('refuses an open shop in production without both daily limits', () => {
    const open = {
      ...base,
      NODE_ENV: 'production',
      REDIS_URL: 'redis://127.0.0.1:6379/0',
      DATA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
      ACCESS_MODE: 'open',
    };
    expect(() => loadBotConfig({ ...open, USER_DAILY_LIMIT_AMOUNT: '500' })).toThrow(
      /USER_DAILY_LIMIT_AMOUNT and USER_DAILY_LIMIT_COUNT are required when NODE_ENV=production and ACCESS_MODE=open/,
    );
    expect(
      loadBotConfig({ ...open, USER_DAILY_LIMIT_AMOUNT: '500', USER_DAILY_LIMIT_COUNT: '10' }).shop
        .ACCESS_MODE,
    ).toBe('open');
    expect(loadBotConfig({ ...open, NODE_ENV: 'development' }).shop.ACCESS_MODE).toBe('open');
  });

  it('reads ADMIN_ADJUST_MAX_AMOUNT as an amount, unset by default', () => {
    expect(loadBotConfig(base).shop.ADMIN_ADJUST_MAX_AMOUNT).toBeUndefined();
    expect(loadBotConfig({ ...base, ADMIN_ADJUST_MAX_AMOUNT: '2500.00' }).shop.ADMIN_ADJUST_MAX_AMOUNT).toBe(
      '2500.00',
    );
    expect(() => loadBotConfig({ ...base, ADMIN_ADJUST_MAX_AMOUNT: 'lots' })).toThrow(
      /ADMIN_ADJUST_MAX_AMOUNT must be an amount/,
    );
  });

  const iakBase = {
    PAYMENT_PROVIDER: 'iak',
    IAK_USERNAME: '081234567890',
    IAK_API_KEY: 'synthetic-iak-key',
    TELEGRAM_BOT_TOKEN: base.TELEGRAM_BOT_TOKEN,
  };
  const problemsOf = (env: Record<string, string>): string[] => {
    try {
      loadBotConfig(env);
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
    return [];
  };

  it.each(['MAX_ORDER_AMOUNT', 'ADMIN_ADJUST_MAX_AMOUNT'])(
    'refuses %s of 0, which would refuse everything',
    (name) => {
      for (const zero of ['0', '0.00'])
        expect(problemsOf({ ...base, [name]: zero })).toEqual([`${name} must be above 0`]);
      expect(problemsOf({ ...base, [name]: '0.01' })).toEqual([]);
    },
  );

  it('refuses rupiah with cents in an IDR shop instead of rounding them, and takes whole rupiah', () => {
    expect(
      problemsOf({ ...iakBase, ADMIN_ADJUST_MAX_AMOUNT: '50000000.5', MAX_ORDER_AMOUNT: '250000.25' }),
    ).toEqual([
      'MAX_ORDER_AMOUNT must be whole rupiah (the provider sells in IDR), e.g. 250000',
      'ADMIN_ADJUST_MAX_AMOUNT must be whole rupiah (the provider sells in IDR), e.g. 50000000',
    ]);
    const config = loadBotConfig({
      ...iakBase,
      ADMIN_ADJUST_MAX_AMOUNT: '50000000.00',
      MAX_ORDER_AMOUNT: '250000',
    });
    expect(config.shop).toMatchObject({ ADMIN_ADJUST_MAX_AMOUNT: '50000000.00', MAX_ORDER_AMOUNT: '250000' });
    // Cents are cents in a ringgit shop.
    expect(problemsOf({ ...base, MAX_ORDER_AMOUNT: '250.25' })).toEqual([]);
  });

  it('refuses amounts too large to count, naming the setting and the largest one, in the currency of the provider', () => {
    const huge = '99999999999999999999';
    expect(problemsOf({ ...base, ADMIN_ADJUST_MAX_AMOUNT: huge, MAX_ORDER_AMOUNT: huge })).toEqual([
      'MAX_ORDER_AMOUNT must be at most 90071992547409.91 (the most the shop can count in MYR)',
      'ADMIN_ADJUST_MAX_AMOUNT must be at most 90071992547409.91 (the most the shop can count in MYR)',
    ]);
    expect(problemsOf({ ...iakBase, MAX_ORDER_AMOUNT: huge })).toEqual([
      'MAX_ORDER_AMOUNT must be at most 9007199254740991 (the most the shop can count in IDR)',
    ]);
    // The largest countable amount itself is taken; the other amount settings are held to the same.
    expect(problemsOf({ ...base, MAX_ORDER_AMOUNT: '90071992547409.91' })).toEqual([]);
    expect(problemsOf({ ...base, TOPUP_MAX_AMOUNT: huge })).toEqual([
      'TOPUP_MAX_AMOUNT must be at most 90071992547409.91 (the most the shop can count in MYR)',
    ]);
  });

  it('reads MAX_ORDER_AMOUNT, INTERNAL_PORT and METRICS_TOKEN', () => {
    const config = loadBotConfig({
      ...base,
      MAX_ORDER_AMOUNT: '250.00',
      INTERNAL_PORT: '9100',
      METRICS_TOKEN: 'metrics-token-0123456789',
    });
    expect(config.shop.MAX_ORDER_AMOUNT).toBe('250.00');
    expect(config.server).toMatchObject({ INTERNAL_PORT: 9100, METRICS_TOKEN: 'metrics-token-0123456789' });
    expect(() => loadBotConfig({ ...base, INTERNAL_PORT: '8080' })).toThrow(
      /INTERNAL_PORT must differ from PORT/,
    );
    expect(() => loadBotConfig({ ...base, METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
  });
});
