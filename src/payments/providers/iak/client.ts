import { Agent } from 'undici';
import type { z } from 'zod';
import { systemClock } from '../../../platform/clock.js';
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
import {
  createHttpTransport,
  type HttpClientTuning,
  NetworkError,
  type Transport,
  type WireRequest,
  type WireResponse,
} from '../../http/transport.js';
import type { BillPresentment, PaymentOutcome, PaymentRequest, WalletBalance } from '../../types.js';
import {
  type IakPriceItem,
  toBillPresentment,
  toPaymentOutcome,
  toPriceItem,
  toWalletBalance,
} from './mappers.js';
import { IAK_ACCESS_RC, IAK_RC, IAK_RC_SUCCESS, iakFailure } from './rc.js';
import {
  balanceResponseSchema,
  describeIssues,
  errorBodySchema,
  plnInquiryResponseSchema,
  priceItemSchema,
  priceListResponseSchema,
  rcEnvelopeSchema,
  transactionResponseSchema,
} from './schemas.js';
import { type IakCredentials, iakSign, iakSignInput } from './signer.js';

/**
 * The IAK prepaid API (v2 paths, JSON bodies). Every request is a POST whose body carries the
 * username and an md5 `sign`; the sign depends only on the body, so a retried read sends the same
 * bytes. Reads are retried with jittered backoff; a top-up is sent exactly once per call.
 */

/** IAK documents no rate limit (spec §10); 10 requests a second with a small burst is polite. */
export const DEFAULT_IAK_RATE_LIMIT = { limit: 600, windowMs: 60_000, burst: 20 } as const;

/**
 * A top-up answers at once with "process" and settles later (spec §5.1); the docs suggest 30 s for
 * synchronous calls, so a top-up waits that long before its outcome is called unknown.
 */
export const IAK_PAYMENT_TIMEOUT_MS = 30_000;

export interface IakClientOptions extends HttpClientTuning {
  /** e.g. https://prepaid.iak.id (production) or https://prepaid.iak.dev (IAK's sandbox). */
  baseUrl: string;
  /** The registered phone number. */
  username: string;
  /** The key of the environment `baseUrl` points at (development and production keys differ). */
  apiKey: string;
}

export interface PriceListQuery {
  /** pulsa, data, pln, game, voucher, etoll, international... (spec §5.4). */
  type?: string;
  /** Needs `type`; e.g. "xl" under pulsa. */
  operator?: string;
  /** Default 'all': inactive products are listed too, marked as such. */
  status?: 'all' | 'active' | 'non active';
}

export interface IakClient {
  /** The price list, each product with its fixed price; products IAK lists with a broken price are left out. */
  priceList(query?: PriceListQuery): Promise<IakPriceItem[]>;
  /**
   * Tops up, or, called again with the same ref_id, reports that top-up's current status (IAK never
   * processes a ref_id twice). Never retried internally: a lost answer is OutcomeUnknownError.
   */
  topUp(request: PaymentRequest): Promise<PaymentOutcome>;
  /**
   * The status of a ref_id, read-only. A ref_id IAK has never seen answers rc 06, reported as a
   * pending outcome with providerCode '06'. Any failure to read it is OutcomeUnknownError (or
   * AuthenticationError): a status that could not be read is never a failed payment.
   */
  checkStatus(refId: string): Promise<PaymentOutcome>;
  balance(options?: { once?: boolean }): Promise<WalletBalance>;
  /** The customer behind a prepaid electricity meter; a wrong meter number is outcome 'invalid'. */
  inquirePln(meterNumber: string): Promise<BillPresentment>;
  close(): Promise<void>;
}

export const IAK_PATHS = {
  topUp: '/api/top-up',
  checkStatus: '/api/check-status',
  balance: '/api/check-balance',
  priceList: '/api/pricelist',
  inquiryPln: '/api/inquiry-pln',
} as const;

/** The exact JSON body of a top-up; the same request always serializes to the same bytes. */
export function serializeTopUpBody(credentials: IakCredentials, request: PaymentRequest): string {
  if (request.amount.currency !== 'IDR') {
    throw new TypeError(`IAK pays in IDR, not ${request.amount.currency}`);
  }
  return JSON.stringify({
    username: credentials.username,
    ref_id: request.refid,
    customer_id: request.account,
    product_code: request.product,
    sign: iakSign(credentials, iakSignInput.topUp(request.refid)),
  });
}

