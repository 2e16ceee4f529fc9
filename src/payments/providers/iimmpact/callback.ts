import { z } from 'zod';
import { parseJsonOrUndefined } from '../../../platform/json.js';
import type { CallbackNotice, IncomingCallback } from '../../provider.js';
import { toPaymentOutcome } from './mappers.js';
import { describeIssues, transactionSchema } from './schemas.js';

/**
 * IIMMPACT transaction callbacks come unsigned, as a POST with `{"data": {...}}` or as a GET with
 * `refid`, `status` (numeric), `price` and `message` (the same data object as URL-encoded JSON).
 * This only reads them; because anyone could send one, the order engine re-queries the provider
 * before it believes a status.
 */
const postBodySchema = z.object({ data: transactionSchema });

/** Where IIMMPACT's callbacks come from (spec §9): production, then staging. */
export const IIMMPACT_CALLBACK_SOURCE_IPS: readonly string[] = [
  '18.140.170.98',
  '13.215.6.214',
  '43.217.31.158',
  '43.216.193.68',
  '3.1.120.89',
  '43.217.127.11',
];

export function parseIimmpactCallback(callback: IncomingCallback): CallbackNotice {
  if (callback.method.toUpperCase() === 'POST') {
    const json = parseJsonOrUndefined(callback.body);
    if (json === undefined) return { ok: false, reason: 'body is not JSON' };
    const parsed = postBodySchema.safeParse(json);
    if (!parsed.success) return { ok: false, reason: describeIssues(parsed.error) };
    return noticeFor(parsed.data.data);
  }

  const refid = callback.query.get('refid')?.trim();
  if (!refid) return { ok: false, reason: 'refid is missing' };
  const message = callback.query.get('message');
  const fromMessage = message ? transactionSchema.safeParse(parseJsonOrUndefined(message)) : undefined;
  const data = fromMessage?.success ? fromMessage.data : undefined;
  const statusCode = Number(callback.query.get('status'));
  return noticeFor({
    ...transactionSchema.parse({}),
    ...data,
    refid,
    ...(Number.isInteger(statusCode) && callback.query.get('status') !== '' ? { statusCode } : {}),
  });
}

function noticeFor(data: z.output<typeof transactionSchema>): CallbackNotice {
  if (!data.refid) return { ok: false, reason: 'refid is missing' };
  return { ok: true, refid: data.refid, reported: toPaymentOutcome(data.refid, data) };
}
