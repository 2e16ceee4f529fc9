import { afterEach, describe, expect, it } from 'vitest';
import { IAK_SANDBOX_FIXTURES as F } from '../../../sandbox/iak/fixtures.js';
import type { IakTransactionData } from '../../../sandbox/iak/ledger.js';
import { type IakSandbox, type IakSandboxOptions, startIakSandbox } from '../../../sandbox/iak/server.js';
import {
  type CallbackReceiver,
  callIak,
  startIakCallbackReceiver,
  waitFor,
} from '../../../sandbox/iak/testing.js';
import { md5Sign } from '../../../sandbox/iak/wire.js';

const creds = { username: '081200002222', apiKey: 'iak-callback-test-key-77aa' };

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function start(options: Partial<IakSandboxOptions> = {}): Promise<IakSandbox> {
  const sandbox = await startIakSandbox({
    ...creds,
    timing: { processMs: 0 },
    callbackRetryDelayMs: 10,
    ...options,
  });
  cleanups.push(() => sandbox.close());
  return sandbox;
}

async function receiver(respond?: Parameters<typeof startIakCallbackReceiver>[0]): Promise<CallbackReceiver> {
  const r = await startIakCallbackReceiver(respond);
  cleanups.push(() => r.close());
  return r;
}

function topUp(
  sandbox: IakSandbox,
  refId: string,
  customerId: string,
  productCode: string = F.pulsa.product,
) {
  return callIak<IakTransactionData>(sandbox.origin, creds, '/api/top-up', refId, {
    ref_id: refId,
    customer_id: customerId,
    product_code: productCode,
  });
}

type CallbackData = Record<string, string>;
const bodyOf = (target: CallbackReceiver, index: number) =>
  (JSON.parse(target.received[index]?.body ?? '') as { data: CallbackData }).data;

/** Gives a misbehaving sender room to send more than it should, well beyond its 10 ms retry delay. */
const settleDown = () => new Promise((resolve) => setTimeout(resolve, 150));

