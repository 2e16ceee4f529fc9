import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  commonEnvShape,
  IAK_PRODUCTION_BASE_URL,
  IIMMPACT_PRODUCTION_BASE_URL,
  iakEnvShape,
  loadBotConfig,
  loadIimmpactConfig,
  loadProviderConfig,
  parseEnv,
  providerEnvShape,
  redisEnvShape,
  sandboxEnvShape,
  shopEnvShape,
  shopTimeZoneName,
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
    expect(problems.join('\n')).toMatch(/IIMMPACT_BASE_URL must be an https URL/);
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
      TELEGRAM_BOT_TOKEN: '123456789:TEST-synthetic-token-value-0000',
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

describe('payment provider configuration', () => {
  const IAK = { IAK_USERNAME: '081234567890', IAK_API_KEY: 'iak-key' };

  it('defaults to IIMMPACT and needs only its variables', () => {
    expect(loadProviderConfig({ IIMMPACT_API_KEY: 'key', IIMMPACT_HMAC_SECRET: SECRET })).toEqual({
      logLevel: 'info',
      provider: 'iimmpact',
      iimmpact: { baseUrl: IIMMPACT_PRODUCTION_BASE_URL, apiKey: 'key', hmacSecret: SECRET },
    });
  });

  it('loads IAK with the production prepaid host by default, without any IIMMPACT variable', () => {
    expect(loadProviderConfig({ PAYMENT_PROVIDER: 'iak', ...IAK })).toEqual({
      logLevel: 'info',
      provider: 'iak',
      iak: { baseUrl: IAK_PRODUCTION_BASE_URL, username: '081234567890', apiKey: 'iak-key' },
    });
    expect(IAK_PRODUCTION_BASE_URL).toBe('https://prepaid.iak.id');
    const sandbox = loadProviderConfig({
      PAYMENT_PROVIDER: 'iak',
      IAK_BASE_URL: 'http://127.0.0.1:8787',
      ...IAK,
      IIMMPACT_HMAC_SECRET: 'ignored when the provider is iak!',
    });
    expect(sandbox).toMatchObject({ provider: 'iak', iak: { baseUrl: 'http://127.0.0.1:8787' } });
  });

  it('lists every problem of the chosen provider at once, and none of the other', () => {
    const iak = problemsOf(() =>
      loadProviderConfig({
        PAYMENT_PROVIDER: 'iak',
        IAK_USERNAME: 'shop owner',
        IAK_BASE_URL: 'nope',
        LOG_LEVEL: 'x',
      }),
    );
    expect(iak).toHaveLength(4);
    expect(iak.join('\n')).toMatch(/LOG_LEVEL/);
    expect(iak.join('\n')).toMatch(/IAK_BASE_URL must be an https URL/);
    expect(iak.join('\n')).toMatch(/IAK_USERNAME must be the phone number registered at IAK/);
    expect(iak.join('\n')).toMatch(/IAK_API_KEY is required/);
    expect(iak.join('\n')).not.toMatch(/IIMMPACT/);

    const iimmpact = problemsOf(() => loadProviderConfig({ PAYMENT_PROVIDER: 'iimmpact' }));
    expect(iimmpact).toEqual(['IIMMPACT_API_KEY is required', 'IIMMPACT_HMAC_SECRET is required']);
  });

  it('refuses an unknown provider and still reports the other problems', () => {
    const problems = problemsOf(() => loadProviderConfig({ PAYMENT_PROVIDER: 'paypal', LOG_LEVEL: 'loud' }));
    expect(problems).toHaveLength(2);
    expect(problems.join('\n')).toMatch(/PAYMENT_PROVIDER/);
    expect(problems.join('\n')).toMatch(/LOG_LEVEL/);
  });

  it('parses the IAK shape and the sandbox provider on their own', () => {
    expect(parseEnv(iakEnvShape, IAK).IAK_BASE_URL).toBe(IAK_PRODUCTION_BASE_URL);
    expect(parseEnv(providerEnvShape, { PAYMENT_PROVIDER: ' ' }).PAYMENT_PROVIDER).toBe('iimmpact');
    expect(parseEnv(sandboxEnvShape, {}).SANDBOX_PROVIDER).toBe('iimmpact');
    expect(parseEnv(sandboxEnvShape, { SANDBOX_PROVIDER: 'iak' }).SANDBOX_PROVIDER).toBe('iak');
    expect(problemsOf(() => parseEnv(sandboxEnvShape, { SANDBOX_PROVIDER: 'other' }))).toHaveLength(1);
  });
});

