/**
 * The load generator of bench:slow-reads, run as its own process so its HTTP client does not share
 * the bot's event loop: every buyer sends its updates one after another, buyers side by side, and the
 * webhook latency of each call is printed as JSON on stdout.
 *
 *   tsx bench/support/webhook-load.ts <webhook url> <secret> <buyers> <updates per buyer> <first user id>
 */
const [url = '', secret = '', buyersText = '64', perBuyerText = '4', firstIdText = '8000000'] =
  process.argv.slice(2);
const buyers = Number(buyersText);
const perBuyer = Number(perBuyerText);
const firstId = Number(firstIdText);
let updateId = firstId * 10;

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

const latencies: number[] = [];
const statuses: Record<string, number> = {};
const post = async (update: unknown, counted: boolean) => {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': secret },
    body: JSON.stringify(update),
  });
  await response.text();
  if (!counted) return;
  latencies.push(performance.now() - started);
  statuses[response.status] = (statuses[response.status] ?? 0) + 1;
};

// One round opens the connections (not counted), then the measured round.
await Promise.all(Array.from({ length: buyers }, (_, b) => post(message(firstId + b, '/help'), false)));
const startedAt = performance.now();
await Promise.all(
  Array.from({ length: buyers }, async (_, b) => {
    for (let i = 0; i < perBuyer; i++) await post(message(firstId + b, i % 2 ? '/history' : '/start'), true);
  }),
);
process.stdout.write(
  `${JSON.stringify({ latencies, statuses, sendingMs: performance.now() - startedAt })}\n`,
);