export function createIakClient(options: IakClientOptions): IakClient {
  const credentials: IakCredentials = { username: options.username, apiKey: options.apiKey };
  const clock = options.clock ?? systemClock;
  const sleep = options.sleep ?? realSleep;
  const logger = options.logger ?? silentLogger;
  const log = logger.child({ component: 'iak-client' });
  const ownsDispatcher = !options.dispatcher;
  const dispatcher =
    options.dispatcher ??
    new Agent({ keepAliveTimeout: 30_000, keepAliveMaxTimeout: 120_000, connections: 32 });
  const transport: Transport = createHttpTransport({
    baseUrl: options.baseUrl,
    component: 'iak-http',
    dispatcher,
    rateLimiter: options.rateLimiter ?? createRateLimiter({ ...DEFAULT_IAK_RATE_LIMIT, clock, sleep }),
    clock,
    sleep,
    random: options.random ?? Math.random,
    logger,
    readTimeoutMs: options.readTimeoutMs ?? 10_000,
    paymentTimeoutMs: options.paymentTimeoutMs ?? IAK_PAYMENT_TIMEOUT_MS,
    readRetries: options.readRetries ?? 3,
    backoffBaseMs: options.backoffBaseMs ?? 250,
    backoffMaxMs: options.backoffMaxMs ?? 4_000,
    maxRetryAfterMs: 30_000,
  });
  const signed = (additional: string, fields: Record<string, string> = {}) =>
    JSON.stringify({ username: credentials.username, ...fields, sign: iakSign(credentials, additional) });

  /** Sends a read, maps failures to the error family, and parses a 2xx body with its schema. */
  const read = async <S extends z.ZodType>(
    wire: Omit<WireRequest, 'kind' | 'method'>,
    schema: S,
  ): Promise<z.output<S>> => {
    const endpoint = `POST ${wire.path}`;
    let response: WireResponse;
    try {
      response = await transport.send({ ...wire, method: 'POST', kind: 'read' });
    } catch (error) {
      if (error instanceof NetworkError) {
        throw new ProviderUnavailableError(`IAK is unreachable (${error.message})`, { cause: error });
      }
      throw error;
    }
    if (response.status < 200 || response.status >= 300) throw readErrorForStatus(endpoint, response);
    const json = parseJsonOrUndefined(response.text);
    if (json === undefined)
      throw new InvalidResponseError(endpoint, 'body is not JSON', { httpStatus: response.status });
    refuseAccessProblems(endpoint, json, response.status);
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new InvalidResponseError(endpoint, describeIssues(parsed.error), { httpStatus: response.status });
    }
    return parsed.data;
  };

  return {
    async priceList(query = {}) {
      const segments = [query.type, query.type === undefined ? undefined : query.operator]
        .filter((s): s is string => s !== undefined && s !== '')
        .map((s) => `/${encodeURIComponent(s)}`)
        .join('');
      const path = `${IAK_PATHS.priceList}${segments}`;
      const body = await read(
        { path, body: signed(iakSignInput.priceList(), { status: query.status ?? 'all' }) },
        priceListResponseSchema,
      );
      if (body.rc !== undefined && body.rc !== IAK_RC_SUCCESS) throw readRefusal(`POST ${path}`, body);
      const items: IakPriceItem[] = [];
      const dropped: string[] = [];
      body.items.forEach((raw, index) => {
        const parsed = priceItemSchema.safeParse(raw);
        const item = parsed.success ? toPriceItem(parsed.data) : undefined;
        if (item) items.push(item);
        else dropped.push(parsed.success ? parsed.data.product_code : `#${index}`);
      });
      if (dropped.length > 0) {
        log.warn('price list items left out: unreadable or without a price', {
          count: dropped.length,
          products: dropped.slice(0, 20),
        });
      }
      if (items.length === 0 && dropped.length > 0) {
        throw new InvalidResponseError(`POST ${path}`, `none of the ${dropped.length} items could be read`);
      }
      return items;
    },

    async topUp(request) {
      const body = serializeTopUpBody(credentials, request);
      const endpoint = `POST ${IAK_PATHS.topUp}`;
      let response: WireResponse;
      try {
        response = await transport.send({ method: 'POST', path: IAK_PATHS.topUp, body, kind: 'payment' });
      } catch (error) {
        if (error instanceof NetworkError && !error.maybeDelivered) {
          throw new ProviderUnavailableError(`IAK is unreachable (${error.message}); nothing was sent`, {
            cause: error,
          });
        }
        throw new OutcomeUnknownError(request.refid, 'no answer', { cause: error });
      }
      const { status } = response;
      if (status === 400) {
        // Spec §2: HTTP 400 is a refused request (a missing parameter). Only an answer that reads as
        // IAK's own refusal proves nothing was created; a proxy's 400 could come from anywhere.
        const refusal = errorBodySchema.safeParse(parseJsonOrUndefined(response.text));
        const rc = refusal.success ? (refusal.data.data.rc ?? refusal.data.data.response_code) : undefined;
        // A success or pending code next to a 400 contradicts itself: nothing is proven then.
        const contradictory = rc === IAK_RC_SUCCESS || (rc !== undefined && IAK_RC[rc]?.state === 'pending');
        if (refusal.success && rc !== undefined && !contradictory) {
          if (IAK_ACCESS_RC.has(rc)) throw accessError(endpoint, rc, 400);
          throw new ProviderRejectedError(iakFailure(rc, refusal.data.data.message), { httpStatus: 400 });
        }
        throw new OutcomeUnknownError(request.refid, 'unreadable HTTP 400', { httpStatus: 400 });
      }
      if (status === 401 || status === 403) throw httpAuthError(endpoint, status);
      if (status < 200 || status >= 300) {
        // Spec §2: any other status is a problem on IAK's side; the top-up may exist.
        throw new OutcomeUnknownError(request.refid, `HTTP ${status}`, {
          httpStatus: status,
          ...(response.retryAfterMs === undefined ? {} : { retryAfterMs: response.retryAfterMs }),
        });
      }
      const json = parseJsonOrUndefined(response.text);
      if (json === undefined) {
        throw new OutcomeUnknownError(request.refid, 'unreadable answer: body is not JSON', {
          httpStatus: status,
        });
      }
      refuseAccessProblems(endpoint, json, status);
      const parsed = transactionResponseSchema.safeParse(json);
      if (!parsed.success) {
        throw new OutcomeUnknownError(request.refid, `unreadable answer: ${describeIssues(parsed.error)}`, {
          httpStatus: status,
        });
      }
      const data = parsed.data.data;
      if (data.refId !== undefined && data.refId !== request.refid) {
        throw new OutcomeUnknownError(request.refid, 'the answer names another ref_id', {
          httpStatus: status,
        });
      }
      // A reused ref_id is answered with the transaction it was first used for; if that was another
      // product, this answer is not about this request. (The number is not compared: IAK may echo it
      // normalised, and a false alarm would strand a good order.)
      if (
        data.productCode !== undefined &&
        data.productCode.toLowerCase() !== request.product.toLowerCase()
      ) {
        throw new OutcomeUnknownError(request.refid, 'the answer describes another product', {
          httpStatus: status,
        });
      }
      return toPaymentOutcome(request.refid, data);
    },

    async checkStatus(refId) {
      const endpoint = `POST ${IAK_PATHS.checkStatus}`;
      let response: WireResponse;
      try {
        response = await transport.send({
          method: 'POST',
          path: IAK_PATHS.checkStatus,
          body: signed(iakSignInput.checkStatus(refId), { ref_id: refId }),
          // Reading a status creates nothing, so it is retried like any read.
          kind: 'read',
          // But it is money-path work: it never waits behind catalog reads and probes.
          lane: 'payment',
        });
      } catch (error) {
        throw new OutcomeUnknownError(refId, 'check-status got no answer', { cause: error });
      }
      const { status } = response;
      if (status === 401 || status === 403) throw httpAuthError(endpoint, status);
      if (status < 200 || status >= 300) {
        throw new OutcomeUnknownError(refId, `check-status answered HTTP ${status}`, { httpStatus: status });
      }
      const json = parseJsonOrUndefined(response.text);
      if (json === undefined) {
        throw new OutcomeUnknownError(refId, 'unreadable check-status answer: body is not JSON', {
          httpStatus: status,
        });
      }
      refuseAccessProblems(endpoint, json, status);
      const parsed = transactionResponseSchema.safeParse(json);
      if (!parsed.success) {
        throw new OutcomeUnknownError(
          refId,
          `unreadable check-status answer: ${describeIssues(parsed.error)}`,
          {
            httpStatus: status,
          },
        );
      }
      const data = parsed.data.data;
      if (data.refId !== undefined && data.refId !== refId) {
        throw new OutcomeUnknownError(refId, 'the answer names another ref_id', { httpStatus: status });
      }
      return toPaymentOutcome(refId, data);
    },

    async balance(options = {}) {
      const endpoint = `POST ${IAK_PATHS.balance}`;
      const body = await read(
        {
          path: IAK_PATHS.balance,
          body: signed(iakSignInput.balance()),
          ...(options.once ? { retries: 0 } : {}),
        },
        balanceResponseSchema,
      );
      if (body.data.rc !== undefined && body.data.rc !== IAK_RC_SUCCESS)
        throw readRefusal(endpoint, body.data);
      const balance = toWalletBalance(credentials.username, body.data);
      if (!balance) throw new InvalidResponseError(endpoint, 'data.balance: not a decimal amount');
      return balance;
    },

    async inquirePln(meterNumber) {
      const body = await read(
        {
          path: IAK_PATHS.inquiryPln,
          body: signed(iakSignInput.inquiryPln(meterNumber), { customer_id: meterNumber }),
        },
        plnInquiryResponseSchema,
      );
      return toBillPresentment(body.data);
    },

    async close() {
      if (ownsDispatcher) await dispatcher.close();
    },
  };
}

