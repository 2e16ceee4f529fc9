import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from '../platform/logger.js';
import type { Metrics } from '../platform/metrics.js';
import { sendJson } from './request-io.js';

/**
 * An HTTP server of the process: the Telegram webhook (webhook mode), the provider callback route,
 * liveness (/healthz: the process answers), readiness (/readyz: Redis and the provider answer) and
 * /metrics in Prometheus text. With INTERNAL_PORT the process runs two: the public one without
 * /readyz and /metrics, and an internal one with only those (and /healthz). With METRICS_TOKEN,
 * /readyz and /metrics want `Authorization: Bearer <token>` wherever they are served.
 */
export type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface HttpServerOptions {
  logger: Logger;
  metrics: Metrics;
  /** Exact paths to their handlers (webhook, provider callback). */
  routes: Record<string, Handler>;
  /** Each check resolves when its dependency is reachable, or throws. */
  readinessChecks: Record<string, () => Promise<void>>;
  /** A check that has not answered in this long counts as unavailable; 2 s by default. */
  checkTimeoutMs?: number;
  /** Serve /readyz and /metrics here (default true). */
  serveInternal?: boolean;
  /** When set, /readyz and /metrics require this bearer token. */
  internalToken?: string;
}

export const DEFAULT_CHECK_TIMEOUT_MS = 2_000;

function sameToken(given: string, expected: string): boolean {
  // Hash first so the comparison takes the same time whatever the lengths.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

function withTimeout(check: () => Promise<void>, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([check(), timeout]).finally(() => clearTimeout(timer));
}

export function createHttpServer(options: HttpServerOptions): Server {
  const log = options.logger.child({ component: 'http' });
  options.metrics.describe('http_requests_total', 'HTTP requests by route and status');
  const checkTimeoutMs = options.checkTimeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  const serveInternal = options.serveInternal ?? true;

  const ready = async (res: ServerResponse) => {
    const results = await Promise.all(
      Object.entries(options.readinessChecks).map(async ([name, check]) => {
        try {
          await withTimeout(check, checkTimeoutMs);
          return [name, 'ok'] as const;
        } catch {
          return [name, 'unavailable'] as const;
        }
      }),
    );
    const body = Object.fromEntries(results);
    sendJson(res, results.every(([, state]) => state === 'ok') ? 200 : 503, body);
  };

  const authorized = (req: IncomingMessage): boolean => {
    if (options.internalToken === undefined) return true;
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return match?.[1] !== undefined && sameToken(match[1], options.internalToken);
  };

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<string> => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const handler = options.routes[path];
    if (handler) {
      await handler(req, res);
      return path.startsWith('/telegram/') ? '/telegram' : path;
    }
    if (req.method !== 'GET') {
      sendJson(res, 404, { error: 'not found' });
      return 'unknown';
    }
    if (path === '/healthz') {
      sendJson(res, 200, { status: 'ok' });
      return path;
    }
    if ((path === '/readyz' || path === '/metrics') && serveInternal) {
      if (!authorized(req)) {
        log.warn('internal route called without the right token', {
          path,
          hasToken: req.headers.authorization !== undefined,
        });
        res.setHeader('WWW-Authenticate', 'Bearer');
        sendJson(res, 401, { error: 'unauthorized' });
        return path;
      }
      if (path === '/readyz') {
        await ready(res);
        return path;
      }
      const text = await options.metrics.render();
      res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' });
      res.end(text);
      return path;
    }
    sendJson(res, 404, { error: 'not found' });
    return 'unknown';
  };

  const server = createServer((req, res) => {
    route(req, res)
      .then((name) =>
        options.metrics.increment('http_requests_total', { route: name, status: String(res.statusCode) }),
      )
      .catch((error) => {
        log.error('request failed', { err: error });
        if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
        else res.destroy();
      });
  });
  // Slow-loris protection: a client must send its headers and body promptly.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  return server;
}
