import type { Money } from '../../payments/money.js';
import type { OrderDraft } from '../../payments/orders/order.js';
import type { OrderService } from '../../payments/orders/ports.js';
import type { PaymentProvider } from '../../payments/provider.js';
import type { Product, SubProduct, SubProductPage } from '../../payments/types.js';
import { deepFreeze } from '../../platform/json.js';
import type { CacheStore, VerifiedPayerStore } from '../../store/ports.js';
import type { WalletStore } from '../../wallet/ledger.js';
import type { OnlineTopupIntake } from '../../wallet/online-topups.js';
import type { TopupEvidence } from '../../wallet/topup-claims.js';
import type { Admission } from '../access/admission.js';
import { filterOptions } from '../flow/catalog.js';
import type { QuotedProduct, RequestEffect } from '../flow/effects.js';
import { requestFailedEvent } from '../flow/errors.js';
import type { FlowEvent, PayerCheck } from '../flow/events.js';
import { purchaseKindOf } from '../flow/product-kind.js';
import type { Locale } from '../i18n/locale.js';
import { maskIdNumber } from '../id-numbers.js';

/**
 * Answers the conversation's requests with the provider and the order engine. The catalog is read
 * through the shared cache, so a burst of buyers costs one catalog call per TTL, not one each.
 */
