import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OrderEngine } from '../payments/orders/order-engine.js';
import type { PaymentProvider } from '../payments/provider.js';
import type { Logger } from '../platform/logger.js';
import { BodyTooLargeError, clientAddress, readBody, sendJson } from './request-io.js';

/**
 * The route a provider calls when a transaction's status changes (GET or POST). A callback is only
 * a hint: anyone can send one, so its status is never applied as is. A known, unfinished refid is
 * re-queried with the provider right away, and the order engine applies what the provider says.
 * The answer is fast and always 2xx for well-formed callbacks, so the provider does not retry;
 * duplicates are harmless.
 */
export interface ProviderCallbackOptions {
  provider: PaymentProvider;
  engine: Pick<OrderEngine, 'nudge'>;
  logger: Logger;
  /** Source addresses allowed to call; undefined or empty allows any. */
  allowedAddresses?: readonly string[];
  /** Read the caller's address from X-Forwarded-For (behind a reverse proxy you run). */
  trustProxy?: boolean;
  /** Wakes the re-query scheduler; optional. */
  onAccepted?: (refid: string) => void;
}

const MAX_CALLBACK_BYTES = 64 * 1024;

export function createProviderCallbackHandler(options: ProviderCallbackOptions) {
  const log = options.logger.child({ component: 'provider-callback', provider: options.provider.id });
  const allowed = new Set(options.allowedAddresses ?? []);

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'POST') {
      sendJson(res, 405, { error: 'method not allowed' });
      return;
    }
    const address = clientAddress(req, options.trustProxy ?? false);
    if (allowed.size > 0 && !allowed.has(address)) {
      log.warn('callback from an address not on the allowlist', { address });
      sendJson(res, 403, { error: 'forbidden' });
      return;
    }
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
}
