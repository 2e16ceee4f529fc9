import { jsonResponse, messageResponse } from '../kit/http-io.js';
import type { CallbackTarget } from './callbacks.js';
import { SANDBOX_FIXTURES } from './fixtures.js';
import type { Ledger } from './ledger.js';
import type { RouteHandler } from './router.js';
import { formatDayFirst, senToWire } from './wire-format.js';

/** GET /v2/balance and the callback-url pair: the merchant-account endpoints. */

export function createBalanceHandler(ledger: Ledger): RouteHandler {
  return (context) =>
    jsonResponse(200, {
      data: {
        account: SANDBOX_FIXTURES.merchant.account,
        name: SANDBOX_FIXTURES.merchant.name,
        balance: senToWire(ledger.balanceSen()),
        level: SANDBOX_FIXTURES.merchant.level,
        access: context.access,
      },
    });
}

/** Holds the one callback setting the merchant account has. */
export interface CallbackSettings {
  get(): CallbackTarget | undefined;
  set(target: CallbackTarget): void;
}

export function createCallbackSettings(): CallbackSettings {
  let target: CallbackTarget | undefined;
  return {
    get: () => target,
    set(next) {
      target = { ...next };
    },
  };
}

/** Returns the target, or a readable message for anything the real endpoint would refuse. */
export function parseCallbackTarget(url: string | null, method: string | null): CallbackTarget | string {
  if (url === null || url === '') return 'The url query parameter is required';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'The url must be an absolute http(s) URL';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return 'The url must be an absolute http(s) URL';
  }
  const upper = (method ?? '').toUpperCase();
  if (upper !== 'GET' && upper !== 'POST') return 'The method query parameter must be GET or POST';
  return { url, method: upper };
}

function settingsBody(target: CallbackTarget | undefined) {
  return {
    data: { Status: 'Success', CallbackUrl: target?.url ?? '', Method: target?.method ?? '' },
    '@metadata': { status_code: 200, last_updated: formatDayFirst(Date.now()) },
  };
}

export function createGetCallbackHandler(settings: CallbackSettings): RouteHandler {
  return () => jsonResponse(200, settingsBody(settings.get()));
}

/** The parameters travel in the query string with an empty body, as the provider documents. */
export function createSetCallbackHandler(settings: CallbackSettings): RouteHandler {
  return (context) => {
    const target = parseCallbackTarget(context.query.get('url'), context.query.get('method'));
    if (typeof target === 'string') return messageResponse(400, target);
    settings.set(target);
    return jsonResponse(200, settingsBody(target));
  };
}
