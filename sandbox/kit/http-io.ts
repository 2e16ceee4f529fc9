import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * Handlers return a description of the response instead of writing it, so the fault layer can decide
 * afterwards to send it, mangle it, delay it or drop the connection.
 */
export interface SandboxResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export function jsonResponse(
  status: number,
  body: unknown,
  headers?: Record<string, string>,
): SandboxResponse {
  return headers === undefined ? { status, body } : { status, body, headers };
}

/** The generic `{"message": ...}` error body the provider's gateway uses. */
export function messageResponse(status: number, message: string): SandboxResponse {
  return jsonResponse(status, { message });
}

export class BodyTooLargeError extends Error {
  constructor(limitBytes: number) {
    super(`Request body exceeds ${limitBytes} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/** Reads the raw body bytes: the signature covers them exactly, so nothing is decoded here. */
export function readBody(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) {
        // Keep draining so the 413 can still be written on an intact connection.
        reject(new BodyTooLargeError(limitBytes));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function serialiseBody(body: unknown): string {
  return JSON.stringify(body);
}

export function writeResponse(res: ServerResponse, response: SandboxResponse, rawBody?: string): void {
  if (res.headersSent || res.destroyed) return;
  const text = rawBody ?? serialiseBody(response.body);
  res.writeHead(response.status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    ...response.headers,
  });
  res.end(text);
}

/**
 * Drops the connection with a TCP reset, which clients see as ECONNRESET: the closest match to a
 * load balancer or network failure after the request left the client.
 */
export function resetConnection(res: ServerResponse): void {
  const socket = res.socket;
  if (socket === null || socket.destroyed) return;
  socket.resetAndDestroy();
}

/** Parses a JSON body, returning undefined for anything that is not a JSON object. */
export function parseJsonObject(body: Uint8Array): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(body).toString('utf8'));
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    return value as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

export interface ListeningSandbox {
  /** e.g. http://127.0.0.1:43123 */
  origin: string;
  /** Stops listening and destroys open sockets; resolves once the server has closed. */
  close(): Promise<void>;
}

/**
 * Serves `handle` on host:port, answering whatever it throws through `onError`, and tracks sockets
 * so `close` does not wait for idle keep-alive connections.
 */
export async function listenSandbox(
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  options: { host: string; port: number; onError(error: unknown, res: ServerResponse): void },
): Promise<ListeningSandbox> {
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => options.onError(error, res));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostForUrl = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    origin: `http://${hostForUrl}:${address.port}`,
    close() {
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      return stopped;
    },
  };
}
