import { z } from 'zod';

/**
 * The shared cache as the provider decorators see it (network status, products without bills): the
 * two calls they need of the cache store, Redis in production, so payments declares the port and the
 * store implements it.
 */
export interface SharedCache {
  get<T>(name: string): Promise<T | undefined>;
  set<T>(name: string, value: T, ttlMs: number): Promise<void>;
}

/** A product's network status (`NetworkStatus`) read back from storage, checked like any input. */
export const networkStatusSchema = z.object({
  product: z.string(),
  name: z.string(),
  healthy: z.boolean(),
  status: z.string(),
  imageUrl: z.string().optional(),
});
