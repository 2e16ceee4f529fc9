import type { CallbackData } from '../../../src/bot/callback-data.js';
import { filterOptions } from '../../../src/bot/flow/catalog.js';
import type { ErrorKind, FlowEffect, RequestEffect, ToastKey } from '../../../src/bot/flow/effects.js';
import {
  buttonEvent,
  type FlowCommand,
  type FlowEvent,
  type PayerCheck,
} from '../../../src/bot/flow/events.js';
import { purchaseKindOf } from '../../../src/bot/flow/product-kind.js';
import { reduceFlow } from '../../../src/bot/flow/reducer.js';
import { createFlowState, type Display, type FlowState } from '../../../src/bot/flow/state.js';
import type { FlowContext, TopupPolicy } from '../../../src/bot/flow/transition.js';
import { renderScreen } from '../../../src/bot/views/screen.js';
import type { Button, View } from '../../../src/bot/views/view.js';
import type { Currency, Money } from '../../../src/payments/money.js';
import type { Order, OrderDraft } from '../../../src/payments/orders/order.js';
import type { BillPresentment, NetworkStatus, Product, SubProductPage } from '../../../src/payments/types.js';
import type { LedgerPage } from '../../../src/wallet/ledger.js';
import { BILLERS, orderFromDraft, UNAVAILABLE_BILL, VERIFIED_PAYER } from './fixtures.js';

/**
 * A stand-in for the Telegraf glue, for tests only: it runs the reducer, renders every screen it is
 * told to show, and answers request effects from a fake backend, exactly in effect order. A backend
 * answer of 'hold' parks the request in `held` so a test can answer it late, or never.
 */

export type Failure = { fail: ErrorKind; reason?: string };
type Answer<T> = T | Failure | 'hold';

export interface FakeBackend {
  currency?: Currency;
  products?: Product[];
  options?: (effect: Extract<RequestEffect, { type: 'load-options' }>) => Answer<SubProductPage>;
  bill?: (query: Extract<RequestEffect, { type: 'inquire-bill' }>['query']) => Answer<BillPresentment>;
  confirm?: (draft: OrderDraft) => Answer<Order>;
  catalog?: () => Answer<Product[]>;
  orders?: Order[];
  network?: (product: string) => NetworkStatus | undefined;
  /** The margin: what the buyer pays for a face value (the face value by default). */
  price?: (effect: Extract<RequestEffect, { type: 'quote-price' }>) => Answer<Money>;
  /** The buyer's wallet, for /wallet and the main menu's balance line (none by default). */
  wallet?: (
    effect: Extract<RequestEffect, { type: 'load-wallet' }>,
  ) => Answer<{ balance: Money; page: LedgerPage }>;
  /** The balance shown on the main menu; omitted by default. */
  menuBalance?: () => Money | undefined;
  /** The balance read with a quote (for the confirm screen's shortfall); omitted by default. */
  quoteBalance?: () => Money | undefined;
  /** The shop's per-order maximum (MAX_ORDER_AMOUNT), as the glue passes it; none by default. */
  maxOrderAmount?: Money;
  /** One Refresh-caused check per buyer per this time; none by default. */
  recheckSpacingMs?: number;
  topupClaim?: (
    effect: Extract<RequestEffect, { type: 'create-topup-claim' }>,
  ) => Answer<{ claimId: string; expiresAt: number }>;
  /** Top-ups by transfer; unavailable without it. */
  topup?: TopupPolicy;
  /** JomPAY's payer check for biller products; verified as NRIC.twoAccounts by default. */
  payer?: PayerCheck;
}

export interface ShownMessage {
  how: 'send' | 'edit';
  messageId: number;
  view: View;
}

/** Pages the fake biller directory like the provider does: `cursor` is the next offset. */
export function billerPages(effect: Extract<RequestEffect, { type: 'load-options' }>): SubProductPage {
  const limit = effect.query.limit ?? BILLERS.length;
  if (effect.search !== undefined) return { items: filterOptions(BILLERS, effect.search, limit) };
  const offset = Number(effect.query.cursor ?? '0');
  const items = BILLERS.slice(offset, offset + limit);
  const next = offset + limit < BILLERS.length ? String(offset + limit) : undefined;
  return next === undefined ? { items } : { items, next };
}

