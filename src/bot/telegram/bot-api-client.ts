import { STATUS_CODES } from 'node:http';
import { Telegram, TelegramError } from 'telegraf';
import { type Dispatcher, Pool } from 'undici';

/**
 * Bot API calls over a keep-alive undici pool, in place of Telegraf's node-fetch client. Profiling
 * put Telegraf's client at about 28% of the bot's CPU per update; connection set-up was not
 * the cost (Node 20 keeps sockets alive either way), node-fetch's per-request machinery was. The
 * contract is Telegraf's own `callApi`, kept exactly so nothing above notices:
 * - the `result` of an `ok` answer is returned;
 * - an answer with `ok: false` throws Telegraf's `TelegramError` with the answer as `response`
 *   (`error_code`, `description`, `parameters.retry_after`) and `on: { method, payload }`;
 * - HTTP 5xx throws `TelegramError` with the status and its reason phrase, as Telegraf does;
 * - `{ signal }` in the third argument aborts the call (the poller's stop);
 * - null and undefined fields are left out of the JSON, as Telegraf's replacer does;
 * - an edit's successful answer is not parsed: it resolves to `true`, one of the two results the
 *   Bot API documents for editMessageText, since the bot never reads the edited message back
 *   (parsing the echo of every edited screen was a measurable share of the bot's CPU).
 * Uploads (any payload Telegraf would send as multipart) and webhook replies still go through
 * Telegraf's implementation, unchanged.
 */

/** How long a Bot API call may wait for the answer's headers (and between body chunks). Node-fetch's was 500 s. */
export const BOT_API_TIMEOUT_MS = 30_000;

/** Sockets to the Bot API per process: the 64 update workers, the notifier and one long poll fit. */
export const BOT_API_CONNECTIONS = 80;

export interface BotApiClientOptions {
  /** Origin (and optional path) of the Bot API; Telegram's by default, as in Telegraf. */
  apiRoot?: string;
  connections?: number;
  /**
   * How long a call waits for the answer's headers, and between chunks of its body. A long poll
   * (getUpdates) waits its own `timeout` on top, so Telegram holding it open is never a timeout.
   */
  timeoutMs?: number;
}

type CallApi = Telegram['callApi'];

/** Methods the Bot API takes no file with: the bot's every-update calls skip the upload check. */
const NEVER_UPLOADS: ReadonlySet<string> = new Set([
  'sendMessage',
  'editMessageText',
  'answerCallbackQuery',
  'deleteMessage',
  'sendChatAction',
  'getMe',
  'getUpdates',
]);

/** Methods whose result the bot never reads; a successful answer resolves to `true` unparsed. */
const RESULT_NOT_READ: ReadonlySet<string> = new Set(['editMessageText']);
type Payload = Record<string, unknown>;

/** Telegraf's own implementation, for the calls this client leaves to it (uploads, webhook replies). */
const telegrafCallApi = Telegram.prototype.callApi as unknown as (
  this: Telegram,
  ...args: unknown[]
) => Promise<unknown>;

export interface BotApiClient {
  /** Routes this Telegram instance's JSON calls through the pool (the rest stays Telegraf's). */
  install(telegram: Telegram): void;
  /** Closes the pooled sockets; later calls fail. */
  close(): Promise<void>;
}

