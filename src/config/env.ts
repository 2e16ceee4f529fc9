import { isIP } from 'node:net';
import { z } from 'zod';
import {
  type Currency,
  largestMoney,
  MINOR_DIGITS,
  parseDecimalToMinor,
  toDecimalString,
} from '../payments/money.js';
import { malformedAddressEntries, splitAddressList } from '../platform/ip-list.js';
import { LOG_LEVELS } from '../platform/logger.js';
import { decodeDataKey } from '../store/pin-cipher.js';

/**
 * The environment, parsed once at start-up. Each entry point loads only the sections it needs, and a
 * bad or missing value stops it with one message that lists every problem at once.
 */

export const IIMMPACT_PRODUCTION_BASE_URL = 'https://api.iimmpact.com/v2';

/** IAK's recommended production host for the prepaid API (spec §1); its sandbox is https://prepaid.iak.dev. */
export const IAK_PRODUCTION_BASE_URL = 'https://prepaid.iak.id';

/** The payment providers the shop can run on. */
export const PAYMENT_PROVIDERS = ['iimmpact', 'iak'] as const;
export type PaymentProviderName = (typeof PAYMENT_PROVIDERS)[number];

/** The currency each provider sells in: the shop's wallets, prices and amount settings are in it. */
export const PROVIDER_CURRENCIES: Readonly<Record<PaymentProviderName, Currency>> = {
  iimmpact: 'MYR',
  iak: 'IDR',
};

/**
 * Loopback hosts, compared exactly: `localhost`, 127.0.0.0/8 and ::1. A prefix match would let
 * `http://localhost.evil.example` or `http://127.0.0.1.evil.example` through.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host === '[::1]' || host === '::1') return true;
  return isIP(host) === 4 && host.split('.')[0] === '127';
}

/**
 * An https URL; plain http only for a loopback host (the sandboxes, a Bot API stand-in, a proxy on
 * the same machine). Keys, signatures and the bot token must never cross a network in clear.
 */
const secureUrl = z
  .string()
  .trim()
  .refine((value) => {
    if (!URL.canParse(value)) return false;
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
  }, 'must be an https URL (plain http is allowed only for localhost, 127.0.0.0/8 and ::1)');

const nonEmpty = z.string().trim().min(1, 'is required');

const base64Secret = nonEmpty.refine(
  (value) => /^[A-Za-z0-9+/]+={0,2}$/.test(value) && value.length % 4 === 0,
  'must be the Base64 secret exactly as the IIMMPACT dashboard shows it',
);

const userIdList = z
  .string()
  .trim()
  .default('')
  .refine(
    (value) => value === '' || /^\d+(\s*,\s*\d+)*$/.test(value),
    'must be Telegram user ids separated by commas',
  )
  .transform((value) => (value === '' ? [] : value.split(',').map((id) => Number(id.trim()))));

const port = z.coerce.number().int().min(0).max(65_535);

export const commonEnvShape = {
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
};

export const iimmpactEnvShape = {
  IIMMPACT_BASE_URL: secureUrl.default(IIMMPACT_PRODUCTION_BASE_URL),
  IIMMPACT_API_KEY: nonEmpty,
  IIMMPACT_HMAC_SECRET: base64Secret,
};

export const providerEnvShape = {
  PAYMENT_PROVIDER: z.enum(PAYMENT_PROVIDERS).default('iimmpact'),
};

export const iakEnvShape = {
  IAK_BASE_URL: secureUrl.default(IAK_PRODUCTION_BASE_URL),
  IAK_USERNAME: nonEmpty.regex(
    /^\+?\d{6,20}$/,
    'must be the phone number registered at IAK, e.g. 081234567890',
  ),
  IAK_API_KEY: nonEmpty,
};

export const telegramEnvShape = {
  TELEGRAM_BOT_TOKEN: nonEmpty.regex(
    /^\d+:[A-Za-z0-9_-]{20,}$/,
    'must look like 123456789:ABC... (from @BotFather)',
  ),
  TELEGRAM_API_ROOT: secureUrl.optional(),
  ADMIN_USER_IDS: userIdList,
};

