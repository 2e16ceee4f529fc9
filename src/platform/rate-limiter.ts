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
  /**
   * Resolves when the caller may send one request in `lane` (a limiter may ignore lanes). Rejects if
   * the signal aborts first, or with a RateBudgetExhaustedError when the wait would be too long.
   */
  acquire(signal?: AbortSignal, lane?: RateLane): Promise<void>;
}

/**
 * Which budget a request draws on. Payments and status re-queries (`payment`) never wait behind
 * catalog reads, balance checks and probes (`read`): each lane has its own allowance.
 */
export type RateLane = 'payment' | 'read';

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

/** The budget would make this caller wait longer than allowed: fail fast, try again later. */
export class RateBudgetExhaustedError extends Error {
  readonly lane: RateLane;
  /** When the next slot opens, from now. */
  readonly retryAfterMs: number;

  constructor(lane: RateLane, retryAfterMs: number) {
    super(`the provider call budget (${lane}) is used up for now`);
    this.name = 'RateBudgetExhaustedError';
    this.lane = lane;
    this.retryAfterMs = retryAfterMs;
  }
}

/**
 * Fixed-window counters shared by every replica (the store's CounterStore): `hit` counts one and
 * returns the window's count so far. Each window is named by its slice number, so every replica
 * counts into the same key whatever moment it started.
 */
export interface WindowCounter {
  hit(name: string, windowMs: number): Promise<number>;
}

export interface LaneBudget {
  /** Requests allowed per `windowMs`, across every replica. */
  limit: number;
  windowMs: number;
}

export interface SharedRateLimiterOptions {
  counters: WindowCounter;
  /** Names the budget, e.g. the provider id; replicas with the same name share it. */
  name: string;
  budgets: Record<RateLane, LaneBudget>;
  /** A caller that would wait longer than this fails with RateBudgetExhaustedError. */
  maxWaitMs: number;
  /** Length of one counting slice; the window's allowance is spread evenly over its slices. */
  sliceMs?: number;
  clock: Clock;
  sleep: Sleep;
}

/**
 * The provider budget shared across replicas. Each lane gets `limit * sliceMs / windowMs` requests
 * per aligned slice (rounded down), counted in the shared store, so any `windowMs` sees at most
 * `(windowMs / sliceMs + 1)` slices' worth from all replicas together. A caller over the slice's
 * allowance waits for the next slice, up to `maxWaitMs` in all, and then fails fast.
 */
export function createSharedRateLimiter(options: SharedRateLimiterOptions): RateLimiter {
  const sliceMs = options.sliceMs ?? 1_000;
  const perSlice: Record<RateLane, number> = {
    payment: allowance(options.budgets.payment, sliceMs),
    read: allowance(options.budgets.read, sliceMs),
  };
  return {
    async acquire(signal, lane = 'read') {
      const deadline = options.clock.nowMs() + options.maxWaitMs;
      for (;;) {
        signal?.throwIfAborted();
        const now = options.clock.nowMs();
        const slice = Math.floor(now / sliceMs);
        const count = await options.counters.hit(`rate:${options.name}:${lane}:${slice}`, 2 * sliceMs);
        if (count <= perSlice[lane]) return;
        const waitMs = (slice + 1) * sliceMs - now;
        if (now + waitMs > deadline) throw new RateBudgetExhaustedError(lane, waitMs);
        await options.sleep(waitMs, signal);
      }
    },
  };
}

function allowance(budget: LaneBudget, sliceMs: number): number {
  const perSlice = Math.floor((budget.limit * sliceMs) / budget.windowMs);
  if (perSlice < 1) {
    throw new RangeError(`a budget of ${budget.limit} per ${budget.windowMs} ms is less than one per slice`);
  }
  return perSlice;
}

/** Splits a provider's budget between the lanes: payments get `paymentShare`, reads the rest. */
export function splitBudget(total: LaneBudget, paymentShare = 0.6): Record<RateLane, LaneBudget> {
  const payment = Math.floor(total.limit * paymentShare);
  return {
    payment: { limit: payment, windowMs: total.windowMs },
    read: { limit: total.limit - payment, windowMs: total.windowMs },
  };
}
