import { describe, expect, it } from 'vitest';
import { floodCounterName, floodDecision } from './flood.js';

describe('flood control', () => {
  const rule = { maxUpdates: 3, windowMs: 10_000 };

  it.each([
    [1, 'pass'],
    [3, 'pass'],
    [4, 'warn'],
    [5, 'drop'],
    [500, 'drop'],
  ] as const)('the %dth update of a window: %s', (hits, decision) => {
    expect(floodDecision(hits, rule)).toBe(decision);
  });

  it('warns exactly once per window', () => {
    const decisions = Array.from({ length: 20 }, (_, i) => floodDecision(i + 1, rule));
    expect(decisions.filter((d) => d === 'warn')).toHaveLength(1);
    expect(decisions.filter((d) => d === 'pass')).toHaveLength(3);
  });

  it('counts per user', () => {
    expect(floodCounterName(42)).toBe('flood:42');
    expect(floodCounterName(43)).not.toBe(floodCounterName(42));
  });
});
