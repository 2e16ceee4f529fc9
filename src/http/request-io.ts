import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { type AddressList, NO_ADDRESSES, normalizeAddress } from '../platform/ip-list.js';

/** Small helpers shared by the HTTP routes. */

export class BodyTooLargeError extends Error {
  constructor(limitBytes: number) {
    super(`request body exceeds ${limitBytes} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/** Reads the body up to `limitBytes`; stops reading and rejects as soon as it is exceeded. */
export function readBody(req: IncomingMessage, limitBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limitBytes) {
      reject(new BodyTooLargeError(limitBytes));
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) {
        reject(new BodyTooLargeError(limitBytes));
        req.removeAllListeners('data');
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/**
 * The caller's address. X-Forwarded-For counts only when the socket's peer is one of
 * `trustedProxies` (a reverse proxy you run): then the hops are read right to left, skipping trusted
 * proxies, and the first hop that is not one is the caller. Everything left of it is whatever the
 * client claimed, and a client that talks to us directly cannot forge anything.
 */
export function clientAddress(req: IncomingMessage, trustedProxies: AddressList = NO_ADDRESSES): string {
  const peer = normalizeAddress(req.socket.remoteAddress ?? '');
  if (trustedProxies.size === 0 || !trustedProxies.has(peer)) return peer;
  const forwarded = req.headers['x-forwarded-for'];
  const header = Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '');
  const hops = header
    .split(',')
    .map((part) => normalizeAddress(part))
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i] as string;
    // Garbage is not an address of ours: it is the caller's claim, and matches no allowlist.
    if (isIP(hop) === 0 || !trustedProxies.has(hop)) return hop;
  }
  // Every hop is a trusted proxy: the left-most one is as far back as we can see.
  return hops[0] ?? peer;
}
