import { describe, expect, it } from 'vitest';
import { RateBudgetExhaustedError } from '../platform/rate-limiter.js';
import { ProviderRejectedError, ProviderUnavailableError } from './errors.js';
import { createProviderHealth, isOwnBudgetRefusal } from './provider-health.js';

function setup(outcome: () => Promise<unknown>) {
  let now = 1_000_000;
  let probes = 0;
  const health = createProviderHealth({
    probe: async () => {
      probes += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return outcome();
    },
    clock: { nowMs: () => now },
    freshMs: 30_000,
  });
  return { health, probes: () => probes, advance: (ms: number) => (now += ms) };
}

describe('provider health for /readyz', () => {
  it('makes one probe for many concurrent checks, and caches its success', async () => {
    const t = setup(async () => 'ok');
    await Promise.all(Array.from({ length: 100 }, () => t.health.check()));
    await t.health.check();
    expect(t.probes()).toBe(1);
    t.advance(30_000);
    await t.health.check();
    expect(t.probes()).toBe(2);
  });

  it('caches a failure too: failing probes do not multiply', async () => {
    const t = setup(async () => {
      throw new ProviderUnavailableError('down');
    });
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => t.health.check()));
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    await expect(t.health.check()).rejects.toThrow();
    expect(t.probes()).toBe(1);
  });

  it('answers from real calls without probing, and a refusal counts as an answer', async () => {
    const t = setup(async () => 'ok');
    t.health.record(false);
    await expect(t.health.check()).rejects.toThrow();
    t.health.record(true);
    await t.health.check();
    expect(t.probes()).toBe(0);
    const rejected = setup(async () => {
      throw new ProviderRejectedError({ code: 'invalid-account' } as never);
    });
    await rejected.health.check();
  });

  it('recognises our own budget refusals in a cause chain', () => {
    const refusal = new ProviderUnavailableError('x', {
      cause: new Error('y', { cause: new RateBudgetExhaustedError('read', 10) }),
    });
    expect(isOwnBudgetRefusal(refusal)).toBe(true);
    expect(isOwnBudgetRefusal(new ProviderUnavailableError('x'))).toBe(false);
  });
});
