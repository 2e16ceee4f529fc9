import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { money } from '../../src/payments/money.js';
import { reloadDraft } from '../support/engine.js';
import { redisValues } from '../support/redis-dump.js';
import { type Rig, startRig } from './support.js';

/*
 * Issue 14: voucher PINs stayed in plain text in Redis forever. With DATA_ENCRYPTION_KEY they are
 * sealed before a record is written: every value under the shop's prefix, read raw, holds no PIN,
 * while the order read through the store (the buyer's /history, the receipt) still has it.
 */

let rig: Rig;
const redis = new Redis(inject('redisUrl'));
beforeAll(async () => {
  rig = await startRig();
});
afterAll(async () => {
  await rig.close();
  await redis.quit();
});

describe('voucher PINs at rest', () => {
  it('are unreadable in a Redis dump, and still on the receipt', async () => {
    const running = await rig.start({ DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64') });
    const draft = reloadDraft('60123456789');
    const confirmed = await running.app.engine.confirm({
      ...draft,
      request: { product: 'GC', account: '60123456789', amount: money(1000, 'MYR') },
      display: { ...draft.display, productName: 'Grab Gift Code' },
    });
    if (confirmed.result === 'insufficient') throw new Error('an uncharged draft cannot be short');
    await running.app.engine.idle();
    const order = await running.app.engine.get(confirmed.order.refid);
    const pin = order?.outcome?.pin ?? '';
    expect(order?.state).toBe('succeeded');
    expect(pin.length).toBeGreaterThan(5);
    const raw = (await redisValues(redis, rig.prefix)).join('\n');
    expect(raw).toContain(confirmed.order.refid);
    expect(raw).not.toContain(pin);
    expect(raw).toMatch(/enc:v1:[0-9a-f]{8}:/);
  });
});
