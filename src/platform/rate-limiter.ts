import type { Clock } from './clock.js';
import type { Sleep } from './sleep.js';

/**
 * A token bucket shared by every call the process makes to one provider. Callers reserve a token and
 * wait their turn, first come first served, so a burst of work (thousands of re-queries) is spread
 * out instead of tripping the provider's per-IP limit.
 *
 * In any window of `windowMs` at most `burst + limit` requests leave, so `limit` should sit well
 * below the provider's own figure.
 */
export interface RateLimiter {
  /** Resolves when the caller may send one request. Rejects if the signal aborts first. */
  acquire(signal?: AbortSignal): Promise<void>;
}

export interface RateLimiterOptions {
  limit: number;
  windowMs: number;
  burst: number;
  clock: Clock;
  sleep: Sleep;
}

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const ratePerMs = options.limit / options.windowMs;
  let tokens = options.burst;
  let refilledAt = options.clock.nowMs();

  const refill = () => {
    const now = options.clock.nowMs();
    tokens = Math.min(options.burst, tokens + (now - refilledAt) * ratePerMs);
    refilledAt = now;
  };

  return {
    async acquire(signal) {
      refill();
      // Tokens may go negative: each waiter holds a reservation and waits for its own slot.
      tokens -= 1;
      if (tokens >= 0) return;
      const waitMs = Math.ceil(-tokens / ratePerMs);
      try {
        await options.sleep(waitMs, signal);
      } catch (error) {
        tokens += 1;
        throw error;
      }
    },
  };
}

/** No limit at all; for tools that make a handful of calls. */
export const unlimited: RateLimiter = { acquire: async () => {} };
