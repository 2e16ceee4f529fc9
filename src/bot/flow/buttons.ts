import type { CallbackData } from '../callback-data.js';
import { enterStep } from './back.js';
import { chooseBiller, loadBillers } from './billers.js';
import { categoriesOf, productsIn } from './catalog.js';
import type { FlowEffect } from './effects.js';
import type { FlowEvent } from './events.js';
import { loadProduct, openCategory, openMenu } from './menu.js';
import { cancel, expired, goBack, openHelp, openHistory, openLanguages, reenter } from './navigation.js';
import { clampPage, PAGE_SIZE } from './paging.js';
import { offeredChoice, outstandingOffer } from './purchase.js';
import type { Display, FlowState } from './state.js';
import { chooseOption, confirm, keepValue, withAmount } from './steps.js';
import {
  editOr,
  type FlowContext,
  type FlowResult,
  goTo,
  SEND,
  show,
  startRequest,
  withNotice,
} from './transition.js';
import { chooseTopupAmount, openTopup, openWallet, startOnlineTopup, turnWalletPage } from './wallet.js';

type ScreenData = Extract<CallbackData, { scope: 'screen' }>;

/**
 * A button press. Screen buttons must carry the current screen's token and an action that screen
 * offers; anything else is answered "this menu has expired" and changes nothing. Every result starts
 * with the `answer-button` effect.
 */
export function onButton(
  state: FlowState,
  event: Extract<FlowEvent, { type: 'button' }>,
  ctx: FlowContext,
): FlowResult {
  const data = event.data;
  if (data === undefined) return expired(state);
  switch (data.scope) {
    case 'global':
      // Pressed on a receipt or an old message: answer with a new message, leave that one alone.
      return answered(data.action === 'menu' ? openMenu(state, ctx, SEND) : openHelp(state, ctx, SEND));
    case 'order': {
      const load: FlowEffect = {
        type: 'load-order',
        refid: data.refid,
        purpose: data.action === 'view' ? 'view' : 'try-again',
        ...(data.action === 'view' && event.messageId !== undefined ? { messageId: event.messageId } : {}),
      };
      return { state, effects: [{ type: 'answer-button' }, load] };
    }
    case 'topup':
      // Admins' claim buttons are handled by the glue before the conversation (topup-review.ts).
      return expired(state);
    case 'admin':
      // Admins' action buttons are handled by the glue before the conversation (admin-money.ts).
      return expired(state);
    case 'screen': {
      // A Confirm pressed again, or replayed after a crash, while its order is being made: ask for
      // that order again (one quote makes one order), so the buyer lands on it instead of "expired".
      if (state.screen.kind === 'processing' && data.action === 'confirm')
        return answered({ state, effects: [state.screen.request] });
      if (data.token !== state.token) return expired(state);
      const display = editOr(event.messageId ?? state.screenMessageId);
      const result = onScreenAction(state, data, ctx, display, event.messageId);
      return result ? answered(result) : expired(state);
    }
  }
}

function answered(result: FlowResult): FlowResult {
  return { state: result.state, effects: [{ type: 'answer-button' }, ...result.effects] };
}

