/**
 * The load generator of bench:slow-reads, run as its own process so its HTTP client does not share
 * the bot's event loop: each connection (a keep-alive undici pool of `connections`, as Telegram
 * holds up to setWebhook's max_connections open) posts one update after another, as fast as the
 * webhook answers; each of `buyers` buyers sends its updates in order. Rounds run one after another
 * in this one process, so the first (not counted) warms the client up: a cold client measures its
 * own start. Prints each counted round's webhook latencies as a JSON line on stdout.
 *
 *   tsx bench/support/webhook-load.ts <webhook url> <secret> '<rounds as JSON: [{ connections, buyers,
 *     perBuyer, firstUserId, counted }]>'
 */
import { Pool } from 'undici';

export interface LoadRound {
  connections: number;
  buyers: number;
  perBuyer: number;
  firstUserId: number;
  counted: boolean;
}

export interface RoundResult {
  connections: number;
  latencies: number[];
  statuses: Record<string, number>;
  sendingMs: number;
}

const [url = '', secret = '', roundsJson = '[]'] = process.argv.slice(2);
const rounds = JSON.parse(roundsJson) as LoadRound[];
const target = new URL(url);
const maxConnections = Math.max(1, ...rounds.map((round) => round.connections));
const pool = new Pool(target.origin, {
  connections: maxConnections,
  pipelining: 1,
  keepAliveTimeout: 60_000,
});
let updateId = (rounds[0]?.firstUserId ?? 1) * 10;

const message = (id: number, text: string) => ({
  update_id: updateId++,
  message: {
    message_id: updateId,
    date: Math.floor(Date.now() / 1000),
    chat: { id, type: 'private', first_name: 'B' },
    from: { id, is_bot: false, first_name: 'B', language_code: 'en' },
    text,
    ...(text.startsWith('/') ? { entities: [{ type: 'bot_command', offset: 0, length: text.length }] } : {}),
  },
});

async function runRound(round: LoadRound): Promise<RoundResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const post = async (update: unknown) => {
    const started = performance.now();
    const response = await pool.request({
      path: target.pathname,
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
      body: JSON.stringify(update),
    });
    await response.body.text();
    latencies.push(performance.now() - started);
    statuses[response.statusCode] = (statuses[response.statusCode] ?? 0) + 1;
  };
  // The updates in the order Telegram would send them: each buyer's in sequence, buyers interleaved.
  const updates = Array.from({ length: round.perBuyer }, (_, step) =>
    Array.from({ length: round.buyers }, (_, b) =>
      message(round.firstUserId + b, step % 2 ? '/history' : '/start'),
    ),
  ).flat();
  // Each connection takes the next update when its last post is answered.
  const startedAt = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: round.connections }, async () => {
      while (next < updates.length) await post(updates[next++]);
    }),
  );
  return { connections: round.connections, latencies, statuses, sendingMs: performance.now() - startedAt };
}

for (const round of rounds) {
  const result = await runRound(round);
  if (round.counted) process.stdout.write(`${JSON.stringify(result)}\n`);
}
await pool.close();
