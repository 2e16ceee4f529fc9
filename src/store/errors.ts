/**
 * Errors of the stores that callers act on, without importing a Redis client: the webhook answers
 * 503 for them (Telegram delivers again later), and the conversation says "try again shortly".
 */

/** Redis is unreachable or too slow right now; the caller should answer "try later". */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
}

/** The store cannot do this now but may soon: the caller keeps the work and tries it again later. */
export function isStoreUnavailable(error: unknown): boolean {
  return isStoreUnreachable(error) || isPassingRefusal(error);
}

/** No answer: ioredis' own words for a command that timed out or could not be sent. */
export function isStoreUnreachable(error: unknown): boolean {
  if (error instanceof StoreUnavailableError) return true;
  return /Command timed out|Connection is closed|Stream isn't writeable|enableOfflineQueue options is false|max retries per request/i.test(
    messageOf(error),
  );
}

/**
 * Redis answered, but refused for a reason that passes: a replica during a failover (READONLY,
 * MASTERDOWN), memory full under noeviction (OOM), a failing disk write (MISCONF), a restart still
 * loading its data (LOADING), a long script (BUSY). The same write succeeds later, so a paid top-up
 * or an update must be kept and tried again, not handled as a bug and dropped. Redis 7 answers a
 * script's inner refusal with the same word first; older versions wrap it in "Error running script".
 */
function isPassingRefusal(error: unknown): boolean {
  return /(?:^|: -)(?:READONLY|MASTERDOWN|OOM|MISCONF|LOADING|BUSY|NOREPLICAS|TRYAGAIN|CLUSTERDOWN)\b/.test(
    messageOf(error),
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : '';
}
