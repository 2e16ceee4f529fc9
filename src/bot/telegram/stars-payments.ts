import type { Context, MiddlewareFn, Telegram } from 'telegraf';
import { z } from 'zod';
import { formatMoney, type Money, money } from '../../payments/money.js';
import type { Clock } from '../../platform/clock.js';
import type { Logger } from '../../platform/logger.js';
import type { Sleep } from '../../platform/sleep.js';
import type { WalletNotices } from '../../wallet/ledger.js';
import { type StarsTopups, starsRefundNote } from '../../wallet/stars-topups.js';
import { type Topup, type TopupStore, topupNotice, type UnmatchedPayment } from '../../wallet/topups.js';
import { messagesFor } from '../i18n/index.js';
import { DEFAULT_LOCALE, type Locale, localeFromLanguageCode } from '../i18n/locale.js';
import { escapeHtml } from '../views/html.js';
import { view } from '../views/view.js';
import { sendView } from './telegram-io.js';
import { tellHeldNotice } from './wallet-notices.js';

/**
 * Telegram Stars over Telegraf 4.16.3, which predates them (Bot API 7.1): invoices, refunds and the
 * untyped fields go through `callApi` with a cast, and every answer is checked.
 *
 * - pre_checkout_query is answered at intake (see wire-app.ts), before the durable per-chat queue:
 *   it moves no money, its only output is one answer due within 10 s, and behind the queue it would
 *   wait for whatever that chat (or, with polling, that batch) is doing. Answering it is one store
 *   read and one Bot API call, in webhook and polling mode alike.
 * - successful_payment is a message: it goes through the queue like every message (durable, retried
 *   after a crash) and credits once per charge id.
 * - /paysupport and /terms answer anyone (Telegram's terms, §6.2.1); /refundstars is for admins.
 */
export interface StarsPaymentsDeps {
  telegram: Telegram;
  stars: StarsTopups;
  topups: Pick<TopupStore, 'byPayer' | 'reverse' | 'listUnmatched'>;
  wallets: { balance(userId: number): Promise<Money> };
  adminUserIds: readonly number[];
  supportContact?: string;
  clock: Clock;
  sleep: Sleep;
  logger: Logger;
  /** A payment that matched nothing: the admins hear of it. */
  onUnmatched?: (payment: UnmatchedPayment) => Promise<void>;
  onCredited?: (topup: Topup, balance: Money) => Promise<void>;
}

type RawCall = (method: string, payload: object) => Promise<unknown>;

export interface PreCheckoutQuery {
  id: string;
  from: { id: number; language_code?: string };
  currency: string;
  total_amount: number;
  invoice_payload: string;
}

const preCheckoutSchema = z.object({
  id: z.string(),
  from: z.object({ id: z.number().int(), language_code: z.string().optional() }),
  currency: z.string(),
  total_amount: z.number().int(),
  invoice_payload: z.string(),
});

const successfulPaymentSchema = z.object({
  currency: z.string(),
  total_amount: z.number().int(),
  invoice_payload: z.string(),
  telegram_payment_charge_id: z.string().min(1),
});

export interface StarsPayments {
  /** Sends the invoice for an open Stars top-up to the buyer's chat. */
  sendInvoice(topup: Topup, locale: Locale): Promise<void>;
  /** Answers a pre_checkout_query update (at intake); true when the update was one. */
  answerPreCheckout(update: Record<string, unknown>): Promise<boolean>;
  /** successful_payment, /paysupport, /terms and /refundstars; everything else goes on. */
  middleware(): MiddlewareFn<Context>;
}

const COMMAND = /^\/(paysupport|terms|refundstars)(?:@[A-Za-z0-9_]+)?(?:\s+(.*))?$/i;

