/**
 * IIMMPACT timestamps are Malaysia time (GMT+8) in several formats depending on the endpoint. These
 * turn them into ISO 8601 with an explicit offset, or undefined when they do not parse.
 */
const MALAYSIA_OFFSET = '+08:00';

/** "2025-05-20 13:09:34" or "2025-05-20 13:09:34.123" -> "2025-05-20T13:09:34+08:00". */
export function parseIsoOrderedTimestamp(text: string | undefined): string | undefined {
  const match = text && /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?$/.exec(text.trim());
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, ms = ''] = match;
  return `${y}-${mo}-${d}T${h}:${mi}:${s}${ms}${MALAYSIA_OFFSET}`;
}

/** "19-05-2025 14:49:03" -> "2025-05-19T14:49:03+08:00". */
export function parseDayFirstTimestamp(text: string | undefined): string | undefined {
  const match = text && /^(\d{2})-(\d{2})-(\d{4}) (\d{2}):(\d{2}):(\d{2})$/.exec(text.trim());
  if (!match) return undefined;
  const [, d, mo, y, h, mi, s] = match;
  return `${y}-${mo}-${d}T${h}:${mi}:${s}${MALAYSIA_OFFSET}`;
}

/** Voucher expiry "20251116" -> "2025-11-16". */
export function parseCompactDate(text: string | undefined): string | undefined {
  const match = text && /^(\d{4})(\d{2})(\d{2})$/.exec(text.trim());
  if (!match) return undefined;
  const [, y, mo, d] = match;
  return `${y}-${mo}-${d}`;
}
