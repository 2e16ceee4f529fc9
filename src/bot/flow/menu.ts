import type { Currency } from '../../payments/money.js';
import type { Product } from '../../payments/types.js';
import { loadBillers } from './billers.js';
import { categoriesOf, productsIn } from './catalog.js';
import type { FlowEffect } from './effects.js';
import { PAGE_SIZE, pageOfIndex } from './paging.js';
import { purchaseKindOf } from './product-kind.js';
import { impliedAboveOrderMax } from './purchase.js';
import type { Display, FlowState, Purchase } from './state.js';
import {
  clearPurchase,
  type FlowContext,
  type FlowResult,
  goTo,
  startRequest,
  withNotice,
} from './transition.js';

/** The menus (categories, then products) and the start of a purchase. */

/** Fresh main menu: reloads the catalog so new and retired products show. */
export function openMenu(state: FlowState, ctx: FlowContext, display: Display): FlowResult {
  return startRequest(
    clearPurchase(state),
    (requestId) => ({ type: 'load-catalog', requestId, walletOf: state.userId }),
    ctx,
    display,
  );
}

/**
 * The menu from the session's catalog, focused on a category (and product) when coming back from
 * one. A category holding a single product is skipped over, as choosing it skipped the product list.
 */
export function showMenu(
  state: FlowState,
  ctx: FlowContext,
  display: Display,
  focus: { category?: string; product?: string } = {},
): FlowResult {
  const base = clearPurchase(state);
  const catalog = base.catalog;
  if (catalog === undefined) {
    return startRequest(
      base,
      (requestId) => ({
        type: 'load-catalog',
        requestId,
        ...(focus.category ? { category: focus.category } : {}),
      }),
      ctx,
      display,
    );
  }
  const category = focus.category;
  if (category !== undefined) {
    const products = productsIn(catalog, category);
    if (products.length > 1) {
      const index = Math.max(
        0,
        products.findIndex((entry) => entry.code === focus.product),
      );
      return goTo(
        base,
        { kind: 'products', category, page: pageOfIndex(index, PAGE_SIZE.products) },
        ctx,
        display,
      );
    }
    const index = Math.max(0, categoriesOf(catalog).indexOf(category));
    return goTo(base, { kind: 'categories', page: pageOfIndex(index, PAGE_SIZE.categories) }, ctx, display);
  }
  return goTo(base, { kind: 'categories', page: 0 }, ctx, display);
}

/** Opens a category: its products, or straight into its only product. */
export function openCategory(
  state: FlowState,
  category: string,
  ctx: FlowContext,
  display: Display,
): FlowResult {
  const products = productsIn(state.catalog ?? [], category);
  const only = products.length === 1 ? products[0] : undefined;
  if (only) return loadProduct(state, only.code, ctx, display);
  return goTo(state, { kind: 'products', category, page: 0 }, ctx, display);
}

export function loadProduct(state: FlowState, code: string, ctx: FlowContext, display: Display): FlowResult {
  return startRequest(
    state,
    (requestId) => ({ type: 'load-product', requestId, product: code, buyer: state.userId }),
    ctx,
    display,
  );
}

/** Starts buying a product; the network check runs alongside and only ever adds a warning. */
export function startPurchase(
  state: FlowState,
  product: Product,
  currency: Currency,
  ctx: FlowContext,
  display: Display,
  /** A biller purchase's payer: the verified IC or passport number of this buyer. */
  payerId?: string,
): FlowResult {
  const purchase: Purchase = {
    product,
    kind: purchaseKindOf(product),
    currency,
    ...(payerId !== undefined ? { payerId } : {}),
    ...(ctx.maxOrderAmount ? { orderMax: ctx.maxOrderAmount } : {}),
  };
  const next: FlowState = { ...state, purchase, currency };
  const limit = purchase.kind === 'direct' ? impliedAboveOrderMax(purchase) : undefined;
  if (limit) {
    const notice = { kind: 'price-above-order-max', limit } as const;
    return showMenu(withNotice(state, notice), ctx, display, {
      category: product.category,
      product: product.code,
    });
  }
  const check: FlowEffect = { type: 'check-network', product: product.code };
  const result =
    purchase.kind === 'biller'
      ? loadBillers(next, ctx, display, { page: 0 })
      : goTo(next, { kind: 'account' }, ctx, display);
  // After show-screen, so a warning that arrives edits the screen just shown.
  return { state: result.state, effects: [...result.effects, check] };
}
