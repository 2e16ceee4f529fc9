import { localeFromLanguageCode } from '../i18n/locale.js';
import { onBillerText } from './billers.js';
import { onButton } from './buttons.js';
import type { FlowCommand, FlowEvent } from './events.js';
import { openMenu } from './menu.js';
import { cancel, openHelp, openHistory, openLanguages, openPrivacy } from './navigation.js';
import {
  onNetworkStatus,
  onOrderConfirmed,
  onOrderLoaded,
  onOrderRefused,
  onRequestFailed,
  onResult,
} from './results.js';
import type { FlowState } from './state.js';
import { onAccountText, onAmountText, onPriceQuoted, onRef2Text } from './steps.js';
import {
  type FlowContext,
  type FlowResult,
  goTo,
  renotice,
  SEND,
  showSlowRequest,
  stay,
  withNotice,
} from './transition.js';
import { onOnlineTopupStarted, onTopupAmountText, onTopupEvidence, openWallet } from './wallet.js';

/**
 * The conversation as a pure function: `(state, event, context) → { state, effects }`. No I/O, no
 * clock, no randomness beyond `context`; async work is requested through effects and comes back as
 * events. The glue persists `state`, runs `effects` in order and feeds their answers back in.
 */
export function reduceFlow(state: FlowState, event: FlowEvent, ctx: FlowContext): FlowResult {
  switch (event.type) {
    case 'screen-sent':
      return stay({ ...state, screenMessageId: event.messageId });
    case 'request-slow':
      // Before the notice is dropped below: it is still to be shown with the answer.
      return showSlowRequest(state, event.requestId);
    case 'network-status':
      // A background answer re-draws the screen as it is, notice included.
      return onNetworkStatus(state, event);
    case 'price-quoted':
      // Quiet: nothing was shown while quoting, so a notice set on the way is still to be shown.
      return onPriceQuoted(state, event, ctx);
    default:
      break;
  }
  // A notice is shown once: whatever happens next replaces it.
  const fresh = followLanguage(withNotice(state, undefined), event);
  switch (event.type) {
    case 'command':
      return onCommand(fresh, event.command, ctx);
    case 'text':
      return onText(fresh, event.text, ctx);
    case 'button':
      return onButton(fresh, event, ctx);
    case 'catalog-loaded':
    case 'product-loaded':
    case 'options-loaded':
    case 'bill-loaded':
    case 'orders-listed':
    case 'wallet-loaded':
    case 'topup-claim-created':
      return onResult(fresh, event, ctx);
    case 'online-topup-started':
      return onOnlineTopupStarted(fresh, event, ctx);
    case 'photo':
    case 'other-message':
      return onTopupEvidence(fresh, event, ctx);
    case 'order-confirmed':
      return onOrderConfirmed(fresh, event);
    case 'order-refused':
      return onOrderRefused(fresh, event, ctx);
    case 'request-failed':
      return onRequestFailed(fresh, event, ctx);
    case 'order-loaded':
      return onOrderLoaded(fresh, event, ctx);
  }
}

/** Until the buyer picks a language, follow Telegram's language_code (it may change between updates). */
function followLanguage(state: FlowState, event: FlowEvent): FlowState {
  if (state.localeChosen || !('languageCode' in event) || event.languageCode === undefined) return state;
  const locale = localeFromLanguageCode(event.languageCode);
  return locale === state.locale ? state : { ...state, locale };
}

function onCommand(state: FlowState, command: FlowCommand, ctx: FlowContext): FlowResult {
  switch (command) {
    case 'start':
      return openMenu(state, ctx, SEND);
    case 'help':
      return openHelp(state, ctx, SEND);
    case 'privacy':
      return openPrivacy(state, ctx, SEND);
    case 'lang':
      return openLanguages(state, ctx, SEND);
    case 'history':
      return openHistory(state, ctx, SEND);
    case 'cancel':
      return cancel(state, ctx, SEND);
    case 'wallet':
      return openWallet(state, ctx, SEND);
  }
}

/** Typed text means what the current screen asks for; elsewhere the buyer is pointed at the buttons. */
function onText(state: FlowState, text: string, ctx: FlowContext): FlowResult {
  const screen = state.screen;
  // Nothing to add while waiting; the answer is on its way.
  if (screen.kind === 'loading' || screen.kind === 'processing') return stay(state);
  if (text.trim().startsWith('/')) return renotice(state, { kind: 'unknown-command' });
  const purchase = state.purchase;
  switch (screen.kind) {
    case 'home':
      return goTo(state, { kind: 'home' }, ctx, SEND);
    case 'topup-amount':
      return onTopupAmountText(state, text, ctx);
    case 'topup-evidence':
      return onTopupEvidence(state, { type: 'text', text }, ctx);
    case 'billers':
      return purchase
        ? onBillerText(state, screen.list, text, ctx)
        : goTo(state, { kind: 'home' }, ctx, SEND);
    case 'account':
    case 'ref2':
    case 'amount': {
      if (!purchase) return goTo(state, { kind: 'home' }, ctx, SEND);
      if (screen.kind === 'account') return onAccountText(state, purchase, text, ctx);
      if (screen.kind === 'ref2') return onRef2Text(state, purchase, text, ctx);
      return onAmountText(state, purchase, text, ctx);
    }
    case 'options':
      // "No accounts (plans) were found for this number": a number typed here is the next try.
      if (purchase && (purchase.options ?? []).length === 0) return onAccountText(state, purchase, text, ctx);
      return renotice(state, { kind: 'use-buttons' });
    default:
      return renotice(state, { kind: 'use-buttons' });
  }
}