describe('buyer payment', () => {
  const base = {
    IIMMPACT_API_KEY: 'key',
    IIMMPACT_HMAC_SECRET: SECRET,
    TELEGRAM_BOT_TOKEN: '123456789:TESTtokenForConfigTestsOnly0000',
    REDIS_URL: 'redis://127.0.0.1:6379',
  };

  it('takes payment from the wallet by default, or none when asked', () => {
    expect(parseEnv(shopEnvShape, {}).BUYER_PAYMENT).toBe('wallet');
    expect(parseEnv(shopEnvShape, {}).SHOP_TIMEZONE).toBeUndefined();
    expect(parseEnv(shopEnvShape, { BUYER_PAYMENT: 'none' }).BUYER_PAYMENT).toBe('none');
    expect(problemsOf(() => parseEnv(shopEnvShape, { BUYER_PAYMENT: 'cash' })).join()).toMatch(
      /BUYER_PAYMENT/,
    );
  });

  it('requires, in production, a well-formed key to seal voucher PINs with', () => {
    const production = { ...base, NODE_ENV: 'production' };
    expect(problemsOf(() => loadBotConfig(production))).toContainEqual(
      expect.stringMatching(/DATA_ENCRYPTION_KEY is required when NODE_ENV=production/),
    );
    expect(
      problemsOf(() => loadBotConfig({ ...production, DATA_ENCRYPTION_KEY: 'c2hvcnQ=' })),
    ).toContainEqual(expect.stringMatching(/DATA_ENCRYPTION_KEY must be Base64 of 32 bytes/));
    expect(
      loadBotConfig({ ...production, DATA_ENCRYPTION_KEY: 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=' })
        .server.DATA_ENCRYPTION_KEY,
    ).toBe('AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=');
  });

  it('refuses, in production, a shop open to anyone that takes no payment', () => {
    const open = {
      ...base,
      NODE_ENV: 'production',
      ACCESS_MODE: 'open',
      USER_DAILY_LIMIT_AMOUNT: '500.00',
      USER_DAILY_LIMIT_COUNT: '20',
      DATA_ENCRYPTION_KEY: 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=',
    };
    expect(problemsOf(() => loadBotConfig({ ...open, BUYER_PAYMENT: 'none' }))).toEqual([
      expect.stringMatching(/ACCESS_MODE=open needs BUYER_PAYMENT=wallet when NODE_ENV=production/),
    ]);
    expect(loadBotConfig(open).shop.BUYER_PAYMENT).toBe('wallet');
    expect(
      loadBotConfig({ ...open, ACCESS_MODE: 'allowlist', BUYER_PAYMENT: 'none' }).shop.BUYER_PAYMENT,
    ).toBe('none');
    expect(loadBotConfig({ ...open, NODE_ENV: 'development', BUYER_PAYMENT: 'none' }).shop.ACCESS_MODE).toBe(
      'open',
    );
  });
});

describe('SHOP_TIMEZONE', () => {
  it('defaults to the provider’s home zone', () => {
    expect(shopTimeZoneName(parseEnv(shopEnvShape, {}), 'iimmpact')).toBe('Asia/Kuala_Lumpur');
    expect(shopTimeZoneName(parseEnv(shopEnvShape, { SHOP_TIMEZONE: '' }), 'iak')).toBe('Asia/Jakarta');
  });

  it('takes any IANA zone name', () => {
    const shop = parseEnv(shopEnvShape, { SHOP_TIMEZONE: ' Asia/Makassar ' });
    expect(shop.SHOP_TIMEZONE).toBe('Asia/Makassar');
    expect(shopTimeZoneName(shop, 'iak')).toBe('Asia/Makassar');
    expect(parseEnv(shopEnvShape, { SHOP_TIMEZONE: 'Europe/London' }).SHOP_TIMEZONE).toBe('Europe/London');
  });

  it.each(['WIB', 'Asia/Atlantis', '+07:00', 'GMT+7 '])('refuses %s', (value) => {
    expect(problemsOf(() => parseEnv(shopEnvShape, { SHOP_TIMEZONE: value })).join()).toMatch(
      /SHOP_TIMEZONE must be an IANA time zone name/,
    );
  });
});

describe('PRIVACY_POLICY_URL', () => {
  it('takes an https link, trimmed, and is unset by default', () => {
    expect(parseEnv(shopEnvShape, {}).PRIVACY_POLICY_URL).toBeUndefined();
    expect(
      parseEnv(shopEnvShape, { PRIVACY_POLICY_URL: ' https://shop.example/privacy ' }).PRIVACY_POLICY_URL,
    ).toBe('https://shop.example/privacy');
  });

  it.each(['http://shop.example/privacy', 'shop.example/privacy', 'javascript:alert(1)'])(
    'refuses %s',
    (value) => {
      expect(problemsOf(() => parseEnv(shopEnvShape, { PRIVACY_POLICY_URL: value })).join()).toMatch(
        /PRIVACY_POLICY_URL must be an https URL/,
      );
    },
  );
});
