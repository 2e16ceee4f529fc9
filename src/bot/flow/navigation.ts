import { enterStep, stepBefore, stepOfScreen } from './back.js';
import { categoriesOf } from './catalog.js';
import type { FlowEffect, ToastKey } from './effects.js';
import { HISTORY_PAGE_SIZE, MAX_HISTORY_PAGES, PAGE_SIZE, pageOfIndex } from './paging.js';
import { resetFrom } from './purchase.js';
import type { Display, FlowState, Screen } from './state.js';
import {
  clearPurchase,
  type FlowContext,
  type FlowResult,
  goTo,
  returnPoint,
  SEND,
  show,
  startRequest,
  withNotice,
  withPurchase,
} from './transition.js';

/** Moving around outside the purchase steps: back, cancel, side screens, expired buttons. */

/** Shows a screen again (Back from a side screen, after a language change). */
export function reenter(state: FlowState, screen: Screen, ctx: FlowContext, display: Display): FlowResult {
  // A snapshot of a purchase step is only meaningful while that purchase is still going on.
  if (stepOfScreen(screen) !== undefined && !state.purchase)
    return goTo(state, { kind: 'home' }, ctx, display);
  return goTo(state, screen, ctx, display);
}

/** One step back from the current screen. Undefined when the screen has no Back (root, processing). */
export function goBack(state: FlowState, ctx: FlowContext, display: Display): FlowResult | undefined {
  const screen = state.screen;
  switch (screen.kind) {
    case 'loading':
    case 'error':
    case 'refused':
    case 'help':
    case 'privacy':
    case 'language':
    case 'history':
    case 'wallet':
    case 'topup-amount':
    case 'topup-evidence':
      return reenter(state, returnPoint(screen), ctx, display);
    case 'topup-sent':
    case 'topup-online':
      return goTo(state, { kind: 'home' }, ctx, display);
    case 'categories':
      return goTo(state, { kind: 'home' }, ctx, display);
    case 'products':
      return showCategoriesAt(state, screen.category, ctx, display);
    case 'home':
    case 'done':
    case 'processing':
      return undefined;
    default: {
      const step = stepOfScreen(screen);
      const purchase = state.purchase;
      if (step === undefined || !purchase) return goTo(state, { kind: 'home' }, ctx, display);
      // Nothing was found for that number: Back asks for another, without offering that one again.
      if (screen.kind === 'options' && (purchase.options ?? []).length === 0) {
        const { account: _failed, ...rest } = resetFrom(purchase, 'account');
        return enterStep(withPurchase(state, rest), 'account', ctx, display);
      }
      return enterStep(state, stepBefore(purchase, step), ctx, display);
    }
  }
}

/** The category list, on the page holding `category`. */
function showCategoriesAt(
  state: FlowState,
  category: string,
  ctx: FlowContext,
  display: Display,
): FlowResult {
  const index = Math.max(0, categoriesOf(state.catalog ?? []).indexOf(category));
  const page = pageOfIndex(index, PAGE_SIZE.categories);
  return goTo(clearPurchase(state), { kind: 'categories', page }, ctx, display);
}

/**
 * /cancel or the Cancel button: drops the purchase in progress from any step. After Confirm there is
 * nothing left to cancel, and the processing message belongs to the order, so it is never edited.
 */
export function cancel(state: FlowState, ctx: FlowContext, display: Display): FlowResult {
  if (state.screen.kind === 'processing') {
    return goTo(
      withNotice(clearPurchase(state), { kind: 'already-processing' }),
      { kind: 'home' },
      ctx,
      SEND,
    );
  }
  // After a Confirm that failed, an order may exist after all: do not promise nothing was charged.
  const unsure = state.purchase?.quoteSubmitted === true;
  const notice = unsure ? ({ kind: 'cancelled-after-confirm' } as const) : ({ kind: 'cancelled' } as const);
  return goTo(withNotice(clearPurchase(state), notice), { kind: 'home' }, ctx, display);
}

export function openHelp(state: FlowState, ctx: FlowContext, display: Display): FlowResult {
  return goTo(state, { kind: 'help', back: returnPoint(state.screen) }, ctx, display);
}

export function openPrivacy(state: FlowState, ctx: FlowContext, display: Display): FlowResult {
  return goTo(state, { kind: 'privacy', back: returnPoint(state.screen) }, ctx, display);
}

export function openLanguages(state: FlowState, ctx: FlowContext, display: Display): FlowResult {
  return goTo(state, { kind: 'language', back: returnPoint(state.screen) }, ctx, display);
}

/** /history, on `page` (0-based): the newest orders up to that page and one more, to know if more follow. */
export function openHistory(state: FlowState, ctx: FlowContext, display: Display, page = 0): FlowResult {
  const wanted = Math.min(Math.max(0, page), MAX_HISTORY_PAGES - 1);
  return startRequest(
    state,
    (requestId) => ({
      type: 'list-orders',
      requestId,
      userId: state.userId,
      limit: (wanted + 1) * HISTORY_PAGE_SIZE + 1,
      ...(wanted > 0 ? { page: wanted } : {}),
    }),
    ctx,
    display,
  );
}

/**
 * A button from an older screen, a forged one, or one from before the session expired. Answered
 * politely; a buyer whose session is gone also gets the home screen, so there is no dead end.
 */
export function expired(state: FlowState, toast: ToastKey = 'expired'): FlowResult {
  const answer: FlowEffect = { type: 'answer-button', toast };
  if (state.screen.kind === 'home') return show(withNotice(state, { kind: 'expired' }), SEND, [answer]);
  return { state, effects: [answer] };
}
