import { createServer, type Server } from 'node:http';

/**
 * A local stand-in for the Telegram Bot API, for the terminal demo and the tests: the bot's
 * `TELEGRAM_API_ROOT` points here, every call is recorded, and each method answers the way Telegram
 * does (sendMessage returns a message with a fresh message_id, edits return the edited message,
 * "message is not modified" when nothing changed). It listens on loopback only.
 */
export interface RecordedCall {
  method: string;
  params: Record<string, unknown>;
  /** Made by Telegram from the webhook's answer (`takeWebhookAnswer`), not called by the bot. */
  fromWebhookAnswer?: boolean;
}

export interface BotApiStandIn {
  readonly apiRoot: string;
  readonly token: string;
  calls: RecordedCall[];
  /** Calls of one method, in order. */
  callsOf(method: string): RecordedCall[];
  /** The text of a chat's messages as they stand now, keyed by message_id. */
  messages(chatId: number): Map<number, { text: string; replyMarkup: unknown }>;
  /** Queues an update for the bot's next getUpdates (polling mode). */
  queueUpdate(update: Record<string, unknown> & { update_id: number }): void;
  /** Documents sent with sendDocument (multipart/form-data, as Telegram takes uploads), in order. */
  documents(chatId?: number): SentDocument[];
  /**
   * What Telegram does with a webhook's answer: a body naming a `method` is run as that Bot API call
   * (recorded with `fromWebhookAnswer`); any other body is ignored.
   */
  takeWebhookAnswer(body: string): void;
  /** Makes the next call of `method` fail with this Telegram error. */
  failNext(method: string, errorCode: number, description: string, retryAfterSeconds?: number): void;
  /**
   * Makes the next call of `method` take effect and then drops the connection before answering, as
   * a timeout or a reset after the request reached Telegram does: the caller cannot know it worked.
   */
  loseNextAnswer(method: string): void;
  /**
   * Holds the next call of `method` unanswered (and without effect) until `release()`: `reached`
   * resolves once it has arrived, so a test can let other calls overtake it.
   */
  holdNext(method: string): { reached: Promise<void>; release(): void };
  close(): Promise<void>;
}

export interface SentDocument {
  chatId: number;
  filename: string;
  content: Buffer;
  caption?: string;
}

/** A message as the chat shows it now, reported to `onChange` whenever the bot sends or edits one. */
export interface ShownMessage {
  chatId: number;
  messageId: number;
  text: string;
  replyMarkup: unknown;
  edited: boolean;
}

export const STAND_IN_BOT = {
  id: 7_000_000_001,
  is_bot: true,
  first_name: 'Reload Shop',
  username: 'reload_shop_test_bot',
};

