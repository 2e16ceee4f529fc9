import { Agent } from 'undici';
import type { z } from 'zod';
import { systemClock } from '../../../platform/clock.js';
import { type IdSource, randomIds } from '../../../platform/ids.js';
import { parseJsonOrUndefined } from '../../../platform/json.js';
import { silentLogger } from '../../../platform/logger.js';
import { createRateLimiter } from '../../../platform/rate-limiter.js';
import { realSleep } from '../../../platform/sleep.js';
import {
  AuthenticationError,
  InvalidResponseError,
  OutcomeUnknownError,
  ProviderRejectedError,
  ProviderUnavailableError,
} from '../../errors.js';
import { orderFailure } from '../../failure.js';
import type { HttpClientTuning } from '../../http/transport.js';
import { toDecimalString } from '../../money.js';
import type { BalanceMovement, ProviderTransaction } from '../../reconciliation/ports.js';
import type {
  BillPresentment,
  NetworkStatus,
  PaymentOutcome,
  PaymentRequest,
  Product,
  SubProduct,
  SubProductPage,
  WalletBalance,
} from '../../types.js';
import {
  asksForRef2,
  toBillPresentment,
  toNetworkStatus,
  toPaymentOutcome,
  toProduct,
  toProviderTransaction,
  toSen,
  toSubProduct,
  toWalletBalance,
  withoutUndefined,
} from './mappers.js';
import {
  balanceResponseSchema,
  balanceStatementResponseSchema,
  billPresentmentResponseSchema,
  billRefusalSchema,
  callbackUrlResponseSchema,
  catalogResponseSchema,
  describeIssues,
  errorBodySchema,
  networkStatusResponseSchema,
  optionsResponseSchema,
  productListResponseSchema,
  subproductsResponseSchema,
  topupRejectionSchema,
  topupResponseSchema,
  transactionCheckResponseSchema,
  transactionsResponseSchema,
} from './schemas.js';
import type { QueryParam } from './signer.js';
import { decodeHmacSecret } from './signer.js';
import { iimmpactFailure } from './status.js';
import {
  createTransport,
  NetworkError,
  type Transport,
  type WireRequest,
  type WireResponse,
} from './transport.js';
import { parseIsoOrderedTimestamp } from './wire-time.js';

/** The provider allows 30,000 requests per 5 minutes per IP; we stay at two thirds of that. */
export const DEFAULT_RATE_LIMIT = { limit: 20_000, windowMs: 5 * 60_000, burst: 50 } as const;

/** IIMMPACT cuts integrations off at 29 s with a 504; a payment call waits a little longer than that. */
export const PAYMENT_TIMEOUT_MS = 35_000;

export interface IimmpactClientOptions extends HttpClientTuning {
  baseUrl: string;
  apiKey: string;
  /** The Base64 secret exactly as the dashboard shows it. */
  hmacSecret: string;
  ids?: IdSource;
}

export interface SubProductQuery {
  product: string;
  /** Phone number (mobile data) or NRIC (PTPTN); required for those. */
  account?: string;
  /** Page size, JomPAY billers only. */
  limit?: number;
  /** `next` from a previous page. */
  cursor?: string;
}

export interface BillQuery {
  product: string;
  /** Account number, or Ref-1 for JomPAY. */
  account: string;
  billerCode?: string;
  ref2?: string;
  amount?: string;
}

export interface OptionsQuery {
  product: string;
  fieldId: string;
  account?: string;
  billerCode?: string;
  limit?: number;
  page?: number;
}

export interface OptionsPage {
  items: SubProduct[];
  page: number;
  lastPage: number;
  total: number | undefined;
}

export interface CatalogGroup {
  id: string;
  name: string;
  categories: Array<{ id: string; name: string; productCodes: string[] }>;
}

export interface Catalog {
  lastUpdated: string | undefined;
  groups: CatalogGroup[];
  products: Record<string, { code: string; name: string; type: string | undefined; active: boolean }>;
}

export interface CallbackSetting {
  url: string;
  method: 'GET' | 'POST' | '';
}

