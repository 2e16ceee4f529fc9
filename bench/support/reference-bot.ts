/**
 * The reference of bench:webhook: the least work a bot can do for an update, as a bare node:http
 * server in a process of its own. Per update it reads and writes the chat's session in Redis (one
 * GET, one SET of about 1 KB of JSON) and makes one Bot API call (sendMessage over a keep-alive
 * connection), then answers 200. No dedupe, no queue, no lock: what any bot on this machine could
 * at most do for that work, so the bot's figures are read as ratios to it.
 *
 * bench-world.ts runs it transpiled to plain JavaScript, as the bot runs from dist/. Environment:
 * PORT, REDIS_URL, TELEGRAM_API_ROOT, TELEGRAM_BOT_TOKEN, WEBHOOK_SECRET, KEY_PREFIX (default ref:).
 */
import { Agent, createServer, request } from 'node:http';
import { Redis } from 'ioredis';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};
const apiRoot = new URL(env('TELEGRAM_API_ROOT'));
const token = env('TELEGRAM_BOT_TOKEN');
const secret = env('WEBHOOK_SECRET');
const prefix = process.env.KEY_PREFIX ?? 'ref:';
const redis = new Redis(env('REDIS_URL'));
const agent = new Agent({ keepAlive: true, keepAliveMsecs: 10_000 });

/** A screen like the shop's: some HTML text and eight buttons with opaque callback data. */
const SCREEN = {
  text: '🛒 <b>What would you like to buy?</b>\nBuy mobile reloads, data plans, bill payments, vouchers and eSIMs right here in Telegram.',
  parse_mode: 'HTML',
  link_preview_options: { is_disabled: true },
  reply_markup: {
    inline_keyboard: [
      ['Prepaid', 'Internet'],
      ['Utilities', 'Education'],
      ['Gift Card', 'Travel eSIM'],
      ['⬅️ Back', '🏠 Home'],
    ].map((row) => row.map((text, i) => ({ text, callback_data: `s:Xk3Jq9:c:${text.length}${i}` }))),
  },
};

/** A first session of about 1 KB, like the shop's conversation state. */
const freshSession = (chatId: number) => ({
  userId: chatId,
  chatId,
  locale: 'en',
  token: 'Xk3Jq9',
  screen: { kind: 'categories', page: 0 },
  screenMessageId: 0,
  steps: 0,
  lastUpdateId: 0,
  history: [] as string[],
  draft: {
    product: { code: 'D', name: 'Digi Prepaid', category: 'Prepaid', group: 'Mobile Reload' },
    account: '',
    amounts: ['5.00', '10.00', '15.00', '20.00', '30.00', '50.00', '100.00'],
  },
  padding: 'x'.repeat(600),
});

const sendMessage = (chatId: number) =>
  new Promise<void>((resolve, reject) => {
    const body = JSON.stringify({ chat_id: chatId, ...SCREEN });
    const call = request(
      {
        host: apiRoot.hostname,
        port: apiRoot.port,
        path: `/bot${token}/sendMessage`,
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        response.resume();
        response.once('end', () =>
          response.statusCode === 200 ? resolve() : reject(new Error(`sendMessage ${response.statusCode}`)),
        );
      },
    );
    call.once('error', reject);
    call.end(body);
  });

const handle = async (raw: string): Promise<void> => {
  const update = JSON.parse(raw) as {
    update_id: number;
    message?: { chat: { id: number }; text?: string };
    callback_query?: { from: { id: number }; data?: string };
  };
  const chatId = update.message?.chat.id ?? update.callback_query?.from.id ?? 0;
  const key = `${prefix}session:${chatId}`;
  const stored = await redis.get(key);
  const session = stored ? (JSON.parse(stored) as ReturnType<typeof freshSession>) : freshSession(chatId);
  session.steps += 1;
  session.lastUpdateId = update.update_id;
  session.history = [...session.history.slice(-4), update.message?.text ?? update.callback_query?.data ?? ''];
  await redis.set(key, JSON.stringify(session), 'EX', 3600);
  await sendMessage(chatId);
};

const server = createServer((req, res) => {
  if (req.headers['x-telegram-bot-api-secret-token'] !== secret) {
    req.resume();
    res.writeHead(401).end();
    return;
  }
  let raw = '';
  req.setEncoding('utf8');
  req.on('data', (chunk: string) => {
    raw += chunk;
  });
  req.on('end', () => {
    handle(raw).then(
      () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'),
      (error: unknown) => {
        process.stderr.write(`reference: ${error instanceof Error ? error.message : String(error)}\n`);
        res.writeHead(500).end();
      },
    );
  });
});
server.keepAliveTimeout = 120_000;
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.once('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  redis.disconnect();
  agent.destroy();
});