export async function startBotApiStandIn(
  token = '7000000001:TEST-token-for-the-stand-in-0000',
  onChange: (message: ShownMessage) => void = () => {},
  onDocument: (document: SentDocument) => void = () => {},
): Promise<BotApiStandIn> {
  const calls: RecordedCall[] = [];
  const sentDocuments: SentDocument[] = [];
  const chats = new Map<number, Map<number, { text: string; replyMarkup: unknown }>>();
  const failures: Array<{ method: string; errorCode: number; description: string; retryAfter?: number }> = [];
  let nextMessageId = 1000;
  let queuedUpdates: Array<Record<string, unknown> & { update_id: number }> = [];
  const refunded = new Set<string>();
  const lostAnswers: string[] = [];
  const holds: Array<{ method: string; arrived(): void; released: Promise<void> }> = [];

  const chat = (id: number) => {
    let messages = chats.get(id);
    if (!messages) {
      messages = new Map();
      chats.set(id, messages);
    }
    return messages;
  };

  const answer = (method: string, params: Record<string, unknown>): { status: number; body: unknown } => {
    const failure = failures.findIndex((f) => f.method === method);
    if (failure >= 0) {
      const [f] = failures.splice(failure, 1);
      return {
        status: f?.errorCode ?? 400,
        body: {
          ok: false,
          error_code: f?.errorCode,
          description: f?.description,
          ...(f?.retryAfter ? { parameters: { retry_after: f.retryAfter } } : {}),
        },
      };
    }
    const chatId = Number(params.chat_id);
    const message = (messageId: number, text: string) => ({
      message_id: messageId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: chatId, type: 'private' },
      from: STAND_IN_BOT,
      text,
    });
    switch (method) {
      case 'getMe':
        return { status: 200, body: { ok: true, result: STAND_IN_BOT } };
      case 'sendMessage': {
        const id = nextMessageId++;
        const text = String(params.text ?? '');
        chat(chatId).set(id, { text, replyMarkup: params.reply_markup });
        onChange({ chatId, messageId: id, text, replyMarkup: params.reply_markup, edited: false });
        return { status: 200, body: { ok: true, result: message(id, text) } };
      }
      case 'sendPhoto': {
        // Recorded as a message whose text names the photo (a file id, or "upload" for a file).
        const id = nextMessageId++;
        const photo = typeof params.photo === 'string' ? params.photo : 'upload';
        // An uploaded file (multipart, as Telegraf sends a buffer or a stream) must have bytes.
        if (photo === 'upload' && !(params.photo instanceof Object && 'bytes' in params.photo)) {
          return {
            status: 400,
            body: {
              ok: false,
              error_code: 400,
              description: 'Bad Request: there is no photo in the request',
            },
          };
        }
        const text = `[photo ${photo}]${params.caption ? ` ${String(params.caption)}` : ''}`;
        chat(chatId).set(id, { text, replyMarkup: params.reply_markup });
        onChange({ chatId, messageId: id, text, replyMarkup: params.reply_markup, edited: false });
        return { status: 200, body: { ok: true, result: message(id, text) } };
      }
      case 'editMessageText': {
        const id = Number(params.message_id);
        const existing = chat(chatId).get(id);
        const text = String(params.text ?? '');
        if (!existing)
          return {
            status: 400,
            body: { ok: false, error_code: 400, description: 'Bad Request: message to edit not found' },
          };
        if (
          existing.text === text &&
          JSON.stringify(existing.replyMarkup) === JSON.stringify(params.reply_markup)
        ) {
          return {
            status: 400,
            body: {
              ok: false,
              error_code: 400,
              description:
                'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
            },
          };
        }
        chat(chatId).set(id, { text, replyMarkup: params.reply_markup });
        onChange({ chatId, messageId: id, text, replyMarkup: params.reply_markup, edited: true });
        return { status: 200, body: { ok: true, result: message(id, text) } };
      }
      case 'sendDocument': {
        const id = nextMessageId++;
        const document = params.document as UploadedFile | undefined;
        if (!document?.bytes)
          return {
            status: 400,
            body: {
              ok: false,
              error_code: 400,
              description: 'Bad Request: there is no document in the request',
            },
          };
        const sent: SentDocument = {
          chatId,
          filename: document.filename || 'document',
          content: document.bytes,
          ...(typeof params.caption === 'string' ? { caption: params.caption } : {}),
        };
        sentDocuments.push(sent);
        onDocument(sent);
        return {
          status: 200,
          body: {
            ok: true,
            result: {
              ...message(id, ''),
              document: { file_name: document.filename, file_size: document.bytes.length },
            },
          },
        };
      }
      case 'sendInvoice': {
        // Stars rules (spec telegram-payments §2, §6): XTR, an empty provider token, one price.
        const prices = Array.isArray(params.prices) ? (params.prices as Array<{ amount?: unknown }>) : [];
        const payload = String(params.payload ?? '');
        const title = String(params.title ?? '');
        const description = String(params.description ?? '');
        const bad =
          params.currency !== 'XTR' ||
          params.provider_token !== '' ||
          prices.length !== 1 ||
          !Number.isInteger(prices[0]?.amount) ||
          'max_tip_amount' in params ||
          title.length < 1 ||
          title.length > 32 ||
          description.length < 1 ||
          description.length > 255 ||
          Buffer.byteLength(payload) < 1 ||
          Buffer.byteLength(payload) > 128;
        if (bad)
          return {
            status: 400,
            body: { ok: false, error_code: 400, description: 'Bad Request: STARS_INVOICE_INVALID' },
          };
        const id = nextMessageId++;
        const total = Number(prices[0]?.amount);
        const text = `[invoice ${title}: ${total} XTR]`;
        chat(chatId).set(id, { text, replyMarkup: params.reply_markup });
        onChange({ chatId, messageId: id, text, replyMarkup: params.reply_markup, edited: false });
        return {
          status: 200,
          body: {
            ok: true,
            result: {
              ...message(id, text),
              invoice: {
                title,
                description,
                start_parameter: params.start_parameter ?? '',
                currency: 'XTR',
                total_amount: total,
              },
            },
          },
        };
      }
      case 'refundStarPayment': {
        const charge = String(params.telegram_payment_charge_id ?? '');
        if (refunded.has(charge))
          return {
            status: 400,
            body: { ok: false, error_code: 400, description: 'Bad Request: CHARGE_ALREADY_REFUNDED' },
          };
        refunded.add(charge);
        return { status: 200, body: { ok: true, result: true } };
      }
      case 'getUpdates': {
        // As Telegram does: an offset confirms every update before it.
        const offset = Number(params.offset ?? 0);
        queuedUpdates = queuedUpdates.filter((update) => update.update_id >= offset);
        return { status: 200, body: { ok: true, result: queuedUpdates } };
      }
      default:
        return { status: 200, body: { ok: true, result: true } };
    }
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const match = /^\/bot([^/]+)\/(\w+)$/.exec(req.url?.split('?')[0] ?? '');
      if (!match || match[1] !== token) {
        res.writeHead(404, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ ok: false, error_code: 404, description: 'Not Found' }));
        return;
      }
      const method = match[2] ?? '';
      const body = Buffer.concat(chunks);
      const raw = body.toString('utf8');
      const boundary = /multipart\/form-data;\s*boundary=("?)([^";]+)\1/i.exec(
        req.headers['content-type'] ?? '',
      )?.[2];
      let params: Record<string, unknown> = {};
      if (boundary) params = parseMultipart(body, boundary);
      else {
        try {
          params = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
        } catch {
          params = Object.fromEntries(new URLSearchParams(raw));
        }
      }
      if (typeof params.reply_markup === 'string') {
        try {
          params.reply_markup = JSON.parse(params.reply_markup);
        } catch {
          // leave as sent
        }
      }
      calls.push({ method, params });
      const reply = () => {
        const { status, body } = answer(method, params);
        const lost = lostAnswers.indexOf(method);
        if (lost >= 0) {
          lostAnswers.splice(lost, 1);
          res.socket?.destroy();
          return;
        }
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const held = holds.findIndex((h) => h.method === method);
      if (held >= 0) {
        const [hold] = holds.splice(held, 1);
        hold?.arrived();
        void hold?.released.then(reply);
      }
      // A short stand-in for long polling, so an idle poller does not spin.
      else if (method === 'getUpdates' && queuedUpdates.length === 0) setTimeout(reply, 100);
      else reply();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    token,
    calls,
    callsOf: (method) => calls.filter((c) => c.method === method),
    documents: (chatId) => sentDocuments.filter((d) => chatId === undefined || d.chatId === chatId),
    messages: (chatId) => chat(chatId),
    queueUpdate(update) {
      queuedUpdates.push(update);
    },
    takeWebhookAnswer(body) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(body);
      } catch {
        return;
      }
      if (typeof parsed !== 'object' || parsed === null || !('method' in parsed)) return;
      const { method, ...params } = parsed as Record<string, unknown>;
      if (typeof method !== 'string') return;
      calls.push({ method, params, fromWebhookAnswer: true });
      answer(method, params);
    },
    loseNextAnswer(method) {
      lostAnswers.push(method);
    },
    holdNext(method) {
      let arrived = () => {};
      let release = () => {};
      const reached = new Promise<void>((resolve) => {
        arrived = resolve;
      });
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      holds.push({ method, arrived, released });
      return { reached, release };
    },
    failNext(method, errorCode, description, retryAfterSeconds) {
      failures.push({
        method,
        errorCode,
        description,
        ...(retryAfterSeconds ? { retryAfter: retryAfterSeconds } : {}),
      });
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A file part of a multipart upload, as recorded: its name, type and bytes. */
export interface UploadedFile {
  filename: string;
  contentType: string;
  bytes: Buffer;
}

/**
 * Reads a multipart/form-data body (the Bot API's file uploads): text fields become strings, file
 * parts `UploadedFile`s. Binary-safe: parts are split on the boundary's bytes.
 */
function parseMultipart(body: Buffer, boundary: string): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  const delimiter = Buffer.from(`--${boundary}`);
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next === -1) break;
    // Each part: CRLF, headers, CRLF CRLF, content, CRLF.
    const part = body.subarray(start + delimiter.length + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');
    if (split !== -1) {
      const headers = part.subarray(0, split).toString('latin1');
      const content = part.subarray(split + 4);
      const name = /name="([^"]*)"/i.exec(headers)?.[1];
      const filename = /filename="([^"]*)"/i.exec(headers)?.[1];
      const contentType = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1] ?? 'application/octet-stream';
      if (name !== undefined) {
        params[name] =
          filename !== undefined
            ? ({ filename, contentType, bytes: Buffer.from(content) } satisfies UploadedFile)
            : content.toString('utf8');
      }
    }
    start = next;
  }
  return params;
}