export interface IimmpactClient {
  getBalance(options?: { once?: boolean }): Promise<WalletBalance>;
  /**
   * Pays, or, called again with the identical request and refid, reports the current status of that
   * payment. Never retried internally: a lost answer surfaces as OutcomeUnknownError.
   */
  pay(request: PaymentRequest): Promise<PaymentOutcome>;
  listProducts(): Promise<Product[]>;
  getSubProducts(query: SubProductQuery): Promise<SubProductPage>;
  getBill(query: BillQuery): Promise<BillPresentment>;
  getNetworkStatus(product: string): Promise<NetworkStatus>;
  getCatalog(options?: { product?: string; activeOnly?: boolean }): Promise<Catalog>;
  getOptions(query: OptionsQuery): Promise<OptionsPage>;
  getCallbackUrl(): Promise<CallbackSetting>;
  /**
   * GET /v2/transactions for a date (`yyyy-MM-dd`) or range (`yyyy-MM-dd - yyyy-MM-dd`), every page
   * read (by `offset`, `pageSize` rows at a time, until a short page).
   */
  listTransactions(query: {
    date: string;
    status?: readonly string[];
    pageSize?: number;
  }): Promise<ProviderTransaction[]>;
  /** GET /v2/balance-statement for a date or range, every page read (by `links.next`). */
  balanceStatement(query: { date: string; type?: string; pageSize?: number }): Promise<BalanceMovement[]>;
  /**
   * POST /v2/transactions/check, Report Issue for a Succesful transaction. Never retried: a second
   * request is answered as a duplicate. `refused` carries the provider's reason.
   */
  checkTransaction(refid: string): Promise<{ outcome: 'accepted' | 'refused'; message: string }>;
  setCallbackUrl(url: string, method: 'GET' | 'POST'): Promise<CallbackSetting>;
  close(): Promise<void>;
}

/** The exact JSON body of a payment; the same request always serializes to the same bytes. */
export function serializePaymentBody(request: PaymentRequest): string {
  if (request.amount.currency !== 'MYR') {
    throw new TypeError(`IIMMPACT pays in MYR, not ${request.amount.currency}`);
  }
  const extras: Record<string, string> = {};
  const { subproductCode, icNumber, billerCode, ref2 } = request.extras ?? {};
  if (subproductCode !== undefined) extras.subproduct_code = subproductCode;
  if (icNumber !== undefined) extras.ic_number = icNumber.replace(/-/g, '');
  if (billerCode !== undefined) extras.biller_code = billerCode;
  if (ref2 !== undefined) extras.ref2 = ref2;
  return JSON.stringify({
    refid: request.refid,
    product: request.product,
    account: request.account,
    amount: toDecimalString(request.amount),
    remarks: request.remarks ?? '',
    extras,
  });
}

