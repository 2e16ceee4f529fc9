import { checkAccountFormat } from '../../payments/account-format.js';
import type { Money } from '../../payments/money.js';
import {
  type InputResult,
  normalizeAccount,
  normalizeNric,
  normalizePhone,
  parseAmountInput,
  phoneCountryFor,
} from '../input.js';
import { buildOrderDraft } from './draft.js';
import { accountInputKind } from './product-kind.js';
import {
  effectiveAmountRule,
  impliedAboveOrderMax,
  impliedAmountOf,
  minimumAboveOrderMax,
  paymentAccount,
  resetFrom,
} from './purchase.js';
import type { Display, FlowState, Purchase } from './state.js';
import {
  awaited,
  type FlowContext,
  type FlowResult,
  goTo,
  renotice,
  resultDisplay,
  returnPoint,
  SEND,
  show,
  startRequest,
  stay,
  withNotice,
  withPurchase,
} from './transition.js';

/**
 * The purchase, step by step. Each `enter…`/`after…` function moves to the next step given what the
 * buyer has chosen; the sequence per kind (see product-kind.ts):
 *
 *   direct:          account → bill → amount → confirm
 *   plan:            account → bill → options (plans) → confirm
 *   account-lookup:  account (NRIC) → options (accounts) → bill → amount → confirm
 *   biller:          biller (checked) → account (Ref-1) → bill [→ Ref-2 → bill] → amount → bill
 *                    (with the amount) → confirm; the payer is the buyer's verified IC or passport
 *
 * Amount steps are skipped when the amount is implied (a priced plan, a single denomination).
 */

/** A confirm screen older than this is re-quoted before Confirm is honoured. */
export const QUOTE_TTL_MS = 15 * 60_000;

// ---------------------------------------------------------------- account, Ref-2, payer id

function normalizedAccount(purchase: Purchase, text: string): InputResult<string> {
  // Where the provider's documents say what the account looks like (IAK), that decides, operator
  // prefixes included, so a wrong-operator number is refused here and not after Confirm.
  if (purchase.product.accountFormat !== undefined) {
    const checked = checkAccountFormat(purchase.product, text);
    return checked.ok ? { ok: true, value: checked.value } : { ok: false, error: checked.error };
  }
  switch (accountInputKind(purchase.product)) {
    case 'phone':
      return normalizePhone(text, phoneCountryFor(purchase.currency));
    case 'nric':
      return normalizeNric(text);
    case 'account':
      return normalizeAccount(text, purchase.product.keyboard);
  }
}

export function onAccountText(
  state: FlowState,
  purchase: Purchase,
  text: string,
  ctx: FlowContext,
): FlowResult {
  const parsed = normalizedAccount(purchase, text);
  if (!parsed.ok) return renotice(state, { kind: 'input', error: parsed.error });
  const next = { ...resetFrom(purchase, 'account'), account: parsed.value };
  return afterAccount(withPurchase(state, next), ctx, SEND);
}

export function afterAccount(state: FlowState, ctx: FlowContext, display: Display): FlowResult {
  const purchase = state.purchase;
  if (!purchase?.account) return stay(state);
  if (purchase.kind === 'account-lookup') return loadOptions(state, purchase, ctx, display);
  return inquire(state, ctx, display);
}

export function onRef2Text(state: FlowState, purchase: Purchase, text: string, ctx: FlowContext): FlowResult {
  const parsed = normalizeAccount(text, 'text');
  if (!parsed.ok) return renotice(state, { kind: 'input', error: parsed.error });
  return inquire(withPurchase(state, { ...resetFrom(purchase, 'ref2'), ref2: parsed.value }), ctx, SEND);
}

