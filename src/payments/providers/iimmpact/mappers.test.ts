import { describe, expect, it } from 'vitest';
import { money } from '../../money.js';
import { toAmountRule, toBillPresentment, toPaymentOutcome, toProduct, toWalletBalance } from './mappers.js';
import {
  balanceResponseSchema,
  billPresentmentResponseSchema,
  callbackUrlResponseSchema,
  productSchema,
  subproductsResponseSchema,
  topupResponseSchema,
} from './schemas.js';

const sen = (minor: number) => money(minor, 'MYR');

describe('IIMMPACT wire parsing tolerates the documented legacy quirks', () => {
  it('reads a balance sent as numbers or as strings', () => {
    const asNumbers = balanceResponseSchema.parse({
      data: { account: '00000', name: 'Demo', balance: 48.6333, level: '12', access: 0 },
    });
    const asStrings = balanceResponseSchema.parse({
      data: { account: 12345, name: 'Demo', balance: '48.6333', level: 12, access: '50' },
    });
    expect(toWalletBalance(asNumbers.data)).toEqual({
      account: '00000',
      name: 'Demo',
      balance: sen(4863),
      level: '12',
      readOnly: false,
    });
    expect(toWalletBalance(asStrings.data)).toMatchObject({
      account: '12345',
      balance: sen(4863),
      readOnly: true,
    });
  });

  it('maps the documented gift-card response', () => {
    const body = topupResponseSchema.parse({
      data: {
        statusCode: 20,
        status: 'Succesful',
        account: '0123456789',
        product: 'GC',
        productName: 'Grab Gift Code',
        amount: 5,
        sn: '106648697',
        pin: 'MPHE39G3WL',
        expiry: '20251116',
        cost: 5,
        balance: 50.54,
        remarks: '',
        refid: '321479-0-30f4f209-ee',
        timestamp: '2025-05-20 13:09:34',
        note: 'Use at checkout',
        voucherlink: 'https://vouchers.example/go?id=1',
      },
    });
    expect(toPaymentOutcome('321479-0-30f4f209-ee', body.data)).toEqual({
      refid: '321479-0-30f4f209-ee',
      state: 'succeeded',
      providerStatus: 'Succesful',
      providerCode: '20',
      amount: sen(500),
      cost: sen(500),
      balanceAfter: sen(5054),
      productName: 'Grab Gift Code',
      serialNumber: '106648697',
      pin: 'MPHE39G3WL',
      expiry: '2025-11-16',
      voucherLink: 'https://vouchers.example/go?id=1',
      note: 'Use at checkout',
      providerTime: '2025-05-20T13:09:34+08:00',
    });
  });

  it('accepts a sparse answer with nulls and string codes, leaving absent fields out', () => {
    const body = topupResponseSchema.parse({
      data: { statusCode: '1', status: 'Processing', amount: '10.00', pin: null, sn: '', expiry: null },
    });
    const outcome = toPaymentOutcome('r1', body.data);
    expect(outcome).toEqual({
      refid: 'r1',
      state: 'pending',
      providerStatus: 'Processing',
      providerCode: '1',
      amount: sen(1000),
    });
  });

  it('marks 54 (duplicate transaction or daily limit), and only 54, as a duplicate', () => {
    const failed = (statusCode: number) =>
      toPaymentOutcome('r1', topupResponseSchema.parse({ data: { statusCode, status: 'Failed' } }).data);
    expect(failed(54)).toMatchObject({
      state: 'failed',
      duplicate: true,
      failure: { code: 'limit_reached', providerCode: '54' },
    });
    for (const code of [45, 48, 52, 55]) expect(failed(code)).not.toHaveProperty('duplicate');
    // A 54 whose word disagrees is pending, not a duplicate failure.
    const odd = topupResponseSchema.parse({ data: { statusCode: 54, status: 'Processing' } });
    expect(toPaymentOutcome('r1', odd.data)).toMatchObject({ state: 'pending' });
    expect(toPaymentOutcome('r1', odd.data)).not.toHaveProperty('duplicate');
  });

  it('never marks a failure as about the request: a re-query answers with the transaction itself', () => {
    // The docs: a refid always returns its original transaction, and 200 + Failed is that
    // transaction's final status, 41 and 47 included (only IAK answers maintenance to a re-send).
    for (const statusCode of [41, 47]) {
      const body = topupResponseSchema.parse({ data: { statusCode, status: 'Failed' } });
      expect(toPaymentOutcome('r1', body.data)).not.toHaveProperty('aboutRequest');
    }
  });

  it('refuses a status code that is not a number', () => {
    expect(
      topupResponseSchema.safeParse({ data: { statusCode: 'twenty', status: 'Succesful' } }).success,
    ).toBe(false);
  });

  it('reads PascalCase and camelCase bill fields, metadata or @metadata', () => {
    const pascal = billPresentmentResponseSchema.parse({
      data: {
        message: 'Account no is valid',
        BillerName: 'TNB',
        CustomerName: 'AHMAD',
        Outstanding: '123.45',
        'E-Bill': 'https://e.example/bill.pdf',
        DueDate: '2025-06-01',
      },
      metadata: { status_code: 200, last_updated: '19-05-2025 14:49:03' },
    });
    expect(toBillPresentment(pascal.data)).toEqual({
      outcome: 'valid',
      message: 'Account no is valid',
      billerName: 'TNB',
      customerName: 'AHMAD',
      outstanding: sen(12345),
      eBillUrl: 'https://e.example/bill.pdf',
      dueDate: '2025-06-01',
      otherFields: [],
    });
    const camel = billPresentmentResponseSchema.parse({
      data: { message: 'Account no is valid', customerName: 'SITI', outstanding: 10 },
      '@metadata': { status_code: '200' },
    });
    expect(toBillPresentment(camel.data)).toMatchObject({ customerName: 'SITI', outstanding: sen(1000) });
  });

  it('lets only "Invalid account no" block a bill payment', () => {
    expect(toBillPresentment({ message: 'Invalid account no', error_message: 'Ref-2 is required' })).toEqual({
      outcome: 'invalid',
      message: 'Ref-2 is required',
      ref2Required: true,
      otherFields: [],
    });
    expect(toBillPresentment({ message: 'Invalid account no' }).message).toBe('Invalid account no');
    for (const message of [
      'Bill presentment is unavailable for this product',
      'Service unavailable. Please try again later',
      'Something new',
      '',
    ]) {
      expect(toBillPresentment({ message, CustomerName: 'X' })).toMatchObject({
        outcome: 'unavailable',
        message,
        otherFields: [],
      });
    }
  });

  it('marks only "unavailable for this product" as the same for every account', () => {
    const wide = (message: string) => toBillPresentment({ message }).productWide === true;
    expect(wide('Bill presentment is unavailable for this product')).toBe(true);
    expect(wide('Service unavailable. Please try again later')).toBe(false);
    expect(wide('Something new')).toBe(false);
    expect(wide('Account no is valid')).toBe(false);
  });

  it('reads the callback-URL settings under @metadata', () => {
    const body = callbackUrlResponseSchema.parse({
      data: { Status: 'Success', CallbackUrl: '', Method: '' },
      '@metadata': { status_code: 200, last_updated: '21-05-2025 14:02:56' },
    });
    expect(body.data.CallbackUrl).toBeUndefined();
  });

  it('reads sub-products with nulls and string min/max', () => {
    const body = subproductsResponseSchema.parse({
      message: 'success',
      data: [
        {
          subproduct_code: 'K',
          display_name: 'DIPLOMA SEPENUH MASA',
          denomination: null,
          face_value: null,
          validity: null,
          description: 'PTPTN',
          account_number: '12345678',
          additional_description: null,
          min: '1',
          max: '5000',
        },
      ],
    });
    expect(body.data[0]?.min).toBe('1');
  });
});

