import { afterEach, describe, expect, it } from 'vitest';
import { buildGetCallbackUrl } from '../../../sandbox/iimmpact/callbacks.js';
import type { TopupData } from '../../../sandbox/iimmpact/ledger.js';
import {
  type IimmpactSandbox,
  type IimmpactSandboxOptions,
  startIimmpactSandbox,
} from '../../../sandbox/iimmpact/server.js';
import {
  type CallbackReceiver,
  sendSigned,
  startCallbackReceiver,
  waitFor,
} from '../../../sandbox/iimmpact/testing.js';

const creds = {
  apiKey: 'sandbox-callback-test-key',
  hmacSecret: Buffer.from('callback-test-secret-0011223344556677').toString('base64'),
};

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function start(options: Partial<IimmpactSandboxOptions> = {}): Promise<IimmpactSandbox> {
  const sandbox = await startIimmpactSandbox({
    ...creds,
    timing: { acceptedMs: 0, processingMs: 0 },
    callbackRetryDelayMs: 10,
    ...options,
  });
  cleanups.push(() => sandbox.close());
  return sandbox;
}

async function receiver(respond?: Parameters<typeof startCallbackReceiver>[0]): Promise<CallbackReceiver> {
  const r = await startCallbackReceiver(respond);
  cleanups.push(() => r.close());
  return r;
}

async function pay(
  sandbox: IimmpactSandbox,
  refid: string,
  extra: Record<string, unknown> = {},
): Promise<TopupData> {
  const body = JSON.stringify({ refid, product: 'D', account: '60123456780', amount: 10, ...extra });
  const response = await sendSigned(sandbox.origin, creds, { method: 'POST', path: '/v2/topup', body });
  expect(response.status).toBe(200);
  return (JSON.parse(response.text) as { data: TopupData }).data;
}

/** Gives a misbehaving sender room to send more than it should, well beyond its 10 ms retry delay. */
const settleDown = () => new Promise((resolve) => setTimeout(resolve, 150));

