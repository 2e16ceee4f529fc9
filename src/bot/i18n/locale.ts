/** The languages the bot speaks. Every user-facing string exists in each of them. */
export type Locale = 'en' | 'ms' | 'id';

export const LOCALES: readonly Locale[] = ['en', 'ms', 'id'];

export const DEFAULT_LOCALE: Locale = 'en';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * Picks the default locale from Telegram's `from.language_code` (an IETF tag such as "ms" or
 * "en-GB"). Malay maps to Malay and Indonesian (also its old code "in") to Indonesian; everything
 * else gets English until the buyer chooses with /lang.
 */
export function localeFromLanguageCode(languageCode: string | undefined): Locale {
  const primary = languageCode?.trim().toLowerCase().split(/[-_]/)[0];
  if (primary === 'ms') return 'ms';
  if (primary === 'id' || primary === 'in') return 'id';
  return DEFAULT_LOCALE;
}
