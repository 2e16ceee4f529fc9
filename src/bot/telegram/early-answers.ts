/**
 * Button presses answered in the webhook's own HTTP answer. Telegram runs a Bot API method given as
 * the webhook's response body (`{ method, ...params }`, "making requests when getting updates"), so
 * the button's spinner stops as soon as the update is queued: one Bot API call fewer per press, and
 * no spinner left turning while the chat's worker is busy or a provider is slow. Telegram reports
 * nothing back about such a call, which is fine for answerCallbackQuery: at worst the spinner
 * times out by itself.
 *
 * Only the buyers' presses are answered this way. A press answered early can carry no toast, so the
 * bot says what a toast would have said in a message instead (flood control, a shop that is closed
 * to the buyer, a menu that has expired). Admins' presses (top-up claims, admin actions) keep their
 * toasts ("Approved", "Already decided"): they are answered by the worker as before. Polling has no
 * webhook answer, so there every press is answered by the worker.
 */

/** Callback data of the admins' buttons (see callback-data.ts): `t:` top-up claims, `a:` admin actions. */
const ADMIN_PRESS = /^[ta]:/;

/** Whether a press with this callback data is answered in the webhook's HTTP answer. */
export function answeredOnArrival(data: string | undefined): boolean {
  return data === undefined || !ADMIN_PRESS.test(data);
}

/**
 * The webhook's answer for an update: answerCallbackQuery for a buyer's press, undefined for
 * anything else (the webhook then answers `{ ok: true }`).
 */
export function webhookReplyFor(update: Record<string, unknown>): Record<string, unknown> | undefined {
  const query = update.callback_query as { id?: unknown; data?: unknown } | undefined;
  if (typeof query?.id !== 'string' || query.id === '') return undefined;
  const data = typeof query.data === 'string' ? query.data : undefined;
  if (!answeredOnArrival(data)) return undefined;
  return { method: 'answerCallbackQuery', callback_query_id: query.id };
}
