import { readFile } from 'node:fs/promises';
import type { BotConfig, PayinConfig } from '../config/env.js';
import type { Currency } from '../payments/money.js';
import type { PaymentProvider } from '../payments/provider.js';
import { systemClock } from '../platform/clock.js';
import { randomIds } from '../platform/ids.js';
import type { Logger } from '../platform/logger.js';
import { createLogger } from '../platform/logger.js';
import { createMetrics } from '../platform/metrics.js';
import type { LaneBudget } from '../platform/rate-limiter.js';
import { realSleep } from '../platform/sleep.js';
import { openStores } from '../store/index.js';
import { createPinCipher, decodeDataKey, type PinCipher } from '../store/pin-cipher.js';
import type { PricingRuleStore } from '../store/ports.js';
import { PricingRulesError } from '../wallet/pricing.js';
import { seedPricingRules } from '../wallet/pricing-seed.js';
import {
  createConfiguredProvider,
  createProviderRateLimiter,
  defaultCallbackSources,
  providerCurrency,
  providerSecrets,
} from './provider-factory.js';
import { type App, type AppParts, type AppTuning, wireApp } from './wire-app.js';

/**
 * `npm start`'s application: the real parts opened from the configuration (the redacting logger,
 * the provider named by PAYMENT_PROVIDER, Redis or process-memory stores), wired by `wireApp`.
 */
export interface OpenOptions {
  /** Use this provider instead of building one from the configuration. */
  provider?: PaymentProvider;
  /** Where log lines go; stdout by default. */
  writeLog?: (line: string) => void;
  /** The provider budget shared by the replicas, instead of the provider's (PROVIDER_BUDGETS). */
  providerBudget?: LaneBudget;
  /** How long a call may wait for the budget before failing fast (MAX_BUDGET_WAIT_MS). */
  maxBudgetWaitMs?: number;
}

/** Every secret value in the configuration, for the logger to scrub wherever it appears. */
export function logSecrets(config: BotConfig): string[] {
  return [
    config.telegram.TELEGRAM_BOT_TOKEN,
    ...(config.server.WEBHOOK_SECRET ? [config.server.WEBHOOK_SECRET] : []),
    ...(config.server.METRICS_TOKEN ? [config.server.METRICS_TOKEN] : []),
    ...providerSecrets(config.provider),
    ...payinSecrets(config.payins),
    ...redisPassword(config.redisUrl),
    ...(config.server.DATA_ENCRYPTION_KEY ? [config.server.DATA_ENCRYPTION_KEY] : []),
    ...(config.server.DATA_ENCRYPTION_PREVIOUS_KEYS ?? []),
  ];
}

/**
 * Billplz's API key and X Signature key: the key travels in every request's Authorization header
 * and the X Signature key signs callbacks, so either in a log line would let someone act as us.
 */
function payinSecrets(payins: PayinConfig | undefined): string[] {
  const billplz = payins?.billplz;
  return billplz ? [billplz.apiKey, billplz.xSignatureKey].filter((s) => s !== '') : [];
}

export async function openParts(config: BotConfig, options: OpenOptions = {}): Promise<AppParts> {
  const logger = createLogger({
    level: config.provider.logLevel,
    secrets: logSecrets(config),
    ...(options.writeLog ? { write: options.writeLog } : {}),
  });
  for (const warning of config.warnings ?? []) logger.warn(warning);
  const stores = await openStores({
    redisUrl: config.redisUrl,
    prefix: config.server.REDIS_KEY_PREFIX,
    currency: providerCurrency(config.provider),
    clock: systemClock,
    logger,
    requireDurable: config.server.NODE_ENV === 'production',
    ...pinCipherFrom(config, logger),
  });
  // The owner's price rules from PRICING_RULES_FILE, before anything can quote a price.
  if (config.shop.PRICING_RULES_FILE) {
    try {
      await seedPricingRulesFile(
        config.shop.PRICING_RULES_FILE,
        stores.pricing,
        providerCurrency(config.provider),
        logger,
      );
    } catch (error) {
      await stores.close().catch(() => {});
      throw error;
    }
  }
  return {
    config,
    logger,
    metrics: createMetrics(),
    provider:
      options.provider ??
      createConfiguredProvider(config.provider, logger, {
        rateLimiter: createProviderRateLimiter({
          provider: config.provider.provider,
          counters: stores.counters,
          clock: systemClock,
          sleep: realSleep,
          ...(options.providerBudget ? { budget: options.providerBudget } : {}),
          ...(options.maxBudgetWaitMs === undefined ? {} : { maxWaitMs: options.maxBudgetWaitMs }),
        }),
      }),
    stores,
    defaultCallbackSources: defaultCallbackSources(config.provider),
    clock: systemClock,
    ids: randomIds,
    sleep: realSleep,
  };
}

export async function createApp(
  config: BotConfig,
  options: OpenOptions & { tuning?: AppTuning } = {},
): Promise<App> {
  return wireApp(await openParts(config, options), options.tuning);
}

/**
 * Reads PRICING_RULES_FILE and seeds the rules when the store has never held any (seedPricingRules).
 * A file that cannot be read, or is not a valid rule set in the shop's currency, throws a
 * PricingRulesError naming the file and every problem: start-up stops rather than sell at cost.
 */
export async function seedPricingRulesFile(
  path: string,
  store: PricingRuleStore,
  currency: Currency,
  logger: Logger,
): Promise<void> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new PricingRulesError(`PRICING_RULES_FILE (${path}) cannot be read`, [
      error instanceof Error ? error.message : String(error),
    ]);
  }
  let outcome: Awaited<ReturnType<typeof seedPricingRules>>;
  try {
    outcome = await seedPricingRules(store, text, currency);
  } catch (error) {
    if (error instanceof PricingRulesError)
      throw new PricingRulesError(
        `PRICING_RULES_FILE (${path}) is not a valid price rule set`,
        error.problems,
      );
    throw error;
  }
  if (outcome.status === 'seeded')
    logger.info('price rules seeded from PRICING_RULES_FILE', { version: outcome.version });
  else
    logger.info('price rules already stored; PRICING_RULES_FILE checked but not applied', {
      version: outcome.version,
    });
}

function redisPassword(url: string | undefined): string[] {
  if (!url) return [];
  try {
    const password = decodeURIComponent(new URL(url).password);
    return password ? [password] : [];
  } catch {
    return [];
  }
}

/** PINs sealed with DATA_ENCRYPTION_KEY in Redis (pin-cipher.ts); kept as they are without a key. */
function pinCipherFrom(config: BotConfig, logger: Logger): { pins?: PinCipher } {
  const key = config.server.DATA_ENCRYPTION_KEY
    ? decodeDataKey(config.server.DATA_ENCRYPTION_KEY)
    : undefined;
  if (!key) {
    if (config.redisUrl)
      logger.warn('DATA_ENCRYPTION_KEY is not set: voucher PINs are stored in Redis as they are');
    return {};
  }
  const previousKeys = (config.server.DATA_ENCRYPTION_PREVIOUS_KEYS ?? [])
    .map(decodeDataKey)
    .filter((k): k is Buffer => k !== undefined);
  return { pins: createPinCipher({ key, previousKeys, logger }) };
}
