import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limiter.js';

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
