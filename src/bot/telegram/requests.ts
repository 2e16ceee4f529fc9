import type { Money } from '../../payments/money.js';
import type { OrderService } from '../../payments/orders/ports.js';
import type { PaymentProvider } from '../../payments/provider.js';
import type { Product, SubProduct, SubProductPage } from '../../payments/types.js';
import type { CacheStore } from '../../store/ports.js';
import type { WalletStore } from '../../wallet/ledger.js';
import type { OnlineTopupIntake } from '../../wallet/online-topups.js';
import type { TopupEvidence } from '../../wallet/topup-claims.js';
import type { Admission } from '../access/admission.js';
import { filterOptions } from '../flow/catalog.js';
import type { QuotedProduct, RequestEffect } from '../flow/effects.js';
import { requestFailedEvent } from '../flow/errors.js';
import type { FlowEvent } from '../flow/events.js';
import type { Locale } from '../i18n/locale.js';

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
  /**
   * The owner's margin: what the buyer pays for a face value. Until margin rules are wired, the
   * price is the face value.
   */
  quotePrice?: (product: QuotedProduct, base: Money) => Promise<Money>;
  /**
   * Whether orders are paid from the wallet (BUYER_PAYMENT=wallet). When false, drafts reach the
   * order engine without a charge and every price is the face value.
   */
  chargeBuyers?: boolean;
  /** Buyer wallets: balances and statements. */
  wallets?: Pick<WalletStore, 'balance' | 'entries'>;
  /** Records top-up claims and hands them to the admins; top-ups fail as `fix-config` without it. */
  topups?: TopupClaimIntake;
  /** Starts Billplz bills and Stars invoices; such top-ups fail as `fix-config` without it. */
  online?: OnlineTopupIntake;
}

/** Takes a buyer's top-up claim (creates it, sends the admins their copies). */
export interface TopupClaimIntake {
  submit(claim: {
    userId: number;
    chatId: number;
    amount: Money;
    evidence: TopupEvidence;
    /** The buyer's language, for the result message. */
    locale?: Locale;
  }): Promise<{ claimId: string; expiresAt: number }>;
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

  const answer = async (effect: RequestEffect, locale?: Locale): Promise<FlowEvent> => {
    const { requestId } = effect;
    switch (effect.type) {
      case 'load-catalog': {
        const products = await catalog();
        const balance = effect.walletOf === undefined ? undefined : await balanceOrNothing(effect.walletOf);
        return {
          type: 'catalog-loaded',
          requestId,
          products,
          currency: provider.currency,
          ...(balance ? { balance } : {}),
        };
      }
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
        // The debit is made in the script that creates the order; a short balance creates nothing.
        const { charge: _noCharge, ...uncharged } = effect.draft;
        const confirmed = await orders.confirm(deps.chargeBuyers ? effect.draft : uncharged);
        if (confirmed.result === 'insufficient') {
          const { balance, price } = confirmed;
          return {
            type: 'order-refused',
            requestId,
            refusal: { kind: 'insufficient-balance', balance, price },
          };
        }
        return { type: 'order-confirmed', requestId, order: confirmed.order };
      }
      case 'list-orders':
        return {
          type: 'orders-listed',
          requestId,
          orders: await orders.listByUser(effect.userId, effect.limit),
        };
      case 'quote-price': {
        const price =
          deps.quotePrice && deps.chargeBuyers
            ? await deps.quotePrice(effect.product, effect.base)
            : effect.base;
        return { type: 'price-quoted', requestId, price };
      }
      case 'load-wallet': {
        const wallets = deps.wallets;
        // Not set up for wallets: the owner must configure it, retrying cannot help.
        if (!wallets) return { type: 'request-failed', requestId, error: 'fix-config' };
        const [balance, page] = await Promise.all([
          wallets.balance(effect.userId),
          wallets.entries(effect.userId, { offset: effect.offset, limit: effect.limit }),
        ]);
        return { type: 'wallet-loaded', requestId, balance, page };
      }
      case 'create-topup-claim': {
        if (!deps.topups) return { type: 'request-failed', requestId, error: 'fix-config' };
        const { claimId, expiresAt } = await deps.topups.submit({
          userId: effect.userId,
          chatId: effect.chatId,
          amount: effect.amount,
          evidence: effect.evidence,
          ...(locale ? { locale } : {}),
        });
        return { type: 'topup-claim-created', requestId, claimId, expiresAt };
      }
      case 'start-online-topup': {
        if (!deps.online) return { type: 'request-failed', requestId, error: 'fix-config' };
        const started = await deps.online.start(effect.method, {
          userId: effect.userId,
          chatId: effect.chatId,
          amount: effect.amount,
          ...(locale ? { locale } : {}),
        });
        if (!started.ok)
          return {
            type: 'request-failed',
            requestId,
            error: started.reason === 'unavailable' ? 'try-later' : 'fix-config',
          };
        return {
          type: 'online-topup-started',
          requestId,
          method: effect.method,
          expiresAt: started.expiresAt,
          ...(started.url ? { url: started.url } : {}),
          ...(started.stars ? { stars: started.stars } : {}),
        };
      }
    }
  };

  /** The main menu's balance line is a convenience: a wallet that cannot be read is left out. */
  const balanceOrNothing = async (userId: number): Promise<Money | undefined> => {
    if (!deps.wallets) return undefined;
    try {
      return await deps.wallets.balance(userId);
    } catch {
      return undefined;
    }
  };

  /** The event answering `effect`: its result, or `request-failed` with what to do next. */
  return async (effect: RequestEffect, locale?: Locale): Promise<FlowEvent> => {
    try {
      return await answer(effect, locale);
    } catch (error) {
      return requestFailedEvent(effect.requestId, error);
    }
  };
}
