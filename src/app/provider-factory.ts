import { PROVIDER_CURRENCIES, type ProviderConfig } from '../config/env.js';
import type { Currency } from '../payments/money.js';
import type { PaymentProvider } from '../payments/provider.js';
import { IAK_CALLBACK_SOURCE_IPS } from '../payments/providers/iak/callback.js';
import { createIakProvider } from '../payments/providers/iak/provider.js';
import { IIMMPACT_CALLBACK_SOURCE_IPS } from '../payments/providers/iimmpact/callback.js';
import { createIimmpactProvider } from '../payments/providers/iimmpact/provider.js';
import type { Clock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import {
  createSharedRateLimiter,
  type LaneBudget,
  type RateLimiter,
  splitBudget,
  type WindowCounter,
} from '../platform/rate-limiter.js';
import type { Sleep } from '../platform/sleep.js';

/** The one place that picks a provider by name; everything downstream sees only PaymentProvider. */
export function createConfiguredProvider(
  config: ProviderConfig,
  logger: Logger,
  options: { rateLimiter?: RateLimiter } = {},
): PaymentProvider {
  const tuning = options.rateLimiter ? { rateLimiter: options.rateLimiter } : {};
  return config.provider === 'iimmpact'
    ? createIimmpactProvider({ ...config.iimmpact, logger, ...tuning })
    : createIakProvider({ ...config.iak, logger, ...tuning });
}

/**
 * What we allow ourselves per provider, across every replica behind the same IP. IIMMPACT allows
 * 30,000 requests per 5 minutes per IP (a breach blocks the IP for 4 hours): we budget 20,000. IAK
 * documents no figure; 600 a minute is our own ceiling.
 */
export const PROVIDER_BUDGETS: Record<ProviderConfig['provider'], LaneBudget> = {
  iimmpact: { limit: 20_000, windowMs: 5 * 60_000 },
  iak: { limit: 600, windowMs: 60_000 },
};

/** A call that would wait longer than this for the budget fails fast as "unavailable". */
export const MAX_BUDGET_WAIT_MS = 3_000;

/**
 * The provider's rate limiter: its budget counted in the shared counter store (Redis in
 * production), split into a payment lane (payments and status re-queries, 60%) and a read lane
 * (catalog, bills, balance, probes), so reads can never hold up money-path calls.
 */
export function createProviderRateLimiter(deps: {
  provider: ProviderConfig['provider'];
  counters: WindowCounter;
  clock: Clock;
  sleep: Sleep;
  budget?: LaneBudget;
  maxWaitMs?: number;
}): RateLimiter {
  return createSharedRateLimiter({
    counters: deps.counters,
    name: deps.provider,
    budgets: splitBudget(deps.budget ?? PROVIDER_BUDGETS[deps.provider]),
    maxWaitMs: deps.maxWaitMs ?? MAX_BUDGET_WAIT_MS,
    clock: deps.clock,
    sleep: deps.sleep,
  });
}

/** The provider's documented callback source addresses (the default callback allowlist). */
export function defaultCallbackSources(config: ProviderConfig): readonly string[] {
  return config.provider === 'iimmpact' ? IIMMPACT_CALLBACK_SOURCE_IPS : IAK_CALLBACK_SOURCE_IPS;
}

/** Secret values to scrub from every log line. */
export function providerSecrets(config: ProviderConfig): string[] {
  return config.provider === 'iimmpact'
    ? [config.iimmpact.apiKey, config.iimmpact.hmacSecret]
    : [config.iak.apiKey];
}

/** The shop's currency: the one its provider sells in (wallets and prices are kept in it). */
export function providerCurrency(config: ProviderConfig): Currency {
  return PROVIDER_CURRENCIES[config.provider];
}
