import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerWithFault, createFaultQueue, type SandboxFault } from '../kit/faults.js';
import {
  BodyTooLargeError,
  jsonResponse,
  listenSandbox,
  readBody,
  type SandboxResponse,
  writeResponse,
} from '../kit/http-io.js';
import { createTimerRegistry, SandboxClosedError } from '../kit/timers.js';
import { createIakCallbackSender } from './callbacks.js';
import { createIakControlPlane, IAK_CONTROL_PREFIX } from './control-plane.js';
import { createIakLedger, type IakSandboxTransaction } from './ledger.js';
import { createIakRoutes } from './routes.js';
import { badRequest, md5Sign, rcResponse, signMatches } from './wire.js';

/**
 * A local stand-in for IAK's prepaid API (v2): a real HTTP server speaking IAK's wire protocol
 * (JSON bodies signed with md5, answers in `{"data":{...}}`, rc codes), so the real client, the bot
 * and the tests all exercise the bytes production sees. It binds to loopback by default and keeps
 * all state in memory. The fault switches and the /__sandbox control plane are the same as the
 * IIMMPACT sandbox's.
 *
 * Unlike IAK's own sandbox (which holds every top-up at PROCESS until someone clicks in the sandbox
 * report), transactions settle by themselves after `timing.processMs`, as production does; test
 * numbers (fixtures.ts) force the other outcomes.
 */

export type { SandboxFault } from '../kit/faults.js';
export type { IakSandboxTransaction } from './ledger.js';

export interface IakSandboxOptions {
  /** The partner's registered phone number. */
  username: string;
  apiKey: string;
  /** Default '127.0.0.1'. */
  host?: string;
  /** Default 0 (an ephemeral port). */
  port?: number;
  /** Default { processMs: 2000 }: how long an accepted top-up stays PROCESS. 0 settles right after the answer. */
  timing?: { processMs: number };
  /** Deposit in rupiah. Default 100,000,000. */
  initialBalance?: number;
  /** Where callbacks go; none are sent until one is set (here, setCallbackUrl or the control plane). */
  callbackUrl?: string;
  /** Default 60,000 ms between callback attempts (IAK documents no policy). */
  callbackRetryDelayMs?: number;
  /** Default 29,000 ms before the gateway-timeout fault answers 504. */
  gatewayTimeoutMs?: number;
  /** Default: silent. Lines never contain secrets, signs, bodies, serials or PINs. */
  log?: (line: string) => void;
}

export interface IakSandbox {
  /** The base URL to give the client (IAK's paths start with /api), e.g. 'http://127.0.0.1:43123'. */
  readonly url: string;
  readonly origin: string;
  /** Stops the server, clears all timers and destroys open sockets. */
  close(): Promise<void>;
  faults: { inject(fault: SandboxFault): void; clear(): void };
  /** Every ref_id recorded (accepted or refused), in order. */
  transactions(): IakSandboxTransaction[];
  transaction(refId: string): IakSandboxTransaction | undefined;
  /** Forces an rc now ("00", "07", "201"...) and, for a final one, fires the callback. */
  settle(refId: string, rc: string): void;
  /** The partner deposit, in rupiah. */
  balance(): number;
  /** Where callbacks go from now on; undefined stops them. */
  setCallbackUrl(url: string | undefined): void;
  /** Requests seen outside the /__sandbox control plane, optionally per path. */
  requestCount(path?: string): number;
  /**
   * While on, every signed request is answered rc 110 (SYSTEM UNDER MAINTENANCE, status 2) before
   * any ref_id is looked up: a re-sent ref_id learns nothing about its transaction, which goes on.
   */
  setMaintenance(on: boolean): void;
}

const DEFAULT_TIMING = { processMs: 2_000 };
const MAX_BODY_BYTES = 1_000_000;

