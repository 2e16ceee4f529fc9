import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerWithFault, createFaultQueue, type SandboxFault } from '../kit/faults.js';
import {
  BodyTooLargeError,
  jsonResponse,
  listenSandbox,
  messageResponse,
  readBody,
  type SandboxResponse,
  writeResponse,
} from '../kit/http-io.js';
import { createTimerRegistry, SandboxClosedError } from '../kit/timers.js';
import {
  createBalanceHandler,
  createCallbackSettings,
  createGetCallbackHandler,
  createSetCallbackHandler,
  parseCallbackTarget,
} from './account-routes.js';
import { type AccessLevel, createRequestAuthenticator } from './auth.js';
import { createBillPresentmentHandler } from './bill-presentment.js';
import { createCallbackSender } from './callbacks.js';
import {
  createCatalogHandler,
  createNetworkStatusHandler,
  createProductListHandler,
} from './catalog-routes.js';
import { CONTROL_PREFIX, createControlPlane } from './control-plane.js';
import { createLedger, type SandboxTransaction } from './ledger.js';
import { createOptionsHandler, createSubproductsHandler } from './lookup-routes.js';
import {
  createBalanceStatementHandler,
  createTransactionCheckHandler,
  createTransactionsHandler,
} from './report-routes.js';
import { createRouter, type Router } from './router.js';
import { hmacKeyFromSecret } from './signature.js';
import { createTopupHandler } from './topup-route.js';

/**
 * A local stand-in for IIMMPACT staging: a real HTTP server speaking the provider's signed wire
 * protocol, so the real client, the bot and the tests all exercise the same bytes production sees.
 * It binds to loopback by default and keeps all state in memory.
 */

export type { SandboxFault } from '../kit/faults.js';
export type { SandboxTransaction } from './ledger.js';

export interface IimmpactSandboxOptions {
  /** Default '127.0.0.1'. */
  host?: string;
  /** Default 0 (an ephemeral port). */
  port?: number;
  apiKey: string;
  /** Base64, as the dashboard issues it. */
  hmacSecret: string;
  /** A second key with access 50: it may read, and its topup calls get 403. */
  readOnlyApiKey?: string;
  /** Default 300; nonces are remembered for at least twice this long. */
  timestampToleranceSeconds?: number;
  /** Default { acceptedMs: 1500, processingMs: 3000 }. Both 0 makes the first answer final. */
  timing?: { acceptedMs: number; processingMs: number };
  /** Default 500_000_00 (RM 500,000.00). */
  initialBalanceSen?: number;
  /** Default 60_000 (the documented 60 s between callback attempts). */
  callbackRetryDelayMs?: number;
  /** Default 29_000 (the 29 s integration cap, answered with 504). */
  gatewayTimeoutMs?: number;
  /** Default: silent. Lines never contain secrets, bodies, query strings or voucher PINs. */
  log?: (line: string) => void;
}

export interface IimmpactSandbox {
  /** Base URL including '/v2', e.g. 'http://127.0.0.1:43123/v2'. */
  readonly url: string;
  /** e.g. 'http://127.0.0.1:43123'. */
  readonly origin: string;
  /** Stops the server, clears all timers and destroys open sockets. */
  close(): Promise<void>;
  faults: { inject(fault: SandboxFault): void; clear(): void };
  /** Every transaction created, in creation order. */
  transactions(): SandboxTransaction[];
  transaction(refid: string): SandboxTransaction | undefined;
  /** Forces a status now (20, 53, any failure code) and fires the callback. */
  settle(refid: string, statusCode: number): void;
  balanceSen(): number;
  /** A success turned into a Refund afterwards (the callback fires if set; the shop ignores callbacks for finished orders). */
  refundAfterSuccess(refid: string): void;
  /** Puts a transaction on the books that the bot never sent. */
  hold(input: {
    refid: string;
    product: string;
    account: string;
    amountSen: number;
    statusCode?: number;
  }): SandboxTransaction;
  /** Same as POST /v2/callback-url. */
  setCallback(url: string, method: 'GET' | 'POST'): void;
  /** Requests seen outside the /__sandbox control plane (authenticated or not), optionally per path. */
  requestCount(path?: string): number;
}

const DEFAULT_TIMING = { acceptedMs: 1500, processingMs: 3000 };
const MAX_BODY_BYTES = 1_000_000;

