import type { Dispatcher } from 'undici';
import { type Clock, unixSeconds } from '../../../platform/clock.js';
import type { IdSource } from '../../../platform/ids.js';
import type { Logger } from '../../../platform/logger.js';
import type { RateLimiter } from '../../../platform/rate-limiter.js';
import type { Sleep } from '../../../platform/sleep.js';
import { createHttpTransport, type Transport } from '../../http/transport.js';
import { signRequest } from './signer.js';

/**
 * Signed HTTP to IIMMPACT: the shared transport (`../../http/transport.ts`: read retries with
 * jittered backoff, payments sent exactly once) plus the four auth headers, computed per attempt so
 * every attempt carries a fresh nonce and timestamp.
 */
export {
  NetworkError,
  type Transport,
  type WireRequest,
  type WireResponse,
} from '../../http/transport.js';

export interface TransportOptions {
  /** e.g. https://api.iimmpact.com/v2 */
  baseUrl: string;
  apiKey: string;
  /** Raw HMAC key bytes (the Base64-decoded secret). */
  hmacKey: Uint8Array;
  dispatcher: Dispatcher;
  rateLimiter: RateLimiter;
  clock: Clock;
  ids: IdSource;
  sleep: Sleep;
  /** Returns a number in [0, 1); injected for jitter. */
  random: () => number;
  logger: Logger;
  readTimeoutMs: number;
  paymentTimeoutMs: number;
  /** Further attempts after the first, for reads only. */
  readRetries: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** A Retry-After longer than this is not waited out; the caller is told to try later. */
  maxRetryAfterMs: number;
}

export function createTransport(options: TransportOptions): Transport {
  const { apiKey, hmacKey, ids, ...shared } = options;
  return createHttpTransport({
    ...shared,
    component: 'iimmpact-http',
    authHeaders: ({ method, query, body }) => ({
      ...signRequest(apiKey, hmacKey, {
        timestampSeconds: unixSeconds(options.clock),
        nonce: ids.nonce(),
        method,
        query,
        body,
      }),
    }),
  });
}