export const redisEnvShape = {
  REDIS_URL: z
    .string()
    .trim()
    .refine(
      (value) => /^rediss?:\/\//.test(value) && URL.canParse(value),
      'must be a redis:// or rediss:// URL',
    )
    .optional(),
};

export const sandboxEnvShape = {
  SANDBOX_PORT: port.default(8787),
  /** Which provider `npm run sandbox` simulates (overridden by --provider). */
  SANDBOX_PROVIDER: z.enum(PAYMENT_PROVIDERS).default('iimmpact'),
  /** Port of the Billplz sandbox that `npm run sandbox -- --billplz` starts beside the provider's. */
  BILLPLZ_SANDBOX_PORT: port.default(8788),
};

export class ConfigError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

type Env = Record<string, string | undefined>;

/**
 * Parses `env` against a shape. Empty strings count as unset, so `FOO=` in a .env file falls back to
 * the default instead of failing validation.
 */
export function parseEnv<Shape extends z.ZodRawShape>(shape: Shape, env: Env): z.output<z.ZodObject<Shape>> {
  const present: Env = {};
  for (const key of Object.keys(shape)) {
    const value = env[key];
    if (value !== undefined && value.trim() !== '') present[key] = value;
  }
  const result = z.object(shape).safeParse(present);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const key = issue.path.join('.');
    const message =
      issue.code === 'invalid_type' && present[key] === undefined ? 'is required' : issue.message;
    return `${key} ${message}`;
  });
  throw new ConfigError(problems);
}

export interface IimmpactConfig {
  baseUrl: string;
  apiKey: string;
  hmacSecret: string;
}

export function loadIimmpactConfig(env: Env): {
  logLevel: z.infer<typeof commonEnvShape.LOG_LEVEL>;
  iimmpact: IimmpactConfig;
} {
  const parsed = parseEnv({ ...commonEnvShape, ...iimmpactEnvShape }, env);
  return {
    logLevel: parsed.LOG_LEVEL,
    iimmpact: {
      baseUrl: parsed.IIMMPACT_BASE_URL,
      apiKey: parsed.IIMMPACT_API_KEY,
      hmacSecret: parsed.IIMMPACT_HMAC_SECRET,
    },
  };
}

export interface IakConfig {
  baseUrl: string;
  username: string;
  apiKey: string;
}

export type ProviderConfig = { logLevel: z.infer<typeof commonEnvShape.LOG_LEVEL> } & (
  | { provider: 'iimmpact'; iimmpact: IimmpactConfig }
  | { provider: 'iak'; iak: IakConfig }
);

/** Runs several parses, keeping going after a failure so every problem can be reported together. */
function problemCollector() {
  const problems: string[] = [];
  const attempt = <T>(parse: () => T): T | undefined => {
    try {
      return parse();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.problems);
      return undefined;
    }
  };
  return { problems, attempt };
}

/**
 * The payment provider the shop runs on (PAYMENT_PROVIDER, default iimmpact) and its settings: the
 * IIMMPACT variables are required only for iimmpact and the IAK ones only for iak. Every problem is
 * listed at once, including those of the chosen provider when PAYMENT_PROVIDER itself is valid.
 */
export function loadProviderConfig(env: Env): ProviderConfig {
  const { problems, attempt } = problemCollector();
  const common = attempt(() => parseEnv(commonEnvShape, env));
  const provider = attempt(() => parseEnv(providerEnvShape, env))?.PAYMENT_PROVIDER;
  const iimmpact = provider === 'iimmpact' ? attempt(() => parseEnv(iimmpactEnvShape, env)) : undefined;
  const iak = provider === 'iak' ? attempt(() => parseEnv(iakEnvShape, env)) : undefined;
  if (problems.length > 0 || common === undefined) throw new ConfigError(problems);
  const logLevel = common.LOG_LEVEL;
  if (iimmpact !== undefined) {
    return {
      logLevel,
      provider: 'iimmpact',
      iimmpact: {
        baseUrl: iimmpact.IIMMPACT_BASE_URL,
        apiKey: iimmpact.IIMMPACT_API_KEY,
        hmacSecret: iimmpact.IIMMPACT_HMAC_SECRET,
      },
    };
  }
  if (iak !== undefined) {
    return {
      logLevel,
      provider: 'iak',
      iak: { baseUrl: iak.IAK_BASE_URL, username: iak.IAK_USERNAME, apiKey: iak.IAK_API_KEY },
    };
  }
  throw new ConfigError(['PAYMENT_PROVIDER could not be read']);
}

