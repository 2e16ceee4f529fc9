import { z } from 'zod';
import type { Clock } from '../platform/clock.js';
import type { PaymentProvider } from './provider.js';
import { networkStatusSchema, type SharedCache } from './shared-cache.js';
import type { NetworkStatus } from './types.js';

/**
 * The provider with `getNetworkStatus` answered from caches. A product's network status is the same
 * for every buyer, yet the bot asks for it on every product tap; here a checked status is kept in
 * the shared cache (every replica, `sharedTtlMs`) and in this process (`localTtlMs`), and concurrent
 * asks for one product share one look-up, so a burst of taps on a product costs at most one provider
 * call per replica, and then none until the shared copy expires.
 *
 * A failed check is never cached as an answer: nothing goes to the shared cache (the failure says
 * nothing about the network, and other replicas may well reach the provider), and this process
 * gives the same error again for `failureHoldMs` without asking. The status is advisory (the bot
 * shows no warning when it fails), so a short hold loses nothing, while asking again on every tap
 * would multiply calls, each with its own retries, against a provider that is already failing.
 *
 * Everything else passes through unchanged. The CLI's `status` command uses its own provider and
 * still asks live.
 */

export interface NetworkStatusCacheTuning {
  /** How long a checked status is shared by every replica (60 s). */
  sharedTtlMs?: number;
  /** How long this process answers from its own copy before asking the shared cache (5 s). */
  localTtlMs?: number;
  /** How long this process gives a failed check's error again before asking the provider (10 s). */
  failureHoldMs?: number;
}

export interface NetworkStatusCacheOptions extends NetworkStatusCacheTuning {
  cache: SharedCache;
  clock: Clock;
}

export const NETWORK_STATUS_SHARED_TTL_MS = 60_000;
export const NETWORK_STATUS_LOCAL_TTL_MS = 5_000;
export const NETWORK_STATUS_FAILURE_HOLD_MS = 10_000;

/** Products this process remembers before it drops the expired ones (a catalog has far fewer). */
const MAX_HELD = 1_000;

/** The shared record: the status and when it was checked. Anything else in its place is ignored. */
const sharedRecordSchema = z.object({
  checkedAtMs: z.number(),
  status: networkStatusSchema,
});

type Held = { status: NetworkStatus; untilMs: number } | { error: unknown; untilMs: number };

/**
 * `provider` with its network status cached; the provider itself when it has no network status. It
 * is copied as a plain object (as the adapters and `instrumentProvider` build theirs).
 */
export function cacheNetworkStatus(
  provider: PaymentProvider,
  options: NetworkStatusCacheOptions,
): PaymentProvider {
  const check = provider.getNetworkStatus?.bind(provider);
  if (!check) return provider;
  const { cache, clock } = options;
  const sharedTtlMs = options.sharedTtlMs ?? NETWORK_STATUS_SHARED_TTL_MS;
  const localTtlMs = options.localTtlMs ?? NETWORK_STATUS_LOCAL_TTL_MS;
  const failureHoldMs = options.failureHoldMs ?? NETWORK_STATUS_FAILURE_HOLD_MS;
  const held = new Map<string, Held>();
  const inFlight = new Map<string, Promise<NetworkStatus>>();

  const hold = (product: string, entry: Held) => {
    if (held.size >= MAX_HELD) {
      const now = clock.nowMs();
      for (const [key, each] of held) if (each.untilMs <= now) held.delete(key);
    }
    held.set(product, entry);
  };

  /** The shared copy when there is a usable one; a cache that cannot be read counts as empty. */
  const readShared = async (name: string, product: string): Promise<Held | undefined> => {
    const parsed = sharedRecordSchema.safeParse(await cache.get<unknown>(name).catch(() => undefined));
    if (!parsed.success || parsed.data.status.product !== product) return undefined;
    const { status, checkedAtMs } = parsed.data;
    const now = clock.nowMs();
    const untilMs = Math.min(now + localTtlMs, checkedAtMs + sharedTtlMs);
    return untilMs > now ? { status, untilMs } : undefined;
  };

  const lookUp = async (product: string): Promise<NetworkStatus> => {
    const name = `netstatus:${provider.id}:${product}`;
    const shared = await readShared(name, product);
    if (shared && 'status' in shared) {
      hold(product, shared);
      return shared.status;
    }
    let status: NetworkStatus;
    try {
      status = await check(product);
    } catch (error) {
      hold(product, { error, untilMs: clock.nowMs() + failureHoldMs });
      throw error;
    }
    const checkedAtMs = clock.nowMs();
    hold(product, { status, untilMs: checkedAtMs + localTtlMs });
    // Sharing is an optimisation: a cache that cannot be written leaves this process's copy.
    await cache.set(name, { status, checkedAtMs }, sharedTtlMs).catch(() => {});
    return status;
  };

  const getNetworkStatus = async (product: string): Promise<NetworkStatus> => {
    const mine = held.get(product);
    if (mine && clock.nowMs() < mine.untilMs) {
      if ('error' in mine) throw mine.error;
      return mine.status;
    }
    let pending = inFlight.get(product);
    if (!pending) {
      pending = lookUp(product).finally(() => inFlight.delete(product));
      inFlight.set(product, pending);
    }
    return pending;
  };

  return { ...provider, getNetworkStatus };
}
