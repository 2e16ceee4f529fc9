import type { Currency, Money } from '../../payments/money.js';
import type { OrderState } from '../../payments/orders/order.js';
import type { BillPresentment, Product, SubProduct } from '../../payments/types.js';
import type { LedgerEntryKind } from '../../wallet/ledger.js';
import type { OnlineMethod } from '../../wallet/online-topups.js';
import type { TopupEvidence } from '../../wallet/topup-claims.js';
import type { OrderRefusal } from '../access/refusal.js';
import { type Locale, localeFromLanguageCode } from '../i18n/locale.js';
import type { InputError } from '../input.js';
import type { ErrorKind, RequestEffect } from './effects.js';
import type { PurchaseKind } from './product-kind.js';
import { screenToken } from './tokens.js';

/**
 * The conversation's state: UI state only, plain JSON, kept in a per-chat session with a TTL. It
 * holds what the buyer has chosen so far and what the current screen shows; money leaves it only as
 * an OrderDraft, and order state never lives here (the order store owns it).
 */

/** Bumped when the shape changes; the glue drops sessions of another version (see restoreFlowState). */
export const FLOW_STATE_VERSION = 1;

export interface FlowState {
  v: typeof FLOW_STATE_VERSION;
  userId: number;
  chatId: number;
  locale: Locale;
  /** True once the buyer picked a language with /lang; until then Telegram's language_code decides. */
  localeChosen: boolean;
  /** Token of the current screen; every screen button carries it (see callback-data.ts). */
  token: string;
  screen: Screen;
  /** Active products only, slimmed to what the menus need; refreshed on /start. */
  catalog?: CatalogEntry[];
  /** The provider's currency, from the last catalog or product answer. */
  currency?: Currency;
  purchase?: Purchase;
  /** A one-off message shown above the next screen (bad input, "cancelled"…), then dropped. */
  notice?: Notice;
  /** The message showing the current screen, so async results can edit it in place. */
  screenMessageId?: number;
  /**
   * The wallet balance as last read for the main menu: display only, never used to decide anything
   * (the wallet store decides at Confirm).
   */
  shownBalance?: Money;
  /** When this buyer's Refresh last brought an order's provider check forward (ms). */
  recheckedAt?: number;
}

/** A ledger entry as the statement lists it (the session keeps no ids or references). */
export interface StatementLine {
  kind: LedgerEntryKind;
  amount: Money;
  balanceAfter: Money;
  at: number;
  note?: string;
}

export interface CatalogEntry {
  code: string;
  name: string;
  category: string;
  /** Listed but not sellable (`Product.unsellable`): shown as unavailable. */
  unavailable?: boolean;
}

/** A JomPAY-style biller: picked from the provider's list (with its limits) or typed as a code. */
export interface BillerChoice {
  code: string;
  name?: string;
  min?: Money;
  max?: Money;
}

/** What the buyer has chosen for the purchase in progress. Later fields are cleared when going back. */
export interface Purchase {
  /** Snapshot of the product as the catalog described it when chosen. */
  product: Product;
  kind: PurchaseKind;
  /** The provider's currency: typed amounts are read in it, and phone numbers by its country. */
  currency: Currency;
  /**
   * The shop's per-order maximum (MAX_ORDER_AMOUNT) when the purchase began, so every amount prompt
   * shows and enforces it (see `effectiveAmountRule`). Display and input only: Confirm checks the
   * configured maximum again (access/admission.ts).
   */
  orderMax?: Money;
  biller?: BillerChoice;
  /** The account as the buyer gave it, in canonical form (phone, NRIC, account number, Ref-1). */
  account?: string;
  ref2?: string;
  /** The provider said this biller needs Ref-2. */
  ref2Required?: boolean;
  payerId?: string;
  /** Plans or accounts offered for `account`, in the provider's order (capped, see MAX_OPTIONS). */
  options?: SubProduct[];
  /** Index into `options` of the buyer's choice. */
  optionIndex?: number;
  /** A bill presentment with outcome `valid`; absent when none was available. */
  bill?: BillPresentment;
  amount?: Money;
  /** True when the amount was implied (plan price, single denomination), so Back skips that step. */
  amountImplied?: boolean;
  /** The product's network reported an interruption: warn, never block. */
  networkWarning?: boolean;
  /**
   * What the buyer pays for `amount` (face value plus margin), as quoted when the confirm screen was
   * shown. Snapshotted: a margin rule changed later never alters a quote already on screen.
   */
  price?: Money;
  /**
   * The buyer's wallet balance, read with the quote, so the confirm screen can warn of a shortfall.
   * Display only: the wallet store decides at Confirm (the balance may change in between).
   */
  walletBalance?: Money;
  /** Identifies the confirm screen shown; one quote makes at most one order. */
  quoteId?: string;
  /** When the confirm screen was shown (ms), so a long-forgotten quote is refreshed before use. */
  quotedAt?: number;
  /**
   * Confirm was pressed for `quoteId`. From then on the quote is never refreshed behind the buyer's
   * back: if the first attempt did create an order, a retry must reuse its quote to find it.
   */
  quoteSubmitted?: boolean;
}

