import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_FIXTURES as F, type IimmpactSandbox } from '../../sandbox/iimmpact/index.js';
import {
  AuthenticationError,
  InvalidResponseError,
  OutcomeUnknownError,
  ProviderRejectedError,
  ProviderUnavailableError,
} from '../../src/payments/errors.js';
import { money } from '../../src/payments/money.js';
import { createIimmpactClient } from '../../src/payments/providers/iimmpact/client.js';
import type { PaymentRequest } from '../../src/payments/types.js';
import {
  clientFor,
  startTestSandbox,
  TEST_API_KEY,
  TEST_HMAC_SECRET,
  TEST_READ_ONLY_KEY,
  testRefid,
  waitFor,
} from '../support/iimmpact.js';
import { freePort } from '../support/net.js';

/*
 * The real IIMMPACT client against the sandbox over HTTP on loopback: every endpoint, every documented
 * status and failure code, and every fault switch.
 */

const rm = (ringgit: number) => money(Math.round(ringgit * 100), 'MYR');

function reload(account: string, overrides: Partial<PaymentRequest> = {}): PaymentRequest {
  return { refid: testRefid('reload'), product: F.prepaid.product, account, amount: rm(10), ...overrides };
}

let sandbox: IimmpactSandbox;
let client: ReturnType<typeof clientFor>;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  client = clientFor(sandbox);
});
afterAll(async () => {
  await client.close();
  await sandbox.close();
});
afterEach(() => sandbox.faults.clear());

describe('balance', () => {
  it('reads the wallet as integer sen and follows payments', async () => {
    const before = await client.getBalance();
    expect(before).toMatchObject({ account: F.merchant.account, name: F.merchant.name, readOnly: false });
    expect(before.balance.currency).toBe('MYR');
    expect(before.balance.minor).toBe(sandbox.balanceSen());

    const outcome = await client.pay(reload(F.prepaid.successAccount));
    const after = await client.getBalance();
    expect(outcome.cost).toEqual(rm(9.8));
    expect(before.balance.minor - after.balance.minor).toBe(980);
    expect(outcome.balanceAfter).toEqual(after.balance);
  });

  it('reports a read-only key as such', async () => {
    const readOnly = clientFor(sandbox, { apiKey: TEST_READ_ONLY_KEY });
    expect((await readOnly.getBalance()).readOnly).toBe(true);
    await expect(readOnly.pay(reload(F.prepaid.successAccount))).rejects.toBeInstanceOf(AuthenticationError);
    await readOnly.close();
  });
});