describe('IAK callbacks', () => {
  it('POSTs the final state once, every value a string, signed md5(username + key + ref_id)', async () => {
    const target = await receiver();
    const sandbox = await start({ callbackUrl: target.url, timing: { processMs: 20 } });
    const { data: first } = await topUp(sandbox, 'cb-ok', F.pulsa.successNumber);
    expect(first.status).toBe(0);
    await waitFor(() => (target.received.length >= 1 ? true : undefined));
    await settleDown();
    expect(target.received).toHaveLength(1);
    const callback = target.received[0];
    expect(callback?.method).toBe('POST');
    expect(callback?.url).toBe('/iak/callback');
    expect(callback?.headers['content-type']).toBe('application/json');
    const data = bodyOf(target, 0);
    expect(data).toEqual({
      ref_id: 'cb-ok',
      status: '1',
      product_code: F.pulsa.product,
      customer_id: F.pulsa.successNumber,
      price: '25000',
      message: 'SUCCESS',
      sn: expect.stringMatching(/^\d{18}$/),
      balance: String(sandbox.balance()),
      tr_id: String(first.tr_id),
      rc: '00',
      sign: md5Sign(creds.username, creds.apiKey, 'cb-ok'),
    });
    expect(Object.values(data).every((value) => typeof value === 'string')).toBe(true);
  });

  it('calls back for failures and game vouchers with their PIN, never for PROCESS or rc 201', async () => {
    const target = await receiver();
    const sandbox = await start({ callbackUrl: target.url });
    await topUp(sandbox, 'cb-failed', F.testNumbers.failed);
    await topUp(sandbox, 'cb-game', F.voucherNumber, F.gameVoucher.product);
    await topUp(sandbox, 'cb-201', F.testNumbers.undefinedCode);
    await topUp(sandbox, 'cb-hold', F.testNumbers.hold);
    await waitFor(() => (target.received.length >= 2 ? true : undefined));
    await waitFor(() => (sandbox.transaction('cb-201')?.rc === '201' ? true : undefined));
    await settleDown();
    const byRef = new Map(target.received.map((_, i) => [bodyOf(target, i).ref_id, bodyOf(target, i)]));
    expect([...byRef.keys()].sort()).toEqual(['cb-failed', 'cb-game']);
    expect(byRef.get('cb-failed')).toMatchObject({ status: '2', rc: '07', message: 'FAILED' });
    expect(byRef.get('cb-failed')?.sn).toBeUndefined();
    expect(byRef.get('cb-game')).toMatchObject({
      status: '1',
      rc: '00',
      pin: expect.stringMatching(/^\d{12}$/),
    });
  });

  it('sends nothing for a top-up refused at once (its answer was already final)', async () => {
    const target = await receiver();
    const sandbox = await start({ callbackUrl: target.url });
    expect((await topUp(sandbox, 'cb-refused', F.invalidNumbers.otherOperator)).data.rc).toBe('16');
    await settleDown();
    expect(target.received).toHaveLength(0);
  });

  it('calls back when settle() decides a held transaction, with the callback URL set later', async () => {
    const target = await receiver();
    const sandbox = await start();
    await topUp(sandbox, 'cb-settle', F.testNumbers.hold);
    sandbox.setCallbackUrl(target.url);
    sandbox.settle('cb-settle', '00');
    await waitFor(() => (target.received.length >= 1 ? true : undefined));
    expect(bodyOf(target, 0)).toMatchObject({ ref_id: 'cb-settle', status: '1', rc: '00' });
  });

  it('retries 5xx with the same body and stops once delivered; gives up on other 4xx', async () => {
    const flaky = await receiver((_, index) => (index === 0 ? 500 : 200));
    const sandbox = await start({ callbackUrl: flaky.url });
    await topUp(sandbox, 'cb-retry', F.pulsa.successNumber);
    await waitFor(() => (flaky.received.length >= 2 ? true : undefined));
    await settleDown();
    expect(flaky.received).toHaveLength(2);
    expect(flaky.received[1]?.body).toBe(flaky.received[0]?.body);

    const refusing = await receiver(() => 404);
    sandbox.setCallbackUrl(refusing.url);
    await topUp(sandbox, 'cb-404', F.pulsa.successNumber);
    await waitFor(() => (refusing.received.length >= 1 ? true : undefined));
    await settleDown();
    expect(refusing.received).toHaveLength(1);
  });

  it('gives up after 3 retries and close() stops pending ones', async () => {
    const failing = await receiver(() => 503);
    const sandbox = await start({ callbackUrl: failing.url });
    await topUp(sandbox, 'cb-503', F.pulsa.successNumber);
    await waitFor(() => (failing.received.length >= 4 ? true : undefined));
    await settleDown();
    expect(failing.received).toHaveLength(4);

    const slow = await receiver(() => 500);
    const other = await start({ callbackUrl: slow.url, callbackRetryDelayMs: 60 });
    await topUp(other, 'cb-close', F.pulsa.successNumber);
    await waitFor(() => (slow.received.length >= 1 ? true : undefined));
    await other.close();
    await settleDown();
    expect(slow.received).toHaveLength(1);
  });

  it('never writes PINs, serials, signs or the key to its log', async () => {
    const target = await receiver();
    const lines: string[] = [];
    const sandbox = await start({ callbackUrl: target.url, log: (line) => lines.push(line) });
    await topUp(sandbox, 'cb-secret', F.voucherNumber, F.gameVoucher.product);
    await waitFor(() => (target.received.length >= 1 ? true : undefined));
    const data = bodyOf(target, 0);
    const all = lines.join('\n');
    expect(data.pin).toBeTruthy();
    for (const secret of [data.pin, data.sn, data.sign, creds.apiKey]) expect(all).not.toContain(secret);
    expect(all).toContain('cb-secret');
  });
});
