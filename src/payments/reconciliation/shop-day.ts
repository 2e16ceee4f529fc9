import type { ShopDay } from './ports.js';

/** Shop days at a fixed UTC offset (Malaysia and Indonesia keep no daylight saving). */

const DAY_MS = 24 * 60 * 60_000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isShopDay(text: string): text is ShopDay {
  const match = DAY_PATTERN.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text;
}

/** The shop day an instant falls in. */
export function shopDayOf(epochMs: number, utcOffsetMinutes: number): ShopDay {
  return new Date(epochMs + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}

/** [start, end) of a shop day in epoch ms. */
export function shopDayRange(day: ShopDay, utcOffsetMinutes: number): { startMs: number; endMs: number } {
  if (!isShopDay(day)) throw new RangeError(`not a day: ${day}`);
  const startMs = Date.parse(`${day}T00:00:00Z`) - utcOffsetMinutes * 60_000;
  return { startMs, endMs: startMs + DAY_MS };
}

/** The day before. */
export function previousShopDay(day: ShopDay): ShopDay {
  return new Date(Date.parse(`${day}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
}

/** Minutes after the shop's midnight for an instant. */
export function shopMinuteOfDay(epochMs: number, utcOffsetMinutes: number): number {
  const shifted = new Date(epochMs + utcOffsetMinutes * 60_000);
  return shifted.getUTCHours() * 60 + shifted.getUTCMinutes();
}

/** "03:30" -> 210; undefined for anything else. */
export function parseTimeOfDay(text: string): number | undefined {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}