describe('product amount rules', () => {
  const product = (fields: Record<string, unknown>) =>
    productSchema.parse({ product_code: 'X', status: 'Active', ...fields });

  it('reads fixed denominations and keeps only suggestions that are on offer', () => {
    expect(
      toAmountRule(
        product({
          denomination: '5,10, 30',
          common_denominations: '10,30,99',
          denomination_data_type: 'Integer',
        }),
      ),
    ).toEqual({
      kind: 'fixed',
      choices: [sen(500), sen(1000), sen(3000)],
      suggested: [sen(1000), sen(3000)],
    });
  });

  it('reads a "min-max" range and the decimal rule', () => {
    expect(toAmountRule(product({ denomination: '1-5000', denomination_data_type: 'Decimal' }))).toEqual({
      kind: 'range',
      min: sen(100),
      max: sen(500000),
      wholeUnitsOnly: false,
    });
  });

  it('leaves the amount open when no rule is given, allowing sen unless the type says Integer', () => {
    // The docs: /topup parses `amount` as a decimal; only an Integer type restricts it.
    expect(toAmountRule(product({ denomination: null }))).toEqual({ kind: 'open', wholeUnitsOnly: false });
    expect(toAmountRule(product({ denomination: '', datatype: 'Integer' }))).toEqual({
      kind: 'open',
      wholeUnitsOnly: true,
    });
  });

  it('reads the older `datatype` key, and a missing type does not mean whole ringgit', () => {
    expect(toAmountRule(product({ denomination: '1-1000', datatype: 'Decimal' }))).toMatchObject({
      kind: 'range',
      wholeUnitsOnly: false,
    });
    expect(toAmountRule(product({ denomination: '1-1000', datatype: 'Integer' }))).toMatchObject({
      wholeUnitsOnly: true,
    });
    expect(toAmountRule(product({ denomination: '1-1000' }))).toMatchObject({ wholeUnitsOnly: false });
  });

  it('makes a product with an unreadable denomination unsellable instead of open to any amount', () => {
    for (const denomination of ['ask us', '5,10,abc', 'RM1 - RM100', '100-1', '0,5']) {
      const listed = toProduct(product({ denomination }));
      expect(listed.active).toBe(false);
      expect(listed.amount).toEqual({ kind: 'fixed', choices: [], suggested: [] });
      expect(listed.unsellable).toEqual({ reason: 'unreadable-denomination', detail: denomination });
    }
  });

  it('shows product_remarks, or the older `note`, as instructions', () => {
    expect(toProduct(product({ product_remarks: 'Credited at once.' })).instructions).toBe(
      'Credited at once.',
    );
    expect(toProduct(product({ note: 'Redeem in the app.' })).instructions).toBe('Redeem in the app.');
    expect(toProduct(product({ note: '' })).instructions).toBeUndefined();
  });

  it('knows PTPTN and JomPAY by their codes', () => {
    expect(toProduct(product({ product_code: 'PTPTN', account_type: 'account_number' }))).toMatchObject({
      accountType: 'ic_number',
      hasSubproducts: true,
    });
    expect(toProduct(product({ product_code: 'JOMPAY' })).hasSubproducts).toBe(true);
    expect(toProduct(product({ product_code: 'TNB', account_type: 'ic_number' })).hasSubproducts).toBe(false);
  });

  it('maps a product with sensible defaults for missing fields', () => {
    expect(
      toProduct(product({ has_subproduct: 'true', status: 'Inactive', keyboard_type: 'Numeric' })),
    ).toMatchObject({
      code: 'X',
      name: 'X',
      active: false,
      hasSubproducts: true,
      keyboard: 'numeric',
      accountLabel: 'Account Number',
    });
  });
});

