import { en } from './en.js';
import type { Locale } from './locale.js';
import type { Messages } from './messages.js';
import { ms } from './ms.js';

export const MESSAGES: Readonly<Record<Locale, Messages>> = { en, ms };

/** The dictionary of a locale. */
export function messagesFor(locale: Locale): Messages {
  return MESSAGES[locale];
}
