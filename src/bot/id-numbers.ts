import type { OrderDisplay } from '../payments/orders/order.js';
import type { Product } from '../payments/types.js';

/**
 * Identity numbers (a Malaysian IC or a passport) as people read them: a JomPAY payer, or the IC a
 * PTPTN account is looked up with. The full number is shown only where the buyer or an admin types
 * it; everywhere else (screens, buttons, receipts, /history, admin replies, the stored order's
 * display, logs) it is masked to its last four characters, enough to recognise it.
 */
export function maskIdNumber(id: string): string {
  // Already masked (an order's stored display): showing it again must not change its shape.
  if (id.includes(MASK)) return id;
  const compact = id.replace(/[\s-]/g, '');
  if (compact.length <= 4) return MASK.repeat(compact.length);
  const tail = compact.slice(-4);
  // A Malaysian IC keeps its familiar shape: ••••••-••-5678.
  if (/^\d{12}$/.test(compact)) return `${MASK.repeat(6)}-${MASK.repeat(2)}-${tail}`;
  return `${MASK.repeat(compact.length - 4)}${tail}`;
}

const MASK = '•';

/** The account the buyer gave for `product`, as shown: masked when it is an IC number (PTPTN). */
export function shownAccount(product: Pick<Product, 'accountType'>, account: string): string {
  return product.accountType === 'ic_number' ? maskIdNumber(account) : account;
}

/**
 * An order's account as shown on receipts, /history and admin views. An order whose option is an
 * account looked up by IC (PTPTN, `optionKind: 'account'`) has that IC as its account: orders stored
 * before the display was masked still hold it whole, so it is masked here as well.
 */
export function shownOrderAccount(display: Pick<OrderDisplay, 'account' | 'optionKind'>): string {
  return display.optionKind === 'account' ? maskIdNumber(display.account) : display.account;
}
