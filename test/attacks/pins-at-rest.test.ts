import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { money } from '../../src/payments/money.js';
import { reloadDraft } from '../support/engine.js';
import { redisValues } from '../support/redis-dump.js';
import { type Rig, startRig } from './support.js';

/*
 * Voucher PINs must not sit in plain text in Redis. With DATA_ENCRYPTION_KEY they are
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

const newKey = () => randomBytes(32).toString('base64');

/** A Grab gift code bought through `running`; its refid and PIN. */
async function buyGiftCode(running: Awaited<ReturnType<Rig['start']>>) {
  const draft = reloadDraft('60123456789');
  const confirmed = await running.app.engine.confirm({
    ...draft,
    request: { product: 'GC', account: '60123456789', amount: money(1000, 'MYR') },
    display: { ...draft.display, productName: 'Grab Gift Code' },
  });
  if (confirmed.result === 'insufficient') throw new Error('an uncharged draft cannot be short');
  await running.app.engine.idle();
  const order = await running.app.engine.get(confirmed.order.refid);
  return { confirmed, order, pin: order?.outcome?.pin ?? '' };
}

describe('voucher PINs at rest', () => {
  it('are unreadable in a Redis dump, and still on the receipt', async () => {
    const running = await rig.start({ DATA_ENCRYPTION_KEY: newKey() });
    const { confirmed, order, pin } = await buyGiftCode(running);
    expect(order?.state).toBe('succeeded');
    expect(pin.length).toBeGreaterThan(5);
    const raw = (await redisValues(redis, rig.prefix)).join('\n');
    expect(raw).toContain(confirmed.order.refid);
    expect(raw).not.toContain(pin);
    expect(raw).toMatch(/enc:v1:[0-9a-f]{8}:/);
  });

  it('survive a write by a process that lacks their key, and open again once the key is back', async () => {
    const key = newKey();
    const first = await rig.start({ DATA_ENCRYPTION_KEY: key });
    const { confirmed, pin } = await buyGiftCode(first);
    const refid = confirmed.order.refid;
    expect(pin.length).toBeGreaterThan(5);
    await first.app.stop();

    // A key rotated without DATA_ENCRYPTION_PREVIOUS_KEYS: the PIN cannot be opened here.
    const forgetful = await rig.start({ DATA_ENCRYPTION_KEY: newKey() });
    expect((await forgetful.app.engine.get(refid))?.outcome?.pin).toBeUndefined();
    // The order is written meanwhile: the buyer's Report Issue is recorded on it.
    const report = { outcome: 'accepted', message: 'checked', at: Date.now(), by: 7 } as const;
    expect(await forgetful.app.engine.recordIssueReport(refid, report)).toMatchObject({
      issueReport: report,
    });
    const raw = (await redisValues(redis, rig.prefix)).join('\n');
    expect(raw).not.toContain(pin);
    expect(raw).not.toContain('unopenedSecrets');
    await forgetful.app.stop();

    // Once the old key is listed again, the PIN is there, with the write made in between.
    const mended = await rig.start({ DATA_ENCRYPTION_KEY: newKey(), DATA_ENCRYPTION_PREVIOUS_KEYS: key });
    expect(await mended.app.engine.get(refid)).toMatchObject({ outcome: { pin }, issueReport: report });
  });
});
