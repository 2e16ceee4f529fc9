import { type IakSandbox, type IakSandboxOptions, startIakSandbox } from '../../sandbox/iak/index.js';
import { createIakClient, type IakClientOptions } from '../../src/payments/providers/iak/client.js';
import { createIakProvider } from '../../src/payments/providers/iak/provider.js';
import { unlimited } from '../../src/platform/rate-limiter.js';

/** Synthetic credentials for tests. */
export const TEST_IAK_USERNAME = '081299990001';
export const TEST_IAK_API_KEY = 'iak-test-key-for-sandbox-0001';

export async function startTestIakSandbox(options: Partial<IakSandboxOptions> = {}): Promise<IakSandbox> {
  return startIakSandbox({
    username: TEST_IAK_USERNAME,
    apiKey: TEST_IAK_API_KEY,
    timing: { processMs: 0 },
    callbackRetryDelayMs: 20,
    gatewayTimeoutMs: 50,
    ...options,
  });
}

/** Client options pointing at a sandbox, with fast backoff so retry tests stay quick. */
export function iakOptionsFor(
  sandbox: IakSandbox,
  options: Partial<IakClientOptions> = {},
): IakClientOptions {
  return {
    baseUrl: sandbox.url,
    username: TEST_IAK_USERNAME,
    apiKey: TEST_IAK_API_KEY,
    rateLimiter: unlimited,
    backoffBaseMs: 5,
    backoffMaxMs: 20,
    ...options,
  };
}

export function iakClientFor(sandbox: IakSandbox, options: Partial<IakClientOptions> = {}) {
  return createIakClient(iakOptionsFor(sandbox, options));
}

export function iakProviderFor(sandbox: IakSandbox, options: Partial<IakClientOptions> = {}) {
  return createIakProvider(iakOptionsFor(sandbox, options));
}

export { testRefid, waitFor } from './iimmpact.js';
