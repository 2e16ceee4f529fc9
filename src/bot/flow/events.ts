import type { Currency, Money } from '../../payments/money.js';
import type { Order } from '../../payments/orders/order.js';
import type { BillPresentment, NetworkStatus, Product, SubProductPage } from '../../payments/types.js';
import type { LedgerPage } from '../../wallet/ledger.js';
import type { OnlineMethod } from '../../wallet/online-topups.js';
import type { OrderRefusal } from '../access/refusal.js';
import { type CallbackData, decodeCallbackData } from '../callback-data.js';
import type { ErrorKind } from './effects.js';

/** Everything that can happen to a conversation: the buyer's input, and answers to effects. */

/**
 * Whether a buyer may pay JomPAY: the shop has it off (JOMPAY_ENABLED), the buyer is not verified
 * (eKYC by an admin), or verified with this IC or passport number, which is sent as the payer's.
 */
export type PayerCheck =
  | { status: 'disabled' }
  | { status: 'unverified' }
  | { status: 'verified'; payerId: string };

/** The buyer commands, in the order the command menu and the help screen list them. */
export const USER_MENU_COMMANDS = [
  'start',
  'wallet',
  'history',
  'help',
  'lang',
  'privacy',
  'cancel',
] as const;

/** A command the conversation answers: every one of them is in the menu, none is hidden. */
export type FlowCommand = (typeof USER_MENU_COMMANDS)[number];

/** The commands the conversation answers (the menu's; see FlowCommand). */
export const FLOW_COMMANDS: readonly FlowCommand[] = USER_MENU_COMMANDS;

/**
 * Commands buyers may be shown besides the flow's own: /paysupport and /terms, answered by the Stars
 * payments middleware, exist only while Stars top-ups are on.
 */
export type BuyerMenuCommand = FlowCommand | 'paysupport' | 'terms';

/** The buyer commands of a shop, in menu order: the Stars commands follow the flow's when Stars are on. */
export function buyerMenuCommands(stars: boolean): readonly BuyerMenuCommand[] {
  return stars ? [...USER_MENU_COMMANDS, 'paysupport', 'terms'] : USER_MENU_COMMANDS;
}

/** Telegram's `from.language_code`, sent with buyer events so the default language can follow it. */
interface FromBuyer {
  languageCode?: string;
}

export type FlowEvent =
  | ({ type: 'command'; command: FlowCommand } & FromBuyer)
  | ({ type: 'text'; text: string } & FromBuyer)
  /**
   * A photo (the largest size's file id and file_unique_id, and its caption). The glue passes
   * photos, and other non-text messages as `other-message`, only while the screen waits for top-up
   * evidence. `fileUniqueId` is what recognises the same receipt sent again (wallet/topup-proofs.ts).
   */
  | ({ type: 'photo'; fileId: string; fileUniqueId: string; caption?: string } & FromBuyer)
  | ({ type: 'other-message' } & FromBuyer)
  /**
   * A button press. `data` is undefined when the callback_data did not decode (forged, or from an
   * older version of the bot); `messageId` is the message the button was on.
   */
  | ({ type: 'button'; data: CallbackData | undefined; messageId?: number } & FromBuyer)
  /** A `show-screen` effect sent a new message with this id. */
  | { type: 'screen-sent'; messageId: number }
  /**
   * A request started without its "Loading…" screen (one that is usually answered from a cache) is
   * taking long: the glue sends this while it still waits, so the buyer is told.
   */
  | { type: 'request-slow'; requestId: string }
  | {
      type: 'catalog-loaded';
      requestId: string;
      products: Product[];
      currency: Currency;
      /** The buyer's wallet balance, when `walletOf` asked for it and it could be read. */
      balance?: Money;
    }
  | {
      type: 'product-loaded';
      requestId: string;
      product: Product | undefined;
      currency: Currency;
      /** For a biller (JomPAY) product: whether this buyer may pay it, and as which payer. */
      payer?: PayerCheck;
    }
  | { type: 'options-loaded'; requestId: string; page: SubProductPage }
  | { type: 'bill-loaded'; requestId: string; bill: BillPresentment }
  | { type: 'order-confirmed'; requestId: string; order: Order }
  /** The shop would not take this order (access, daily limits); no order was created. */
  | { type: 'order-refused'; requestId: string; refusal: OrderRefusal }
  | { type: 'orders-listed'; requestId: string; orders: Order[] }
  /** `balance`: the buyer's wallet, when `walletOf` asked for it, buyers pay from it, and it was read. */
  | { type: 'price-quoted'; requestId: string; price: Money; balance?: Money }
  | { type: 'wallet-loaded'; requestId: string; balance: Money; page: LedgerPage }
  | { type: 'topup-claim-created'; requestId: string; claimId: string; expiresAt: number }
  | {
      type: 'online-topup-started';
      requestId: string;
      method: OnlineMethod;
      url?: string;
      stars?: number;
      expiresAt: number;
    }
  /** Any request effect failed. `reason` is the provider's words, for `tell-user`. */
  | { type: 'request-failed'; requestId: string; error: ErrorKind; reason?: string }
  | { type: 'network-status'; product: string; status: NetworkStatus }
  | {
      type: 'order-loaded';
      refid: string;
      purpose: 'view' | 'try-again';
      messageId?: number;
      order: Order | undefined;
    };

/** Builds the button event from raw, untrusted callback_data (decoded and validated here). */
export function buttonEvent(
  rawData: string | undefined,
  messageId?: number,
  languageCode?: string,
): Extract<FlowEvent, { type: 'button' }> {
  const event: Extract<FlowEvent, { type: 'button' }> = {
    type: 'button',
    data: decodeCallbackData(rawData),
  };
  if (messageId !== undefined) event.messageId = messageId;
  if (languageCode !== undefined) event.languageCode = languageCode;
  return event;
}

/**
 * Reads a command from message text: "/start", "/start@ShopBot", "/history extra words". Answers
 * undefined for other text and for commands addressed to another bot.
 */
export function parseCommand(text: string, botUsername?: string): FlowCommand | undefined {
  const match = /^\/([a-z]+)(?:@([A-Za-z0-9_]+))?(?:\s|$)/i.exec(text.trim());
  if (!match) return undefined;
  const [, name = '', target] = match;
  if (
    target !== undefined &&
    botUsername !== undefined &&
    target.toLowerCase() !== botUsername.toLowerCase()
  ) {
    return undefined;
  }
  const command = name.toLowerCase();
  if (command === 'language') return 'lang';
  return (FLOW_COMMANDS as readonly string[]).includes(command) ? (command as FlowCommand) : undefined;
}
