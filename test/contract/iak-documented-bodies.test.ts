import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IAK_SANDBOX_FIXTURES as F, type IakSandbox } from '../../sandbox/iak/index.js';
import { postIak, signedBody } from '../../sandbox/iak/testing.js';
import { checkAccountFormat } from '../../src/payments/account-format.js';
import { money } from '../../src/payments/money.js';
import type { PaymentOutcome, Product } from '../../src/payments/types.js';
import {
  iakProviderFor,
  startTestIakSandbox,
  TEST_IAK_API_KEY,
  TEST_IAK_USERNAME,
  testRefid,
  waitFor,
} from '../support/iak.js';

/*
 * IAK's documented bodies (seed 004, spec §5) from the sandbox, and what the real provider makes of
 * them: per-product account formats (international products are not Indonesian numbers), the
 * operator's prefixes, and the PLN token read out of its serial.
 */

const credentials = { username: TEST_IAK_USERNAME, apiKey: TEST_IAK_API_KEY };
let sandbox: IakSandbox;
let provider: ReturnType<typeof iakProviderFor>;
let products: Product[];

beforeAll(async () => {
  sandbox = await startTestIakSandbox();
  provider = iakProviderFor(sandbox, { readRetries: 0 });
  products = await provider.listProducts();
});
afterAll(async () => {
  await provider.close();
  await sandbox.close();
});

const productOf = (code: string): Product => {
  const product = products.find((p) => p.code === code);
  if (!product) throw new Error(`no product ${code}`);
  return product;
};

async function payToEnd(product: string, account: string, price: number): Promise<PaymentOutcome> {
  const request = { refid: testRefid('iak-doc'), product, account, amount: money(price, 'IDR') };
  const first = await provider.pay(request);
  if (first.state !== 'pending') return first;
  return waitFor(async () => {
    const outcome = await provider.pay(request);
    return outcome.state === 'pending' ? undefined : outcome;
  });
}

describe('the sandbox answers with the documented bodies', () => {
  it("lists the price list example's items exactly (spec §5.4)", async () => {
    const response = await postIak(
      sandbox.origin,
      '/api/pricelist',
      signedBody(credentials, 'pl', { status: 'all' }),
    );
    const list = (JSON.parse(response.text) as { data: { pricelist: unknown[] } }).data.pricelist;
    expect(list).toContainEqual({
      product_code: 'alfamart100',
      product_description: 'Alfamart Voucher',
      product_nominal: 'Voucher Alfamart Rp 100.000',
      product_details: '-',
      product_price: 100000,
      product_type: 'voucher',
      active_period: '0',
      status: 'active',
      icon_url: 'https://cdn.mobileproduct.net/img/product/operator_list/140119034649-Alfa-01.png',
      product_category: 'voucher',
    });
    expect(list).toContainEqual({
      product_code: 'altel10',
      product_description: 'Malaysia Topup',
      product_nominal: '10',
      product_details: '-',
      product_price: 39750,
      product_type: 'malaysia',
      active_period: '0',
      status: 'active',
      icon_url: '-',
      product_category: 'international',
    });
  });

  it('answers the PLN inquiry example exactly (spec §5.6)', async () => {
    const response = await postIak(
      sandbox.origin,
      '/api/inquiry-pln',
      signedBody(credentials, F.pln.validMeter, { customer_id: F.pln.validMeter }),
    );
    expect(JSON.parse(response.text)).toEqual({
      data: {
        status: '1',
        customer_id: '12345678901',
        meter_no: '548933889287',
        subscriber_id: '12345678901',
        name: 'Sintya Oktaviani',
        segment_power: 'R1 /000001300',
        message: 'SUCCESS',
        rc: '00',
      },
    });
  });
});

describe('account formats per product (seed 004)', () => {
  it('does not send international products through the Indonesian phone check', async () => {
    const altel = productOf(F.international.product);
    expect(altel).toMatchObject({ accountFormat: 'international-phone', accountType: 'international_phone' });
    expect(checkAccountFormat(altel, F.international.malaysianNumber)).toEqual({
      ok: true,
      value: F.international.malaysianNumber,
    });
    const outcome = await payToEnd(altel.code, F.international.malaysianNumber, F.international.price);
    expect(outcome.state).toBe('succeeded');
  });

  it("takes Alipay's CountryCode|PhoneNumber_Name form, the seed's own example", async () => {
    const alipay = productOf(F.alipay.product);
    expect(alipay.accountFormat).toBe('alipay');
    const checked = checkAccountFormat(alipay, F.alipay.account);
    expect(checked).toEqual({ ok: true, value: F.alipay.account });
    const outcome = await payToEnd(alipay.code, F.alipay.account, F.alipay.price);
    expect(outcome.state).toBe('succeeded');
  });

  it("exposes the operator's prefixes, so a wrong-operator number is refused before Confirm", async () => {
    const xl = productOf(F.pulsa.product);
    expect(xl).toMatchObject({ accountFormat: 'id-phone', operator: 'XL' });
    expect(xl.operatorPrefixes).toContain('0817');
    expect(checkAccountFormat(xl, F.invalidNumbers.otherOperator)).toEqual({
      ok: false,
      error: { code: 'account-wrong-operator', operator: 'XL' },
    });
    // The provider agrees: it refuses the same number with rc 16.
    const refused = await payToEnd(xl.code, F.invalidNumbers.otherOperator, F.pulsa.price);
    expect(refused).toMatchObject({ state: 'failed', providerCode: '16' });
    expect(checkAccountFormat(xl, F.pulsa.successNumber).ok).toBe(true);
    expect(productOf(F.pln.product).accountFormat).toBe('meter');
    expect(productOf(F.voucher.product).operatorPrefixes).toBeUndefined();
  });
});

describe('PLN token (spec §5.11)', () => {
  it('labels the token, customer name, tariff/power and kWh of a PLN purchase', async () => {
    const outcome = await payToEnd(F.pln.product, F.pln.validMeter, F.pln.price);
    expect(outcome.state).toBe('succeeded');
    expect(outcome.electricityToken).toEqual({
      token: expect.stringMatching(/^\d{4}(-\d{4}){4}$/),
      customerName: F.pln.customerName.toUpperCase(),
      tariffPower: F.pln.segmentPower,
      kwh: expect.stringMatching(/^\d+\.\d$/),
    });
    // The token is cash: it is kept only where the store seals it, never again as a plain serial.
    expect(outcome.serialNumber).toBeUndefined();
  });
});
