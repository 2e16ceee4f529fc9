/**
 * Remembers nonces for a fixed retention window so a replayed request is refused. Entries are kept
 * in insertion order with a constant retention, so the oldest entry always expires first and pruning
 * only ever looks at the front of the map: no timer is needed.
 */
export interface NonceCache {
  /** Records the nonce; returns false when it was already seen within the retention window. */
  remember(key: string): boolean;
  size(): number;
}

export function createNonceCache(retentionMs: number, now: () => number = Date.now): NonceCache {
  const expiries = new Map<string, number>();

  function prune(at: number): void {
    for (const [key, expiresAt] of expiries) {
      if (expiresAt > at) break;
      expiries.delete(key);
    }
  }

  return {
    remember(key) {
      const at = now();
      prune(at);
      if (expiries.has(key)) return false;
      expiries.set(key, at + retentionMs);
      return true;
    },
    size: () => expiries.size,
  };
}
