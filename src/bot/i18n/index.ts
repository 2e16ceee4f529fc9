import { en } from './en.js';
import { id } from './id.js';
import type { Locale } from './locale.js';
import type { Messages } from './messages.js';
import { ms } from './ms.js';

export const MESSAGES: Readonly<Record<Locale, Messages>> = { en, ms, id };

/** The dictionary of a locale. */
export function messagesFor(locale: Locale): Messages {
  return MESSAGES[locale];
}