/** A row of /history: enough to list it; the receipt is rendered from the full order on demand. */
export interface HistoryEntry {
  refid: string;
  productName: string;
  /** The number or account the order was for, as the receipt shows it. */
  account?: string;
  amount: Money;
  state: OrderState;
  createdAt: number;
}

/** A page of a provider-paged biller list, with the cursors needed to page back. */
export interface BillerList {
  items: SubProduct[];
  /** 0-based page number. */
  page: number;
  /** Cursor that loaded each page visited so far (null for the first page). */
  cursors: Array<string | null>;
  next?: string;
  search?: string;
}

/** What the screen waits for or shows. Each kind has exactly one view. */
export type Screen =
  | { kind: 'home' }
  | {
      kind: 'loading';
      request: RequestEffect;
      /** Where Back and errors return to. Never itself a loading or side screen. */
      from: Screen;
      /** Whether "Loading…" was put on screen (quick cache reads are not shown). */
      shown: boolean;
      /** How to show the result when nothing was shown yet. */
      display: Display;
    }
  | { kind: 'categories'; page: number }
  | { kind: 'products'; category: string; page: number }
  | { kind: 'billers'; list: BillerList }
  | { kind: 'account' }
  | { kind: 'ref2' }
  | { kind: 'options'; page: number }
  | { kind: 'amount' }
  | { kind: 'confirm' }
  /** Confirm was pressed; the order engine has the draft. The request is kept for "Try again". */
  | { kind: 'processing'; request: Extract<RequestEffect, { type: 'confirm-order' }> }
  | { kind: 'done'; refid: string }
  /** One page of /history, newest first; `page` is 0-based (absent on the first), `more` if older follow. */
  | { kind: 'history'; orders: HistoryEntry[]; page?: number; more?: boolean; back: Screen }
  | { kind: 'help'; back: Screen }
  /** What the shop keeps about the buyer and who else sees it (/privacy). */
  | { kind: 'privacy'; back: Screen }
  | { kind: 'language'; back: Screen }
  | { kind: 'error'; error: FlowError; retry?: RequestEffect; back: Screen }
  /** Confirm was refused before any order was made (access, daily limits, balance). */
  | { kind: 'refused'; refusal: OrderRefusal; back: Screen }
  /** /wallet: the balance and one page of the ledger, newest first. */
  | {
      kind: 'wallet';
      balance: Money;
      lines: StatementLine[];
      offset: number;
      total: number;
      back: Screen;
    }
  /** Top up: choose a suggested amount or type one. `back` is where Back returns to. */
  | { kind: 'topup-amount'; min: Money; max: Money; suggested: Money[]; back: Screen }
  /**
   * The shop's payment instructions for `amount`; waits for a receipt photo or the transfer's
   * reference. The instructions are copied from the configuration when the screen is shown.
   */
  | {
      kind: 'topup-evidence';
      amount: Money;
      instructions: string;
      back: Screen;
      /** Online methods offered as buttons; `transfer: false` when only those are. */
      online?: OnlineMethod[];
      transfer?: boolean;
    }
  /** The claim is recorded; an admin will check it. */
  | { kind: 'topup-sent'; amount: Money; claimId: string; expiresAt: number; evidence: TopupEvidence }
  /** A bill (with its page's URL) or a Stars invoice is out; the wallet is credited when it is paid. */
  | {
      kind: 'topup-online';
      method: OnlineMethod;
      amount: Money;
      url?: string;
      stars?: number;
      expiresAt: number;
    };

