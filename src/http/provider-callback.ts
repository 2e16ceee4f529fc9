import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OrderEngine } from '../payments/orders/order-engine.js';
import type { PaymentProvider } from '../payments/provider.js';
import { type AddressList, NO_ADDRESSES } from '../platform/ip-list.js';
import type { Logger } from '../platform/logger.js';
import type { CounterStore } from '../store/ports.js';
import { BodyTooLargeError, clientAddress, readBody, sendJson } from './request-io.js';

/**
 * The route a provider calls when a transaction's status changes (GET or POST). A callback is only
 * a hint: anyone can send one, so its status is never applied as is. A known, unfinished refid is
 * re-queried with the provider right away, and the order engine applies what the provider says.
 * The answer is fast and always 2xx for well-formed callbacks, so the provider does not retry;
 * duplicates are harmless.
 *
 * Floods are bounded twice: a refid is re-queried at most once per `throttleWindowMs` (counted in
 * the shared counter store, so across replicas), and at most `maxConcurrent` callbacks are worked on
 * at once in this process. A throttled or shed callback is still answered 200: the re-query
 * scheduler finds the order's status on its own schedule, and a provider told to retry would only
 * send more.
 */
export interface ProviderCallbackOptions {
  provider: PaymentProvider;
  engine: Pick<OrderEngine, 'nudge'>;
  logger: Logger;
  /** Source addresses and ranges allowed to call; empty allows any. */
  allowedAddresses?: AddressList;
  /** Reverse proxies whose X-Forwarded-For is believed (TRUSTED_PROXIES). */
  trustedProxies?: AddressList;
  /** Shared counters for the per-refid throttle; without them the throttle is off. */
  counters?: Pick<CounterStore, 'hit'>;
  /** At most one re-query per refid per this many ms. */
  throttleWindowMs?: number;
  /** Callbacks worked on at once in this process; more are answered 200 and dropped. */
  maxConcurrent?: number;
  /** Wakes the re-query scheduler; optional. */
  onAccepted?: (refid: string) => void;
}

const MAX_CALLBACK_BYTES = 64 * 1024;
export const DEFAULT_CALLBACK_THROTTLE_MS = 5_000;
export const DEFAULT_CALLBACK_CONCURRENCY = 32;

export function createProviderCallbackHandler(options: ProviderCallbackOptions) {
  const log = options.logger.child({ component: 'provider-callback', provider: options.provider.id });
  const allowed = options.allowedAddresses ?? NO_ADDRESSES;
  const trustedProxies = options.trustedProxies ?? NO_ADDRESSES;
  const throttleWindowMs = options.throttleWindowMs ?? DEFAULT_CALLBACK_THROTTLE_MS;
  const maxConcurrent = options.maxConcurrent ?? DEFAULT_CALLBACK_CONCURRENCY;
  let inFlight = 0;

  const work = async (req: IncomingMessage, res: ServerResponse, method: 'GET' | 'POST') => {
    let body = '';
    try {
      body = method === 'POST' ? await readBody(req, MAX_CALLBACK_BYTES) : '';
    } catch (error) {
      sendJson(res, error instanceof BodyTooLargeError ? 413 : 400, { error: 'unreadable body' });
      return;
    }
    const query = new URL(req.url ?? '/', 'http://callback.invalid').searchParams;
    const notice = options.provider.parseCallback({ method, query, body });
    if (!notice.ok) {
      log.warn('callback refused', { reason: notice.reason });
      sendJson(res, 400, { error: notice.reason });
      return;
    }
    let found: 'known' | 'unknown';
    try {
      if (options.counters) {
        const key = `callback-requery:${options.provider.id}:${notice.refid}`;
        const hits = await options.counters.hit(key, throttleWindowMs);
        if (hits > 1) {
          // Not dropped: the order is re-queried once the window is over, so a final status that
          // follows a Processing callback within the window is picked up then, not at the next backoff.
          await options.engine.nudge(notice.refid, { notBeforeMs: Date.now() + throttleWindowMs });
          log.debug('callback throttled: re-querying when the window ends', { refid: notice.refid });
          sendJson(res, 200, { status: 'throttled' });
          return;
        }
      }
      found = await options.engine.nudge(notice.refid);
    } catch (error) {
      // The order store is unreachable: ask the provider to try again later.
      log.error('could not look up callback order', { refid: notice.refid, err: error });
      sendJson(res, 503, { error: 'try again' });
      return;
    }
    if (found === 'unknown') {
      log.info('callback for an unknown refid ignored', { refid: notice.refid });
      sendJson(res, 200, { status: 'ignored' });
      return;
    }
    log.info('callback accepted; re-querying', { refid: notice.refid, reported: notice.reported.state });
    options.onAccepted?.(notice.refid);
    sendJson(res, 200, { status: 'ok' });
  };

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'POST') {
      sendJson(res, 405, { error: 'method not allowed' });
      return;
    }
    const address = clientAddress(req, trustedProxies);
    if (allowed.size > 0 && !allowed.has(address)) {
      log.warn('callback from an address not on the allowlist', { address });
      sendJson(res, 403, { error: 'forbidden' });
      return;
    }
    if (inFlight >= maxConcurrent) {
      log.warn('too many callbacks at once; this one is dropped (the scheduler re-queries anyway)');
      req.resume();
      sendJson(res, 200, { status: 'busy' });
      return;
    }
    inFlight += 1;
    try {
      await work(req, res, method);
    } finally {
      inFlight -= 1;
    }
  };
}
