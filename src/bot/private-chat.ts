/**
 * The shop talks only in private chats: numbers, ICs and voucher PINs do not belong in a group.
 * This decides what to do with an update from any chat, before it reaches the conversation.
 */
export type ChatPolicy =
  /** A private chat: run the conversation. */
  | 'converse'
  /** Someone asked the bot something in a group: reply once with `renderPrivateOnly`. */
  | 'redirect'
  /** Everything else (group chatter, channels, stray buttons): say nothing. */
  | 'ignore';

export interface ChatUpdateFacts {
  /** Telegram's `chat.type`: "private", "group", "supergroup" or "channel". */
  chatType: string | undefined;
  kind: 'command' | 'text' | 'button' | 'other';
  /** The message mentions the bot (@name) or replies to one of its messages. */
  addressedToBot?: boolean;
}

export function chatPolicy(update: ChatUpdateFacts): ChatPolicy {
  if (update.chatType === 'private') return 'converse';
  if (update.chatType !== 'group' && update.chatType !== 'supergroup') return 'ignore';
  // Answer only when spoken to, or the bot would reply to every message in the group.
  if (update.kind === 'command' || (update.kind === 'text' && update.addressedToBot === true))
    return 'redirect';
  return 'ignore';
}
