import type { IncomingHttpHeaders } from 'node:http';
import { createNonceCache } from './nonce-cache.js';
import { NONCE_MAX_LENGTH, NONCE_MIN_LENGTH, type QueryParam, signatureMatches } from './signature.js';

/**
 * Verifies the four IIMMPACT auth headers (spec §2) the way the provider does: the signature is
 * recomputed from the exact body bytes and the decoded query parameters by the sandbox's own
 * implementation of the documented recipe (signature.ts), independent of the client's signer, so a
 * mistake in either shows up as a 401 instead of being signed and verified alike.
 */

/** 0 = full access; 50 = read-only (may read, may not call /v2/topup). */
export type AccessLevel = 0 | 50;

export interface AuthRequest {
  method: string;
  headers: IncomingHttpHeaders;
  /** Decoded query parameters in the order they arrived. */
  query: readonly QueryParam[];
  body: Uint8Array;
}

export type AuthResult =
  | { ok: true; apiKey: string; access: AccessLevel }
  | { ok: false; error: string; message: string };

export interface RequestAuthenticatorOptions {
  /** API key -> access level. */
  keys: ReadonlyMap<string, AccessLevel>;
  hmacKey: Uint8Array;
  toleranceSeconds: number;
  now?: () => number;
}

export interface RequestAuthenticator {
  authenticate(request: AuthRequest): AuthResult;
}

const REQUIRED_HEADERS = ['x-api-key', 'x-timestamp', 'x-nonce', 'x-signature'] as const;
const HEADER_NAMES: Record<(typeof REQUIRED_HEADERS)[number], string> = {
  'x-api-key': 'X-Api-Key',
  'x-timestamp': 'X-Timestamp',
  'x-nonce': 'X-Nonce',
  'x-signature': 'X-Signature',
};

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === '' ? undefined : first;
}

function fail(error: string, message: string): AuthResult {
  return { ok: false, error, message };
}

export function createRequestAuthenticator(options: RequestAuthenticatorOptions): RequestAuthenticator {
  const now = options.now ?? Date.now;
  // A nonce must outlive every timestamp that could still be accepted with it: a request stamped
  // +tolerance in the future stays valid for 2 x tolerance, so remember nonces at least that long.
  const nonces = createNonceCache(options.toleranceSeconds * 2 * 1000 + 1000, now);

  function authenticate(request: AuthRequest): AuthResult {
    const values: Partial<Record<(typeof REQUIRED_HEADERS)[number], string>> = {};
    for (const name of REQUIRED_HEADERS) {
      const value = headerValue(request.headers, name);
      if (value === undefined) return fail('missing_header', `Missing required header ${HEADER_NAMES[name]}`);
      values[name] = value;
    }
    const apiKey = values['x-api-key'] ?? '';
    const timestamp = values['x-timestamp'] ?? '';
    const nonce = values['x-nonce'] ?? '';
    const signature = values['x-signature'] ?? '';

    const access = options.keys.get(apiKey);
    if (access === undefined) return fail('invalid_api_key', 'API key not found');

    if (!/^\d{10}$/.test(timestamp)) {
      return fail('invalid_timestamp', 'X-Timestamp must be Unix time in seconds (10 digits)');
    }
    const timestampSeconds = Number(timestamp);
    const skewSeconds = Math.abs(now() / 1000 - timestampSeconds);
    if (skewSeconds > options.toleranceSeconds) {
      return fail(
        'expired_timestamp',
        `Request timestamp is outside the allowed window of ${options.toleranceSeconds} seconds`,
      );
    }

    if (nonce.length < NONCE_MIN_LENGTH || nonce.length > NONCE_MAX_LENGTH) {
      return fail(
        'invalid_nonce',
        `X-Nonce must be ${NONCE_MIN_LENGTH} to ${NONCE_MAX_LENGTH} characters long`,
      );
    }

    if (!signature.startsWith('v1=')) {
      return fail('invalid_signature', 'X-Signature must use the v1= scheme');
    }
    const parts = { timestamp, nonce, method: request.method, query: request.query, body: request.body };
    if (!signatureMatches(options.hmacKey, parts, signature)) {
      return fail('invalid_signature', 'Signature mismatch');
    }

    // Only a correctly signed request may consume a nonce; otherwise anyone could burn nonces.
    if (!nonces.remember(`${apiKey}\u0000${nonce}`)) {
      return fail('nonce_reused', 'Nonce has already been used');
    }
    return { ok: true, apiKey, access };
  }

  return { authenticate };
}
