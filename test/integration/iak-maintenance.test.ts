import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { IAK_SANDBOX_FIXTURES as F, type IakSandbox } from '../../sandbox/iak/index.js';
import { money } from '../../src/payments/money.js';
import type { OrderDraft } from '../../src/payments/orders/order.js';
import type { PaymentProvider } from '../../src/payments/provider.js';
import { engineHarness, orderOf, redisOrderStore } from '../support/engine.js';
import { iakProviderFor, startTestIakSandbox } from '../support/iak.js';

/*
 * IAK answers "SYSTEM UNDER MAINTENANCE" (rc 110, status 2) to whatever it is sent while it is down,
 * a re-sent ref_id included. The order engine re-queries IAK by sending the top-up again, so during
 * maintenance that answer says nothing about a transaction IAK may already be making: failing the
 * order then would return the buyer's money for a top-up IAK delivers afterwards. On a first call,
 * though, it proves nothing was made, and the buyer gets their money back at once.
 */

const redis = new Redis(inject('redisUrl'));
let sandbox: IakSandbox;
let provider: PaymentProvider;
const harnesses: Array<ReturnType<typeof engineHarness>> = [];

function harness() {
  const h = engineHarness({ store: redisOrderStore(redis), provider });
  harnesses.push(h);
  return h;
}

function pulsaDraft(account: string): OrderDraft {
  const amount = money(F.pulsa.price, 'IDR');
  return {
    quoteId: `quote-${randomUUID()}`,
    userId: 7,
    chatId: 7,
    locale: 'id',
    request: { product: F.pulsa.product, account, amount },
    display: { productName: 'XL 25.000', accountLabel: 'Nomor HP', account, amount },
  };
}

beforeAll(async () => {
  sandbox = await startTestIakSandbox();
  provider = iakProviderFor(sandbox);
});
afterEach(async () => {
  sandbox.setMaintenance(false);
  for (const h of harnesses.splice(0)) {
    await h.scheduler.stop();
    await h.engine.idle();
  }
});
afterAll(async () => {
  await provider.close();
  await sandbox.close();
  await redis.quit();
});

describe('IAK under maintenance', () => {
  it('a first call answered 110 fails the order at once: nothing was made', async () => {
    const h = harness();
    sandbox.setMaintenance(true);
    const order = await h.engine.confirm(pulsaDraft(F.pulsa.successNumber)).then(orderOf);
    await h.engine.idle();
    expect(await h.engine.get(order.refid)).toMatchObject({
      state: 'failed',
      failure: { code: 'provider_unavailable', providerCode: '110' },
    });
    expect(sandbox.transaction(order.refid)).toBeUndefined();
  });

  it('a re-query answered 110 leaves a top-up in progress pending, and its success is delivered', async () => {
    const h = harness();
    const order = await h.engine.confirm(pulsaDraft(F.testNumbers.hold)).then(orderOf);
    await h.engine.idle();
    expect(await h.engine.get(order.refid)).toMatchObject({
      state: 'pending',
      outcome: { providerCode: '39' },
    });

    sandbox.setMaintenance(true);
    const requeriesBefore = sandbox.requestCount('/api/top-up');
    await h.engine.settle(order.refid);
    expect(sandbox.requestCount('/api/top-up')).toBe(requeriesBefore + 1);
    const during = await h.engine.get(order.refid);
    // Still the transaction's last known state, not a failure, and nothing returned to the buyer.
    expect(during).toMatchObject({ state: 'pending', outcome: { providerCode: '39' } });
    expect(during?.failure).toBeUndefined();
    expect(h.notifier.finalShows(order.refid)).toEqual([]);

    sandbox.setMaintenance(false);
    sandbox.settle(order.refid, '00');
    await h.engine.settle(order.refid);
    expect(await h.engine.get(order.refid)).toMatchObject({ state: 'succeeded' });
    expect(h.notifier.finalShows(order.refid)).toEqual([expect.objectContaining({ state: 'succeeded' })]);
  });
});
