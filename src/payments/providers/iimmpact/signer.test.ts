import { describe, expect, it } from 'vitest';
import {
  bodyHash,
  canonicalQuery,
  canonicalString,
  computeSignature,
  decodeHmacSecret,
  type SigningInput,
  signRequest,
} from './signer.js';

/*
 * Vectors computed independently with the OpenSSL command line, following the quickstart recipe:
 *   BH=$(printf '%s' "$BODY" | openssl dgst -sha256 -binary | base64 -w0)
 *   printf '%s' "v1:$TS:$NONCE:$METHOD:$QUERY:$BH" \
 *     | openssl dgst -sha256 -mac HMAC -macopt hexkey:$(printf '%s' "$SECRET" | base64 -d | xxd -p -c 256) -binary \
 *     | base64 -w0
 * The secret below is synthetic (Base64 of "test-vector-secret-0123456789abcdef").
 */
const SECRET = 'dGVzdC12ZWN0b3Itc2VjcmV0LTAxMjM0NTY3ODlhYmNkZWY=';
const KEY = decodeHmacSecret(SECRET);

const vectors: Array<{ name: string; input: SigningInput; canonical: string; signature: string }> = [
  {
    name: 'GET without query (balance)',
    input: {
      timestampSeconds: 1704067200,
      nonce: 'req-1704067200-a1b2c3d4e5f6',
      method: 'GET',
      query: [],
      body: '',
    },
    canonical: 'v1:1704067200:req-1704067200-a1b2c3d4e5f6:GET::47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=',
    signature: 'v1=ZB8BniLAvJ/T2UCq6Nu9dpq29p+Tv1LYSzV+cg4Z9SU=',
  },
  {
    name: 'GET with unsorted query',
    input: {
      timestampSeconds: 1704067200,
      nonce: 'req-1704067200-a1b2c3d4e5f6',
      method: 'get',
      query: [
        ['limit', '20'],
        ['date', '2026-04-30'],
        ['account', '9'],
      ],
      body: '',
    },
    canonical:
      'v1:1704067200:req-1704067200-a1b2c3d4e5f6:GET:account=9&date=2026-04-30&limit=20:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=',
    signature: 'v1=OM1n55ybqSaaWbqli6INJjnDajohdiTvuMLBQ8t/1J0=',
  },
  {
    name: 'POST topup body',
    input: {
      timestampSeconds: 1747717774,
      nonce: '0f8b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d',
      method: 'POST',
      query: [],
      body: '{"refid":"321479-0-30f4f209-ee","product":"GC","account":"0123456789","amount":"10.00"}',
    },
    canonical:
      'v1:1747717774:0f8b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d:POST::aY8yewPQMm09iHzRl82ruDuhLIFdQQMginK9WesSE0Y=',
    signature: 'v1=59iQS3oad3Xe1LT79ICt9X7ardxH4yzfyxZawVjtgjM=',
  },
];

describe('IIMMPACT signer', () => {
  it.each(vectors)('matches the OpenSSL vector: $name', ({ input, canonical, signature }) => {
    expect(canonicalString(input)).toBe(canonical);
    expect(computeSignature(KEY, input)).toBe(signature);
  });

  it('hashes an empty body to the documented constant', () => {
    expect(bodyHash('')).toBe('47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=');
  });

  it('does not key the HMAC with the Base64 characters of the secret', () => {
    // openssl with -macopt key:$SECRET (the undecoded secret) gives this, which must never match.
    const undecodedKeySignature = 'v1=e4Zzl4uDvZDfAHhc/0J0BQTkSeDY+MyzJejmcXmV8eY=';
    const [first] = vectors;
    if (!first) throw new Error('no vectors');
    expect(computeSignature(KEY, first.input)).not.toBe(undecodedKeySignature);
    expect(computeSignature(Buffer.from(SECRET, 'utf8'), first.input)).toBe(undecodedKeySignature);
  });

  it('emits Base64, not hex', () => {
    for (const { input } of vectors) {
      const value = computeSignature(KEY, input).slice('v1='.length);
      expect(value).toMatch(/^[A-Za-z0-9+/]{43}=$/);
      expect(value).not.toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('keeps repeated keys in their given order and does not percent-encode values', () => {
    expect(
      canonicalQuery([
        ['status', 'SUCCESSFUL'],
        ['date', '2025-05-01 - 2025-05-31'],
        ['status', 'FAILED'],
      ]),
    ).toBe('date=2025-05-01 - 2025-05-31&status=SUCCESSFUL&status=FAILED');
  });

  it('changes the signature when any signed part changes', () => {
    const [, second] = vectors;
    if (!second) throw new Error('no vectors');
    const base = computeSignature(KEY, second.input);
    expect(computeSignature(KEY, { ...second.input, nonce: `${second.input.nonce}x` })).not.toBe(base);
    expect(computeSignature(KEY, { ...second.input, timestampSeconds: 1704067201 })).not.toBe(base);
    expect(computeSignature(KEY, { ...second.input, method: 'POST' })).not.toBe(base);
    expect(computeSignature(KEY, { ...second.input, query: [['account', '10']] })).not.toBe(base);
    expect(computeSignature(KEY, { ...second.input, body: ' ' })).not.toBe(base);
  });

  it('builds the four headers', () => {
    const [first] = vectors;
    if (!first) throw new Error('no vectors');
    expect(signRequest('api-key-for-tests', KEY, first.input)).toEqual({
      'X-Api-Key': 'api-key-for-tests',
      'X-Timestamp': '1704067200',
      'X-Nonce': 'req-1704067200-a1b2c3d4e5f6',
      'X-Signature': first.signature,
    });
  });

  it('rejects a secret that is not Base64', () => {
    expect(() => decodeHmacSecret('not base64!')).toThrow(/not valid Base64/);
    expect(() => decodeHmacSecret('abc')).toThrow(/not valid Base64/);
  });
});
