import { MockAgent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOC_EXAMPLE_ACCOUNTS, DOC_PRODUCT_LIST_ITEM } from '../../sandbox/iimmpact/doc-examples.js';
import { SANDBOX_FIXTURES as F, type IimmpactSandbox } from '../../sandbox/iimmpact/index.js';
import { parseAmountInput } from '../../src/bot/input.js';
import { ProviderRejectedError } from '../../src/payments/errors.js';
import { money } from '../../src/payments/money.js';
import { createIimmpactProvider } from '../../src/payments/providers/iimmpact/provider.js';
import { clientFor, startTestSandbox } from '../support/iimmpact.js';

/*
 * The IIMMPACT documents' own example bodies (seeds 002 and 003), served by the sandbox, read by the
 * real client and mappers. Each case here is something the client once got wrong.
 */

const sen = (minor: number) => money(minor, 'MYR');

let sandbox: IimmpactSandbox;
let client: ReturnType<typeof clientFor>;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  client = clientFor(sandbox, { readRetries: 0 });
});
afterAll(async () => {
  await client.close();
  await sandbox.close();
});

async function refusalOf(promise: Promise<unknown>): Promise<ProviderRejectedError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderRejectedError);
  return error as ProviderRejectedError;
}

describe('bill presentment, seed 003', () => {
  it('reads the 200 example: bill fields, a named due date and the validity verdict', async () => {
    const { product, account } = DOC_EXAMPLE_ACCOUNTS.billValid;
    const bill = await client.getBill({ product, account });
    expect(bill).toEqual({
      outcome: 'valid',
      message: 'Account no is valid',
      billerName: 'Air Kelantan',
      customerName: 'EN. MOHD MOKHTAR B.AWANG',
      outstanding: sen(4594),
      address: 'KG. TUALANG KUDONG, 18500 LABIK, MACHANG.',
      dueDate: '2025-06-13',
      validity: { allowed: true, message: 'Account validation successful with AKSB.' },
      otherFields: [],
    });
  });

  it('turns the 400 example into a refusal carrying error_message, not "HTTP 400"', async () => {
    const refused = await refusalOf(
      client.getBill({ product: 'JOMPAY', account: 'REF1', billerCode: F.jompay.unknownBillerCode }),
    );
    expect(refused.failure).toEqual({
      code: 'invalid_account',
      providerText: 'The provided biller code is invalid',
    });
    expect(refused.httpStatus).toBe(400);
  });

  it('refuses "Invalid account no" with its error_message', async () => {
    const refused = await refusalOf(
      client.getBill({ product: F.tnb.product, account: F.tnb.invalidAccount }),
    );
    expect(refused.failure.providerText).toBe('Invalid account no');
  });

  it('reports "Ref-2 is required" as data, so the buyer can be asked for Ref-2', async () => {
    const bill = await client.getBill({
      product: 'JOMPAY',
      account: 'REF1',
      billerCode: F.jompay.ref2BillerCode,
    });
    expect(bill).toMatchObject({ outcome: 'invalid', ref2Required: true, message: 'Ref-2 is required' });
  });

  it('sends the amount for JomPAY, so a wrong amount is refused before paying', async () => {
    const provider = createIimmpactProvider({ client });
    const query = {
      product: 'JOMPAY',
      account: 'REF1',
      billerCode: F.jompay.ref2BillerCode,
      ref2: 'POLICY 1',
    };
    expect(await provider.inquire?.({ ...query, amount: sen(1) })).toEqual({
      outcome: 'invalid',
      message: 'The provided amount is invalid',
      refusal: 'product_unavailable',
      otherFields: [],
    });
    expect((await provider.inquire?.({ ...query, amount: sen(5000) }))?.outcome).toBe('valid');
  });

  it('gives the provider-neutral interface the refusal as an invalid bill with its reason', async () => {
    const provider = createIimmpactProvider({ client });
    expect(await provider.inquire?.({ product: F.tnb.product, account: F.tnb.invalidAccount })).toEqual({
      outcome: 'invalid',
      message: 'Invalid account no',
      refusal: 'invalid_account',
      otherFields: [],
    });
  });
});

describe('bill presentment, seed 002 (validity inside data, as strings)', () => {
  it('blocks a payment the provider said will fail, with its message', async () => {
    const { product, account } = DOC_EXAMPLE_ACCOUNTS.billValidityFalse;
    const bill = await client.getBill({ product, account });
    expect(bill).toEqual({
      outcome: 'invalid',
      message: 'TNB Maximum count per acc/month exceeded',
      validity: { allowed: false, message: 'TNB Maximum count per acc/month exceeded' },
      outstanding: sen(0),
      dueDate: '2023-10-25',
      otherFields: [],
    });
  });
});

describe('product list, seed 002 (the older form)', () => {
  it('reads datatype, so a "1-1000" Decimal bill takes sen', async () => {
    const product = (await client.listProducts()).find((p) => p.code === DOC_PRODUCT_LIST_ITEM.product_code);
    expect(product).toMatchObject({
      code: 'CB',
      name: 'Celcom Postpaid',
      active: true,
      group: 'Mobile',
      category: 'Mobile Postpaid',
      accountLabel: 'Mobile Number/Account Number',
      hasSubproducts: false,
      imageUrl: 'https://dashboard.iimmpact.com/img/CB.png',
      amount: { kind: 'range', min: sen(100), max: sen(100_000), wholeUnitsOnly: false },
    });
    expect(product?.unsellable).toBeUndefined();
    expect(
      parseAmountInput('12.34', product?.amount ?? { kind: 'open', wholeUnitsOnly: true }, 'MYR'),
    ).toEqual({
      ok: true,
      value: sen(1234),
    });
  });

  it('knows PTPTN by its code, not by an account_type the docs never show', async () => {
    const ptptn = (await client.listProducts()).find((p) => p.code === F.ptptn.product);
    expect(ptptn).toMatchObject({ accountType: 'ic_number', hasSubproducts: true });
  });
});

describe('an unreadable denomination list', () => {
  it('makes the product unsellable and warns the admins once, not on every read', async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    const listing = {
      data: [{ product_code: 'ZZ', product_name: 'Broken', status: 'Active', denomination: 'RM5 or RM10' }],
    };
    agent
      .get('http://provider.test')
      .intercept({ path: '/v2/product-list', method: 'GET' })
      .reply(200, listing)
      .times(2);
    const warnings: Array<{ message: string; fields: unknown }> = [];
    const logger = {
      debug() {},
      info() {},
      warn(message: string, fields?: unknown) {
        warnings.push({ message, fields });
      },
      error() {},
      child() {
        return logger;
      },
    };
    const mocked = clientFor(sandbox, {
      baseUrl: 'http://provider.test/v2',
      dispatcher: agent,
      logger,
      readRetries: 0,
    });
    const [first] = await mocked.listProducts();
    await mocked.listProducts();
    expect(first).toMatchObject({
      active: false,
      unsellable: { reason: 'unreadable-denomination', detail: 'RM5 or RM10' },
      amount: { kind: 'fixed', choices: [] },
    });
    expect(warnings.filter((w) => w.message.includes('not sellable'))).toHaveLength(1);
    await agent.close();
  });
});
