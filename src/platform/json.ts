/** JSON.parse that answers undefined instead of throwing, for bodies from the outside world. */
export function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Freezes a parsed JSON value and everything in it, so one value can be handed to many callers
 * (a cached catalog) and none of them can change it for the others: a write throws in strict code.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
