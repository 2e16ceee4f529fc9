/**
 * Flood control: at most `maxUpdates` updates per user per window, counted across replicas (see
 * CounterStore). The first update over the limit gets one polite "slow down"; the rest of the window
 * is dropped without a word, so a flood costs us one reply per window, not one per message.
 */
export interface FloodRule {
  maxUpdates: number;
  windowMs: number;
}

export const DEFAULT_FLOOD_RULE: FloodRule = { maxUpdates: 20, windowMs: 10_000 };

export type FloodDecision = 'pass' | 'warn' | 'drop';

/** What to do with an update that is the `hits`-th of its user in the current window. */
export function floodDecision(hits: number, rule: FloodRule): FloodDecision {
  if (hits <= rule.maxUpdates) return 'pass';
  return hits === rule.maxUpdates + 1 ? 'warn' : 'drop';
}

/** The counter name for a user's window. */
export function floodCounterName(userId: number): string {
  return `flood:${userId}`;
}
