import { isFinal, type Order } from '../../payments/orders/order.js';
import type { CallbackData } from '../callback-data.js';
import { shownOrderAccount } from '../id-numbers.js';
import { stepOfScreen } from './back.js';
import { onBillerCodeLookup } from './billers.js';
import { toCatalog } from './catalog.js';
import type { ErrorKind, RequestEffect } from './effects.js';
import type { FlowEvent } from './events.js';
import { loadProduct, showMenu, startPurchase } from './menu.js';
import { HISTORY_PAGE_SIZE, MAX_HISTORY_PAGES, MAX_OPTIONS, PAGE_SIZE } from './paging.js';
import { purchaseKindOf } from './product-kind.js';
import { asksForRef2, resetFrom } from './purchase.js';
import type { FlowState, HistoryEntry, Screen } from './state.js';
import { afterBill, toConfirm } from './steps.js';
import {
  awaited,
  clearPurchase,
  editOr,
  type FlowContext,
  type FlowResult,
  goTo,
  renotice,
  resultDisplay,
  SEND,
  show,
  stay,
  withNotice,
} from './transition.js';
import { onTopupClaimCreated, onWalletLoaded } from './wallet.js';

/**
 * Answers to effects. An answer counts only while the screen still waits for that request id; after
 * Back, Cancel or a new command it is ignored, so a slow provider never yanks the buyer elsewhere.
 */

type ResultEvent = Extract<
  FlowEvent,
  {
    type:
      | 'catalog-loaded'
      | 'product-loaded'
      | 'options-loaded'
      | 'bill-loaded'
      | 'orders-listed'
      | 'wallet-loaded'
      | 'topup-claim-created';
  }
>;

export function onResult(state: FlowState, event: ResultEvent, ctx: FlowContext): FlowResult {
  if (event.type === 'wallet-loaded') return onWalletLoaded(state, event, ctx);
  if (event.type === 'topup-claim-created') return onTopupClaimCreated(state, event, ctx);
  const request = awaited(state, event.requestId);
  if (!request || state.screen.kind !== 'loading') return stay(state);
  const from = state.screen.from;
  const display = resultDisplay(state);
  switch (event.type) {
    case 'catalog-loaded': {
      if (request.type !== 'load-catalog') return stay(state);
      const loaded: FlowState = { ...state, catalog: toCatalog(event.products), currency: event.currency };
      if (event.balance) loaded.shownBalance = event.balance;
      return showMenu(loaded, ctx, display, request.category ? { category: request.category } : {});
    }
    case 'product-loaded': {
      if (request.type !== 'load-product') return stay(state);
      if (!event.product?.active) {
        return showMenu(withNotice(state, { kind: 'product-unavailable' }), ctx, display);
      }
      if (purchaseKindOf(event.product) !== 'biller')
        return startPurchase(clearPurchase(state), event.product, event.currency, ctx, display);
      // JomPAY: off unless the owner enabled it, and then only for buyers an admin verified (eKYC).
      const payer = event.payer ?? { status: 'disabled' };
      if (payer.status === 'disabled')
        return showMenu(withNotice(state, { kind: 'product-unavailable' }), ctx, display);
      if (payer.status === 'unverified') {
        return goTo(
          clearPurchase(state),
          { kind: 'refused', refusal: { kind: 'payer-unverified', userId: state.userId }, back: from },
          ctx,
          display,
        );
      }
      return startPurchase(clearPurchase(state), event.product, event.currency, ctx, display, payer.payerId);
    }
    case 'options-loaded': {
      if (request.type !== 'load-options') return stay(state);
      const items = event.page.items.slice(0, MAX_OPTIONS);
      if (request.purpose === 'billers' && request.code !== undefined)
        return onBillerCodeLookup(state, request.code, event.page.items, ctx, display);
      if (request.purpose === 'billers') {
        const page = request.page ?? 0;
        const earlier = from.kind === 'billers' ? from.list.cursors.slice(0, page) : [];
        const list = {
          items: items.slice(0, PAGE_SIZE.billers),
          page,
          cursors: [...earlier, request.query.cursor ?? null],
          ...(event.page.next !== undefined && request.search === undefined ? { next: event.page.next } : {}),
          ...(request.search !== undefined ? { search: request.search } : {}),
        };
        return goTo(state, { kind: 'billers', list }, ctx, display);
      }
      const purchase = state.purchase;
      if (!purchase) return stay(state);
      const next = { ...resetFrom(purchase, 'options'), options: items };
      return goTo({ ...state, purchase: next }, { kind: 'options', page: 0 }, ctx, display);
    }
    case 'bill-loaded':
      return request.type === 'inquire-bill' ? onBill(state, event.bill, request, ctx) : stay(state);
    case 'orders-listed': {
      if (request.type !== 'list-orders') return stay(state);
      const mine = event.orders.filter((order) => order.userId === state.userId);
      // Fewer orders than the page asked for (some went meanwhile): the last page there is.
      const lastPage = Math.max(0, Math.ceil(mine.length / HISTORY_PAGE_SIZE) - 1);
      const page = Math.min(request.page ?? 0, lastPage);
      const start = page * HISTORY_PAGE_SIZE;
      const orders = mine.slice(start, start + HISTORY_PAGE_SIZE).map(toHistoryEntry);
      const more = mine.length > start + HISTORY_PAGE_SIZE && page + 1 < MAX_HISTORY_PAGES;
      const screen: Screen = {
        kind: 'history',
        orders,
        ...(page > 0 ? { page } : {}),
        ...(more ? { more } : {}),
        back: from,
      };
      return goTo(state, screen, ctx, display);
    }
  }
}