export type ScreenKind = Screen['kind'];

/** Where to show a screen: a new message, or an edit of an existing one. */
export type Display = { how: 'send' } | { how: 'edit'; messageId: number };

/** A failed request, by what the buyer can do about it (see payments/errors.ts NextAction). */
export interface FlowError {
  kind: ErrorKind;
  /** The provider's reason, for `tell-user`. Untrusted text: views escape it. */
  reason?: string;
  /** What was being done, so the message can say so. */
  during: RequestEffect['type'];
}

export type Notice =
  | { kind: 'input'; error: InputError }
  | { kind: 'bill-invalid'; message: string }
  /** The provider said this payment would fail now (`BillPresentment.validity`); its reason. */
  | { kind: 'bill-blocked'; message: string }
  /** The provider refused the amount (`refusal: product_unavailable`); asked again. */
  | { kind: 'amount-refused'; message: string }
  | { kind: 'ref2-required'; message: string }
  /** A typed biller code that is not in the provider's biller list. */
  | { kind: 'biller-unknown'; code: string }
  | { kind: 'bill-skipped' }
  | { kind: 'cancelled' }
  /** Cancelled after a Confirm whose outcome we did not learn: an order may exist. */
  | { kind: 'cancelled-after-confirm' }
  | { kind: 'already-processing' }
  | { kind: 'expired' }
  | { kind: 'use-buttons' }
  | { kind: 'unknown-command' }
  | { kind: 'language-changed' }
  | { kind: 'product-unavailable' }
  /** The product's or plan's one price is above the shop's per-order maximum (MAX_ORDER_AMOUNT). */
  | { kind: 'price-above-order-max'; limit: Money }
  | { kind: 'order-not-found' }
  | { kind: 'quote-refreshed' }
  /** On the evidence step, something that is neither a photo nor a usable reference. */
  | { kind: 'topup-evidence-needed' }
  | { kind: 'topup-reference-invalid' }
  /** Top-ups by transfer are not configured. */
  | { kind: 'topup-unavailable' };

/**
 * A fresh conversation for a buyer in a private chat, in the language Telegram reports for them.
 * `newId` is the same source the reducer's context uses.
 */
export function createFlowState(init: {
  userId: number;
  chatId: number;
  languageCode?: string;
  newId: () => string;
}): FlowState {
  return {
    v: FLOW_STATE_VERSION,
    userId: init.userId,
    chatId: init.chatId,
    locale: localeFromLanguageCode(init.languageCode),
    localeChosen: false,
    token: screenToken(init.newId()),
    screen: { kind: 'home' },
  };
}

/** Screen kinds older sessions may still be on, that this version no longer has. */
const REMOVED_SCREENS: ReadonlySet<unknown> = new Set(['payer-id']);

/**
 * A session read back from storage, if it is a flow state of this version for this user; otherwise
 * undefined and the glue starts afresh (old buttons are then answered "this menu has expired").
 */
export function restoreFlowState(raw: unknown, userId: number): FlowState | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const candidate = raw as Partial<FlowState>;
  if (candidate.v !== FLOW_STATE_VERSION || candidate.userId !== userId) return undefined;
  if (typeof candidate.token !== 'string' || typeof candidate.screen !== 'object') return undefined;
  // Saved on a screen that no longer exists (the typed payer id, now verified by admins): start afresh.
  if (REMOVED_SCREENS.has((candidate.screen as { kind?: unknown } | null)?.kind)) return undefined;
  return raw as FlowState;
}
