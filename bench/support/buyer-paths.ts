import { STAND_IN_BOT } from '../../demo/bot-api-stand-in.js';
import type { Screen } from './lean-bot-api.js';

/**
 * What the benchmark's buyers do, as real Telegram updates. A path is a list of steps; a step is a
 * message (commands carry a bot_command entity, as Telegram sends them) or a tap on a button of the
 * newest screen the bot sent, with that button's callback_data, as Telegram delivers a
 * callback_query (the tapped message included).
 */
export type Step = { say: string } | { press: RegExp };

export type PathName = 'menus' | 'browse' | 'start';

/**
 * menus: the shop's menus only, nothing that asks the provider (the catalog is cached after the
 * first read). browse: a purchase up to the confirm screen; tapping the product checks its network
 * status with the provider. start: one /start per buyer, for the webhook's intake alone.
 * `CONFIRM` is the extra step of the buyers who pay.
 */
export const PATHS: Record<PathName, readonly Step[]> = {
  menus: [
    { say: '/start' },
    { press: /^Prepaid$/ },
    { press: /Back/ },
    { press: /^Internet$/ },
    { press: /Back/ },
    { press: /^Utilities$/ },
  ],
  browse: [
    { say: '/start' },
    { press: /^Prepaid$/ },
    { press: /^Digi Prepaid$/ },
    { say: '0123456780' },
    { press: /RM 10\.00/ },
  ],
  start: [{ say: '/start' }],
};
export const CONFIRM: Step = { press: /Confirm and pay/ };

/** A final receipt (or failure notice), edited into the order's message after payment. */
export const RECEIPT = /Successful|failed|refunded|could not/i;

export interface Buyer {
  id: number;
  /** The newest screen with buttons: what the buyer taps on. */
  screen: Screen | undefined;
  nextMessageId: number;
}

let nextUpdateId = 1;

/** Update ids are unique in the process, so no phase's update is taken for another's repeat. */
export function setFirstUpdateId(id: number): void {
  nextUpdateId = id;
}

const person = (buyer: Buyer) => ({
  id: buyer.id,
  is_bot: false,
  first_name: `Buyer${buyer.id % 10_000}`,
  language_code: 'en',
});
const chatOf = (buyer: Buyer) => ({ id: buyer.id, type: 'private', first_name: `Buyer${buyer.id % 10_000}` });

export function messageUpdate(buyer: Buyer, text: string): Record<string, unknown> {
  const command = text.startsWith('/') ? text.split(/\s/)[0] : undefined;
  return {
    update_id: nextUpdateId++,
    message: {
      message_id: buyer.nextMessageId++,
      from: person(buyer),
      chat: chatOf(buyer),
      date: Math.floor(Date.now() / 1000),
      text,
      ...(command ? { entities: [{ offset: 0, length: command.length, type: 'bot_command' }] } : {}),
    },
  };
}

/**
 * A tap on the button whose label matches, on the buyer's newest screen; undefined when there is no
 * such button. With `anyButton` the first button stands in (the reference handler's screens carry
 * fixed buttons: it does the same work whatever is tapped).
 */
export function callbackUpdate(
  buyer: Buyer,
  label: RegExp,
  anyButton: boolean,
): Record<string, unknown> | undefined {
  const screen = buyer.screen;
  const button =
    screen?.buttons.find((b) => b.callback_data && label.test(b.text)) ??
    (anyButton ? screen?.buttons.find((b) => b.callback_data) : undefined);
  if (!screen || !button?.callback_data) return undefined;
  return {
    update_id: nextUpdateId++,
    callback_query: {
      id: `${buyer.id}${nextUpdateId}`,
      from: person(buyer),
      message: {
        message_id: screen.messageId,
        from: STAND_IN_BOT,
        chat: chatOf(buyer),
        date: Math.floor(Date.now() / 1000),
        edit_date: Math.floor(Date.now() / 1000),
        // Telegram delivers the text without its HTML tags (they become entities).
        text: screen.text.replace(/<[^>]+>/g, ''),
        reply_markup: { inline_keyboard: screen.buttons.map((b) => [b]) },
      },
      chat_instance: String(buyer.id * 7),
      data: button.callback_data,
    },
  };
}
