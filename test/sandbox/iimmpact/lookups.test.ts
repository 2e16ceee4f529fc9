import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as IIMMPACT_DOC_EXAMPLES from '../../../sandbox/iimmpact/doc-examples.js';
import { JOMPAY_BILLERS, SANDBOX_FIXTURES } from '../../../sandbox/iimmpact/fixtures.js';
import { type IimmpactSandbox, startIimmpactSandbox } from '../../../sandbox/iimmpact/server.js';
import type { QueryParam } from '../../../sandbox/iimmpact/signature.js';
import { type RawResponse, sendSigned } from '../../../sandbox/iimmpact/testing.js';

const creds = {
  apiKey: 'iimm_dev_lookup_key',
  hmacSecret: Buffer.from('lookup-test-secret-fedcba9876543210').toString('base64'),
};

let sandbox: IimmpactSandbox;
beforeAll(async () => {
  sandbox = await startIimmpactSandbox({ ...creds, timing: { acceptedMs: 0, processingMs: 0 } });
});
afterAll(async () => {
  await sandbox.close();
});

function get(path: string, query: QueryParam[] = []): Promise<RawResponse> {
  return sendSigned(sandbox.origin, creds, { method: 'GET', path, query });
}

async function getJson<T>(path: string, query: QueryParam[] = [], status = 200): Promise<T> {
  const response = await get(path, query);
  expect(response.status, response.text).toBe(status);
  return JSON.parse(response.text) as T;
}

const DAY_FIRST = /^\d{2}-\d{2}-\d{4} \d{2}:\d{2}:\d{2}$/;

interface ProductListItem {
  status: string;
  product_code: string;
  has_subproduct: boolean;
  denomination: string;
  denomination_data_type: string;
  [key: string]: unknown;
}

describe('product-list', () => {
  it('lists every product with all legacy fields, the inactive one included', async () => {
    const { data } = await getJson<{ data: ProductListItem[] }>('/v2/product-list');
    const byCode = new Map(data.map((p) => [p.product_code, p]));
    expect(byCode.get('D')).toEqual({
      status: 'Active',
      has_subproduct: false,
      product_code: 'D',
      product_name: 'Digi Prepaid',
      product_remarks: expect.any(String),
      account_label: 'Mobile Number',
      keyboard_type: 'Numeric',
      denomination: '5,10,15,20,30,50,100',
      common_denominations: '10,30,50',
      denomination_data_type: 'Integer',
      denomination_currency: 'MYR',
      product_group: 'Mobile Reload',
      category: 'Prepaid',
      image_url: 'https://dashboard.iimmpact.com/img/D.png',
      account_type: 'phone_number',
      is_refundable: false,
    });
    expect(byCode.get('TNB')).toMatchObject({ denomination: '1-5000', denomination_data_type: 'Decimal' });
    expect(byCode.get('GC')?.denomination).toBe('5,10,25,50');
    expect(byCode.get('HI')?.has_subproduct).toBe(true);
    expect(byCode.get(SANDBOX_FIXTURES.inactive.product)?.status).toBe('Inactive');
    for (const code of ['M', 'C', 'U', 'DB', 'IW', 'AKSB', 'CEL', 'DI', 'PTPTN', 'JOMPAY', 'ESIMJP', 'FP']) {
      expect(byCode.has(code), code).toBe(true);
    }
  });
});

describe('networkstatus', () => {
  it('reports Healthy, Interruption for FP and AKSB, and 400 for unknown products', async () => {
    const tnb = await getJson<{
      data: Record<string, string>;
      metadata: { status_code: number; last_updated: string };
    }>('/v2/networkstatus', [['product', 'TNB']]);
    expect(tnb.data).toEqual({
      product_code: 'TNB',
      product_name: 'Tenaga Nasional Berhad',
      product_img: 'https://dashboard.iimmpact.com/img/TNB.png',
      network_status: 'Healthy',
    });
    expect(tnb.metadata.status_code).toBe(200);
    expect(tnb.metadata.last_updated).toMatch(DAY_FIRST);
    for (const product of SANDBOX_FIXTURES.interruption.products) {
      const status = await getJson<{ data: { network_status: string } }>('/v2/networkstatus', [
        ['product', product],
      ]);
      expect(status.data.network_status).toBe('Interruption');
    }
    await getJson('/v2/networkstatus', [['product', 'NOPE']], 400);
    await getJson('/v2/networkstatus', [], 400);
  });
});