function onBill(
  state: FlowState,
  bill: Extract<FlowEvent, { type: 'bill-loaded' }>['bill'],
  request: Extract<RequestEffect, { type: 'inquire-bill' }>,
  ctx: FlowContext,
): FlowResult {
  const purchase = state.purchase;
  if (!purchase) return stay(state);
  const display = resultDisplay(state);
  // The second look-up of a JomPAY bill, once the amount is known (InquiryQuery.amount).
  const amountCheck = request.query.amount !== undefined;
  switch (bill.outcome) {
    case 'invalid': {
      // Only the biller path has a Ref-2 to ask for; once given, a refusal is about the account.
      const ref2Asked = bill.ref2Required ?? asksForRef2(bill.message);
      if (purchase.kind === 'biller' && !purchase.ref2 && ref2Asked) {
        const next = { ...resetFrom(purchase, 'ref2'), ref2Required: true };
        return goTo(
          withNotice({ ...state, purchase: next }, { kind: 'ref2-required', message: bill.message }),
          { kind: 'ref2' },
          ctx,
          display,
        );
      }
      // The provider's verdict that this payment would fail now (a monthly limit): never lead the
      // buyer into it; the account screen says why.
      if (bill.validity?.allowed === false) {
        return reenterAccount(state, bill.validity.message ?? bill.message, ctx, 'bill-blocked');
      }
      // The amount was refused, not the account: ask for the amount again.
      if (bill.refusal === 'product_unavailable') {
        const notice = { kind: 'amount-refused', message: bill.message } as const;
        if (amountCheck) {
          return goTo(
            withNotice({ ...state, purchase: resetFrom(purchase, 'amount') }, notice),
            { kind: 'amount' },
            ctx,
            display,
          );
        }
        const { bill: _none, ...rest } = purchase;
        return afterBill(withNotice({ ...state, purchase: rest }, notice), ctx, display);
      }
      return reenterAccount(state, bill.message, ctx);
    }
    case 'valid':
      if (amountCheck) return toConfirm({ ...state, purchase: { ...purchase, bill } }, ctx, display);
      return afterBill({ ...state, purchase: { ...purchase, bill } }, ctx, display);
    case 'unavailable': {
      if (amountCheck) return toConfirm(state, ctx, display);
      const { bill: _none, ...rest } = purchase;
      return afterBill({ ...state, purchase: rest }, ctx, display);
    }
  }
}

/** The provider refused the account: say why and ask for it again (the typed value is dropped). */
function reenterAccount(
  state: FlowState,
  message: string,
  ctx: FlowContext,
  kind: 'bill-invalid' | 'bill-blocked' = 'bill-invalid',
): FlowResult {
  const purchase = state.purchase;
  if (!purchase) return stay(state);
  const { account: _refused, ...rest } = resetFrom(purchase, 'account');
  const next = withNotice({ ...state, purchase: rest }, { kind, message });
  return goTo(next, { kind: 'account' }, ctx, resultDisplay(state));
}

function toHistoryEntry(order: Order): HistoryEntry {
  return {
    refid: order.refid,
    productName: order.display.productName,
    ...(order.display.account ? { account: shownOrderAccount(order.display) } : {}),
    // What the buyer paid from their wallet; orders from before wallets show the face value.
    amount: order.charge?.price ?? order.display.amount,
    state: order.state,
    createdAt: order.createdAt,
  };
}

export function onOrderConfirmed(
  state: FlowState,
  event: Extract<FlowEvent, { type: 'order-confirmed' }>,
): FlowResult {
  const screen = state.screen;
  if (screen.kind !== 'processing' || screen.request.requestId !== event.requestId) return stay(state);
  // The order notifier owns the status message from here on; the conversation lets go of it.
  const { screenMessageId: _handedOver, ...rest } = clearPurchase(state);
  return stay({ ...rest, screen: { kind: 'done', refid: event.order.refid } });
}

/**
 * The shop refused the order before making it: say why on the message that said "Processing…".
 * Nothing was sent or charged, so the quote is no longer "submitted"; Back returns to the summary
 * (and from there to a smaller amount), unless the buyer may not buy at all.
 */
