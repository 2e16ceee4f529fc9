import { createHmac, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { request } from 'node:http';
import { sandboxFaultSchema } from '../kit/control.js';
import { answerWithFault, createFaultQueue, faultStatusText, type SandboxFault } from '../kit/faults.js';
import {
  BodyTooLargeError,
  jsonResponse,
  listenSandbox,
  readBody,
  type SandboxResponse,
  writeResponse,
} from '../kit/http-io.js';

/**
 * A local stand-in for Billplz API v3 bills (spec billplz.md §1–§8), speaking the documented wire
 * format: HTTP Basic with the API key as the username, form-encoded or JSON bodies, JSON answers with
 * `{"error":{"type","message"}}` errors, bills created, read and deleted, and X-Signature callbacks
 * (form-encoded POSTs to the bill's callback_url) and redirects. The signer here is written apart
 * from the bot's, from the SDKs' fixed key list (spec §6), so the two check each other.
 *
 * Control plane (no auth; loopback only), for tests and the demo:
 *   POST /__sandbox/bills/:id/pay    {"callbacks"?: n (default 1), "paid"?: true}
 *        marks the bill paid (or a failed attempt with paid=false), sends n signed callbacks, and
 *        answers {"redirectUrl"} for a browser to follow. A deleted bill that is paid reappears.
 *   POST /__sandbox/bills/:id/delete deletes a due bill as the owner would in the dashboard: the API
 *        then reads it back as `deleted`, and refuses to DELETE it (only a due bill can be, §4).
 *   POST /__sandbox/bills/:id/refuse-delete {"status"?: 400 | 422 (default 422)}
 *        a fault: DELETE of this bill is refused although it is due. Billplz documents no such
 *        answer; it stands for a refusal whose reason we cannot see, which the bot must survive.
 *   GET  /__sandbox/bills             every bill
 *   GET  /__sandbox/calls             every API call answered, in order: {method, path, status}
 *   POST /__sandbox/faults            a kit fault for the API routes; DELETE clears them
 * The bill page, GET /bills/:id, is a tiny HTML page with a "pay" form that calls the control plane.
 */
export interface BillplzSandboxOptions {
  apiKey: string;
  xSignatureKey: string;
  /** Collections that exist; bills in any other are refused (404). */
  collections: string[];
  host?: string;
  port?: number;
  log?: (line: string) => void;
}

export interface SandboxBill {
  id: string;
  collection_id: string;
  paid: boolean;
  state: 'due' | 'paid' | 'deleted';
  amount: number;
  paid_amount: number;
  due_at: string;
  email: string;
  mobile: string | null;
  name: string;
  url: string;
  reference_1_label: string | null;
  reference_1: string | null;
  reference_2_label: string | null;
  reference_2: string | null;
  redirect_url: string | null;
  callback_url: string;
  description: string;
  paid_at: string | null;
}

/** One API call the sandbox answered (faults included), so tests can count what a client asked. */
export interface SandboxCall {
  method: string;
  path: string;
  status: number;
}

export interface BillplzSandbox {
  origin: string;
  /** The API base, as BILLPLZ_BASE_URL: `${origin}/api`. */
  url: string;
  bills(): SandboxBill[];
  bill(id: string): SandboxBill | undefined;
  /** Pays a bill and sends `callbacks` signed callbacks; answers the signed redirect URL. */
  pay(
    id: string,
    options?: { callbacks?: number; paid?: boolean },
  ): Promise<{ redirectUrl?: string; statuses: number[] }>;
  /** Sends one callback for the bill as it stands now (replays, duplicates). */
  sendCallback(id: string): Promise<number>;
  /** Deletes a due bill outside the API, as the owner would in the dashboard. */
  deleteInDashboard(id: string): void;
  /** Fault: DELETE of this bill answers `status` although the bill is due. */
  refuseDelete(id: string, status?: 400 | 422): void;
  /** Every API call answered so far, in order. */
  calls(): SandboxCall[];
  /** The signed callback body for a bill, as the sandbox would post it. */
  callbackBody(bill: SandboxBill): string;
  injectFault(fault: SandboxFault): void;
  close(): Promise<void>;
}

const MAX_CALLS_KEPT = 10_000;

const SIGNED_CALLBACK_KEYS = [
  'amount',
  'collection_id',
  'due_at',
  'email',
  'id',
  'mobile',
  'name',
  'paid_amount',
  'paid_at',
  'paid',
  'state',
  'transaction_id',
  'transaction_status',
  'url',
];

/** The SDKs' way (spec §6): a fixed list of keys, each `key+value`, sorted case-insensitively. */
function sign(fields: Record<string, string>, key: string, prefix = ''): string {
  const parts = SIGNED_CALLBACK_KEYS.filter((k) => fields[prefix ? `${prefix}[${k}]` : k] !== undefined).map(
    (k) => `${prefix}${k}${fields[prefix ? `${prefix}[${k}]` : k]}`,
  );
  parts.sort((a, b) => {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return createHmac('sha256', key).update(parts.join('|')).digest('hex');
}

function billplzError(status: number, type: string, message: string | string[]): SandboxResponse {
  return jsonResponse(status, { error: { type, message } });
}

/**
 * An injected status as Billplz words it (spec §7): a 429 is `RateLimit` with the RateLimit-*
 * headers (`Reset` in seconds); the others carry their own type.
 */
function faultResponse(status: number, retryAfterSeconds: number | undefined): SandboxResponse {
  if (status !== 429)
    return billplzError(status, status === 503 ? 'ServiceUnavailable' : 'Error', faultStatusText(status));
  return jsonResponse(
    429,
    { error: { type: 'RateLimit', message: ['Too many requests'] } },
    {
      'RateLimit-Limit': '10',
      'RateLimit-Remaining': '0',
      'RateLimit-Reset': String(retryAfterSeconds ?? 300),
    },
  );
}

function klDateTime(at: Date): string {
  const kl = new Date(at.getTime() + 8 * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${kl.getUTCFullYear()}-${pad(kl.getUTCMonth() + 1)}-${pad(kl.getUTCDate())} ${pad(kl.getUTCHours())}:${pad(kl.getUTCMinutes())}:${pad(kl.getUTCSeconds())} +0800`;
}

function postForm(url: string, body: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent: false,
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          'Content-Length': Buffer.byteLength(body),
        },
        timeout: 20_000,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', () => resolve(0));
    req.on('timeout', () => req.destroy());
    req.end(body);
  });
}

export async function startBillplzSandbox(options: BillplzSandboxOptions): Promise<BillplzSandbox> {
  const bills = new Map<string, SandboxBill>();
  const refusedDeletes = new Map<string, 400 | 422>();
  const calls: SandboxCall[] = [];
  const faults = createFaultQueue();
  const log = options.log ?? (() => {});
  const expectedAuth = `Basic ${Buffer.from(`${options.apiKey}:`).toString('base64')}`;
  let origin = '';

  const callbackFields = (bill: SandboxBill): Record<string, string> => ({
    id: bill.id,
    collection_id: bill.collection_id,
    paid: String(bill.paid),
    state: bill.state,
    amount: String(bill.amount),
    paid_amount: String(bill.paid_amount),
    due_at: bill.due_at,
    email: bill.email,
    mobile: bill.mobile ?? '',
    name: bill.name,
    url: bill.url,
    paid_at: bill.paid_at ?? '',
  });
  const callbackBody = (bill: SandboxBill) => {
    const fields = callbackFields(bill);
    return new URLSearchParams({ ...fields, x_signature: sign(fields, options.xSignatureKey) }).toString();
  };
  const sendCallback = async (id: string) => {
    const bill = bills.get(id);
    if (!bill) throw new Error(`no bill ${id}`);
    const status = await postForm(bill.callback_url, callbackBody(bill));
    log(`callback ${id} (${bill.state}) -> ${status}`);
    return status;
  };
  const redirectUrl = (bill: SandboxBill): string | undefined => {
    if (!bill.redirect_url) return undefined;
    const fields: Record<string, string> = {
      'billplz[id]': bill.id,
      'billplz[paid]': String(bill.paid),
      'billplz[paid_at]': bill.paid_at ?? '',
    };
    const query = new URLSearchParams({
      ...fields,
      'billplz[x_signature]': sign(fields, options.xSignatureKey, 'billplz'),
    });
    return `${bill.redirect_url}${bill.redirect_url.includes('?') ? '&' : '?'}${query.toString()}`;
  };
  const pay = async (id: string, payOptions: { callbacks?: number; paid?: boolean } = {}) => {
    const bill = bills.get(id);
    if (!bill) throw new Error(`no bill ${id}`);
    if (payOptions.paid !== false && !bill.paid) {
      // A deleted bill that is paid anyway reappears (spec §4).
      bill.paid = true;
      bill.state = 'paid';
      bill.paid_amount = bill.amount;
      bill.paid_at = klDateTime(new Date());
    }
    const statuses: number[] = [];
    for (let i = 0; i < (payOptions.callbacks ?? 1); i++) statuses.push(await sendCallback(id));
    const redirect = redirectUrl(bill);
    return { statuses, ...(redirect ? { redirectUrl: redirect } : {}) };
  };

  const deleteInDashboard = (id: string) => {
    const bill = bills.get(id);
    if (!bill) throw new Error(`no bill ${id}`);
    if (bill.state === 'due') bill.state = 'deleted';
  };
  const refuseDelete = (id: string, status: 400 | 422 = 422) => {
    if (!bills.has(id)) throw new Error(`no bill ${id}`);
    refusedDeletes.set(id, status);
  };

  const readFields = async (req: IncomingMessage): Promise<Record<string, string> | undefined> => {
    const raw = (await readBody(req, 64 * 1024)).toString('utf8');
    if ((req.headers['content-type'] ?? '').includes('application/json')) {
      try {
        const value = JSON.parse(raw) as Record<string, unknown>;
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]));
      } catch {
        return undefined;
      }
    }
    return Object.fromEntries(new URLSearchParams(raw));
  };

  const createBill = (fields: Record<string, string>): SandboxResponse => {
    const problems: string[] = [];
    if (!fields.collection_id) problems.push('Collection is required');
    else if (!options.collections.includes(fields.collection_id))
      return billplzError(404, 'RecordNotFound', 'Collection not found');
    if (!fields.email && !fields.mobile) problems.push('Email or mobile is required');
    if (!fields.name) problems.push('Name is required');
    if (!fields.callback_url) problems.push('Callback url is required');
    if (!fields.description) problems.push('Description is required');
    if ((fields.description ?? '').length > 200) problems.push('Description is too long');
    if (!/^[1-9]\d*$/.test(fields.amount ?? '')) problems.push('Amount must be a positive integer');
    if (problems.length > 0) return billplzError(422, 'Unprocessable Entity', problems);
    const id = randomBytes(6).toString('hex').slice(0, 8);
    const today = new Date(Date.now() + 8 * 3_600_000);
    const bill: SandboxBill = {
      id,
      collection_id: fields.collection_id ?? '',
      paid: false,
      state: 'due',
      amount: Number(fields.amount),
      paid_amount: 0,
      due_at: `${today.getUTCFullYear()}-${today.getUTCMonth() + 1}-${today.getUTCDate()}`,
      email: fields.email ?? '',
      mobile: fields.mobile || null,
      name: (fields.name ?? '').toUpperCase(),
      url: `${origin}/bills/${id}`,
      reference_1_label: fields.reference_1_label ?? null,
      reference_1: fields.reference_1 ?? null,
      reference_2_label: fields.reference_2_label ?? null,
      reference_2: fields.reference_2 ?? null,
      redirect_url: fields.redirect_url || null,
      callback_url: fields.callback_url ?? '',
      description: fields.description ?? '',
      paid_at: null,
    };
    bills.set(id, bill);
    return jsonResponse(200, bill);
  };

  /** §4: only a due bill can be deleted; a paid one (and one already deleted) answers 422. */
  const deleteBill = (bill: SandboxBill): SandboxResponse => {
    const refused = refusedDeletes.get(bill.id);
    if (refused) return billplzError(refused, 'Unprocessable Entity', 'Bill cannot be deleted');
    if (bill.state !== 'due') return billplzError(422, 'Unprocessable Entity', 'Bill cannot be deleted');
    bill.state = 'deleted';
    return jsonResponse(200, {});
  };

  const api = async (req: IncomingMessage, path: string): Promise<SandboxResponse> => {
    if (req.headers.authorization !== expectedAuth) {
      req.resume();
      return billplzError(401, 'Unauthorized', 'Access denied');
    }
    const billMatch = /^\/api\/v3\/bills\/([^/]+)$/.exec(path);
    if (path === '/api/v3/bills' && req.method === 'POST') {
      const fields = await readFields(req);
      return fields ? createBill(fields) : billplzError(422, 'Unprocessable Entity', 'Unreadable body');
    }
    if (billMatch && (req.method === 'GET' || req.method === 'DELETE')) {
      req.resume();
      const bill = bills.get(decodeURIComponent(billMatch[1] ?? ''));
      if (!bill) return billplzError(404, 'RecordNotFound', 'Bill not found');
      // A deleted bill still reads back, with state `deleted` (§4: states are due, paid, deleted).
      if (req.method === 'GET') return jsonResponse(200, bill);
      return deleteBill(bill);
    }
    req.resume();
    return billplzError(404, 'RecordNotFound', 'Not found');
  };

  const control = async (req: IncomingMessage, res: ServerResponse, path: string) => {
    const payMatch = /^\/__sandbox\/bills\/([^/]+)\/pay$/.exec(path);
    const billAction = /^\/__sandbox\/bills\/([^/]+)\/(delete|refuse-delete)$/.exec(path);
    const fields = req.method === 'POST' ? await readFields(req) : undefined;
    if (billAction && req.method === 'POST') {
      const id = decodeURIComponent(billAction[1] ?? '');
      if (!bills.has(id)) return writeResponse(res, billplzError(404, 'RecordNotFound', 'Bill not found'));
      if (billAction[2] === 'delete') deleteInDashboard(id);
      else refuseDelete(id, fields?.status === '400' ? 400 : 422);
      return writeResponse(res, jsonResponse(200, {}));
    }
    if (path === '/__sandbox/calls' && req.method === 'GET')
      return writeResponse(res, jsonResponse(200, { calls }));
    if (payMatch && req.method === 'POST') {
      const id = decodeURIComponent(payMatch[1] ?? '');
      if (!bills.has(id)) return writeResponse(res, billplzError(404, 'RecordNotFound', 'Bill not found'));
      const result = await pay(id, {
        ...(fields?.callbacks ? { callbacks: Number(fields.callbacks) } : {}),
        ...(fields?.paid === 'false' ? { paid: false } : {}),
      });
      return writeResponse(res, jsonResponse(200, result));
    }
    if (path === '/__sandbox/bills' && req.method === 'GET')
      return writeResponse(res, jsonResponse(200, { bills: [...bills.values()] }));
    if (path === '/__sandbox/faults' && req.method === 'POST') {
      const parsed = sandboxFaultSchema.safeParse(
        Object.fromEntries(
          Object.entries(fields ?? {}).map(([k, v]) => [k, /^\d+$/.test(v) ? Number(v) : v]),
        ),
      );
      if (!parsed.success) return writeResponse(res, jsonResponse(400, { error: 'bad fault' }));
      faults.inject(parsed.data);
      return writeResponse(res, jsonResponse(200, { pending: faults.pending() }));
    }
    if (path === '/__sandbox/faults' && req.method === 'DELETE') {
      faults.clear();
      return writeResponse(res, jsonResponse(200, {}));
    }
    return writeResponse(res, jsonResponse(404, { error: 'no such control' }));
  };

  const billPage = (res: ServerResponse, id: string) => {
    const bill = bills.get(id);
    const html = bill
      ? `<!doctype html><meta charset="utf-8"><title>Bill ${bill.id}</title><h1>RM ${(bill.amount / 100).toFixed(2)}</h1><p>${bill.state}</p><form method="post" action="/__sandbox/bills/${bill.id}/pay"><button>Successful payment</button></form>`
      : '<p>Bill not found</p>';
    res.writeHead(bill ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(html);
  };

  const listening = await listenSandbox(
    async (req, res) => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      if (path.startsWith('/__sandbox/')) return control(req, res, path);
      const page = /^\/bills\/([^/]+)$/.exec(path);
      if (page && req.method === 'GET') return billPage(res, decodeURIComponent(page[1] ?? ''));
      const label = `${req.method} ${path}`;
      await answerWithFault(
        faults.take(path),
        {
          res,
          label,
          send: (r, l, response, raw) => {
            calls.push({ method: req.method ?? '', path, status: response.status });
            // A long demo run must not grow the log without end; tests read far fewer.
            if (calls.length > MAX_CALLS_KEPT) calls.shift();
            log(`${l} -> ${response.status}`);
            writeResponse(r, response, raw);
          },
          log,
          sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
          gatewayTimeoutMs: 20_000,
          gatewayTimeoutResponse: billplzError(503, 'ServiceUnavailable', 'Service unavailable'),
          statusResponse: faultResponse,
        },
        () => api(req, path),
      );
    },
    {
      host: options.host ?? '127.0.0.1',
      port: options.port ?? 0,
      onError: (error, res) => {
        const status = error instanceof BodyTooLargeError ? 413 : 500;
        writeResponse(res, billplzError(status, 'Error', String((error as Error).message)));
      },
    },
  );
  origin = listening.origin;

  return {
    origin,
    url: `${origin}/api`,
    bills: () => [...bills.values()].map((b) => ({ ...b })),
    bill: (id) => {
      const b = bills.get(id);
      return b ? { ...b } : undefined;
    },
    pay,
    sendCallback,
    deleteInDashboard,
    refuseDelete,
    calls: () => calls.map((c) => ({ ...c })),
    callbackBody,
    injectFault: (fault) => faults.inject(fault),
    close: () => listening.close(),
  };
}