describe('subproducts', () => {
  interface Subproducts {
    message: string;
    data: Array<Record<string, unknown>>;
    links?: { next: string | null };
  }

  it('offers mobile-data plans that depend on the phone number', async () => {
    const even = await getJson<Subproducts>('/v2/subproducts', [
      ['product_code', 'HI'],
      ['account_number', SANDBOX_FIXTURES.mobileData.evenNumber],
    ]);
    const odd = await getJson<Subproducts>('/v2/subproducts', [
      ['product_code', 'HI'],
      ['account_number', SANDBOX_FIXTURES.mobileData.oddNumber],
    ]);
    expect(even.message).toBe('success');
    expect(odd.data.length).toBe(even.data.length + 1);
    expect(even.data[0]).toEqual({
      subproduct_code: SANDBOX_FIXTURES.mobileData.planCode,
      display_name: 'Hotlink Internet',
      denomination: 12,
      face_value: 12,
      validity: '7 day',
      description: SANDBOX_FIXTURES.mobileData.planCode,
      account_number: null,
      additional_description: expect.any(String),
      min: null,
      max: null,
    });
    const missing = await get('/v2/subproducts', [['product_code', 'CEL']]);
    expect(missing.status).toBe(400);
    expect(JSON.parse(missing.text)).toHaveProperty('message');
  });

  it('finds PTPTN accounts by NRIC, grouped by description', async () => {
    const two = await getJson<Subproducts>('/v2/subproducts', [
      ['product_code', 'PTPTN'],
      ['account_number', SANDBOX_FIXTURES.ptptn.nric],
    ]);
    expect(two.data.map((d) => [d.subproduct_code, d.description])).toEqual([
      ['K', 'PTPTN'],
      ['S', 'SSPN'],
    ]);
    expect(two.data[0]?.account_number).toBe(SANDBOX_FIXTURES.ptptn.account);
    const one = await getJson<Subproducts>('/v2/subproducts', [
      ['product_code', 'PTPTN'],
      ['account_number', SANDBOX_FIXTURES.ptptn.singleAccountNric],
    ]);
    expect(one.data).toHaveLength(1);
    const none = await getJson<Subproducts>('/v2/subproducts', [
      ['product_code', 'PTPTN'],
      ['account_number', SANDBOX_FIXTURES.ptptn.unknownNric],
    ]);
    expect(none.data).toEqual([]);
  });

  it('pages JomPAY billers through links.next', async () => {
    const all = await getJson<Subproducts>('/v2/subproducts', [['product_code', 'JOMPAY']]);
    expect(all.data).toHaveLength(JOMPAY_BILLERS.length);
    expect(all.links?.next).toBeNull();

    const codes: unknown[] = [];
    let query: QueryParam[] = [
      ['product_code', 'JOMPAY'],
      ['limit', '3'],
    ];
    for (let pages = 0; pages < 5; pages += 1) {
      const page = await getJson<Subproducts>('/v2/subproducts', query);
      codes.push(...page.data.map((d) => d.subproduct_code));
      const next = page.links?.next;
      if (next === null || next === undefined) break;
      expect(next).toBe(`/v2/subproducts?product_code=JOMPAY&limit=3&page=${pages + 2}`);
      query = [...new URL(next, 'http://x').searchParams];
    }
    expect(codes).toEqual(JOMPAY_BILLERS.map((b) => b.code));
    const withRef2 = all.data.find((d) => d.subproduct_code === SANDBOX_FIXTURES.jompay.ref2BillerCode);
    expect(withRef2?.additional_description).toMatch(/Ref-2/);
  });
});

describe('options', () => {
  interface Options {
    product_code: string;
    field_id: string;
    items: Array<Record<string, unknown>>;
    meta: { current_page: number; last_page: number; per_page: number; total: number };
  }

  it('mirrors plans, loan accounts and billers in the catalog shape', async () => {
    const plans = await getJson<Options>('/v2/options', [
      ['product_code', 'HI'],
      ['field_id', 'plan'],
      ['account_number', SANDBOX_FIXTURES.mobileData.oddNumber],
    ]);
    expect(plans.items[0]).toMatchObject({
      code: SANDBOX_FIXTURES.mobileData.planCode,
      price: { amount: '12.00', currency: 'MYR' },
      validity: '7 day',
    });
    expect(plans.meta).toEqual({ current_page: 1, last_page: 1, per_page: 100, total: 3 });

    const loans = await getJson<Options>('/v2/options', [
      ['product_code', 'PTPTN'],
      ['field_id', 'loan_account'],
      ['account_number', SANDBOX_FIXTURES.ptptn.nric],
    ]);
    expect(loans.items.map((i) => i.account_number)).toEqual(['12345678', '87654321']);

    const billers = await getJson<Options>('/v2/options', [
      ['product_code', 'JOMPAY'],
      ['field_id', 'biller'],
      ['limit', '2'],
      ['page', '2'],
    ]);
    expect(billers.items.map((i) => i.code)).toEqual(['30023', '40030']);
    expect(billers.items[0]).toMatchObject({ requires_ref2: true, label: 'Seri Cahaya Insurance Berhad' });
    expect(billers.meta).toEqual({ current_page: 2, last_page: 4, per_page: 2, total: 7 });

    const amounts = await getJson<Options>('/v2/options', [
      ['product_code', 'GC'],
      ['field_id', 'amount'],
    ]);
    expect(amounts.items.map((i) => i.price)).toEqual(
      ['5.00', '10.00', '25.00', '50.00'].map((amount) => ({ amount, currency: 'MYR' })),
    );

    await getJson('/v2/options', [['product_code', 'HI']], 400);
    await getJson(
      '/v2/options',
      [
        ['product_code', 'D'],
        ['field_id', 'plan'],
      ],
      400,
    );
    await getJson(
      '/v2/options',
      [
        ['product_code', 'DI'],
        ['field_id', 'plan'],
      ],
      400,
    );
  });
});

