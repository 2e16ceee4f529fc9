import { loadBillers } from './billers.js';
import { showMenu } from './menu.js';
import { PAGE_SIZE, pageOfIndex } from './paging.js';
import { type PurchaseStep, resetFrom } from './purchase.js';
import type { Display, FlowState, Purchase, Screen } from './state.js';
import { toConfirm } from './steps.js';
import { type FlowContext, type FlowResult, goTo, withPurchase } from './transition.js';

/** Back through the purchase: which step comes before which, and re-entering one. */

/** The step before `step` for this purchase, or 'menu' when it was the first. */
export function stepBefore(purchase: Purchase, step: PurchaseStep): PurchaseStep | 'menu' {
  switch (step) {
    case 'biller':
      return 'menu';
    case 'account':
      return purchase.kind === 'biller' ? 'biller' : 'menu';
    case 'ref2':
    case 'options':
      return 'account';
    case 'amount':
      if (purchase.kind === 'biller') return purchase.ref2Required ? 'ref2' : 'account';
      if (purchase.kind === 'direct') return 'account';
      return 'options';
    case 'confirm':
      return purchase.amountImplied ? stepBefore(purchase, 'amount') : 'amount';
  }
}

/** Re-enters a step, forgetting what was derived after it. */
export function enterStep(
  state: FlowState,
  step: PurchaseStep | 'menu',
  ctx: FlowContext,
  display: Display,
): FlowResult {
  const purchase = state.purchase;
  if (!purchase || step === 'menu') {
    const product = purchase?.product;
    return showMenu(
      state,
      ctx,
      display,
      product ? { category: product.category, product: product.code } : {},
    );
  }
  const reset = withPurchase(state, resetFrom(purchase, step));
  switch (step) {
    case 'biller':
      return loadBillers(reset, ctx, display, { page: 0 });
    case 'options': {
      const page = pageOfIndex(purchase.optionIndex ?? 0, PAGE_SIZE.options);
      return goTo(reset, { kind: 'options', page }, ctx, display);
    }
    case 'confirm':
      return toConfirm(reset, ctx, display);
    default: {
      const screen: Screen = { kind: step };
      return goTo(reset, screen, ctx, display);
    }
  }
}

/** The purchase step a screen belongs to, if any. */
export function stepOfScreen(screen: Screen): PurchaseStep | undefined {
  switch (screen.kind) {
    case 'billers':
      return 'biller';
    case 'account':
    case 'ref2':
    case 'options':
    case 'amount':
    case 'confirm':
      return screen.kind;
    default:
      return undefined;
  }
}
