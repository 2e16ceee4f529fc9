import type { OrderDisplay, OrderDraft, StatusMessageRef } from '../../payments/orders/order.js';
import type { PaymentExtras } from '../../payments/types.js';
import { maskIdNumber, shownAccount } from '../id-numbers.js';
import { chosenOption, faceValueOf, optionLabel, paymentAccount } from './purchase.js';
import type { FlowState, Purchase } from './state.js';

/**
 * The OrderDraft for the confirm screen the buyer is looking at, or undefined when the purchase is
 * incomplete (a forged or stale Confirm). The request is built from session data only; nothing a
 * button carried decides an amount or an account.
 */
export function buildOrderDraft(state: FlowState, statusMessageId?: number): OrderDraft | undefined {
  const purchase = state.purchase;
  if (!purchase?.quoteId || !purchase.amount || !purchase.account || !purchase.price) return undefined;
  const account = paymentAccount(purchase);
  const extras = extrasOf(purchase);
  if (account === undefined || extras === undefined) return undefined;

  const request: OrderDraft['request'] = { product: purchase.product.code, account, amount: purchase.amount };
  if (Object.keys(extras).length > 0) request.extras = extras;
  const draft: OrderDraft = {
    quoteId: purchase.quoteId,
    userId: state.userId,
    chatId: state.chatId,
    locale: state.locale,
    request,
    display: displayOf(purchase),
    charge: { price: purchase.price },
  };
  if (statusMessageId !== undefined) {
    const statusMessage: StatusMessageRef = { chatId: state.chatId, messageId: statusMessageId };
    draft.statusMessage = statusMessage;
  }
  return draft;
}

/** Extras per kind (IIMMPACT spec §11.1, in provider-neutral names); undefined if one is missing. */
function extrasOf(purchase: Purchase): PaymentExtras | undefined {
  const option = chosenOption(purchase);
  switch (purchase.kind) {
    case 'direct':
      return {};
    case 'plan':
      return option ? { subproductCode: option.code } : undefined;
    case 'account-lookup':
      // The NRIC the accounts were looked up with is the recipient's IC.
      return option && purchase.account
        ? { subproductCode: option.code, icNumber: purchase.account }
        : undefined;
    case 'biller': {
      if (!purchase.biller || !purchase.payerId) return undefined;
      if (purchase.ref2Required && !purchase.ref2) return undefined;
      const extras: PaymentExtras = { billerCode: purchase.biller.code, icNumber: purchase.payerId };
      if (purchase.ref2) extras.ref2 = purchase.ref2;
      return extras;
    }
  }
}

function displayOf(purchase: Purchase): OrderDisplay {
  const amount = purchase.amount;
  if (!amount) throw new Error('displayOf needs an amount');
  const display: OrderDisplay = {
    productName: purchase.product.name,
    accountLabel: purchase.product.accountLabel,
    // An IC (PTPTN) is kept masked: the request sent holds it whole, the display never does.
    account: shownAccount(purchase.product, purchase.account ?? ''),
    amount,
  };
  const faceValue = faceValueOf(purchase);
  if (faceValue && faceValue.minor !== amount.minor) display.faceValue = faceValue;
  if (purchase.bill?.customerName) display.customerName = purchase.bill.customerName;
  const optionName = optionNameOf(purchase);
  if (optionName) {
    display.optionName = optionName;
    display.optionKind =
      purchase.kind === 'biller' ? 'biller' : purchase.kind === 'plan' ? 'plan' : 'account';
  }
  const validity = chosenOption(purchase)?.validity?.trim();
  if (validity) display.validity = validity;
  if (purchase.ref2) display.ref2 = purchase.ref2;
  // Never the whole number: the display is shown on receipts and kept with the order.
  if (purchase.payerId) display.payer = maskIdNumber(purchase.payerId);
  return display;
}

/** The plan, account or biller as one line for the receipt (OrderDisplay.optionName). */
export function optionNameOf(purchase: Purchase): string | undefined {
  const option = chosenOption(purchase);
  if (purchase.kind === 'biller' && purchase.biller) {
    const { code, name } = purchase.biller;
    return name ? `${name} (${code})` : code;
  }
  if (!option) return undefined;
  const label = optionLabel(option, purchase.product);
  if (purchase.kind === 'account-lookup') {
    const group = option.description?.trim();
    const head = group ? `${group} · ${label}` : label;
    return option.accountNumber ? `${head} (${option.accountNumber})` : head;
  }
  return label;
}