export function onOrderRefused(
  state: FlowState,
  event: Extract<FlowEvent, { type: 'order-refused' }>,
  ctx: FlowContext,
): FlowResult {
  const screen = state.screen;
  if (screen.kind !== 'processing' || screen.request.requestId !== event.requestId) return stay(state);
  const display = editOr(state.screenMessageId);
  const purchase = state.purchase;
  if (event.refusal.kind === 'not-allowed' || !purchase) {
    return goTo(
      clearPurchase(state),
      { kind: 'refused', refusal: event.refusal, back: { kind: 'home' } },
      ctx,
      display,
    );
  }
  const { quoteSubmitted: _notSubmitted, ...unsubmitted } = purchase;
  return goTo(
    { ...state, purchase: unsubmitted },
    { kind: 'refused', refusal: event.refusal, back: { kind: 'confirm' } },
    ctx,
    display,
  );
}

export function onRequestFailed(
  state: FlowState,
  event: Extract<FlowEvent, { type: 'request-failed' }>,
  ctx: FlowContext,
): FlowResult {
  const screen = state.screen;
  if (screen.kind === 'processing' && screen.request.requestId === event.requestId) {
    const back: Screen = { kind: 'confirm' };
    const error = errorScreen(event.error, event.reason, screen.request, back);
    return goTo(state, error, ctx, editOr(state.screenMessageId));
  }
  const request = awaited(state, event.requestId);
  if (!request || screen.kind !== 'loading') return stay(state);
  const display = resultDisplay(state);
  if (request.type === 'inquire-bill') {
    // Bill presentment is advice, except when the provider refuses the account.
    if (event.error === 'tell-user') return reenterAccount(state, event.reason ?? '', ctx);
    if (event.error !== 'fix-config' && request.query.amount !== undefined)
      return toConfirm(withNotice(state, { kind: 'bill-skipped' }), ctx, display);
    if (event.error !== 'fix-config')
      return afterBill(withNotice(state, { kind: 'bill-skipped' }), ctx, display);
  }
  return goTo(state, errorScreen(event.error, event.reason, request, screen.from), ctx, display);
}

function errorScreen(
  error: ErrorKind,
  reason: string | undefined,
  request: RequestEffect,
  back: Screen,
): Screen {
  // Retrying cannot fix configuration; the owner must.
  const retry = error === 'fix-config' ? undefined : request;
  return {
    kind: 'error',
    error: { kind: error, during: request.type, ...(reason ? { reason } : {}) },
    ...(retry ? { retry } : {}),
    back,
  };
}

export function onNetworkStatus(
  state: FlowState,
  event: Extract<FlowEvent, { type: 'network-status' }>,
): FlowResult {
  const purchase = state.purchase;
  if (
    !purchase ||
    purchase.product.code !== event.product ||
    event.status.healthy ||
    purchase.networkWarning
  ) {
    return stay(state);
  }
  const warned: FlowState = { ...state, purchase: { ...purchase, networkWarning: true } };
  // Re-draw a purchase screen in place (same token); a loading screen shows it on its next screen.
  if (stepOfScreen(state.screen) === undefined || state.screenMessageId === undefined) return stay(warned);
  return show(warned, { how: 'edit', messageId: state.screenMessageId });
}

export function onOrderLoaded(
  state: FlowState,
  event: Extract<FlowEvent, { type: 'order-loaded' }>,
  ctx: FlowContext,
): FlowResult {
  const order = event.order;
  if (!order || order.userId !== state.userId || order.refid !== event.refid) {
    if (state.screen.kind === 'loading' || state.screen.kind === 'processing') return stay(state);
    return renotice(state, { kind: 'order-not-found' });
  }
  if (event.purpose === 'view') {
    const screen = state.screen;
    // A receipt shown in the /history message (opened from it, or refreshed there) leads back to the list.
    const inHistory =
      screen.kind === 'history' && event.messageId !== undefined && event.messageId === state.screenMessageId;
    const back: CallbackData | undefined = inHistory
      ? { scope: 'screen', token: state.token, action: 'page', index: screen.page ?? 0 }
      : undefined;
    const shown = {
      type: 'show-order',
      order,
      display: editOr(event.messageId),
      ...(back ? { back } : {}),
    } as const;
    if (isFinal(order.state)) return stay(state, [shown]);
    // Still in progress: the screen says when the provider was last asked, and the check is brought
    // forward (paced by the engine per order, and here per buyer). Drawn first, so a receipt the
    // check leads to lands on top of it.
    const spacing = ctx.recheckSpacingMs ?? 0;
    // A stored time that is not a plausible past moment (garbage, another replica's clock ahead)
    // counts as none, or the buyer's Refresh would never bring a check forward again.
    const last = state.recheckedAt;
    const recent = typeof last === 'number' && last <= ctx.now && ctx.now - last < spacing;
    const nudge = !recent;
    return stay(nudge ? { ...state, recheckedAt: ctx.now } : state, [
      { ...shown, lastChecked: true },
      { type: 'recheck-order', refid: order.refid, display: shown.display, ...(back ? { back } : {}), nudge },
    ]);
  }
  return loadProduct(clearPurchase(state), order.request.product, ctx, SEND);
}
