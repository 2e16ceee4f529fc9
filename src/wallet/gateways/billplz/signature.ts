import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Billplz's X-Signature (spec §6): every received parameter except `x_signature` becomes
 * `key + value` (nested keys lose their brackets: `billplz[id]` -> `billplzid`; an empty value leaves
 * the bare key), the elements are sorted case-insensitively by code unit (lower-case, then compare;
 * never localeCompare), joined with `|`, and signed with HMAC-SHA256 as lower-case hex.
 *
 * Open question 1 of the spec (the docs sign "all parameters", the SDKs a fixed list): this follows
 * the docs. On every documented payload the two agree.
 */
export type SignedParams = ReadonlyArray<readonly [key: string, value: string]>;

/** `billplz[id]` -> `billplzid`, `collections[][id]` -> `collectionsid`. */
function flatKey(key: string): string {
  return key.replace(/[[\]]/g, '');
}

export function xSignatureSource(params: SignedParams): string {
  const elements = params
    .filter(([key]) => flatKey(key) !== 'x_signature' && flatKey(key) !== 'billplzx_signature')
    .map(([key, value]) => `${flatKey(key)}${value}`);
  const keyed = elements.map((element) => ({ element, key: element.toLowerCase() }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map((e) => e.element).join('|');
}

export function xSignature(params: SignedParams, key: string): string {
  return createHmac('sha256', key).update(xSignatureSource(params), 'utf8').digest('hex');
}

/** Compares in constant time (both sides hashed first, so lengths leak nothing either). */
export function verifyXSignature(params: SignedParams, given: string | undefined, key: string): boolean {
  if (given === undefined || given === '') return false;
  const expected = createHash('sha256').update(xSignature(params, key)).digest();
  const actual = createHash('sha256').update(given.toLowerCase()).digest();
  return timingSafeEqual(expected, actual);
}
