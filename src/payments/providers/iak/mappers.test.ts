import { describe, expect, it } from 'vitest';
import { money } from '../../money.js';
import {
  parsePlnSerial,
  toBillPresentment,
  toPaymentOutcome,
  toPriceItem,
  toProduct,
  toWalletBalance,
} from './mappers.js';
import {
  balanceResponseSchema,
  callbackBodySchema,
  errorBodySchema,
  plnInquiryResponseSchema,
  priceItemSchema,
  priceListResponseSchema,
  transactionResponseSchema,
} from './schemas.js';

const rp = (rupiah: number) => money(rupiah, 'IDR');

describe('IAK wire parsing tolerates what the docs leave open', () => {
  it('maps the documented PROCESS answer of a top-up', () => {
    const body = transactionResponseSchema.parse({
      data: {
        ref_id: 'order001',
        status: 0,
        product_code: 'xld25000',
        customer_id: '0817777215',
        price: 25000,
        message: 'PROCESS',
        balance: 997061249,
        tr_id: 3482,
        rc: '39',
      },
    });
    expect(toPaymentOutcome('order001', body.data)).toEqual({
      refid: 'order001',
      state: 'pending',
      providerStatus: 'PROCESS',
      providerCode: '39',
      amount: rp(25_000),
      cost: rp(25_000),
      balanceAfter: rp(997_061_249),
      remarks: 'PROCESS',
    });
  });

  it('maps the documented success and failure of check-status', () => {
    const success = transactionResponseSchema.parse({
      data: {
        ref_id: 'order001',
        status: 1,
        product_code: 'xld25000',
        customer_id: '0817777215',
        price: 25000,
        message: 'SUCCESS',
        sn: '123456789',
        balance: 997061249,
        tr_id: 3482,
        rc: '00',
      },
    });
    expect(toPaymentOutcome('order001', success.data)).toMatchObject({
      state: 'succeeded',
      providerCode: '00',
      serialNumber: '123456789',
    });
    const failure = transactionResponseSchema.parse({
      data: { ref_id: 'order001', status: 2, price: 25000, message: 'FAILED', balance: 997061249, rc: '07' },
    });
    const failed = toPaymentOutcome('order001', failure.data);
    expect(failed).toMatchObject({
      state: 'failed',
      providerCode: '07',
      // IAK's bare "FAILED" adds nothing to the code, so it is not kept as the provider's words.
      failure: { code: 'provider_declined', providerCode: '07' },
    });
    expect(failed.serialNumber).toBeUndefined();
  });

  it('reads the string-typed callback, v1 field names and a numeric rc', () => {
    const body = callbackBodySchema.parse({
      data: {
        ref_id: 'order001',
        status: '1',
        code: 'hsteam12000',
        hp: '0817777215',
        price: '16500',
        message: 'SUCCESS',
        sn: 'ABCD-EFGH-IJKL-MNOP',
        pin: '123456789',
        balance: '996994749',
        tr_id: '3487',
        rc: 0,
        sign: 'abc',
      },
    });
    expect(body.data).toMatchObject({
      productCode: 'hsteam12000',
      customerId: '0817777215',
      rc: '00',
      status: 1,
      trId: '3487',
      sign: 'abc',
    });
    expect(toPaymentOutcome('order001', body.data)).toMatchObject({
      state: 'succeeded',
      pin: '123456789',
      serialNumber: 'ABCD-EFGH-IJKL-MNOP',
      cost: rp(16_500),
    });
  });

  it('pads a one-digit numeric rc and refuses a non-numeric one', () => {
    expect(transactionResponseSchema.parse({ data: { rc: 7, status: 2 } }).data.rc).toBe('07');
    expect(transactionResponseSchema.safeParse({ data: { rc: 'OK' } }).success).toBe(false);
    expect(transactionResponseSchema.safeParse({ data: { status: 'done' } }).success).toBe(false);
  });

  it('marks maintenance and unreadable-request codes, and no transaction failure, as about the request', () => {
    const outcome = (rc: string) =>
      toPaymentOutcome('r', transactionResponseSchema.parse({ data: { status: 2, rc } }).data);
    for (const rc of ['107', '110', '117', '205']) {
      expect(outcome(rc)).toMatchObject({ state: 'failed', aboutRequest: true });
    }
    for (const rc of ['07', '14', '17', '106']) expect(outcome(rc)).not.toHaveProperty('aboutRequest');
  });

  it('passes PINs and serials on only with a success', () => {
    const pending = transactionResponseSchema.parse({ data: { status: 0, rc: '39', sn: 'S', pin: 'P' } });
    expect(toPaymentOutcome('r', pending.data)).not.toHaveProperty('pin');
    expect(toPaymentOutcome('r', pending.data)).not.toHaveProperty('serialNumber');
    const esim = transactionResponseSchema.parse({
      data: { status: 1, rc: '00', activation_code: 'LPA:1$x$y' },
    });
    expect(toPaymentOutcome('r', esim.data).pin).toBe('LPA:1$x$y');
  });

  it('takes a voucher expiry from its serial', () => {
    const body = transactionResponseSchema.parse({
      data: { status: 1, rc: '00', sn: 'BA4B52862X7P / 2018-12-07' },
    });
    expect(toPaymentOutcome('r', body.data)).toMatchObject({
      serialNumber: 'BA4B52862X7P / 2018-12-07',
      expiry: '2018-12-07',
    });
  });

  it('reads both price-list envelopes', () => {
    const item = { product_code: 'xld25000', product_price: 25000 };
    expect(priceListResponseSchema.parse({ data: [item] })).toEqual({
      items: [item],
      rc: undefined,
      message: undefined,
    });
    expect(
      priceListResponseSchema.parse({ data: { pricelist: [item], rc: '00', message: 'SUCCESS' } }),
    ).toEqual({
      items: [item],
      rc: '00',
      message: 'SUCCESS',
    });
    expect(priceListResponseSchema.parse({ data: { rc: '20', message: 'CODE NOT FOUND' } })).toMatchObject({
      items: [],
      rc: '20',
    });
  });

  it('reads a balance and the HTTP 400 body', () => {
    const balance = balanceResponseSchema.parse({
      data: { balance: 997136249, message: 'SUCCESS', rc: '00' },
    });
    expect(toWalletBalance('081234567890', balance.data)).toEqual({
      account: '081234567890',
      name: 'IAK prepaid deposit',
      balance: rp(997_136_249),
      level: '',
      readOnly: false,
    });
    expect(toWalletBalance('u', { balance: 'lots' })).toBeUndefined();
    const error = errorBodySchema.parse({
      data: { response_code: '107', message: 'x', error_details: { customer_id: ['required'] } },
    });
    expect(error.data.response_code).toBe('107');
  });
});

