import { type Context, type MiddlewareFn, type Telegram, TelegramError } from 'telegraf';
import { z } from 'zod';
import { formatMoney, type Money, money } from '../../payments/money.js';
import type { Clock } from '../../platform/clock.js';
import type { Logger } from '../../platform/logger.js';
import type { Sleep } from '../../platform/sleep.js';
import type { WalletNotices } from '../../wallet/ledger.js';
import type {
  RefundAnswer,
  StarsRefundedOutcome,
  StarsRefundOutcome,
  StarsTopups,
} from '../../wallet/stars-topups.js';
import { type Topup, type TopupStore, topupNotice, type UnmatchedPayment } from '../../wallet/topups.js';
import { messagesFor } from '../i18n/index.js';
import { DEFAULT_LOCALE, type Locale, localeFromLanguageCode } from '../i18n/locale.js';
import type { PayinMessages } from '../i18n/messages.js';
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
 * - refunded_payment is a message too, and takes the same way: Telegram's word that a charge's Stars
 *   went back (through /refundstars or not). It reverses the credit once per top-up (see
 *   StarsTopups.onRefunded) and tells the buyer what happened to their wallet.
 * - /paysupport and /terms answer anyone (Telegram's terms, §6.2.1); /refundstars is for admins.
 */
export interface StarsPaymentsDeps {
  telegram: Telegram;
  stars: StarsTopups;
  topups: Pick<TopupStore, 'byPayer' | 'listUnmatched'>;
  wallets: { balance(userId: number): Promise<Money> };
  adminUserIds: readonly number[];
  supportContact?: string;
  clock: Clock;
  sleep: Sleep;
  logger: Logger;
  /** A payment that matched nothing: the admins hear of it. */
  onUnmatched?: (payment: UnmatchedPayment) => Promise<void>;
  onCredited?: (topup: Topup, balance: Money) => Promise<void>;
  /** Telegram refunded a charge whose credit the buyer had spent: the admins must settle it. */
  onRefundShort?: (topup: Topup, balance: Money, stars: number) => Promise<void>;
  /** The language a buyer last used with the bot, when known (their Telegram one otherwise). */
  buyerLocale?: (userId: number) => Promise<Locale | undefined>;
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

/** Message.refunded_payment (Bot API 7.7, RefundedPayment); not in Telegraf 4.16.3's types. */
const refundedPaymentSchema = z.object({
  currency: z.string(),
  total_amount: z.number().int(),
  invoice_payload: z.string(),
  telegram_payment_charge_id: z.string().min(1),
  provider_payment_charge_id: z.string().optional(),
});

/** refundStarPayment returns True; anything else is not a confirmation. */
const refundResultSchema = z.literal(true);

/**
 * A failed refundStarPayment, by what it means for the wallet. CHARGE_ALREADY_REFUNDED is the
 * description Telegram gives a second refund of one charge (spec telegram-payments §4, §6). Any other
 * 4xx is Telegram refusing the request, so nothing was refunded; 429 only asks to wait, so it is
 * kept with the unclear answers rather than taken as a refusal. A 5xx, a timeout or a dropped
 * connection may have come after the refund was made.
 */
export function refundAnswerOf(error: unknown): RefundAnswer {
  if (error instanceof TelegramError) {
    const description = String(error.description ?? error.message);
    if (/CHARGE_ALREADY_REFUNDED/i.test(description)) return { kind: 'already' };
    const code = Number(error.code);
    if (code >= 400 && code < 500 && code !== 429) return { kind: 'refused', reason: description };
    return { kind: 'unknown', reason: description };
  }
  return { kind: 'unknown', reason: error instanceof Error ? error.message : String(error) };
}

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

  /** Asks Telegram to refund a charge; never throws (the answer says what happened). */
  const askRefund = async (userId: number, chargeId: string): Promise<RefundAnswer> => {
    try {
      const result = await raw('refundStarPayment', {
        user_id: userId,
        telegram_payment_charge_id: chargeId,
      });
      if (refundResultSchema.safeParse(result).success) return { kind: 'refunded' };
      return { kind: 'unknown', reason: 'refundStarPayment did not answer True' };
    } catch (error) {
      return refundAnswerOf(error);
    }
  };

  const balanceText = async (userId: number) => formatMoney(await deps.wallets.balance(userId));

  /** What the admin is told of a top-up /refundstars cannot refund, by its state. */
  const notRefundableText = (topup: Topup, t: PayinMessages) => {
    const amount = formatMoney(topup.amount);
    const starsPaid = topup.stars?.amount ?? 0;
    // Every reversal this version makes is numbered; one without a number was made by an earlier
    // version, which took the credit back before asking Telegram and kept no record of the answer.
    if (topup.state === 'reversed' && topup.refundAttempt === undefined)
      return t.refundLegacyReversed(amount, starsPaid, String(topup.userId));
    if (topup.state === 'reversed') return t.refundAlreadyDone(amount, starsPaid);
    if (topup.state === 'refund_short') return t.refundShortAlready(amount, starsPaid, String(topup.userId));
    return t.refundNotCredited(topup.state);
  };

  /** The admin's answer: what happened to the buyer's wallet and to the Stars, exactly. */
  const refundText = async (outcome: StarsRefundOutcome, t: PayinMessages): Promise<string> => {
    if (outcome.kind === 'missing') return t.refundNotFound;
    const { topup } = outcome;
    const amount = formatMoney(topup.amount);
    const starsPaid = topup.stars?.amount ?? 0;
    switch (outcome.kind) {
      case 'insufficient':
        return t.refundInsufficient(formatMoney(outcome.balance), amount);
      case 'not-refundable':
        return notRefundableText(topup, t);
      case 'settled-elsewhere':
        return t.refundSettledElsewhere(topup.state);
      case 'refunded': {
        const balance = await balanceText(topup.userId);
        return outcome.already
          ? t.refundCompleted(amount, starsPaid, balance)
          : t.refundDone(amount, starsPaid, balance);
      }
      case 'refused':
        return t.refundRefused(escapeHtml(outcome.reason), amount, await balanceText(topup.userId));
      case 'unknown':
        return t.refundUnknown(escapeHtml(outcome.reason), amount, starsPaid);
    }
  };

  /** A payment that was never credited (unmatched) is refunded as it is: no credit to take back. */
  const refundUnmatched = async (chargeId: string, adminId: number, t: PayinMessages): Promise<string> => {
    const unmatched = (await deps.topups.listUnmatched(1000)).find(
      (p) => p.method === 'stars' && p.payerId === chargeId,
    );
    if (!unmatched?.userId) return t.refundNotFound;
    const answer = await askRefund(unmatched.userId, chargeId);
    if (answer.kind === 'refused') return t.refundUnmatchedRefused(escapeHtml(answer.reason));
    if (answer.kind === 'unknown') return t.refundUnmatchedUnknown(escapeHtml(answer.reason));
    log.info('unmatched Stars payment refunded', { adminId, already: answer.kind === 'already' });
    return t.refundUnmatchedDone(unmatched.amount);
  };

  const refund = async (text: string, adminId: number, locale: Locale): Promise<string> => {
    const t = messagesFor(locale).payins;
    const chargeId = text.trim();
    if (!/^[\w:.-]{1,200}$/.test(chargeId)) return t.refundUsage;
    const topup = await deps.topups.byPayer('stars', chargeId);
    if (!topup) return refundUnmatched(chargeId, adminId, t);
    const outcome = await stars.refund(topup.id, adminId, () => askRefund(topup.userId, chargeId));
    return refundText(outcome, t);
  };

  /** The buyer's word on a refund Telegram reported, or nothing when it was reported before. */
  const refundedText = async (
    outcome: StarsRefundedOutcome,
    refundedStars: number,
    t: PayinMessages,
  ): Promise<string | undefined> => {
    if (outcome.result === 'duplicate') return undefined;
    if (
      outcome.result === 'unknown-charge' ||
      outcome.result === 'missing' ||
      outcome.result === 'not-credited'
    )
      return t.refundedBuyerUncredited(refundedStars);
    const amount = formatMoney(outcome.topup.amount);
    if (outcome.result === 'short') return t.refundedBuyerShort(refundedStars, amount);
    const balance = await balanceText(outcome.topup.userId);
    if (outcome.result === 'reversed') return t.refundedBuyerReversed(refundedStars, amount, balance);
    return t.refundedBuyerTakenBefore(refundedStars, amount, balance);
  };

  const onRefundedPayment = async (ctx: Context, payment: unknown) => {
    const parsed = refundedPaymentSchema.safeParse(payment);
    if (!parsed.success) {
      log.error('refunded_payment that does not parse; nothing changed, check the logs', {
        updateId: ctx.update.update_id,
      });
      return;
    }
    const p = parsed.data;
    // Throws when the store is away: the update stays queued and is handled again, once.
    const outcome = await stars.onRefunded(p.telegram_payment_charge_id);
    if (outcome.result === 'short')
      await deps
        .onRefundShort?.(outcome.topup, outcome.balance, p.total_amount)
        .catch((error: unknown) => log.error('could not alert the admins of a short refund', { err: error }));
    const userId = 'topup' in outcome ? outcome.topup.userId : (ctx.from?.id ?? 0);
    const locale =
      (await deps.buyerLocale?.(userId).catch(() => undefined)) ??
      localeFromLanguageCode(ctx.from?.language_code);
    const text = await refundedText(outcome, p.total_amount, messagesFor(locale).payins);
    const chatId = ctx.chat?.id ?? ('topup' in outcome ? outcome.topup.chatId : undefined);
    if (text === undefined || chatId === undefined) return;
    await sendView(telegram, chatId, view(text), sleep).catch((error: unknown) =>
      log.warn('could not tell a buyer of a Stars refund', { err: error }),
    );
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
        if (message && 'refunded_payment' in message) {
          await onRefundedPayment(ctx, message.refunded_payment);
          return;
        }
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
