import {
  createIimmpactClient,
  type IimmpactClientOptions,
} from '../../src/payments/providers/iimmpact/client.js';
import { unlimited } from '../../src/platform/rate-limiter.js';
import {
  type IimmpactSandbox,
  type IimmpactSandboxOptions,
  startIimmpactSandbox,
} from '../../src/sandbox/iimmpact/index.js';

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

/** Polls until `check` returns a value or the time runs out; for state that changes on timers. */
export async function eventually<T>(
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 5_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

let counter = 0;
/** A refid unique within the test run. */
export function testRefid(label = 't'): string {
  counter += 1;
  return `${label}-${process.pid}-${Date.now().toString(36)}-${counter}`;
}