export function createIimmpactClient(options: IimmpactClientOptions): IimmpactClient {
  const clock = options.clock ?? systemClock;
  const sleep = options.sleep ?? realSleep;
  const ownsDispatcher = !options.dispatcher;
  const dispatcher =
    options.dispatcher ??
    new Agent({ keepAliveTimeout: 30_000, keepAliveMaxTimeout: 120_000, connections: 32 });
  const transport: Transport = createTransport({
    baseUrl: options.baseUrl,
    apiKey: options.apiKey,
    hmacKey: decodeHmacSecret(options.hmacSecret),
    dispatcher,
    rateLimiter: options.rateLimiter ?? createRateLimiter({ ...DEFAULT_RATE_LIMIT, clock, sleep }),
    clock,
    ids: options.ids ?? randomIds,
    sleep,
    random: options.random ?? Math.random,
    logger: options.logger ?? silentLogger,
    readTimeoutMs: options.readTimeoutMs ?? 10_000,
    paymentTimeoutMs: options.paymentTimeoutMs ?? PAYMENT_TIMEOUT_MS,
    readRetries: options.readRetries ?? 3,
    backoffBaseMs: options.backoffBaseMs ?? 250,
    backoffMaxMs: options.backoffMaxMs ?? 4_000,
    maxRetryAfterMs: 30_000,
  });

  /** Sends a read; a network failure becomes ProviderUnavailableError. */
  const sendRead = async (wire: Omit<WireRequest, 'kind'>): Promise<WireResponse> => {
    try {
      return await transport.send({ ...wire, kind: 'read' });
    } catch (error) {
      if (error instanceof NetworkError) {
        throw new ProviderUnavailableError(`IIMMPACT is unreachable (${error.message})`, { cause: error });
      }
      throw error;
    }
  };

  /** Sends a read, maps failures to the error family, and parses a 2xx body with its schema. */
  const read = async <S extends z.ZodType>(
    wire: Omit<WireRequest, 'kind'>,
    schema: S,
  ): Promise<z.output<S>> => {
    const response = await sendRead(wire);
    const endpoint = `${wire.method} ${wire.path}`;
    if (response.status >= 200 && response.status < 300) return parseBody(endpoint, response, schema);
    throw errorForStatus(endpoint, response);
  };

  /** Products whose listing could not be sold, already reported (a warning once per code and value). */
  const reportedProblems = new Set<string>();
  const logger = options.logger ?? silentLogger;

  return {
    async getBalance(options = {}) {
      const body = await read(
        { method: 'GET', path: '/balance', ...(options.once ? { retries: 0 } : {}) },
        balanceResponseSchema,
      );
      const balance = toWalletBalance(body.data);
      if (!balance) throw new InvalidResponseError('GET /balance', 'data.balance: not a decimal amount');
      return balance;
    },

    async pay(request) {
      const body = serializePaymentBody(request);
      const endpoint = 'POST /topup';
      let response: WireResponse;
      try {
        response = await transport.send({ method: 'POST', path: '/topup', body, kind: 'payment' });
      } catch (error) {
        if (error instanceof NetworkError && !error.maybeDelivered) {
          throw new ProviderUnavailableError(`IIMMPACT is unreachable (${error.message}); nothing was sent`, {
            cause: error,
          });
        }
        throw new OutcomeUnknownError(request.refid, 'no answer', { cause: error });
      }
      if (response.status === 400) {
        const rejection = topupRejectionSchema.safeParse(parseJsonOrUndefined(response.text));
        if (rejection.success && rejection.data.data.status?.toLowerCase() === 'failed') {
          const { statusCode, remarks, message } = rejection.data.data;
          throw new ProviderRejectedError(iimmpactFailure(statusCode, remarks ?? message), {
            httpStatus: 400,
          });
        }
        // A 400 we cannot read might still be a gateway's; only "400 + Failed" proves nothing was created.
        throw new OutcomeUnknownError(request.refid, 'unreadable HTTP 400', { httpStatus: 400 });
      }
      if (response.status === 401 || response.status === 403) throw authError(endpoint, response);
      if (response.status < 200 || response.status >= 300) {
        throw new OutcomeUnknownError(request.refid, `HTTP ${response.status}`, {
          httpStatus: response.status,
          ...(response.retryAfterMs === undefined ? {} : { retryAfterMs: response.retryAfterMs }),
        });
      }
      const parsed = topupResponseSchema.safeParse(parseJsonOrUndefined(response.text));
      if (!parsed.success) {
        throw new OutcomeUnknownError(request.refid, `unreadable answer: ${describeIssues(parsed.error)}`, {
          httpStatus: response.status,
        });
      }
      if (parsed.data.data.refid !== undefined && parsed.data.data.refid !== request.refid) {
        throw new OutcomeUnknownError(request.refid, 'the answer names another refid', {
          httpStatus: response.status,
        });
      }
      return toPaymentOutcome(request.refid, parsed.data.data);
    },

    async listProducts() {
      const body = await read({ method: 'GET', path: '/product-list' }, productListResponseSchema);
      const products = body.data.map(toProduct);
      for (const product of products) {
        if (!product.unsellable) continue;
        const key = `${product.code}\u0000${product.unsellable.detail}`;
        if (reportedProblems.has(key)) continue;
        reportedProblems.add(key);
        logger.warn('iimmpact product not sellable: its denomination list cannot be read', {
          product: product.code,
          reason: product.unsellable.reason,
          denomination: product.unsellable.detail,
        });
      }
      return products;
    },

    async getSubProducts(query) {
      const params: QueryParam[] = query.cursor
        ? cursorParams(query.cursor, query.product)
        : compactParams([
            ['product_code', query.product],
            ['account_number', query.account],
            ['limit', query.limit === undefined ? undefined : String(query.limit)],
          ]);
      const body = await read(
        { method: 'GET', path: '/subproducts', query: params },
        subproductsResponseSchema,
      );
      const page: SubProductPage = { items: body.data.map(toSubProduct) };
      const next = body.links?.next;
      if (next) page.next = new URL(next, 'http://cursor.invalid').searchParams.toString();
      return page;
    },

    async getBill(query) {
      // The docs use `amount` (and `ref2`) only for JomPAY; other products never send them.
      const jompay = query.product.trim().toUpperCase() === 'JOMPAY';
      const params = compactParams([
        ['account', query.account],
        ['product', query.product],
        ['biller_code', query.billerCode],
        ['ref2', jompay ? query.ref2 : undefined],
        ['amount', jompay ? query.amount : undefined],
      ]);
      const wire = { method: 'GET' as const, path: '/bill-presentment', query: params };
      const response = await sendRead(wire);
      if (response.status === 400) {
        const refusal = billRefusal(response);
        if (refusal) return refusal;
      }
      if (response.status < 200 || response.status >= 300) {
        throw errorForStatus('GET /bill-presentment', response);
      }
      const body = parseBody('GET /bill-presentment', response, billPresentmentResponseSchema);
      return toBillPresentment(body.data, body);
    },

    async getNetworkStatus(product) {
      const body = await read(
        { method: 'GET', path: '/networkstatus', query: [['product', product]] },
        networkStatusResponseSchema,
      );
      return toNetworkStatus(product, {
        network_status: body.data.network_status,
        ...withoutUndefined({
          product_code: body.data.product_code,
          product_name: body.data.product_name,
          product_img: body.data.product_img,
        }),
      });
    },

    async getCatalog(catalogOptions = {}) {
      const params = compactParams([
        ['product_code', catalogOptions.product],
        [
          'is_active',
          catalogOptions.activeOnly === undefined ? undefined : String(catalogOptions.activeOnly),
        ],
      ]);
      const body = await read({ method: 'GET', path: '/catalog', query: params }, catalogResponseSchema);
      return toCatalog(body);
    },

    async getOptions(query) {
      const params = compactParams([
        ['product_code', query.product],
        ['field_id', query.fieldId],
        ['account_number', query.account],
        ['biller_code', query.billerCode],
        ['limit', query.limit === undefined ? undefined : String(query.limit)],
        ['page', query.page === undefined ? undefined : String(query.page)],
      ]);
      const body = await read({ method: 'GET', path: '/options', query: params }, optionsResponseSchema);
      const items = body.items.map((item) => {
        const sub: SubProduct = { code: item.code, name: item.label ?? item.code };
        const optional: Partial<SubProduct> = {
          description: item.description,
          validity: item.validity,
          accountNumber: item.account_number,
          price: toSen(item.price?.amount),
          min: toSen(item.min_amount?.amount),
          max: toSen(item.max_amount?.amount),
        };
        return Object.assign(sub, withoutUndefined(optional));
      });
      const page = body.meta?.current_page ?? query.page ?? 1;
      return { items, page, lastPage: body.meta?.last_page ?? page, total: body.meta?.total };
    },

    async getCallbackUrl() {
      const body = await read({ method: 'GET', path: '/callback-url' }, callbackUrlResponseSchema);
      return toCallbackSetting(body.data);
    },

    async setCallbackUrl(url, method) {
      const body = await read(
        {
          method: 'POST',
          path: '/callback-url',
          query: [
            ['url', url],
            ['method', method],
          ],
        },
        callbackUrlResponseSchema,
      );
      return toCallbackSetting(body.data);
    },

    async listTransactions(query) {
      const pageSize = query.pageSize ?? 100;
      const rows: ProviderTransaction[] = [];
      // A bound on pages, so a provider that ignores `offset` cannot loop us forever.
      for (let page = 0; page < 10_000; page++) {
        const params: QueryParam[] = [
          ['limit', String(pageSize)],
          ['date', query.date],
          ...(query.status ?? []).map((status): QueryParam => ['status', status]),
          ['offset', String(rows.length)],
        ];
        const body = await read(
          { method: 'GET', path: '/transactions', query: params },
          transactionsResponseSchema,
        );
        rows.push(...body.data.map(toProviderTransaction));
        const total = body.meta?.total;
        if (body.data.length < pageSize || (total !== undefined && rows.length >= total)) return rows;
      }
      throw new InvalidResponseError('GET /transactions', 'more than 10,000 pages');
    },

    async balanceStatement(query) {
      const movements: BalanceMovement[] = [];
      let pageNo = 1;
      for (let guard = 0; guard < 10_000; guard++) {
        const params = compactParams([
          ['date', query.date],
          ['type', query.type],
          ['page', String(pageNo)],
          ['limit', String(query.pageSize ?? 100)],
        ]);
        const body = await read(
          { method: 'GET', path: '/balance-statement', query: params },
          balanceStatementResponseSchema,
        );
        for (const row of body.data) {
          const amount = toSen(row.amount);
          if (!amount) throw new InvalidResponseError('GET /balance-statement', `data.amount of ${row.id}`);
          const movement: BalanceMovement = {
            id: row.id,
            amount,
            type: row.type ?? '',
            remarks: row.remarks ?? '',
          };
          movements.push(
            Object.assign(
              movement,
              withoutUndefined({ balanceAfter: toSen(row.balance), at: parseIsoOrderedTimestamp(row.date) }),
            ),
          );
        }
        const current = body.meta?.current_page ?? pageNo;
        const last = body.meta?.last_page;
        const more = body.links?.next ? true : last !== undefined && current < last;
        if (!more || body.data.length === 0) return movements;
        pageNo = current + 1;
      }
      throw new InvalidResponseError('GET /balance-statement', 'more than 10,000 pages');
    },

    async checkTransaction(refid) {
      const endpoint = 'POST /transactions/check';
      let response: WireResponse;
      try {
        response = await transport.send({
          method: 'POST',
          path: '/transactions/check',
          body: JSON.stringify({ refid }),
          kind: 'payment',
        });
      } catch (error) {
        throw new ProviderUnavailableError(`IIMMPACT did not answer ${endpoint}`, { cause: error });
      }
      const parsed = transactionCheckResponseSchema.safeParse(parseJsonOrUndefined(response.text));
      if (parsed.success && parsed.data.data.status !== undefined) {
        const accepted = parsed.data.data.status.toLowerCase() === 'success' && response.status < 300;
        return { outcome: accepted ? 'accepted' : 'refused', message: parsed.data.data.message ?? '' };
      }
      if (response.status >= 200 && response.status < 300)
        throw new InvalidResponseError(endpoint, 'no data.status', { httpStatus: response.status });
      throw errorForStatus(endpoint, response);
    },

    async close() {
      if (ownsDispatcher) await dispatcher.close();
    },
  };
}