const DECIMAL_AMOUNT = /^\d+(\.\d{1,2})?$/;

/** Decimal amounts in the provider's currency, e.g. "500" or "500.00"; converted to minor units later. */
const decimalAmount = z.string().trim().regex(DECIMAL_AMOUNT, 'must be an amount such as 500 or 500.00');

/** A cap (per order, per admin adjustment): zero would refuse everything it guards. */
const capAmount = decimalAmount.refine((value) => /[1-9]/.test(value), 'must be above 0');

/** IPv4/IPv6 addresses and CIDR ranges separated by commas; a malformed entry is named. */
const addressList = z
  .string()
  .trim()
  .transform(splitAddressList)
  .superRefine((entries, ctx) => {
    const bad = malformedAddressEntries(entries);
    if (bad.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `must be IP addresses or CIDR ranges (e.g. 203.0.113.7, 10.0.0.0/8, 2001:db8::/32) separated by commas; not one: ${bad.map((b) => JSON.stringify(b)).join(', ')}`,
      });
    }
  });

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** Who may buy, how much, and when the owner is alerted. */
export const shopEnvShape = {
  ACCESS_MODE: z.enum(['allowlist', 'open']).default('allowlist'),
  ALLOWED_USER_IDS: userIdList,
  USER_DAILY_LIMIT_AMOUNT: decimalAmount.optional(),
  USER_DAILY_LIMIT_COUNT: z.coerce.number().int().min(1).optional(),
  LOW_BALANCE_THRESHOLD: decimalAmount.optional(),
  /**
   * JomPAY is off unless the owner turns it on: the provider requires eKYC of every JomPAY payer, so
   * only buyers an admin has verified with /verify may then pay JomPAY.
   */
  JOMPAY_ENABLED: booleanFlag.default(false),
  /**
   * The most one order may cost, in the provider's currency. Always applies: unset means the
   * default for the currency (see DEFAULT_MAX_ORDER_AMOUNT).
   */
  MAX_ORDER_AMOUNT: capAmount.optional(),
  /**
   * The most one admin /credit or /debit may move, a guard against a slipped finger. Unset means
   * the default for the currency (see DEFAULT_ADMIN_ADJUST_MAX_AMOUNT).
   */
  ADMIN_ADJUST_MAX_AMOUNT: capAmount.optional(),
  /**
   * A JSON price rule set (margins and fees) applied at start-up only while the store has never held
   * rules: an admin's later edits are never overwritten. See seedPricingRules.
   */
  PRICING_RULES_FILE: z.string().trim().min(1).optional(),
  /**
   * How buyers pay: `wallet` (the price is debited from their shop wallet at Confirm, and returned if
   * the order fails), or `none` (the shop takes no payment: only for a closed circle of buyers).
   */
  BUYER_PAYMENT: z.enum(['wallet', 'none']).default('wallet'),
  /** Smallest and largest top-up by bank transfer, in the shop's currency. */
  TOPUP_MIN_AMOUNT: decimalAmount.default('10.00'),
  TOPUP_MAX_AMOUNT: decimalAmount.default('1000.00'),
  /** The shop's payment instructions (bank, account number, name); top-ups by transfer are off without it. */
  TOPUP_INSTRUCTIONS: z.string().trim().min(1).max(2000).optional(),
  /** A QR image file sent above the instructions (a DuitNow QR, say). */
  TOPUP_QR_IMAGE: z.string().trim().min(1).optional(),
  /** Hours a claim waits for an admin before it expires and can no longer be approved. */
  TOPUP_CLAIM_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(24),
  /** Demo only: an admin may approve their own top-up claim. */
  TOPUP_ALLOW_SELF_APPROVAL: booleanFlag.default(false),
  /**
   * When the daily reconciliation of yesterday runs, `HH:MM` in shop time (Malaysia for IIMMPACT,
   * Jakarta for IAK). Unset: no daily run (admins can still /reconcile).
   */
  RECONCILE_AT: z
    .string()
    .trim()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day HH:MM, e.g. 03:30')
    .optional(),
  /**
   * The shop's IANA time zone: receipt times and the daily limits' midnight. Unset: Asia/Kuala_Lumpur
   * for IIMMPACT, Asia/Jakarta for IAK.
   */
  SHOP_TIMEZONE: z
    .string()
    .trim()
    .refine(isIanaTimeZone, 'must be an IANA time zone name, e.g. Asia/Jakarta or Asia/Kuala_Lumpur')
    .optional(),
  /** The shop's own privacy policy, linked under the summary that /privacy shows. */
  PRIVACY_POLICY_URL: secureUrl.optional(),
};

