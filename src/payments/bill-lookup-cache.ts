import { z } from 'zod';
import type { Clock } from '../platform/clock.js';
import type { InquiryQuery, PaymentProvider } from './provider.js';
import type { SharedCache } from './shared-cache.js';
import type { BillPresentment } from './types.js';

/**
 * Bill look-ups are asked for every product and every account, as the provider advises, so new
 * billers show their bills without a release. For most products (prepaid reloads, vouchers) the
 * answer is "no bill presentment for this product", the same for every account: that answer alone
 * is remembered per product, shared by the replicas, and given for a while without asking again.
 * A product that gains bill presentment is seen once the remembered answer expires. Every other
 * answer (a bill, an invalid account, the service down) is per account and always asked.
 */
export interface BillLookupCacheOptions {
  cache: SharedCache;
  clock: Clock;
  /** How long "no bill presentment for this product" is reused, shared across replicas (10 min). */
  sharedTtlMs?: number;
  /** How long this process reuses it without asking the shared cache (60 s). */
  localTtlMs?: number;
}

export const NO_BILL_SHARED_TTL_MS = 10 * 60_000;
export const NO_BILL_LOCAL_TTL_MS = 60_000;

const rememberedSchema = z.object({ message: z.string(), atMs: z.number() });

export function rememberProductsWithoutBills(
  provider: PaymentProvider,
  options: BillLookupCacheOptions,
): PaymentProvider {
  const inquire = provider.inquire?.bind(provider);
  if (!inquire) return provider;
  const { cache, clock } = options;
  const sharedTtlMs = options.sharedTtlMs ?? NO_BILL_SHARED_TTL_MS;
  const localTtlMs = options.localTtlMs ?? NO_BILL_LOCAL_TTL_MS;
  /** product -> the remembered answer and until when this process uses it. */
  const held = new Map<string, { bill: BillPresentment; untilMs: number }>();

  const answerFor = (message: string): BillPresentment => ({
    outcome: 'unavailable',
    message,
    productWide: true,
    otherFields: [],
  });

  const remembered = async (product: string): Promise<BillPresentment | undefined> => {
    const now = clock.nowMs();
    const mine = held.get(product);
    if (mine && now < mine.untilMs) return mine.bill;
    const shared = rememberedSchema.safeParse(
      await cache.get(`nobill:${provider.id}:${product}`).catch(() => undefined),
    );
    if (!shared.success || shared.data.atMs + sharedTtlMs <= now) return undefined;
    const bill = answerFor(shared.data.message);
    held.set(product, { bill, untilMs: Math.min(now + localTtlMs, shared.data.atMs + sharedTtlMs) });
    return bill;
  };

  /** Asks the provider, and remembers a product-wide "none". */
  const ask = async (query: InquiryQuery): Promise<BillPresentment> => {
    const bill = await inquire(query);
    if (bill.outcome === 'unavailable' && bill.productWide) {
      const atMs = clock.nowMs();
      held.set(query.product, { bill: answerFor(bill.message), untilMs: atMs + localTtlMs });
      // Sharing is an optimisation: a cache that cannot be written leaves this process's copy.
      await cache
        .set(`nobill:${provider.id}:${query.product}`, { message: bill.message, atMs }, sharedTtlMs)
        .catch(() => {});
    }
    return bill;
  };
  /** A look-up of a product not known yet, which buyers arriving meanwhile wait for. */
  const firstAsks = new Map<string, Promise<BillPresentment>>();

  return {
    ...provider,
    async inquire(query) {
      // JomPAY billers share one product code; their answers are never reused.
      if (query.billerCode !== undefined) return inquire(query);
      const known = await remembered(query.product);
      if (known) return known;
      const first = firstAsks.get(query.product);
      if (first) {
        // Another buyer's look-up of this product is under way: its answer serves this buyer too
        // only if it was the product-wide "none"; otherwise this account is asked on its own.
        const theirs = await first.catch(() => undefined);
        if (theirs?.outcome === 'unavailable' && theirs.productWide) return answerFor(theirs.message);
        return ask(query);
      }
      const asking = ask(query).finally(() => firstAsks.delete(query.product));
      firstAsks.set(query.product, asking);
      return asking;
    },
  };
}
