import { describe, expect, it } from 'vitest';
import { hmacKeyFromSecret, type SignedParts, signatureMatches } from '../../sandbox/iimmpact/signature.js';
import {
  computeSignature,
  decodeHmacSecret,
  type QueryParam,
  type SigningInput,
} from '../../src/payments/providers/iimmpact/signer.js';

/*
 * The client's signer (src/payments) and the sandbox's verifier (sandbox/iimmpact/signature.ts) are two
 * implementations of spec §2.3 written separately. Their agreement on many random requests is what
 * lets the sandbox catch a signer mistake: the pinned vectors cover the cases someone thought of,
 * this covers the ones nobody did (key order, repeated keys, spaces, non-ASCII, binary bodies).
 * The seed is in every failure message so a failing case can be replayed.
 */

const SEED = Math.floor(Math.random() * 2 ** 32);

/** mulberry32: small, seedable and good enough to pick test inputs. */
function createRandom(seed: number): { int(below: number): number; pick<T>(items: readonly T[]): T } {
  let state = seed >>> 0;
  function next(): number {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  }
  const int = (below: number) => Math.floor(next() * below);
  return { int, pick: (items) => items[int(items.length)] as (typeof items)[number] };
}

const random = createRandom(SEED);
const KEY_NAMES = [
  'account',
  'Account',
  'amount',
  'biller_code',
  'date',
  'limit',
  'product',
  'ref2',
  'status',
  'é',
];
const VALUE_CHARS = 'abcXYZ019 -_.:/+=&?%é€ü';
const NONCE_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_';

function text(chars: string, length: number): string {
  return Array.from({ length }, () => random.pick([...chars])).join('');
}

interface Case {
  secret: string;
  input: SigningInput & { body: Uint8Array };
}

function randomCase(): Case {
  const secret = Buffer.from(Array.from({ length: 1 + random.int(64) }, () => random.int(256))).toString(
    'base64',
  );
  const query: QueryParam[] = Array.from({ length: random.int(6) }, () => [
    random.pick(KEY_NAMES),
    text(VALUE_CHARS, random.int(12)),
  ]);
  const body =
    random.int(3) === 0
      ? new Uint8Array()
      : Buffer.from(
          random.int(2) === 0
            ? JSON.stringify({
                refid: text(NONCE_CHARS, 20),
                amount: `${random.int(1000)}.00`,
                note: text(VALUE_CHARS, 8),
              })
            : Array.from({ length: random.int(200) }, () => random.int(256)),
        );
  return {
    secret,
    input: {
      timestampSeconds: 1_000_000_000 + random.int(2_000_000_000),
      nonce: text(NONCE_CHARS, 16 + random.int(113)),
      method: random.pick(['GET', 'POST']),
      query,
      body,
    },
  };
}

function asSandboxSees(input: Case['input']): SignedParts {
  return {
    timestamp: String(input.timestampSeconds),
    nonce: input.nonce,
    method: input.method,
    query: input.query,
    body: input.body,
  };
}

const CASES = Array.from({ length: 300 }, randomCase);

describe('IIMMPACT signature: client signer vs sandbox verifier', () => {
  it('the sandbox accepts every request the client signs', () => {
    for (const [index, { secret, input }] of CASES.entries()) {
      const header = computeSignature(decodeHmacSecret(secret), input);
      const accepted = signatureMatches(hmacKeyFromSecret(secret), asSandboxSees(input), header);
      expect(
        accepted,
        `seed ${SEED}, case ${index}: ${JSON.stringify({ ...input, body: input.body.length })}`,
      ).toBe(true);
    }
  });

  it('the sandbox refuses a signed request whose body or query changed on the way', () => {
    for (const [index, { secret, input }] of CASES.entries()) {
      const header = computeSignature(decodeHmacSecret(secret), input);
      const key = hmacKeyFromSecret(secret);
      const seen = asSandboxSees(input);
      const tamperedBody = { ...seen, body: Buffer.concat([input.body, Buffer.from(' ')]) };
      const tamperedQuery = { ...seen, query: [...input.query, ['amount', '0.01'] as const] };
      expect(signatureMatches(key, tamperedBody, header), `seed ${SEED}, case ${index}`).toBe(false);
      expect(signatureMatches(key, tamperedQuery, header), `seed ${SEED}, case ${index}`).toBe(false);
    }
  });

  it('the sandbox refuses a request signed with another secret', () => {
    for (const [index, { secret, input }] of CASES.entries()) {
      const other = decodeHmacSecret(secret);
      other[0] = (other[0] ?? 0) ^ 1; // one bit of the key differs
      const header = computeSignature(other, input);
      const accepted = signatureMatches(hmacKeyFromSecret(secret), asSandboxSees(input), header);
      expect(accepted, `seed ${SEED}, case ${index}`).toBe(false);
    }
  });
});
