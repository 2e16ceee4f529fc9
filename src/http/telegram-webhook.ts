import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { parseJsonOrUndefined } from '../platform/json.js';
import type { Logger } from '../platform/logger.js';
import { isStoreUnavailable } from '../store/errors.js';
import { BodyTooLargeError, readBody, sendJson } from './request-io.js';

/**
 * The Telegram webhook: checks Telegram's secret token in constant time, caps the body, and hands
 * the update to `accept`, which queues it durably once per update id (Telegram re-sends what it
 * thinks was lost). It answers as soon as the update is queued, never after handling it: Telegram
 * opens few connections to a webhook, and a slow chat must not hold one.
 */
export interface TelegramWebhookOptions {
  /** The value given to setWebhook as `secret_token`. */
  secretToken: string;
  /**
   * Queues the update; 'duplicate' when this update id was taken before. `json` is the body as
   * Telegram sent it, so it is queued without being serialised again.
   */
  accept(update: TelegramUpdate, json: string): Promise<'queued' | 'duplicate'>;
  /**
   * A Bot API call for Telegram to make on our behalf, sent as the webhook's answer once the update
   * is taken (`{ method, ...params }`); `{ ok: true }` without one. A re-sent update gets it again:
   * Telegram re-sends when it did not see our answer.
   */
  reply?(update: TelegramUpdate): Record<string, unknown> | undefined;
  logger: Logger;
  maxBodyBytes?: number;
}

/** What the webhook itself needs of an update; the rest is the bot's to read. */
export type TelegramUpdate = Record<string, unknown> & { update_id: number };

const updateIdSchema = z.number().int().nonnegative();

/**
 * The body as an update: a JSON object with a whole, non-negative `update_id`. Only that field is
 * checked (and the object is not copied, as parsing it whole with a loose schema would): every
 * other field is read, and checked, where it is used.
 */
function asUpdate(body: unknown): TelegramUpdate | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const update = body as Record<string, unknown>;
  return updateIdSchema.safeParse(update.update_id).success ? (update as TelegramUpdate) : undefined;
}

export const SECRET_TOKEN_HEADER = 'x-telegram-bot-api-secret-token';

/** A URL path that does not reveal the secret but cannot be guessed without it. */
export function webhookPath(secretToken: string): string {
  return `/telegram/${createHash('sha256').update(`path:${secretToken}`).digest('hex').slice(0, 32)}`;
}

/**
 * Compared in constant time. A given token of another length is refused before comparing, which
 * tells a caller only the secret's length (setWebhook allows 1-256 characters); hashing both sides
 * to hide that too cost a SHA-256 on every update.
 */
function sameSecret(given: string, expected: Buffer): boolean {
  const candidate = Buffer.from(given);
  return candidate.length === expected.length && timingSafeEqual(candidate, expected);
}

export function createTelegramWebhookHandler(options: TelegramWebhookOptions) {
  const log = options.logger.child({ component: 'telegram-webhook' });
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const secret = Buffer.from(options.secretToken);

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'POST') {
      sendJson(res, 405, { error: 'method not allowed' });
      return;
    }
    const given = req.headers[SECRET_TOKEN_HEADER];
    if (typeof given !== 'string' || !sameSecret(given, secret)) {
      log.warn('webhook call without the right secret token', { hasToken: typeof given === 'string' });
      req.resume();
      sendJson(res, 401, { error: 'unauthorized' });
      return;
    }
    let body: string;
    try {
      body = await readBody(req, maxBodyBytes);
    } catch (error) {
      sendJson(res, error instanceof BodyTooLargeError ? 413 : 400, { error: 'unreadable body' });
      return;
    }
    const update = asUpdate(parseJsonOrUndefined(body));
    if (!update) {
      log.warn('webhook body is not a Telegram update');
      sendJson(res, 400, { error: 'not an update' });
      return;
    }
    let taken: 'queued' | 'duplicate';
    try {
      taken = await options.accept(update, body);
    } catch (error) {
      // Without the store nothing can be taken safely; Telegram delivers the update again later.
      const unavailable = isStoreUnavailable(error);
      log.warn('update not taken: the store is not answering', { updateId: update.update_id, err: error });
      sendJson(res, unavailable ? 503 : 500, { error: unavailable ? 'store unavailable' : 'internal error' });
      return;
    }
    if (taken === 'duplicate') log.info('duplicate update ignored', { updateId: update.update_id });
    const reply = options.reply?.(update);
    sendJson(res, 200, reply ?? (taken === 'duplicate' ? { ok: true, duplicate: true } : { ok: true }));
  };
}