function parseBody<S extends z.ZodType>(endpoint: string, response: WireResponse, schema: S): z.output<S> {
  const json = parseJsonOrUndefined(response.text);
  if (json === undefined)
    throw new InvalidResponseError(endpoint, 'body is not JSON', { httpStatus: response.status });
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new InvalidResponseError(endpoint, describeIssues(parsed.error), { httpStatus: response.status });
  }
  return parsed.data;
}

/**
 * Bill presentment's documented failure (seed 003): HTTP 400 with the buyer's reason in the top-level
 * `error_message` ("Invalid account no", "The provided biller code is invalid"). "Ref-2 is required"
 * is not a refusal but a question, answered as data (`ref2Required`); every other reason is thrown as
 * ProviderRejectedError carrying the provider's words. Undefined when the body is not that shape.
 */
function billRefusal(response: WireResponse): BillPresentment | undefined {
  const parsed = billRefusalSchema.safeParse(parseJsonOrUndefined(response.text));
  if (!parsed.success) return undefined;
  const dataMessage = parsed.data.data?.message;
  const said = parsed.data.error_message ?? (typeof dataMessage === 'string' ? dataMessage.trim() : '');
  if (!said) return undefined;
  if (asksForRef2(said)) return { outcome: 'invalid', message: said, ref2Required: true, otherFields: [] };
  const code = /\bamount\b/i.test(said) ? 'product_unavailable' : 'invalid_account';
  throw new ProviderRejectedError(orderFailure(code, undefined, said), { httpStatus: 400 });
}

