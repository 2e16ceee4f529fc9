import { afterEach, describe, expect, it } from 'vitest';
import { SANDBOX_FIXTURES, TEST_ACCOUNT_OUTCOMES } from '../../../sandbox/iimmpact/fixtures.js';
import type { TopupData } from '../../../sandbox/iimmpact/ledger.js';
import {
  type IimmpactSandbox,
  type IimmpactSandboxOptions,
  startIimmpactSandbox,
} from '../../../sandbox/iimmpact/server.js';
import { FAILURE_MEANINGS } from '../../../sandbox/iimmpact/status-codes.js';
import {
  type RawResponse,
  sendRaw,
  sendSigned,
  signedHeaders,
  waitFor,
} from '../../../sandbox/iimmpact/testing.js';

const creds = {
  apiKey: 'iimm_dev_sandbox_test_key',
  // Synthetic: Base64 of "sandbox-test-secret-0123456789abcdef".
  hmacSecret: Buffer.from('sandbox-test-secret-0123456789abcdef').toString('base64'),
};
const readOnlyKey = 'iimm_dev_sandbox_read_only';

const open: IimmpactSandbox[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function start(options: Partial<IimmpactSandboxOptions> = {}): Promise<IimmpactSandbox> {
  const sandbox = await startIimmpactSandbox({
    ...creds,
    readOnlyApiKey: readOnlyKey,
    timing: { acceptedMs: 0, processingMs: 0 },
    ...options,
  });
  open.push(sandbox);
  return sandbox;
}

function parse<T>(response: RawResponse): T {
  return JSON.parse(response.text) as T;
}

function topup(sandbox: IimmpactSandbox, body: Record<string, unknown>, apiKey = creds.apiKey) {
  return sendSigned(
    sandbox.origin,
    { ...creds, apiKey },
    { method: 'POST', path: '/v2/topup', body: JSON.stringify(body) },
  );
}

async function topupData(sandbox: IimmpactSandbox, body: Record<string, unknown>): Promise<TopupData> {
  const response = await topup(sandbox, body);
  expect(response.status).toBe(200);
  return parse<{ data: TopupData }>(response).data;
}

const reload = (refid: string, account: string = SANDBOX_FIXTURES.prepaid.successAccount) => ({
  refid,
  product: 'D',
  account,
  amount: '10',
});

describe('authentication', () => {
  it('accepts a correctly signed request', async () => {
    const sandbox = await start();
    const response = await sendSigned(sandbox.origin, creds, { method: 'GET', path: '/v2/balance' });
    expect(response.status).toBe(200);
    expect(parse(response)).toEqual({
      data: { account: '3100528', name: 'Sandbox Merchant Sdn Bhd', balance: 500000, level: '12', access: 0 },
    });
  });

  it.each(['X-Api-Key', 'X-Timestamp', 'X-Nonce', 'X-Signature'])(
    'refuses a request without %s',
    async (name) => {
      const sandbox = await start();
      const headers = signedHeaders(creds, { method: 'GET' });
      delete headers[name];
      const response = await sendRaw(sandbox.origin, { method: 'GET', path: '/v2/balance', headers });
      expect(response.status).toBe(401);
      expect(parse(response)).toEqual({
        error: 'missing_header',
        message: `Missing required header ${name}`,
      });
    },
  );

  it('refuses an unknown API key', async () => {
    const sandbox = await start();
    const response = await sendSigned(
      sandbox.origin,
      { ...creds, apiKey: 'iimm_prod_other' },
      { method: 'GET', path: '/v2/balance' },
    );
    expect(response.status).toBe(401);
    expect(parse(response)).toEqual({ error: 'invalid_api_key', message: 'API key not found' });
  });

  it('refuses a signature made with the wrong secret, a tampered body or a tampered query', async () => {
    const sandbox = await start();
    const wrongSecret = await sendSigned(
      sandbox.origin,
      { ...creds, hmacSecret: Buffer.from('another-secret').toString('base64') },
      { method: 'GET', path: '/v2/balance' },
    );
    expect(wrongSecret.status).toBe(401);
    expect(parse(wrongSecret)).toEqual({ error: 'invalid_signature', message: 'Signature mismatch' });

    const body = JSON.stringify(reload('tamper-1'));
    const headers = signedHeaders(creds, { method: 'POST', body });
    const tampered = await sendRaw(sandbox.origin, {
      method: 'POST',
      path: '/v2/topup',
      body: body.replace('"10"', '"100"'),
      headers,
    });
    expect(tampered.status).toBe(401);
    expect(sandbox.transactions()).toHaveLength(0);

    const queryHeaders = signedHeaders(creds, { method: 'GET', query: [['product', 'TNB']] });
    const otherQuery = await sendRaw(sandbox.origin, {
      method: 'GET',
      path: '/v2/networkstatus',
      query: [['product', 'D']],
      headers: queryHeaders,
    });
    expect(parse<{ error: string }>(otherQuery).error).toBe('invalid_signature');
  });

  it('signs the query sorted by key with decoded values, whatever the wire order', async () => {
    const sandbox = await start();
    const query = [
      ['product_code', 'JOMPAY'],
      ['limit', '2'],
    ] as const;
    const response = await sendSigned(sandbox.origin, creds, {
      method: 'GET',
      path: '/v2/subproducts',
      query: [...query],
    });
    expect(response.status).toBe(200);
    const spaced = await sendSigned(sandbox.origin, creds, {
      method: 'GET',
      path: '/v2/options',
      query: [
        ['product_code', 'HI'],
        ['field_id', 'plan'],
        ['account_number', '60123456781'],
        ['biller_code', 'with space & symbols'],
      ],
    });
    expect(spaced.status).toBe(200);
  });

  it('refuses a stale or future timestamp and a timestamp in milliseconds', async () => {
    const sandbox = await start({ timestampToleranceSeconds: 300 });
    const now = Math.floor(Date.now() / 1000);
    for (const timestampSeconds of [now - 400, now + 400]) {
      const response = await sendSigned(
        sandbox.origin,
        creds,
        { method: 'GET', path: '/v2/balance' },
        { timestampSeconds },
      );
      expect(response.status).toBe(401);
      expect(parse<{ error: string }>(response).error).toBe('expired_timestamp');
    }
    const millis = await sendSigned(
      sandbox.origin,
      creds,
      { method: 'GET', path: '/v2/balance' },
      { timestampSeconds: Date.now() },
    );
    expect(parse<{ error: string }>(millis).error).toBe('invalid_timestamp');
  });

  it('refuses a reused nonce, even on another endpoint', async () => {
    const sandbox = await start();
    const nonce = 'nonce-reuse-0123456789';
    const first = await sendSigned(sandbox.origin, creds, { method: 'GET', path: '/v2/balance' }, { nonce });
    expect(first.status).toBe(200);
    const second = await sendSigned(
      sandbox.origin,
      creds,
      { method: 'GET', path: '/v2/product-list' },
      { nonce },
    );
    expect(second.status).toBe(401);
    expect(parse(second)).toEqual({ error: 'nonce_reused', message: 'Nonce has already been used' });
  });

  it('refuses nonces shorter than 16 or longer than 128 characters', async () => {
    const sandbox = await start();
    for (const nonce of ['short-nonce', 'x'.repeat(129)]) {
      const response = await sendSigned(
        sandbox.origin,
        creds,
        { method: 'GET', path: '/v2/balance' },
        { nonce },
      );
      expect(response.status).toBe(401);
      expect(parse<{ error: string }>(response).error).toBe('invalid_nonce');
    }
    const edge = await sendSigned(
      sandbox.origin,
      creds,
      { method: 'GET', path: '/v2/balance' },
      { nonce: 'n'.repeat(16) },
    );
    expect(edge.status).toBe(200);
  });

  it('gives the read-only key access 50 and refuses its payments with 403', async () => {
    const sandbox = await start();
    const balance = await sendSigned(
      sandbox.origin,
      { ...creds, apiKey: readOnlyKey },
      { method: 'GET', path: '/v2/balance' },
    );
    expect(parse<{ data: { access: number } }>(balance).data.access).toBe(50);
    const response = await topup(sandbox, reload('ro-1'), readOnlyKey);
    expect(response.status).toBe(403);
    expect(parse(response)).toMatchObject({ error: 'forbidden', message: expect.any(String) });
    expect(sandbox.transactions()).toHaveLength(0);
  });

  it('answers unknown routes with 404 JSON and counts requests per path', async () => {
    const sandbox = await start();
    const response = await sendSigned(sandbox.origin, creds, { method: 'GET', path: '/v2/nope' });
    expect(response.status).toBe(404);
    expect(parse<{ message: string }>(response).message).toContain('/v2/nope');
    const outside = await sendRaw(sandbox.origin, { method: 'GET', path: '/' });
    expect(outside.status).toBe(404);
    await sendRaw(sandbox.origin, { method: 'GET', path: '/v2/balance' });
    expect(sandbox.requestCount('/v2/balance')).toBe(1);
    expect(sandbox.requestCount()).toBe(3);
  });
});

describe('topup', () => {
  it('creates a reload, debits the discounted cost and answers with every callback field', async () => {
    const sandbox = await start();
    const data = await topupData(sandbox, { ...reload('r-1'), remarks: 'order 42' });
    expect(data).toMatchObject({
      statusCode: 20,
      status: 'Succesful',
      account: SANDBOX_FIXTURES.prepaid.successAccount,
      product: 'D',
      productName: 'Digi Prepaid',
      amount: 10,
      cost: 9.8,
      balance: 499990.2,
      pin: '',
      expiry: '',
      note: '',
      voucherlink: '',
      remarks: 'order 42',
      refid: 'r-1',
    });
    expect(data.sn).toMatch(/^\d{12}$/);
    expect(data.timestamp).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(Object.keys(data).sort()).toEqual(
      [
        'statusCode',
        'status',
        'account',
        'product',
        'productName',
        'amount',
        'sn',
        'pin',
        'expiry',
        'cost',
        'balance',
        'remarks',
        'refid',
        'timestamp',
        'note',
        'voucherlink',
      ].sort(),
    );
    expect(sandbox.balanceSen()).toBe(500_000_00 - 980);
  });

  it('accepts the amount as a number or a decimal string', async () => {
    const sandbox = await start();
    expect((await topupData(sandbox, { ...reload('n-1'), amount: 10 })).amount).toBe(10);
    expect((await topupData(sandbox, { ...reload('n-2'), amount: '10.00' })).amount).toBe(10);
    const tnb = await topupData(sandbox, {
      refid: 'n-3',
      product: 'TNB',
      account: '220012345678',
      amount: 123.45,
    });
    expect(tnb).toMatchObject({ amount: 123.45, cost: 123.45, status: 'Succesful' });
  });

  it('is idempotent by refid: one transaction and one debit, whatever the repeat says', async () => {
    const sandbox = await start();
    const first = await topupData(sandbox, reload('same-refid'));
    const again = await topupData(sandbox, { ...reload('same-refid'), amount: '50', product: 'M' });
    expect(again).toEqual(first);
    expect(sandbox.transactions()).toHaveLength(1);
    expect(sandbox.balanceSen()).toBe(500_000_00 - 980);
  });

  it('answers validation failures with 400 + Failed and stores nothing, so the refid stays free', async () => {
    const sandbox = await start({ initialBalanceSen: 2000 });
    const cases: Array<[Record<string, unknown>, number]> = [
      [{ ...reload('v-1'), product: 'NOPE' }, 44],
      [{ ...reload('v-1'), product: 'TT' }, 44],
      [{ ...reload('v-1'), amount: '7' }, 58],
      [{ ...reload('v-1'), amount: 'ten' }, 58],
      [{ ...reload('v-1'), amount: '10.001' }, 58],
      [{ ...reload('v-1'), account: '' }, 44],
      [{ ...reload('v-1'), amount: '50' }, 43],
      [{ refid: 'v-1', product: 'TNB', account: '220012345678', amount: '5000.01' }, 58],
      [{ refid: 'v-1', product: 'HI', account: '60123456780', amount: '12' }, 44],
      [
        {
          refid: 'v-1',
          product: 'HI',
          account: '60123456780',
          amount: '40',
          extras: { subproduct_code: SANDBOX_FIXTURES.mobileData.oddOnlyPlanCode },
        },
        44,
      ],
      [
        {
          refid: 'v-1',
          product: 'HI',
          account: '60123456780',
          amount: '13',
          extras: { subproduct_code: 'Unlimited Weekly Pass RM12' },
        },
        58,
      ],
      [
        {
          refid: 'v-1',
          product: 'PTPTN',
          account: '12345678',
          amount: '10',
          extras: { subproduct_code: 'K', ic_number: '900101-14-5678' },
        },
        44,
      ],
      [
        {
          refid: 'v-1',
          product: 'PTPTN',
          account: '12345678',
          amount: '10',
          extras: { ic_number: '900101145678' },
        },
        44,
      ],
      [
        {
          refid: 'v-1',
          product: 'JOMPAY',
          account: 'REF1',
          amount: '10',
          extras: { biller_code: '99999', ic_number: '900101145678' },
        },
        44,
      ],
      [
        { refid: 'v-1', product: 'JOMPAY', account: 'REF1', amount: '10', extras: { biller_code: '10009' } },
        44,
      ],
      [
        {
          refid: 'v-1',
          product: 'JOMPAY',
          account: 'REF1',
          amount: '10',
          extras: { biller_code: '30023', ic_number: '900101145678' },
        },
        44,
      ],
    ];
    for (const [body, statusCode] of cases) {
      const response = await topup(sandbox, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      const data = parse<{ data: Record<string, unknown> }>(response).data;
      expect(data, JSON.stringify(body)).toMatchObject({ status: 'Failed', statusCode, refid: 'v-1' });
      expect(typeof data.remarks).toBe('string');
    }
    const noRefid = await topup(sandbox, { product: 'D', account: '60123456780', amount: '10' });
    expect(noRefid.status).toBe(400);
    const tooLong = await topup(sandbox, reload('x'.repeat(51)));
    expect(tooLong.status).toBe(400);
    const notJson = await sendSigned(sandbox.origin, creds, {
      method: 'POST',
      path: '/v2/topup',
      body: '{"refid":',
    });
    expect(notJson.status).toBe(400);

    expect(sandbox.transactions()).toHaveLength(0);
    expect(sandbox.balanceSen()).toBe(2000);
    const fixed = await topupData(sandbox, reload('v-1'));
    expect(fixed.status).toBe('Succesful');
  });

  it('pays mobile data, PTPTN and JomPAY with their extras', async () => {
    const sandbox = await start();
    const data = await topupData(sandbox, {
      refid: 'md-1',
      product: 'HI',
      account: SANDBOX_FIXTURES.mobileData.oddNumber,
      amount: 40,
      extras: { subproduct_code: SANDBOX_FIXTURES.mobileData.oddOnlyPlanCode },
    });
    expect(data.status).toBe('Succesful');
    const ptptn = await topupData(sandbox, {
      refid: 'pt-1',
      product: 'PTPTN',
      account: SANDBOX_FIXTURES.ptptn.account,
      amount: '150.50',
      extras: { subproduct_code: 'K', ic_number: SANDBOX_FIXTURES.ptptn.nric },
    });
    expect(ptptn).toMatchObject({ status: 'Succesful', amount: 150.5, cost: 150.5 });
    const jompay = await topupData(sandbox, {
      refid: 'jp-1',
      product: 'JOMPAY',
      account: 'POLICY-REF1',
      amount: '88.8',
      extras: { biller_code: SANDBOX_FIXTURES.jompay.ref2BillerCode, ic_number: '900101145678', ref2: 'R2' },
    });
    expect(jompay.status).toBe('Succesful');
    expect(sandbox.transaction('jp-1')?.extras).toEqual({
      biller_code: '30023',
      ic_number: '900101145678',
      ref2: 'R2',
    });
  });

  it('moves Accepted -> Processing -> Succesful on its timers and keeps the debit', async () => {
    const sandbox = await start({ timing: { acceptedMs: 40, processingMs: 40 } });
    const created = await topupData(sandbox, reload('life-1'));
    expect(created).toMatchObject({ statusCode: 0, status: 'Accepted', sn: '' });
    expect(sandbox.balanceSen()).toBe(500_000_00 - 980);
    const seen = new Set<string>([created.status]);
    const final = await waitFor(async () => {
      const data = await topupData(sandbox, reload('life-1'));
      seen.add(data.status);
      return data.statusCode === 20 ? data : undefined;
    });
    expect(final.status).toBe('Succesful');
    expect(final.sn).not.toBe('');
    // Polling may miss the short Processing window; the ledger's own history cannot.
    expect(sandbox.transaction('life-1')?.status).toBe('Succesful');
    expect(sandbox.transactions()).toHaveLength(1);
  });

  it('reaches Processing between Accepted and the final status', async () => {
    const sandbox = await start({ timing: { acceptedMs: 20, processingMs: 5_000 } });
    await topupData(sandbox, reload('life-2'));
    const processing = await waitFor(() =>
      sandbox.transaction('life-2')?.statusCode === 1 ? true : undefined,
    );
    expect(processing).toBe(true);
    expect((await topupData(sandbox, reload('life-2'))).status).toBe('Processing');
  });

  it.each(Object.entries(TEST_ACCOUNT_OUTCOMES))(
    'staging test account %s ends with code %i',
    async (account, code) => {
      const sandbox = await start();
      const data = await topupData(sandbox, reload(`t-${account}`, account));
      expect(data.statusCode).toBe(code);
      if (code === 53) {
        expect(data.status).toBe('Refund');
      } else if (code === 99) {
        expect(data.status).toBe('Pending');
      } else {
        expect(data.status).toBe('Failed');
        expect(data.remarks).toBe(FAILURE_MEANINGS[code]);
      }
      expect(data.sn).toBe('');
      // Failed and refunded transactions give the cost back; the unknown code keeps it debited.
      expect(sandbox.balanceSen()).toBe(code === 99 ? 500_000_00 - 980 : 500_000_00);
      expect(data.balance).toBe(code === 99 ? 499990.2 : 500000);
    },
  );

  it('holds the hold account in Processing until settle()', async () => {
    const sandbox = await start();
    const data = await topupData(sandbox, reload('hold-1', SANDBOX_FIXTURES.testAccounts.hold));
    expect(data.status).toBe('Processing');
    sandbox.settle('hold-1', 20);
    expect((await topupData(sandbox, reload('hold-1'))).status).toBe('Succesful');
    sandbox.settle('hold-1', 53);
    expect((await topupData(sandbox, reload('hold-1'))).status).toBe('Refund');
    expect(sandbox.balanceSen()).toBe(500_000_00);
    expect(() => sandbox.settle('nope', 20)).toThrow(/refid/);
  });

  it('hands over PIN, serial, expiry, note and link for gift cards and eSIMs', async () => {
    const sandbox = await start();
    const gift = await topupData(sandbox, {
      refid: 'gc-1',
      product: 'GC',
      account: '60123456780',
      amount: 25,
    });
    expect(gift).toMatchObject({ status: 'Succesful', productName: 'Grab Gift Code' });
    expect(gift.pin).toMatch(/^[A-Z2-9]{10}$/);
    expect(gift.sn).toMatch(/^\d{9}$/);
    expect(gift.expiry).toMatch(/^\d{8}$/);
    expect(gift.note).not.toBe('');
    expect(gift.voucherlink).toMatch(/^https:\/\//);

    const esim = await topupData(sandbox, {
      refid: 'es-1',
      product: 'ESIMJP',
      account: '60123456780',
      amount: 35,
    });
    expect(esim.pin).toMatch(/^LPA:1\$[^$]+\$ACT-/);
    expect(esim).toMatchObject({ productName: 'Japan eSIM 5GB 7 days', amount: 35, cost: 33.25 });
    expect(esim.voucherlink).toMatch(/^https:\/\//);

    const other = await topupData(sandbox, {
      refid: 'gc-2',
      product: 'GC',
      account: '60123456780',
      amount: 25,
    });
    expect(other.pin).not.toBe(gift.pin);
  });
});

describe('faults', () => {
  it('delays an answer, then answers normally', async () => {
    const sandbox = await start();
    sandbox.faults.inject({ kind: 'delay', ms: 60, path: '/v2/balance' });
    const startedAt = Date.now();
    const response = await sendSigned(sandbox.origin, creds, { method: 'GET', path: '/v2/balance' });
    expect(response.status).toBe(200);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(50);
  });

  it('answers an injected status without creating anything, for `times` requests on the path', async () => {
    const sandbox = await start();
    sandbox.faults.inject({ kind: 'status', status: 503, path: '/v2/topup', times: 2 });
    sandbox.faults.inject({ kind: 'status', status: 429, retryAfterSeconds: 7 });
    const balance = await sendSigned(sandbox.origin, creds, { method: 'GET', path: '/v2/balance' });
    expect(balance.status).toBe(429);
    expect(balance.headers['retry-after']).toBe('7');
    for (let i = 0; i < 2; i += 1) {
      const response = await topup(sandbox, reload('f-1'));
      expect(response.status).toBe(503);
      expect(parse(response)).toEqual({ message: 'Service Unavailable' });
    }
    expect(sandbox.transactions()).toHaveLength(0);
    expect((await topup(sandbox, reload('f-1'))).status).toBe(200);
  });

  it('does not spend faults on requests that fail authentication', async () => {
    const sandbox = await start();
    sandbox.faults.inject({ kind: 'status', status: 500 });
    const unauthenticated = await sendRaw(sandbox.origin, { method: 'GET', path: '/v2/balance' });
    expect(unauthenticated.status).toBe(401);
    const next = await sendSigned(sandbox.origin, creds, { method: 'GET', path: '/v2/balance' });
    expect(next.status).toBe(500);
  });

  it('resets the connection before doing anything', async () => {
    const sandbox = await start();
    sandbox.faults.inject({ kind: 'reset', path: '/v2/topup' });
    await expect(topup(sandbox, reload('reset-1'))).rejects.toThrow();
    expect(sandbox.transactions()).toHaveLength(0);
  });

  it('resets the connection after creating the transaction', async () => {
    const sandbox = await start();
    sandbox.faults.inject({ kind: 'reset-after-create', path: '/v2/topup' });
    await expect(topup(sandbox, reload('reset-2'))).rejects.toThrow();
    expect(sandbox.transactions()).toHaveLength(1);
    expect(sandbox.balanceSen()).toBe(500_000_00 - 980);
    const retried = await topupData(sandbox, reload('reset-2'));
    expect(retried.refid).toBe('reset-2');
    expect(sandbox.balanceSen()).toBe(500_000_00 - 980);
  });

  it('answers 200 with a body that is not JSON, after processing', async () => {
    const sandbox = await start();
    sandbox.faults.inject({ kind: 'malformed-json', path: '/v2/topup' });
    const response = await topup(sandbox, reload('mj-1'));
    expect(response.status).toBe(200);
    expect(() => JSON.parse(response.text)).toThrow();
    expect(sandbox.transactions()).toHaveLength(1);
  });

  it('answers 504 after the gateway timeout, after processing', async () => {
    const sandbox = await start({ gatewayTimeoutMs: 50 });
    sandbox.faults.inject({ kind: 'gateway-timeout', path: '/v2/topup' });
    const response = await topup(sandbox, reload('gw-1'));
    expect(response.status).toBe(504);
    expect(sandbox.transactions()).toHaveLength(1);
  });

  it('clears pending faults', async () => {
    const sandbox = await start();
    sandbox.faults.inject({ kind: 'status', status: 500, times: 5 });
    sandbox.faults.clear();
    expect((await sendSigned(sandbox.origin, creds, { method: 'GET', path: '/v2/balance' })).status).toBe(
      200,
    );
  });

  it('close() ends a request stuck in a long delay', async () => {
    const sandbox = await start();
    sandbox.faults.inject({ kind: 'delay', ms: 60_000 });
    const pending = sendSigned(sandbox.origin, creds, { method: 'GET', path: '/v2/balance' });
    await waitFor(() => (sandbox.requestCount('/v2/balance') === 1 ? true : undefined));
    await sandbox.close();
    await expect(pending).rejects.toThrow();
  });
});

describe('control plane', () => {
  const json = (value: unknown) => JSON.stringify(value);

  it('injects and clears faults over HTTP, validating the input', async () => {
    const sandbox = await start();
    const bad = await sendRaw(sandbox.origin, {
      method: 'POST',
      path: '/__sandbox/faults',
      body: json({ kind: 'status', status: 418 }),
    });
    expect(bad.status).toBe(400);
    expect(parse<{ message: string }>(bad).message).toMatch(/Invalid input/);
    const notJson = await sendRaw(sandbox.origin, {
      method: 'POST',
      path: '/__sandbox/faults',
      body: 'nope',
    });
    expect(notJson.status).toBe(400);

    const ok = await sendRaw(sandbox.origin, {
      method: 'POST',
      path: '/__sandbox/faults',
      body: json({ kind: 'status', status: 502, path: '/v2/balance' }),
    });
    expect(ok.status).toBe(200);
    expect((await sendSigned(sandbox.origin, creds, { method: 'GET', path: '/v2/balance' })).status).toBe(
      502,
    );

    await sendRaw(sandbox.origin, {
      method: 'POST',
      path: '/__sandbox/faults',
      body: json({ kind: 'reset' }),
    });
    const cleared = await sendRaw(sandbox.origin, { method: 'DELETE', path: '/__sandbox/faults' });
    expect(cleared.status).toBe(200);
    expect((await sendSigned(sandbox.origin, creds, { method: 'GET', path: '/v2/balance' })).status).toBe(
      200,
    );
  });

  it('lists transactions, reports the balance and settles by refid', async () => {
    const sandbox = await start();
    await topupData(sandbox, reload('cp-1', SANDBOX_FIXTURES.testAccounts.hold));
    const list = parse<Array<{ refid: string; status: string }>>(
      await sendRaw(sandbox.origin, { method: 'GET', path: '/__sandbox/transactions' }),
    );
    expect(list.map((t) => [t.refid, t.status])).toEqual([['cp-1', 'Processing']]);

    const badSettle = await sendRaw(sandbox.origin, {
      method: 'POST',
      path: '/__sandbox/transactions/cp-1/settle',
      body: json({ statusCode: 'twenty' }),
    });
    expect(badSettle.status).toBe(400);
    const unknown = await sendRaw(sandbox.origin, {
      method: 'POST',
      path: '/__sandbox/transactions/nope/settle',
      body: json({ statusCode: 20 }),
    });
    expect(unknown.status).toBe(404);

    const settled = await sendRaw(sandbox.origin, {
      method: 'POST',
      path: '/__sandbox/transactions/cp-1/settle',
      body: json({ statusCode: 48 }),
    });
    expect(settled.status).toBe(200);
    expect(parse(settled)).toMatchObject({ refid: 'cp-1', statusCode: 48, status: 'Failed' });

    const balance = await sendRaw(sandbox.origin, { method: 'GET', path: '/__sandbox/balance' });
    expect(parse(balance)).toEqual({ balanceSen: 500_000_00, balance: 500000 });
    expect(sandbox.requestCount()).toBe(1);
  });
});
