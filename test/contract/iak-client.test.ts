import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { IAK_SANDBOX_FIXTURES as F, type IakSandbox } from '../../sandbox/iak/index.js';
import {
  AuthenticationError,
  InvalidResponseError,
  OutcomeUnknownError,
  ProviderRejectedError,
  ProviderUnavailableError,
} from '../../src/payments/errors.js';
import { money } from '../../src/payments/money.js';
import { createIakClient, IAK_PATHS } from '../../src/payments/providers/iak/client.js';
import type { PaymentRequest } from '../../src/payments/types.js';
import { createLogger } from '../../src/platform/logger.js';
import {
  iakClientFor,
  iakProviderFor,
  startTestIakSandbox,
  TEST_IAK_API_KEY,
  TEST_IAK_USERNAME,
  testRefid,
  waitFor,
} from '../support/iak.js';
import { freePort } from '../support/net.js';

/*
 * The real IAK client against the IAK sandbox over HTTP on loopback: what is particular to IAK
 * (rc codes in HTTP 200 bodies, the sign in the body, check-status, the price-list envelope, read
 * retries). What both providers must do alike is in provider-contract.test.ts.
 */

const rp = (rupiah: number) => money(rupiah, 'IDR');

function pulsa(
  customerId: string = F.pulsa.successNumber,
  overrides: Partial<PaymentRequest> = {},
): PaymentRequest {
  return {
    refid: testRefid('iak'),
    product: F.pulsa.product,
    account: customerId,
    amount: rp(F.pulsa.price),
    ...overrides,
  };
}

let sandbox: IakSandbox;
let client: ReturnType<typeof iakClientFor>;

beforeAll(async () => {
  sandbox = await startTestIakSandbox();
  client = iakClientFor(sandbox);
});
afterAll(async () => {
  await client.close();
  await sandbox.close();
});
afterEach(() => sandbox.faults.clear());

async function settled(request: PaymentRequest) {
  return waitFor(async () => {
    const outcome = await client.checkStatus(request.refid);
    return outcome.state === 'pending' ? undefined : outcome;
  });
}

