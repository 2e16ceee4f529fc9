import { describe, expect, it } from 'vitest';
import { money } from '../../money.js';
import { IAK_CALLBACK_SOURCE_IPS, parseIakCallback, readFlatXml } from './callback.js';

/* Synthetic credentials; the signs below were computed with `printf '%s' ... | md5sum`. */
const CREDS = { username: '081234567890', apiKey: 'iak-test-key-0001' };
const SIGN_ORDER001 = 'aae33b3d68d3f903bce276e19565ca48';

const success = {
  ref_id: 'order001',
  status: '1',
  product_code: 'xld25000',
  customer_id: '0817777215',
  price: '25000',
  message: 'SUCCESS',
  sn: '123456789',
  balance: '997061249',
  tr_id: '3482',
  rc: '00',
  sign: SIGN_ORDER001,
};

const post = (body: string) => ({ method: 'POST', query: new URLSearchParams(), body });

describe('IAK callbacks', () => {
  it('reads a correctly signed success', () => {
    expect(parseIakCallback(post(JSON.stringify({ data: success })), CREDS)).toEqual({
      ok: true,
      refid: 'order001',
      reported: {
        refid: 'order001',
        state: 'succeeded',
        providerStatus: 'SUCCESS',
        providerCode: '00',
        amount: money(25_000, 'IDR'),
        cost: money(25_000, 'IDR'),
        balanceAfter: money(997_061_249, 'IDR'),
        serialNumber: '123456789',
        remarks: 'SUCCESS',
      },
    });
  });

  it('reads a failure with its reason, and accepts the sign in upper case', () => {
    const failed = { ...success, status: '2', message: 'FAILED', rc: '07', sn: undefined };
    const notice = parseIakCallback(
      post(JSON.stringify({ data: { ...failed, sign: SIGN_ORDER001.toUpperCase() } })),
      CREDS,
    );
    expect(notice).toMatchObject({
      ok: true,
      reported: {
        state: 'failed',
        providerCode: '07',
        failure: { code: 'provider_declined', providerCode: '07' },
      },
    });
  });

  it('reads the same fields sent as <mp> XML', () => {
    const xml = `<?xml version="1.0"?><mp>${Object.entries(success)
      .map(([k, v]) => `<${k}>${v}</${k}>`)
      .join('')}<pin/></mp>`;
    expect(parseIakCallback(post(xml), CREDS)).toMatchObject({ ok: true, refid: 'order001' });
    expect(readFlatXml('<mp><a>x &amp; y</a> <b></b></mp>')).toEqual({ data: { a: 'x & y', b: '' } });
    expect(readFlatXml('<mp><a><b>1</b></a></mp>')).toBeUndefined();
    expect(readFlatXml('<other/>')).toBeUndefined();
  });

  it.each([
    ['a wrong sign', JSON.stringify({ data: { ...success, sign: '0'.repeat(32) } }), 'sign does not match'],
    [
      'a sign for another ref_id',
      JSON.stringify({ data: { ...success, ref_id: 'order002' } }),
      'sign does not match',
    ],
    ['no sign', JSON.stringify({ data: { ...success, sign: '' } }), 'sign is missing'],
    ['no ref_id', JSON.stringify({ data: { ...success, ref_id: '' } }), 'ref_id is missing'],
    ['a body that is neither JSON nor XML', 'ref_id=order001', 'body is neither JSON nor <mp> XML'],
    ['a body without data', JSON.stringify(success), 'data: '],
    ['a non-numeric rc', JSON.stringify({ data: { ...success, rc: 'OK' } }), 'data.rc'],
  ])('refuses %s with a reason', (_name, body, reason) => {
    const notice = parseIakCallback(post(body), CREDS);
    expect(notice.ok).toBe(false);
    if (!notice.ok) expect(notice.reason).toContain(reason);
  });

  it('refuses a GET and a callback signed with another key', () => {
    expect(
      parseIakCallback(
        { method: 'GET', query: new URLSearchParams({ ref_id: 'order001' }), body: '' },
        CREDS,
      ),
    ).toEqual({
      ok: false,
      reason: 'IAK callbacks are POSTed',
    });
    const other = parseIakCallback(post(JSON.stringify({ data: success })), { ...CREDS, apiKey: 'prod-key' });
    expect(other.ok).toBe(false);
  });

  it('never puts body values into a refusal reason', () => {
    const notice = parseIakCallback(
      post(JSON.stringify({ data: { ...success, pin: 'SECRET-PIN-1', sign: 'f'.repeat(32) } })),
      CREDS,
    );
    expect(JSON.stringify(notice)).not.toContain('SECRET-PIN-1');
  });

  it('documents the source address IAK calls back from', () => {
    expect(IAK_CALLBACK_SOURCE_IPS).toEqual(['52.76.169.212']);
  });
});