function errorForStatus(endpoint: string, response: WireResponse): Error {
  const { status } = response;
  if (status === 401 || status === 403) return authError(endpoint, response);
  if (status === 429 || status >= 500) {
    return new ProviderUnavailableError(`IIMMPACT is unavailable (${endpoint} answered HTTP ${status})`, {
      httpStatus: status,
      ...(response.retryAfterMs === undefined ? {} : { retryAfterMs: response.retryAfterMs }),
    });
  }
  const body = errorBodySchema.safeParse(parseJsonOrUndefined(response.text));
  // A refused read (say, a wrong account) has no status code: the provider's words are all there is.
  const said = body.success ? (body.data.message ?? body.data.error) : undefined;
  return new ProviderRejectedError(orderFailure('provider_declined', undefined, said), {
    httpStatus: status,
  });
}

function authError(endpoint: string, response: WireResponse): AuthenticationError {
  const body = errorBodySchema.safeParse(parseJsonOrUndefined(response.text));
  const detail = body.success ? [body.data.error, body.data.message].filter(Boolean).join(': ') : '';
  const hint =
    response.status === 401
      ? 'check IIMMPACT_API_KEY and IIMMPACT_HMAC_SECRET, that they belong to this environment, and the clock'
      : 'refused: IP allowlist, rate-limit block (lasts 4 hours) or a read-only key';
  return new AuthenticationError(
    `IIMMPACT refused ${endpoint} with HTTP ${response.status}${detail ? ` (${detail})` : ''}: ${hint}`,
    { httpStatus: response.status },
  );
}

