import { formatMoney } from '../../payments/money.js';
import type { OrderState } from '../../payments/orders/order.js';
import { categoriesOf, productsIn } from '../flow/catalog.js';
import type { ErrorKind, RequestEffect } from '../flow/effects.js';
import { type BuyerMenuCommand, USER_MENU_COMMANDS } from '../flow/events.js';
import { PAGE_SIZE, pageCount, pageSlice } from '../flow/paging.js';
import type { FlowError, FlowState, Purchase, Screen } from '../flow/state.js';
import { formatShortDateTime, MALAYSIA_TIME, type ShopTimeZone } from '../i18n/dates.js';
import { MESSAGES, messagesFor } from '../i18n/index.js';
import { LOCALES } from '../i18n/locale.js';
import { KNOWN_CATEGORIES, type KnownCategory, type Messages } from '../i18n/messages.js';
import { refusalText } from './access-views.js';
import { blocks, escapeHtml, lines } from './html.js';
import { noticeText } from './notices.js';
import {
  accountBody,
  amountBody,
  type Body,
  billersBody,
  confirmBody,
  optionsBody,
  ref2Body,
} from './purchase-views.js';
import { type Button, rows, type ScreenButtons, screenButtons, type View, view } from './view.js';
import {
  balanceLine,
  topupAmountBody,
  topupEvidenceBody,
  topupOnlineBody,
  topupSentBody,
  walletBody,
} from './wallet-views.js';

/**
 * The conversation's current screen as a message: `renderScreen(state)` after every `show-screen`
 * effect. Pure: the same state always renders the same message.
 */
export function renderScreen(state: FlowState, options: ScreenOptions = {}): View {
  const m = messagesFor(state.locale);
  const sb = screenButtons(state.token);
  const body = screenBody(state, state.screen, m, sb, options);
  const notice = state.notice ? noticeText(state.notice, m) : undefined;
  return view(blocks(notice, body.text), body.keyboard);
}

/** What a screen may need besides the conversation's state. */
export interface ScreenOptions {
  /** The shop's zone (SHOP_TIMEZONE) for dates and the limits' reset time; Malaysia unless given. */
  timeZone?: ShopTimeZone;
  /** The shop's own privacy policy (PRIVACY_POLICY_URL), linked under /privacy's summary. */
  privacyPolicyUrl?: string;
  /** The commands /help lists, as the command menu does; the flow's own unless given. */
  helpCommands?: readonly BuyerMenuCommand[];
}

function screenBody(
  state: FlowState,
  screen: Screen,
  m: Messages,
  sb: ScreenButtons,
  options: ScreenOptions,
): Body {
  const zone = options.timeZone ?? MALAYSIA_TIME;
  const purchase = state.purchase;
  switch (screen.kind) {
    case 'home':
      return homeBody(state, m, sb);
    case 'loading':
      return {
        text: loadingText(screen.request, m),
        keyboard: [[sb.plain(m.buttons.back, 'back'), sb.plain(m.buttons.cancel, 'cancel')]],
      };
    case 'categories':
      return categoriesBody(state, screen.page, m, sb);
    case 'products':
      return productsBody(state, screen.category, screen.page, m, sb);
    case 'processing':
      return { text: lines(m.purchase.processing, m.purchase.processingNote), keyboard: [] };
    case 'done':
      return {
        text: m.purchase.done,
        keyboard: [[sb.plain(m.buttons.shopAgain, 'menu')], [sb.plain(m.buttons.myOrders, 'history')]],
      };
    case 'history':
      return historyBody(state, screen, m, sb, zone);
    case 'help':
      return {
        text: blocks(
          m.help.text,
          lines(
            m.help.commandsTitle,
            ...(options.helpCommands ?? USER_MENU_COMMANDS).map(
              (command) => `/${command} – ${m.commands[command]}`,
            ),
          ),
        ),
        keyboard: [[sb.plain(m.buttons.shop, 'menu')], [sb.plain(m.buttons.back, 'back')]],
      };
    case 'privacy':
      return {
        text: blocks(
          m.privacy.text,
          options.privacyPolicyUrl ? m.privacy.policyLink(escapeHtml(options.privacyPolicyUrl)) : undefined,
        ),
        keyboard: [[sb.plain(m.buttons.shop, 'menu')], [sb.plain(m.buttons.back, 'back')]],
      };
    case 'language':
      return {
        text: m.language.choose,
        keyboard: [
          LOCALES.map((locale) =>
            sb.language(`${locale === state.locale ? '✓ ' : ''}${MESSAGES[locale].languageName}`, locale),
          ),
          [sb.plain(m.buttons.back, 'back')],
        ],
      };
    case 'error':
      return errorBody(screen.error, screen.retry !== undefined, m, sb);
    case 'refused':
      if (screen.refusal.kind === 'insufficient-balance') {
        return {
          text: refusalText(screen.refusal, m, state.locale, zone),
          keyboard: [
            [sb.plain(m.wallet.buttons.topup, 'topup')],
            [sb.plain(m.buttons.back, 'back'), sb.plain(m.buttons.cancel, 'cancel')],
          ],
        };
      }
      return {
        text: refusalText(screen.refusal, m, state.locale, zone),
        keyboard: [[sb.plain(m.buttons.back, 'back'), sb.plain(m.buttons.cancel, 'cancel')]],
      };
    case 'wallet':
      return walletBody(screen, m, state.locale, sb);
    case 'topup-amount':
      return topupAmountBody(screen, m, sb);
    case 'topup-evidence':
      return topupEvidenceBody(screen, m, sb);
    case 'topup-sent':
      return topupSentBody(screen, m, state.locale, sb);
    case 'topup-online':
      return topupOnlineBody(screen, m, state.locale, sb);
    default:
      return purchase ? purchaseBody(state, purchase, screen, m, sb) : homeBody(state, m, sb);
  }
}

