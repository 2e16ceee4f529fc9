import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { STAND_IN_BOT } from '../../demo/bot-api-stand-in.js';

/**
 * A fake Bot API for the webhook benchmark, lean enough for thousands of calls a second.
 *
 * demo/bot-api-stand-in.ts records every call with its parameters and keeps every message for the
 * tests to read back; at bench rates that history is the cost being measured. This one answers the
 * same way Telegram does for what the benchmark's buyers meet (sendMessage returns a message with a
 * fresh message_id, editMessageText returns the edited message, "message is not modified" and
 * "message to edit not found" are 400s, answerCallbackQuery and the set-up methods return true), but
 * keeps only each chat's messages until the load generator forgets the chat, and counts calls by
 * method instead of storing them. Every screen (a sent or edited message) is reported to `onScreen`,
 * which is how the load generator knows an update was handled and reads the keyboard it got.
 */
export interface Screen {
  chatId: number;
  messageId: number;
  text: string;
  /** The inline keyboard as sent (reply_markup.inline_keyboard), flattened. */
  buttons: Array<{ text: string; callback_data?: string }>;
  edited: boolean;
  /** performance.timeOrigin + performance.now() when the call arrived: comparable across processes. */
  atMs: number;
}

export interface LeanBotApi {
  readonly apiRoot: string;
  readonly token: string;
  /**
   * Calls so far by method (since the last `takeCounts`); those Telegram made from a webhook's
   * answer under `WEBHOOK_ANSWERED` + method.
   */
  takeCounts(): Record<string, number>;
  /** What Telegram does with a webhook's answer: a body naming a `method` is run as that call. */
  takeWebhookAnswer(body: string): void;
  /** Drops a chat's messages (the buyer is done with it). */
  forget(chatId: number): void;
  close(): Promise<void>;
}

interface Shown {
  text: string;
  markup: string;
}

/** The prefix of `takeCounts` keys for calls made from a webhook's answer (not HTTP calls of the bot's). */
export const WEBHOOK_ANSWERED = 'webhook answer: ';

/** Wall-clock milliseconds with sub-millisecond precision, comparable between processes. */
export const wallMs = () => performance.timeOrigin + performance.now();

export async function startLeanBotApi(
  token: string,
  onScreen: (screen: Screen) => void,
  /** Told of every call (method, chat, text), to see what a bot does; off by default. */
  trace?: (line: string) => void,
): Promise<LeanBotApi> {
  const chats = new Map<number, Map<number, Shown>>();
  let counts: Record<string, number> = {};
  let nextMessageId = 1000;

  const chat = (id: number) => {
    let messages = chats.get(id);
    if (!messages) {
      messages = new Map();
      chats.set(id, messages);
    }
    return messages;
  };

  const message = (chatId: number, messageId: number, text: string, markup: unknown) => ({
    message_id: messageId,
    date: Math.floor(Date.now() / 1000),
    chat: { id: chatId, type: 'private', first_name: 'Buyer' },
    from: STAND_IN_BOT,
    text,
    ...(markup ? { reply_markup: markup } : {}),
  });

  const fail = (description: string) => ({
    status: 400,
    body: { ok: false, error_code: 400, description: `Bad Request: ${description}` },
  });

  const answer = (method: string, params: Record<string, unknown>, atMs: number) => {
    const chatId = Number(params.chat_id);
    const text = String(params.text ?? '');
    const markup = params.reply_markup;
    let messageId = 0;
    const shown = () =>
      onScreen({
        chatId,
        messageId,
        text,
        buttons: buttonsOf(markup),
        edited: method !== 'sendMessage',
        atMs,
      });
    switch (method) {
      case 'getMe':
        return { status: 200, body: { ok: true, result: STAND_IN_BOT } };
      case 'sendMessage': {
        messageId = nextMessageId++;
        chat(chatId).set(messageId, { text, markup: JSON.stringify(markup ?? null) });
        shown();
        return { status: 200, body: { ok: true, result: message(chatId, messageId, text, markup) } };
      }
      case 'editMessageText': {
        messageId = Number(params.message_id);
        const existing = chats.get(chatId)?.get(messageId);
        if (!existing) return fail('message to edit not found');
        const markupJson = JSON.stringify(markup ?? null);
        if (existing.text === text && existing.markup === markupJson)
          return fail(
            'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
          );
        chat(chatId).set(messageId, { text, markup: markupJson });
        shown();
        return { status: 200, body: { ok: true, result: message(chatId, messageId, text, markup) } };
      }
      default:
        // answerCallbackQuery, setWebhook, setMyCommands, deleteMyCommands, sendChatAction: true.
        return { status: 200, body: { ok: true, result: true } };
    }
  };

  const handle = (req: IncomingMessage, res: ServerResponse, raw: string) => {
    const atMs = wallMs();
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(req.url?.split('?')[0] ?? '');
    if (!match || match[1] !== token) {
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end('{"ok":false,"error_code":404,"description":"Not Found"}');
      return;
    }
    const method = match[2] ?? '';
    counts[method] = (counts[method] ?? 0) + 1;
    let params: Record<string, unknown> = {};
    try {
      params = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    } catch {
      params = Object.fromEntries(new URLSearchParams(raw));
    }
    if (typeof params.reply_markup === 'string') params.reply_markup = JSON.parse(params.reply_markup);
    const { status, body } = answer(method, params, atMs);
    trace?.(
      `${method} chat=${String(params.chat_id ?? '-')} msg=${String(params.message_id ?? '-')} -> ${status} ${status === 200 ? '' : JSON.stringify(body).slice(0, 120)} ${String(
        params.text ?? params.callback_query_id ?? '',
      )
        .slice(0, 70)
        .replace(/\n/g, ' ')}`,
    );
    const json = JSON.stringify(body);
    res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(json) });
    res.end(json);
  };

  const server: Server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      raw += chunk;
    });
    req.on('end', () => handle(req, res, raw));
  });
  // Keep idle connections between phases: Node's client agent reuses them, and a server that closes
  // first (the 5 s default) turns the next call into a reset the bot would have to retry.
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    token,
    takeCounts() {
      const taken = counts;
      counts = {};
      return taken;
    },
    takeWebhookAnswer(body) {
      if (!body.includes('"method"')) return;
      let parsed: Record<string, unknown>;
      try {
        parsed = JSON.parse(body) as Record<string, unknown>;
      } catch {
        return;
      }
      const { method, ...params } = parsed;
      if (typeof method !== 'string') return;
      const key = `${WEBHOOK_ANSWERED}${method}`;
      counts[key] = (counts[key] ?? 0) + 1;
      answer(method, params, wallMs());
    },
    forget: (chatId) => {
      chats.delete(chatId);
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function buttonsOf(markup: unknown): Screen['buttons'] {
  const rows = (markup as { inline_keyboard?: Screen['buttons'][] } | undefined)?.inline_keyboard;
  return Array.isArray(rows) ? rows.flat() : [];
}
