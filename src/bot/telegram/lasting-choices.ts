import { z } from 'zod';
import { chatSessionKey, LASTING_CHOICES_SUFFIX, type SessionStore } from '../../store/ports.js';
import { type FlowState, restoreFlowState } from '../flow/state.js';
import { LOCALES, type Locale } from '../i18n/locale.js';

/**
 * A buyer's choices that outlive their conversation: the language they picked. The conversation
 * (screen, purchase) is forgotten an hour after the last update; a picked language is kept for
 * LASTING_CHOICES_TTL_MS after it was last picked, so a buyer whose Telegram is in another language
 * is not switched back to it the next day. Stored in the session store under the chat's session key
 * with LASTING_CHOICES_SUFFIX, which the update queue hands out when the chat has no session.
 */
export interface LastingChoices {
  locale: Locale;
}

/** How long a picked language is remembered after it was last picked. */
export const LASTING_CHOICES_TTL_MS = 400 * 24 * 60 * 60_000;

const storedSchema = z.object({
  lasting: z.literal(1),
  locale: z.string().refine((value): value is Locale => (LOCALES as readonly string[]).includes(value)),
});

/** The session-store key of a private chat's lasting choices (the chat id is the buyer's user id). */
export function lastingChoicesKey(chatId: number): string {
  return `${chatSessionKey(chatId)}${LASTING_CHOICES_SUFFIX}`;
}

export function encodeLastingChoices(choices: LastingChoices): unknown {
  return { lasting: 1, locale: choices.locale };
}

/** The choices from their stored form (parsed JSON); undefined for anything else, a session included. */
export function restoreLastingChoices(stored: unknown): LastingChoices | undefined {
  const parsed = storedSchema.safeParse(stored);
  return parsed.success ? { locale: parsed.data.locale as Locale } : undefined;
}

/** A fresh conversation in the language the buyer last picked, when they picked one. */
export function withLastingChoices(state: FlowState, choices: LastingChoices | undefined): FlowState {
  return choices ? { ...state, locale: choices.locale, localeChosen: true } : state;
}

/**
 * The language a stored value speaks for: a conversation's, or a buyer's lasting choice; undefined
 * for anything else. The update queue hands out either as a chat's session.
 */
export function storedLocale(stored: unknown, userId: number): Locale | undefined {
  return restoreFlowState(stored, userId)?.locale ?? restoreLastingChoices(stored)?.locale;
}

/**
 * A buyer's language for a message outside their conversation (a wallet notice, an admin's credit):
 * the conversation's while there is one, else the one they last picked; undefined when neither.
 */
export async function rememberedLocale(
  sessions: Pick<SessionStore<unknown>, 'get'>,
  userId: number,
): Promise<Locale | undefined> {
  return (
    storedLocale(await sessions.get(chatSessionKey(userId)), userId) ??
    storedLocale(await sessions.get(lastingChoicesKey(userId)), userId)
  );
}
