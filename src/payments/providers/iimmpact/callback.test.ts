import { describe, expect, it } from 'vitest';
import { money } from '../../money.js';
import { parseIimmpactCallback } from './callback.js';

const data = {
  statusCode: 48,
  status: 'Failed',
  account: '0123456789',
  product: 'D',
  productName: 'Digi Prepaid',
  amount: 10,
  sn: '',
  pin: '',
  expiry: '',
  cost: 9.73,
  balance: 100,
  remarks: 'Rejected by telco',
  refid: '1234t',
  timestamp: '2025-05-20 13:09:34',
  note: '',
  voucherlink: '',
};

describe('IIMMPACT callbacks', () => {
  it('reads the POST form', () => {
    const notice = parseIimmpactCallback({
      method: 'POST',
      query: new URLSearchParams(),
      body: JSON.stringify({ data }),
    });
    expect(notice).toMatchObject({
      ok: true,
      refid: '1234t',
      reported: {
        state: 'failed',
        providerCode: '48',
        remarks: 'Rejected by telco',
        cost: money(973, 'MYR'),
      },
    });
  });

  it('reads the GET form with its URL-encoded message', () => {
    const query = new URLSearchParams({
      refid: '1234t',
      status: '48',
      price: '9.73',
      message: JSON.stringify(data),
    });
    const notice = parseIimmpactCallback({ method: 'GET', query, body: '' });
    expect(notice).toMatchObject({
      ok: true,
      refid: '1234t',
      reported: { state: 'failed', providerCode: '48' },
    });
  });

  it('reads a bare GET with only refid and status', () => {
    const query = new URLSearchParams({ refid: 'abc', status: '20' });
    const notice = parseIimmpactCallback({ method: 'GET', query, body: '' });
    expect(notice).toMatchObject({
      ok: true,
      refid: 'abc',
      reported: { state: 'succeeded', providerCode: '20' },
    });
  });

  it('trusts the query refid over one inside the message', () => {
    const query = new URLSearchParams({
      refid: 'outer',
      status: '1',
      message: JSON.stringify({ ...data, refid: 'inner' }),
    });
    expect(parseIimmpactCallback({ method: 'GET', query, body: '' })).toMatchObject({
      ok: true,
      refid: 'outer',
    });
  });

  it.each([
    ['POST with a non-JSON body', 'POST', '', 'not json'],
    ['POST without data', 'POST', '', '{"refid":"x"}'],
    ['POST without refid', 'POST', '', JSON.stringify({ data: { ...data, refid: '' } })],
    ['GET without refid', 'GET', 'status=20', ''],
  ])('refuses %s with a reason', (_name, method, query, body) => {
    const notice = parseIimmpactCallback({ method, query: new URLSearchParams(query), body });
    expect(notice.ok).toBe(false);
    if (!notice.ok) expect(notice.reason).toBeTruthy();
  });
});
