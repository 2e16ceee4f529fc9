import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../../platform/clock.js';
import type { CacheStore } from '../../store/ports.js';
import type { CatalogEntry, FlowState } from '../flow/state.js';
import { restoreFlowState } from '../flow/state.js';

/**
 * How a conversation is kept between updates. Every buyer's session used to carry the whole product
 * list its menus were drawn from, most of its size; the list is the same for every buyer, so a
 * session now names its snapshot by content hash and the snapshot is kept once, in the shared cache
 * (and in this process's memory). Menu buttons point into the list by position, so a session must
 * get back exactly the list it was drawn from, never merely the newest one: that is what the hash
 * guarantees. A snapshot that is gone (expired, evicted) leaves the session without a list, as a
 * session that never loaded one: the next menu loads it afresh.
 */
export interface SessionCodec {
  /** The stored form of a conversation. */
  encode(state: FlowState): Promise<unknown>;
  /** The conversation from its stored form; undefined when unreadable or not this user's. */
  decode(stored: unknown, userId: number): Promise<FlowState | undefined>;
}

export interface SessionCodecOptions {
  cache: CacheStore;
  clock: Clock;
  /** How long a snapshot is kept after this process last stored it; longer than any session lives. */
  snapshotTtlMs?: number;
  /** Snapshots kept in memory (the current list, and a few older ones sessions may still show). */
  memoryLimit?: number;
}

type StoredSession = Omit<FlowState, 'catalog'> & { catalogSnapshot?: string };

const snapshotName = (hash: string) => `catalog-snapshot:${hash}`;

/** A snapshot read back from the shared cache is checked like any stored input. */
const snapshotSchema = z.array(
  z.object({
    code: z.string(),
    name: z.string(),
    category: z.string(),
    unavailable: z.boolean().optional(),
  }),
);

export function createSessionCodec(options: SessionCodecOptions): SessionCodec {
  const snapshotTtlMs = options.snapshotTtlMs ?? 7 * 24 * 60 * 60_000;
  const memoryLimit = options.memoryLimit ?? 8;
  /** hash -> list, oldest first (a Map keeps insertion order, which makes it a small LRU). */
  const inMemory = new Map<string, CatalogEntry[]>();
  /** The hash of lists this process already handled, by identity, so encoding never rehashes them. */
  const hashes = new WeakMap<readonly CatalogEntry[], string>();
  /** When this process last stored each snapshot in the cache. */
  const storedAt = new Map<string, number>();

  const remember = (hash: string, entries: CatalogEntry[]) => {
    inMemory.delete(hash);
    inMemory.set(hash, entries);
    hashes.set(entries, hash);
    while (inMemory.size > memoryLimit) {
      const oldest = inMemory.keys().next().value;
      if (oldest === undefined) break;
      inMemory.delete(oldest);
    }
  };

  const hashOf = (entries: CatalogEntry[]): string => {
    const known = hashes.get(entries);
    if (known) return known;
    const hash = createHash('sha256').update(JSON.stringify(entries)).digest('base64url').slice(0, 16);
    remember(hash, entries);
    return hash;
  };

  return {
    async encode(state) {
      const { catalog } = state;
      if (catalog === undefined) return state;
      const hash = hashOf(catalog);
      // Stored again well before it would expire, once per process per snapshot, not per update.
      const now = options.clock.nowMs();
      if ((storedAt.get(hash) ?? 0) < now - snapshotTtlMs / 4) {
        await options.cache.set(snapshotName(hash), catalog, snapshotTtlMs);
        storedAt.set(hash, now);
      }
      // One copy, the list left out as undefined (JSON drops it), rather than a rest copy and a spread.
      const stored: StoredSession & { catalog: undefined } = {
        ...state,
        catalog: undefined,
        catalogSnapshot: hash,
      };
      return stored;
    },
    async decode(stored, userId) {
      if (typeof stored !== 'object' || stored === null) return undefined;
      const { catalogSnapshot, ...rest } = stored as { catalogSnapshot?: unknown };
      const state = restoreFlowState(rest, userId);
      // A session from before snapshots carries its list itself.
      if (!state || typeof catalogSnapshot !== 'string') return state;
      let entries = inMemory.get(catalogSnapshot);
      if (!entries) {
        const fetched = snapshotSchema.safeParse(await options.cache.get(snapshotName(catalogSnapshot)));
        if (fetched.success) {
          entries = fetched.data.map(({ unavailable, ...entry }) =>
            unavailable ? { ...entry, unavailable } : entry,
          );
          remember(catalogSnapshot, entries);
        }
      }
      if (entries) return { ...state, catalog: entries };
      // Gone from the cache: this process stores it again the next time it draws a menu from it.
      storedAt.delete(catalogSnapshot);
      return state;
    },
  };
}
