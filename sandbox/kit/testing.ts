import { createServer, type IncomingHttpHeaders, request } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Test support both sandboxes share: raw HTTP on a fresh connection (deliberately not a client
 * library), polling without fixed sleeps, and a merchant endpoint that records callbacks.
 */

/** One query parameter, in the order it is sent. */
export type QueryParam = readonly [name: string, value: string];

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

export interface RawRequest {
  method: string;
  /** Path without query, e.g. '/v2/topup'. */
  path: string;
  query?: readonly QueryParam[];
  body?: string;
  headers?: Record<string, string>;
}

export function pathWithQuery(path: string, query: readonly QueryParam[] = []): string {
  if (query.length === 0) return path;
  return `${path}?${query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`;
}

/** One request on a fresh connection (no pooling), so a reset fault affects only that request. */
export function sendRaw(origin: string, raw: RawRequest): Promise<RawResponse> {
  const target = new URL(pathWithQuery(raw.path, raw.query), origin);
  return new Promise((resolve, reject) => {
    const req = request(
      target,
      {
        method: raw.method,
        agent: false,
        headers: {
          ...(raw.body === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...raw.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (raw.body !== undefined) req.write(raw.body);
    req.end();
  });
}

/** Polls until check returns a value other than undefined; fails after timeoutMs. */
export async function waitFor<T>(
  check: () => T | undefined | Promise<T | undefined>,
  { timeoutMs = 5_000, intervalMs = 5 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`waitFor timed out after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export interface ReceivedCallback {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface CallbackReceiver {
  readonly url: string;
  readonly received: ReceivedCallback[];
  close(): Promise<void>;
}

/** A tiny merchant endpoint; `respond` picks the HTTP status for each delivery (default 200). */
export async function startCallbackReceiver(
  respond: (callback: ReceivedCallback, index: number) => number = () => 200,
): Promise<CallbackReceiver> {
  const received: ReceivedCallback[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const callback = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      received.push(callback);
      res.writeHead(respond(callback, received.length - 1), { 'Content-Type': 'text/plain' });
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/iimmpact/callback`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