/** Whether this Node knows `name` as an IANA time zone (offsets such as "+07:00" are refused). */
function isIanaTimeZone(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Each provider's home zone: where its buyers are when SHOP_TIMEZONE is unset. */
export const DEFAULT_SHOP_TIMEZONES: Readonly<Record<PaymentProviderName, string>> = {
  iimmpact: 'Asia/Kuala_Lumpur',
  iak: 'Asia/Jakarta',
};

/** The shop's time zone: SHOP_TIMEZONE, or the home zone of the provider (by its id, e.g. "iak"). */
export function shopTimeZoneName(shop: Pick<ShopPolicyConfig, 'SHOP_TIMEZONE'>, providerId: string): string {
  const home = (DEFAULT_SHOP_TIMEZONES as Readonly<Record<string, string>>)[providerId];
  return shop.SHOP_TIMEZONE ?? home ?? DEFAULT_SHOP_TIMEZONES.iimmpact;
}

const dataKey = z
  .string()
  .trim()
  .refine(
    (value) => decodeDataKey(value) !== undefined,
    'must be Base64 of 32 bytes (openssl rand -base64 32)',
  );

/** How the process meets the world: polling or webhook, and its HTTP server. */
export const serverEnvShape = {
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  WEBHOOK_URL: secureUrl.optional(),
  WEBHOOK_SECRET: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{16,256}$/, 'must be 16 to 256 characters of A-Z, a-z, 0-9, _ and -')
    .optional(),
  PORT: port.default(8080),
  /** Source addresses allowed to post provider callbacks; the provider's documented ones by default. */
  CALLBACK_ALLOWED_IPS: addressList.optional(),
  /**
   * Reverse proxies you run (addresses or CIDR ranges): X-Forwarded-For is read only on connections
   * from them, and then its right-most hop that is not one of them is the caller.
   */
  TRUSTED_PROXIES: addressList.default([]),
  /** When set, /readyz and /metrics are served only on this port (their own server), not on PORT. */
  INTERNAL_PORT: port.optional(),
  /** When set, /readyz and /metrics require `Authorization: Bearer <token>`. */
  METRICS_TOKEN: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.~+/=-]{16,256}$/, 'must be 16 to 256 characters of A-Z, a-z, 0-9 and _.~+/=-')
    .optional(),
  REDIS_KEY_PREFIX: z.string().trim().min(1).default('shopbot:'),
  /**
   * Base64 of 32 random bytes (`openssl rand -base64 32`): voucher PINs are sealed with it in Redis.
   * Required in production. To rotate, move the old key to DATA_ENCRYPTION_PREVIOUS_KEYS.
   */
  DATA_ENCRYPTION_KEY: dataKey.optional(),
  /** Earlier keys, comma-separated: still used to open PINs sealed before a rotation. */
  DATA_ENCRYPTION_PREVIOUS_KEYS: z
    .string()
    .trim()
    .transform((value) =>
      value
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean),
    )
    .refine(
      (keys) => keys.every((key) => decodeDataKey(key) !== undefined),
      'each must be Base64 of 32 bytes',
    )
    .optional(),
};

export type ShopPolicyConfig = z.output<z.ZodObject<typeof shopEnvShape>>;
export type ServerConfig = z.output<z.ZodObject<typeof serverEnvShape>>;

