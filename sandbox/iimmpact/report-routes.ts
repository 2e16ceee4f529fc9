import { jsonResponse, messageResponse, parseJsonObject, type SandboxResponse } from '../kit/http-io.js';
import { SANDBOX_PRODUCTS } from './fixtures.js';
import type { Ledger } from './ledger.js';
import type { RouteHandler } from './router.js';
import { STATUS_SUCCESSFUL, statusTextFor } from './status-codes.js';
import { formatYearFirstMillis, malaysiaDate, senToWire } from './wire-format.js';

/**
 * The reporting endpoints (spec 6.11-6.13): transaction history, balance statement and the
 * Report Issue check. The documents show their fields but cut off the lower part of each page; what
 * they leave open (refid and status text in the history, its pagination meta) is filled in the
 * plainest way and listed in the README.
 */

/** `yyyy-MM-dd` or `yyyy-MM-dd - yyyy-MM-dd` (space-dash-space), inclusive. */
function parseDateRange(text: string | null): { from: string; to: string } | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})(?: - (\d{4}-\d{2}-\d{2}))?$/.exec((text ?? '').trim());
  if (!match?.[1]) return undefined;
  const to = match[2] ?? match[1];
  return match[1] <= to ? { from: match[1], to } : undefined;
}

function positiveInt(text: string | null, fallback?: number): number | undefined {
  if (text === null || text === '') return fallback;
  return /^\d+$/.test(text) ? Number(text) : undefined;
}

/** The history's `status` filter words, upper case as documented. */
function filterWord(code: number): string {
  const text = statusTextFor(code);
  if (text === 'Succesful') return 'SUCCESSFUL';
  if (text === 'Failed') return 'FAILED';
  if (text === 'Refund') return 'REFUND';
  return 'PENDING';
}

const CATEGORIES = new Map(SANDBOX_PRODUCTS.map((p) => [p.code, p.category]));

/** GET /v2/transactions: `limit` and `date` required; `status` repeatable; `offset` pages. */
export function createTransactionsHandler(ledger: Ledger): RouteHandler {
  return ({ query }) => {
    const limit = positiveInt(query.get('limit'));
    if (limit === undefined || limit < 1) return messageResponse(400, 'The limit field is required.');
    const range = parseDateRange(query.get('date'));
    if (!range)
      return messageResponse(400, 'The date field is required (yyyy-MM-dd or yyyy-MM-dd - yyyy-MM-dd).');
    const offset = positiveInt(query.get('offset'), 0);
    if (offset === undefined) return messageResponse(400, 'The offset must be a whole number.');
    const statuses = query.getAll('status').map((s) => s.trim().toUpperCase());
    const account = query.get('account');
    const product = query.get('product');
    const all = ledger
      .list()
      .filter((tx) => {
        const day = malaysiaDate(tx.createdAt);
        return day >= range.from && day <= range.to;
      })
      .filter((tx) => statuses.length === 0 || statuses.includes(filterWord(tx.statusCode)))
      .filter((tx) => !account || tx.account === account)
      .filter((tx) => !product || tx.product === product);
    const page = all.slice(offset, offset + limit).map((tx) => {
      const details = ledger.details(tx.refid);
      return {
        trxid: `T${String(tx.createdAt).slice(-6)}${tx.refid.slice(-6)}`,
        refid: tx.refid,
        date: formatYearFirstMillis(tx.createdAt),
        product_code: tx.product,
        product_name: details?.productName ?? tx.product,
        biller_code: tx.product === 'JOMPAY' ? (tx.extras.biller_code ?? null) : null,
        product_image_url: `https://dashboard.iimmpact.com/img/${tx.product}.png`,
        category: CATEGORIES.get(tx.product) ?? '',
        amount: String(senToWire(tx.amountSen)),
        cost: String(senToWire(tx.costSen)),
        account: tx.account,
        sender: '127.0.0.1',
        member_id: 'M0001',
        status_code: String(tx.statusCode),
        status: tx.status,
        response_date: formatYearFirstMillis(details?.updatedAt ?? tx.createdAt),
      };
    });
    return jsonResponse(200, { data: page, meta: { offset, limit, total: all.length } });
  };
}