/** "Keep" on an input screen: go on with the value given before. */
export function keepValue(state: FlowState, ctx: FlowContext, display: Display): FlowResult | undefined {
  const purchase = state.purchase;
  if (!purchase) return undefined;
  switch (state.screen.kind) {
    case 'account':
      return purchase.account ? afterAccount(state, ctx, display) : undefined;
    case 'ref2':
      return purchase.ref2 ? inquire(state, ctx, display) : undefined;
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------- lookups

/** Bill presentment for the account money goes to; every product gets one (spec §12). */
export function inquire(state: FlowState, ctx: FlowContext, display: Display, amount?: Money): FlowResult {
  const purchase = state.purchase;
  const account = purchase && paymentAccount(purchase);
  if (!purchase || account === undefined) return stay(state);
  return startRequest(
    state,
    (requestId) => ({
      type: 'inquire-bill',
      requestId,
      query: {
        product: purchase.product.code,
        account,
        ...(purchase.biller ? { billerCode: purchase.biller.code } : {}),
        ...(purchase.ref2 ? { ref2: purchase.ref2 } : {}),
        ...(amount ? { amount } : {}),
      },
    }),
    ctx,
    display,
  );
}

/** Plans for a phone number, or accounts for an NRIC. */
export function loadOptions(
  state: FlowState,
  purchase: Purchase,
  ctx: FlowContext,
  display: Display,
): FlowResult {
  const account = purchase.account;
  if (account === undefined) return stay(state);
  return startRequest(
    state,
    (requestId) => ({
      type: 'load-options',
      requestId,
      purpose: 'options',
      query: { product: purchase.product.code, account },
    }),
    ctx,
    display,
  );
}

/** The next step once the bill presentment allowed the buyer on. */
export function afterBill(state: FlowState, ctx: FlowContext, display: Display): FlowResult {
  const purchase = state.purchase;
  if (!purchase) return stay(state);
  switch (purchase.kind) {
    case 'direct':
    case 'account-lookup':
      return toAmount(state, ctx, display);
    case 'plan':
      return loadOptions(state, purchase, ctx, display);
    case 'biller':
      // The payer is the buyer's verified number (eKYC), known from the start: never typed.
      return toAmount(state, ctx, display);
  }
}

export function chooseOption(
  state: FlowState,
  index: number,
  ctx: FlowContext,
  display: Display,
): FlowResult {
  const purchase = state.purchase;
  if (!purchase?.options?.[index]) return stay(state);
  const next = withPurchase(state, { ...resetFrom(purchase, 'options'), optionIndex: index });
  const limit = next.purchase && impliedAboveOrderMax(next.purchase);
  if (limit) return show(withNotice(state, { kind: 'price-above-order-max', limit }), display);
  return purchase.kind === 'account-lookup' ? inquire(next, ctx, display) : toAmount(next, ctx, display);
}

// ---------------------------------------------------------------- amount and confirm

export function toAmount(state: FlowState, ctx: FlowContext, display: Display): FlowResult {
  const purchase = state.purchase;
  if (!purchase) return stay(state);
  const reset = resetFrom(purchase, 'amount');
  const implied = impliedAmountOf(reset);
  if (implied)
    return toConfirm(withPurchase(state, { ...reset, amount: implied, amountImplied: true }), ctx, display);
  return goTo(withPurchase(state, reset), { kind: 'amount' }, ctx, display);
}

export function onAmountText(
  state: FlowState,
  purchase: Purchase,
  text: string,
  ctx: FlowContext,
): FlowResult {
  const parsed = parseAmountInput(text, effectiveAmountRule(purchase), purchase.currency);
  if (!parsed.ok) return renotice(state, { kind: 'input', error: parsed.error });
  // Every fixed choice is above the shop's maximum (the prompt says so): a typed one is refused here,
  // as a typed amount above a range's maximum is, rather than at Confirm.
  const unreachable = minimumAboveOrderMax(purchase);
  if (unreachable && parsed.value.minor > unreachable.max.minor) {
    return renotice(state, { kind: 'input', error: { code: 'amount-too-high', max: unreachable.max } });
  }
  return withAmount(state, parsed.value, ctx, SEND);
}

/**
 * The buyer chose an amount. A JomPAY bill is looked up again with it (its biller checks the amount,
 * InquiryQuery.amount) before the confirm screen; anything else goes straight on to be quoted.
 */
export function withAmount(state: FlowState, amount: Money, ctx: FlowContext, display: Display): FlowResult {
  const purchase = state.purchase;
  if (!purchase) return stay(state);
  const next = withPurchase(state, { ...purchase, amount, amountImplied: false });
  if (purchase.kind === 'biller') return inquire(next, ctx, display, amount);
  return toConfirm(next, ctx, display);
}

/**
 * On the way to the confirm screen: asks what the buyer pays for the amount (the owner's margin),
 * quietly. `price-quoted` then shows the confirm screen (see `onPriceQuoted`).
 */
export function toConfirm(state: FlowState, ctx: FlowContext, display: Display): FlowResult {
  const purchase = state.purchase;
  if (!purchase?.amount) return stay(state);
  const base = purchase.amount;
  const {
    quoteSubmitted: _previous,
    price: _oldPrice,
    quoteId: _oldQuote,
    quotedAt: _oldAt,
    walletBalance: _oldBalance,
    ...rest
  } = purchase;
  const product = purchase.product;
  return startRequest(
    withPurchase(state, rest),
    (requestId) => ({
      type: 'quote-price',
      requestId,
      product: {
        code: product.code,
        group: product.group,
        category: product.category,
        freeAmount: effectiveAmountRule(purchase).kind !== 'fixed',
      },
      base,
      walletOf: state.userId,
    }),
    ctx,
    display,
  );
}

/**
 * The price for the confirm screen: snapshotted in the purchase under a fresh quote id (one quote
 * makes at most one order). A notice set on the way here (a refreshed quote) is still shown: the
 * quote request was quiet, so nothing showed it yet.
 */
export function onPriceQuoted(
  state: FlowState,
  event: { requestId: string; price: Money; balance?: Money },
  ctx: FlowContext,
): FlowResult {
  const request = awaited(state, event.requestId);
  const purchase = state.purchase;
  if (request?.type !== 'quote-price' || !purchase?.amount) return stay(state);
  if (event.price.currency !== purchase.amount.currency || event.price.minor <= 0) {
    // A price in another currency, or nothing to pay, is a bug of ours: never show or charge it.
    return goTo(
      state,
      {
        kind: 'error',
        error: { kind: 'internal', during: 'quote-price' },
        retry: request,
        back: returnPoint(state.screen),
      },
      ctx,
      resultDisplay(state),
    );
  }
  const balance = event.balance?.currency === event.price.currency ? event.balance : undefined;
  const quoted: Purchase = {
    ...purchase,
    price: event.price,
    quoteId: ctx.newId(),
    quotedAt: ctx.now,
    ...(balance ? { walletBalance: balance } : {}),
  };
  return goTo(withPurchase(state, quoted), { kind: 'confirm' }, ctx, resultDisplay(state));
}

/**
 * Confirm: hands the draft to the order engine, then turns the confirm message into "Processing…",
 * which becomes the order's status message. The order is asked for first, so "Processing…" never
 * shows for an order that does not exist (a crash in between leaves the confirm screen, and the
 * replayed press finds the order). A stale quote is refreshed first.
 */
export function confirm(
  state: FlowState,
  ctx: FlowContext,
  messageId: number | undefined,
): FlowResult | undefined {
  const purchase = state.purchase;
  if (!purchase?.quoteId) return undefined;
  const display: Display = messageId === undefined ? SEND : { how: 'edit', messageId };
  const stale = purchase.quotedAt === undefined || ctx.now - purchase.quotedAt > QUOTE_TTL_MS;
  if (stale && !purchase.quoteSubmitted) {
    return toConfirm(withNotice(state, { kind: 'quote-refreshed' }), ctx, display);
  }
  const submitted = withPurchase(state, { ...purchase, quoteSubmitted: true });
  const draft = buildOrderDraft(submitted, messageId);
  if (!draft) return undefined;
  const request = { type: 'confirm-order' as const, requestId: ctx.newId(), draft };
  const next = goTo(submitted, { kind: 'processing', request }, ctx, display);
  return { state: next.state, effects: [request, ...next.effects] };
}