export interface BotConfig {
  provider: ProviderConfig;
  telegram: z.output<z.ZodObject<typeof telegramEnvShape>>;
  redisUrl: string | undefined;
  shop: ShopPolicyConfig;
  server: ServerConfig;
  /** Billplz and Stars top-ups (each off unless configured). */
  payins?: PayinConfig;
  /** Settings that were read but are ignored; logged at start-up. */
  warnings?: readonly string[];
}

/** Variables that are no longer read, and what replaced them. */
const RETIRED_VARIABLES: Record<string, string> = {
  TRUST_PROXY:
    'TRUST_PROXY is ignored: it trusted X-Forwarded-For from anyone. List your reverse proxies in TRUSTED_PROXIES instead (addresses or CIDR ranges).',
};

/**
 * Everything `npm start` needs, every problem listed at once. Production (NODE_ENV=production)
 * also requires Redis and refuses a shop open to anyone that takes no payment; webhook mode
 * requires WEBHOOK_SECRET.
 */
export function loadBotConfig(env: Env): BotConfig {
  const { problems, attempt } = problemCollector();
  const provider = attempt(() => loadProviderConfig(env));
  const telegram = attempt(() => parseEnv(telegramEnvShape, env));
  const redis = attempt(() => parseEnv(redisEnvShape, env));
  const shop = attempt(() => parseEnv(shopEnvShape, env));
  const server = attempt(() => parseEnv(serverEnvShape, env));
  const payins = attempt(() => loadPayinConfig(env));
  // Read from the raw values, so these are reported even when another setting failed to parse.
  const raw = (name: string) => env[name]?.trim() || undefined;
  if (raw('NODE_ENV') === 'production' && !raw('REDIS_URL')) {
    problems.push('REDIS_URL is required when NODE_ENV=production');
  }
  if (raw('NODE_ENV') === 'production' && !raw('DATA_ENCRYPTION_KEY')) {
    problems.push(
      'DATA_ENCRYPTION_KEY is required when NODE_ENV=production: voucher PINs are sealed with it in Redis',
    );
  }
  if (raw('NODE_ENV') === 'production' && raw('ACCESS_MODE') === 'open' && raw('BUYER_PAYMENT') === 'none') {
    problems.push(
      'ACCESS_MODE=open needs BUYER_PAYMENT=wallet when NODE_ENV=production: anyone could buy at the shop’s expense',
    );
  }
  if (raw('WEBHOOK_URL') && !raw('WEBHOOK_SECRET')) {
    problems.push('WEBHOOK_SECRET is required when WEBHOOK_URL is set');
  }
  if (
    raw('NODE_ENV') === 'production' &&
    raw('ACCESS_MODE') === 'open' &&
    (!raw('USER_DAILY_LIMIT_AMOUNT') || !raw('USER_DAILY_LIMIT_COUNT'))
  ) {
    problems.push(
      'USER_DAILY_LIMIT_AMOUNT and USER_DAILY_LIMIT_COUNT are required when NODE_ENV=production and ACCESS_MODE=open: anyone can buy from an open shop',
    );
  }
  const providerName = providerEnvShape.PAYMENT_PROVIDER.safeParse(raw('PAYMENT_PROVIDER'));
  if (providerName.success) problems.push(...amountProblems(raw, PROVIDER_CURRENCIES[providerName.data]));
  const internalPort = raw('INTERNAL_PORT');
  if (internalPort && internalPort !== '0' && Number(internalPort) === Number(raw('PORT') ?? '8080')) {
    problems.push('INTERNAL_PORT must differ from PORT');
  }
  if (problems.length > 0 || !provider || !telegram || !redis || !shop || !server)
    throw new ConfigError(problems);
  const warnings = Object.entries(RETIRED_VARIABLES)
    .filter(([name]) => raw(name) !== undefined)
    .map(([, warning]) => warning);
  return {
    provider,
    telegram,
    redisUrl: redis.REDIS_URL,
    shop,
    server,
    ...(payins ? { payins } : {}),
    warnings,
  };
}

