import type { Telegram } from 'telegraf';
import { TelegramError } from 'telegraf';
import type { Sleep } from '../../platform/sleep.js';
import { toInlineKeyboardMarkup, type View } from '../views/view.js';

/**
 * Sending and editing views through the Bot API, with Telegram's known answers handled once here:
 * "message is not modified" is success, an edit Telegram refuses falls back to a new message, and
 * 429 is waited out for the `retry_after` Telegram asks (a few times, then it gives up).
 */

const MAX_RETRY_AFTER_S = 30;

/** Runs a Bot API call, waiting out 429s (up to three times, at most 30 s each). */
export async function withRetryAfter<T>(call: () => Promise<T>, sleep: Sleep): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const retryAfter = error instanceof TelegramError ? error.parameters?.retry_after : undefined;
      if (retryAfter === undefined || attempt >= 3 || retryAfter > MAX_RETRY_AFTER_S) throw error;
      await sleep(retryAfter * 1000);
    }
  }
}

export function isNotModified(error: unknown): boolean {
  return error instanceof TelegramError && /message is not modified/i.test(error.description);
}

function isUneditable(error: unknown): boolean {
  return (
    error instanceof TelegramError &&
    /message to edit not found|message can't be edited|MESSAGE_ID_INVALID/i.test(error.description)
  );
}

/** Telegram will never deliver to this chat: the bot was blocked, or the chat or user is gone. */
export function cannotReachChat(error: unknown): boolean {
  return (
    error instanceof TelegramError &&
    (error.code === 403 || /chat not found|user is deactivated|bot was blocked/i.test(error.description))
  );
}

export function isQueryTooOld(error: unknown): boolean {
  return error instanceof TelegramError && /query is too old|query ID is invalid/i.test(error.description);
}

/** Telegram could not take the formatted text (broken entities, too long): send it plain instead. */
function refusedFormatting(error: unknown): boolean {
  return (
    error instanceof TelegramError &&
    /can't parse entities|message is too long|MESSAGE_TOO_LONG|text is too long/i.test(error.description)
  );
}

/** Telegram's limit for a message's text. */
const MAX_TEXT = 4096;

/** The view as plain text: tags dropped, entities decoded, cut to Telegram's limit. */
export function plainText(html: string): string {
  const text = html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
  const chars = [...text];
  return chars.length <= MAX_TEXT ? text : `${chars.slice(0, MAX_TEXT - 1).join('')}…`;
}

function plainExtra(view: View) {
  return {
    link_preview_options: { is_disabled: true },
    reply_markup: toInlineKeyboardMarkup(view.keyboard) as never,
  };
}

function extra(view: View) {
  // The cast: Telegraf 4.16's types predate copy_text buttons; the Bot API accepts them.
  return {
    parse_mode: view.parseMode,
    link_preview_options: { is_disabled: true },
    reply_markup: toInlineKeyboardMarkup(view.keyboard) as never,
  };
}

export async function sendView(
  telegram: Telegram,
  chatId: number,
  view: View,
  sleep: Sleep,
): Promise<number> {
  try {
    const message = await withRetryAfter(() => telegram.sendMessage(chatId, view.text, extra(view)), sleep);
    return message.message_id;
  } catch (error) {
    if (!refusedFormatting(error)) throw error;
    const message = await withRetryAfter(
      () => telegram.sendMessage(chatId, plainText(view.text), plainExtra(view)),
      sleep,
    );
    return message.message_id;
  }
}

/**
 * Edits a message into `view`. Returns the id of the message now showing it: the same one, or a new
 * one when Telegram would not edit (too old, deleted).
 */
export async function editView(
  telegram: Telegram,
  chatId: number,
  messageId: number,
  view: View,
  sleep: Sleep,
): Promise<number> {
  try {
    await withRetryAfter(
      () => telegram.editMessageText(chatId, messageId, undefined, view.text, extra(view)),
      sleep,
    );
    return messageId;
  } catch (error) {
    if (isNotModified(error)) return messageId;
    if (isUneditable(error)) return sendView(telegram, chatId, view, sleep);
    if (!refusedFormatting(error)) throw error;
    try {
      await withRetryAfter(
        () => telegram.editMessageText(chatId, messageId, undefined, plainText(view.text), plainExtra(view)),
        sleep,
      );
      return messageId;
    } catch (plainError) {
      if (isNotModified(plainError)) return messageId;
      throw plainError;
    }
  }
}
