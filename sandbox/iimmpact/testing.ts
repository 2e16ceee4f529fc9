import { randomUUID } from 'node:crypto';
import { type RawRequest, type RawResponse, sendRaw } from '../kit/testing.js';
import { expectedSignature, hmacKeyFromSecret } from './signature.js';

/**
 * Test support for the sandbox: raw signed HTTP (deliberately not a client library; the real client
 * lives in src/payments), polling without fixed sleeps, and a callback receiver. Kept outside the
 * *.test.ts files so several suites can share it.
 */

export interface Credentials {
  apiKey: string;
  hmacSecret: string;
}

export interface SignOverrides {
  timestampSeconds?: number;
  nonce?: string;
}

/** The four auth headers for exactly this method, query and body. */
export function signedHeaders(
  credentials: Credentials,
  raw: Pick<RawRequest, 'method' | 'query' | 'body'>,
  overrides: SignOverrides = {},
): Record<string, string> {
  const timestampSeconds = overrides.timestampSeconds ?? Math.floor(Date.now() / 1000);
  const nonce = overrides.nonce ?? `test-${randomUUID()}`;
  return {
    'X-Api-Key': credentials.apiKey,
    'X-Timestamp': String(timestampSeconds),
    'X-Nonce': nonce,
    'X-Signature': expectedSignature(hmacKeyFromSecret(credentials.hmacSecret), {
      timestamp: String(timestampSeconds),
      nonce,
      method: raw.method,
      query: raw.query ?? [],
      body: raw.body ?? '',
    }),
  };
}

export function sendSigned(
  origin: string,
  credentials: Credentials,
  raw: RawRequest,
  overrides: SignOverrides = {},
): Promise<RawResponse> {
  return sendRaw(origin, {
    ...raw,
    headers: { ...signedHeaders(credentials, raw, overrides), ...raw.headers },
  });
}

export type { CallbackReceiver, RawRequest, RawResponse, ReceivedCallback } from '../kit/testing.js';
export { pathWithQuery, sendRaw, startCallbackReceiver, waitFor } from '../kit/testing.js';
