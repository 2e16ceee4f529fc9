import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from '../platform/logger.js';
import type { Metrics } from '../platform/metrics.js';
import { sendJson } from './request-io.js';

/**
 * The process's one HTTP server: the Telegram webhook (webhook mode), the provider callback route,
 * liveness (/healthz: the process answers), readiness (/readyz: Redis and the provider answer) and
 * /metrics in Prometheus text.
 */
export type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface HttpServerOptions {
  logger: Logger;
  metrics: Metrics;
  /** Exact paths to their handlers (webhook, provider callback). */
  routes: Record<string, Handler>;
  /** Each check resolves when its dependency is reachable, or throws. */
  readinessChecks: Record<string, () => Promise<void>>;
}

export function createHttpServer(options: HttpServerOptions): Server {
  const log = options.logger.child({ component: 'http' });
  options.metrics.describe('http_requests_total', 'HTTP requests by route and status');

  const ready = async (res: ServerResponse) => {
    const results = await Promise.all(
      Object.entries(options.readinessChecks).map(async ([name, check]) => {
        try {
          await check();
          return [name, 'ok'] as const;
        } catch {
          return [name, 'unavailable'] as const;
        }
      }),
    );
    const body = Object.fromEntries(results);
    sendJson(res, results.every(([, state]) => state === 'ok') ? 200 : 503, body);
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
    switch (path) {
      case '/healthz':
        sendJson(res, 200, { status: 'ok' });
        return path;
      case '/readyz':
        await ready(res);
        return path;
      case '/metrics': {
        const text = await options.metrics.render();
        res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' });
        res.end(text);
        return path;
      }
      default:
        sendJson(res, 404, { error: 'not found' });
        return 'unknown';
    }
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