export function createStarsPayments(deps: StarsPaymentsDeps): StarsPayments {
  const { telegram, stars, clock, sleep } = deps;
  const log = deps.logger.child({ component: 'stars-payments' });
  const raw = telegram.callApi.bind(telegram) as unknown as RawCall;

  const refund = async (text: string, adminId: number, locale: Locale): Promise<string> => {
    const t = messagesFor(locale).payins;
    const chargeId = text.trim();
    if (!/^[\w:.-]{1,200}$/.test(chargeId)) return t.refundUsage;
    const topup = await deps.topups.byPayer('stars', chargeId);
    if (!topup) {
      // A payment that was never credited (unmatched) is refunded as it is: no credit to take back.
      const unmatched = (await deps.topups.listUnmatched(1000)).find(
        (p) => p.method === 'stars' && p.payerId === chargeId,
      );
      if (!unmatched?.userId) return t.refundNotFound;
      try {
        await raw('refundStarPayment', { user_id: unmatched.userId, telegram_payment_charge_id: chargeId });
      } catch (error) {
        return t.refundFailed(escapeHtml((error as Error).message));
      }
      log.info('unmatched Stars payment refunded', { adminId });
      return t.refundUnmatchedDone(unmatched.amount);
    }
    const starsPaid = topup.stars?.amount ?? 0;
    if (topup.state !== 'credited') return t.refundNotCredited(topup.state);
    // Refund only what the buyer can give back: the credit is taken back first, atomically with the
    // balance check, and only then are the Stars returned.
    const reversed = await deps.topups.reverse(topup.id, clock.nowMs(), starsRefundNote(adminId));
    if (reversed.result === 'insufficient')
      return t.refundInsufficient(formatMoney(reversed.balance), formatMoney(topup.amount));
    if (reversed.result !== 'reversed') return t.refundNotCredited(topup.state);
    try {
      await raw('refundStarPayment', { user_id: topup.userId, telegram_payment_charge_id: chargeId });
    } catch (error) {
      const message = escapeHtml((error as Error).message);
      if (!/CHARGE_ALREADY_REFUNDED/.test(message)) {
        // Telegram kept the Stars: the reversal stands in the ledger, so the admin must settle by hand.
        log.error('refundStarPayment failed after the credit was reversed', {
          topupId: topup.id,
          err: error,
        });
        return `${t.refundFailed(message)}\n${t.refundedButNotReversed(formatMoney(reversed.balance), formatMoney(topup.amount))}`;
      }
    }
    log.info('Stars top-up refunded and reversed', { topupId: topup.id, adminId });
    return t.refundDone(formatMoney(topup.amount), starsPaid, formatMoney(reversed.balance));
  };

  return {
    async sendInvoice(topup, locale) {
      const t = messagesFor(locale).payins;
      const amount = formatMoney(topup.amount);
      await raw('sendInvoice', {
        chat_id: topup.chatId,
        title: t.invoiceTitle.slice(0, 32),
        description: t.invoiceDescription(amount).slice(0, 255),
        payload: topup.id,
        provider_token: '',
        currency: 'XTR',
        prices: [{ label: t.invoiceLabel(amount), amount: topup.stars?.amount ?? 0 }],
        // A start parameter keeps forwarded copies from carrying a Pay button (spec §2).
        start_parameter: 'topup',
      });
    },

    async answerPreCheckout(update) {
      if (!('pre_checkout_query' in update)) return false;
      const parsed = preCheckoutSchema.safeParse(update.pre_checkout_query);
      if (!parsed.success) return true;
      const query = parsed.data;
      const t = messagesFor(localeFromLanguageCode(query.from.language_code)).payins;
      let ok = false;
      let reason: string | undefined;
      try {
        const verdict = await stars.checkPreCheckout({
          payload: query.invoice_payload,
          fromId: query.from.id,
          currency: query.currency,
          totalAmount: query.total_amount,
        });
        ok = verdict.ok;
        if (!verdict.ok)
          reason = {
            paid: t.declinePaid,
            expired: t.declineExpired,
            changed: t.declineChanged,
            'not-yours': t.declineNotYours,
            unknown: t.declineUnknown,
          }[verdict.reason];
      } catch (error) {
        // Without the store nothing can be checked: decline (no Stars move) rather than guess.
        log.warn('pre-checkout could not be checked; declined', { err: error });
        reason = t.declineUnavailable;
      }
      await raw('answerPreCheckoutQuery', {
        pre_checkout_query_id: query.id,
        ok,
        ...(ok ? {} : { error_message: reason }),
      }).catch((error: unknown) => log.warn('could not answer a pre-checkout', { err: error }));
      return true;
    },

    middleware() {
      return async (ctx, next) => {
        const message = ctx.message as Record<string, unknown> | undefined;
        if (message && 'successful_payment' in message) {
          const parsed = successfulPaymentSchema.safeParse(message.successful_payment);
          const fromId = ctx.from?.id ?? 0;
          if (!parsed.success) {
            log.error('successful_payment that does not parse; recorded nowhere, check the logs', {
              updateId: ctx.update.update_id,
            });
            return;
          }
          const p = parsed.data;
          const outcome = await stars.onPayment({
            payload: p.invoice_payload,
            chargeId: p.telegram_payment_charge_id,
            fromId,
            currency: p.currency,
            totalAmount: p.total_amount,
          });
          if (outcome.kind === 'credited') await deps.onCredited?.(outcome.topup, outcome.balance);
          if (outcome.kind === 'unmatched') {
            const chatId = ctx.chat?.id;
            const locale = localeFromLanguageCode(ctx.from?.language_code);
            if (chatId !== undefined)
              await sendView(
                telegram,
                chatId,
                view(messagesFor(locale).payins.paymentUnmatched),
                sleep,
              ).catch(() => {});
            await deps
              .onUnmatched?.({
                method: 'stars',
                payerId: p.telegram_payment_charge_id,
                userId: fromId,
                reference: p.invoice_payload,
                amount: p.total_amount,
                currency: p.currency,
                reason: outcome.reason,
                at: clock.nowMs(),
              })
              .catch(() => {});
          }
          return;
        }
        const text = message && typeof message.text === 'string' ? message.text : undefined;
        const match = text === undefined ? null : COMMAND.exec(text.trim());
        const chatId = ctx.chat?.id;
        if (!match || chatId === undefined || ctx.chat?.type !== 'private') return next();
        const locale = localeFromLanguageCode(ctx.from?.language_code);
        const t = messagesFor(locale).payins;
        const command = (match[1] ?? '').toLowerCase();
        if (command === 'paysupport') {
          await sendView(telegram, chatId, view(t.paysupport(deps.supportContact)), sleep);
          return;
        }
        if (command === 'terms') {
          await sendView(telegram, chatId, view(t.terms), sleep);
          return;
        }
        const adminId = ctx.from?.id ?? 0;
        if (!deps.adminUserIds.includes(adminId)) return next();
        const answer = match[2] ? await refund(match[2], adminId, locale) : t.refundUsage;
        await sendView(telegram, chatId, view(answer), sleep);
      };
    },
  };
}

/**
 * Tells a buyer their top-up was credited, whatever the method, right after the credit: the credit
 * put the notice into the wallet's outbox held for this (`topupNoticeHold`), and this settles it, so
 * the buyer still hears of it from the notice worker should this process die before telling them.
 */
export function createTopupNotifier(deps: {
  telegram: Telegram;
  notices: WalletNotices;
  clock: Clock;
  sleep: Sleep;
  logger: Logger;
}) {
  const logger = deps.logger.child({ component: 'topup-notifier' });
  return async (topup: Topup, balance: Money, locale: Locale = DEFAULT_LOCALE) => {
    const m = messagesFor(locale).wallet;
    const shown = view(
      m.topupCredited(formatMoney(topup.amount), formatMoney(money(balance.minor, balance.currency))),
    );
    await tellHeldNotice({ notices: deps.notices, clock: deps.clock, logger }, topupNotice(topup), () =>
      sendView(deps.telegram, topup.chatId, shown, deps.sleep),
    );
  };
}