export interface Harness {
  state: FlowState;
  clock: { now: number };
  /** Every message sent or edited, in order. */
  messages: ShownMessage[];
  /** The toast of every answered button (undefined for a silent answer). */
  toasts: Array<ToastKey | undefined>;
  /** Drafts handed to the order engine. */
  drafts: OrderDraft[];
  shownOrders: Array<{ order: Order; display: Display; back?: CallbackData }>;
  effects: FlowEffect[];
  held: RequestEffect[];
  orders: Order[];
  dispatch(event: FlowEvent): void;
  command(command: FlowCommand, languageCode?: string): void;
  type(text: string): void;
  view(): View;
  button(label: string, from?: View): Extract<Button, { kind: 'callback' }>;
  press(label: string, from?: View, messageId?: number): void;
  pressRaw(data: string, messageId?: number): void;
  answer(effect: RequestEffect, event: FlowEvent): void;
  lastMessage(): ShownMessage | undefined;
}

export function createHarness(
  backend: FakeBackend = {},
  init: { userId?: number; languageCode?: string } = {},
): Harness {
  let idCounter = 0;
  let messageCounter = 100;
  const clock = { now: Date.UTC(2025, 0, 5, 6, 0) };
  const ctx: FlowContext = {
    get now() {
      return clock.now;
    },
    newId: () => {
      idCounter += 1;
      return `id-${idCounter}`;
    },
    ...(backend.topup ? { topup: backend.topup } : {}),
    ...(backend.maxOrderAmount ? { maxOrderAmount: backend.maxOrderAmount } : {}),
    ...(backend.recheckSpacingMs ? { recheckSpacingMs: backend.recheckSpacingMs } : {}),
  };
  const userId = init.userId ?? 42;
  const currency = backend.currency ?? 'MYR';
  const products = backend.products ?? [];
  const orders = backend.orders ?? [];

  const harness: Harness = {
    state: createFlowState({
      userId,
      chatId: userId,
      newId: ctx.newId,
      ...(init.languageCode !== undefined ? { languageCode: init.languageCode } : {}),
    }),
    clock,
    messages: [],
    toasts: [],
    drafts: [],
    shownOrders: [],
    effects: [],
    held: [],
    orders,

    dispatch(event: FlowEvent): void {
      const result = reduceFlow(harness.state, event, ctx);
      harness.state = result.state;
      for (const effect of result.effects) run(effect, result.state);
    },

    command(command: FlowCommand, languageCode?: string): void {
      harness.dispatch({ type: 'command', command, ...(languageCode ? { languageCode } : {}) });
    },

    type(text: string): void {
      harness.dispatch({ type: 'text', text });
    },

    /** The current screen, as the buyer sees it. */
    view(): View {
      return renderScreen(harness.state);
    },

    /** The callback buttons of a view whose caption contains `label`. */
    button(label: string, from: View = harness.view()): Extract<Button, { kind: 'callback' }> {
      const buttons = from.keyboard
        .flat()
        .filter((b): b is Extract<Button, { kind: 'callback' }> => b.kind === 'callback');
      const found = buttons.find((b) => b.text.includes(label));
      if (!found) {
        throw new Error(`no button "${label}" on screen; have: ${buttons.map((b) => b.text).join(' | ')}`);
      }
      return found;
    },

    /** Presses a button of the current screen (or of an older view, to test stale buttons). */
    press(label: string, from?: View, messageId?: number): void {
      const data = harness.button(label, from).data;
      messageId ??= harness.state.screenMessageId;
      harness.dispatch(buttonEvent(data, messageId));
    },

    /** Presses with raw callback_data (forged or stale). */
    pressRaw(data: string, messageId?: number): void {
      harness.dispatch(buttonEvent(data, messageId ?? harness.state.screenMessageId));
    },

    /** Answers a held request now. */
    answer(effect: RequestEffect, event: FlowEvent): void {
      harness.held = harness.held.filter((held) => held !== effect);
      harness.dispatch(event);
    },

    lastMessage(): ShownMessage | undefined {
      return harness.messages.at(-1);
    },
  };

  function answerOrHold<T>(effect: RequestEffect, answer: Answer<T>, ok: (value: T) => FlowEvent): void {
    if (answer === 'hold') {
      harness.held.push(effect);
      return;
    }
    if (typeof answer === 'object' && answer !== null && 'fail' in answer) {
      const failure = answer as Failure;
      harness.dispatch({
        type: 'request-failed',
        requestId: effect.requestId,
        error: failure.fail,
        ...(failure.reason !== undefined ? { reason: failure.reason } : {}),
      });
      return;
    }
    harness.dispatch(ok(answer as T));
  }

  function run(effect: FlowEffect, stateForScreen: FlowState): void {
    harness.effects.push(effect);
    switch (effect.type) {
      case 'answer-button':
        harness.toasts.push(effect.toast);
        return;
      case 'show-screen': {
        const view = renderScreen(stateForScreen);
        if (effect.display.how === 'edit') {
          harness.messages.push({ how: 'edit', messageId: effect.display.messageId, view });
          return;
        }
        messageCounter += 1;
        harness.messages.push({ how: 'send', messageId: messageCounter, view });
        harness.dispatch({ type: 'screen-sent', messageId: messageCounter });
        return;
      }
      case 'show-order':
        harness.shownOrders.push({
          order: effect.order,
          display: effect.display,
          ...(effect.back ? { back: effect.back } : {}),
        });
        return;
      case 'check-network': {
        const status = backend.network?.(effect.product);
        if (status) harness.dispatch({ type: 'network-status', product: effect.product, status });
        return;
      }
      case 'load-order': {
        const order = orders.find((o) => o.refid === effect.refid);
        harness.dispatch({
          type: 'order-loaded',
          refid: effect.refid,
          purpose: effect.purpose,
          order,
          ...(effect.messageId !== undefined ? { messageId: effect.messageId } : {}),
        });
        return;
      }
      case 'load-catalog': {
        const balance = effect.walletOf === undefined ? undefined : backend.menuBalance?.();
        answerOrHold(effect, backend.catalog ? backend.catalog() : products, (list) => ({
          type: 'catalog-loaded',
          requestId: effect.requestId,
          products: list,
          currency,
          ...(balance ? { balance } : {}),
        }));
        return;
      }
      case 'quote-price': {
        const balance = effect.walletOf === undefined ? undefined : backend.quoteBalance?.();
        answerOrHold(effect, backend.price ? backend.price(effect) : effect.base, (price) => ({
          type: 'price-quoted',
          requestId: effect.requestId,
          price,
          ...(balance ? { balance } : {}),
        }));
        return;
      }
      case 'load-wallet':
        answerOrHold(
          effect,
          backend.wallet ? backend.wallet(effect) : { fail: 'fix-config' as const },
          ({ balance, page }) => ({ type: 'wallet-loaded', requestId: effect.requestId, balance, page }),
        );
        return;
      case 'create-topup-claim':
        answerOrHold(
          effect,
          backend.topupClaim
            ? backend.topupClaim(effect)
            : { claimId: `claim-${effect.requestId}`, expiresAt: clock.now + 24 * 3_600_000 },
          ({ claimId, expiresAt }) => ({
            type: 'topup-claim-created',
            requestId: effect.requestId,
            claimId,
            expiresAt,
          }),
        );
        return;
      case 'send-topup-qr':
        return;
      case 'load-product':
        answerOrHold(effect, products, (list) => {
          const product = list.find((p) => p.code === effect.product);
          const biller = product !== undefined && purchaseKindOf(product) === 'biller';
          return {
            type: 'product-loaded',
            requestId: effect.requestId,
            product,
            currency,
            ...(biller ? { payer: backend.payer ?? { status: 'verified', payerId: VERIFIED_PAYER } } : {}),
          };
        });
        return;
      case 'load-options': {
        const answer: Answer<SubProductPage> = backend.options
          ? backend.options(effect)
          : effect.purpose === 'billers'
            ? billerPages(effect)
            : { items: [] };
        answerOrHold(effect, answer, (page) => ({
          type: 'options-loaded',
          requestId: effect.requestId,
          page,
        }));
        return;
      }
      case 'inquire-bill':
        answerOrHold(effect, backend.bill ? backend.bill(effect.query) : UNAVAILABLE_BILL, (bill) => ({
          type: 'bill-loaded',
          requestId: effect.requestId,
          bill,
        }));
        return;
      case 'confirm-order': {
        harness.drafts.push(effect.draft);
        const answer = backend.confirm ? backend.confirm(effect.draft) : orderFromDraft(effect.draft);
        answerOrHold(effect, answer, (order) => {
          if (!orders.some((o) => o.refid === order.refid)) orders.push(order);
          return { type: 'order-confirmed', requestId: effect.requestId, order };
        });
        return;
      }
      case 'list-orders':
        answerOrHold(effect, orders, (list) => ({
          type: 'orders-listed',
          requestId: effect.requestId,
          orders: list.filter((o) => o.userId === effect.userId),
        }));
        return;
    }
  }

  return harness;
}
