import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BillplzSandbox, startBillplzSandbox } from '../../../sandbox/billplz/index.js';
import {
  type BillplzClient,
  BillplzError,
  createBillplzClient,
} from '../../../src/wallet/gateways/billplz/client.js';

/*
 * The Billplz sandbox answers GET and DELETE of bills as Billplz's API reference says (spec
 * billplz.md §4, §7; Billplz/api_slate "Get a Bill", "Delete a Bill", "Rate Limit"), read through the
 * bot's own client over HTTP.
 */

const KEY = 'billplz-sandbox-test-key';
const COLLECTION = 'sbxcoll';
let sandbox: BillplzSandbox;
let client: BillplzClient;

beforeAll(async () => {
  sandbox = await startBillplzSandbox({ apiKey: KEY, xSignatureKey: 'S-x', collections: [COLLECTION] });
  client = createBillplzClient({ baseUrl: sandbox.url, apiKey: KEY });
});
afterAll(async () => {
  await sandbox.close();
});

const newBill = () =>
  client.createBill({
    collectionId: COLLECTION,
    email: 'shop@example.com',
    name: 'Buyer',
    amount: 1500,
    callbackUrl: 'http://127.0.0.1:9/cb',
    description: 'test bill',
    reference: 'ref-123456',
  });

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) =>
      error instanceof BillplzError ? { kind: error.kind, status: error.status } : { kind: 'other' },
  );

describe('Billplz sandbox: bills as the API reference describes them', () => {
  it('DELETE of a due bill answers {} and the bill reads back as deleted; a second DELETE is 422', async () => {
    const bill = await newBill();
    await client.deleteBill(bill.id);
    expect(await client.getBill(bill.id)).toMatchObject({ id: bill.id, state: 'deleted', paid: false });
    // "Only due bill can be deleted."
    expect(await failureOf(client.deleteBill(bill.id))).toEqual({ kind: 'invalid', status: 422 });
  });

  it('DELETE of a paid bill is 422 and leaves it paid', async () => {
    const bill = await newBill();
    await sandbox.pay(bill.id, { callbacks: 0 });
    expect(await failureOf(client.deleteBill(bill.id))).toEqual({ kind: 'invalid', status: 422 });
    expect(await client.getBill(bill.id)).toMatchObject({ state: 'paid', paid: true });
  });

  it('a bill deleted in the dashboard reads back as deleted, refuses DELETE, and reappears paid when paid', async () => {
    const bill = await newBill();
    const control = await fetch(`${sandbox.origin}/__sandbox/bills/${bill.id}/delete`, { method: 'POST' });
    expect(control.status).toBe(200);
    await control.text();
    expect(await client.getBill(bill.id)).toMatchObject({ state: 'deleted', paid: false });
    expect(await failureOf(client.deleteBill(bill.id))).toEqual({ kind: 'invalid', status: 422 });
    await sandbox.pay(bill.id, { callbacks: 0 });
    expect(await client.getBill(bill.id)).toMatchObject({ state: 'paid', paid: true });
  });

  it('an unknown bill is 404 for GET and DELETE', async () => {
    expect(await failureOf(client.getBill('nosuchbill'))).toEqual({ kind: 'not-found', status: 404 });
    expect(await failureOf(client.deleteBill('nosuchbill'))).toEqual({ kind: 'not-found', status: 404 });
  });

  it('a rate-limit fault answers 429 with the RateLimit body and headers', async () => {
    const bill = await newBill();
    sandbox.injectFault({ kind: 'status', status: 429, path: `/api/v3/bills/${bill.id}` });
    const response = await fetch(`${sandbox.url}/v3/bills/${bill.id}`, {
      headers: { Authorization: `Basic ${Buffer.from(`${KEY}:`).toString('base64')}` },
    });
    expect(response.status).toBe(429);
    expect(response.headers.get('ratelimit-remaining')).toBe('0');
    expect(response.headers.get('ratelimit-limit')).toBeTruthy();
    expect(response.headers.get('ratelimit-reset')).toBeTruthy();
    expect(await response.json()).toEqual({ error: { type: 'RateLimit', message: ['Too many requests'] } });
  });

  it('the refuse-delete fault refuses DELETE of a due bill with the status asked for; calls are logged', async () => {
    const bill = await newBill();
    const control = await fetch(`${sandbox.origin}/__sandbox/bills/${bill.id}/refuse-delete`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'status=400',
    });
    expect(control.status).toBe(200);
    await control.text();
    expect(await failureOf(client.deleteBill(bill.id))).toEqual({ kind: 'invalid', status: 400 });
    expect(await client.getBill(bill.id)).toMatchObject({ state: 'due' });
    const path = `/api/v3/bills/${bill.id}`;
    expect(sandbox.calls().filter((c) => c.path === path)).toEqual([
      { method: 'DELETE', path, status: 400 },
      { method: 'GET', path, status: 200 },
    ]);
  });
});
