import { afterEach, describe, expect, it } from 'vitest';
import {
  IAK_SANDBOX_FIXTURES as F,
  IAK_SANDBOX_PRODUCTS,
  IAK_TEST_NUMBERS,
} from '../../../sandbox/iak/fixtures.js';
import type { IakTransactionData } from '../../../sandbox/iak/ledger.js';
import { type IakSandbox, type IakSandboxOptions, startIakSandbox } from '../../../sandbox/iak/server.js';
import { callIak, postIak, sendRaw, signedBody, waitFor } from '../../../sandbox/iak/testing.js';

const creds = { username: '081200001111', apiKey: 'iak-sandbox-test-key-2f1c' };

const open: IakSandbox[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function start(options: Partial<IakSandboxOptions> = {}): Promise<IakSandbox> {
  const sandbox = await startIakSandbox({ ...creds, timing: { processMs: 0 }, ...options });
  open.push(sandbox);
  return sandbox;
}

let counter = 0;
const refId = (label = 'r') => `${label}-${process.pid}-${++counter}`;

function topUp(sandbox: IakSandbox, ref: string, customerId: string, productCode: string = F.pulsa.product) {
  return callIak<IakTransactionData>(sandbox.origin, creds, '/api/top-up', ref, {
    ref_id: ref,
    customer_id: customerId,
    product_code: productCode,
  });
}

function checkStatus(sandbox: IakSandbox, ref: string) {
  return callIak<IakTransactionData>(sandbox.origin, creds, '/api/check-status', ref, { ref_id: ref });
}

async function finalStatus(sandbox: IakSandbox, ref: string): Promise<IakTransactionData> {
  return waitFor(async () => {
    const { data } = await checkStatus(sandbox, ref);
    return data.status === 0 ? undefined : data;
  });
}

describe('authentication', () => {
  it('accepts a correctly signed balance request', async () => {
    const sandbox = await start({ initialBalance: 1_234_567 });
    const { status, data } = await callIak(sandbox.origin, creds, '/api/check-balance', 'bl');
    expect(status).toBe(200);
    expect(data).toEqual({ balance: 1_234_567, message: 'SUCCESS', rc: '00' });
  });

  it.each([
    ['a wrong key', { ...creds, apiKey: 'another-key' }, 'bl'],
    ['another username', { ...creds, username: '081299990000' }, 'bl'],
    ['the wrong signed value', creds, 'pl'],
  ])('answers rc 204 with HTTP 200 for %s', async (_name, credentials, additional) => {
    const sandbox = await start();
    const { status, data } = await callIak(sandbox.origin, credentials, '/api/check-balance', additional);
    expect(status).toBe(200);
    expect(data).toEqual({ rc: '204', message: 'WRONG AUTHENTICATION', status: 2 });
  });

  it('refuses an uppercase sign: IAK signs are lowercase hex', async () => {
    const sandbox = await start();
    const body = JSON.parse(signedBody(creds, 'bl')) as { sign: string };
    const response = await postIak(
      sandbox.origin,
      '/api/check-balance',
      JSON.stringify({ ...body, sign: body.sign.toUpperCase() }),
    );
    expect(JSON.parse(response.text).data.rc).toBe('204');
  });

  it('answers HTTP 400 with error_details for a missing parameter, and creates nothing', async () => {
    const sandbox = await start();
    const ref = refId();
    const response = await postIak(sandbox.origin, '/api/top-up', signedBody(creds, ref, { ref_id: ref }));
    expect(response.status).toBe(400);
    expect(JSON.parse(response.text)).toEqual({
      data: {
        rc: '107',
        message: 'ERROR IN XML FORMAT',
        status: 2,
        error_details: {
          customer_id: ['The customer id field is required.'],
          product_code: ['The product code field is required.'],
        },
      },
    });
    expect(sandbox.transactions()).toEqual([]);
  });

  it('answers HTTP 400 for a body that is not a JSON object', async () => {
    const sandbox = await start();
    for (const body of ['<mp><username>1</username></mp>', '[1,2]', '']) {
      const response = await postIak(sandbox.origin, '/api/check-balance', body);
      expect(response.status).toBe(400);
      expect(JSON.parse(response.text).data.rc).toBe('107');
    }
  });

  it('answers an unknown path with rc 117 and a GET with 405', async () => {
    const sandbox = await start();
    const unknown = await postIak(sandbox.origin, '/api/refund', signedBody(creds, 'x'));
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.text).data).toMatchObject({ rc: '117', message: 'PAGE NOT FOUND' });
    const get = await sendRaw(sandbox.origin, { method: 'GET', path: '/api/check-balance' });
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST');
  });
});