function purchaseBody(
  state: FlowState,
  purchase: Purchase,
  screen: Screen,
  m: Messages,
  sb: ScreenButtons,
): Body {
  switch (screen.kind) {
    case 'billers':
      return billersBody(purchase, screen.list, m, sb);
    case 'account':
      return accountBody(purchase, m, sb);
    case 'ref2':
      return ref2Body(purchase, m, sb);
    case 'options':
      return optionsBody(purchase, screen.page, m, sb);
    case 'amount':
      return amountBody(purchase, m, sb, state.locale);
    case 'confirm':
      return confirmBody(purchase, m, sb);
    default:
      return homeBody(state, m, sb);
  }
}

function homeBody(state: FlowState, m: Messages, sb: ScreenButtons): Body {
  return {
    text: blocks(m.home.welcome, balanceLine(state.shownBalance, m)),
    keyboard: [
      [sb.plain(m.buttons.shop, 'menu')],
      [sb.plain(m.wallet.buttons.wallet, 'wallet'), sb.plain(m.wallet.buttons.topup, 'topup')],
      [sb.plain(m.buttons.myOrders, 'history'), sb.plain(m.buttons.help, 'help')],
      [sb.plain(m.buttons.language, 'languages')],
    ],
  };
}

function pageNav(sb: ScreenButtons, m: Messages, page: number, pages: number): Button[] {
  const nav: Button[] = [];
  if (page > 0) nav.push(sb.indexed(m.buttons.prevPage, 'page', page - 1));
  if (page < pages - 1) nav.push(sb.indexed(m.buttons.nextPage, 'page', page + 1));
  return nav;
}

/** A category as the buyer's language names it: the known ones translated, others as the provider wrote them. */
export function categoryName(category: string, m: Messages): string {
  const key = category.trim().toLowerCase();
  return isKnownCategory(key) ? m.menu.categoryNames[key] : category;
}

function isKnownCategory(key: string): key is KnownCategory {
  return (KNOWN_CATEGORIES as readonly string[]).includes(key);
}

function categoriesBody(state: FlowState, page: number, m: Messages, sb: ScreenButtons): Body {
  const categories = categoriesOf(state.catalog ?? []);
  const back = [sb.plain(m.buttons.back, 'back'), sb.plain(m.buttons.help, 'help')];
  if (categories.length === 0) return { text: m.menu.empty, keyboard: [back] };
  const pages = pageCount(categories.length, PAGE_SIZE.categories);
  const current = Math.min(page, pages - 1);
  const buttons = pageSlice(categories, current, PAGE_SIZE.categories).map(({ item, index }) =>
    sb.indexed(categoryName(item, m), 'category', index),
  );
  return {
    text: lines(
      m.menu.chooseCategory,
      pages > 1 ? m.menu.page(current + 1, pages) : undefined,
      balanceLine(state.shownBalance, m),
    ),
    keyboard: [
      ...rows(buttons, 2),
      pageNav(sb, m, current, pages),
      state.shownBalance ? [sb.plain(m.wallet.buttons.wallet, 'wallet')] : [],
      back,
    ],
  };
}