function checkOptions(options: IimmpactSandboxOptions): void {
  if (options.apiKey === '') throw new TypeError('IIMMPACT sandbox needs a non-empty apiKey');
  if (options.readOnlyApiKey !== undefined && options.readOnlyApiKey === options.apiKey) {
    throw new TypeError('readOnlyApiKey must differ from apiKey');
  }
  const timing = options.timing ?? DEFAULT_TIMING;
  for (const [name, value] of [
    ['timing.acceptedMs', timing.acceptedMs],
    ['timing.processingMs', timing.processingMs],
    ['timestampToleranceSeconds', options.timestampToleranceSeconds ?? 300],
    ['callbackRetryDelayMs', options.callbackRetryDelayMs ?? 0],
    ['gatewayTimeoutMs', options.gatewayTimeoutMs ?? 0],
  ] as const) {
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a non-negative number`);
  }
  if (options.initialBalanceSen !== undefined && !Number.isSafeInteger(options.initialBalanceSen)) {
    throw new RangeError('initialBalanceSen must be an integer number of sen');
  }
}

export async function startIimmpactSandbox(options: IimmpactSandboxOptions): Promise<IimmpactSandbox> {
  checkOptions(options);
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? (() => {});
  const gatewayTimeoutMs = options.gatewayTimeoutMs ?? 29_000;

  const timers = createTimerRegistry();
  const faults = createFaultQueue();
  const callbackSettings = createCallbackSettings();
  const callbacks = createCallbackSender({
    timers,
    retryDelayMs: options.callbackRetryDelayMs ?? 60_000,
    log,
  });
  const ledger = createLedger({
    initialBalanceSen: options.initialBalanceSen ?? 500_000_00,
    timing: options.timing ?? DEFAULT_TIMING,
    timers,
    log,
    onStatusChange(data) {
      const target = callbackSettings.get();
      if (target !== undefined) callbacks.send(target, { ...data });
    },
  });
  const keys = new Map<string, AccessLevel>([[options.apiKey, 0]]);
  if (options.readOnlyApiKey !== undefined) keys.set(options.readOnlyApiKey, 50);
  const authenticator = createRequestAuthenticator({
    keys,
    hmacKey: hmacKeyFromSecret(options.hmacSecret),
    toleranceSeconds: options.timestampToleranceSeconds ?? 300,
  });

  const router: Router = createRouter();
  router.add('GET', '/v2/balance', createBalanceHandler(ledger));
  router.add('POST', '/v2/topup', createTopupHandler(ledger));
  router.add('GET', '/v2/product-list', createProductListHandler());
  router.add('GET', '/v2/catalog', createCatalogHandler(Date.now()));
  router.add('GET', '/v2/networkstatus', createNetworkStatusHandler());
  router.add('GET', '/v2/subproducts', createSubproductsHandler());
  router.add('GET', '/v2/options', createOptionsHandler());
  router.add('GET', '/v2/bill-presentment', createBillPresentmentHandler());
  router.add('GET', '/v2/callback-url', createGetCallbackHandler(callbackSettings));
  router.add('POST', '/v2/callback-url', createSetCallbackHandler(callbackSettings));
  router.add('GET', '/v2/transactions', createTransactionsHandler(ledger));
  router.add(
    'GET',
    '/v2/balance-statement',
    createBalanceStatementHandler(ledger, () => origin),
  );
  router.add('POST', '/v2/transactions/check', createTransactionCheckHandler(ledger));
  const controlPlane = createControlPlane({ faults, ledger });
  let origin = 'http://127.0.0.1';

  const counts = new Map<string, number>();
  let totalRequests = 0;

  function send(res: ServerResponse, label: string, response: SandboxResponse, rawBody?: string): void {
    log(`${label} -> ${response.status}`);
    writeResponse(res, response, rawBody);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    const path = url.pathname;
    const label = `${method} ${path}`;
    const isControl = path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`);
    if (!isControl) {
      totalRequests += 1;
      counts.set(path, (counts.get(path) ?? 0) + 1);
    }

    const body = await readBody(req, MAX_BODY_BYTES);
    if (isControl) {
      send(res, label, controlPlane.handle(method, path, body));
      return;
    }
    if (path !== '/v2' && !path.startsWith('/v2/')) {
      send(res, label, messageResponse(404, `No route for ${method} ${path}`));
      return;
    }

    const auth = authenticator.authenticate({
      method,
      headers: req.headers,
      query: [...url.searchParams],
      body,
    });
    if (!auth.ok) {
      send(res, `${label} (${auth.error})`, jsonResponse(401, { error: auth.error, message: auth.message }));
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
        gatewayTimeoutResponse: messageResponse(504, 'Endpoint request timed out'),
      },
      () =>
        router.handle({
          method,
          path,
          query: url.searchParams,
          body,
          access: auth.access,
        }),
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
        writeResponse(res, { ...messageResponse(413, error.message), headers: { Connection: 'close' } });
        return;
      }
      log(`sandbox handler error: ${error instanceof Error ? error.message : String(error)}`);
      writeResponse(res, messageResponse(500, 'Internal Server Error'));
    },
  });
  origin = listening.origin;
  log(`IIMMPACT sandbox listening on ${origin}`);

  let closing: Promise<void> | undefined;

  return {
    url: `${origin}/v2`,
    origin,
    close() {
      closing ??= (async () => {
        timers.clearAll();
        const stopped = listening.close();
        await callbacks.close();
        await stopped;
        log('IIMMPACT sandbox closed');
      })();
      return closing;
    },
    faults: {
      inject: (fault) => faults.inject(fault),
      clear: () => faults.clear(),
    },
    transactions: () => ledger.list(),
    transaction: (refid) => ledger.get(refid),
    settle(refid, statusCode) {
      ledger.settle(refid, statusCode);
    },
    balanceSen: () => ledger.balanceSen(),
    refundAfterSuccess(refid) {
      const answer = controlPlane.handle(
        'POST',
        `${CONTROL_PREFIX}/transactions/${encodeURIComponent(refid)}/refund`,
        new Uint8Array(),
      );
      if (answer.status !== 200) throw new Error(`refund of ${refid}: HTTP ${answer.status}`);
    },
    hold(input) {
      const answer = controlPlane.handle(
        'POST',
        `${CONTROL_PREFIX}/transactions`,
        new TextEncoder().encode(JSON.stringify(input)),
      );
      if (answer.status !== 200) throw new Error(`hold ${input.refid}: HTTP ${answer.status}`);
      return answer.body as SandboxTransaction;
    },
    setCallback(url, method) {
      const target = parseCallbackTarget(url, method);
      if (typeof target === 'string') throw new TypeError(target);
      callbackSettings.set(target);
    },
    requestCount: (path) => (path === undefined ? totalRequests : (counts.get(path) ?? 0)),
  };
}
