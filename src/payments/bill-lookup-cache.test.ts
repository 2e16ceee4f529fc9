import { describe, expect, it } from 'vitest';
import { rememberProductsWithoutBills } from './bill-lookup-cache.js';
import type { InquiryQuery, PaymentProvider } from './provider.js';
import type { SharedCache } from './shared-cache.js';
import type { BillPresentment } from './types.js';

/** A provider whose bill look-ups answer from `answers` by product, counting each call. */
function fakeProvider(answers: Record<string, BillPresentment>) {
  const calls: InquiryQuery[] = [];
  const provider = {
    id: 'fake',
    currency: 'MYR',
    async inquire(query: InquiryQuery) {
      calls.push(query);
      const answer = answers[query.product];
      if (!answer) throw new Error('no such product');
      return answer;
    },
  } as unknown as PaymentProvider;
  return { provider, calls };
}

const NONE: BillPresentment = {
  outcome: 'unavailable',
  message: 'Bill presentment is unavailable for this product',
  productWide: true,
  otherFields: [],
};
const DOWN: BillPresentment = { outcome: 'unavailable', message: 'Service unavailable', otherFields: [] };
const BILL: BillPresentment = { outcome: 'valid', message: 'Account no is valid', otherFields: [] };

/** The replicas' shared cache, in a map, expiring by the test's clock. */
function mapCache(clock: { nowMs(): number }): SharedCache {
  const entries = new Map<string, { json: string; untilMs: number }>();
  return {
    async get<T>(name: string) {
      const entry = entries.get(name);
      return entry && entry.untilMs > clock.nowMs() ? (JSON.parse(entry.json) as T) : undefined;
    },
    async set(name, value, ttlMs) {
      entries.set(name, { json: JSON.stringify(value), untilMs: clock.nowMs() + ttlMs });
    },
  };
}

function world(answers: Record<string, BillPresentment>) {
  const clock = { now: 1_000_000, nowMs: () => clock.now };
  const cache = mapCache(clock);
  const { provider, calls } = fakeProvider(answers);
  const cached = rememberProductsWithoutBills(provider, { cache, clock });
  const ask = (product: string, account = '0123456789', billerCode?: string) => {
    if (!cached.inquire) throw new Error('no inquire');
    return cached.inquire({ product, account, ...(billerCode ? { billerCode } : {}) });
  };
  return { clock, cache, calls, ask, provider };
}

describe('products without bill presentment', () => {
  it('are asked once for all accounts, and again once the answer is old', async () => {
    const w = world({ D: NONE });
    expect(await w.ask('D', '0111')).toMatchObject({ outcome: 'unavailable', productWide: true });
    expect(await w.ask('D', '0222')).toMatchObject({ outcome: 'unavailable', message: NONE.message });
    expect(w.calls).toHaveLength(1);
    w.clock.now += 10 * 60_000 + 1;
    await w.ask('D', '0333');
    expect(w.calls).toHaveLength(2);
  });

  it('are asked once when many buyers arrive at once, while bills are still asked per account', async () => {
    const w = world({ D: NONE, TNB: BILL });
    await Promise.all(Array.from({ length: 10 }, (_, i) => w.ask('D', `01${i}`)));
    expect(w.calls.filter((c) => c.product === 'D')).toHaveLength(1);
    await Promise.all(Array.from({ length: 10 }, (_, i) => w.ask('TNB', `2200${i}`)));
    expect(w.calls.filter((c) => c.product === 'TNB')).toHaveLength(10);
  });

  it('are shared with another replica through the cache', async () => {
    const w = world({ D: NONE });
    await w.ask('D');
    const other = rememberProductsWithoutBills(w.provider, { cache: w.cache, clock: w.clock });
    await other.inquire?.({ product: 'D', account: '0999' });
    expect(w.calls).toHaveLength(1);
  });

  it('leave every per-account answer, the service being down and JomPAY billers to the provider', async () => {
    const w = world({ TNB: BILL, AKSB: DOWN, JOMPAY: NONE });
    await w.ask('TNB');
    await w.ask('TNB');
    await w.ask('AKSB');
    await w.ask('AKSB');
    await w.ask('JOMPAY', '123', '5454');
    await w.ask('JOMPAY', '123', '5454');
    expect(w.calls).toHaveLength(6);
  });

  it('pass on a failed look-up, and remember nothing from it', async () => {
    const w = world({});
    await expect(w.ask('X')).rejects.toThrow('no such product');
    await expect(w.ask('X')).rejects.toThrow('no such product');
    expect(w.calls).toHaveLength(2);
  });
});
