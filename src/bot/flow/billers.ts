import type { SubProduct } from '../../payments/types.js';
import { PAGE_SIZE } from './paging.js';
import { resetFrom } from './purchase.js';
import type { BillerList, Display, FlowState, Purchase } from './state.js';
import {
  type FlowContext,
  type FlowResult,
  goTo,
  renotice,
  SEND,
  startRequest,
  stay,
  withNotice,
  withPurchase,
} from './transition.js';

/**
 * Choosing a biller (JomPAY): the provider's list a page at a time, a search by name, or a code typed
 * straight in. Pages are the provider's, so the cursors that reach them are kept to page back.
 */

/** Matches read when a typed biller code is looked up (codes are digits, so many names may match). */
const CODE_LOOKUP_LIMIT = 50;

/**
 * The answer to a typed code's look-up: that biller, or the first page of the list again with a
 * notice that no biller has this code.
 */
export function onBillerCodeLookup(
  state: FlowState,
  code: string,
  items: readonly SubProduct[],
  ctx: FlowContext,
  display: Display,
): FlowResult {
  const match = items.find((item) => item.code === code);
  if (match) return chooseBiller(state, match, ctx, display);
  // Back to the list the code was typed on (the loading screen's `from`), saying why.
  const from = state.screen.kind === 'loading' ? state.screen.from : undefined;
  const notice = withNotice(state, { kind: 'biller-unknown', code });
  if (from?.kind === 'billers') return goTo(notice, from, ctx, display);
  return loadBillers(notice, ctx, display, { page: 0 });
}

/** Loads one page of the provider's biller list, or the matches of a search. */
export function loadBillers(
  state: FlowState,
  ctx: FlowContext,
  display: Display,
  target: { page: number; cursor?: string; search?: string; code?: string },
): FlowResult {
  const purchase = state.purchase;
  if (!purchase) return stay(state);
  return startRequest(
    state,
    (requestId) => ({
      type: 'load-options',
      requestId,
      purpose: 'billers',
      page: target.page,
      query: {
        product: purchase.product.code,
        limit: target.code !== undefined ? CODE_LOOKUP_LIMIT : PAGE_SIZE.billers,
        ...(target.cursor !== undefined ? { cursor: target.cursor } : {}),
      },
      ...(target.search !== undefined ? { search: target.search } : {}),
      ...(target.code !== undefined ? { code: target.code } : {}),
    }),
    ctx,
    display,
  );
}

export function chooseBiller(
  state: FlowState,
  biller: SubProduct,
  ctx: FlowContext,
  display: Display,
): FlowResult {
  const purchase = state.purchase;
  if (!purchase) return stay(state);
  const choice: Purchase['biller'] = { code: biller.code, name: biller.name };
  if (biller.min && biller.max) Object.assign(choice, { min: biller.min, max: biller.max });
  const next = { ...resetFrom(purchase, 'biller'), biller: choice };
  return goTo(withPurchase(state, next), { kind: 'account' }, ctx, display);
}

/** Typed on the biller list: digits are a biller code, anything else a search. */
export function onBillerText(state: FlowState, list: BillerList, text: string, ctx: FlowContext): FlowResult {
  const compact = text.replace(/\s+/g, '');
  if (/^\d{3,10}$/.test(compact)) {
    const listed = list.items.find((item) => item.code === compact);
    if (listed) return chooseBiller(state, listed, ctx, SEND);
    // Checked against the provider's biller list before Ref-1 is asked, so its name is shown and a
    // mistyped code is caught now rather than by the bill presentment.
    return loadBillers(state, ctx, SEND, { page: 0, search: compact, code: compact });
  }
  const search = text.replace(/\s+/g, ' ').trim();
  if ([...search].length < 2 || [...search].length > 40) return renotice(state, { kind: 'use-buttons' });
  return loadBillers(state, ctx, SEND, { page: 0, search });
}
