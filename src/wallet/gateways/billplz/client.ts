import { type Dispatcher, request } from 'undici';
import { z } from 'zod';

/**
 * A small Billplz API v3 client for wallet top-ups (spec §1, §3, §4): HTTP Basic with the API secret
 * key as the username and an empty password; bills created, read and deleted under `/v3/bills`.
 * Every answer is checked with zod; an answer that does not parse is its own error, not a network
 * error. Nothing is retried here: the top-up service decides what a failure means.
 */

/** Production, from the spec; the sandbox host is https://www.billplz-sandbox.com/api. */
export const BILLPLZ_PRODUCTION_BASE_URL = 'https://www.billplz.com/api';

export type BillState = 'due' | 'paid' | 'deleted';

/** The bill object, as much of it as a top-up reads. Unknown keys are kept out. */
export const billSchema = z.object({
  id: z.string().min(1),
  collection_id: z.string(),
  paid: z.boolean(),
  state: z.enum(['due', 'paid', 'deleted']),
  amount: z.coerce.number().int(),
  paid_amount: z.coerce.number().int().optional(),
  url: z.string(),
  reference_1: z.string().nullable().optional(),
  paid_at: z.string().nullable().optional(),
});
export type Bill = z.infer<typeof billSchema>;

const errorBodySchema = z.object({
  error: z.object({
    type: z.string().optional(),
    // A string, an array of strings or an object, depending on the endpoint (spec §7).
    message: z.unknown().optional(),
  }),
});

export type BillplzErrorKind =
  /** Network failure, timeout, 5xx or 429: try again later. `maybeDone` when the request may have landed. */
  | 'unavailable'
  /** 401: the key is wrong or is the other environment's. */
  | 'unauthorized'
  | 'not-found'
  /** 422: a bad field, or deleting a bill that is not due (a paid bill). */
  | 'invalid'
  /** 2xx whose body is not what the docs describe. */
  | 'bad-response';

export class BillplzError extends Error {
  override readonly name = 'BillplzError';
  constructor(
    readonly kind: BillplzErrorKind,
    message: string,
    readonly status?: number,
    readonly maybeDone = false,
  ) {
    super(message);
  }
}

export interface CreateBillInput {
  collectionId: string;
  email: string;
  name: string;
  /** Sen. */
  amount: number;
  callbackUrl: string;
  redirectUrl?: string;
  description: string;
  /** Our top-up id, kept on the bill so a re-read can be matched to it. */
  reference: string;
}

export interface BillplzClient {
  createBill(input: CreateBillInput): Promise<Bill>;
  getBill(id: string): Promise<Bill>;
  /** Deletes a due bill; a bill already paid answers `invalid` (422). */
  deleteBill(id: string): Promise<void>;
}

export interface BillplzClientOptions {
  baseUrl: string;
  apiKey: string;
  timeoutMs?: number;
  dispatcher?: Dispatcher;
}

/** Bill ids are Billplz's: short, URL-safe. Anything else is refused before it reaches a URL. */
export const BILL_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

function messageOf(body: unknown): string {
  const parsed = errorBodySchema.safeParse(body);
  if (!parsed.success) return 'no error body';
  const { type, message } = parsed.data.error;
  const text = Array.isArray(message)
    ? message.map(String).join('; ')
    : typeof message === 'string'
      ? message
      : message === undefined
        ? ''
        : JSON.stringify(message);
  return [type, text].filter(Boolean).join(': ');
}

export function createBillplzClient(options: BillplzClientOptions): BillplzClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  const auth = `Basic ${Buffer.from(`${options.apiKey}:`).toString('base64')}`;
  const timeoutMs = options.timeoutMs ?? 10_000;

  const call = async (method: 'GET' | 'POST' | 'DELETE', path: string, form?: URLSearchParams) => {
    let status: number;
    let text: string;
    try {
      const response = await request(`${base}${path}`, {
        method,
        headers: {
          Authorization: auth,
          Accept: 'application/json',
          ...(form ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
        },
        ...(form ? { body: form.toString() } : {}),
        ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
      status = response.statusCode;
      text = await response.body.text();
    } catch (error) {
      const code = (error as { code?: string }).code ?? (error as Error).name;
      const notSent = code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN';
      throw new BillplzError('unavailable', `${method} ${path} failed: ${code}`, undefined, !notSent);
    }
    let body: unknown;
    try {
      body = text === '' ? {} : JSON.parse(text);
    } catch {
      if (status >= 500 || status === 429)
        throw new BillplzError('unavailable', `${method} ${path}: ${status}`, status, method !== 'GET');
      throw new BillplzError('bad-response', `${method} ${path}: ${status}, not JSON`, status, true);
    }
    if (status >= 200 && status < 300) return body;
    const detail = `${method} ${path}: ${status} ${messageOf(body)}`;
    if (status === 401) throw new BillplzError('unauthorized', detail, status);
    if (status === 404) throw new BillplzError('not-found', detail, status);
    if (status === 422 || status === 400) throw new BillplzError('invalid', detail, status);
    throw new BillplzError('unavailable', detail, status, method !== 'GET');
  };

  const bill = (body: unknown, what: string): Bill => {
    const parsed = billSchema.safeParse(body);
    if (!parsed.success) throw new BillplzError('bad-response', `${what}: not a bill`, 200, true);
    return parsed.data;
  };

  const checkedId = (id: string) => {
    if (!BILL_ID_PATTERN.test(id)) throw new BillplzError('not-found', 'not a Billplz bill id');
    return encodeURIComponent(id);
  };

  return {
    async createBill(input) {
      const form = new URLSearchParams({
        collection_id: input.collectionId,
        email: input.email,
        name: input.name.slice(0, 255),
        amount: String(input.amount),
        callback_url: input.callbackUrl,
        description: input.description.slice(0, 200),
        reference_1_label: 'Top-up',
        reference_1: input.reference,
      });
      if (input.redirectUrl) form.set('redirect_url', input.redirectUrl);
      return bill(await call('POST', '/v3/bills', form), 'create bill');
    },
    async getBill(id) {
      return bill(await call('GET', `/v3/bills/${checkedId(id)}`), 'get bill');
    },
    async deleteBill(id) {
      await call('DELETE', `/v3/bills/${checkedId(id)}`);
    },
  };
}
