import type { Money } from '../../payments/money.js';
import type { OnlineMethod } from '../../wallet/online-topups.js';
import type { FlowEffect, RequestEffect } from './effects.js';
import type { Display, FlowState, Notice, Purchase, Screen } from './state.js';
import { screenToken } from './tokens.js';

/** What the reducer gets besides the state and the event: the only sources of time and randomness. */
export interface FlowContext {
  /** Milliseconds since the Unix epoch. */
  now: number;
  /** A fresh random id (a UUID is fine); used for quote ids, request ids and screen tokens. */
  newId(): string;
  /** Top-ups by bank transfer, as configured; without it the Top up button says they are unavailable. */
  topup?: TopupPolicy;
  /**
   * The most one order may be for (MAX_ORDER_AMOUNT, as the face value: access/admission.ts refuses
   * a larger one at Confirm). Amount prompts are narrowed to it, so none accepts what Confirm refuses.
   */
  maxOrderAmount?: Money;
  /**
   * One provider check a buyer's Refresh may bring forward per this time, across all their orders
   * (the engine paces each order on its own too). Unset: every Refresh may bring one forward.
   */
  recheckSpacingMs?: number;
}

/** The shop's rules for top-ups by transfer (TOPUP_* settings), passed in like other policy. */
export interface TopupPolicy {
  /** Per top-up, inclusive; typed amounts are never rounded into range. */
  min: Money;
  max: Money;
  /** Offered as buttons, in this order (those outside min..max are dropped). */
  suggested: Money[];
  /** The shop's payment instructions (bank, account, name), shown as written. */
  instructions: string;
  /** False when top-ups by transfer are off (only the online methods below are offered). */
  transfer?: boolean;
  /** Top-ups that settle themselves, offered on the payment screen (see wallet/online-topups.ts). */
  online?: OnlineMethod[];
}

export interface FlowResult {
  state: FlowState;
  effects: FlowEffect[];
}

export const SEND: Display = { how: 'send' };

export function editOr(messageId: number | undefined): Display {
  return messageId === undefined ? SEND : { how: 'edit', messageId };
}

/** Nothing to do. */
export function stay(state: FlowState, effects: FlowEffect[] = []): FlowResult {
  return { state, effects };
}

export function withNotice(state: FlowState, notice: Notice | undefined): FlowState {
  if (notice === undefined) {
    const { notice: _dropped, ...rest } = state;
    return rest;
  }
  return { ...state, notice };
}

/** Shows the state's current screen; an edit also makes that message the screen message. */
export function show(state: FlowState, display: Display, effects: FlowEffect[] = []): FlowResult {
  let next: FlowState;
  if (display.how === 'edit') next = { ...state, screenMessageId: display.messageId };
  else {
    // Until `screen-sent` names the new message, nothing should edit the old one.
    const { screenMessageId: _old, ...rest } = state;
    next = rest;
  }
  return { state: next, effects: [...effects, { type: 'show-screen', display }] };
}

/**
 * Moves to a new screen and shows it. The token changes, so buttons of earlier screens (whose
 * indices may now mean something else) are answered with "this menu has expired".
 */
export function goTo(
  state: FlowState,
  screen: Screen,
  ctx: FlowContext,
  display: Display,
  effects: FlowEffect[] = [],
): FlowResult {
  return show({ ...state, screen, token: screenToken(ctx.newId()) }, display, effects);
}

/** Where Back, errors and side screens (help, language, history) return to. */
export function returnPoint(screen: Screen): Screen {
  switch (screen.kind) {
    case 'loading':
      return screen.from;
    case 'error':
    case 'refused':
    case 'help':
    case 'privacy':
    case 'language':
    case 'history':
    case 'wallet':
    case 'topup-amount':
    case 'topup-evidence':
      return screen.back;
    case 'topup-sent':
    case 'topup-online':
      return { kind: 'home' };
    case 'processing':
      // The processing message belongs to the order now; never return into it.
      return { kind: 'home' };
    case 'done':
      // "Your order is on its way" is true only just after Confirm; coming back later, the order
      // may long have finished, so side screens return to the main menu instead.
      return { kind: 'home' };
    default:
      return screen;
  }
}

/** Request types answered from a cache or the store: too quick to be worth a "Loading…" edit. */
const QUIET_REQUESTS = new Set<RequestEffect['type']>([
  'load-catalog',
  'load-product',
  'list-orders',
  'quote-price',
  'load-wallet',
]);

/** Starts a request and waits for it on a loading screen. */
export function startRequest(
  state: FlowState,
  makeRequest: (requestId: string) => RequestEffect,
  ctx: FlowContext,
  display: Display,
  effects: FlowEffect[] = [],
): FlowResult {
  const request = makeRequest(ctx.newId());
  const shown = !QUIET_REQUESTS.has(request.type);
  const screen: Screen = { kind: 'loading', request, from: returnPoint(state.screen), shown, display };
  const next: FlowState = { ...state, screen, token: screenToken(ctx.newId()) };
  if (!shown) return { state: next, effects: [...effects, request] };
  const result = show(next, display, effects);
  return { state: result.state, effects: [...result.effects, request] };
}

/**
 * A request started quietly is taking long: its "Loading…" screen is shown after all (in place of
 * the pressed message, or as a new one for typed text), and the answer then replaces it.
 */
export function showSlowRequest(state: FlowState, requestId: string): FlowResult {
  const screen = state.screen;
  if (screen.kind !== 'loading' || screen.shown || screen.request.requestId !== requestId) return stay(state);
  return show({ ...state, screen: { ...screen, shown: true } }, screen.display);
}

/**
 * How to show the answer to a request: in place of "Loading…" when that was shown, otherwise the
 * way the buyer's action would have been answered (a new message for text, an edit for a button).
 */
export function resultDisplay(state: FlowState): Display {
  if (state.screen.kind === 'loading' && !state.screen.shown) return state.screen.display;
  return editOr(state.screenMessageId);
}

/** The request a loading screen waits for, when `requestId` is it. */
export function awaited(state: FlowState, requestId: string): RequestEffect | undefined {
  if (state.screen.kind === 'loading' && state.screen.request.requestId === requestId)
    return state.screen.request;
  return undefined;
}

/** Replaces (or, with undefined, drops) the purchase in progress. */
export function withPurchase(state: FlowState, purchase: Purchase | undefined): FlowState {
  if (purchase === undefined) {
    const { purchase: _gone, ...rest } = state;
    return rest;
  }
  return { ...state, purchase };
}

export function clearPurchase(state: FlowState): FlowState {
  return withPurchase(state, undefined);
}

/** Re-sends the current screen (same token: its buttons stay valid) with a notice on top. */
export function renotice(state: FlowState, notice: Notice): FlowResult {
  return show(withNotice(state, notice), SEND);
}
