import { createServer, type Server } from 'node:http';
import { request } from 'undici';
import { wallMs } from './lean-bot-api.js';

/**
 * Sits between the IIMMPACT sandbox's callbacks and the bot's callback route, and notes when each
 * refid's callback left the provider: the start of "receipt after a callback". The sandbox posts
 * `{ data: { refid, ... } }` (or a GET with ?refid=); the relay forwards it unchanged and answers
 * with the bot's status. One extra loopback hop, well under a millisecond.
 */
export interface CallbackRelay {
  readonly url: string;
  /** Where callbacks go (the bot's callback route); can change between passes. */
  target: string;
  /** First callback time per refid (wall-clock ms). */
  readonly arrivals: Map<string, number>;
  close(): Promise<void>;
}

export async function startCallbackRelay(firstTarget: string): Promise<CallbackRelay> {
  const arrivals = new Map<string, number>();
  let target = firstTarget;
  const server: Server = createServer((req, res) => {
    const atMs = wallMs();
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const query = new URL(req.url ?? '/', 'http://relay.invalid').searchParams;
      let refid = query.get('refid') ?? '';
      if (!refid && body) {
        try {
          refid = String((JSON.parse(body) as { data?: { refid?: unknown } }).data?.refid ?? '');
        } catch {
          // forwarded as it came; the bot decides what it is
        }
      }
      if (refid && !arrivals.has(refid)) arrivals.set(refid, atMs);
      const url = new URL(target);
      url.search = new URL(req.url ?? '/', 'http://relay.invalid').search;
      request(url, {
        method: req.method === 'GET' ? 'GET' : 'POST',
        headers: { 'content-type': req.headers['content-type'] ?? 'application/json' },
        ...(req.method === 'GET' ? {} : { body }),
      }).then(
        async (answer) => {
          const text = await answer.body.text();
          res.writeHead(answer.statusCode, { 'content-type': 'application/json' }).end(text);
        },
        () => res.writeHead(502).end(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/callback`,
    get target() {
      return target;
    },
    set target(url: string) {
      target = url;
    },
    arrivals,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