describe('IAK products', () => {
  const item = (over: Record<string, unknown>) => {
    const parsed = toPriceItem(
      priceItemSchema.parse({
        product_code: 'xld25000',
        product_description: 'XL',
        product_nominal: '25000',
        product_details: '-',
        product_price: 25000,
        product_type: 'pulsa',
        active_period: '30',
        status: 'active',
        icon_url: 'https://cdn.example/xl.png',
        product_category: 'pulsa',
        ...over,
      }),
    );
    if (!parsed) throw new Error('unreadable item');
    return parsed;
  };

  it('maps a pulsa code to a fixed-price product of its operator', () => {
    expect(toProduct(item({}))).toEqual({
      code: 'xld25000',
      name: 'XL 25.000',
      active: true,
      group: 'Mobile Reload',
      category: 'XL',
      accountLabel: 'Mobile Number',
      accountType: 'phone_number',
      keyboard: 'numeric',
      hasSubproducts: false,
      amount: { kind: 'fixed', choices: [rp(25_000)], suggested: [rp(25_000)] },
      faceValue: rp(25_000),
      validityDays: 30,
      imageUrl: 'https://cdn.example/xl.png',
      refundable: false,
      accountFormat: 'id-phone',
      operator: 'XL',
      operatorPrefixes: ['0817', '0818', '0819', '0859', '0878', '0877'],
    });
  });

  it.each([
    ['data', 'data', 'Mobile Data', 'Mobile Number', 'numeric'],
    ['pln', 'pln', 'Electricity', 'Meter Number', 'numeric'],
    ['game', 'game', 'Games', 'Phone Number or Game ID', 'text'],
    ['voucher', 'voucher', 'Vouchers', 'Mobile Number', 'numeric'],
    ['etoll', 'etoll', 'E-Money', 'Phone or Card Number', 'numeric'],
    ['malaysia', 'international', 'International', 'Mobile Number', 'text'],
    ['lottery', 'other', 'Other', 'Customer ID', 'text'],
  ])('groups type %s (category %s) under %s', (type, category, group, label, keyboard) => {
    const product = toProduct(item({ product_type: type, product_category: category }));
    expect(product).toMatchObject({ group, accountLabel: label, keyboard });
  });

  it('names a descriptive nominal as is, and keeps placeholders out', () => {
    const product = toProduct(
      item({
        product_nominal: 'Voucher Alfamart Rp 100.000',
        product_price: '100000',
        active_period: '0',
        icon_url: '-',
        status: 'non active',
      }),
    );
    expect(product).toMatchObject({ name: 'Voucher Alfamart Rp 100.000', active: false });
    expect(product.instructions).toBeUndefined();
    expect(product.imageUrl).toBeUndefined();
    expect(product.amount).toEqual({ kind: 'fixed', choices: [rp(100_000)], suggested: [rp(100_000)] });
  });

  it('takes the face value from the nominal and the amount charged from the price', () => {
    // The sandbox's XL 10.000: IAK charges Rp 10.850 for a Rp 10.000 reload.
    const product = toProduct(
      item({ product_code: 'xld10000', product_nominal: '10000', product_price: 10850 }),
    );
    expect(product.name).toBe('XL 10.000');
    expect(product.faceValue).toEqual(rp(10_000));
    expect(product.amount).toEqual({ kind: 'fixed', choices: [rp(10_850)], suggested: [rp(10_850)] });
    // No face value is read from a nominal in another country's money or in words. The docs' altel10: a Malaysia top-up of RM 10 for Rp 39.750.
    const abroad = toProduct(
      item({
        product_code: 'altel10',
        product_description: 'Malaysia Topup',
        product_nominal: '10',
        product_price: 39750,
        product_type: 'malaysia',
        product_category: 'international',
      }),
    );
    const voucher = toProduct(
      item({ product_nominal: 'Voucher Alfamart Rp 100.000', product_price: 100000 }),
    );
    expect(abroad.faceValue).toBeUndefined();
    expect(voucher.faceValue).toBeUndefined();
  });

  it('leaves out an item without a usable price', () => {
    expect(toPriceItem(priceItemSchema.parse({ product_code: 'x', product_price: 'free' }))).toBeUndefined();
    expect(toPriceItem(priceItemSchema.parse({ product_code: 'x', product_price: 0 }))).toBeUndefined();
    expect(priceItemSchema.safeParse({ product_price: 1 }).success).toBe(false);
  });
});