function onScreenAction(
  state: FlowState,
  data: ScreenData,
  ctx: FlowContext,
  display: Display,
  messageId: number | undefined,
): FlowResult | undefined {
  const screen = state.screen;
  // Actions every screen but "Processing…" may offer.
  if (screen.kind !== 'processing') {
    switch (data.action) {
      case 'cancel':
        return cancel(state, ctx, display);
      case 'menu':
        return openMenu(state, ctx, display);
      case 'help':
        return openHelp(state, ctx, display);
      case 'languages':
        return openLanguages(state, ctx, display);
      case 'history':
        return openHistory(state, ctx, display);
      case 'back':
        return goBack(state, ctx, display);
      case 'wallet':
        return openWallet(state, ctx, display);
      case 'topup':
        return openTopup(state, ctx, display);
      default:
        break;
    }
  }
  const purchase = state.purchase;
  switch (screen.kind) {
    case 'categories': {
      const categories = categoriesOf(state.catalog ?? []);
      if (data.action === 'page')
        return turnPage(state, data.index, categories.length, PAGE_SIZE.categories, display);
      const category = data.action === 'category' ? categories[data.index] : undefined;
      return category === undefined ? undefined : openCategory(state, category, ctx, display);
    }
    case 'products': {
      const products = productsIn(state.catalog ?? [], screen.category);
      if (data.action === 'page')
        return turnPage(state, data.index, products.length, PAGE_SIZE.products, display);
      const entry = data.action === 'product' ? products[data.index] : undefined;
      return entry === undefined ? undefined : loadProduct(state, entry.code, ctx, display);
    }
    case 'billers': {
      const list = screen.list;
      if (data.action === 'option') {
        const biller = list.items[data.index];
        return biller === undefined ? undefined : chooseBiller(state, biller, ctx, display);
      }
      if (data.action === 'nextPage' && list.next !== undefined) {
        return loadBillers(state, ctx, display, { page: list.page + 1, cursor: list.next });
      }
      if (data.action === 'prevPage' && list.page > 0) {
        const cursor = list.cursors[list.page - 1] ?? undefined;
        return loadBillers(state, ctx, display, {
          page: list.page - 1,
          ...(cursor !== undefined ? { cursor } : {}),
        });
      }
      if (data.action === 'clearSearch' && list.search !== undefined)
        return loadBillers(state, ctx, display, { page: 0 });
      return undefined;
    }
    case 'account':
    case 'ref2':
      return data.action === 'keep' ? keepValue(state, ctx, display) : undefined;
    case 'options': {
      const options = purchase?.options ?? [];
      if (data.action === 'page')
        return turnPage(state, data.index, options.length, PAGE_SIZE.options, display);
      return data.action === 'option' && options[data.index]
        ? chooseOption(state, data.index, ctx, display)
        : undefined;
    }
    case 'amount': {
      if (!purchase) return undefined;
      if (data.action === 'amount') {
        const choice = offeredChoice(purchase, data.index);
        if (!choice) return undefined;
        return withAmount(state, choice, ctx, display);
      }
      if (data.action === 'outstanding') {
        const due = outstandingOffer(purchase);
        if (!due) return undefined;
        return withAmount(state, due, ctx, display);
      }
      return undefined;
    }
    case 'confirm':
      if (data.action === 'confirm') return confirm(state, ctx, messageId ?? state.screenMessageId);
      if (data.action === 'change') return enterStep(state, 'account', ctx, display);
      return undefined;
    case 'history': {
      const page = screen.page ?? 0;
      if (data.action === 'nextPage' && screen.more) return openHistory(state, ctx, display, page + 1);
      if (data.action === 'prevPage' && page > 0) return openHistory(state, ctx, display, page - 1);
      // Back from a receipt shown in this message: the list again, as it was.
      if (data.action === 'page') return show(state, display);
      const entry = data.action === 'order' ? screen.orders[data.index] : undefined;
      if (!entry) return undefined;
      // The receipt replaces the list in its message, with a Back button to the list.
      const messageId = display.how === 'edit' ? display.messageId : undefined;
      const load: FlowEffect = {
        type: 'load-order',
        refid: entry.refid,
        purpose: 'view',
        ...(messageId !== undefined ? { messageId } : {}),
      };
      return { state, effects: [load] };
    }
    case 'language': {
      if (data.action !== 'setLanguage') return undefined;
      const changed = withNotice(
        { ...state, locale: data.locale, localeChosen: true },
        { kind: 'language-changed' },
      );
      const shown = reenter(changed, screen.back, ctx, display);
      // Kept first, so a screen that fails to draw cannot lose the pick.
      return {
        state: shown.state,
        effects: [{ type: 'remember-language', locale: data.locale }, ...shown.effects],
      };
    }
    case 'wallet':
      if (data.action === 'nextPage') return turnWalletPage(state, 'next', ctx, display);
      if (data.action === 'prevPage') return turnWalletPage(state, 'prev', ctx, display);
      return undefined;
    case 'topup-amount':
      return data.action === 'topupAmount' ? chooseTopupAmount(state, data.index, ctx, display) : undefined;
    case 'topup-evidence':
      if (data.action === 'payOnline') return startOnlineTopup(state, 'billplz', ctx, display);
      if (data.action === 'payStars') return startOnlineTopup(state, 'stars', ctx, display);
      return undefined;
    case 'error':
      if (data.action !== 'retry' || !screen.retry) return undefined;
      return retry(state, screen.retry, ctx, display);
    default:
      return undefined;
  }
}

/** Another page of the same list: the token stays, since every index still means the same item. */
function turnPage(state: FlowState, page: number, total: number, size: number, display: Display): FlowResult {
  const screen = state.screen;
  if (screen.kind !== 'categories' && screen.kind !== 'products' && screen.kind !== 'options')
    return show(state, display);
  return show({ ...state, screen: { ...screen, page: clampPage(page, total, size) } }, display);
}

/** "Try again" after a failed request: the same request under a new id (a confirm keeps its quote). */
function retry(
  state: FlowState,
  request: NonNullable<Extract<FlowState['screen'], { kind: 'error' }>['retry']>,
  ctx: FlowContext,
  display: Display,
): FlowResult {
  if (request.type === 'confirm-order') {
    const again = { ...request, requestId: ctx.newId() };
    const next = goTo(state, { kind: 'processing', request: again }, ctx, display);
    return { state: next.state, effects: [...next.effects, again] };
  }
  return startRequest(state, (requestId) => ({ ...request, requestId }), ctx, display);
}