describe('balance and price list', () => {
  it('reads the deposit in rupiah and follows top-ups', async () => {
    const before = await client.balance();
    expect(before).toMatchObject({ account: TEST_IAK_USERNAME, readOnly: false });
    expect(before.balance).toEqual(rp(sandbox.balance()));
    const outcome = await client.topUp(pulsa());
    expect(outcome.balanceAfter).toEqual(rp(sandbox.balance()));
    expect((await client.balance()).balance.minor).toBe(before.balance.minor - F.pulsa.price);
  });

  it('lists typed items, and filters by type and operator', async () => {
    const all = await client.priceList();
    const steam = all.find((i) => i.code === F.gameVoucher.product);
    expect(steam).toMatchObject({ type: 'game', price: rp(F.gameVoucher.price), active: true });
    expect(all.find((i) => i.code === F.inactive.product)?.active).toBe(false);
    const xl = await client.priceList({ type: 'pulsa', operator: 'xl' });
    expect(xl.map((i) => i.code)).toEqual(['xld10000', 'xld25000', 'xld50000']);
    const active = await client.priceList({ status: 'active' });
    expect(active.map((i) => i.code)).not.toContain(F.inactive.product);
  });

  it('reports an unknown price-list type as rejected', async () => {
    const error = await client.priceList({ type: 'lottery' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderRejectedError);
    expect((error as ProviderRejectedError).failure).toMatchObject({
      code: 'product_unavailable',
      providerCode: '20',
    });
  });
});

describe('top-up and check-status', () => {
  it('answers PROCESS first and SUCCESS on check-status, with the same ref_id', async () => {
    const request = pulsa();
    const first = await client.topUp(request);
    expect(first).toMatchObject({
      refid: request.refid,
      state: 'pending',
      providerCode: '39',
      providerStatus: 'PROCESS',
    });
    const final = await settled(request);
    expect(final).toMatchObject({ state: 'succeeded', providerCode: '00', amount: rp(F.pulsa.price) });
    expect(final.serialNumber).toMatch(/^\d+$/);
    expect(await client.topUp(request)).toEqual(final);
  });

  it('refuses a request in another currency before sending anything', async () => {
    const before = sandbox.requestCount();
    await expect(client.topUp(pulsa(undefined, { amount: money(1000, 'MYR') }))).rejects.toBeInstanceOf(
      TypeError,
    );
    expect(sandbox.requestCount()).toBe(before);
  });

  it('does not take an answer about another purchase for this one', async () => {
    const request = pulsa();
    await client.topUp(request);
    const reused = { ...request, product: F.voucher.product, account: F.voucherNumber };
    await expect(client.topUp(reused)).rejects.toBeInstanceOf(OutcomeUnknownError);
    expect(sandbox.transactions().filter((t) => t.refId === request.refid)).toHaveLength(1);
  });

  it.each([
    ['an unknown product', F.pulsa.successNumber, F.unknownProduct, '20'],
    ['an inactive product', '0896123456789', F.inactive.product, '106'],
    ['a number of another operator', F.invalidNumbers.otherOperator, F.pulsa.product, '16'],
    ['a number that is too long', F.invalidNumbers.tooLong, F.pulsa.product, '203'],
  ])('returns a failed outcome for %s (rc %s), final at once', async (_name, account, product, rc) => {
    const outcome = await client.topUp(pulsa(account, { product }));
    expect(outcome).toMatchObject({ state: 'failed', providerCode: rc });
    expect(outcome.failure).toMatchObject({ code: expect.any(String), providerCode: rc });
  });

  it('reports a ref_id IAK has never seen as pending with rc 06, never failed, and never pays it', async () => {
    expect(await client.checkStatus('never-sent-ref')).toMatchObject({
      state: 'pending',
      providerCode: '06',
    });
    expect(sandbox.transactions().filter((t) => t.refId === 'never-sent-ref')).toHaveLength(0);
  });

  it('leaves check-status unknown, not failed, when it cannot be read', async () => {
    sandbox.faults.inject({ kind: 'malformed-json', path: IAK_PATHS.checkStatus });
    await expect(client.checkStatus('whatever')).rejects.toBeInstanceOf(OutcomeUnknownError);
    sandbox.faults.inject({ kind: 'status', status: 500, path: IAK_PATHS.checkStatus, times: 10 });
    const before = sandbox.requestCount(IAK_PATHS.checkStatus);
    await expect(client.checkStatus('whatever')).rejects.toBeInstanceOf(OutcomeUnknownError);
    expect(sandbox.requestCount(IAK_PATHS.checkStatus) - before).toBe(4);
  });
});

describe('PLN meter inquiry', () => {
  it('names the customer of a valid meter and refuses an invalid one', async () => {
    expect(await client.inquirePln(F.pln.validMeter)).toMatchObject({
      outcome: 'valid',
      customerName: F.pln.customerName,
    });
    expect(await client.inquirePln(F.pln.invalidMeter)).toMatchObject({ outcome: 'invalid' });
  });
});

describe('authentication', () => {
  it('turns rc 204 into a configuration error that names what to check, on reads and top-ups', async () => {
    const wrong = iakClientFor(sandbox, { apiKey: 'someone-elses-key' });
    const error = await wrong.balance().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toMatch(/rc 204.*IAK_API_KEY/);
    expect((error as Error).message).not.toContain('someone-elses-key');
    const request = pulsa();
    await expect(wrong.topUp(request)).rejects.toBeInstanceOf(AuthenticationError);
    await expect(wrong.checkStatus(request.refid)).rejects.toBeInstanceOf(AuthenticationError);
    await expect(wrong.inquirePln(F.pln.validMeter)).rejects.toBeInstanceOf(AuthenticationError);
    expect(sandbox.transaction(request.refid)).toBeUndefined();
    await wrong.close();
  });
});

describe('read faults: retried with backoff', () => {
  it.each([
    ['HTTP 503', { kind: 'status', status: 503 }],
    ['HTTP 502', { kind: 'status', status: 502 }],
    ['HTTP 429 with Retry-After', { kind: 'status', status: 429, retryAfterSeconds: 0 }],
    ['a connection reset', { kind: 'reset' }],
    ['a 504', { kind: 'gateway-timeout' }],
  ] as const)('recovers from %s', async (_name, fault) => {
    sandbox.faults.inject({ ...fault, path: IAK_PATHS.balance, times: 2 });
    const before = sandbox.requestCount(IAK_PATHS.balance);
    expect((await client.balance()).account).toBe(TEST_IAK_USERNAME);
    expect(sandbox.requestCount(IAK_PATHS.balance) - before).toBe(3);
  });

  it('reports IAK unavailable once retries run out, or for a Retry-After it will not wait', async () => {
    sandbox.faults.inject({ kind: 'status', status: 500, path: IAK_PATHS.balance, times: 10 });
    const before = sandbox.requestCount(IAK_PATHS.balance);
    await expect(client.balance()).rejects.toBeInstanceOf(ProviderUnavailableError);
    expect(sandbox.requestCount(IAK_PATHS.balance) - before).toBe(4);
    sandbox.faults.clear();
    sandbox.faults.inject({ kind: 'status', status: 429, retryAfterSeconds: 3600, path: IAK_PATHS.balance });
    const error = await client.balance().catch((e: unknown) => e);
    expect((error as ProviderUnavailableError).retryAfterMs).toBe(3_600_000);
  });

  it('reports a malformed body as an invalid response', async () => {
    sandbox.faults.inject({ kind: 'malformed-json', path: IAK_PATHS.priceList });
    await expect(client.priceList()).rejects.toBeInstanceOf(InvalidResponseError);
  });
});

describe('payment faults: sent once', () => {
  it.each([
    ['HTTP 503', { kind: 'status', status: 503 }],
    ['HTTP 429', { kind: 'status', status: 429, retryAfterSeconds: 1 }],
    ['a reset before processing', { kind: 'reset' }],
  ] as const)('%s is an unknown outcome after exactly one request', async (_name, fault) => {
    sandbox.faults.inject({ ...fault, path: IAK_PATHS.topUp });
    const before = sandbox.requestCount(IAK_PATHS.topUp);
    await expect(client.topUp(pulsa())).rejects.toBeInstanceOf(OutcomeUnknownError);
    expect(sandbox.requestCount(IAK_PATHS.topUp) - before).toBe(1);
  });

  it('gives up waiting after the payment timeout', async () => {
    const impatient = iakClientFor(sandbox, { paymentTimeoutMs: 100 });
    sandbox.faults.inject({ kind: 'delay', ms: 400, path: IAK_PATHS.topUp });
    await expect(impatient.topUp(pulsa())).rejects.toBeInstanceOf(OutcomeUnknownError);
    await impatient.close();
  });

  it('says nothing was sent when the connection is refused', async () => {
    const port = await freePort();
    const offline = createIakClient({
      baseUrl: `http://127.0.0.1:${port}`,
      username: TEST_IAK_USERNAME,
      apiKey: TEST_IAK_API_KEY,
      readRetries: 0,
    });
    await expect(offline.topUp(pulsa())).rejects.toBeInstanceOf(ProviderUnavailableError);
    await expect(offline.balance()).rejects.toBeInstanceOf(ProviderUnavailableError);
    await expect(offline.checkStatus('r')).rejects.toBeInstanceOf(OutcomeUnknownError);
    await offline.close();
  });
});

describe('the provider adapter', () => {
  it('asks for a meter inquiry only for PLN products', async () => {
    const provider = iakProviderFor(sandbox);
    const before = sandbox.requestCount(IAK_PATHS.inquiryPln);
    expect(
      await provider.inquire?.({ product: F.pulsa.product, account: F.pulsa.successNumber }),
    ).toMatchObject({
      outcome: 'unavailable',
    });
    expect(sandbox.requestCount(IAK_PATHS.inquiryPln)).toBe(before);
    expect(await provider.inquire?.({ product: F.pln.product, account: F.pln.validMeter })).toMatchObject({
      outcome: 'valid',
      customerName: F.pln.customerName,
    });
    await provider.close();
  });

  it('keeps the key, signs and PINs out of its logs', async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'debug', secrets: [TEST_IAK_API_KEY], write: (l) => lines.push(l) });
    const logged = iakClientFor(sandbox, { logger });
    const request = {
      ...pulsa(F.voucherNumber),
      product: F.gameVoucher.product,
      amount: rp(F.gameVoucher.price),
    };
    await logged.topUp(request);
    const final = await waitFor(async () => {
      const outcome = await logged.checkStatus(request.refid);
      return outcome.state === 'pending' ? undefined : outcome;
    });
    expect(final.pin).toBeTruthy();
    const all = lines.join('\n');
    expect(lines.length).toBeGreaterThan(0);
    expect(all).not.toContain(TEST_IAK_API_KEY);
    expect(all).not.toContain(final.pin);
    expect(all).not.toMatch(/[0-9a-f]{32}/);
    await logged.close();
  });
});

