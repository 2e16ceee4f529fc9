import { toDecimalString } from '../../payments/money.js';
import type { Order } from '../../payments/orders/order.js';
import { maskAccount } from '../../payments/reconciliation/compare.js';
import type { LedgerEntry } from '../../wallet/ledger.js';
import { maskIdNumber } from '../id-numbers.js';

/**
 * CSV for the admins' exports (RFC 4180): every field quoted when it holds a comma, a quote, a
 * line break or leading/trailing space, quotes doubled, CRLF between rows. A field that a
 * spreadsheet would run as a formula (=, +, -, @ first) gets a leading apostrophe, so an account
 * or product name typed by a buyer cannot run in the owner's spreadsheet.
 */
export function csvField(value: string | number | undefined): string {
  if (value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text))
    text = `'${text}`;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(
  header: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number | undefined>>,
) {
  return `${[header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** Parses what `toCsv` writes (and any RFC 4180 text): rows of fields. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const iso = (ms: number) => new Date(ms).toISOString();

export const ORDER_CSV_HEADER = [
  'refid',
  'created_at',
  'updated_at',
  'user_id',
  'product',
  'product_name',
  'account',
  'amount',
  'price',
  'cost',
  'currency',
  'state',
  'provider_status',
] as const;

/**
 * The order's account, masked for the export: an IC or passport number (a PTPTN account without a
 * number of its own is paid to the IC it was looked up with) as everywhere else, to its last four;
 * any other account to its first and last few characters.
 */
function exportedAccount(order: Order): string {
  const { account, extras } = order.request;
  return extras?.icNumber !== undefined && extras.icNumber === account
    ? maskIdNumber(account)
    : maskAccount(account);
}

export function ordersCsv(orders: readonly Order[]): string {
  return toCsv(
    ORDER_CSV_HEADER,
    orders.map((o) => [
      o.refid,
      iso(o.createdAt),
      iso(o.updatedAt),
      o.userId,
      o.request.product,
      o.display.productName,
      exportedAccount(o),
      toDecimalString(o.request.amount),
      o.charge ? toDecimalString(o.charge.price) : undefined,
      o.outcome?.cost ? toDecimalString(o.outcome.cost) : undefined,
      o.request.amount.currency,
      o.state,
      o.outcome?.providerStatus,
    ]),
  );
}

export const LEDGER_CSV_HEADER = [
  'entry_id',
  'at',
  'user_id',
  'kind',
  'amount',
  'balance_after',
  'currency',
  'reference',
  'note',
] as const;

export function ledgerCsv(entries: readonly LedgerEntry[]): string {
  const minor = (e: LedgerEntry, value: number) => toDecimalString({ minor: value, currency: e.currency });
  return toCsv(
    LEDGER_CSV_HEADER,
    entries.map((e) => [
      e.id,
      iso(e.at),
      e.userId,
      e.kind,
      minor(e, e.amount),
      minor(e, e.balanceAfter),
      e.currency,
      e.reference,
      e.note,
    ]),
  );
}