/** The shop's amount settings, read in the provider's currency (see amountProblems). */
const SHOP_AMOUNTS = [
  'USER_DAILY_LIMIT_AMOUNT',
  'LOW_BALANCE_THRESHOLD',
  'MAX_ORDER_AMOUNT',
  'ADMIN_ADJUST_MAX_AMOUNT',
  'TOPUP_MIN_AMOUNT',
  'TOPUP_MAX_AMOUNT',
] as const satisfies ReadonlyArray<keyof typeof shopEnvShape>;

/**
 * What the amount settings mean only with the currency known: rupiah have no cents, so "500.50" in
 * an IDR shop would be rounded silently; and an amount must fit what Money counts exactly, or the
 * wiring would throw a RangeError instead of naming the setting. Malformed values are left to the
 * schema, which names them already.
 */
function amountProblems(raw: (name: string) => string | undefined, currency: Currency): string[] {
  const problems: string[] = [];
  for (const name of SHOP_AMOUNTS) {
    const value = raw(name);
    if (value === undefined || !DECIMAL_AMOUNT.test(value)) continue;
    const [whole = '', fraction = ''] = value.split('.');
    if (MINOR_DIGITS[currency] === 0 && /[1-9]/.test(fraction)) {
      problems.push(`${name} must be whole rupiah (the provider sells in IDR), e.g. ${whole}`);
    } else if (parseDecimalToMinor(value, currency) === undefined) {
      problems.push(
        `${name} must be at most ${toDecimalString(largestMoney(currency))} (the most the shop can count in ${currency})`,
      );
    }
  }
  return problems;
}

// ---------------------------------------------------------------- top-ups that settle themselves

/** Billplz production API (spec §1); its sandbox is https://www.billplz-sandbox.com/api. */
export const BILLPLZ_PRODUCTION_BASE_URL = 'https://www.billplz.com/api';

/** Top-ups paid online through Billplz bills; off unless the API key, X-Signature key and collection are set. */
export const billplzEnvShape = {
  BILLPLZ_API_KEY: z.string().trim().min(1).optional(),
  BILLPLZ_X_SIGNATURE_KEY: z.string().trim().min(1).optional(),
  BILLPLZ_COLLECTION_ID: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a Billplz collection id')
    .optional(),
  BILLPLZ_BASE_URL: secureUrl.default(BILLPLZ_PRODUCTION_BASE_URL),
  /** The shop's e-mail put on each bill (Billplz requires an e-mail or a mobile; bills are not e-mailed). */
  BILLPLZ_EMAIL: z.email('must be an e-mail address').optional(),
  /** Where Billplz posts callbacks; WEBHOOK_URL's origin + /callbacks/billplz by default. */
  BILLPLZ_CALLBACK_URL: secureUrl.optional(),
  /** Where the buyer's browser goes after paying; only triggers a re-read of the bill. */
  BILLPLZ_REDIRECT_URL: secureUrl.optional(),
  /** Minutes an unpaid bill stays payable before it is deleted. */
  BILLPLZ_BILL_LIFETIME_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(30 * 24 * 60)
    .default(60),
  /** Source addresses allowed to post Billplz callbacks; Billplz publishes none, so any by default. */
  BILLPLZ_CALLBACK_ALLOWED_IPS: addressList.optional(),
};

/** Top-ups paid with Telegram Stars; off unless STARS_PER_UNIT is set. */
export const starsEnvShape = {
  /** Stars per RM 1 (MYR shops) or per Rp 1,000 (IDR shops); the price is rounded up to whole Stars. */
  STARS_PER_UNIT: z.coerce.number().positive().max(100_000).optional(),
  /** Minutes a Stars invoice can be paid before pre-checkout declines it. */
  STARS_INVOICE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  /** How buyers reach the shop about a payment (/paysupport); an @username, e-mail or link. */
  PAY_SUPPORT_CONTACT: z.string().trim().min(1).max(200).optional(),
};

export type BillplzEnv = z.output<z.ZodObject<typeof billplzEnvShape>>;
export type StarsEnv = z.output<z.ZodObject<typeof starsEnvShape>>;

export interface BillplzConfig {
  apiKey: string;
  xSignatureKey: string;
  collectionId: string;
  baseUrl: string;
  email: string;
  callbackUrl: string;
  redirectUrl?: string;
  billLifetimeMs: number;
  callbackAllowedIps?: string[];
}