describe('catalog', () => {
  interface Catalog {
    last_updated: string;
    tree: {
      groups: Array<{ id: string; name: string; categories: Array<{ id: string; product_codes: string[] }> }>;
    };
    products: Record<string, Record<string, unknown>>;
  }

  it('builds groups, categories and products from the fixtures', async () => {
    const catalog = await getJson<Catalog>('/v2/catalog');
    expect(catalog.last_updated).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(catalog.tree.groups.map((g) => g.name)).toEqual(['Mobile', 'Bills', 'Vouchers', 'eSIM']);
    const prepaid = catalog.tree.groups[0]?.categories.find((c) => c.id === 'cat_prepaid');
    expect(prepaid?.product_codes).toEqual(['D', 'M', 'C', 'U', 'TT']);
    expect(catalog.products.D).toMatchObject({
      code: 'D',
      name: 'Digi Prepaid',
      product_type: 'standard',
      image_url: 'https://dashboard.iimmpact.com/img/D.png',
      processing_time: 'instant',
      pricing: { model: 'percentage_discount', discount_rate: 2 },
    });
    expect(Array.isArray(catalog.products.JOMPAY?.fields)).toBe(true);
    expect(catalog.products.FP).toBeUndefined();

    const hidden = await getJson<Catalog>('/v2/catalog', [['include_hidden', 'true']]);
    expect(hidden.products.FP).toBeDefined();
    const active = await getJson<Catalog>('/v2/catalog', [['is_active', 'true']]);
    expect(active.products.TT).toBeUndefined();
    const one = await getJson<Catalog>('/v2/catalog', [['product_code', 'ESIMJP']]);
    expect(Object.keys(one.products)).toEqual(['ESIMJP']);
    expect(one.tree.groups.map((g) => g.id)).toEqual(['grp_esim']);
    await getJson('/v2/catalog', [['is_active', 'maybe']], 400);
  });
});