function productsBody(
  state: FlowState,
  category: string,
  page: number,
  m: Messages,
  sb: ScreenButtons,
): Body {
  const products = productsIn(state.catalog ?? [], category);
  const pages = pageCount(products.length, PAGE_SIZE.products);
  const current = Math.min(page, pages - 1);
  const buttons = pageSlice(products, current, PAGE_SIZE.products).map(({ item, index }) =>
    sb.indexed(item.unavailable ? m.menu.unavailable(item.name) : item.name, 'product', index),
  );
  const text =
    products.length === 0 ? m.menu.empty : m.menu.chooseProduct(escapeHtml(categoryName(category, m)));
  return {
    text: lines(text, pages > 1 ? m.menu.page(current + 1, pages) : undefined),
    keyboard: [...rows(buttons, 1), pageNav(sb, m, current, pages), [sb.plain(m.buttons.back, 'back')]],
  };
}

/** A one-glance marker of an order's state, for lists. */
export function stateIcon(state: OrderState): string {
  switch (state) {
    case 'succeeded':
      return '✅';
    case 'failed':
    case 'rejected':
      return '❌';
    case 'refunded':
      return '↩️';
    case 'cancelled':
      return '🚫';
    case 'needs_attention':
      return '🕓';
    default:
      return '⏳';
  }
}

function historyBody(
  state: FlowState,
  screen: Extract<Screen, { kind: 'history' }>,
  m: Messages,
  sb: ScreenButtons,
  zone: ShopTimeZone,
): Body {
  const orders = screen.orders;
  const buttons = orders.map((entry, index) => {
    const parts = [
      `${stateIcon(entry.state)} ${formatShortDateTime(entry.createdAt, state.locale, zone)}`,
      ...(entry.account ? [entry.account] : []),
      formatMoney(entry.amount),
      entry.productName,
    ];
    return sb.indexed(parts.join(' · '), 'order', index);
  });
  const page = screen.page ?? 0;
  const nav: Button[] = [];
  if (page > 0) nav.push(sb.plain(m.buttons.prevPage, 'prevPage'));
  if (screen.more) nav.push(sb.plain(m.buttons.nextPage, 'nextPage'));
  return {
    text: lines(m.history.title, orders.length === 0 ? m.history.empty : m.history.tapOne),
    keyboard: [...rows(buttons, 1), ...(nav.length > 0 ? [nav] : []), [sb.plain(m.buttons.back, 'back')]],
  };
}

function loadingText(request: RequestEffect, m: Messages): string {
  switch (request.type) {
    case 'load-catalog':
      return m.loading.catalog;
    case 'load-product':
      return m.loading.product;
    case 'load-options':
      return request.purpose === 'billers' ? m.loading.billers : m.loading.options;
    case 'inquire-bill':
      return m.loading.bill;
    case 'list-orders':
      return m.loading.history;
    case 'confirm-order':
      return m.loading.order;
    case 'quote-price':
      return m.wallet.quoting;
    case 'load-wallet':
      return m.wallet.loading;
    case 'create-topup-claim':
      return m.wallet.sendingClaim;
    case 'start-online-topup':
      return m.wallet.startingOnline;
  }
}

/** Each failure kind in plain words, always with a way on: Try again when it can help, Back, Cancel. */
export function errorText(error: FlowError, m: Messages): string {
  const byKind: Record<ErrorKind, string> = {
    'tell-user': error.reason?.trim()
      ? m.errors.tellUser(escapeHtml(error.reason.trim()))
      : m.errors.tellUserNoReason,
    'try-later': m.errors.tryLater,
    'keep-pending': m.errors.keepPending,
    'fix-config': m.errors.fixConfig,
    report: m.errors.report,
    internal: m.errors.internal,
  };
  if (error.during === 'start-online-topup') return lines(m.wallet.onlineNotStarted, byKind[error.kind]);
  if (error.during !== 'confirm-order') return byKind[error.kind];
  return lines(
    m.errors.orderNotPlaced,
    byKind[error.kind],
    error.kind === 'fix-config' ? undefined : m.errors.safeToRetry,
  );
}

function errorBody(error: FlowError, canRetry: boolean, m: Messages, sb: ScreenButtons): Body {
  return {
    text: errorText(error, m),
    keyboard: [
      canRetry ? [sb.plain(m.buttons.retry, 'retry')] : [],
      [sb.plain(m.buttons.back, 'back'), sb.plain(m.buttons.cancel, 'cancel')],
    ],
  };
}
