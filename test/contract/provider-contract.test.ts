import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { IAK_SANDBOX_FIXTURES as IAK } from '../../sandbox/iak/index.js';
import { SANDBOX_FIXTURES as IIMMPACT, type SandboxFault } from '../../sandbox/iimmpact/index.js';
import { type CallbackReceiver, startCallbackReceiver } from '../../sandbox/iimmpact/testing.js';
import { OutcomeUnknownError } from '../../src/payments/errors.js';
import { type Currency, formatMoney, type Money, money } from '../../src/payments/money.js';
import type { IncomingCallback, InquiryQuery, PaymentProvider } from '../../src/payments/provider.js';
import { IAK_CALLBACK_SOURCE_IPS } from '../../src/payments/providers/iak/callback.js';
import { IAK_PATHS } from '../../src/payments/providers/iak/client.js';
import { iakSign } from '../../src/payments/providers/iak/signer.js';
import { IIMMPACT_CALLBACK_SOURCE_IPS } from '../../src/payments/providers/iimmpact/callback.js';
import { createIimmpactProvider } from '../../src/payments/providers/iimmpact/provider.js';
import type { AmountRule, PaymentOutcome, PaymentRequest } from '../../src/payments/types.js';
import { iakProviderFor, startTestIakSandbox, TEST_IAK_API_KEY, TEST_IAK_USERNAME } from '../support/iak.js';
import { clientFor, startTestSandbox, testRefid, waitFor } from '../support/iimmpact.js';

/*
 * One contract for every payment provider: each adapter, over HTTP, against its own sandbox. The
 * test bodies are shared; what differs (products, test numbers, paths, how a sandbox is driven)
 * lives in one fixture adapter per provider.
 */

/** What the contract needs from a provider's sandbox, in the provider's own units. */
interface Harness {
  provider: PaymentProvider;
  injectFault(fault: SandboxFault): void;
  clearFaults(): void;
  requestCount(path: string): number;
  /** Transactions the sandbox recorded for this refid. */
  transactionCount(refid: string): number;
  /** The wallet, in minor units of the provider's currency. */
  walletMinor(): number;
  setCallbackUrl(url: string): void;
  close(): Promise<void>;
}

interface Case {
  name: string;
  request: () => PaymentRequest;
  code: string;
}

interface ProviderFixture {
  name: string;
  currency: Currency;
  paymentPath: string;
  start(options?: { slow?: boolean }): Promise<Harness>;
  /** A product sold at fixed amounts, one sold in a range (if the provider has any) and an inactive one. */
  fixedProduct: string;
  rangedProduct?: string;
  inactiveProduct: string;
  /** RM 10.00 / Rp 25.000. */
  success: { request: () => PaymentRequest; shown: string };
  /** Requests that end failed, with the provider's code. */
  failures: Case[];
  /** Requests whose provider code is pending or unknown: they must stay pending. */
  pending: Case[];
  voucher: () => PaymentRequest;
  inquiry: { valid: InquiryQuery; invalid: InquiryQuery; customerName: string };
  /** The same callback, rewritten for another refid, still well-formed (and signed, if signed). */
  callbackFor(callback: IncomingCallback, refid: string): IncomingCallback;
  /** The same callback with its signature spoiled, for providers that sign callbacks. */
  withBadSign?: (callback: IncomingCallback) => IncomingCallback;
  callbackSourceIps: readonly string[];
}

const rm = (ringgit: number): Money => money(Math.round(ringgit * 100), 'MYR');
const rp = (rupiah: number): Money => money(rupiah, 'IDR');

