/**
 * "Money on disk before it moves": before a payment request leaves, the order (and the buyer's
 * debit, written by the same script) must have reached Redis's disk, not only its memory, so a Redis
 * crash cannot forget a payment that the provider then makes.
 *
 * How that is guaranteed depends on the server, read once at start-up:
 * - `waitaof`: Redis 7.2 or later with the append-only file on. Before each payment the bot sends
 *   `WAITAOF 1 0 <timeout>`, which returns once everything written so far is fsynced locally. With
 *   `appendfsync everysec` that costs up to about one second per payment, and nothing elsewhere.
 * - `fsync-always`: the append-only file with `appendfsync always`: Redis fsyncs every write before
 *   it answers, so the order is on disk when its create script returns. No extra step; every write
 *   pays the fsync.
 * - `not-guaranteed`: no append-only file, or a server that will not say (CONFIG disabled, as on
 *   some managed services): the bot runs, warns at start-up, and the guarantee is whatever the
 *   server's own persistence gives.
 * - `memory`: the in-process store, which a restart loses anyway (development only).
 */
export type DurabilityMode = 'waitaof' | 'fsync-always' | 'not-guaranteed' | 'memory';

export interface Durability {
  readonly mode: DurabilityMode;
  /** Resolves once every write made so far is on disk; throws when that could not be confirmed. */
  ensureOnDisk(): Promise<void>;
}

/** What the server says about itself; undefined where it would not say. */
export interface ServerPersistence {
  version: string | undefined;
  appendonly: string | undefined;
  appendfsync: string | undefined;
}

export function durabilityMode(server: ServerPersistence): DurabilityMode {
  if (server.appendonly !== 'yes') return 'not-guaranteed';
  if (server.appendfsync === 'always') return 'fsync-always';
  return supportsWaitAof(server.version) ? 'waitaof' : 'not-guaranteed';
}

/** WAITAOF arrived in Redis 7.2. */
function supportsWaitAof(version: string | undefined): boolean {
  const match = /^(\d+)\.(\d+)/.exec(version ?? '');
  if (!match) return false;
  const major = Number(match[1]);
  const minor = Number(match[2]);
  return major > 7 || (major === 7 && minor >= 2);
}
