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

const updateSchema = z.looseObject({ update_id: z.number().int().nonnegative() });
export type TelegramUpdate = z.infer<typeof updateSchema>;

export const SECRET_TOKEN_HEADER = 'x-telegram-bot-api-secret-token';

/** A URL path that does not reveal the secret but cannot be guessed without it. */
export function webhookPath(secretToken: string): string {
  return `/telegram/${createHash('sha256').update(`path:${secretToken}`).digest('hex').slice(0, 32)}`;
}

// Both sides hashed first, so the comparison takes the same time whatever the lengths.
const digestOf = (text: string) => createHash('sha256').update(text).digest();

function sameSecret(given: string, expectedDigest: Buffer): boolean {
  return timingSafeEqual(digestOf(given), expectedDigest);
}

export function createTelegramWebhookHandler(options: TelegramWebhookOptions) {
  const log = options.logger.child({ component: 'telegram-webhook' });
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const secretDigest = digestOf(options.secretToken);

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'POST') {
      sendJson(res, 405, { error: 'method not allowed' });
      return;
    }
    const given = req.headers[SECRET_TOKEN_HEADER];
    if (typeof given !== 'string' || !sameSecret(given, secretDigest)) {
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
    const parsed = updateSchema.safeParse(parseJsonOrUndefined(body));
    if (!parsed.success) {
      log.warn('webhook body is not a Telegram update');
      sendJson(res, 400, { error: 'not an update' });
      return;
    }
    const update = parsed.data;
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
