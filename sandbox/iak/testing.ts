import {
  type CallbackReceiver,
  type RawResponse,
  type ReceivedCallback,
  sendRaw,
  startCallbackReceiver,
} from '../kit/testing.js';
import { md5Sign } from './wire.js';

/**
 * Test support for the IAK sandbox: raw signed HTTP (deliberately not the client; that lives in
 * src/payments), plus the polling helper and callback receiver shared with the IIMMPACT sandbox.
 */

export type { CallbackReceiver, RawResponse, ReceivedCallback } from '../kit/testing.js';
export { sendRaw, waitFor } from '../kit/testing.js';

export interface IakTestCredentials {
  username: string;
  apiKey: string;
}

/** A JSON body with `username`, the given fields and `sign = md5(username + apiKey + additional)`. */
export function signedBody(
  credentials: IakTestCredentials,
  additional: string,
  fields: Record<string, unknown> = {},
): string {
  return JSON.stringify({
    username: credentials.username,
    ...fields,
    sign: md5Sign(credentials.username, credentials.apiKey, additional),
  });
}

/** POSTs a JSON body to an IAK path on a fresh connection. */
export function postIak(origin: string, path: string, body: string): Promise<RawResponse> {
  return sendRaw(origin, { method: 'POST', path, body });
}

/** POSTs a signed body and parses the answer's `data`. */
export async function callIak<T = Record<string, unknown>>(
  origin: string,
  credentials: IakTestCredentials,
  path: string,
  additional: string,
  fields: Record<string, unknown> = {},
): Promise<{ status: number; data: T }> {
  const response = await postIak(origin, path, signedBody(credentials, additional, fields));
  return { status: response.status, data: (JSON.parse(response.text) as { data: T }).data };
}

/** A merchant endpoint for IAK callbacks; `respond` picks the HTTP status of each delivery. */
export async function startIakCallbackReceiver(
  respond?: (callback: ReceivedCallback, index: number) => number,
): Promise<CallbackReceiver> {
  const receiver = await startCallbackReceiver(respond);
  const url = receiver.url.replace(/\/iimmpact\/callback$/, '/iak/callback');
  return { url, received: receiver.received, close: () => receiver.close() };
}
