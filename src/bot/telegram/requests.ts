import type { OrderService } from '../../payments/orders/ports.js';
import type { PaymentProvider } from '../../payments/provider.js';
import type { Product, SubProduct, SubProductPage } from '../../payments/types.js';
import type { CacheStore } from '../../store/ports.js';
import type { Admission } from '../access/admission.js';
import { filterOptions } from '../flow/catalog.js';
import type { RequestEffect } from '../flow/effects.js';
import { requestFailedEvent } from '../flow/errors.js';
import type { FlowEvent } from '../flow/events.js';

/**
 * Answers the conversation's requests with the provider and the order engine. The catalog is read
 * through the shared cache, so a burst of buyers costs one catalog call per TTL, not one each.
 */
export interface RequestDeps {
  provider: PaymentProvider;
  orders: OrderService;
  cache: CacheStore;
  catalogTtlMs: number;
  /** Who may buy and how much, checked before an order is made; everyone, unlimited, without it. */
  admission?: Admission;
}

/** Pages of a searchable list fetched at most, so a search cannot walk an endless list. */
const MAX_SEARCH_PAGES = 20;

export function createRequestRunner(deps: RequestDeps) {
  const { provider, orders, cache } = deps;
  const catalogKey = `catalog:${provider.id}`;

  const catalog = async (): Promise<Product[]> => {
    const cached = await cache.get<Product[]>(catalogKey);
    if (cached) return cached;
    const products = await provider.listProducts();
    await cache.set(catalogKey, products, deps.catalogTtlMs);
    return products;
  };

  const listOptions = async (
    effect: Extract<RequestEffect, { type: 'load-options' }>,
  ): Promise<SubProductPage> => {
    if (!provider.listOptions) return { items: [] };
    if (effect.search === undefined) return provider.listOptions(effect.query);
    const all: SubProduct[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_SEARCH_PAGES; page++) {
      const { cursor: _previous, ...query } = effect.query;
      const result = await provider.listOptions(cursor ? { ...query, cursor } : query);
      all.push(...result.items);
      cursor = result.next;
      if (!cursor) break;
    }
    return { items: filterOptions(all, effect.search, effect.query.limit) };
  };

  const answer = async (effect: RequestEffect): Promise<FlowEvent> => {
    const { requestId } = effect;
    switch (effect.type) {
      case 'load-catalog':
        return { type: 'catalog-loaded', requestId, products: await catalog(), currency: provider.currency };
      case 'load-product': {
        const product = (await catalog()).find((p) => p.code === effect.product);
        return { type: 'product-loaded', requestId, product, currency: provider.currency };
      }
      case 'load-options':
        return { type: 'options-loaded', requestId, page: await listOptions(effect) };
      case 'inquire-bill': {
        const bill = provider.inquire
          ? await provider.inquire(effect.query)
          : { outcome: 'unavailable' as const, message: '', otherFields: [] };
        return { type: 'bill-loaded', requestId, bill };
      }
      case 'confirm-order': {
        const refusal = await deps.admission?.check(effect.draft);
        if (refusal) return { type: 'order-refused', requestId, refusal };
        const confirmed = await orders.confirm(effect.draft);
        // The conversation does not put a price on drafts yet, so a short balance cannot happen here;
        // when it does, it must be told as a refusal (balance and shortfall), not as this failure.
        if (confirmed.result === 'insufficient')
          throw new Error(
            `confirm of quote ${effect.draft.quoteId} refused: wallet balance short of the price`,
          );
        return { type: 'order-confirmed', requestId, order: confirmed.order };
      }
      case 'list-orders':
        return {
          type: 'orders-listed',
          requestId,
          orders: await orders.listByUser(effect.userId, effect.limit),
        };
    }
  };

  /** The event answering `effect`: its result, or `request-failed` with what to do next. */
  return async (effect: RequestEffect): Promise<FlowEvent> => {
    try {
      return await answer(effect);
    } catch (error) {
      return requestFailedEvent(effect.requestId, error);
    }
  };
}
