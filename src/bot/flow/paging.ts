/** Page sizes, chosen so every screen fits a phone without scrolling. */
export const PAGE_SIZE = {
  categories: 8,
  products: 8,
  options: 6,
  billers: 8,
} as const;

/** Lists longer than this are cut: the session stays small and every index fits a button. */
export const MAX_OPTIONS = 200;

/** Orders per page of /history. */
export const HISTORY_PAGE_SIZE = 10;

/** /history pages no further back than this (each page reads the newest orders up to it). */
export const MAX_HISTORY_PAGES = 50;

/** Ledger entries per page of /wallet. */
export const WALLET_PAGE_SIZE = 8;

export function pageCount(total: number, size: number): number {
  return Math.max(1, Math.ceil(total / size));
}

/** Clamps a page number into range, so a stale page index still lands somewhere sensible. */
export function clampPage(page: number, total: number, size: number): number {
  return Math.min(Math.max(0, page), pageCount(total, size) - 1);
}

/** The items of one page, each with its index in the whole list (the id its button carries). */
export function pageSlice<T>(
  items: readonly T[],
  page: number,
  size: number,
): Array<{ item: T; index: number }> {
  const start = clampPage(page, items.length, size) * size;
  return items.slice(start, start + size).map((item, offset) => ({ item, index: start + offset }));
}

export function pageOfIndex(index: number, size: number): number {
  return Math.floor(Math.max(0, index) / size);
}
