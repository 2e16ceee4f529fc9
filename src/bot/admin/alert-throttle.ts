import type { Money } from '../../payments/money.js';

/**
 * When to alert the admins, as pure state transitions: a flood of alerts would teach them to ignore
 * alerts, and a silent bot would let the wallet run dry. Each function takes the state and an
 * observation and returns the next state and whether to send.
 */
export interface AlertRules {
  /** This many provider errors within `providerErrorWindowMs` make one alert... */
  providerErrorThreshold: number;
  providerErrorWindowMs: number;
  /** ...then no provider-error alert for this long. */
  providerErrorQuietMs: number;
  /** After a low-balance alert, none for this long, unless the balance recovers first. */
  lowBalanceQuietMs: number;
  /** At most this many needs-attention alerts per window; the rest are counted and mentioned later. */
  attentionMaxPerWindow: number;
  attentionWindowMs: number;
  /** After a payment, the wallet is read at most this often, unless it may be near the threshold. */
  balanceCheckIntervalMs: number;
  /**
   * One alert per kind and subject (an unsellable product, the shop's own account refused, a buyer
   * who could not be told) at most this often.
   */
  repeatQuietMs: number;
}

export const DEFAULT_ALERT_RULES: AlertRules = {
  providerErrorThreshold: 3,
  providerErrorWindowMs: 10 * 60_000,
  providerErrorQuietMs: 30 * 60_000,
  lowBalanceQuietMs: 60 * 60_000,
  attentionMaxPerWindow: 5,
  attentionWindowMs: 10 * 60_000,
  balanceCheckIntervalMs: 60_000,
  repeatQuietMs: 6 * 60 * 60_000,
};

export interface AlertState {
  /** When recent provider errors happened (ms), within the window. */
  providerErrors: readonly number[];
  providerQuietUntil: number;
  lowBalanceQuietUntil: number;
  /** When recent needs-attention alerts went out (ms), within the window. */
  attentionSent: readonly number[];
  /** Needs-attention events not alerted since the last alert. */
  attentionSuppressed: number;
  /** The wallet balance last read (minor units), when it was read, and what was spent since. */
  balance?: { knownMinor: number; checkedAt: number; spentSinceMinor: number };
}

export const INITIAL_ALERT_STATE: AlertState = {
  providerErrors: [],
  providerQuietUntil: 0,
  lowBalanceQuietUntil: 0,
  attentionSent: [],
  attentionSuppressed: 0,
};

/** More than enough to tell "3 in 10 minutes" apart; keeps the state small whatever happens. */
const MAX_REMEMBERED = 100;

export function onProviderError(
  state: AlertState,
  nowMs: number,
  rules: AlertRules,
): { state: AlertState; alert?: { errors: number } } {
  const recent = [...state.providerErrors.filter((at) => at > nowMs - rules.providerErrorWindowMs), nowMs];
  if (recent.length >= rules.providerErrorThreshold && nowMs >= state.providerQuietUntil) {
    return {
      state: { ...state, providerErrors: [], providerQuietUntil: nowMs + rules.providerErrorQuietMs },
      alert: { errors: recent.length },
    };
  }
  return { state: { ...state, providerErrors: recent.slice(-MAX_REMEMBERED) } };
}

export function onNeedsAttention(
  state: AlertState,
  nowMs: number,
  rules: AlertRules,
): {
  state: AlertState;
  /** `suppressed`: events not alerted since the last alert; `pausing`: the last one before a pause. */
  alert?: { suppressed: number; pausing: boolean };
} {
  const sent = state.attentionSent.filter((at) => at > nowMs - rules.attentionWindowMs);
  if (sent.length >= rules.attentionMaxPerWindow) {
    return { state: { ...state, attentionSent: sent, attentionSuppressed: state.attentionSuppressed + 1 } };
  }
  return {
    state: { ...state, attentionSent: [...sent, nowMs], attentionSuppressed: 0 },
    alert: {
      suppressed: state.attentionSuppressed,
      pausing: sent.length + 1 === rules.attentionMaxPerWindow,
    },
  };
}

/** A successful payment spent this much (its cost, or its amount when the cost is unknown). */
export function onSpent(state: AlertState, spentMinor: number): AlertState {
  if (!state.balance) return state;
  return {
    ...state,
    balance: { ...state.balance, spentSinceMinor: state.balance.spentSinceMinor + spentMinor },
  };
}

/**
 * Whether to read the wallet after a payment: not while a low-balance alert is fresh; otherwise when
 * it was never read, was read long enough ago, or may have dropped below the threshold since.
 */
export function balanceReadNeeded(
  state: AlertState,
  threshold: Money,
  nowMs: number,
  rules: AlertRules,
): boolean {
  if (nowMs < state.lowBalanceQuietUntil) return false;
  const balance = state.balance;
  if (!balance) return true;
  if (nowMs - balance.checkedAt >= rules.balanceCheckIntervalMs) return true;
  return balance.knownMinor - balance.spentSinceMinor < threshold.minor;
}

/** The wallet was read (or reported with a payment): alert when it is below the threshold. */
export function onBalance(
  state: AlertState,
  balance: Money,
  threshold: Money,
  nowMs: number,
  rules: AlertRules,
): { state: AlertState; alert: boolean } {
  const read: AlertState = {
    ...state,
    balance: { knownMinor: balance.minor, checkedAt: nowMs, spentSinceMinor: 0 },
  };
  // Topped up: the next dip alerts at once.
  if (balance.minor >= threshold.minor) return { state: { ...read, lowBalanceQuietUntil: 0 }, alert: false };
  if (nowMs < state.lowBalanceQuietUntil) return { state: read, alert: false };
  return { state: { ...read, lowBalanceQuietUntil: nowMs + rules.lowBalanceQuietMs }, alert: true };
}
