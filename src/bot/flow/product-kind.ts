import type { Product } from '../../payments/types.js';

/**
 * How a product is bought, decided from provider-neutral fields only. This is the one place to teach
 * the conversation a new shape of product.
 *
 * - `direct`: account → (bill) → amount. Reloads, postpaid and utility bills, gift cards, eSIMs.
 * - `plan`: a phone number, then the plans the provider offers that number (mobile data).
 * - `account-lookup`: an NRIC, then the accounts registered to it, grouped by category (PTPTN/SSPN).
 *   The payment goes to the chosen account; the NRIC travels as the recipient's IC.
 * - `biller`: a biller chosen first (typed code or the provider's list), then the reference (Ref-1),
 *   Ref-2 when the bill presentment asks for it, and the payer's IC or passport (JomPAY, AMLA).
 */
export type PurchaseKind = 'direct' | 'plan' | 'account-lookup' | 'biller';

export function purchaseKindOf(product: Product): PurchaseKind {
  if (!product.hasSubproducts) return 'direct';
  switch (product.accountType) {
    case 'phone_number':
      return 'plan';
    case 'ic_number':
      return 'account-lookup';
    default:
      // Sub-products that do not depend on the account are a directory to pick from first.
      return 'biller';
  }
}

/**
 * What buying the product is, in the buyer's words, for sentences that name it (the interruption
 * warning): a `topup` credits a phone (reloads, data), a `payment` settles a bill (the buyer types or
 * is shown the amount; JomPAY, PTPTN), anything else (vouchers, gift cards, eSIMs, PLN tokens) is a
 * `purchase`.
 */
export type PurchaseNature = 'topup' | 'payment' | 'purchase';

export function purchaseNatureOf(product: Product): PurchaseNature {
  const kind = purchaseKindOf(product);
  if (kind === 'biller' || kind === 'account-lookup' || product.amount.kind !== 'fixed') return 'payment';
  if (kind === 'plan') return 'topup';
  // A phone credited with a fixed amount is a reload only in a reload group: a gift code also goes
  // to a phone number. Both providers name the group so ("Mobile Reload", "Mobile Data").
  return product.accountType === 'phone_number' && /\b(reload|data)\b/i.test(product.group)
    ? 'topup'
    : 'purchase';
}

/** Which normaliser the account input goes through. */
export type AccountInputKind = 'phone' | 'nric' | 'account';

export function accountInputKind(product: Product): AccountInputKind {
  if (product.accountType === 'phone_number') return 'phone';
  if (product.accountType === 'ic_number') return 'nric';
  return 'account';
}
