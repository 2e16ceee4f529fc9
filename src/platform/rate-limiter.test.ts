import { describe, expect, it } from 'vitest';
import {
  createRateLimiter,
  createSharedRateLimiter,
  RateBudgetExhaustedError,
  splitBudget,
} from './rate-limiter.js';

/** A fake clock whose sleep advances time instantly and records each wait. */
function fakeTime() {
  let now = 1_000_000;
  const waits: number[] = [];
  return {
    clock: { nowMs: () => now },
    sleep: async (ms: number) => {
      waits.push(ms);
      now += ms;
    },
    waits,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('rate limiter', () => {
  it('lets a burst through without waiting', async () => {
    const time = fakeTime();
    const limiter = createRateLimiter({ limit: 100, windowMs: 1000, burst: 5, ...time });
    for (let i = 0; i < 5; i++) await limiter.acquire();
    expect(time.waits).toEqual([]);
  });

  it('spaces requests past the burst at the sustained rate', async () => {
    const time = fakeTime();
    const waits: number[] = [];
    // Time stands still while the five callers queue up at once.
    const limiter = createRateLimiter({
      limit: 10,
      windowMs: 1000,
      burst: 2,
      clock: time.clock,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    await Promise.all(Array.from({ length: 5 }, () => limiter.acquire()));
    // Two free, then reservations 100 ms, 200 ms and 300 ms out.
    expect(waits).toEqual([100, 200, 300]);
  });

  it('never lets more than limit + burst through in one window', async () => {
    const time = fakeTime();
    const limiter = createRateLimiter({ limit: 300, windowMs: 300_000, burst: 10, ...time });
    const start = time.clock.nowMs();
    let sent = 0;
    while (time.clock.nowMs() - start < 300_000) {
      await limiter.acquire();
      if (time.clock.nowMs() - start < 300_000) sent++;
    }
    expect(sent).toBeLessThanOrEqual(310);
    expect(sent).toBeGreaterThanOrEqual(300);
  });

  it('refills while idle, up to the burst', async () => {
    const time = fakeTime();
    const limiter = createRateLimiter({ limit: 10, windowMs: 1000, burst: 2, ...time });
    await limiter.acquire();
    await limiter.acquire();
    time.advance(10_000);
    await limiter.acquire();
    await limiter.acquire();
    expect(time.waits).toEqual([]);
    await limiter.acquire();
    expect(time.waits).toEqual([100]);
  });

  it('gives the reservation back when the wait is aborted', async () => {
    const time = fakeTime();
    const limiter = createRateLimiter({
      limit: 10,
      windowMs: 1000,
      burst: 1,
      clock: time.clock,
      sleep: async (_ms, signal) => {
        if (signal?.aborted) throw new Error('aborted');
      },
    });
    await limiter.acquire();
    const controller = new AbortController();
    controller.abort();
    await expect(limiter.acquire(controller.signal)).rejects.toThrow('aborted');
    await expect(limiter.acquire(controller.signal)).rejects.toThrow('aborted');
  });
});

/** The store's fixed-window counter, in memory. */
function memoryCounters() {
  const counts = new Map<string, number>();
  return {
    hits: () => [...counts.values()].reduce((a, b) => a + b, 0),
    hit: async (name: string) => {
      const next = (counts.get(name) ?? 0) + 1;
      counts.set(name, next);
      return next;
    },
  };
}

describe('shared rate limiter', () => {
  const budgets = { payment: { limit: 600, windowMs: 60_000 }, read: { limit: 300, windowMs: 60_000 } };

  it('gives each lane its own allowance per slice: reads never use up the payments', async () => {
    const time = fakeTime();
    const limiter = createSharedRateLimiter({
      counters: memoryCounters(),
      name: 'p',
      budgets,
      maxWaitMs: 0,
      ...time,
    });
    // 300/min is 5 per second for reads; payments get 10 per second whatever the reads did.
    for (let i = 0; i < 5; i++) await limiter.acquire(undefined, 'read');
    await expect(limiter.acquire(undefined, 'read')).rejects.toBeInstanceOf(RateBudgetExhaustedError);
    for (let i = 0; i < 10; i++) await limiter.acquire(undefined, 'payment');
    await expect(limiter.acquire(undefined, 'payment')).rejects.toThrow(/payment/);
  });

  it('waits for the next slice when that is within the bound, and fails fast beyond it', async () => {
    const time = fakeTime();
    const limiter = createSharedRateLimiter({
      counters: memoryCounters(),
      name: 'p',
      budgets,
      maxWaitMs: 1_000,
      ...time,
    });
    for (let i = 0; i < 5; i++) await limiter.acquire(undefined, 'read');
    await limiter.acquire(undefined, 'read');
    expect(time.waits).toEqual([1_000]);
    const strict = createSharedRateLimiter({
      counters: memoryCounters(),
      name: 'q',
      budgets,
      maxWaitMs: 500,
      ...time,
    });
    time.advance(1); // 1 ms into a slice: the next opens in 999 ms, beyond the bound.
    for (let i = 0; i < 5; i++) await strict.acquire(undefined, 'read');
    await expect(strict.acquire(undefined, 'read')).rejects.toMatchObject({
      lane: 'read',
      retryAfterMs: 999,
    });
    expect(time.waits).toEqual([1_000]);
  });

  it('splits a budget 60/40 and refuses a budget below one per slice', () => {
    expect(splitBudget({ limit: 20_000, windowMs: 300_000 })).toEqual({
      payment: { limit: 12_000, windowMs: 300_000 },
      read: { limit: 8_000, windowMs: 300_000 },
    });
    const time = fakeTime();
    expect(() =>
      createSharedRateLimiter({
        counters: memoryCounters(),
        name: 'p',
        budgets: { payment: { limit: 1, windowMs: 60_000 }, read: budgets.read },
        maxWaitMs: 0,
        ...time,
      }),
    ).toThrow(RangeError);
  });
});
