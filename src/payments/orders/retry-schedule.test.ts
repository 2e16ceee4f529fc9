import { describe, expect, it } from 'vitest';
import { buyerRecheckAtMs, nextDelayMs, DEFAULT_RETRY_SCHEDULE as S } from './retry-schedule.js';

describe('re-query schedule', () => {
  it('asks every 5 to 10 seconds at first', () => {
    for (let attempt = 1; attempt <= 6; attempt++) {
      expect(nextDelayMs(S, attempt, false, () => 0)).toBe(5_000);
      expect(nextDelayMs(S, attempt, false, () => 0.999)).toBeLessThanOrEqual(10_000);
    }
  });

  it('then backs off, doubling up to five minutes', () => {
    const mid = () => 0.5;
    expect(nextDelayMs(S, 7, false, mid)).toBe(20_000);
    expect(nextDelayMs(S, 8, false, mid)).toBe(40_000);
    expect(nextDelayMs(S, 9, false, mid)).toBe(80_000);
    expect(nextDelayMs(S, 50, false, mid)).toBe(300_000);
  });

  it('looks at orders needing attention every ten minutes', () => {
    expect(nextDelayMs(S, 3, true, () => 0.5)).toBe(600_000);
  });

  it("paces a buyer's Refresh: 5 s after the last answer at first, the backoff start later, never for an order needing attention", () => {
    const updatedAt = 1_000_000;
    expect(buyerRecheckAtMs(S, { attempts: 1, updatedAt, needsAttention: false })).toBe(updatedAt + 5_000);
    expect(buyerRecheckAtMs(S, { attempts: 6, updatedAt, needsAttention: false })).toBe(updatedAt + 5_000);
    expect(buyerRecheckAtMs(S, { attempts: 7, updatedAt, needsAttention: false })).toBe(updatedAt + 20_000);
    expect(buyerRecheckAtMs(S, { attempts: 2, updatedAt, needsAttention: true })).toBeUndefined();
    // A provider that asked for a minute's rest gets it, Refresh or not.
    expect(
      buyerRecheckAtMs(S, {
        attempts: 2,
        updatedAt,
        needsAttention: false,
        retryAfterUntil: updatedAt + 60_000,
      }),
    ).toBe(updatedAt + 60_000);
  });
});
