import { type Dispatcher, request } from 'undici';
import type { Clock } from '../../platform/clock.js';
import type { Logger } from '../../platform/logger.js';
import { RateBudgetExhaustedError, type RateLane, type RateLimiter } from '../../platform/rate-limiter.js';
import type { Sleep } from '../../platform/sleep.js';

/**
 * JSON over HTTP to a payment provider, shared by every adapter. Reads are retried with exponential
 * backoff and full jitter on network errors, 5xx and 429; a payment is sent exactly once per call,
 * whatever happens, because a second send is only safe as a deliberate re-query by the order engine.
 * How a request is authenticated is the adapter's business: it passes `authHeaders` (computed per
 * attempt, after the rate limiter, so a nonce or timestamp is always fresh) or signs the body itself.
 */

/** One query parameter as it goes on the wire, before percent-encoding. */
export type QueryParam = readonly [key: string, value: string];

/** Optional knobs every provider client takes: injected clock, sleep and jitter, and HTTP tuning. */
export interface HttpClientTuning {
  clock?: Clock;
  sleep?: Sleep;
  random?: () => number;
  logger?: Logger;
  /** Shared by everything that talks to this provider from this process. */
  rateLimiter?: RateLimiter;
  dispatcher?: Dispatcher;
  readTimeoutMs?: number;
  paymentTimeoutMs?: number;
  readRetries?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
}

export interface WireRequest {
  method: 'GET' | 'POST';
  path: string;
  query?: readonly QueryParam[];
  /** Serialized once by the caller: a signature covers exactly these bytes. */
  body?: string;
  kind: 'read' | 'payment';
  /**
   * The rate budget it draws on; `kind` by default. A status check that is a read on the wire (IAK's
   * check-status) is money-path work and goes in the payment lane.
   */
  lane?: RateLane;
  /** Further attempts for this read instead of the transport's; 0 for a probe that must cost one call. */
  retries?: number;
}

export interface WireResponse {
  status: number;
  text: string;
  retryAfterMs: number | undefined;
  durationMs: number;
}

export interface HttpTransportOptions {
  baseUrl: string;
  /** Names the provider in logs, e.g. 'iimmpact-http'. */
  component: string;
  /** Extra headers for one attempt; called after the rate limiter grants it. */
  authHeaders?: (attempt: {
    method: string;
    query: readonly QueryParam[];
    body: string;
  }) => Record<string, string>;
  dispatcher: Dispatcher;
  rateLimiter: RateLimiter;
  clock: Clock;
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

/** The request never produced an HTTP answer: refused, reset, timed out or aborted. */
export class NetworkError extends Error {
  /** True when the request may have reached the provider (it was sent, or we cannot tell). */
  readonly maybeDelivered: boolean;

  constructor(message: string, maybeDelivered: boolean, cause: unknown) {
    super(message, { cause });
    this.name = 'NetworkError';
    this.maybeDelivered = maybeDelivered;
  }
}

export interface Transport {
  send(wire: WireRequest): Promise<WireResponse>;
}

const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);
/** Errors raised before a single byte could have left: the provider cannot have seen the request. */
const NOT_DELIVERED_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']);

export function createHttpTransport(options: HttpTransportOptions): Transport {
  const log = options.logger.child({ component: options.component });

  const sendOnce = async (wire: WireRequest): Promise<WireResponse> => {
    try {
      await options.rateLimiter.acquire(undefined, wire.lane ?? wire.kind);
    } catch (error) {
      // Nothing left: the provider cannot have seen this request.
      throw new NetworkError(`${wire.method} ${wire.path} not sent: ${errorCode(error)}`, false, error);
    }
    const body = wire.body ?? '';
    const query = wire.query ?? [];
    const headers: Record<string, string> = {
      ...options.authHeaders?.({ method: wire.method, query, body }),
      'Content-Type': 'application/json',
      Accept: 'application/json',
    };
    const url = buildUrl(options.baseUrl, wire.path, query);
    const timeoutMs = wire.kind === 'payment' ? options.paymentTimeoutMs : options.readTimeoutMs;
    const started = options.clock.nowMs();
    try {
      const response = await request(url, {
        method: wire.method,
        headers,
        body: wire.method === 'GET' ? undefined : body,
        dispatcher: options.dispatcher,
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await response.body.text();
      const durationMs = options.clock.nowMs() - started;
      log.debug('provider answered', {
        method: wire.method,
        path: wire.path,
        status: response.statusCode,
        durationMs,
      });
      return {
        status: response.statusCode,
        text,
        retryAfterMs: parseRetryAfter(response.headers['retry-after'], options.clock.nowMs()),
        durationMs,
      };
    } catch (error) {
      const code = errorCode(error);
      const delivered = !NOT_DELIVERED_CODES.has(code);
      log.warn('provider unreachable', { method: wire.method, path: wire.path, code, delivered });
      throw new NetworkError(`${wire.method} ${wire.path} failed: ${code}`, delivered, error);
    }
  };

  return {
    async send(wire) {
      if (wire.kind === 'payment') return sendOnce(wire);
      for (let attempt = 0; ; attempt++) {
        const lastAttempt = attempt >= (wire.retries ?? options.readRetries);
        let waitMs: number;
        try {
          const response = await sendOnce(wire);
          if (!RETRYABLE_STATUS.has(response.status) || lastAttempt) return response;
          if (response.retryAfterMs !== undefined && response.retryAfterMs > options.maxRetryAfterMs)
            return response;
          waitMs = Math.max(backoff(options, attempt), response.retryAfterMs ?? 0);
        } catch (error) {
          if (lastAttempt || isBudgetRefusal(error)) throw error;
          waitMs = backoff(options, attempt);
        }
        await options.sleep(waitMs);
      }
    },
  };
}

function backoff(options: HttpTransportOptions, attempt: number): number {
  const ceiling = Math.min(options.backoffMaxMs, options.backoffBaseMs * 2 ** attempt);
  return Math.round(options.random() * ceiling);
}

/** Query values are percent-encoded on the wire (an adapter may sign them decoded). */
export function buildUrl(baseUrl: string, path: string, query: readonly QueryParam[]): string {
  const base = baseUrl.replace(/\/+$/, '');
  if (query.length === 0) return `${base}${path}`;
  const encoded = query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  return `${base}${path}?${encoded}`;
}

export function parseRetryAfter(header: string | string[] | undefined, nowMs: number): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

function isBudgetRefusal(error: unknown): boolean {
  return error instanceof NetworkError && error.cause instanceof RateBudgetExhaustedError;
}

function errorCode(error: unknown): string {
  if (error instanceof RateBudgetExhaustedError) return 'RATE_BUDGET_EXHAUSTED';
  if (error && typeof error === 'object') {
    const { code, name, cause } = error as { code?: unknown; name?: unknown; cause?: unknown };
    if (typeof code === 'string') return code;
    if (name === 'TimeoutError') return 'TIMEOUT';
    if (name === 'AbortError') return 'ABORTED';
    if (cause) return errorCode(cause);
  }
  return 'UNKNOWN';
}