function checkOptions(options: IakSandboxOptions): void {
  if (options.username.trim() === '') throw new TypeError('IAK sandbox needs a non-empty username');
  if (options.apiKey === '') throw new TypeError('IAK sandbox needs a non-empty apiKey');
  for (const [name, value] of [
    ['timing.processMs', (options.timing ?? DEFAULT_TIMING).processMs],
    ['callbackRetryDelayMs', options.callbackRetryDelayMs ?? 0],
    ['gatewayTimeoutMs', options.gatewayTimeoutMs ?? 0],
  ] as const) {
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a non-negative number`);
  }
  if (options.initialBalance !== undefined && !Number.isSafeInteger(options.initialBalance)) {
    throw new RangeError('initialBalance must be an integer number of rupiah');
  }
  if (options.callbackUrl !== undefined) checkCallbackUrl(options.callbackUrl);
}

function checkCallbackUrl(url: string): void {
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
    throw new TypeError('callbackUrl must be an http(s) URL');
  }
}

/** A JSON object whose values are kept only when they are strings (IAK's request fields all are). */
function readJsonObject(body: Uint8Array): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(body).toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

export async function startIakSandbox(options: IakSandboxOptions): Promise<IakSandbox> {
  checkOptions(options);
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? (() => {});
  const gatewayTimeoutMs = options.gatewayTimeoutMs ?? 29_000;
  let callbackUrl = options.callbackUrl;

  const timers = createTimerRegistry();
  const faults = createFaultQueue();
  const callbacks = createIakCallbackSender({
    username: options.username,
    apiKey: options.apiKey,
    timers,
    retryDelayMs: options.callbackRetryDelayMs ?? 60_000,
    log,
  });
  const ledger = createIakLedger({
    initialBalance: options.initialBalance ?? 100_000_000,
    processMs: (options.timing ?? DEFAULT_TIMING).processMs,
    timers,
    log,
    onFinal(data) {
      if (callbackUrl !== undefined) callbacks.send(callbackUrl, data);
    },
  });
  const routes = createIakRoutes(ledger);
  const setCallbackUrl = (url: string | undefined) => {
    if (url !== undefined) checkCallbackUrl(url);
    callbackUrl = url;
  };
  const controlPlane = createIakControlPlane({
    faults,
    ledger,
    callbackUrl: () => callbackUrl,
    setCallbackUrl,
  });

  const counts = new Map<string, number>();
  let totalRequests = 0;
  let maintenance = false;

  function send(res: ServerResponse, label: string, response: SandboxResponse, rawBody?: string): void {
    log(`${label} -> ${response.status}`);
    writeResponse(res, response, rawBody);
  }

  /** Checks the body and its sign; returns the string fields, or the answer refusing the request. */
  function authenticate(
    body: Uint8Array,
    required: readonly string[],
    signInput: (fields: Record<string, string>) => string,
  ): { ok: true; fields: Record<string, string> } | { ok: false; response: SandboxResponse; why: string } {
    const json = readJsonObject(body);
    if (json === undefined) return { ok: false, response: rcResponse('107', 400), why: 'not a JSON object' };
    const fields: Record<string, string> = {};
    const missing: Record<string, string[]> = {};
    for (const [key, value] of Object.entries(json)) {
      if (typeof value === 'string') fields[key] = value;
    }
    for (const key of ['username', 'sign', ...required]) {
      const value = fields[key];
      if (value === undefined || value.trim() === '') {
        missing[key] = [`The ${key.replace(/_/g, ' ')} field is required.`];
      }
    }
    if (Object.keys(missing).length > 0) {
      return { ok: false, response: badRequest(missing), why: `missing ${Object.keys(missing).join(', ')}` };
    }
    const expected = md5Sign(options.username, options.apiKey, signInput(fields));
    if (fields.username !== options.username || !signMatches(expected, fields.sign ?? '')) {
      return { ok: false, response: rcResponse('204'), why: 'wrong authentication' };
    }
    return { ok: true, fields };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const path = new URL(req.url ?? '/', 'http://sandbox.invalid').pathname;
    const label = `${method} ${path}`;
    const isControl = path === IAK_CONTROL_PREFIX || path.startsWith(`${IAK_CONTROL_PREFIX}/`);
    if (!isControl) {
      totalRequests += 1;
      counts.set(path, (counts.get(path) ?? 0) + 1);
    }

    const body = await readBody(req, MAX_BODY_BYTES);
    if (isControl) {
      send(res, label, controlPlane.handle(method, path, body));
      return;
    }
    const matched = routes.match(path);
    if (matched === undefined) {
      send(res, label, rcResponse('117', 404));
      return;
    }
    if (method !== 'POST') {
      send(res, label, { ...rcResponse('117', 405), headers: { Allow: 'POST' } });
      return;
    }
    const auth = authenticate(body, matched.route.required, matched.route.signInput);
    if (!auth.ok) {
      send(res, `${label} (${auth.why})`, auth.response);
      return;
    }

    // Faults apply only to authenticated requests, in injection order.
    await answerWithFault(
      faults.take(path),
      {
        res,
        label,
        send,
        log,
        sleep: (ms) => timers.sleep(ms),
        gatewayTimeoutMs,
        gatewayTimeoutResponse: jsonResponse(504, { message: 'Gateway Time-out' }),
      },
      () => (maintenance ? rcResponse('110') : matched.route.handle(auth.fields, matched.params)),
    );
  }

  const listening = await listenSandbox(handle, {
    host,
    port: options.port ?? 0,
    onError(error, res) {
      if (error instanceof SandboxClosedError) {
        res.destroy();
        return;
      }
      if (error instanceof BodyTooLargeError) {
        writeResponse(res, { ...rcResponse('107', 413), headers: { Connection: 'close' } });
        return;
      }
      log(`sandbox handler error: ${error instanceof Error ? error.name : 'unknown'}`);
      writeResponse(res, jsonResponse(500, { message: 'Internal Server Error' }));
    },
  });
  const origin = listening.origin;
  log(`IAK sandbox listening on ${origin}`);

  let closing: Promise<void> | undefined;
  return {
    url: origin,
    origin,
    close() {
      closing ??= (async () => {
        timers.clearAll();
        const stopped = listening.close();
        await callbacks.close();
        await stopped;
        log('IAK sandbox closed');
      })();
      return closing;
    },
    faults: {
      inject: (fault) => faults.inject(fault),
      clear: () => faults.clear(),
    },
    transactions: () => ledger.list(),
    transaction: (refId) => ledger.get(refId),
    settle(refId, rc) {
      ledger.settle(refId, rc);
    },
    balance: () => ledger.balance(),
    setCallbackUrl,
    requestCount: (path) => (path === undefined ? totalRequests : (counts.get(path) ?? 0)),
    setMaintenance(on) {
      maintenance = on;
    },
  };
}
