import { describe, expect, it } from 'vitest';
import {
  type IakCredentials,
  iakSign,
  iakSignInput,
  SIGN_BALANCE,
  SIGN_CHECK_OPERATOR,
  SIGN_PRICE_LIST,
  verifyIakSign,
} from './signer.js';

/*
 * Vectors computed independently with coreutils and OpenSSL, e.g.
 *   printf '%s' "081234567890iak-test-key-0001order001" | md5sum
 *   printf '%s' "081234567890iak-test-key-0001op" | openssl dgst -md5 -r
 * The credentials are synthetic. The doc's printed signs (spec §3 table A) are not used: the key
 * behind them is never given, and several are placeholders reused across different inputs.
 */
const CREDS: IakCredentials = { username: '081234567890', apiKey: 'iak-test-key-0001' };

const vectors = [
  {
    name: 'top-up / check-status / callback',
    additional: 'order001',
    sign: 'aae33b3d68d3f903bce276e19565ca48',
  },
  { name: 'check balance', additional: SIGN_BALANCE, sign: '422f20f692ba3fd01630d88e91f70cbb' },
  { name: 'price list', additional: SIGN_PRICE_LIST, sign: '80fb62af545095891481805cfe6b29dd' },
  { name: 'check operator', additional: SIGN_CHECK_OPERATOR, sign: '5ebe5c61c6f3d770cac5596f37a75429' },
  { name: 'inquiry PLN (meter)', additional: '12345678901', sign: '25a09435d6e37f19263c6dc098be0af6' },
  { name: 'inquiry OVO (phone)', additional: '082179374708', sign: '463cb5b74e3974b5f05058eee21d5191' },
  { name: 'game inquiries (game code)', additional: '103', sign: 'd7d1717598447cbd24221740f6e140c0' },
  { name: 'a generated refid', additional: 'o-lx2k9a-AbC_12', sign: 'ca05a1fa10fd04ed099747cb7651ce02' },
] as const;

describe('IAK signer', () => {
  it.each(vectors)('matches the md5sum vector: $name', ({ additional, sign }) => {
    expect(iakSign(CREDS, additional)).toBe(sign);
  });

  it('concatenates without a separator, in the order username, key, additional', () => {
    // printf '%s' "123123123api_keyorder001" | md5sum
    expect(iakSign({ username: '123123123', apiKey: 'api_key' }, 'order001')).toBe(
      '431a97346dc37583939d25e23eb8e7b8',
    );
    expect(iakSign({ username: '123123123api_key', apiKey: '' }, 'order001')).toBe(
      '431a97346dc37583939d25e23eb8e7b8',
    );
  });

  it('does not reproduce the placeholder signs printed in the docs', () => {
    // Kept as a reminder that these are not vectors: the doc's key is unknown (spec §3).
    expect(iakSign({ username: '123123123', apiKey: 'api_key' }, 'order001')).not.toBe(
      '96e1028f6beaa817ee3670a39c01c69d',
    );
  });

  it('names the signed value of every call', () => {
    expect(iakSignInput.topUp('r1')).toBe('r1');
    expect(iakSignInput.checkStatus('r1')).toBe('r1');
    expect(iakSignInput.callback('r1')).toBe('r1');
    expect(iakSignInput.balance()).toBe('bl');
    expect(iakSignInput.priceList()).toBe('pl');
    expect(iakSignInput.checkOperator()).toBe('op');
    expect(iakSignInput.inquiryPln('12345678901')).toBe('12345678901');
    expect(iakSignInput.inquiryOvo('082179374708')).toBe('082179374708');
    expect(iakSignInput.game('103')).toBe('103');
  });

  it('emits 32 lowercase hex characters', () => {
    for (const { additional } of vectors) expect(iakSign(CREDS, additional)).toMatch(/^[0-9a-f]{32}$/);
  });

  it('verifies a sign in any hex case, and refuses a wrong or malformed one', () => {
    const [first] = vectors;
    expect(verifyIakSign(CREDS, first.additional, first.sign)).toBe(true);
    expect(verifyIakSign(CREDS, first.additional, first.sign.toUpperCase())).toBe(true);
    expect(verifyIakSign(CREDS, 'order002', first.sign)).toBe(false);
    expect(verifyIakSign({ ...CREDS, apiKey: 'other' }, first.additional, first.sign)).toBe(false);
    expect(verifyIakSign(CREDS, first.additional, '')).toBe(false);
    expect(verifyIakSign(CREDS, first.additional, `${first.sign}00`)).toBe(false);
    expect(verifyIakSign(CREDS, first.additional, 'z'.repeat(32))).toBe(false);
  });
});