describe('older and biller-specific forms', () => {
  it('reads seed 002 topup answer: a bare object with a lowercase, string `statuscode`', () => {
    const body = topupResponseSchema.parse({
      statuscode: '20',
      status: 'Successful',
      account: '0113242124',
      product: 'C',
      amount: '10',
      sn: '123456',
      pin: '',
      expiry: '',
      cost: '9.70',
      balance: '151.10',
      remarks: '',
      refid: 'UID-123',
      timestamp: '2023-10-01 00:11:54',
      note: '',
    });
    expect(toPaymentOutcome('UID-123', body.data)).toMatchObject({
      state: 'succeeded',
      providerCode: '20',
      amount: sen(1000),
      cost: sen(970),
      balanceAfter: sen(15110),
      serialNumber: '123456',
    });
    expect(topupResponseSchema.safeParse({ message: 'Server Error' }).success).toBe(false);
  });

  it('keeps CustomField labelled, whatever its shape', () => {
    const bill = (CustomField: unknown) =>
      toBillPresentment({ message: 'Account no is valid', CustomField }).customFields;
    expect(bill('')).toBeUndefined();
    expect(bill(null)).toBeUndefined();
    expect(bill('Meter 5')).toEqual([{ value: 'Meter 5' }]);
    expect(bill(42)).toEqual([{ value: '42' }]);
    expect(bill({ 'Contract No': 'C-1', Units: 3 })).toEqual([
      { label: 'Contract No', value: 'C-1' },
      { label: 'Units', value: '3' },
    ]);
    expect(bill([{ Plan: 'Gold' }, 'x'])).toEqual([{ label: 'Plan', value: 'Gold' }, { value: 'x' }]);
  });

  it('reads validity from the top level (seed 003) or from data as strings (seed 002)', () => {
    const data = { message: 'Account no is valid' };
    expect(toBillPresentment(data, { transaction_validity: true, transaction_message: 'ok' })).toMatchObject({
      outcome: 'valid',
      validity: { allowed: true, message: 'ok' },
    });
    expect(
      toBillPresentment({ ...data, transaction_validity: 'false', transaction_message: 'limit' }),
    ).toMatchObject({ outcome: 'invalid', message: 'limit', validity: { allowed: false, message: 'limit' } });
    expect(toBillPresentment(data, { transaction_validity: null }).validity).toBeUndefined();
    expect(toBillPresentment({ ...data, DueDate: '31/02/2025' })).toMatchObject({
      dueDateText: '31/02/2025',
    });
  });
});
