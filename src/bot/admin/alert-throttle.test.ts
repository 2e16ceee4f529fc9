import { describe, expect, it } from 'vitest';
import { money } from '../../payments/money.js';
import {
  type AlertRules,
  type AlertState,
  balanceReadNeeded,
  DEFAULT_ALERT_RULES,
  INITIAL_ALERT_STATE,
  onBalance,
  onNeedsAttention,
  onProviderError,
  onSpent,
} from './alert-throttle.js';

const MIN = 60_000;
const rules: AlertRules = {
  ...DEFAULT_ALERT_RULES,
  providerErrorThreshold: 3,
  providerErrorWindowMs: 10 * MIN,
  providerErrorQuietMs: 30 * MIN,
  lowBalanceQuietMs: 60 * MIN,
  attentionMaxPerWindow: 2,
  attentionWindowMs: 10 * MIN,
  balanceCheckIntervalMs: MIN,
};
const rm = (sen: number) => money(sen, 'MYR');

/** Feeds provider errors at these minutes; returns the minutes at which an alert went out. */
function providerAlerts(minutes: number[]): number[] {
  let state: AlertState = INITIAL_ALERT_STATE;
  const alerted: number[] = [];
  for (const minute of minutes) {
    const step = onProviderError(state, minute * MIN, rules);
    state = step.state;
    if (step.alert) alerted.push(minute);
  }
  return alerted;
}

describe('provider errors', () => {
  it.each([
    ['one error', [0], []],
    ['two errors', [0, 1], []],
    ['three within ten minutes', [0, 1, 2], [2]],
    ['three spread over more than ten minutes', [0, 6, 12], []],
    ['a sliding window', [0, 6, 12, 13], [13]],
    ['a storm: one alert, then quiet', [0, 1, 2, 3, 4, 5, 10, 20, 31], [2]],
    ['after the quiet period, three more alert again', [0, 1, 2, 33, 34, 35], [2, 35]],
    ['just before the quiet ends', [0, 1, 2, 30, 31, 31.9], [2]],
  ])('%s → alerts at %o', (_name, minutes, expected) => {
    expect(providerAlerts(minutes)).toEqual(expected);
  });

  it('reports how many errors the window held', () => {
    let state = INITIAL_ALERT_STATE;
    state = onProviderError(state, 0, rules).state;
    state = onProviderError(state, MIN, rules).state;
    expect(onProviderError(state, 2 * MIN, rules).alert).toEqual({ errors: 3 });
  });
});

describe('orders needing attention', () => {
  it('alerts up to the cap per window, then counts and mentions the rest', () => {
    let state = INITIAL_ALERT_STATE;
    const steps = [0, 1, 2, 3, 11, 12].map((minute) => {
      const step = onNeedsAttention(state, minute * MIN, rules);
      state = step.state;
      return step.alert;
    });
    expect(steps).toEqual([
      { suppressed: 0, pausing: false },
      { suppressed: 0, pausing: true },
      undefined,
      undefined,
      { suppressed: 2, pausing: false },
      { suppressed: 0, pausing: true },
    ]);
  });
});

describe('low balance', () => {
  const threshold = rm(100_00);

  it.each([
    ['above the threshold', [150_00], [false]],
    ['at the threshold', [100_00], [false]],
    ['below: one alert', [99_99], [true]],
    ['stays low: quiet', [50_00, 40_00, 30_00], [true, false, false]],
  ])('%s', (_name, balances, expected) => {
    let state = INITIAL_ALERT_STATE;
    const alerts = balances.map((sen, i) => {
      const step = onBalance(state, rm(sen), threshold, i * MIN, rules);
      state = step.state;
      return step.alert;
    });
    expect(alerts).toEqual(expected);
  });

  it('alerts again after the quiet period while still low', () => {
    const first = onBalance(INITIAL_ALERT_STATE, rm(10_00), threshold, 0, rules);
    expect(onBalance(first.state, rm(9_00), threshold, 59 * MIN, rules).alert).toBe(false);
    expect(onBalance(first.state, rm(9_00), threshold, 60 * MIN, rules).alert).toBe(true);
  });

  it('a top-up re-arms the alert at once', () => {
    const low = onBalance(INITIAL_ALERT_STATE, rm(10_00), threshold, 0, rules);
    const toppedUp = onBalance(low.state, rm(500_00), threshold, MIN, rules);
    expect(toppedUp.alert).toBe(false);
    expect(onBalance(toppedUp.state, rm(90_00), threshold, 2 * MIN, rules).alert).toBe(true);
  });
});

describe('when to read the wallet after a payment', () => {
  const threshold = rm(100_00);
  const read = (sen: number, at: number) =>
    onBalance(INITIAL_ALERT_STATE, rm(sen), threshold, at, rules).state;

  it.each<[string, AlertState, number, boolean]>([
    ['never read', INITIAL_ALERT_STATE, 0, true],
    ['read a moment ago, far above the threshold', onSpent(read(1_000_00, 0), 10_00), 10_000, false],
    ['read a moment ago, but spending may have crossed it', onSpent(read(105_00, 0), 10_00), 10_000, true],
    ['read long enough ago', read(1_000_00, 0), MIN, true],
    ['alerted a moment ago: stay quiet', read(10_00, 0), 10_000, false],
    ['alerted, quiet period over', read(10_00, 0), 60 * MIN, true],
  ])('%s → %s', (_name, state, now, expected) => {
    expect(balanceReadNeeded(state, threshold, now, rules)).toBe(expected);
  });

  it('spending before the first read is not tracked', () => {
    expect(onSpent(INITIAL_ALERT_STATE, 500)).toBe(INITIAL_ALERT_STATE);
  });
});
