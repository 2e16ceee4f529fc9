import {
  type IimmpactSandbox,
  type IimmpactSandboxOptions,
  startIimmpactSandbox,
} from '../../sandbox/iimmpact/index.js';
import {
  createIimmpactClient,
  type IimmpactClientOptions,
} from '../../src/payments/providers/iimmpact/client.js';
import { unlimited } from '../../src/platform/rate-limiter.js';

/** Synthetic credentials for tests; the secret decodes to "sandbox secret used by tests". */
export const TEST_API_KEY = 'test-api-key-for-sandbox';
export const TEST_READ_ONLY_KEY = 'test-read-only-key-for-sandbox';
export const TEST_HMAC_SECRET = Buffer.from('sandbox secret used by tests').toString('base64');

export async function startTestSandbox(
  options: Partial<IimmpactSandboxOptions> = {},
): Promise<IimmpactSandbox> {
  return startIimmpactSandbox({
    apiKey: TEST_API_KEY,
    hmacSecret: TEST_HMAC_SECRET,
    readOnlyApiKey: TEST_READ_ONLY_KEY,
    timing: { acceptedMs: 0, processingMs: 0 },
    callbackRetryDelayMs: 20,
    gatewayTimeoutMs: 50,
    ...options,
  });
}

/** A real client pointed at a sandbox, with fast backoff so retry tests stay quick. */
export function clientFor(sandbox: IimmpactSandbox, options: Partial<IimmpactClientOptions> = {}) {
  return createIimmpactClient({
    baseUrl: sandbox.url,
    apiKey: TEST_API_KEY,
    hmacSecret: TEST_HMAC_SECRET,
    rateLimiter: unlimited,
    backoffBaseMs: 5,
    backoffMaxMs: 20,
    ...options,
  });
}

/** Polls until a check returns a value; for state that changes on timers. */
export { waitFor } from '../../sandbox/iimmpact/testing.js';

let counter = 0;
/** A refid unique within the test run. */
export function testRefid(label = 't'): string {
  counter += 1;
  return `${label}-${process.pid}-${Date.now().toString(36)}-${counter}`;
}