/** GET /v2/balance-statement: Laravel-style pages (`page`, `limit`), `links` and `meta`. */
export function createBalanceStatementHandler(ledger: Ledger, origin: () => string): RouteHandler {
  return ({ query }) => {
    const range = parseDateRange(query.get('date'));
    if (!range)
      return messageResponse(400, 'The date field is required (yyyy-MM-dd or yyyy-MM-dd - yyyy-MM-dd).');
    const type = query.get('type')?.trim().toUpperCase();
    const perPage = positiveInt(query.get('limit'), 15);
    const pageNo = positiveInt(query.get('page'), 1);
    if (perPage === undefined || perPage < 1 || pageNo === undefined || pageNo < 1)
      return messageResponse(400, 'The page and limit must be positive whole numbers.');
    const all = ledger
      .movements()
      .filter((m) => {
        const day = malaysiaDate(m.at);
        return day >= range.from && day <= range.to;
      })
      .filter((m) => !type || m.type === type);
    const lastPage = Math.max(1, Math.ceil(all.length / perPage));
    const rows = all.slice((pageNo - 1) * perPage, pageNo * perPage);
    const link = (n: number) => {
      const url = new URL('/v2/balance-statement', origin());
      url.searchParams.set('date', query.get('date') ?? '');
      if (type) url.searchParams.set('type', type);
      url.searchParams.set('limit', String(perPage));
      url.searchParams.set('page', String(n));
      return url.toString();
    };
    const from = rows.length === 0 ? null : (pageNo - 1) * perPage + 1;
    return jsonResponse(200, {
      data: rows.map((m) => ({
        id: m.id,
        date: formatYearFirstMillis(m.at),
        amount: senToWire(m.amountSen),
        balance: senToWire(m.balanceAfterSen),
        remarks: m.remarks,
        type: m.type,
      })),
      links: {
        first: link(1),
        last: link(lastPage),
        prev: pageNo > 1 ? link(pageNo - 1) : null,
        next: pageNo < lastPage ? link(pageNo + 1) : null,
      },
      meta: {
        current_page: pageNo,
        from,
        last_page: lastPage,
        path: new URL('/v2/balance-statement', origin()).toString(),
        per_page: perPage,
        to: from === null ? null : from + rows.length - 1,
        total: all.length,
      },
    });
  };
}

/** The documented success message of a Report Issue request (spec 6.13). */
export const CHECK_ACCEPTED_MESSAGE =
  "We've received your request for a status update and are in the midst of checking with the relevant service provider. We'll keep you updated on the status of your request via email.";

/**
 * POST /v2/transactions/check: `refid` or `trxid` (trxid wins), only for Succesful transactions, once
 * per transaction (the documents' failed example is a duplicate request; its wording was cut off).
 */
export function createTransactionCheckHandler(ledger: Ledger): RouteHandler {
  const reported = new Set<string>();
  const failed = (refid: string, message: string, status = 400): SandboxResponse =>
    jsonResponse(status, { data: { refid, status: 'Failed', message } });
  return ({ body }) => {
    const json = parseJsonObject(body);
    if (json === undefined) return messageResponse(400, 'Request body must be a JSON object');
    const trxid = typeof json.trxid === 'string' ? json.trxid : undefined;
    let refid = typeof json.refid === 'string' ? json.refid : undefined;
    if (trxid !== undefined) {
      refid = ledger
        .list()
        .find((tx) => `T${String(tx.createdAt).slice(-6)}${tx.refid.slice(-6)}` === trxid)?.refid;
    }
    if (refid === undefined || refid === '') return failed('', 'The refid or trxid field is required.');
    const tx = ledger.get(refid);
    if (!tx) return failed(refid, 'Transaction not found.', 404);
    if (tx.statusCode !== STATUS_SUCCESSFUL)
      return failed(refid, 'Only successful transactions can be checked.');
    if (reported.has(refid))
      return failed(refid, 'A request for this transaction has already been submitted.');
    reported.add(refid);
    return jsonResponse(200, { data: { refid, status: 'Success', message: CHECK_ACCEPTED_MESSAGE } });
  };
}