export function createBotApiClient(options: BotApiClientOptions = {}): BotApiClient {
  const apiRoot = options.apiRoot ?? 'https://api.telegram.org';
  const timeoutMs = options.timeoutMs ?? BOT_API_TIMEOUT_MS;
  const origin = new URL(apiRoot).origin;
  const pool = new Pool(origin, {
    connections: options.connections ?? BOT_API_CONNECTIONS,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
  /** The path before the method, per token/mode/test environment; resolved as Telegraf resolves it. */
  const bases = new Map<string, string>();
  const basePath = (telegram: Telegram): string => {
    const { apiMode, testEnv } = telegram.options;
    const key = `${apiMode}${telegram.token}${testEnv ? '/test' : ''}`;
    let base = bases.get(key);
    if (base === undefined) {
      base = new URL(`./${key}/`, apiRoot).pathname;
      bases.set(key, base);
    }
    return base;
  };

  async function callApi(
    this: Telegram,
    method: string,
    payload: Payload,
    extra: { signal?: AbortSignal } = {},
  ): Promise<unknown> {
    if (
      this.options.webhookReply ||
      this.options.apiRoot !== apiRoot ||
      (!NEVER_UPLOADS.has(method) && includesMedia(payload ?? {}))
    ) {
      return telegrafCallApi.call(this, method, payload, extra);
    }
    if (!this.token) throw new TelegramError({ error_code: 401, description: 'Bot Token is required' });
    const longPollS = method === 'getUpdates' ? Number(payload?.timeout ?? 0) : 0;
    const longPollMs = Number.isFinite(longPollS) && longPollS > 0 ? longPollS * 1000 : 0;
    const res = await post(
      pool,
      {
        method: 'POST',
        path: basePath(this) + method,
        headers: JSON_HEADERS,
        body: jsonWithoutNulls(payload ?? {}),
        headersTimeout: timeoutMs + longPollMs,
        bodyTimeout: timeoutMs,
      },
      extra.signal,
    );
    if (res.statusCode >= 500) {
      throw new TelegramError(
        { error_code: res.statusCode, description: STATUS_CODES[res.statusCode] ?? '' },
        { method, payload },
      );
    }
    const text = res.body;
    if (RESULT_NOT_READ.has(method) && res.statusCode === 200 && text.startsWith('{"ok":true,')) return true;
    let data: { ok?: boolean; result?: unknown };
    try {
      data = JSON.parse(text) as typeof data;
    } catch {
      throw new Error(
        `The Bot API answered ${method} with HTTP ${res.statusCode} and a body that is not JSON`,
      );
    }
    if (!data.ok) throw new TelegramError(data as never, { method, payload });
    return data.result;
  }

  return {
    install(telegram) {
      // An own property shadows the prototype's method; Telegram's helpers all call `this.callApi`.
      telegram.callApi = callApi as unknown as CallApi;
    },
    close: () => pool.close(),
  };
}

const JSON_HEADERS = { 'content-type': 'application/json' };

/**
 * One request on the pool, its whole body read as text: undici's dispatcher with a handler of our
 * own, where `pool.request` would wrap each answer in a readable stream (and an async resource) that
 * the bot only ever reads to the end. Aborting `signal` ends the request with the signal's reason.
 */
function post(
  pool: Pool,
  options: Dispatcher.DispatchOptions,
  signal: AbortSignal | undefined,
): Promise<{ statusCode: number; body: string }> {
  return new Promise((resolve, reject) => {
    let statusCode = 0;
    const chunks: Buffer[] = [];
    let abortRequest: ((reason: Error) => void) | undefined;
    const reason = (): Error =>
      signal?.reason instanceof Error ? signal.reason : new Error('The Bot API call was aborted');
    const onAbort = () => abortRequest?.(reason());
    if (signal?.aborted) {
      reject(reason());
      return;
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    const settle = () => signal?.removeEventListener('abort', onAbort);
    pool.dispatch(options, {
      onConnect(abort) {
        abortRequest = abort;
        if (signal?.aborted) onAbort();
      },
      onHeaders(status) {
        statusCode = status;
        return true;
      },
      onData(chunk) {
        chunks.push(chunk);
        return true;
      },
      onComplete() {
        settle();
        resolve({ statusCode, body: Buffer.concat(chunks).toString('utf8') });
      },
      onError(error) {
        settle();
        reject(error);
      },
    });
  });
}

/** As Telegraf's JSON replacer: null and undefined fields are left out. */
function dropNulls(_key: string, value: unknown): unknown {
  return value == null ? undefined : value;
}

/**
 * The payload as JSON without null fields. A replacer takes JSON.stringify off its fast path, and
 * our payloads hardly ever hold a null, so the replacer runs only when the plain JSON shows a null
 * field (a string that merely contains `:null` costs one needless second pass, nothing else; a
 * null inside an array stays null either way, as with Telegraf's replacer).
 */
export function jsonWithoutNulls(payload: unknown): string {
  const json = JSON.stringify(payload);
  return json.includes(':null') ? JSON.stringify(payload, dropNulls) : json;
}

const has = (value: object, key: string): boolean => key in value && Boolean((value as Payload)[key]);

/**
 * Whether Telegraf would send this payload as multipart (a file by `source` or `url`, top-level or as
 * a `media` item): the same test as Telegraf 4.16's `includesMedia`, so uploads keep its code path.
 */
export function includesMedia(payload: Payload): boolean {
  return Object.entries(payload).some(([key, value]) => {
    if (key === 'link_preview_options') return false;
    if (Array.isArray(value)) {
      return value.some((item: unknown) => {
        const media = (item as { media?: unknown } | null)?.media;
        return typeof media === 'object' && media !== null && (has(media, 'source') || has(media, 'url'));
      });
    }
    if (typeof value !== 'object' || value === null) return false;
    if (has(value, 'source') || has(value, 'url')) return true;
    const media = (value as { media?: unknown }).media;
    return typeof media === 'object' && media !== null && (has(media, 'source') || has(media, 'url'));
  });
}
