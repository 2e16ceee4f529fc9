import { describe, expect, it } from 'vitest';
import {
  canonicalRequest,
  expectedSignature,
  hmacKeyFromSecret,
  type SignedParts,
  signatureMatches,
} from './signature.js';

/*
 * The same OpenSSL vectors that pin the client's signer (src/payments/providers/iimmpact/signer.test.ts),
 * recomputed for this file with the quickstart pipeline:
 *   BH=$(printf '%s' "$BODY" | openssl dgst -sha256 -binary | base64 -w0)
 *   printf '%s' "v1:$TS:$NONCE:$METHOD:$QUERY:$BH" \
 *     | openssl dgst -sha256 -mac HMAC -macopt hexkey:$(printf '%s' "$SECRET" | base64 -d | xxd -p -c 256) -binary \
 *     | base64 -w0
 * plus one with a repeated key and a space in a decoded value. The secret is synthetic (Base64 of
 * "test-vector-secret-0123456789abcdef").
 */
const SECRET = 'dGVzdC12ZWN0b3Itc2VjcmV0LTAxMjM0NTY3ODlhYmNkZWY=';
const KEY = hmacKeyFromSecret(SECRET);
const EMPTY_BODY_HASH = '47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=';
const TS = '1704067200';
const NONCE = 'req-1704067200-a1b2c3d4e5f6';

const vectors: Array<{ name: string; parts: SignedParts; canonical: string; signature: string }> = [
  {
    name: 'GET without query (balance)',
    parts: { timestamp: TS, nonce: NONCE, method: 'GET', query: [], body: '' },
    canonical: `v1:${TS}:${NONCE}:GET::${EMPTY_BODY_HASH}`,
    signature: 'v1=ZB8BniLAvJ/T2UCq6Nu9dpq29p+Tv1LYSzV+cg4Z9SU=',
  },
  {
    name: 'GET with an unsorted query',
    parts: {
      timestamp: TS,
      nonce: NONCE,
      method: 'GET',
      query: [
        ['limit', '20'],
        ['date', '2026-04-30'],
        ['account', '9'],
      ],
      body: new Uint8Array(),
    },
    canonical: `v1:${TS}:${NONCE}:GET:account=9&date=2026-04-30&limit=20:${EMPTY_BODY_HASH}`,
    signature: 'v1=OM1n55ybqSaaWbqli6INJjnDajohdiTvuMLBQ8t/1J0=',
  },
  {
    name: 'GET with a repeated key and a decoded space',
    parts: {
      timestamp: TS,
      nonce: NONCE,
      method: 'GET',
      query: [
        ['status', 'SUCCESSFUL'],
        ['date', '2025-05-01 - 2025-05-31'],
        ['status', 'FAILED'],
      ],
      body: '',
    },
    canonical: `v1:${TS}:${NONCE}:GET:date=2025-05-01 - 2025-05-31&status=SUCCESSFUL&status=FAILED:${EMPTY_BODY_HASH}`,
    signature: 'v1=mRebF0btiFMzZDKI5xT/QF+ESbSyPQsIFWcjgcx30vg=',
  },
  {
    name: 'POST topup body',
    parts: {
      timestamp: '1747717774',
      nonce: '0f8b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d',
      method: 'POST',
      query: [],
      body: Buffer.from(
        '{"refid":"321479-0-30f4f209-ee","product":"GC","account":"0123456789","amount":"10.00"}',
      ),
    },
    canonical:
      'v1:1747717774:0f8b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d:POST::aY8yewPQMm09iHzRl82ruDuhLIFdQQMginK9WesSE0Y=',
    signature: 'v1=59iQS3oad3Xe1LT79ICt9X7ardxH4yzfyxZawVjtgjM=',
  },
];

describe('sandbox IIMMPACT signature check', () => {
  it.each(vectors)('accepts the OpenSSL vector: $name', ({ parts, canonical, signature }) => {
    expect(canonicalRequest(parts)).toBe(canonical);
    expect(expectedSignature(KEY, parts)).toBe(signature);
    expect(signatureMatches(KEY, parts, signature)).toBe(true);
  });

  it('refuses a signature keyed with the Base64 characters of the secret', () => {
    // openssl -macopt key:$SECRET (the undecoded secret) on the first vector: the classic client mistake.
    const undecodedKeySignature = 'v1=e4Zzl4uDvZDfAHhc/0J0BQTkSeDY+MyzJejmcXmV8eY=';
    const [first] = vectors;
    if (!first) throw new Error('no vectors');
    expect(signatureMatches(KEY, first.parts, undecodedKeySignature)).toBe(false);
  });

  it('refuses a hex HMAC and a missing v1= prefix', () => {
    const [first] = vectors;
    if (!first) throw new Error('no vectors');
    const mac = Buffer.from(first.signature.slice('v1='.length), 'base64');
    expect(signatureMatches(KEY, first.parts, `v1=${mac.toString('hex')}`)).toBe(false);
    expect(signatureMatches(KEY, first.parts, first.signature.slice('v1='.length))).toBe(false);
  });

  it('refuses the request once any signed part differs from what was signed', () => {
    const [, second] = vectors;
    if (!second) throw new Error('no vectors');
    const { parts, signature } = second;
    expect(signatureMatches(KEY, { ...parts, nonce: `${parts.nonce}x` }, signature)).toBe(false);
    expect(signatureMatches(KEY, { ...parts, timestamp: '1704067201' }, signature)).toBe(false);
    expect(signatureMatches(KEY, { ...parts, method: 'POST' }, signature)).toBe(false);
    expect(signatureMatches(KEY, { ...parts, query: [['account', '10']] }, signature)).toBe(false);
    expect(signatureMatches(KEY, { ...parts, body: ' ' }, signature)).toBe(false);
  });

  it('refuses to start with a secret that is not padded Base64', () => {
    expect(() => hmacKeyFromSecret('not base64!')).toThrow(/Base64/);
    expect(() => hmacKeyFromSecret('abc')).toThrow(/Base64/);
    expect(() => hmacKeyFromSecret('')).toThrow(/Base64/);
  });
});
