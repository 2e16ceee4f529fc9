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

/** Which normaliser the account input goes through. */
export type AccountInputKind = 'phone' | 'nric' | 'account';

export function accountInputKind(product: Product): AccountInputKind {
  if (product.accountType === 'phone_number') return 'phone';
  if (product.accountType === 'ic_number') return 'nric';
  return 'account';
}