/**
 * rc 204 (wrong sign), 102 (IP not allow-listed) and 118 (account suspended) come back with HTTP 200
 * on any endpoint, in a body that has none of the endpoint's fields: they are recognised first.
 */
function refuseAccessProblems(endpoint: string, json: unknown, httpStatus: number): void {
  const envelope = rcEnvelopeSchema.safeParse(json);
  if (!envelope.success) return;
  const rc = envelope.data.data.rc ?? envelope.data.data.response_code;
  if (rc !== undefined && IAK_ACCESS_RC.has(rc)) throw accessError(endpoint, rc, httpStatus);
}

const ACCESS_HINTS: Record<string, string> = {
  '204': 'check IAK_USERNAME and IAK_API_KEY, and that the key belongs to the environment of IAK_BASE_URL',
  '102': "allow-list this server's IP address at developer.iak.id (production settings)",
  '118': 'the IAK account is suspended; contact IAK',
};

function accessError(endpoint: string, rc: string, httpStatus: number): AuthenticationError {
  const message = IAK_RC[rc]?.message ?? 'ACCESS REFUSED';
  return new AuthenticationError(
    `IAK refused ${endpoint} with rc ${rc} (${message}): ${ACCESS_HINTS[rc] ?? 'check the IAK account settings'}`,
    { httpStatus },
  );
}