const iimmpactFixture: ProviderFixture = {
  name: 'IIMMPACT',
  currency: 'MYR',
  paymentPath: '/v2/topup',
  async start(options = {}) {
    const sandbox = await startTestSandbox(
      options.slow ? { timing: { acceptedMs: 150, processingMs: 150 } } : {},
    );
    const provider = createIimmpactProvider({ client: clientFor(sandbox) });
    return {
      provider,
      injectFault: (fault) => sandbox.faults.inject(fault),
      clearFaults: () => sandbox.faults.clear(),
      requestCount: (path) => sandbox.requestCount(path),
      transactionCount: (refid) => sandbox.transactions().filter((t) => t.refid === refid).length,
      walletMinor: () => sandbox.balanceSen(),
      setCallbackUrl: (url) => sandbox.setCallback(url, 'POST'),
      async close() {
        await provider.close();
        await sandbox.close();
      },
    };
  },
  fixedProduct: IIMMPACT.prepaid.product,
  rangedProduct: IIMMPACT.freeAmount.product,
  inactiveProduct: IIMMPACT.inactive.product,
  success: {
    request: () => ({
      refid: testRefid('contract'),
      product: IIMMPACT.prepaid.product,
      account: IIMMPACT.prepaid.successAccount,
      amount: rm(10),
    }),
    shown: 'RM 10.00',
  },
  failures: Object.entries({
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
  } as const).map(([name, code]) => ({
    name,
    code: String(code),
    request: () => ({
      refid: testRefid(name),
      product: IIMMPACT.prepaid.product,
      account: IIMMPACT.testAccounts[name as keyof typeof IIMMPACT.testAccounts],
      amount: rm(10),
    }),
  })),
  pending: [
    {
      name: 'an undocumented code',
      code: '99',
      request: () => ({
        refid: testRefid('unknown'),
        product: IIMMPACT.prepaid.product,
        account: IIMMPACT.testAccounts.unknownStatus,
        amount: rm(10),
      }),
    },
  ],
  voucher: () => ({
    refid: testRefid('voucher'),
    product: IIMMPACT.giftCard.product,
    account: '0123456789',
    amount: rm(IIMMPACT.giftCard.denominations[2]),
  }),
  inquiry: {
    valid: { product: IIMMPACT.tnb.product, account: IIMMPACT.tnb.validAccount },
    invalid: { product: IIMMPACT.tnb.product, account: IIMMPACT.tnb.invalidAccount },
    customerName: IIMMPACT.tnb.customerName,
  },
  callbackFor(callback, refid) {
    const body = JSON.parse(callback.body) as { data: Record<string, unknown> };
    return { ...callback, body: JSON.stringify({ data: { ...body.data, refid } }) };
  },
  callbackSourceIps: IIMMPACT_CALLBACK_SOURCE_IPS,
};

/** An IAK top-up of `product` (XL pulsa unless named) to `account`, expected to end with `code`. */
const iakCase = (name: string, code: string, account: string, product: string = IAK.pulsa.product): Case => ({
  name,
  code,
  request: () => ({ refid: testRefid('iak'), product, account, amount: rp(IAK.pulsa.price) }),
});