describe('answers the sandbox never gives', () => {
  /** A loopback server answering every request with the next canned reply. */
  async function cannedServer(replies: Array<{ status: number; body: string }>) {
    const { createServer } = await import('node:http');
    let index = 0;
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const reply = replies[Math.min(index++, replies.length - 1)] ?? { status: 500, body: '' };
        res.writeHead(reply.status, { 'Content-Type': 'application/json' });
        res.end(reply.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const canned = createIakClient({
      baseUrl: `http://127.0.0.1:${port}`,
      username: TEST_IAK_USERNAME,
      apiKey: TEST_IAK_API_KEY,
      readRetries: 0,
    });
    return {
      client: canned,
      close: async () => {
        await canned.close();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      },
    };
  }

  const json = (status: number, value: unknown) => ({ status, body: JSON.stringify(value) });

  it.each([
    ['a 400 with a pending code', json(400, { data: { rc: '39', message: 'PROCESS' } }), OutcomeUnknownError],
    ['a 400 that is not IAK', { status: 400, body: '<html>Bad Request</html>' }, OutcomeUnknownError],
    [
      'a 400 with a failure code',
      json(400, { data: { rc: '107', error_details: { x: ['y'] } } }),
      ProviderRejectedError,
    ],
    [
      'a 400 for a missing parameter, postpaid style',
      json(400, { data: { response_code: '14' } }),
      ProviderRejectedError,
    ],
    [
      'rc 102 (IP not allow-listed)',
      json(200, { data: { rc: '102', message: 'INVALID IP ADDRESS' } }),
      AuthenticationError,
    ],
    [
      'an answer naming another ref_id',
      json(200, { data: { ref_id: 'other', status: 1, rc: '00' } }),
      OutcomeUnknownError,
    ],
    ['a 404', json(404, { data: { rc: '117' } }), OutcomeUnknownError],
  ] as const)('a top-up meeting %s', async (_name, reply, errorClass) => {
    const server = await cannedServer([reply]);
    try {
      await expect(server.client.topUp(pulsa())).rejects.toBeInstanceOf(errorClass);
    } finally {
      await server.close();
    }
  });

  it('names the allow-list for rc 102 and never echoes the body', async () => {
    const server = await cannedServer([
      json(200, { data: { rc: '102', message: 'INVALID IP ADDRESS', pin: 'PIN-SECRET-9' } }),
    ]);
    try {
      const error = await server.client.balance().catch((e: unknown) => e);
      expect((error as Error).message).toMatch(/allow-list/);
      expect((error as Error).message).not.toContain('PIN-SECRET-9');
    } finally {
      await server.close();
    }
  });

  it('reads the price list as a bare array too, leaving out items it cannot sell', async () => {
    const server = await cannedServer([
      json(200, {
        data: [
          {
            product_code: 'xld25000',
            product_description: 'XL',
            product_nominal: '25000',
            product_price: 25000,
            product_type: 'pulsa',
            status: 'active',
          },
          { product_code: 'broken', product_price: 'n/a' },
          { product_price: 1000 },
        ],
      }),
    ]);
    try {
      const items = await server.client.priceList();
      expect(items.map((i) => i.code)).toEqual(['xld25000']);
      expect(items[0]?.price).toEqual(rp(25_000));
    } finally {
      await server.close();
    }
  });

  it('keeps a top-up pending when IAK answers success with a status that disagrees', async () => {
    const request = pulsa();
    const server = await cannedServer([
      json(200, { data: { ref_id: request.refid, status: 0, rc: '00', sn: '1' } }),
    ]);
    try {
      const outcome = await server.client.topUp(request);
      expect(outcome.state).toBe('pending');
      expect(outcome.serialNumber).toBeUndefined();
    } finally {
      await server.close();
    }
  });
});
