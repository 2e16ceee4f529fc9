import type { ProviderConfig } from '../config/env.js';
import type { PaymentProvider } from '../payments/provider.js';
import { IAK_CALLBACK_SOURCE_IPS } from '../payments/providers/iak/callback.js';
import { createIakProvider } from '../payments/providers/iak/provider.js';
import { IIMMPACT_CALLBACK_SOURCE_IPS } from '../payments/providers/iimmpact/callback.js';
import { createIimmpactProvider } from '../payments/providers/iimmpact/provider.js';
import type { Logger } from '../platform/logger.js';

/** The one place that picks a provider by name; everything downstream sees only PaymentProvider. */
export function createConfiguredProvider(config: ProviderConfig, logger: Logger): PaymentProvider {
  return config.provider === 'iimmpact'
    ? createIimmpactProvider({ ...config.iimmpact, logger })
    : createIakProvider({ ...config.iak, logger });
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
