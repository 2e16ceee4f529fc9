import type { Currency, Money } from '../../payments/money.js';
import type { AmountRule, Product, SubProduct } from '../../payments/types.js';
import { checkAmount, sameMoney } from '../input.js';
import type { Purchase } from './state.js';

/** Facts derived from a purchase in progress; pure helpers shared by the reducer and the views. */

export function chosenOption(purchase: Purchase): SubProduct | undefined {
  return purchase.optionIndex === undefined ? undefined : purchase.options?.[purchase.optionIndex];
}

/** The price a plan states, if any (`price` is the denomination; face value as a fallback). */
export function optionPrice(option: SubProduct): Money | undefined {
  return option.price ?? option.faceValue;
}

/**
 * The amount rule after the buyer's choices: a priced plan fixes the amount, a plan, account or
 * biller with its own limits narrows the range, otherwise the product's rule applies. A typed amount
 * is then capped by the shop's per-order maximum (`Purchase.orderMax`).
 */
export function effectiveAmountRule(purchase: Purchase): AmountRule {
  return withinOrderMax(providerAmountRule(purchase), purchase.orderMax, purchase.currency);
}

function providerAmountRule(purchase: Purchase): AmountRule {
  const productRule = purchase.product.amount;
  const wholeUnitsOnly = productRule.kind !== 'fixed' && productRule.wholeUnitsOnly;
  const option = chosenOption(purchase);
  if (option) {
    const price = optionPrice(option);
    if (price) return { kind: 'fixed', choices: [price], suggested: [price] };
    if (option.min && option.max) return { kind: 'range', min: option.min, max: option.max, wholeUnitsOnly };
  }
  const biller = purchase.biller;
  if (biller?.min && biller.max) return { kind: 'range', min: biller.min, max: biller.max, wholeUnitsOnly };
  return productRule;
}

/**
 * A rule narrowed to the shop's per-order maximum. The maximum is on the face value, as the refusal
 * at Confirm compares it (access/admission.ts), not on the price with the margin. A list of fixed
 * choices loses those above the maximum, so no button offers what Confirm would refuse; when none is
 * left the list stays whole and the prompt says nothing can be ordered (`minimumAboveOrderMax`). A
 * lone fixed choice is left alone: it is not even asked (an eSIM, a priced plan); one above the
 * maximum is refused on the tap that chose it (`impliedAboveOrderMax`). A maximum in another
 * currency than the purchase's is a configuration error that Confirm refuses whole; it narrows
 * nothing here.
 *
 * A maximum below the provider's minimum leaves a range no amount satisfies, on purpose: every
 * typed amount is refused at the prompt with a true reason, and the prompt says why nothing can be
 * ordered (`minimumAboveOrderMax`) instead of naming a range that runs backwards.
 */
function withinOrderMax(rule: AmountRule, max: Money | undefined, currency: Currency): AmountRule {
  if (!max || max.currency !== currency) return rule;
  switch (rule.kind) {
    case 'fixed': {
      const allowed = (amount: Money) => amount.currency === max.currency && amount.minor <= max.minor;
      const choices = rule.choices.filter(allowed);
      if (rule.choices.length < 2 || choices.length === 0 || choices.length === rule.choices.length)
        return rule;
      return { ...rule, choices, suggested: rule.suggested.filter(allowed) };
    }
    case 'range':
      return rule.max.currency === max.currency && max.minor < rule.max.minor ? { ...rule, max } : rule;
    case 'open':
      if (rule.max && (rule.max.currency !== max.currency || rule.max.minor <= max.minor)) return rule;
      return { ...rule, max };
  }
}

/**
 * The provider's smallest amount for this choice and the shop's per-order maximum, when the maximum
 * is below it: nothing can be ordered here, whatever the buyer types or taps. A lone fixed choice is
 * not asked; `impliedAboveOrderMax` covers it.
 */
export function minimumAboveOrderMax(purchase: Purchase): { min: Money; max: Money } | undefined {
  const rule = providerAmountRule(purchase);
  const max = purchase.orderMax;
  if (!max) return undefined;
  const amounts =
    rule.kind === 'range' ? [rule.min] : rule.kind === 'fixed' && rule.choices.length > 1 ? rule.choices : [];
  if (amounts.length === 0 || amounts.some((amount) => amount.currency !== max.currency)) return undefined;
  const min = amounts.reduce((least, amount) => (amount.minor < least.minor ? amount : least));
  return max.minor < min.minor ? { min, max } : undefined;
}

/**
 * The fixed amounts the amount screen offers as buttons, each with its index in the provider's own
 * list, which is what a button carries: a keyboard drawn before the list was narrowed to the shop's
 * maximum (by an earlier version, or another replica mid-deploy) still names the amount it showed.
 * None when every choice is above the maximum.
 */
