import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The sandbox's own reading of IIMMPACT's request signature (spec §2.2-2.3, quickstart recipe),
 * written from the documents and deliberately not shared with the client's signer in
 * src/payments: if both were one function, a mistake in it would sign and verify alike and no test
 * could see it. test/contract/iimmpact-signature.test.ts checks that the two agree.
 *
 *   BODY_HASH = base64(sha256(raw body bytes))                  (empty body: hash of "")
 *   CANONICAL = v1:TIMESTAMP:NONCE:METHOD:QUERY:BODY_HASH     (path and host are not signed)
 *   X-Signature: v1=base64(HMAC-SHA256(base64decode(secret), CANONICAL))
 *
 * QUERY is unverified in the docs (open question 1); the sandbox follows the reading the spec
 * reports: parameters sorted by key, a repeated key's values in the order they came, decoded
 * values, `key=value` joined by `&`, no leading `?`.
 */

/** A decoded query parameter, in the order it arrived. */
export type QueryParam = readonly [key: string, value: string];

/** X-Nonce length bounds (spec §2.2). */
export const NONCE_MIN_LENGTH = 16;
export const NONCE_MAX_LENGTH = 128;

export interface SignedParts {
  /** X-Timestamp as sent: Unix seconds, 10 digits. */
  timestamp: string;
  nonce: string;
  method: string;
  query: readonly QueryParam[];
  /** The body bytes exactly as they travelled. */
  body: Uint8Array | string;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * The HMAC key is the secret's decoded bytes, never its characters (spec §2.6). A secret that does
 * not survive a decode/encode round trip is refused, so a mistyped secret fails at start-up rather
 * than as a 401 on every request.
 */
export function hmacKeyFromSecret(secretBase64: string): Buffer {
  const key = Buffer.from(secretBase64, 'base64');
  if (secretBase64 === '' || !BASE64.test(secretBase64) || key.toString('base64') !== secretBase64) {
    throw new TypeError('the sandbox HMAC secret must be standard, padded Base64');
  }
  return key;
}

function queryField(query: readonly QueryParam[]): string {
  const valuesByKey = new Map<string, string[]>();
  for (const [key, value] of query) {
    const values = valuesByKey.get(key);
    if (values) values.push(value);
    else valuesByKey.set(key, [value]);
  }
  // Default sort compares UTF-16 code units: a plain byte-wise order for the ASCII keys in use.
  const keys = [...valuesByKey.keys()].sort();
  return keys.flatMap((key) => (valuesByKey.get(key) ?? []).map((value) => `${key}=${value}`)).join('&');
}

export function canonicalRequest(parts: SignedParts): string {
  const bodyBytes = typeof parts.body === 'string' ? Buffer.from(parts.body, 'utf8') : parts.body;
  const bodyHash = createHash('sha256').update(bodyBytes).digest().toString('base64');
  return `v1:${parts.timestamp}:${parts.nonce}:${parts.method.toUpperCase()}:${queryField(parts.query)}:${bodyHash}`;
}

/** The X-Signature value a correctly signed request carries, `v1=` prefix included. */
export function expectedSignature(key: Uint8Array, parts: SignedParts): string {
  const mac = createHmac('sha256', key)
    .update(Buffer.from(canonicalRequest(parts), 'utf8'))
    .digest();
  return `v1=${mac.toString('base64')}`;
}

/** Compares in constant time, so response timing does not leak how much of a guess was right. */
export function signatureMatches(key: Uint8Array, parts: SignedParts, header: string): boolean {
  const given = Buffer.from(header, 'utf8');
  const wanted = Buffer.from(expectedSignature(key, parts), 'utf8');
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}
