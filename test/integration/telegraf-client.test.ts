import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Input, TelegramError } from 'telegraf';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type BotApiStandIn, STAND_IN_BOT, startBotApiStandIn } from '../../demo/bot-api-stand-in.js';
import { createBotApiClient } from '../../src/bot/telegram/bot-api-client.js';
import { createTelegrafClient } from '../../src/bot/telegram/telegraf-client.js';
import { isQueryTooOld, withRetryAfter } from '../../src/bot/telegram/telegram-io.js';
import { createUpdatePoller } from '../../src/bot/telegram/update-intake.js';
import { silentLogger } from '../../src/platform/logger.js';
import { freePort } from '../support/net.js';

/*
 * The bot's Bot API client over real HTTP on loopback: Telegraf's contract (results, TelegramError,
 * abort, uploads) kept by the keep-alive pool that replaces its node-fetch client for JSON calls.
 */

const TOKEN = '7000000001:TEST-token-for-the-stand-in-0000';

describe('against the Bot API stand-in', () => {
  let api: BotApiStandIn;
  beforeAll(async () => {
    api = await startBotApiStandIn(TOKEN);
  });
  afterAll(() => api.close());
  const telegram = () => createTelegrafClient({ token: TOKEN, apiRoot: api.apiRoot }).telegram;

  it('returns the result of an ok answer, and leaves null and undefined fields out of the request', async () => {
    const tg = telegram();
    const message = await tg.sendMessage(42, 'hello', {
      parse_mode: undefined,
      reply_markup: { inline_keyboard: [[{ text: 'A', callback_data: 'a' }]] },
      message_thread_id: null as never,
    });
    expect(message).toMatchObject({ message_id: expect.any(Number), text: 'hello', chat: { id: 42 } });
    expect(await tg.getMe()).toEqual(STAND_IN_BOT);
    expect(api.callsOf('sendMessage').at(-1)?.params).toEqual({
      chat_id: 42,
      text: 'hello',
      reply_markup: { inline_keyboard: [[{ text: 'A', callback_data: 'a' }]] },
    });
  });

  it('answers an edit with true, the edited message left unread, and still throws when Telegram refuses it', async () => {
    const tg = telegram();
    const sent = await tg.sendMessage(42, 'first');
    expect(await tg.editMessageText(42, sent.message_id, undefined, 'second')).toBe(true);
    expect(api.callsOf('editMessageText').at(-1)?.params).toMatchObject({
      message_id: sent.message_id,
      text: 'second',
    });
    api.failNext('editMessageText', 400, 'Bad Request: message is not modified');
    const error = await tg.editMessageText(42, sent.message_id, undefined, 'second').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TelegramError);
    expect((error as TelegramError).description).toMatch(/message is not modified/);
  });

  it("throws Telegraf's TelegramError for a refusal, with retry_after on a 429", async () => {
    const tg = telegram();
    api.failNext('sendMessage', 429, 'Too Many Requests: retry after 7', 7);
    const error = await tg.sendMessage(42, 'again').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TelegramError);
    const refusal = error as TelegramError;
    expect(refusal.response).toEqual({
      ok: false,
      error_code: 429,
      description: 'Too Many Requests: retry after 7',
      parameters: { retry_after: 7 },
    });
    expect(refusal.code).toBe(429);
    expect(refusal.parameters?.retry_after).toBe(7);
    expect(refusal.on).toEqual({ method: 'sendMessage', payload: { chat_id: 42, text: 'again' } });
    expect(refusal.message).toBe('429: Too Many Requests: retry after 7');
  });

  it('lets withRetryAfter wait out a 429 for the seconds Telegram asks', async () => {
    const tg = telegram();
    const waits: number[] = [];
    api.failNext('sendMessage', 429, 'Too Many Requests: retry after 3', 3);
    const message = await withRetryAfter(
      () => tg.sendMessage(42, 'patient'),
      async (ms) => {
        waits.push(ms);
      },
    );
    expect(waits).toEqual([3000]);
    expect(message.text).toBe('patient');
  });

  it('still recognises "query is too old"', async () => {
    const tg = telegram();
    api.failNext(
      'answerCallbackQuery',
      400,
      'Bad Request: query is too old and response timeout expired or query ID is invalid',
    );
    const error = await tg.answerCbQuery('cbq-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TelegramError);
    expect((error as TelegramError).code).toBe(400);
    expect(isQueryTooOld(error)).toBe(true);
  });

  it('turns a 5xx into a TelegramError with the status and its reason, as Telegraf does', async () => {
    const tg = telegram();
    api.failNext('sendMessage', 502, 'upstream');
    const error = await tg.sendMessage(42, 'x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TelegramError);
    expect((error as TelegramError).response).toEqual({ error_code: 502, description: 'Bad Gateway' });
    expect((error as TelegramError).on).toMatchObject({ method: 'sendMessage' });
  });

  it('still uploads a buffer as a document and a local file as a photo (multipart, through Telegraf)', async () => {
    const tg = telegram();
    const sent = await tg.sendDocument(
      77,
      Input.fromBuffer(Buffer.from('date,amount\n2024-01-01,5\n'), 'books.csv'),
      { caption: 'books' },
    );
    expect(sent.document?.file_name).toBe('books.csv');
    expect(api.documents(77)).toEqual([
      {
        chatId: 77,
        filename: 'books.csv',
        content: Buffer.from('date,amount\n2024-01-01,5\n'),
        caption: 'books',
      },
    ]);

    const dir = await mkdtemp(join(tmpdir(), 'botapi-'));
    try {
      const file = join(dir, 'qr.png');
      await writeFile(file, Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]));
      const photo = await tg.sendPhoto(77, Input.fromLocalFile(file), { caption: 'scan me' });
      // The stand-in records a photo as a message whose text names it.
      expect((photo as unknown as { text: string }).text).toBe('[photo upload] scan me');
      const params = api.callsOf('sendPhoto').at(-1)?.params as {
        photo: { filename: string; bytes: Buffer };
      };
      expect(params.photo.filename).toBe('qr.png');
      expect(params.photo.bytes).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('hands a refusal inside a handler to bot.catch as a TelegramError', async () => {
    const bot = createTelegrafClient({ token: TOKEN, apiRoot: api.apiRoot });
    bot.on('message', (ctx) => ctx.reply('pong'));
    api.failNext('sendMessage', 429, 'Too Many Requests: retry after 1', 1);
    let caught: unknown;
    bot.catch((error) => {
      caught = error;
    });
    await bot.handleUpdate({
      update_id: 1,
      message: {
        message_id: 1,
        date: 0,
        chat: { id: 91, type: 'private', first_name: 'B' },
        from: { id: 91, is_bot: false, first_name: 'B' },
        text: 'ping',
      },
    });
    expect(caught).toBeInstanceOf(TelegramError);
    expect((caught as TelegramError).parameters?.retry_after).toBe(1);
  });
});

/** A tiny Bot API for what the stand-in cannot show: sockets, held requests, slow answers. */
interface Loopback {
  apiRoot: string;
  /** Sockets the server accepted. */
  sockets: number;
  /** The most sockets open at one time. */
  peakSockets: number;
  requests: Array<{ url: string; method: string; headers: IncomingMessage['headers']; body: string }>;
  close(): Promise<void>;
}

async function startLoopback(
  answer: (method: string, res: ServerResponse) => void = (_m, res) => reply(res, { ok: true, result: true }),
): Promise<Loopback> {
  let open = 0;
  const state: Loopback = {
    apiRoot: '',
    sockets: 0,
    peakSockets: 0,
    requests: [],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = req.url ?? '';
      const method = url.split('/').at(-1) ?? '';
      state.requests.push({
        url,
        method,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      answer(method, res);
    });
  });
  server.keepAliveTimeout = 60_000;
  server.on('connection', (socket) => {
    state.sockets++;
    open++;
    state.peakSockets = Math.max(state.peakSockets, open);
    socket.on('close', () => open--);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  state.apiRoot = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return state;
}

function reply(res: ServerResponse, body: unknown, status = 200) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

describe('on the wire', () => {
  let server: Loopback | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('reuses its connections: a hundred calls in a row open at most two', async () => {
    server = await startLoopback();
    const tg = createTelegrafClient({ token: TOKEN, apiRoot: server.apiRoot }).telegram;
    for (let i = 0; i < 100; i++) await tg.sendChatAction(1, 'typing');
    expect(server.requests).toHaveLength(100);
    // One, but for the pool handing the next call to a second socket while the first is being freed.
    expect(server.sockets).toBeLessThanOrEqual(2);
    expect(server.requests[0]?.headers['content-type']).toBe('application/json');
  });

  it('opens no more connections than it is allowed, however many calls are in flight', async () => {
    server = await startLoopback((_m, res) => setTimeout(() => reply(res, { ok: true, result: true }), 20));
    const tg = createTelegrafClient({ token: TOKEN, apiRoot: server.apiRoot, connections: 3 }).telegram;
    await Promise.all(Array.from({ length: 30 }, (_, i) => tg.sendChatAction(i, 'typing')));
    expect(server.requests).toHaveLength(30);
    expect(server.peakSockets).toBeLessThanOrEqual(3);
  });

  it("sends each update's replies (ctx.telegram) through the same bounded pool", async () => {
    server = await startLoopback((method, res) =>
      setTimeout(() => reply(res, { ok: true, result: method === 'getMe' ? STAND_IN_BOT : true }), 20),
    );
    const bot = createTelegrafClient({ token: TOKEN, apiRoot: server.apiRoot, connections: 1 });
    bot.on('message', (ctx) => ctx.sendChatAction('typing'));
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        bot.handleUpdate({
          update_id: i + 1,
          message: {
            message_id: 1,
            date: 0,
            chat: { id: 100 + i, type: 'private', first_name: 'C' },
            from: { id: 100 + i, is_bot: false, first_name: 'C' },
            text: 'hi',
          },
        }),
      ),
    );
    expect(server.requests.filter((r) => r.method === 'sendChatAction')).toHaveLength(10);
    expect(server.peakSockets).toBe(1);
  });

  it('aborts a held getUpdates when the poller stops, and the next call still goes through', async () => {
    const held: ServerResponse[] = [];
    server = await startLoopback((method, res) => {
      if (method === 'getUpdates') held.push(res);
      else reply(res, { ok: true, result: true });
    });
    const tg = createTelegrafClient({ token: TOKEN, apiRoot: server.apiRoot }).telegram;
    const warnings: string[] = [];
    const logger = {
      ...silentLogger,
      child: () => ({ ...silentLogger, warn: (m: string) => warnings.push(m) }),
    };
    const poller = createUpdatePoller({
      telegram: tg as never,
      accept: async () => {},
      allowedUpdates: ['message'],
      logger: logger as never,
      sleep: async () => {},
    });
    poller.start();
    for (let i = 0; held.length === 0 && i < 200; i++) await new Promise((r) => setTimeout(r, 5));
    expect(held).toHaveLength(1);
    const started = Date.now();
    await poller.stop();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(warnings).toEqual([]);
    expect(await tg.sendChatAction(1, 'typing')).toBe(true);
  });

  it('gives a long poll its own timeout on top of the usual one, and no other call more', async () => {
    // Answers after 1.5 s; the usual timeout is 0.2 s (undici's timers fire up to a second late).
    server = await startLoopback((method, res) =>
      setTimeout(() => reply(res, { ok: true, result: method === 'getUpdates' ? [] : true }), 1_500),
    );
    const client = createBotApiClient({ apiRoot: server.apiRoot, timeoutMs: 200 });
    const tg = createTelegrafClient({ token: TOKEN, apiRoot: server.apiRoot }).telegram;
    client.install(tg);
    try {
      const [updates, action] = await Promise.allSettled([
        tg.callApi('getUpdates', { timeout: 2 }),
        tg.sendChatAction(1, 'typing'),
      ]);
      expect(updates).toEqual({ status: 'fulfilled', value: [] });
      expect(action).toMatchObject({ status: 'rejected', reason: { code: 'UND_ERR_HEADERS_TIMEOUT' } });
      expect(action.status === 'rejected' && action.reason).not.toBeInstanceOf(TelegramError);
    } finally {
      await client.close();
    }
  });

  it('names no token when the Bot API cannot be reached', async () => {
    const apiRoot = `http://127.0.0.1:${await freePort()}`;
    const tg = createTelegrafClient({ token: TOKEN, apiRoot }).telegram;
    const error = await tg.getMe().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(TelegramError);
    const secret = TOKEN.split(':')[1] ?? '';
    expect(String(error)).not.toContain(secret);
    expect((error as Error).stack ?? '').not.toContain(secret);
  });

  it('says so when the answer is not JSON', async () => {
    server = await startLoopback((_m, res) => {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<html>not here</html>');
    });
    const tg = createTelegrafClient({ token: TOKEN, apiRoot: server.apiRoot }).telegram;
    await expect(tg.getMe()).rejects.toThrow(
      'The Bot API answered getMe with HTTP 404 and a body that is not JSON',
    );
  });

  it('keeps the path of an apiRoot that has one, as Telegraf resolves it', async () => {
    server = await startLoopback();
    const tg = createTelegrafClient({ token: TOKEN, apiRoot: `${server.apiRoot}/proxy/` }).telegram;
    await tg.sendChatAction(1, 'typing');
    expect(server.requests.map((r) => r.url)).toEqual([`/proxy/bot${TOKEN}/sendChatAction`]);
  });
});
