import type { IncomingMessage, ServerResponse } from 'node:http';
import { type AddressList, NO_ADDRESSES } from '../platform/ip-list.js';
import type { Logger } from '../platform/logger.js';
import type { BillplzTopups } from '../wallet/billplz-topups.js';
import { BodyTooLargeError, clientAddress, readBody, sendJson } from './request-io.js';

/**
 * Billplz's two routes on the app's server:
 * - the X-Signature callback (POST, form-encoded): source allowlist first (as for provider
 *   callbacks; Billplz publishes no addresses, so it is empty unless the owner sets one), then the
 *   signature in constant time (403 when missing or wrong), then the top-up service, which reads the
 *   bill back before crediting. 200 tells Billplz to stop retrying; 4xx for what is not ours.
 * - the redirect (GET, the buyer's browser): never trusted; a signed one only triggers a re-read.
 *   It always answers the same small page.
 */
export interface BillplzRoutesOptions {
  topups: Pick<BillplzTopups, 'onCallback' | 'onRedirect'>;
  logger: Logger;
  allowedAddresses?: AddressList;
  trustedProxies?: AddressList;
}

const MAX_CALLBACK_BYTES = 16 * 1024;

export function createBillplzCallbackHandler(options: BillplzRoutesOptions) {
  const log = options.logger.child({ component: 'billplz-callback' });
  const allowed = options.allowedAddresses ?? NO_ADDRESSES;
  const trustedProxies = options.trustedProxies ?? NO_ADDRESSES;
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'POST') {
      req.resume();
      sendJson(res, 405, { error: 'method not allowed' });
      return;
    }
    const address = clientAddress(req, trustedProxies);
    if (allowed.size > 0 && !allowed.has(address)) {
      log.warn('Billplz callback from an address not on the allowlist', { address });
      req.resume();
      sendJson(res, 403, { error: 'forbidden' });
      return;
    }
    let body: string;
    try {
      body = await readBody(req, MAX_CALLBACK_BYTES);
    } catch (error) {
      sendJson(res, error instanceof BodyTooLargeError ? 413 : 400, { error: 'unreadable body' });
      return;
    }
    const params = [...new URLSearchParams(body).entries()];
    try {
      const answer = await options.topups.onCallback(params);
      sendJson(res, answer.status, answer.body);
    } catch (error) {
      // The store is away: Billplz retries (spec §5.1), and the scheduled re-read covers the rest.
      log.error('Billplz callback could not be handled', { err: error });
      sendJson(res, 503, { error: 'try again' });
    }
  };
}

export function createBillplzRedirectHandler(options: BillplzRoutesOptions) {
  const log = options.logger.child({ component: 'billplz-redirect' });
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    req.resume();
    const query = new URL(req.url ?? '/', 'http://redirect.invalid').searchParams;
    try {
      await options.topups.onRedirect([...query.entries()]);
    } catch (error) {
      log.warn('Billplz redirect re-read failed', { err: error });
    }
    const page =
      '<!doctype html><meta charset="utf-8"><title>Top-up</title>' +
      '<p>Thank you. You can return to Telegram: the bot tells you as soon as your top-up is credited.</p>';
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(page);
  };
}
