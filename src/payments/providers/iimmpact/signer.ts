import { createHash, createHmac } from 'node:crypto';

/**
 * IIMMPACT request signing (API key + HMAC-SHA256, scheme "v1").
 *
 * canonical = "v1:{timestamp}:{nonce}:{METHOD}:{query}:{base64(sha256(body bytes))}"
 * signature = base64(HMAC-SHA256(base64decode(secret), canonical))
 *
 * The path and host are not signed. The query part lists the parameters sorted by key (values of a
 * repeated key keep their order), as `key=value` with decoded values, joined by `&`, without `?`.
 * Everything here is pure: the caller supplies the timestamp and nonce.
 */

/** One query parameter as it goes on the wire, before percent-encoding. */
export type QueryParam = readonly [key: string, value: string];

export interface SigningInput {
  /** Unix time in seconds. */
  timestampSeconds: number;
  nonce: string;
  method: string;
  query: readonly QueryParam[];
  /** The exact bytes of the body that is sent; empty for GET. */
  body: string | Uint8Array;
}

export interface SignedHeaders {
  'X-Api-Key': string;
  'X-Timestamp': string;
  'X-Nonce': string;
  'X-Signature': string;
}

export const NONCE_MIN_LENGTH = 16;
export const NONCE_MAX_LENGTH = 128;

/** Sorts by key only; Array.prototype.sort is stable, so repeated keys keep their order. */
export function canonicalQuery(query: readonly QueryParam[]): string {
  return [...query]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
}

export function bodyHash(body: string | Uint8Array): string {
  return createHash('sha256').update(body).digest('base64');
}

export function canonicalString(input: SigningInput): string {
  return [
    'v1',
    String(input.timestampSeconds),
    input.nonce,
    input.method.toUpperCase(),
    canonicalQuery(input.query),
    bodyHash(input.body),
  ].join(':');
}

/**
 * Decodes the Base64 HMAC secret into the raw key bytes. The secret's characters are never the key:
 * that is the classic mistake this function exists to prevent.
 */
export function decodeHmacSecret(secretBase64: string): Buffer {
  const trimmed = secretBase64.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed) || trimmed.length % 4 !== 0) {
    throw new TypeError('IIMMPACT HMAC secret is not valid Base64');
  }
  return Buffer.from(trimmed, 'base64');
}

/** Returns the value of the X-Signature header, including its `v1=` prefix. */
export function computeSignature(key: Uint8Array, input: SigningInput): string {
  const mac = createHmac('sha256', key).update(canonicalString(input), 'utf8').digest('base64');
  return `v1=${mac}`;
}

export function signRequest(apiKey: string, key: Uint8Array, input: SigningInput): SignedHeaders {
  return {
    'X-Api-Key': apiKey,
    'X-Timestamp': String(input.timestampSeconds),
    'X-Nonce': input.nonce,
    'X-Signature': computeSignature(key, input),
  };
}