describe('transaction callbacks', () => {
  it('POSTs {data} for Processing and the final status, without a signature header', async () => {
    const target = await receiver();
    const sandbox = await start({ timing: { acceptedMs: 20, processingMs: 20 } });
    sandbox.setCallback(target.url, 'POST');
    await pay(sandbox, 'cb-post');
    await waitFor(() => (target.received.length >= 2 ? true : undefined));
    const bodies = target.received.map((r) => JSON.parse(r.body) as { data: TopupData });
    expect(bodies.map((b) => b.data.status)).toEqual(['Processing', 'Succesful']);
    const final = await pay(sandbox, 'cb-post');
    expect(bodies[1]?.data).toEqual(final);
    const first = target.received[0];
    expect(first?.method).toBe('POST');
    expect(first?.url).toBe('/iimmpact/callback');
    expect(first?.headers['content-type']).toBe('application/json');
    expect(Object.keys(first?.headers ?? {}).filter((h) => /signature/i.test(h))).toEqual([]);
  });

  it('GETs refid, status, price and the URL-encoded data as message', async () => {
    const target = await receiver();
    const sandbox = await start();
    const set = await sendSigned(sandbox.origin, creds, {
      method: 'POST',
      path: '/v2/callback-url',
      query: [
        ['url', target.url],
        ['method', 'GET'],
      ],
    });
    expect(set.status).toBe(200);
    const data = await pay(sandbox, 'cb-get');
    await waitFor(() => (target.received.length >= 1 ? true : undefined));
    const callback = target.received[0];
    expect(callback?.method).toBe('GET');
    const url = new URL(callback?.url ?? '', 'http://x');
    expect(url.pathname).toBe('/iimmpact/callback');
    expect(url.searchParams.get('refid')).toBe('cb-get');
    expect(url.searchParams.get('status')).toBe('20');
    expect(url.searchParams.get('price')).toBe('9.8');
    expect(JSON.parse(url.searchParams.get('message') ?? '')).toEqual(data);
    expect(callback?.url).toContain('message=%7B%22statusCode%22%3A20');
  });

  it('retries after a 500 and stops once delivered', async () => {
    const target = await receiver((_, index) => (index === 0 ? 500 : 200));
    const sandbox = await start();
    sandbox.setCallback(target.url, 'POST');
    await pay(sandbox, 'cb-retry');
    await waitFor(() => (target.received.length >= 2 ? true : undefined));
    expect(target.received[1]?.body).toBe(target.received[0]?.body);
    await settleDown();
    expect(target.received).toHaveLength(2);
  });

  it('gives up after 3 retries on 5xx, and does not retry other 4xx', async () => {
    const failing = await receiver(() => 503);
    const sandbox = await start();
    sandbox.setCallback(failing.url, 'POST');
    await pay(sandbox, 'cb-503');
    await waitFor(() => (failing.received.length >= 4 ? true : undefined));
    await settleDown();
    expect(failing.received).toHaveLength(4);

    const refusing = await receiver(() => 404);
    sandbox.setCallback(refusing.url, 'POST');
    await pay(sandbox, 'cb-404');
    await waitFor(() => (refusing.received.length >= 1 ? true : undefined));
    await settleDown();
    expect(refusing.received).toHaveLength(1);
  });

  it('retries network errors and never throws out of the sender', async () => {
    const gone = await startCallbackReceiver();
    await gone.close();
    const lines: string[] = [];
    const sandbox = await start({ log: (line) => lines.push(line) });
    sandbox.setCallback(gone.url, 'POST');
    await pay(sandbox, 'cb-refused');
    await waitFor(() => (lines.some((l) => l.includes('attempt=4 failed permanently')) ? true : undefined));
    expect(lines.filter((l) => l.includes('refid=cb-refused') && l.includes('retrying'))).toHaveLength(3);
  });

  it('sends a callback when settle() forces a status', async () => {
    const target = await receiver();
    const sandbox = await start();
    sandbox.setCallback(target.url, 'POST');
    await pay(sandbox, 'cb-hold', { account: '60123450001' });
    await waitFor(() => (target.received.length >= 1 ? true : undefined));
    sandbox.settle('cb-hold', 53);
    await waitFor(() => (target.received.length >= 2 ? true : undefined));
    const last = JSON.parse(target.received[1]?.body ?? '') as { data: TopupData };
    expect(last.data).toMatchObject({ refid: 'cb-hold', statusCode: 53, status: 'Refund' });
  });

  it('close() cancels pending retries', async () => {
    const target = await receiver(() => 500);
    const sandbox = await start({ callbackRetryDelayMs: 50 });
    sandbox.setCallback(target.url, 'POST');
    await pay(sandbox, 'cb-close');
    await waitFor(() => (target.received.length >= 1 ? true : undefined));
    await sandbox.close();
    await settleDown();
    expect(target.received).toHaveLength(1);
  });

  it('never writes voucher PINs or secrets to the log', async () => {
    const target = await receiver();
    const lines: string[] = [];
    const sandbox = await start({ log: (line) => lines.push(line) });
    sandbox.setCallback(target.url, 'POST');
    const data = await pay(sandbox, 'cb-gc', { product: 'GC', amount: 25 });
    await waitFor(() => (target.received.length >= 1 ? true : undefined));
    const all = lines.join('\n');
    expect(data.pin).not.toBe('');
    expect(all).not.toContain(data.pin);
    expect(all).not.toContain(creds.apiKey);
    expect(all).not.toContain(creds.hmacSecret);
  });
});

describe('buildGetCallbackUrl', () => {
  it('keeps an existing query and drops a fragment', () => {
    const url = buildGetCallbackUrl('https://shop.example/cb?token=abc#frag', {
      refid: 'r 1',
      statusCode: 48,
      cost: 9.73,
    });
    expect(url).toBe(
      'https://shop.example/cb?token=abc&refid=r%201&status=48&price=9.73&message=%7B%22refid%22%3A%22r%201%22%2C%22statusCode%22%3A48%2C%22cost%22%3A9.73%7D',
    );
  });
});