const iakFixture: ProviderFixture = {
  name: 'IAK',
  currency: 'IDR',
  paymentPath: IAK_PATHS.topUp,
  async start(options = {}) {
    const sandbox = await startTestIakSandbox(options.slow ? { timing: { processMs: 300 } } : {});
    const provider = iakProviderFor(sandbox);
    return {
      provider,
      injectFault: (fault) => sandbox.faults.inject(fault),
      clearFaults: () => sandbox.faults.clear(),
      requestCount: (path) => sandbox.requestCount(path),
      transactionCount: (refid) => sandbox.transactions().filter((t) => t.refId === refid).length,
      walletMinor: () => sandbox.balance(),
      setCallbackUrl: (url) => sandbox.setCallbackUrl(url),
      async close() {
        await provider.close();
        await sandbox.close();
      },
    };
  },
  fixedProduct: IAK.pulsa.product,
  inactiveProduct: IAK.inactive.product,
  success: {
    request: () => ({
      refid: testRefid('contract'),
      product: IAK.pulsa.product,
      account: IAK.pulsa.successNumber,
      amount: rp(IAK.pulsa.price),
    }),
    shown: 'Rp 25.000',
  },
  failures: [
    iakCase('the failing test number', '07', IAK.testNumbers.failed),
    iakCase('the daily limit', '10', IAK.testNumbers.dailyLimit),
    iakCase('the balance limit', '12', IAK.testNumbers.balanceLimit),
    iakCase('a blocked number', '13', IAK.testNumbers.blocked),
    iakCase('an empty deposit', '17', IAK.testNumbers.insufficientDeposit),
    iakCase('maintenance', '110', IAK.testNumbers.maintenance),
    iakCase('the monthly limit', '121', IAK.testNumbers.monthlyLimit),
    iakCase('once a day per number', '202', IAK.testNumbers.oncePerDay),
    iakCase('a blacklisted number', '206', IAK.testNumbers.blacklisted),
    iakCase('once a day per number, any code', '207', IAK.testNumbers.oncePerDayAnyCode),
    iakCase('a malformed number', '14', IAK.invalidNumbers.notANumber),
    iakCase('a number of another operator', '16', IAK.invalidNumbers.otherOperator),
    iakCase('a number that is too long', '203', IAK.invalidNumbers.tooLong),
    iakCase('an unknown product', '20', IAK.pulsa.successNumber, IAK.unknownProduct),
    iakCase('an inactive product', '106', '0896123456789', IAK.inactive.product),
  ],
  pending: [
    iakCase("IAK's undefined response code", '201', IAK.testNumbers.undefinedCode),
    iakCase('a code IAK does not document', '299', IAK.testNumbers.unknownCode),
    iakCase('a held top-up', '39', IAK.testNumbers.hold),
  ],
  voucher: () => ({
    refid: testRefid('voucher'),
    product: IAK.gameVoucher.product,
    account: IAK.voucherNumber,
    amount: rp(IAK.gameVoucher.price),
  }),
  inquiry: {
    valid: { product: IAK.pln.product, account: IAK.pln.validMeter },
    invalid: { product: IAK.pln.product, account: IAK.pln.invalidMeter },
    customerName: IAK.pln.customerName,
  },
  callbackFor(callback, refid) {
    const body = JSON.parse(callback.body) as { data: Record<string, unknown> };
    const sign = iakSign({ username: TEST_IAK_USERNAME, apiKey: TEST_IAK_API_KEY }, refid);
    return { ...callback, body: JSON.stringify({ data: { ...body.data, ref_id: refid, sign } }) };
  },
  withBadSign(callback) {
    const body = JSON.parse(callback.body) as { data: Record<string, unknown> };
    const sign = iakSign({ username: TEST_IAK_USERNAME, apiKey: 'not-the-key' }, String(body.data.ref_id));
    return { ...callback, body: JSON.stringify({ data: { ...body.data, sign } }) };
  },
  callbackSourceIps: IAK_CALLBACK_SOURCE_IPS,
};

/**
 * Re-queries until the provider reports a final state, the way the order engine does: by sending the
 * identical request again.
 */
async function finalOutcome(provider: PaymentProvider, request: PaymentRequest): Promise<PaymentOutcome> {
  return waitFor(async () => {
    const outcome = await provider.pay(request);
    return outcome.state === 'pending' ? undefined : outcome;
  });
}

/** Pays, then follows the payment to its final state. */
async function payToEnd(provider: PaymentProvider, request: PaymentRequest): Promise<PaymentOutcome> {
  const first = await provider.pay(request);
  return first.state === 'pending' ? finalOutcome(provider, request) : first;
}

function moneyIn(rule: AmountRule): Money[] {
  if (rule.kind === 'fixed') return [...rule.choices, ...rule.suggested];
  if (rule.kind === 'range') return [rule.min, rule.max];
  return [];
}

