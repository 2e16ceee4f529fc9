import {
  type CallbackData,
  encodeCallbackData,
  type IndexAction,
  type PlainAction,
} from '../callback-data.js';
import type { Locale } from '../i18n/locale.js';

/**
 * The views' output: Telegram HTML text plus rows of buttons in a small model of our own, which the
 * glue turns into Bot API markup (`toInlineKeyboardMarkup`).
 */
export type Button =
  | { kind: 'callback'; text: string; data: string }
  | { kind: 'url'; text: string; url: string }
  /** Bot API 7.11 `copy_text` button: copies `copyText` (at most 256 characters) to the clipboard. */
  | { kind: 'copy_text'; text: string; copyText: string };

export type Keyboard = Button[][];

export interface View {
  text: string;
  parseMode: 'HTML';
  keyboard: Keyboard;
}

export function view(text: string, keyboard: Keyboard = []): View {
  return { text, parseMode: 'HTML', keyboard: keyboard.filter((row) => row.length > 0) };
}

/** Button captions are cut so long provider names (plan codes are sentences) stay readable. */
export const MAX_BUTTON_TEXT = 60;

/** Text that `caption` leaves as it is: short, single spaces, nothing to trim (most captions). */
const PLAIN_CAPTION = /^\S+(?: \S+)*$/;

export function caption(text: string): string {
  // UTF-16 length bounds the character count, so a short plain text needs no splitting.
  if (text.length <= MAX_BUTTON_TEXT && PLAIN_CAPTION.test(text)) return text;
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length <= MAX_BUTTON_TEXT
    ? chars.join('')
    : `${chars.slice(0, MAX_BUTTON_TEXT - 1).join('')}…`;
}

export function callbackButton(text: string, data: CallbackData): Button {
  return { kind: 'callback', text: caption(text), data: encodeCallbackData(data) };
}

/** Only http(s) links become URL buttons: a provider-supplied "javascript:" or typo is dropped. */
export function urlButton(text: string, url: string | undefined): Button | undefined {
  if (url === undefined || !isWebUrl(url)) return undefined;
  return { kind: 'url', text: caption(text), url: url.trim() };
}

export function isWebUrl(url: string): boolean {
  try {
    const parsed = new URL(url.trim());
    return parsed.protocol === 'https:' || parsed.protocol === 'http:';
  } catch {
    return false;
  }
}

export const MAX_COPY_TEXT = 256;

export function copyTextButton(text: string, copyText: string | undefined): Button | undefined {
  if (copyText === undefined || copyText === '' || [...copyText].length > MAX_COPY_TEXT) return undefined;
  return { kind: 'copy_text', text: caption(text), copyText };
}

/** Buttons of the current screen, all carrying its token. */
export interface ScreenButtons {
  plain(text: string, action: PlainAction): Button;
  indexed(text: string, action: IndexAction, index: number): Button;
  language(text: string, locale: Locale): Button;
}

export function screenButtons(token: string): ScreenButtons {
  return {
    plain: (text, action) => callbackButton(text, { scope: 'screen', token, action }),
    indexed: (text, action, index) => callbackButton(text, { scope: 'screen', token, action, index }),
    language: (text, locale) =>
      callbackButton(text, { scope: 'screen', token, action: 'setLanguage', locale }),
  };
}

/** Drops the buttons a view could not build (an unsafe URL, an over-long PIN). */
export function present(...buttons: Array<Button | undefined>): Button[] {
  return buttons.filter((button): button is Button => button !== undefined);
}

/** Splits buttons into rows of `size`. */
export function rows(buttons: Button[], size: number): Keyboard {
  const result: Keyboard = [];
  for (let i = 0; i < buttons.length; i += size) result.push(buttons.slice(i, i + size));
  return result;
}

/** The Bot API's InlineKeyboardMarkup, as the glue passes it (raw, for copy_text support). */
export interface InlineKeyboardMarkup {
  inline_keyboard: Array<
    Array<
      | { text: string; callback_data: string }
      | { text: string; url: string }
      | { text: string; copy_text: { text: string } }
    >
  >;
}

type MarkupButton = InlineKeyboardMarkup['inline_keyboard'][number][number];

function toMarkupButton(button: Button): MarkupButton {
  switch (button.kind) {
    case 'callback':
      return { text: button.text, callback_data: button.data };
    case 'url':
      return { text: button.text, url: button.url };
    case 'copy_text':
      return { text: button.text, copy_text: { text: button.copyText } };
  }
}

export function toInlineKeyboardMarkup(keyboard: Keyboard): InlineKeyboardMarkup {
  return { inline_keyboard: keyboard.map((row) => row.map(toMarkupButton)) };
}
