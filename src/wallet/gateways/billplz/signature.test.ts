import { describe, expect, it } from 'vitest';
import { verifyXSignature, xSignature, xSignatureSource } from './signature.js';

/** The vectors published by Billplz (spec §6), plus the spec's two computed ones. */
const KEY = 'S-s7b4yWpp9h7rrkNM1i3Z_g';

const callback: Array<[string, string]> = [
  ['id', 'zq0tm2wc'],
  ['collection_id', 'yhx5t1pp'],
  ['paid', 'true'],
  ['state', 'paid'],
  ['amount', '100'],
  ['paid_amount', '100'],
  ['due_at', '2018-9-27'],
  ['email', 'tester@test.com'],
  ['mobile', ''],
  ['name', 'TESTER'],
  ['url', 'http://www.billplz-sandbox.com/bills/zq0tm2wc'],
  ['paid_at', '2018-09-27 15:15:09 +0800'],
];

describe('Billplz X-Signature', () => {
  it('matches the published callback vector', () => {
    expect(xSignatureSource(callback)).toBe(
      'amount100|collection_idyhx5t1pp|due_at2018-9-27|emailtester@test.com|idzq0tm2wc|mobile|nameTESTER|paid_amount100|paid_at2018-09-27 15:15:09 +0800|paidtrue|statepaid|urlhttp://www.billplz-sandbox.com/bills/zq0tm2wc',
    );
    expect(xSignature(callback, KEY)).toBe(
      '0fe0a20b8d557eeae570377783d062a3816a9ea80f368860bacfa7ec3ca4d00e',
    );
  });

  it('matches the published redirect vector (nested keys lose their brackets)', () => {
    const redirect: Array<[string, string]> = [
      ['billplz[id]', 'zq0tm2wc'],
      ['billplz[paid]', 'true'],
      ['billplz[paid_at]', '2018-09-27 15:15:09 +0800'],
    ];
    expect(xSignatureSource(redirect)).toBe(
      'billplzidzq0tm2wc|billplzpaid_at2018-09-27 15:15:09 +0800|billplzpaidtrue',
    );
    expect(xSignature(redirect, KEY)).toBe(
      '4aab095fe5a39b1d534500988f9a0cb085cd1b6d5bbb55dd4e02ea6fa102b47b',
    );
  });

  it('matches the published generic vector', () => {
    const params: Array<[string, string]> = [
      ['amount', '200'],
      ['callback_url', 'https://example.com/webhook'],
      ['collection_id', 'inbmmepb'],
      ['description', 'testing'],
      ['email', 'api@billplz.com'],
      ['name', 'Michael'],
    ];
    expect(xSignature(params, 'abc123cde456')).toBe(
      'ef5e54a22af0925cba88fab467119742e90262e3646eea1dee3949938daf3a38',
    );
  });

  it('matches the computed vectors with transaction fields and a failed redirect', () => {
    const withTx: Array<[string, string]> = [
      ['id', 'pjpetpdy'],
      ['collection_id', 'bvgo7ueb'],
      ['paid', 'true'],
      ['state', 'paid'],
      ['amount', '100'],
      ['paid_amount', '100'],
      ['due_at', '2020-8-7'],
      ['email', 'api@billplz.com'],
      ['mobile', ''],
      ['name', 'WILL'],
      ['url', 'http://www.billplz.test:3000/bills/pjpetpdy'],
      ['paid_at', '2020-08-07 15:08:19 +0800'],
      ['transaction_id', '711044E05418'],
      ['transaction_status', 'completed'],
    ];
    expect(xSignature(withTx, KEY)).toBe('1a3ace0bc96af5d16c3505c2bfd64142ddc7409aadf7d98ba64833a8721edc19');
    const failed: Array<[string, string]> = [
      ['billplz[id]', 'zq0tm2wc'],
      ['billplz[paid]', 'false'],
      ['billplz[paid_at]', ''],
      ['billplz[transaction_id]', '28F3D3194138'],
      ['billplz[transaction_status]', 'failed'],
    ];
    expect(xSignature(failed, KEY)).toBe('e862569fc263e0d71f1d8103cc96c143d48b79d056a52760eb09a27529bb9e61');
  });

  it('verifies in constant time, ignoring the x_signature field itself', () => {
    const signed: Array<[string, string]> = [...callback, ['x_signature', 'ignored']];
    const good = '0fe0a20b8d557eeae570377783d062a3816a9ea80f368860bacfa7ec3ca4d00e';
    expect(verifyXSignature(signed, good, KEY)).toBe(true);
    expect(verifyXSignature(signed, good.replace('0f', '1f'), KEY)).toBe(false);
    expect(verifyXSignature(signed, undefined, KEY)).toBe(false);
    expect(verifyXSignature(signed, 'short', KEY)).toBe(false);
    expect(verifyXSignature([...callback, ['amount', '999']], good, KEY)).toBe(false);
  });
});