export interface StarsConfig {
  starsPerUnit: number;
  invoiceTtlMs: number;
  supportContact?: string;
}

/** The self-settling top-up methods as configured; each is undefined when off. */
export interface PayinConfig {
  billplz?: BillplzConfig;
  stars?: StarsConfig;
  /** Read even when Stars is off: /paysupport answers either way. */
  supportContact?: string;
}

export const BILLPLZ_CALLBACK_PATH = '/callbacks/billplz';
export const BILLPLZ_REDIRECT_PATH = '/billplz/return';

/**
 * BILLPLZ_* and STARS_* as the app's top-up methods, every problem at once. Billplz needs its key,
 * X-Signature key, collection and e-mail together, and a callback URL (its own, or WEBHOOK_URL's).
 */
export function loadPayinConfig(env: Env): PayinConfig {
  const { problems, attempt } = problemCollector();
  const billplz = attempt(() => parseEnv(billplzEnvShape, env));
  const stars = attempt(() => parseEnv(starsEnvShape, env));
  const webhookUrl = env.WEBHOOK_URL?.trim() || undefined;
  const config: PayinConfig = {};
  if (billplz) {
    const wanted = [billplz.BILLPLZ_API_KEY, billplz.BILLPLZ_X_SIGNATURE_KEY, billplz.BILLPLZ_COLLECTION_ID];
    if (wanted.some((v) => v !== undefined)) {
      const missing = (
        [
          ['BILLPLZ_API_KEY', billplz.BILLPLZ_API_KEY],
          ['BILLPLZ_X_SIGNATURE_KEY', billplz.BILLPLZ_X_SIGNATURE_KEY],
          ['BILLPLZ_COLLECTION_ID', billplz.BILLPLZ_COLLECTION_ID],
          ['BILLPLZ_EMAIL', billplz.BILLPLZ_EMAIL],
        ] as const
      ).filter(([, v]) => v === undefined);
      for (const [name] of missing) problems.push(`${name} is required when Billplz top-ups are on`);
      let callbackUrl = billplz.BILLPLZ_CALLBACK_URL;
      if (!callbackUrl && webhookUrl && URL.canParse(webhookUrl))
        callbackUrl = new URL(BILLPLZ_CALLBACK_PATH, webhookUrl).toString();
      if (!callbackUrl)
        problems.push('BILLPLZ_CALLBACK_URL (or WEBHOOK_URL) is required when Billplz top-ups are on');
      if (
        missing.length === 0 &&
        callbackUrl &&
        billplz.BILLPLZ_API_KEY &&
        billplz.BILLPLZ_X_SIGNATURE_KEY &&
        billplz.BILLPLZ_COLLECTION_ID &&
        billplz.BILLPLZ_EMAIL
      ) {
        config.billplz = {
          apiKey: billplz.BILLPLZ_API_KEY,
          xSignatureKey: billplz.BILLPLZ_X_SIGNATURE_KEY,
          collectionId: billplz.BILLPLZ_COLLECTION_ID,
          baseUrl: billplz.BILLPLZ_BASE_URL,
          email: billplz.BILLPLZ_EMAIL,
          callbackUrl,
          ...(billplz.BILLPLZ_REDIRECT_URL ? { redirectUrl: billplz.BILLPLZ_REDIRECT_URL } : {}),
          billLifetimeMs: billplz.BILLPLZ_BILL_LIFETIME_MINUTES * 60_000,
          ...(billplz.BILLPLZ_CALLBACK_ALLOWED_IPS
            ? { callbackAllowedIps: billplz.BILLPLZ_CALLBACK_ALLOWED_IPS }
            : {}),
        };
      }
    }
  }
  if (stars) {
    if (stars.PAY_SUPPORT_CONTACT) config.supportContact = stars.PAY_SUPPORT_CONTACT;
    if (stars.STARS_PER_UNIT !== undefined)
      config.stars = {
        starsPerUnit: stars.STARS_PER_UNIT,
        invoiceTtlMs: stars.STARS_INVOICE_MINUTES * 60_000,
        ...(stars.PAY_SUPPORT_CONTACT ? { supportContact: stars.PAY_SUPPORT_CONTACT } : {}),
      };
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