describe('bill-presentment', () => {
  interface Bill {
    data: Record<string, unknown>;
    metadata: { status_code: number; product_code: string; last_updated: string };
    transaction_validity?: boolean | null;
    transaction_message?: string | null;
    error_message?: string;
  }
  const bill = (query: QueryParam[]) => getJson<Bill>('/v2/bill-presentment', query);
  /** Seed 003: a refusal is HTTP 400, every bill field empty, the reason in `error_message`. */
  const refusal = (query: QueryParam[]) => getJson<Bill>('/v2/bill-presentment', query, 400);
  const emptyBill = {
    message: 'Invalid account no',
    CustomerName: '',
    Outstanding: null,
    Balance: '',
    Data: '',
    Address: '',
    'E-Bill': '',
    CustomField: '',
    DueDate: '',
  };

  it('shows the TNB fixture bill and refuses the invalid account', async () => {
    const valid = await bill([
      ['account', SANDBOX_FIXTURES.tnb.validAccount],
      ['product', 'TNB'],
    ]);
    expect(valid.data).toEqual({
      message: 'Account no is valid',
      BillerName: 'Tenaga Nasional Berhad',
      CustomerName: SANDBOX_FIXTURES.tnb.customerName,
      Outstanding: 123.45,
      Address: expect.any(String),
      'E-Bill': expect.stringMatching(/^https:\/\//),
    });
    expect(valid.metadata).toEqual({
      status_code: 200,
      product_code: 'TNB',
      last_updated: expect.stringMatching(DAY_FIRST),
    });
    expect(valid).toMatchObject({
      transaction_validity: true,
      transaction_message: 'Account validation successful with TNB.',
      error_message: '',
    });
    const invalid = await refusal([
      ['account', SANDBOX_FIXTURES.tnb.invalidAccount],
      ['product', 'TNB'],
    ]);
    expect(invalid).toEqual({
      data: emptyBill,
      metadata: { status_code: 400, product_code: 'TNB', last_updated: expect.stringMatching(DAY_FIRST) },
      transaction_validity: null,
      transaction_message: null,
      error_message: 'Invalid account no',
    });
    const generated = await bill([
      ['account', '220099998888'],
      ['product', 'TNB'],
    ]);
    expect(generated.data).toMatchObject({
      message: 'Account no is valid',
      CustomerName: expect.any(String),
    });
    expect(generated.data).not.toHaveProperty('Address');
  });

  it('reports unavailable, service-down and postpaid answers', async () => {
    expect(
      (
        await bill([
          ['account', '123'],
          ['product', 'IW'],
        ])
      ).data,
    ).toEqual({
      message: 'Bill presentment is unavailable for this product',
    });
    expect(
      (
        await bill([
          ['account', '123'],
          ['product', 'AKSB'],
        ])
      ).data,
    ).toEqual({
      message: 'Service unavailable. Please try again later',
    });
    const postpaid = await bill([
      ['account', SANDBOX_FIXTURES.postpaid.account],
      ['product', 'DB'],
    ]);
    expect(postpaid.data).toMatchObject({ message: 'Account no is valid', Outstanding: expect.any(Number) });
  });

  it('answers the documented examples verbatim for their accounts', async () => {
    const { billValid, billValidityFalse } = IIMMPACT_DOC_EXAMPLES.DOC_EXAMPLE_ACCOUNTS;
    expect(
      await bill([
        ['account', billValid.account],
        ['product', billValid.product],
      ]),
    ).toEqual(IIMMPACT_DOC_EXAMPLES.DOC_BILL_VALID_200);
    expect(
      await bill([
        ['account', billValidityFalse.account],
        ['product', billValidityFalse.product],
      ]),
    ).toEqual(IIMMPACT_DOC_EXAMPLES.DOC_BILL_VALIDITY_FALSE);
  });

  it('checks JomPAY biller codes, Ref-2 and amounts', async () => {
    const base: QueryParam[] = [
      ['account', 'REF1-0001'],
      ['product', 'JOMPAY'],
    ];
    // Seed 003's own 400 example, apart from the time.
    const unknownBiller = await refusal([...base, ['biller_code', '99999']]);
    expect(unknownBiller).toEqual({
      ...IIMMPACT_DOC_EXAMPLES.DOC_BILL_INVALID_400,
      metadata: { ...IIMMPACT_DOC_EXAMPLES.DOC_BILL_INVALID_400.metadata, last_updated: expect.any(String) },
    });
    expect(
      (await refusal([...base, ['biller_code', SANDBOX_FIXTURES.jompay.ref2BillerCode]])).error_message,
    ).toBe('Ref-2 is required');
    expect((await refusal([...base, ['biller_code', '10009'], ['amount', 'abc']])).error_message).toBe(
      'The provided amount is invalid',
    );
    const valid = await bill([
      ...base,
      ['biller_code', SANDBOX_FIXTURES.jompay.ref2BillerCode],
      ['ref2', 'P-77'],
    ]);
    expect(valid.data).toMatchObject({
      message: 'Account no is valid',
      BillerName: 'Seri Cahaya Insurance Berhad',
      CustomerName: expect.any(String),
      Outstanding: expect.any(Number),
    });
  });
});

describe('callback-url', () => {
  it('sets the URL from query parameters and reads it back', async () => {
    const empty = await getJson<{ data: Record<string, string>; '@metadata': Record<string, unknown> }>(
      '/v2/callback-url',
    );
    expect(empty.data).toEqual({ Status: 'Success', CallbackUrl: '', Method: '' });
    expect(empty['@metadata']).toEqual({ status_code: 200, last_updated: expect.stringMatching(DAY_FIRST) });

    const set = await sendSigned(sandbox.origin, creds, {
      method: 'POST',
      path: '/v2/callback-url',
      query: [
        ['url', 'https://shop.example/cb?x=1'],
        ['method', 'GET'],
      ],
    });
    expect(set.status).toBe(200);
    expect(JSON.parse(set.text).data).toEqual({
      Status: 'Success',
      CallbackUrl: 'https://shop.example/cb?x=1',
      Method: 'GET',
    });
    const read = await getJson<{ data: Record<string, string> }>('/v2/callback-url');
    expect(read.data.CallbackUrl).toBe('https://shop.example/cb?x=1');

    const bad = await sendSigned(sandbox.origin, creds, {
      method: 'POST',
      path: '/v2/callback-url',
      query: [
        ['url', 'ftp://nope'],
        ['method', 'POST'],
      ],
    });
    expect(bad.status).toBe(400);
  });
});
