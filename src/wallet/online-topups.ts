import type { Money } from '../payments/money.js';

/**
 * The port the conversation uses to start a top-up that settles itself (a Billplz bill, a Stars
 * invoice). The bot knows only this; the gateways behind it are wired in src/app.
 */
export type OnlineMethod = 'billplz' | 'stars';
export const ONLINE_METHODS: readonly OnlineMethod[] = ['billplz', 'stars'];

export type OnlineTopupStart =
  /** Billplz: `url` is the bill page. Stars: the invoice has been sent to the chat. */
  | { ok: true; topupId: string; url?: string; expiresAt: number; stars?: number }
  /** Nothing was created that can be paid: nothing is owed. */
  | { ok: false; reason: 'unavailable' | 'refused' | 'off' };

export interface OnlineTopupIntake {
  start(
    method: OnlineMethod,
    input: { userId: number; chatId: number; amount: Money; locale?: string },
  ): Promise<OnlineTopupStart>;
}
