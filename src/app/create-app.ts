import type { BotConfig } from '../config/env.js';
import type { PaymentProvider } from '../payments/provider.js';
import { systemClock } from '../platform/clock.js';
import { randomIds } from '../platform/ids.js';
import { createLogger } from '../platform/logger.js';
import { createMetrics } from '../platform/metrics.js';
import { realSleep } from '../platform/sleep.js';
import { openStores } from '../store/index.js';
import { createConfiguredProvider, defaultCallbackSources, providerSecrets } from './provider-factory.js';
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
}

export async function openParts(config: BotConfig, options: OpenOptions = {}): Promise<AppParts> {
  const secrets = [
    config.telegram.TELEGRAM_BOT_TOKEN,
    ...(config.server.WEBHOOK_SECRET ? [config.server.WEBHOOK_SECRET] : []),
    ...providerSecrets(config.provider),
    ...redisPassword(config.redisUrl),
  ];
  const logger = createLogger({
    level: config.provider.logLevel,
    secrets,
    ...(options.writeLog ? { write: options.writeLog } : {}),
  });
  const provider = options.provider ?? createConfiguredProvider(config.provider, logger);
  const stores = await openStores({
    redisUrl: config.redisUrl,
    prefix: config.server.REDIS_KEY_PREFIX,
    currency: provider.currency,
    clock: systemClock,
    logger,
    requireDurable: config.server.NODE_ENV === 'production',
  });
  return {
    config,
    logger,
    metrics: createMetrics(),
    provider,
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

function redisPassword(url: string | undefined): string[] {
  if (!url) return [];
  try {
    const password = decodeURIComponent(new URL(url).password);
    return password ? [password] : [];
  } catch {
    return [];
  }
}