describe('top-up', () => {
  it('answers PROCESS first, debits at once, and settles to SUCCESS with a serial', async () => {
    const sandbox = await start({ initialBalance: 1_000_000, timing: { processMs: 30 } });
    const ref = refId('ok');
    const first = await topUp(sandbox, ref, F.pulsa.successNumber);
    expect(first).toEqual({
      status: 200,
      data: {
        ref_id: ref,
        status: 0,
        product_code: F.pulsa.product,
        customer_id: F.pulsa.successNumber,
        price: 25_000,
        message: 'PROCESS',
        balance: 975_000,
        tr_id: expect.any(Number),
        rc: '39',
      },
    });
    expect(sandbox.balance()).toBe(975_000);
    const final = await finalStatus(sandbox, ref);
    expect(final).toMatchObject({ status: 1, rc: '00', message: 'SUCCESS', balance: 975_000 });
    expect(final.sn).toMatch(/^\d{18}$/);
    expect(final.pin).toBeUndefined();
    expect(final.tr_id).toBe(first.data.tr_id);
  });

  it('answers a reused ref_id with its current state and never debits twice', async () => {
    const sandbox = await start({ initialBalance: 1_000_000 });
    const ref = refId('dup');
    await topUp(sandbox, ref, F.pulsa.successNumber);
    const final = await finalStatus(sandbox, ref);
    const again = await topUp(sandbox, ref, F.pulsa.successNumber);
    const otherProduct = await topUp(sandbox, ref, F.voucherNumber, F.voucher.product);
    expect(again.data).toEqual(final);
    expect(otherProduct.data).toEqual(final);
    expect(sandbox.transactions()).toHaveLength(1);
    expect(sandbox.balance()).toBe(1_000_000 - F.pulsa.price);
  });

  it('records a concurrent burst of one ref_id once', async () => {
    const sandbox = await start({ initialBalance: 1_000_000, timing: { processMs: 50 } });
    const ref = refId('burst');
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => topUp(sandbox, ref, F.pulsa.successNumber)),
    );
    expect(new Set(answers.map((a) => a.data.tr_id)).size).toBe(1);
    expect(sandbox.transactions()).toHaveLength(1);
    expect(sandbox.balance()).toBe(1_000_000 - F.pulsa.price);
  });

  it.each([
    ['an unknown product', F.pulsa.successNumber, F.unknownProduct, '20'],
    ['an inactive product', '0896123456789', F.inactive.product, '106'],
    ['a malformed number', F.invalidNumbers.notANumber, F.pulsa.product, '14'],
    ['a number that is too long', F.invalidNumbers.tooLong, F.pulsa.product, '203'],
    ['a number of another operator', F.invalidNumbers.otherOperator, F.pulsa.product, '16'],
    ['an unknown PLN meter', F.pln.invalidMeter, F.pln.product, '14'],
    ...Object.entries(IAK_TEST_NUMBERS)
      .filter(([, outcome]) => outcome.kind === 'immediate')
      .map(([number, outcome]) => [
        `test number ${number}`,
        number,
        F.pulsa.product,
        'rc' in outcome ? outcome.rc : '',
      ]),
  ])('refuses %s at once with status 2, without a debit', async (_name, customerId, product, rc) => {
    const sandbox = await start({ initialBalance: 1_000_000 });
    const ref = refId('refused');
    const { status, data } = await topUp(sandbox, ref, customerId, product);
    expect(status).toBe(200);
    expect(data).toMatchObject({ ref_id: ref, status: 2, rc, message: expect.any(String) });
    expect(data.message).not.toBe('');
    expect(sandbox.balance()).toBe(1_000_000);
    // The ref_id is used now: asking again gives the same refusal.
    expect((await checkStatus(sandbox, ref)).data).toEqual(data);
  });

  it('refuses a top-up the deposit cannot cover with rc 17', async () => {
    const sandbox = await start({ initialBalance: 10_000 });
    const { data } = await topUp(sandbox, refId(), F.pulsa.successNumber);
    expect(data).toMatchObject({ status: 2, rc: '17', message: 'INSUFFICIENT DEPOSIT', balance: 10_000 });
  });

  it('fails the failing test number after processing and gives the price back', async () => {
    const sandbox = await start({ initialBalance: 1_000_000 });
    const ref = refId('fail');
    expect((await topUp(sandbox, ref, F.testNumbers.failed)).data).toMatchObject({ status: 0, rc: '39' });
    const final = await finalStatus(sandbox, ref);
    expect(final).toMatchObject({ status: 2, rc: '07', message: 'FAILED', balance: 1_000_000 });
    expect(final.sn).toBeUndefined();
    expect(sandbox.balance()).toBe(1_000_000);
  });

  it('keeps the undefined-code number at status 0 and gives the unknown-code number an unlisted rc', async () => {
    const sandbox = await start();
    const undefinedRef = refId('u201');
    const unknownRef = refId('u299');
    await topUp(sandbox, undefinedRef, F.testNumbers.undefinedCode);
    await topUp(sandbox, unknownRef, F.testNumbers.unknownCode);
    expect(await finalStatus(sandbox, unknownRef)).toMatchObject({ status: 2, rc: '299' });
    await waitFor(() => (sandbox.transaction(undefinedRef)?.rc === '201' ? true : undefined));
    expect((await checkStatus(sandbox, undefinedRef)).data).toMatchObject({
      status: 0,
      rc: '201',
      message: 'UNDEFINED RESPONSE CODE',
    });
  });

  it('holds the hold number at PROCESS until settled', async () => {
    const sandbox = await start();
    const ref = refId('hold');
    await topUp(sandbox, ref, F.testNumbers.hold);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect((await checkStatus(sandbox, ref)).data).toMatchObject({ status: 0, rc: '39' });
    sandbox.settle(ref, '00');
    expect((await checkStatus(sandbox, ref)).data).toMatchObject({ status: 1, rc: '00' });
  });

  it.each([
    ['a game voucher', F.gameVoucher.product, F.voucherNumber, /^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/, /^\d{12}$/],
    ['a shop voucher', F.voucher.product, F.voucherNumber, /^[A-Z2-9]{12} \/ \d{4}-\d{2}-\d{2}$/, undefined],
    [
      'a PLN token',
      F.pln.product,
      F.pln.validMeter,
      /^\d{4}(-\d{4}){4}\/SINTYA OKTAVIANI\/R1 \/000001300\/\d+\.\d$/,
      undefined,
    ],
    ['e-money', F.emoney.product, F.voucherNumber, /^SANDBOX USER \d{15}$/, undefined],
    ['mobile data', F.data.product, F.data.successNumber, /^\d{18}$/, undefined],
    ['an international reload', F.international.product, '60|60123456789_SANDBOX', /^\d{18}$/, undefined],
  ])('delivers %s in its SN format', async (_name, product, customerId, sn, pin) => {
    const sandbox = await start();
    const ref = refId('deliver');
    await topUp(sandbox, ref, customerId, product);
    const final = await finalStatus(sandbox, ref);
    expect(final.status).toBe(1);
    expect(final.sn).toMatch(sn);
    if (pin) expect(final.pin).toMatch(pin);
    else expect(final.pin).toBeUndefined();
  });

  it('answers rc 06 for a ref_id it has never seen', async () => {
    const sandbox = await start();
    const { status, data } = await checkStatus(sandbox, 'never-used');
    expect(status).toBe(200);
    expect(data).toEqual({ ref_id: 'never-used', rc: '06', message: 'TRANSACTION NOT FOUND', status: 2 });
  });
});

