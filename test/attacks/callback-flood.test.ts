import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_FIXTURES as F } from '../../sandbox/iimmpact/index.js';
import { reloadDraft } from '../support/engine.js';
import { type Rig, type RunningApp, startRig } from './support.js';

/*
 * Before: 300 callbacks in a row for one refid made 100 POST /v2/topup in 1.07 s, all from the
 * payment budget. Now a refid is re-queried because of a callback at most once per 5 s, across
 * replicas, and every callback is still answered 200 so the provider stops retrying.
 */

let rig: Rig;
beforeAll(async () => {
  rig = await startRig();
});
afterAll(async () => {
  await rig.close();
});

async function pendingOrder(running: RunningApp): Promise<string> {
  const confirmed = await running.app.engine.confirm(reloadDraft(F.testAccounts.hold));
  if (confirmed.result === 'insufficient') throw new Error('an uncharged draft cannot be short of balance');
  const { order } = confirmed;
  await running.app.engine.idle();
  expect((await running.app.engine.get(order.refid))?.state).toBe('pending');
  return order.refid;
}

async function callback(running: RunningApp, refid: string): Promise<number> {
  const response = await fetch(`${running.base}${running.app.callbackPath}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ data: { refid, statusCode: 20, status: 'Succesful' } }),
  });
  await response.text();
  return response.status;
}

describe('callback flood', () => {
  it('300 callbacks in a row for one refid make at most 2 provider calls, all answered 200', async () => {
    const running = await rig.start({ CALLBACK_ALLOWED_IPS: '127.0.0.1' });
    const refid = await pendingOrder(running);
    const before = rig.sandbox.requestCount('/v2/topup');
    const statuses: number[] = [];
    for (let i = 0; i < 300; i++) statuses.push(await callback(running, refid));
    await running.app.engine.idle();
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(rig.sandbox.requestCount('/v2/topup') - before).toBeLessThanOrEqual(2);
  });

  it('300 concurrent callbacks split over two replicas make at most 2 provider calls', async () => {
    const one = await rig.start({ CALLBACK_ALLOWED_IPS: '127.0.0.1' });
    const two = await rig.start({ CALLBACK_ALLOWED_IPS: '127.0.0.1' });
    const refid = await pendingOrder(one);
    const before = rig.sandbox.requestCount('/v2/topup');
    const statuses = await Promise.all(
      Array.from({ length: 300 }, (_, i) => callback(i % 2 === 0 ? one : two, refid)),
    );
    await one.app.engine.idle();
    await two.app.engine.idle();
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(rig.sandbox.requestCount('/v2/topup') - before).toBeLessThanOrEqual(2);
  });
});