export function offeredChoices(purchase: Purchase): Array<{ amount: Money; index: number }> {
  const listed = providerAmountRule(purchase);
  const offered = effectiveAmountRule(purchase);
  if (listed.kind !== 'fixed' || offered.kind !== 'fixed' || minimumAboveOrderMax(purchase)) return [];
  return listed.choices
    .map((amount, index) => ({ amount, index }))
    .filter(({ amount }) => offered.choices.some((choice) => sameMoney(choice, amount)));
}

/** The amount a button of the amount screen stands for (`offeredChoices`), if it is still offered. */
export function offeredChoice(purchase: Purchase, index: number): Money | undefined {
  return offeredChoices(purchase).find((choice) => choice.index === index)?.amount;
}

/**
 * The amount that needs no question: the provider's lone fixed choice (an eSIM, a priced plan). A
 * list that the shop's maximum narrows to one is still asked, so the buyer sees what they buy.
 */
export function impliedAmountOf(purchase: Purchase): Money | undefined {
  return impliedAmount(providerAmountRule(purchase));
}

/**
 * What the buyer receives for the amount: the product's face value when the provider charges
 * another amount for it (IAK: Rp 10.850 for XL 10.000), otherwise the amount itself.
 */
export function faceValueOf(purchase: Purchase): Money | undefined {
  const amount = purchase.amount;
  const face = purchase.product.faceValue;
  const rule = purchase.product.amount;
  const productsOwnAmount =
    rule.kind === 'fixed' && rule.choices.length === 1 && rule.choices[0]?.minor === amount?.minor;
  if (!amount || !face || face.currency !== amount.currency || !productsOwnAmount || chosenOption(purchase))
    return amount;
  return face;
}

/**
 * The shop's per-order maximum when the price this purchase implies (an eSIM's, a priced plan's) is
 * above it: the buyer is told on the tap that chose it, not at Confirm. A maximum in another currency
 * is left to Confirm, which refuses it whole.
 */
export function impliedAboveOrderMax(purchase: Purchase): Money | undefined {
  const implied = impliedAmountOf(purchase);
  const max = purchase.orderMax;
  if (!implied || !max || implied.currency !== max.currency) return undefined;
  return implied.minor > max.minor ? max : undefined;
}

/** An amount that needs no question: a rule with a single fixed choice (an eSIM, a priced plan). */
export function impliedAmount(rule: AmountRule): Money | undefined {
  return rule.kind === 'fixed' && rule.choices.length === 1 ? rule.choices[0] : undefined;
}

/** The bill's outstanding amount, when it is positive and payable under the rule: offered as default. */
export function outstandingOffer(purchase: Purchase): Money | undefined {
  const outstanding = purchase.bill?.outstanding;
  if (!outstanding || outstanding.minor <= 0) return undefined;
  return checkAmount(outstanding, effectiveAmountRule(purchase)).ok ? outstanding : undefined;
}

/** Where the money goes: the looked-up account for PTPTN-style products, otherwise what was typed. */
export function paymentAccount(purchase: Purchase): string | undefined {
  if (purchase.kind === 'account-lookup') return chosenOption(purchase)?.accountNumber ?? purchase.account;
  return purchase.account;
}

/**
 * A short, human label for a plan or account. IIMMPACT puts the product's own name in a plan's
 * display name ("Hotlink Internet") and the plan in its description, so a name that merely repeats
 * the product gives way to the description.
 */
export function optionLabel(option: SubProduct, product: Product): string {
  const name = option.name.trim();
  if (name !== '' && name.toLowerCase() !== product.name.trim().toLowerCase()) return name;
  return option.description?.trim() || option.code;
}

/**
 * Whether a bill presentment's refusal means "this biller needs Ref-2" (IIMMPACT: "Ref-2 is
 * required"). Matched loosely on the word so a rewording still asks for Ref-2 instead of failing.
 */
export function asksForRef2(message: string): boolean {
  return /\bref[\s-]?2\b/i.test(message);
}

/** Steps of a purchase, in the order their data is gathered. */
export type PurchaseStep = 'biller' | 'account' | 'ref2' | 'options' | 'amount' | 'confirm';

/**
 * Forgets what was derived after a step, before the buyer redoes it. Typed values (account, Ref-2)
 * stay as suggestions for a one-tap "Keep" button; what depended on them goes.
 */
export function resetFrom(purchase: Purchase, step: PurchaseStep): Purchase {
  const next: Purchase = { ...purchase };
  delete next.price;
  delete next.walletBalance;
  delete next.quoteId;
  delete next.quotedAt;
  delete next.quoteSubmitted;
  if (step === 'confirm') return next;
  delete next.amount;
  delete next.amountImplied;
  if (step === 'amount') return next;
  delete next.optionIndex;
  if (purchase.kind === 'account-lookup') delete next.bill;
  if (step === 'options') return next;
  delete next.bill;
  if (step === 'ref2') return next;
  delete next.options;
  delete next.ref2Required;
  if (step === 'account') return next;
  delete next.biller;
  return next;
}
