import type { Clock } from '../platform/clock.js';
import { RateBudgetExhaustedError } from '../platform/rate-limiter.js';
import { isPaymentError } from './errors.js';

/**
 * Whether the provider answers, for /readyz, without letting probes become provider traffic. Real
 * calls report their outcome (`record`); a readiness check answers from the latest one while it is
 * fresher than `freshMs`. Only when nothing recent is known does it probe, single-flight: every
 * concurrent check awaits the same probe, and its outcome, success or failure alike, is cached for
 * `freshMs`. So however many probes arrive, concurrent or failing, the provider sees at most one
 * call per `freshMs` from them.
 */
export interface ProviderHealth {
  /** A real call's outcome: true when the provider answered (a refusal is an answer), false when not. */
  record(reachable: boolean): void;
  /** Resolves when the provider is known to answer; rejects when it is known not to. */
  check(): Promise<void>;
}

export interface ProviderHealthOptions {
  /** One cheap provider call, e.g. the balance. */
  probe: () => Promise<unknown>;
  clock: Clock;
  /** How long an outcome stands; 30 s by default. */
  freshMs?: number;
}

export const DEFAULT_PROVIDER_HEALTH_FRESH_MS = 30_000;

export function createProviderHealth(options: ProviderHealthOptions): ProviderHealth {
  const freshMs = options.freshMs ?? DEFAULT_PROVIDER_HEALTH_FRESH_MS;
  let last: { reachable: boolean; atMs: number } | undefined;
  let probing: Promise<boolean> | undefined;

  const fresh = () => last !== undefined && options.clock.nowMs() - last.atMs < freshMs;
  const record = (reachable: boolean) => {
    last = { reachable, atMs: options.clock.nowMs() };
  };

  return {
    record,
    async check() {
      if (!fresh()) {
        probing ??= options
          .probe()
          .then(
            () => true,
            (error: unknown) => isAnswer(error),
          )
          .then((reachable) => {
            record(reachable);
            return reachable;
          })
          .finally(() => {
            probing = undefined;
          });
        await probing;
      }
      if (!last?.reachable) throw new Error('the provider did not answer');
    },
  };
}

/** Whether a failed call still proves the provider answered: it refused the request itself. */
export function isAnswer(error: unknown): boolean {
  return isPaymentError(error) && error.action === 'tell-user';
}

/** A call refused by our own rate budget never reached the provider: it says nothing about it. */
export function isOwnBudgetRefusal(error: unknown): boolean {
  for (let cause: unknown = error, depth = 0; cause && depth < 5; depth++) {
    if (cause instanceof RateBudgetExhaustedError) return true;
    cause = (cause as { cause?: unknown }).cause;
  }
  return false;
}
