import type { NextAction } from '../../payments/errors.js';
import type { Money } from '../../payments/money.js';
import type { Order, OrderDraft } from '../../payments/orders/order.js';
import type { InquiryQuery, OptionsQuery } from '../../payments/provider.js';
import type { OnlineMethod } from '../../wallet/online-topups.js';
import type { TopupEvidence } from '../../wallet/topup-claims.js';
import type { CallbackData } from '../callback-data.js';
import type { Locale } from '../i18n/locale.js';
import type { Display } from './state.js';

/**
 * What the reducer asks the outside world to do. The glue runs effects in order; each request effect
 * is answered by exactly one event carrying the same `requestId` (its result, or `request-failed`).
 * Effects are transient: they are never stored in the session, except a request kept for "Try again".
 */

/** Requests whose answer the conversation waits for. */
export type RequestEffect =
  /**
   * provider.listProducts() (cached) → `catalog-loaded`. `category` is for the reducer only. With
   * `walletOf`, the answer also carries that buyer's wallet balance (one read, for the main menu);
   * a balance that cannot be read is simply left out.
   */
  | { type: 'load-catalog'; requestId: string; category?: string; walletOf?: number }
  /** The product with this code from the (cached) catalog → `product-loaded`, product undefined if gone. */
  | {
      type: 'load-product';
      requestId: string;
      product: string;
      /** The buyer: a biller (JomPAY) product's answer says whether they are a verified payer. */
      buyer?: number;
    }
  /**
   * provider.listOptions(query) → `options-loaded`. With `search`, answer the first `query.limit`
   * entries of the whole list that match it (`filterOptions`), as one page without `next`.
   * `purpose` and `page` are for the reducer only.
   */
  | {
      type: 'load-options';
      requestId: string;
      query: OptionsQuery;
      search?: string;
      purpose: 'options' | 'billers';
      page?: number;
      /** A biller code the buyer typed, looked up in the biller list before Ref-1 is asked. */
      code?: string;
    }
  /** provider.inquire(query) → `bill-loaded`. A provider without inquire answers `unavailable`. */
  | { type: 'inquire-bill'; requestId: string; query: InquiryQuery }
  /**
   * orderService.confirm(draft) → `order-confirmed`. Safe to repeat: one quote makes one order. When
   * the buyer may not place it (access, daily limits), no order is made → `order-refused`.
   */
  | { type: 'confirm-order'; requestId: string; draft: OrderDraft }
  /**
   * orderService.listByUser(userId, limit) → `orders-listed`. `page` (0-based, 0 when absent) is
   * the /history page wanted: `limit` covers it and one order more, to tell whether another follows.
   */
  | { type: 'list-orders'; requestId: string; userId: number; limit: number; page?: number }
  /**
   * What the buyer pays for `base` (the face value) under the owner's margin rules → `price-quoted`.
   * Asked when the buyer reaches the confirm screen; the answer is snapshotted in the purchase, so a
   * rule changed later never alters a quote already shown. Until margins are wired, price = base.
   * With `walletOf`, and when buyers pay from their wallets, the answer also carries that buyer's
   * balance (read alongside, left out when it cannot be read), for the confirm screen's shortfall.
   */
  | { type: 'quote-price'; requestId: string; product: QuotedProduct; base: Money; walletOf?: number }
  /** wallets.balance(userId) and wallets.entries(userId, { offset, limit }) → `wallet-loaded`. */
  | { type: 'load-wallet'; requestId: string; userId: number; offset: number; limit: number }
  /**
   * Records a top-up claim (a bank transfer the buyer says they made) for the admins to check →
   * `topup-claim-created`. Nothing is credited until an admin approves it.
   */
  | {
      type: 'create-topup-claim';
      requestId: string;
      userId: number;
      chatId: number;
      amount: Money;
      evidence: TopupEvidence;
    }
  /**
   * Starts a top-up that settles itself (a Billplz bill, a Stars invoice sent to the chat) →
   * `online-topup-started`, or `request-failed` when nothing payable was made (nothing is owed).
   */
  | {
      type: 'start-online-topup';
      requestId: string;
      method: OnlineMethod;
      userId: number;
      chatId: number;
      amount: Money;
    };

/** The product facts margin rules are keyed on. */
export interface QuotedProduct {
  code: string;
  group: string;
  category: string;
  /** True when the buyer chose the amount freely (a range or an open amount), not from a list. */
  freeAmount: boolean;
}

/** Why a request failed, by what to do next: the provider's NextAction, or a bug of ours. */
export type ErrorKind = NextAction | 'internal';

/** Short messages for answerCallbackQuery; see `renderToast`. */
export type ToastKey = 'expired';

export type FlowEffect =
  | RequestEffect
  /**
   * Every button event's effects start with exactly one of these: answer the callback query (with
   * the toast, if any) before doing anything else.
   */
  | { type: 'answer-button'; toast?: ToastKey }
  /**
   * Render `renderScreen(state)` of the state returned with this effect. `send` posts a new message
   * (then dispatch `screen-sent` with its id); `edit` edits that message, and falls back to sending
   * when Telegram refuses the edit (ignore "message is not modified").
   */
  | { type: 'show-screen'; display: Display }
  /** Background, fire-and-forget: provider.getNetworkStatus(product) → `network-status`; ignore failures. */
  | { type: 'check-network'; product: string }
  /**
   * orderService.get(refid) → `order-loaded` with the same refid, purpose and messageId (order
   * undefined when missing). The reducer checks ownership, not the glue.
   */
  | { type: 'load-order'; refid: string; purpose: 'view' | 'try-again'; messageId?: number }
  /**
   * Render `renderOrderStatus(order, state.locale)` as a new message or into the given one. `back`,
   * for a receipt opened from /history, is the button that shows the list again. An order still in
   * progress shows when the provider was last asked (`order.updatedAt`) when `lastChecked` is set.
   */
  | { type: 'show-order'; order: Order; display: Display; back?: CallbackData; lastChecked?: boolean }
  /**
   * After a Refresh drew an order still in progress (`show-order` just before, same display and
   * back): if the order became final meanwhile, draw it again so no stale screen stays; otherwise,
   * with `nudge`, orderService.nudge(refid, { byBuyer: true }). Fire-and-forget; a failure leaves
   * the schedule.
   */
  | { type: 'recheck-order'; refid: string; display: Display; back?: CallbackData; nudge: boolean }
  /**
   * Before the payment instructions: send the shop's QR image (TOPUP_QR_IMAGE) as a photo, when one
   * is configured. Fire-and-forget; a failure only leaves the text instructions.
   */
  | { type: 'send-topup-qr' }
  /**
   * The buyer picked this language: keep it beyond the conversation (lasting-choices.ts), for 400
   * days from this pick. Fire-and-forget; a failure only means Telegram's language once the
   * conversation is forgotten.
   */
  | { type: 'remember-language'; locale: Locale };