export interface RequestDeps {
  provider: PaymentProvider;
  orders: OrderService;
  cache: CacheStore;
  catalogTtlMs: number;
  /**
   * How long this process may show its copy of the catalog before asking the cache whether another
   * replica refreshed it (`CATALOG_RECHECK_MS` by default).
   */
  catalogRecheckMs?: number;
  /** Who may buy and how much, checked before an order is made; everyone, unlimited, without it. */
  admission?: Admission;
  /**
   * The owner's margin: what the buyer pays for a face value (`quotePrice` under the stored rules).
   * A failure (the rules cannot be read) fails the quote: nothing is sold at a wrong price. Without
   * it, the price is the face value.
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
  /**
   * JomPAY compliance (JOMPAY_ENABLED and the verified payers). Without it, or disabled, biller
   * products are not offered and a JomPAY order is refused at Confirm.
   */
  jompay?: { enabled: boolean; payers: Pick<VerifiedPayerStore, 'get'> };
  /** Told of every freshly read catalog's unsellable products (the admins are alerted, throttled). */
  onUnsellable?: (products: Product[]) => void;
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

/**
 * How stale a replica's catalog may be after another replica refreshed it. A refresh happens when
 * the cached catalog expires, and every replica sees that expiry at the same moment (each holds
 * the TTL Redis reported), so this bounds only the rarer cases: a catalog written while this
 * replica still held one (two replicas refreshing at once, a flushed or evicted key). Against a
 * catalog that is up to `catalogTtlMs` (10 min) old anyway, 5 s more changes nothing a buyer sees,
 * and it is what lets a browse update cost no Redis read at all.
 */
export const CATALOG_RECHECK_MS = 5_000;

/**
 * The provider's catalog through the shared cache (one key per provider, `catalogTtlMs`): the buyer
 * conversation and the admins' /margin previews read the same cached list. It is parsed once per
 * process per version and shared (`CacheStore.getShared`): the list returned is frozen, and the
 * same object goes to every caller. When the cache has none, one provider call refills it for
 * every concurrent caller in this process; a provider failure then fails the read and nothing is
 * cached, so the next read asks again.
 */
export function createCatalogReader(
  deps: Pick<RequestDeps, 'provider' | 'cache' | 'catalogTtlMs' | 'catalogRecheckMs' | 'onUnsellable'>,
): () => Promise<Product[]> {
  const { provider, cache } = deps;
  const catalogKey = `catalog:${provider.id}`;
  const recheckMs = deps.catalogRecheckMs ?? CATALOG_RECHECK_MS;
  let refreshing: Promise<Product[]> | undefined;
  const refresh = async (): Promise<Product[]> => {
    const products = await provider.listProducts();
    await cache.set(catalogKey, products, deps.catalogTtlMs);
    const unsellable = products.filter((product) => product.unsellable !== undefined);
    if (unsellable.length > 0) deps.onUnsellable?.(unsellable);
    // The store's copy of what was just written (held in this process, no read): the same frozen
    // list every later reader gets.
    return (await cache.getShared<Product[]>(catalogKey, { recheckMs })) ?? deepFreeze(products);
  };
  return async () => {
    const cached = await cache.getShared<Product[]>(catalogKey, { recheckMs });
    if (cached) return cached;
    refreshing ??= refresh().finally(() => {
      refreshing = undefined;
    });
    return refreshing;
  };
}

export function createRequestRunner(deps: RequestDeps) {
  const { provider, orders } = deps;
  const providerCatalog = createCatalogReader(deps);

  const jompayOn = deps.jompay?.enabled === true;
  /**
   * With JomPAY off, biller products are simply not for sale. One list per catalog read (by
   * identity, frozen like it), so every menu drawn from the same catalog gets the same list.
   */
  const offeredLists = new WeakMap<Product[], Product[]>();
  const offered = (products: Product[]): Product[] => {
    if (jompayOn) return products;
    let list = offeredLists.get(products);
    if (!list) {
      list = deepFreeze(
        products.map((product) =>
          purchaseKindOf(product) === 'biller' && product.active ? { ...product, active: false } : product,
        ),
      );
      offeredLists.set(products, list);
    }
    return list;
  };

  const payerCheck = async (userId: number | undefined): Promise<PayerCheck> => {
    if (!jompayOn || !deps.jompay || userId === undefined) return { status: 'disabled' };
    const payer = await deps.jompay.payers.get(userId);
    return payer ? { status: 'verified', payerId: payer.id } : { status: 'unverified' };
  };

  const catalog = async (): Promise<Product[]> => offered(await providerCatalog());

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
        const biller = product?.active === true && purchaseKindOf(product) === 'biller';
        return {
          type: 'product-loaded',
          requestId,
          product,
          currency: provider.currency,
          ...(biller ? { payer: await payerCheck(effect.buyer) } : {}),
        };
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
        const checked = await withVerifiedPayer(effect.draft);
        if (!checked) {
          const userId = effect.draft.userId;
          return { type: 'order-refused', requestId, refusal: { kind: 'payer-unverified', userId } };
        }
        // The debit is made in the script that creates the order; a short balance creates nothing.
        const { charge: _noCharge, ...uncharged } = checked;
        const confirmed = await orders.confirm(deps.chargeBuyers ? checked : uncharged);
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
        // The balance only matters where the price is taken from the wallet.
        const walletOf = deps.chargeBuyers ? effect.walletOf : undefined;
        const [price, balance] = await Promise.all([
          deps.quotePrice && deps.chargeBuyers ? deps.quotePrice(effect.product, effect.base) : effect.base,
          walletOf === undefined ? undefined : balanceOrNothing(walletOf),
        ]);
        return { type: 'price-quoted', requestId, price, ...(balance ? { balance } : {}) };
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

  /**
   * A JomPAY draft is paid as the buyer's verified payer, read again at Confirm (an admin may have
   * withdrawn it since): the number sent is the store's, never the session's. Undefined: refuse.
   */
  const withVerifiedPayer = async (draft: OrderDraft): Promise<OrderDraft | undefined> => {
    const extras = draft.request.extras;
    if (extras?.billerCode === undefined) return draft;
    const check = await payerCheck(draft.userId);
    if (check.status !== 'verified') return undefined;
    return {
      ...draft,
      request: { ...draft.request, extras: { ...extras, icNumber: check.payerId } },
      display: { ...draft.display, payer: maskIdNumber(check.payerId) },
    };
  };

  /**
   * The main menu's balance line and the confirm screen's shortfall are conveniences: a wallet that
   * cannot be read is left out.
   */
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