/**
 * A Stars payment as Telegram delivers it (spec telegram-payments §6): the pre_checkout_query for an
 * invoice the bot sent, then the successful_payment message. The caller delivers them (webhook or
 * getUpdates) and should deliver the second only if the bot answered the first with ok: true.
 */
export function starsPaymentUpdates(
  invoice: RecordedCall,
  options: {
    firstUpdateId: number;
    payer: { id: number; first_name?: string };
    chargeId: string;
    messageId?: number;
  },
): {
  preCheckout: Record<string, unknown> & { update_id: number };
  payment: Record<string, unknown> & { update_id: number };
} {
  const params = invoice.params;
  const prices = params.prices as Array<{ amount: number }>;
  const total = prices[0]?.amount ?? 0;
  const from = { id: options.payer.id, is_bot: false, first_name: options.payer.first_name ?? 'Payer' };
  return {
    preCheckout: {
      update_id: options.firstUpdateId,
      pre_checkout_query: {
        id: `pcq-${options.chargeId}`,
        from,
        currency: 'XTR',
        total_amount: total,
        invoice_payload: String(params.payload),
      },
    },
    payment: {
      update_id: options.firstUpdateId + 1,
      message: {
        message_id: options.messageId ?? 1,
        date: Math.floor(Date.now() / 1000),
        chat: { id: Number(params.chat_id), type: 'private', first_name: from.first_name },
        from,
        successful_payment: {
          currency: 'XTR',
          total_amount: total,
          invoice_payload: String(params.payload),
          telegram_payment_charge_id: options.chargeId,
          provider_payment_charge_id: options.chargeId,
        },
      },
    },
  };
}

/**
 * The refunded_payment service message Telegram sends to the buyer's chat when a Stars charge is
 * refunded (Bot API 7.7, RefundedPayment), for a payment made with `starsPaymentUpdates`.
 */
export function starsRefundUpdate(
  payment: Record<string, unknown>,
  options: { updateId: number; messageId?: number },
): Record<string, unknown> & { update_id: number } {
  const message = payment.message as Record<string, unknown>;
  const paid = message.successful_payment as Record<string, unknown>;
  return {
    update_id: options.updateId,
    message: {
      message_id: options.messageId ?? 2,
      date: Math.floor(Date.now() / 1000),
      chat: message.chat,
      from: message.from,
      refunded_payment: {
        currency: paid.currency,
        total_amount: paid.total_amount,
        invoice_payload: paid.invoice_payload,
        telegram_payment_charge_id: paid.telegram_payment_charge_id,
        provider_payment_charge_id: paid.provider_payment_charge_id,
      },
    },
  };
}
