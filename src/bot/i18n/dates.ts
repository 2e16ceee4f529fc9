import { MESSAGES } from './index.js';
import type { Locale } from './locale.js';

/**
 * Dates for buyers, in Malaysia time whatever the server's zone. Malaysia has kept UTC+8 without
 * daylight saving since 1982, so a fixed offset is exact, and formatting by hand keeps the output the
 * same on every Node build (ICU data varies).
 */
export const SHOP_UTC_OFFSET_MINUTES = 8 * 60;

/** "16 Nov 2025" from an ISO date ("2025-11-16"); anything unreadable is returned unchanged. */
export function formatIsoDate(isoDate: string, locale: Locale): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate.trim());
  const month = match ? MESSAGES[locale].dates.months[Number(match[2]) - 1] : undefined;
  if (!match || month === undefined) return isoDate;
  return `${Number(match[3])} ${month} ${match[1]}`;
}

/** "16 Nov 2025, 14:03" in Malaysia time. */
export function formatDateTime(
  epochMs: number,
  locale: Locale,
  offsetMinutes = SHOP_UTC_OFFSET_MINUTES,
): string {
  const local = new Date(epochMs + offsetMinutes * 60_000);
  const month = MESSAGES[locale].dates.months[local.getUTCMonth()] ?? '';
  const hh = String(local.getUTCHours()).padStart(2, '0');
  const mm = String(local.getUTCMinutes()).padStart(2, '0');
  return `${local.getUTCDate()} ${month} ${local.getUTCFullYear()}, ${hh}:${mm}`;
}

/** "16 Nov 14:03" in Malaysia time, for compact lists that need the time too. */
export function formatShortDateTime(
  epochMs: number,
  locale: Locale,
  offsetMinutes = SHOP_UTC_OFFSET_MINUTES,
): string {
  const local = new Date(epochMs + offsetMinutes * 60_000);
  const hh = String(local.getUTCHours()).padStart(2, '0');
  const mm = String(local.getUTCMinutes()).padStart(2, '0');
  return `${formatShortDate(epochMs, locale, offsetMinutes)} ${hh}:${mm}`;
}

/** "16 Nov" in Malaysia time, for compact lists. */
export function formatShortDate(
  epochMs: number,
  locale: Locale,
  offsetMinutes = SHOP_UTC_OFFSET_MINUTES,
): string {
  const local = new Date(epochMs + offsetMinutes * 60_000);
  return `${local.getUTCDate()} ${MESSAGES[locale].dates.months[local.getUTCMonth()] ?? ''}`;
}
