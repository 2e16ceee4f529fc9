import { z } from 'zod';
import { LOG_LEVELS } from '../platform/logger.js';

/**
 * The environment, parsed once at start-up. Each entry point loads only the sections it needs, and a
 * bad or missing value stops it with one message that lists every problem at once.
 */

export const IIMMPACT_PRODUCTION_BASE_URL = 'https://api.iimmpact.com/v2';

const httpUrl = z
  .string()
  .trim()
  .refine(
    (value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol),
    'must be an http(s) URL',
  );

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
  IIMMPACT_BASE_URL: httpUrl.default(IIMMPACT_PRODUCTION_BASE_URL),
  IIMMPACT_API_KEY: nonEmpty,
  IIMMPACT_HMAC_SECRET: base64Secret,
};

export const telegramEnvShape = {
  TELEGRAM_BOT_TOKEN: nonEmpty.regex(
    /^\d+:[A-Za-z0-9_-]{20,}$/,
    'must look like 123456789:ABC... (from @BotFather)',
  ),
  TELEGRAM_API_ROOT: httpUrl.optional(),
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
