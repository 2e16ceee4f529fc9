import { parseJsonOrUndefined } from '../../../platform/json.js';
import type { CallbackNotice, IncomingCallback } from '../../provider.js';
import { toPaymentOutcome } from './mappers.js';
import { callbackBodySchema, describeIssues } from './schemas.js';
import { type IakCredentials, iakSignInput, verifyIakSign } from './signer.js';

/**
 * IAK prepaid callbacks (spec §8): a POST to the URL set in the developer portal, sent once a
 * transaction succeeds or fails, with `{"data":{...}}` (every value a string) or the same fields in
 * `<mp>...</mp>` XML, signed with `md5(username + api_key + ref_id)`. The sign is checked in
 * constant time; a callback that passes still only says which ref_id to re-query, because the
 * order engine confirms every status with the provider before acting on it.
 */

/** IAK's documented outgoing address for callbacks ([L] developer security page). */
export const IAK_CALLBACK_SOURCE_IPS: readonly string[] = ['52.76.169.212'];

export function parseIakCallback(callback: IncomingCallback, credentials: IakCredentials): CallbackNotice {
  if (callback.method.toUpperCase() !== 'POST') return { ok: false, reason: 'IAK callbacks are POSTed' };
  const text = callback.body.trim();
  const json = text.startsWith('<') ? readFlatXml(text) : parseJsonOrUndefined(text);
  if (json === undefined) return { ok: false, reason: 'body is neither JSON nor <mp> XML' };
  const parsed = callbackBodySchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: describeIssues(parsed.error) };
  const { sign, ...data } = parsed.data.data;
  if (!data.refId) return { ok: false, reason: 'ref_id is missing' };
  if (!sign) return { ok: false, reason: 'sign is missing' };
  if (!verifyIakSign(credentials, iakSignInput.callback(data.refId), sign)) {
    return { ok: false, reason: 'sign does not match' };
  }
  return { ok: true, refid: data.refId, reported: toPaymentOutcome(data.refId, data) };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * Reads the flat `<mp><field>value</field>...</mp>` form into `{data: {field: value}}`. Nested
 * elements, attributes and CDATA are not part of IAK's callback and make the body unreadable.
 */
export function readFlatXml(text: string): { data: Record<string, string> } | undefined {
  const root = /^(?:<\?xml[^>]*\?>\s*)?<mp>([\s\S]*)<\/mp>$/.exec(text.trim());
  if (!root) return undefined;
  const data: Record<string, string> = {};
  const element = /\s*<([A-Za-z_][\w.-]*)(?:\s*\/>|>([^<]*)<\/\1>)\s*/y;
  const inner = root[1] ?? '';
  let index = 0;
  while (index < inner.length) {
    element.lastIndex = index;
    const match = element.exec(inner);
    if (!match) return undefined;
    const [whole, name = '', value = ''] = match;
    data[name] = value.replace(/&(amp|lt|gt|quot|apos);/g, (_, entity: string) => ENTITIES[entity] ?? '');
    index += whole.length;
  }
  return { data };
}
