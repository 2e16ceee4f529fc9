import { effectiveAmountRule } from '../src/bot/flow/purchase.js';
import { type FlowState, restoreFlowState } from '../src/bot/flow/state.js';
import { chatSessionKey, type SessionStore } from '../src/store/ports.js';

/**
 * What the bot's own session says about the person's conversation: the message showing its screen,
 * and whether that screen asks them to type something (a number, an account, an amount, a transfer
 * reference). The session is the one sure signal; the printed messages do not say it.
 */
export interface ConversationScreen {
  messageId: number | undefined;
  asksForText: boolean;
}

export async function readConversationScreen(
  sessions: SessionStore<unknown>,
  chatId: number,
): Promise<ConversationScreen> {
  const state = restoreFlowState(await sessions.get(chatSessionKey(chatId)), chatId);
  return { messageId: state?.screenMessageId, asksForText: asksForText(state) };
}

/**
 * The screens where the reducer takes typed text as the answer (flow/reducer.ts onText), less the
 * fixed-amount list, whose amounts are buttons.
 */
export function asksForText(state: FlowState | undefined): boolean {
  if (!state) return false;
  switch (state.screen.kind) {
    case 'account':
    case 'ref2':
    case 'topup-amount':
    case 'topup-evidence':
      return true;
    case 'amount':
      return state.purchase !== undefined && effectiveAmountRule(state.purchase).kind !== 'fixed';
    case 'options':
      // "No accounts were found for this number": a number typed here is the next try.
      return state.purchase !== undefined && (state.purchase.options ?? []).length === 0;
    default:
      return false;
  }
}
