/**
 * Errors of the stores that callers act on, without importing a Redis client: the webhook answers
 * 503 for them (Telegram delivers again later), and the conversation says "try again shortly".
 */

/** Redis is unreachable or too slow right now; the caller should answer "try later". */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
}

export function isStoreUnavailable(error: unknown): boolean {
  if (error instanceof StoreUnavailableError) return true;
  const message = error instanceof Error ? error.message : '';
  // ioredis' own words for a command that timed out or could not be sent.
  return /Command timed out|Connection is closed|Stream isn't writeable|enableOfflineQueue options is false|max retries per request/i.test(
    message,
  );
}