function httpAuthError(endpoint: string, status: number): AuthenticationError {
  return new AuthenticationError(
    `IAK refused ${endpoint} with HTTP ${status}: check IAK_BASE_URL and the IP allow-list`,
    { httpStatus: status },
  );
}

/** A non-2xx answer to a read. Only a 400 is IAK refusing the request; the rest is IAK's problem. */
function readErrorForStatus(endpoint: string, response: WireResponse): Error {
  const { status } = response;
  if (status === 401 || status === 403) return httpAuthError(endpoint, status);
  if (status === 400) {
    const body = errorBodySchema.safeParse(parseJsonOrUndefined(response.text));
    const rc = body.success ? (body.data.data.rc ?? body.data.data.response_code) : undefined;
    if (rc !== undefined && IAK_ACCESS_RC.has(rc)) return accessError(endpoint, rc, status);
    return new ProviderRejectedError(iakFailure(rc, body.success ? body.data.data.message : undefined), {
      httpStatus: 400,
    });
  }
  return new ProviderUnavailableError(`IAK is unavailable (${endpoint} answered HTTP ${status})`, {
    httpStatus: status,
    ...(response.retryAfterMs === undefined ? {} : { retryAfterMs: response.retryAfterMs }),
  });
}

/** HTTP 200 with an rc other than 00 on a read: a pending-class code means "try later". */
function readRefusal(
  endpoint: string,
  data: { rc?: string | undefined; message?: string | undefined },
): Error {
  const rc = data.rc ?? '';
  const entry = IAK_RC[rc];
  if (rc === '110' || entry === undefined || entry.state === 'pending') {
    return new ProviderUnavailableError(`IAK could not answer ${endpoint} (rc ${rc || 'none'})`);
  }
  return new ProviderRejectedError(iakFailure(rc, data.message));
}