describe('payments', () => {
  it('pays a reload once, and re-sending the same request reports the same transaction', async () => {
    const request = reload(F.prepaid.successAccount);
    const first = await client.pay(request);
    const again = await client.pay(request);
    expect(first).toMatchObject({
      refid: request.refid,
      state: 'succeeded',
      providerCode: '20',
      amount: rm(10),
    });
    expect(first.providerStatus).toBe('Succesful');
    expect(first.serialNumber).toBeTruthy();
    expect(first.pin).toBeUndefined();
    expect(first.providerTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    expect(again).toEqual(first);
    expect(sandbox.transactions().filter((t) => t.refid === request.refid)).toHaveLength(1);
  });

  it('returns the PIN, serial, expiry, note and voucher link of a gift card', async () => {
    const outcome = await client.pay({
      refid: testRefid('gc'),
      product: F.giftCard.product,
      account: '0123456789',
      amount: rm(F.giftCard.denominations[0]),
    });
    expect(outcome.state).toBe('succeeded');
    expect(outcome.pin).toMatch(/\S{6,}/);
    expect(outcome.serialNumber).toBeTruthy();
    expect(outcome.expiry).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(outcome.voucherLink).toMatch(/^https:\/\//);
    expect(outcome.note).toBeTruthy();
  });

  it('delivers an eSIM activation code', async () => {
    const outcome = await client.pay({
      refid: testRefid('esim'),
      product: F.esim.product,
      account: '60123456780',
      amount: rm(F.esim.price),
    });
    expect(outcome.state).toBe('succeeded');
    expect(outcome.pin).toMatch(/^LPA:1\$/);
    expect(outcome.productName).toBe(F.esim.name);
  });

  it('pays a mobile-data plan, a PTPTN account and a JomPAY bill with their extras', async () => {
    const plan = await client.pay({
      refid: testRefid('data'),
      product: F.mobileData.product,
      account: F.mobileData.evenNumber,
      amount: rm(F.mobileData.planPrice),
      extras: { subproductCode: F.mobileData.planCode },
    });
    const ptptn = await client.pay({
      refid: testRefid('ptptn'),
      product: F.ptptn.product,
      account: F.ptptn.account,
      amount: rm(50),
      extras: { subproductCode: F.ptptn.subproductCode, icNumber: '900101-14-5678' },
    });
    const jompay = await client.pay({
      refid: testRefid('jompay'),
      product: F.jompay.product,
      account: 'REF1-0001',
      amount: rm(120.5),
      extras: { billerCode: F.jompay.ref2BillerCode, ref2: 'POLICY 77/2', icNumber: F.jompay.icNumber },
    });
    expect([plan.state, ptptn.state, jompay.state]).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(sandbox.transaction(ptptn.refid)?.extras.ic_number).toBe('900101145678');
    expect(sandbox.transaction(jompay.refid)?.extras.ref2).toBe('POLICY 77/2');
  });

  it.each(
    Object.entries({
      invalidNumber: 52,
      suspended: 41,
      insufficientCredit: 43,
      invalidProduct: 44,
      outOfStock: 45,
      serviceUnavailable: 47,
      rejected: 48,
      duplicate: 54,
      timeout: 55,
      blacklisted: 56,
      activated: 57,
      invalidDenomination: 61,
    } as const),
  )('maps the %s test account to a failure with code %d', async (name, code) => {
    const account = F.testAccounts[name as keyof typeof F.testAccounts];
    const outcome = await client.pay(reload(account));
    expect(outcome).toMatchObject({ state: 'failed', providerCode: String(code), providerStatus: 'Failed' });
    expect(outcome.remarks).toBeTruthy();
    expect(outcome.failure).toMatchObject({
      code: expect.any(String),
      providerCode: String(code),
      providerText: outcome.remarks,
    });
  });

  it('reports a refund as refunded', async () => {
    expect((await client.pay(reload(F.testAccounts.refund))).state).toBe('refunded');
  });

  it('keeps an undocumented status code pending, never failed', async () => {
    const outcome = await client.pay(reload(F.testAccounts.unknownStatus));
    expect(outcome).toMatchObject({ state: 'pending', providerCode: '99' });
  });

  it('keeps a held transaction pending until the provider settles it', async () => {
    const request = reload(F.testAccounts.hold);
    expect((await client.pay(request)).state).toBe('pending');
    sandbox.settle(request.refid, 20);
    expect((await client.pay(request)).state).toBe('succeeded');
  });

  it('treats HTTP 400 + Failed as rejected with no transaction, and the refid stays usable', async () => {
    const request = reload(F.prepaid.successAccount, { amount: rm(7) });
    const error = await client.pay(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderRejectedError);
    expect((error as ProviderRejectedError).httpStatus).toBe(400);
    expect((error as ProviderRejectedError).failure).toMatchObject({
      code: 'product_unavailable',
      providerCode: expect.any(String),
    });
    expect(sandbox.transaction(request.refid)).toBeUndefined();

    const fixed = await client.pay({ ...request, amount: rm(10) });
    expect(fixed.state).toBe('succeeded');
  });

  it('rejects a JomPAY payment without the Ref-2 its biller needs', async () => {
    const error = await client
      .pay({
        refid: testRefid('jompay'),
        product: F.jompay.product,
        account: 'REF1-0002',
        amount: rm(50),
        extras: { billerCode: F.jompay.ref2BillerCode, icNumber: F.jompay.icNumber },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderRejectedError);
  });

  it('follows Accepted -> Processing -> Succesful when the provider is slow', async () => {
    const slow = await startTestSandbox({ timing: { acceptedMs: 150, processingMs: 150 } });
    const slowClient = clientFor(slow);
    try {
      const request = reload(F.prepaid.successAccount);
      const first = await slowClient.pay(request);
      expect(first).toMatchObject({ state: 'pending', providerStatus: 'Accepted', providerCode: '0' });
      const seen = new Set<string>([first.providerStatus]);
      const final = await waitFor(async () => {
        const outcome = await slowClient.pay(request);
        seen.add(outcome.providerStatus);
        return outcome.state === 'pending' ? undefined : outcome;
      });
      expect(final.state).toBe('succeeded');
      expect([...seen]).toEqual(['Accepted', 'Processing', 'Succesful']);
      expect(slow.transactions()).toHaveLength(1);
    } finally {
      await slowClient.close();
      await slow.close();
    }
  });
});

describe('payment faults: never retried, never failed without a final status', () => {
  it.each([
    ['HTTP 500', { kind: 'status', status: 500 }],
    ['HTTP 503', { kind: 'status', status: 503 }],
    ['HTTP 429', { kind: 'status', status: 429, retryAfterSeconds: 1 }],
    ['a reset after the transaction was created', { kind: 'reset-after-create' }],
    ['a malformed body', { kind: 'malformed-json' }],
    ['the 29 s cap (504)', { kind: 'gateway-timeout' }],
  ] as const)(
    '%s leaves the outcome unknown, and a re-query with the same refid resolves it',
    async (_name, fault) => {
      const request = reload(F.prepaid.successAccount);
      sandbox.faults.inject({ ...fault, path: '/v2/topup' });
      const before = sandbox.requestCount('/v2/topup');
      await expect(client.pay(request)).rejects.toBeInstanceOf(OutcomeUnknownError);
      expect(sandbox.requestCount('/v2/topup') - before).toBe(1);

      const resolved = await client.pay(request);
      expect(resolved.state).toBe('succeeded');
      expect(sandbox.transactions().filter((t) => t.refid === request.refid)).toHaveLength(1);
    },
  );

  it('gives up waiting after the payment timeout and reports the outcome unknown', async () => {
    const impatient = clientFor(sandbox, { paymentTimeoutMs: 100 });
    sandbox.faults.inject({ kind: 'delay', ms: 400, path: '/v2/topup' });
    const request = reload(F.prepaid.successAccount);
    await expect(impatient.pay(request)).rejects.toBeInstanceOf(OutcomeUnknownError);
    await impatient.close();
  });

  it('says nothing was sent when the provider refuses the connection', async () => {
    const port = await freePort();
    const offline = createIimmpactClient({
      baseUrl: `http://127.0.0.1:${port}/v2`,
      apiKey: TEST_API_KEY,
      hmacSecret: TEST_HMAC_SECRET,
      readRetries: 0,
    });
    await expect(offline.pay(reload(F.prepaid.successAccount))).rejects.toBeInstanceOf(
      ProviderUnavailableError,
    );
    await expect(offline.getBalance()).rejects.toBeInstanceOf(ProviderUnavailableError);
    await offline.close();
  });
});

describe('read faults: retried with backoff', () => {
  it.each([
    ['HTTP 503', { kind: 'status', status: 503 }],
    ['HTTP 502', { kind: 'status', status: 502 }],
    ['HTTP 429 with Retry-After', { kind: 'status', status: 429, retryAfterSeconds: 0 }],
    ['a connection reset', { kind: 'reset' }],
    ['the 29 s cap (504)', { kind: 'gateway-timeout' }],
  ] as const)('recovers from %s', async (_name, fault) => {
    sandbox.faults.inject({ ...fault, path: '/v2/balance', times: 2 });
    const before = sandbox.requestCount('/v2/balance');
    const balance = await client.getBalance();
    expect(balance.account).toBe(F.merchant.account);
    expect(sandbox.requestCount('/v2/balance') - before).toBe(3);
  });

  it('reports the provider unavailable once retries run out', async () => {
    sandbox.faults.inject({ kind: 'status', status: 500, path: '/v2/balance', times: 10 });
    const before = sandbox.requestCount('/v2/balance');
    await expect(client.getBalance()).rejects.toBeInstanceOf(ProviderUnavailableError);
    expect(sandbox.requestCount('/v2/balance') - before).toBe(4);
  });

  it('does not wait out a Retry-After longer than it is willing to', async () => {
    sandbox.faults.inject({ kind: 'status', status: 429, retryAfterSeconds: 3600, path: '/v2/balance' });
    const error = await client.getBalance().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect((error as ProviderUnavailableError).retryAfterMs).toBe(3_600_000);
  });

  it('reports a malformed body as an invalid response', async () => {
    sandbox.faults.inject({ kind: 'malformed-json', path: '/v2/product-list' });
    await expect(client.listProducts()).rejects.toBeInstanceOf(InvalidResponseError);
  });

  it('answers slowly but correctly under a delay', async () => {
    sandbox.faults.inject({ kind: 'delay', ms: 100, path: '/v2/networkstatus' });
    expect((await client.getNetworkStatus(F.prepaid.product)).healthy).toBe(true);
  });
});

describe('authentication', () => {
  it('fails with a configuration error for a wrong secret, naming what to check', async () => {
    const wrong = clientFor(sandbox, { hmacSecret: Buffer.from('not the right secret').toString('base64') });
    const error = await wrong.getBalance().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).httpStatus).toBe(401);
    expect((error as Error).message).toMatch(/IIMMPACT_HMAC_SECRET/);
    await wrong.close();
  });

  it('fails for an unknown key, on payments too, without creating anything', async () => {
    const wrong = clientFor(sandbox, { apiKey: 'someone-elses-key' });
    const request = reload(F.prepaid.successAccount);
    await expect(wrong.pay(request)).rejects.toBeInstanceOf(AuthenticationError);
    expect(sandbox.transaction(request.refid)).toBeUndefined();
    await wrong.close();
  });

  it('fails when the clock is far off', async () => {
    const late = clientFor(sandbox, { clock: { nowMs: () => Date.now() - 3_600_000 } });
    await expect(late.getBalance()).rejects.toBeInstanceOf(AuthenticationError);
    await late.close();
  });

  it('never reuses a nonce, even for identical back-to-back requests', async () => {
    await Promise.all(Array.from({ length: 20 }, () => client.getNetworkStatus('D')));
  });
});

describe('products', () => {
  it('lists products with their amount rules, inactive ones marked', async () => {
    const products = await client.listProducts();
    const byCode = new Map(products.map((p) => [p.code, p]));
    const digi = byCode.get(F.prepaid.product);
    expect(digi?.amount).toEqual({
      kind: 'fixed',
      choices: F.prepaid.denominations.map(rm),
      suggested: expect.any(Array),
    });
    expect(digi?.keyboard).toBe('numeric');
    expect(byCode.get(F.freeAmount.product)?.amount).toEqual({
      kind: 'range',
      min: rm(F.freeAmount.min),
      max: rm(F.freeAmount.max),
      wholeUnitsOnly: false,
    });
    expect(byCode.get(F.mobileData.product)?.hasSubproducts).toBe(true);
    expect(byCode.get(F.inactive.product)?.active).toBe(false);
    expect(byCode.get(F.esim.product)?.active).toBe(true);
  });

  it('lists mobile-data plans for the phone number given', async () => {
    const even = await client.getSubProducts({
      product: F.mobileData.product,
      account: F.mobileData.evenNumber,
    });
    const odd = await client.getSubProducts({
      product: F.mobileData.product,
      account: F.mobileData.oddNumber,
    });
    expect(even.items.map((p) => p.code)).toContain(F.mobileData.planCode);
    expect(even.items.map((p) => p.code)).not.toContain(F.mobileData.oddOnlyPlanCode);
    expect(odd.items.map((p) => p.code)).toContain(F.mobileData.oddOnlyPlanCode);
    const plan = even.items.find((p) => p.code === F.mobileData.planCode);
    expect(plan?.price).toEqual(rm(F.mobileData.planPrice));
    expect(plan?.validity).toBeTruthy();
  });

  it('refuses mobile-data plans without a phone number', async () => {
    await expect(client.getSubProducts({ product: F.mobileData.product })).rejects.toBeInstanceOf(
      ProviderRejectedError,
    );
  });

  it('finds PTPTN accounts by NRIC, with their category and account number', async () => {
    const page = await client.getSubProducts({ product: F.ptptn.product, account: F.ptptn.nric });
    expect(page.items).toHaveLength(2);
    expect(new Set(page.items.map((i) => i.description)).size).toBe(2);
    expect(page.items.find((i) => i.code === F.ptptn.subproductCode)?.accountNumber).toBe(F.ptptn.account);
    const none = await client.getSubProducts({ product: F.ptptn.product, account: F.ptptn.unknownNric });
    expect(none.items).toEqual([]);
  });

  it('pages through JomPAY billers', async () => {
    const codes: string[] = [];
    let page = await client.getSubProducts({ product: F.jompay.product, limit: 3 });
    codes.push(...page.items.map((i) => i.code));
    while (page.next) {
      page = await client.getSubProducts({ product: F.jompay.product, cursor: page.next });
      codes.push(...page.items.map((i) => i.code));
    }
    expect(codes).toHaveLength(F.jompay.billerCount);
    expect(new Set(codes).size).toBe(F.jompay.billerCount);
    expect(codes).toContain(F.jompay.ref2BillerCode);
  });

  it('reads the catalog tree and plan options', async () => {
    const catalog = await client.getCatalog();
    const codes = catalog.groups.flatMap((g) => g.categories.flatMap((c) => c.productCodes));
    expect(codes).toContain(F.prepaid.product);
    expect(catalog.products[F.prepaid.product]?.name).toBeTruthy();
    const options = await client.getOptions({
      product: F.mobileData.product,
      fieldId: 'plan',
      account: F.mobileData.evenNumber,
    });
    expect(options.items.map((i) => i.code)).toContain(F.mobileData.planCode);
    expect(options.items.find((i) => i.code === F.mobileData.planCode)?.price).toEqual(
      rm(F.mobileData.planPrice),
    );
  });

  it('reports network status, interruptions included', async () => {
    expect(await client.getNetworkStatus(F.prepaid.product)).toMatchObject({
      healthy: true,
      status: 'Healthy',
    });
    const [interrupted] = F.interruption.products;
    expect(await client.getNetworkStatus(interrupted)).toMatchObject({
      healthy: false,
      status: 'Interruption',
    });
  });
});

describe('bill presentment', () => {
  it('shows the fields of a valid TNB account', async () => {
    const bill = await client.getBill({ product: F.tnb.product, account: F.tnb.validAccount });
    expect(bill).toMatchObject({
      outcome: 'valid',
      customerName: F.tnb.customerName,
      outstanding: rm(F.tnb.outstanding),
    });
    expect(bill.billerName).toBeTruthy();
    expect(bill.eBillUrl).toMatch(/^https:\/\//);
  });

  it('stops an invalid account with the provider message (HTTP 400, error_message)', async () => {
    const refused = await client
      .getBill({ product: F.tnb.product, account: F.tnb.invalidAccount })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ProviderRejectedError);
    expect((refused as ProviderRejectedError).failure).toEqual({
      code: 'invalid_account',
      providerText: 'Invalid account no',
    });
    expect((refused as ProviderRejectedError).httpStatus).toBe(400);
  });

  it('lets the buyer continue when presentment is unavailable or down', async () => {
    const unavailable = await client.getBill({
      product: F.billPresentmentUnavailable.product,
      account: '1234567890',
    });
    const down = await client.getBill({
      product: F.billPresentmentServiceDown.product,
      account: '1234567890',
    });
    expect(unavailable.outcome).toBe('unavailable');
    expect(down.outcome).toBe('unavailable');
    expect(unavailable.customerName).toBeUndefined();
  });

  it('checks JomPAY billers and their Ref-2 rule', async () => {
    const unknown = await client
      .getBill({ product: 'JOMPAY', account: 'REF1', billerCode: F.jompay.unknownBillerCode })
      .catch((error: unknown) => error);
    expect(unknown).toBeInstanceOf(ProviderRejectedError);
    expect((unknown as ProviderRejectedError).failure.providerText).toBe(
      'The provided biller code is invalid',
    );
    const missingRef2 = await client.getBill({
      product: 'JOMPAY',
      account: 'REF1',
      billerCode: F.jompay.ref2BillerCode,
    });
    expect(missingRef2).toEqual({
      outcome: 'invalid',
      message: 'Ref-2 is required',
      ref2Required: true,
      otherFields: [],
    });
    const ok = await client.getBill({
      product: 'JOMPAY',
      account: 'REF1',
      billerCode: F.jompay.ref2BillerCode,
      ref2: 'POLICY 77/2 & more',
    });
    expect(ok.outcome).toBe('valid');
  });
});

describe('callback URL', () => {
  it('sets and reads back the callback URL and method', async () => {
    const set = await client.setCallbackUrl('https://shop.example/callbacks/iimmpact?x=1&y=2', 'POST');
    expect(set).toEqual({ url: 'https://shop.example/callbacks/iimmpact?x=1&y=2', method: 'POST' });
    expect(await client.getCallbackUrl()).toEqual(set);
  });
});
