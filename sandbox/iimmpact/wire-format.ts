import { money, toDecimalString } from '../../src/payments/money.js';

/**
 * The small conversions between the sandbox's internal state (integer sen, epoch milliseconds) and
 * the shapes IIMMPACT puts on the wire. The provider mixes timestamp formats per endpoint on purpose
 * (a documented legacy quirk), so each format gets its own named function and callers pick the one
 * their endpoint uses.
 */

/** Malaysia has no daylight saving, so GMT+8 is a fixed offset. */
const MYT_OFFSET_MS = 8 * 60 * 60 * 1000;

interface Parts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
}

function malaysiaParts(epochMs: number): Parts {
  const shifted = new Date(epochMs + MYT_OFFSET_MS);
  const pad = (value: number) => String(value).padStart(2, '0');
  return {
    year: String(shifted.getUTCFullYear()),
    month: pad(shifted.getUTCMonth() + 1),
    day: pad(shifted.getUTCDate()),
    hour: pad(shifted.getUTCHours()),
    minute: pad(shifted.getUTCMinutes()),
    second: pad(shifted.getUTCSeconds()),
  };
}

/** `dd-MM-yyyy HH:mm:ss` in GMT+8: networkstatus, bill-presentment and callback-url `last_updated`. */
export function formatDayFirst(epochMs: number): string {
  const p = malaysiaParts(epochMs);
  return `${p.day}-${p.month}-${p.year} ${p.hour}:${p.minute}:${p.second}`;
}

/** `yyyy-MM-dd HH:mm:ss` in GMT+8: topup and callback `timestamp`. */
export function formatYearFirst(epochMs: number): string {
  const p = malaysiaParts(epochMs);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** `yyyymmdd` in GMT+8: voucher `expiry`. */
export function formatCompactDate(epochMs: number): string {
  const p = malaysiaParts(epochMs);
  return `${p.year}${p.month}${p.day}`;
}

/** ISO 8601 UTC without milliseconds, as in the catalog's `last_updated` example. */
export function formatIsoSeconds(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The real API writes money as JSON numbers (10, 10.5, 48.6333), not strings. Going through the
 * decimal string keeps the conversion exact: 1010 sen becomes 10.1, never 10.100000000000001.
 */
export function senToWire(sen: number): number {
  return Number(toDecimalString(money(sen, 'MYR')));
}

/** The catalog/options Money object: a decimal string plus currency. */
export function senToMoneyObject(sen: number): { amount: string; currency: 'MYR' } {
  return { amount: toDecimalString(money(sen, 'MYR')), currency: 'MYR' };
}

/** "5,10,15" style lists as product-list prints them. */
export function senListToWire(values: readonly number[]): string {
  return values.map((sen) => String(senToWire(sen))).join(',');
}

/** `yyyy-MM-dd HH:mm:ss.fff` in GMT+8: transactions `date`/`response_date`, balance-statement `date`. */
export function formatYearFirstMillis(epochMs: number): string {
  return `${formatYearFirst(epochMs)}.${String(epochMs % 1000).padStart(3, '0')}`;
}

/** The Malaysia date (`yyyy-MM-dd`) an instant falls on. */
export function malaysiaDate(epochMs: number): string {
  return formatYearFirst(epochMs).slice(0, 10);
}
