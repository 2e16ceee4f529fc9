import { MESSAGES } from './index.js';
import type { Locale } from './locale.js';

/**
 * Dates for buyers, in the shop's time zone whatever the server's (SHOP_TIMEZONE: Malaysia for
 * IIMMPACT, Jakarta for IAK by default). The zone is a value handed to the views, never a global they
 * read. Formatting is by hand from the zone's offset, so the output is the same on every Node build.
 */

/** A shop's time zone: its IANA name, its offset from UTC at an instant, and its abbreviation. */
export interface ShopTimeZone {
  /** IANA name, e.g. "Asia/Jakarta". */
  readonly name: string;
  /** Minutes ahead of UTC at `epochMs`. */
  offsetMinutes(epochMs: number): number;
  /** What buyers call it ("WIB"), when receipts should say so; undefined: receipts show no zone. */
  readonly abbreviation: string | undefined;
}

/** Zones without daylight saving whose offset and name are known here, so ICU data does not matter. */
const KNOWN_ZONES: Readonly<Record<string, { offsetMinutes: number; abbreviation?: string }>> = {
  // Malaysia has kept UTC+8 without daylight saving since 1982. Receipts have always shown no zone.
  'Asia/Kuala_Lumpur': { offsetMinutes: 8 * 60 },
  'Asia/Kuching': { offsetMinutes: 8 * 60 },
  // Indonesia's three zones, none with daylight saving.
  'Asia/Jakarta': { offsetMinutes: 7 * 60, abbreviation: 'WIB' },
  'Asia/Pontianak': { offsetMinutes: 7 * 60, abbreviation: 'WIB' },
  'Asia/Makassar': { offsetMinutes: 8 * 60, abbreviation: 'WITA' },
  'Asia/Jayapura': { offsetMinutes: 9 * 60, abbreviation: 'WIT' },
};

/** Whether `name` is an IANA time zone this Node knows. */
export function isTimeZone(name: string): boolean {
  if (name.trim() === '' || name !== name.trim()) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Offset of `zone` at `epochMs`, from ICU ("GMT+07:00"), for zones not in KNOWN_ZONES. */
function intlOffsetMinutes(zone: string, epochMs: number): number {
  const part = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
    .formatToParts(epochMs)
    .find((p) => p.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(part ?? '');
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === '-' ? -minutes : minutes;
}

/** The shop time zone named `name` (an IANA name; check it with isTimeZone first). */
export function shopTimeZone(name: string): ShopTimeZone {
  const known = KNOWN_ZONES[name];
  if (known) {
    return { name, offsetMinutes: () => known.offsetMinutes, abbreviation: known.abbreviation };
  }
  if (!isTimeZone(name)) throw new RangeError(`unknown time zone ${name}`);
  return { name, offsetMinutes: (epochMs) => intlOffsetMinutes(name, epochMs), abbreviation: undefined };
}

/** Malaysia time: the IIMMPACT shop's zone, and what views use when given none. */
export const MALAYSIA_TIME: ShopTimeZone = shopTimeZone('Asia/Kuala_Lumpur');

/** Western Indonesia time (WIB): the IAK shop's default zone. */
export const JAKARTA_TIME: ShopTimeZone = shopTimeZone('Asia/Jakarta');

/** Malaysia's offset, UTC+8 (kept for callers that need a plain number). */
export const SHOP_UTC_OFFSET_MINUTES = 8 * 60;

function offsetOf(zone: ShopTimeZone | number, epochMs: number): number {
  return typeof zone === 'number' ? zone : zone.offsetMinutes(epochMs);
}

/** "16 Nov 2025" from an ISO date ("2025-11-16"); anything unreadable is returned unchanged. */
export function formatIsoDate(isoDate: string, locale: Locale): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate.trim());
  const month = match ? MESSAGES[locale].dates.months[Number(match[2]) - 1] : undefined;
  if (!match || month === undefined) return isoDate;
  return `${Number(match[3])} ${month} ${match[1]}`;
}

/** "16 Nov 2025, 14:03" in the shop's zone (Malaysia unless given). */
export function formatDateTime(
  epochMs: number,
  locale: Locale,
  zone: ShopTimeZone | number = MALAYSIA_TIME,
): string {
  const local = new Date(epochMs + offsetOf(zone, epochMs) * 60_000);
  const month = MESSAGES[locale].dates.months[local.getUTCMonth()] ?? '';
  const hh = String(local.getUTCHours()).padStart(2, '0');
  const mm = String(local.getUTCMinutes()).padStart(2, '0');
  return `${local.getUTCDate()} ${month} ${local.getUTCFullYear()}, ${hh}:${mm}`;
}

/** "16 Nov 14:03" in the shop's zone (Malaysia unless given), for compact lists that need the time too. */
export function formatShortDateTime(
  epochMs: number,
  locale: Locale,
  zone: ShopTimeZone | number = MALAYSIA_TIME,
): string {
  const local = new Date(epochMs + offsetOf(zone, epochMs) * 60_000);
  const hh = String(local.getUTCHours()).padStart(2, '0');
  const mm = String(local.getUTCMinutes()).padStart(2, '0');
  return `${formatShortDate(epochMs, locale, zone)} ${hh}:${mm}`;
}

/** formatDateTime followed by the zone's abbreviation when it has one: "16 Nov 2025, 13:03 WIB". */
export function formatZonedDateTime(
  epochMs: number,
  locale: Locale,
  zone: ShopTimeZone = MALAYSIA_TIME,
): string {
  const text = formatDateTime(epochMs, locale, zone);
  return zone.abbreviation ? `${text} ${zone.abbreviation}` : text;
}

/** "14:03:27" in the shop's zone (Malaysia unless given), with the zone's abbreviation when it has one. */
export function formatClockTime(epochMs: number, zone: ShopTimeZone = MALAYSIA_TIME): string {
  const local = new Date(epochMs + offsetOf(zone, epochMs) * 60_000);
  const time = [local.getUTCHours(), local.getUTCMinutes(), local.getUTCSeconds()]
    .map((part) => String(part).padStart(2, '0'))
    .join(':');
  return zone.abbreviation ? `${time} ${zone.abbreviation}` : time;
}

/** "16 Nov" in the shop's zone (Malaysia unless given), for compact lists. */
export function formatShortDate(
  epochMs: number,
  locale: Locale,
  zone: ShopTimeZone | number = MALAYSIA_TIME,
): string {
  const local = new Date(epochMs + offsetOf(zone, epochMs) * 60_000);
  return `${local.getUTCDate()} ${MESSAGES[locale].dates.months[local.getUTCMonth()] ?? ''}`;
}