function compactParams(params: Array<[string, string | undefined]>): QueryParam[] {
  return params.filter((p): p is [string, string] => p[1] !== undefined && p[1] !== '');
}

/** A cursor is the query of the provider's `links.next`; only subproduct parameters are honoured. */
function cursorParams(cursor: string, product: string): QueryParam[] {
  const allowed = new Set(['product_code', 'account_number', 'limit', 'page', 'offset']);
  const params = [...new URLSearchParams(cursor).entries()].filter(([key]) => allowed.has(key));
  if (!params.some(([key]) => key === 'product_code')) params.unshift(['product_code', product]);
  return params;
}

function toCallbackSetting(data: {
  CallbackUrl?: string | undefined;
  Method?: string | undefined;
}): CallbackSetting {
  const method = (data.Method ?? '').toUpperCase();
  return { url: data.CallbackUrl ?? '', method: method === 'GET' || method === 'POST' ? method : '' };
}

function toCatalog(body: z.output<typeof catalogResponseSchema>): Catalog {
  const products: Catalog['products'] = {};
  for (const [code, product] of Object.entries(body.products)) {
    products[code] = {
      code,
      name: product.name ?? code,
      type: product.product_type,
      active: product.is_active ?? true,
    };
  }
  return {
    lastUpdated: body.last_updated,
    groups: body.tree.groups.map((group) => ({
      id: group.id,
      name: group.name,
      categories: group.categories.map((c) => ({ id: c.id, name: c.name, productCodes: c.product_codes })),
    })),
    products,
  };
}