describe('price list', () => {
  const list = (sandbox: IakSandbox, path = '/api/pricelist', fields: Record<string, unknown> = {}) =>
    callIak<{ pricelist?: Array<Record<string, unknown>>; rc: string; message: string }>(
      sandbox.origin,
      creds,
      path,
      'pl',
      fields,
    );

  it('lists every product with IAK field names and types', async () => {
    const sandbox = await start();
    const { data } = await list(sandbox, '/api/pricelist', { status: 'all' });
    expect(data.rc).toBe('00');
    expect(data.pricelist).toHaveLength(IAK_SANDBOX_PRODUCTS.length);
    expect(data.pricelist?.find((p) => p.product_code === F.pulsa.product)).toEqual({
      product_code: 'xld25000',
      product_description: 'XL',
      product_nominal: '25000',
      product_details: '-',
      product_price: 25_000,
      product_type: 'pulsa',
      active_period: '30',
      status: 'active',
      icon_url: expect.stringMatching(/^https:\/\//),
      product_category: 'pulsa',
    });
  });

  it('filters by type, operator and status', async () => {
    const sandbox = await start();
    const pln = await list(sandbox, '/api/pricelist/pln');
    expect(pln.data.pricelist?.map((p) => p.product_code)).toEqual(F.pln.products);
    const xl = await list(sandbox, '/api/pricelist/pulsa/xl');
    expect(xl.data.pricelist?.map((p) => p.product_code)).toEqual(['xld10000', 'xld25000', 'xld50000']);
    const active = await list(sandbox, '/api/pricelist/pulsa', { status: 'active' });
    expect(active.data.pricelist?.map((p) => p.product_code)).not.toContain(F.inactive.product);
    const inactive = await list(sandbox, '/api/pricelist', { status: 'non active' });
    expect(inactive.data.pricelist?.map((p) => p.product_code)).toEqual([F.inactive.product]);
    const international = await list(sandbox, '/api/pricelist/international');
    expect(international.data.pricelist?.map((p) => p.product_code)).toEqual([
      F.international.product,
      F.alipay.product,
    ]);
  });

  it('answers rc 20 for an unknown type or operator', async () => {
    const sandbox = await start();
    expect((await list(sandbox, '/api/pricelist/lottery')).data).toEqual({
      message: 'CODE NOT FOUND',
      rc: '20',
    });
    expect((await list(sandbox, '/api/pricelist/pulsa/nokia')).data.rc).toBe('20');
  });
});

describe('inquiries (spec §9.1 test cases)', () => {
  it('names the customer of the sandbox PLN meter, signed on the meter number', async () => {
    const sandbox = await start();
    const valid = await callIak(sandbox.origin, creds, '/api/inquiry-pln', F.pln.validMeter, {
      customer_id: F.pln.validMeter,
    });
    expect(valid.data).toEqual({
      status: '1',
      customer_id: '12345678901',
      meter_no: '548933889287',
      subscriber_id: '12345678901',
      name: 'Sintya Oktaviani',
      segment_power: 'R1 /000001300',
      message: 'SUCCESS',
      rc: '00',
    });
    const invalid = await callIak(sandbox.origin, creds, '/api/inquiry-pln', F.pln.invalidMeter, {
      customer_id: F.pln.invalidMeter,
    });
    expect(invalid.data).toMatchObject({ status: '2', rc: '14', message: 'INCORRECT DESTINATION NUMBER' });
    const wronglySigned = await callIak(sandbox.origin, creds, '/api/inquiry-pln', 'pl', {
      customer_id: F.pln.validMeter,
    });
    expect(wronglySigned.data).toMatchObject({ rc: '204' });
  });

  it('answers the OVO inquiry for the sandbox account only', async () => {
    const sandbox = await start();
    const ovo = (id: string) => callIak(sandbox.origin, creds, '/api/inquiry-ovo', id, { customer_id: id });
    expect((await ovo(F.ovo.customerId)).data).toMatchObject({ status: '1', name: 'OVO shXXXy', rc: '00' });
    expect((await ovo('081111111111')).data).toMatchObject({ status: '2', rc: '14' });
  });

  it('answers the game player, format and server inquiries', async () => {
    const sandbox = await start();
    const game = (path: string, code: string, fields: Record<string, unknown> = {}) =>
      callIak(sandbox.origin, creds, path, code, { game_code: code, ...fields });
    expect((await game('/api/inquiry-game', '103', { customer_id: F.game.playerCustomerId })).data).toEqual({
      username: 'budi',
      status: 1,
      message: 'SUCCESS',
      rc: '00',
    });
    expect(
      (await game('/api/inquiry-game', '135', { customer_id: F.game.playerCustomerId })).data,
    ).toMatchObject({
      rc: '20',
    });
    expect((await game('/api/inquiry-game', '103', { customer_id: '1|2' })).data).toMatchObject({ rc: '14' });
    expect((await game('/api/game/format', '140')).data).toMatchObject({
      formatGameId: '[rolename]|[userid]|[zoneid]',
      status: 1,
    });
    expect((await game('/api/game/format', '104')).data).toMatchObject({ rc: '143', status: 2 });
    expect((await game('/api/game/format', '1234')).data).toMatchObject({ rc: '20' });
    expect((await game('/api/inquiry-game-server', '103')).data).toMatchObject({ servers: [], rc: '00' });
    expect((await game('/api/inquiry-game-server', '142')).data).toMatchObject({
      servers: [
        { name: 'Test 1', value: '90001' },
        { name: 'Test 2', value: '90002' },
      ],
    });
    expect((await game('/api/inquiry-game-server', '100')).data).toMatchObject({ rc: '20' });
  });

  it('names the operator of a number by its prefix, by.U before Telkomsel', async () => {
    const sandbox = await start();
    const op = (id: string) =>
      callIak(sandbox.origin, creds, '/api/check-operator', 'op', { customer_id: id });
    expect((await op('0817777215')).data).toEqual({ operator: 'XL', message: 'SUCCESS', rc: '00' });
    expect((await op('085155512345')).data).toMatchObject({ operator: 'by.U' });
    expect((await op('085112345678')).data).toMatchObject({ operator: 'TELKOMSEL' });
    expect((await op('0700000000')).data).toMatchObject({ rc: '14' });
  });
});

describe('faults and the control plane', () => {
  it.each([
    ['status', { kind: 'status', status: 500 }, 500, 0],
    ['reset', { kind: 'reset' }, undefined, 0],
    ['reset-after-create', { kind: 'reset-after-create' }, undefined, 1],
    ['malformed-json', { kind: 'malformed-json' }, 200, 1],
    ['gateway-timeout', { kind: 'gateway-timeout' }, 504, 1],
  ] as const)('%s on a top-up', async (_name, fault, httpStatus, created) => {
    const sandbox = await start({ gatewayTimeoutMs: 20 });
    sandbox.faults.inject({ ...fault, path: '/api/top-up' });
    const ref = refId('fault');
    const response = await postIak(
      sandbox.origin,
      '/api/top-up',
      signedBody(creds, ref, {
        ref_id: ref,
        customer_id: F.pulsa.successNumber,
        product_code: F.pulsa.product,
      }),
    ).catch((error: unknown) => error);
    if (httpStatus === undefined) expect(response).toBeInstanceOf(Error);
    else expect((response as { status: number }).status).toBe(httpStatus);
    if (fault.kind === 'malformed-json')
      expect(() => JSON.parse((response as { text: string }).text)).toThrow();
    expect(sandbox.transactions()).toHaveLength(created);
    expect(sandbox.requestCount('/api/top-up')).toBe(1);
  });

  it('delays an answer and only faults the path it names', async () => {
    const sandbox = await start();
    sandbox.faults.inject({ kind: 'status', status: 503, path: '/api/top-up' });
    sandbox.faults.inject({ kind: 'delay', ms: 40, path: '/api/check-balance' });
    const started = Date.now();
    const { status } = await callIak(sandbox.origin, creds, '/api/check-balance', 'bl');
    expect(status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(35);
    expect(sandbox.requestCount()).toBe(1);
  });

  it('injects faults, settles, adds deposit and sets the callback URL over HTTP', async () => {
    const sandbox = await start({ initialBalance: 100_000 });
    const control = (method: string, path: string, body?: unknown) =>
      sendRaw(sandbox.origin, {
        method,
        path: `/__sandbox${path}`,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    expect(
      (await control('POST', '/faults', { kind: 'status', status: 502, path: '/api/check-balance' })).status,
    ).toBe(200);
    expect(JSON.parse((await control('GET', '/faults')).text)).toHaveLength(1);
    expect((await control('POST', '/faults', { kind: 'explode' })).status).toBe(400);
    expect((await control('DELETE', '/faults')).status).toBe(200);

    const ref = refId('ctl');
    await topUp(sandbox, ref, F.testNumbers.hold);
    const settled = await control('POST', `/transactions/${ref}/settle`, { rc: '07' });
    expect(JSON.parse(settled.text)).toMatchObject({ ref_id: ref, status: 2, rc: '07' });
    expect((await control('POST', '/transactions/nope/settle', { rc: '00' })).status).toBe(404);
    expect((await control('POST', `/transactions/${ref}/settle`, { rc: 'x' })).status).toBe(400);
    expect(JSON.parse((await control('GET', `/transactions/${ref}`)).text)).toMatchObject({
      refId: ref,
      rc: '07',
    });
    expect(JSON.parse((await control('GET', '/transactions')).text)).toHaveLength(1);

    expect(JSON.parse((await control('POST', '/deposit', { amount: 50_000 })).text)).toEqual({
      balance: 150_000,
    });
    expect(JSON.parse((await control('GET', '/balance')).text)).toEqual({ balance: 150_000 });

    expect((await control('POST', '/callback-url', { url: 'ftp://x' })).status).toBe(400);
    expect((await control('POST', '/callback-url', { url: 'http://127.0.0.1:9/cb' })).status).toBe(200);
    expect(JSON.parse((await control('GET', '/callback-url')).text)).toEqual({
      url: 'http://127.0.0.1:9/cb',
    });
    expect(sandbox.requestCount()).toBe(1);
  });
});