describe.each([iimmpactFixture, iakFixture])('$name provider contract', (fixture) => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await fixture.start();
  });
  afterAll(() => harness.close());
  afterEach(() => harness.clearFaults());

  it('speaks its currency', () => {
    expect(harness.provider.currency).toBe(fixture.currency);
  });

  it('lists products with a fixed or ranged amount in its currency, inactive ones marked', async () => {
    const products = await harness.provider.listProducts();
    const byCode = new Map(products.map((p) => [p.code, p]));
    expect(products.length).toBeGreaterThan(3);
    for (const product of products) {
      for (const amount of moneyIn(product.amount)) expect(amount.currency).toBe(fixture.currency);
    }
    const fixed = byCode.get(fixture.fixedProduct);
    expect(fixed?.amount.kind).toBe('fixed');
    if (fixed?.amount.kind === 'fixed') expect(fixed.amount.choices.length).toBeGreaterThan(0);
    if (fixture.rangedProduct) expect(byCode.get(fixture.rangedProduct)?.amount.kind).toBe('range');
    expect(byCode.get(fixture.inactiveProduct)?.active).toBe(false);
    expect(fixed?.active).toBe(true);
  });

  it(`pays ${fixture.success.shown} once and reports it succeeded`, async () => {
    const request = fixture.success.request();
    const outcome = await payToEnd(harness.provider, request);
    expect(outcome).toMatchObject({ refid: request.refid, state: 'succeeded' });
    expect(outcome.amount && formatMoney(outcome.amount)).toBe(fixture.success.shown);
    expect(outcome.serialNumber).toBeTruthy();
    expect(harness.transactionCount(request.refid)).toBe(1);
  });

  it('follows a slow payment from pending to succeeded by re-sending the identical request', async () => {
    const slow = await fixture.start({ slow: true });
    try {
      const request = fixture.success.request();
      const first = await slow.provider.pay(request);
      expect(first.state).toBe('pending');
      const states = [first.state];
      const final = await waitFor(async () => {
        const outcome = await slow.provider.pay(request);
        states.push(outcome.state);
        return outcome.state === 'pending' ? undefined : outcome;
      });
      expect(final.state).toBe('succeeded');
      expect(states.at(0)).toBe('pending');
      expect(states.filter((s) => s !== 'pending')).toEqual(['succeeded']);
      expect(slow.transactionCount(request.refid)).toBe(1);
    } finally {
      await slow.close();
    }
  });

  it('never charges a refid twice, however often and however concurrently it is sent', async () => {
    const request = fixture.success.request();
    const walletBefore = harness.walletMinor();
    await Promise.all([
      harness.provider.pay(request),
      harness.provider.pay(request),
      harness.provider.pay(request),
    ]);
    await harness.provider.pay(request);
    const final = await finalOutcome(harness.provider, request);
    expect(final.state).toBe('succeeded');
    expect(harness.transactionCount(request.refid)).toBe(1);
    expect(final.cost?.currency).toBe(fixture.currency);
    expect(walletBefore - harness.walletMinor()).toBe(final.cost?.minor);
    expect(final.balanceAfter?.minor).toBe(harness.walletMinor());
  });

  it.each(fixture.failures)('ends $name (code $code) as failed, with a reason', async ({ request, code }) => {
    const outcome = await payToEnd(harness.provider, request());
    expect(outcome).toMatchObject({ state: 'failed', providerCode: code });
    expect(outcome.failure).toMatchObject({ code: expect.any(String), providerCode: code });
  });

  it.each(fixture.pending)('keeps $name (code $code) pending, never failed', async ({ request, code }) => {
    const sent = request();
    await harness.provider.pay(sent);
    const outcome = await waitFor(async () => {
      const current = await harness.provider.pay(sent);
      return current.providerCode === code ? current : undefined;
    });
    expect(outcome.state).toBe('pending');
  });

  it('delivers a voucher with its PIN and serial', async () => {
    const outcome = await payToEnd(harness.provider, fixture.voucher());
    expect(outcome.state).toBe('succeeded');
    expect(outcome.pin).toMatch(/\S{6,}/);
    expect(outcome.serialNumber).toBeTruthy();
  });

  it('names the customer of a valid account and stops an invalid one', async () => {
    const valid = await harness.provider.inquire?.(fixture.inquiry.valid);
    expect(valid).toMatchObject({ outcome: 'valid', customerName: fixture.inquiry.customerName });
    const invalid = await harness.provider.inquire?.(fixture.inquiry.invalid);
    expect(invalid?.outcome).toBe('invalid');
    expect(invalid?.message).toBeTruthy();
  });

  describe('callbacks', () => {
    let receiver: CallbackReceiver;
    let delivered: IncomingCallback;
    let refid: string;

    beforeAll(async () => {
      receiver = await startCallbackReceiver();
      harness.setCallbackUrl(receiver.url);
      const request = fixture.success.request();
      refid = request.refid;
      await payToEnd(harness.provider, request);
      const final = await waitFor(() =>
        receiver.received.find((r) => {
          const notice = harness.provider.parseCallback({
            method: r.method,
            query: new URLSearchParams(),
            body: r.body,
          });
          return notice.ok && notice.refid === refid && notice.reported.state === 'succeeded';
        }),
      );
      delivered = { method: final.method, query: new URLSearchParams(), body: final.body };
    });
    afterAll(() => receiver.close());

    it('reads what the sandbox sent: the refid and the reported state', () => {
      expect(harness.provider.parseCallback(delivered)).toMatchObject({
        ok: true,
        refid,
        reported: { refid, state: 'succeeded' },
      });
    });

    it('still reads a callback for a refid nobody knows: the caller decides what to do with it', () => {
      const stranger = fixture.callbackFor(delivered, 'refid-nobody-knows');
      expect(harness.provider.parseCallback(stranger)).toMatchObject({
        ok: true,
        refid: 'refid-nobody-knows',
      });
    });

    // Only signed callbacks (IAK) can be forged detectably; IIMMPACT's are unsigned and re-queried instead.
    const { withBadSign } = fixture;
    if (withBadSign) {
      it('refuses a callback whose signature does not match', () => {
        const notice = harness.provider.parseCallback(withBadSign(delivered));
        expect(notice.ok).toBe(false);
        if (!notice.ok) expect(notice.reason).toBeTruthy();
      });
    }

    it('refuses a body it cannot read', () => {
      expect(harness.provider.parseCallback({ ...delivered, body: '{"not":"a callback"' }).ok).toBe(false);
    });

    it('documents the addresses callbacks come from', () => {
      expect(fixture.callbackSourceIps.length).toBeGreaterThan(0);
      for (const ip of fixture.callbackSourceIps) expect(ip).toMatch(/^\d{1,3}(\.\d{1,3}){3}$/);
    });
  });

  it.each([
    ['HTTP 500', { kind: 'status', status: 500 }],
    ['a reset after the transaction was created', { kind: 'reset-after-create' }],
    ['a malformed body', { kind: 'malformed-json' }],
    ['a gateway timeout (504)', { kind: 'gateway-timeout' }],
  ] as const)(
    'leaves a payment that met %s unknown after one request, then re-sending it with the same refid resolves it',
    async (_name, fault) => {
      const request = fixture.success.request();
      harness.injectFault({ ...fault, path: fixture.paymentPath });
      const before = harness.requestCount(fixture.paymentPath);
      await expect(harness.provider.pay(request)).rejects.toBeInstanceOf(OutcomeUnknownError);
      expect(harness.requestCount(fixture.paymentPath) - before).toBe(1);
      // The order engine's path: the identical request again, which both providers never charge twice.
      const resolved = await waitFor(async () => {
        const outcome = await harness.provider.pay(request);
        return outcome.state === 'pending' ? undefined : outcome;
      });
      expect(resolved).toMatchObject({ refid: request.refid, state: 'succeeded' });
      expect(harness.transactionCount(request.refid)).toBe(1);
    },
  );

  it('reads the wallet balance in its currency', async () => {
    const balance = await harness.provider.getBalance();
    expect(balance.balance).toEqual(money(harness.walletMinor(), fixture.currency));
    expect(balance.readOnly).toBe(false);
  });
});