describe('IAK PLN inquiry', () => {
  it('presents the documented success with the customer name', () => {
    const body = plnInquiryResponseSchema.parse({
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
    expect(toBillPresentment(body.data)).toEqual({
      outcome: 'valid',
      message: 'SUCCESS',
      billerName: 'PLN',
      customerName: 'Sintya Oktaviani',
      otherFields: [
        ['Meter number', '548933889287'],
        ['Customer ID', '12345678901'],
        ['Subscriber ID', '12345678901'],
        ['Tariff / power', 'R1 /000001300'],
      ],
    });
  });

  it('stops a wrong meter number and lets other answers through without details', () => {
    const invalid = plnInquiryResponseSchema.parse({
      data: { status: '2', customer_id: '1', name: '', message: 'INCORRECT DESTINATION NUMBER', rc: '14' },
    });
    expect(toBillPresentment(invalid.data)).toEqual({
      outcome: 'invalid',
      message: 'INCORRECT DESTINATION NUMBER',
      otherFields: [],
    });
    const down = plnInquiryResponseSchema.parse({ data: { status: '2', rc: '110', message: 'x' } });
    expect(toBillPresentment(down.data).outcome).toBe('unavailable');
    const odd = plnInquiryResponseSchema.parse({ data: { status: '1', rc: '39' } });
    expect(toBillPresentment(odd.data).outcome).toBe('unavailable');
  });
});

describe('PLN token serials (spec §5.11)', () => {
  /** The docs' check-status success body (spec §5.2) for a PLN code, with the docs' PLN serial. */
  const PLN_SUCCESS = {
    data: {
      ref_id: 'order001',
      status: 1,
      product_code: 'hpln20000',
      customer_id: '12345678901',
      price: 20500,
      message: 'SUCCESS',
      sn: '0123-4567-8901-2345-6789/PT INDOBEST ARTHA KREASI/R1 /000001300/66.2',
      balance: 997061249,
      tr_id: 3482,
      rc: '00',
    },
  };
  const TOKEN = '0123-4567-8901-2345-6789';

  it('keeps the token only as the electricity token, never as a plain serial', () => {
    const outcome = toPaymentOutcome('order001', transactionResponseSchema.parse(PLN_SUCCESS).data);
    expect(outcome).toMatchObject({ state: 'succeeded', providerCode: '00' });
    expect(outcome.electricityToken).toEqual({
      token: TOKEN,
      customerName: 'PT INDOBEST ARTHA KREASI',
      tariffPower: 'R1 /000001300',
      kwh: '66.2',
    });
    expect(outcome.serialNumber).toBeUndefined();
    // The store seals `electricityToken.token` only: nothing else of the outcome may carry it.
    const { electricityToken: _sealed, ...rest } = outcome;
    expect(JSON.stringify(rest)).not.toContain(TOKEN);
  });

  it('does the same with the string-typed callback form of that body', () => {
    const data = Object.fromEntries(Object.entries(PLN_SUCCESS.data).map(([k, v]) => [k, String(v)]));
    const outcome = toPaymentOutcome('order001', callbackBodySchema.parse({ data }).data);
    expect(outcome.electricityToken?.token).toBe(TOKEN);
    expect(outcome.serialNumber).toBeUndefined();
  });

  it('labels the documented example: token, name, tariff/power and kWh', () => {
    expect(parsePlnSerial('0123-4567-8901-2345-6789/PT INDOBEST ARTHA KREASI/R1 /000001300/66.2')).toEqual({
      token: '0123-4567-8901-2345-6789',
      customerName: 'PT INDOBEST ARTHA KREASI',
      tariffPower: 'R1 /000001300',
      kwh: '66.2',
    });
    expect(parsePlnSerial('6710-1234-5678-9012-0256/NAME/R1 /000001300/13.8')).toMatchObject({
      token: '6710-1234-5678-9012-0256',
      kwh: '13.8',
    });
  });

  it('reads a serial without kWh, and leaves other serials alone', () => {
    expect(parsePlnSerial('01234567890123456789/BUDI/R1 /000000900')).toEqual({
      token: '01234567890123456789',
      customerName: 'BUDI',
      tariffPower: 'R1 /000000900',
    });
    expect(parsePlnSerial('123456789')).toBeUndefined();
    expect(parsePlnSerial('BA4B52862X7P / 2018-12-07')).toBeUndefined();
    expect(parsePlnSerial(undefined)).toBeUndefined();
  });
});
