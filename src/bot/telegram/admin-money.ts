import type { Telegram } from 'telegraf';
import type { Currency, Money } from '../../payments/money.js';
import { isFinal } from '../../payments/orders/order.js';
import type { OrderService } from '../../payments/orders/ports.js';
import type { Product } from '../../payments/types.js';
import type { Clock } from '../../platform/clock.js';
import type { Logger } from '../../platform/logger.js';
import type { Sleep } from '../../platform/sleep.js';
import type { PricingRuleStore } from '../../store/ports.js';
import { type LedgerEntry, NOTICE_HOLD_MS, type WalletAudit, type WalletStore } from '../../wallet/ledger.js';
import { previewRuleChange } from '../../wallet/pricing.js';
import type { MoneyAdminCommand } from '../admin/money-commands.js';
import type { PendingAction, PendingActions } from '../admin/pending-actions.js';
import { pricingSamples } from '../admin/pricing-samples.js';
import {
  renderMarginProblem,
  renderPricingPreview,
  renderPricingRules,
  renderPricingWrite,
  renderUnknownProduct,
} from '../admin/pricing-views.js';
import { unknownProductOf } from '../admin/unknown-product.js';
import { renderAdminFailure } from '../admin/views.js';
import {
  ADMIN_STATEMENT_PAGE,
  renderAdjustmentApplied,
  renderAdjustmentCancelled,
  renderAdjustmentPreview,
  renderAdminWallet,
  renderAuditAll,
  renderEntryNotice,
  renderInsufficient,
  renderMoneyCommandProblem,
  renderPricingCancelled,
  renderPricingDecided,
  renderPricingPending,
  renderSelfCredit,
  renderWalletAudit,
} from '../admin/wallet-admin-views.js';
import type { CallbackData } from '../callback-data.js';
import { messagesFor } from '../i18n/index.js';
import { DEFAULT_LOCALE, type Locale, localeFromLanguageCode } from '../i18n/locale.js';
import type { View } from '../views/view.js';
import { editView, isQueryTooOld, sendView } from './telegram-io.js';
import { tellHeldNotice } from './wallet-notices.js';

/**
 * The admins' money commands over Telegram: /credit and /debit (a confirmation with Confirm and
 * Cancel, then one ledger entry), /wallet <user id>, /audit, /margin (a preview with Apply and
 * Cancel, then a compare-and-set of the rules) and /prices. Presses are checked here: admins only,
 * the pending action must exist, be pending and unexpired; everything else is refused with a toast.
 *
 * A credit's or debit's entry is written with its buyer notice in the wallet's outbox, in one step;
 * the press tells the buyer at once and marks the notice delivered, and a notice left behind (a crash
 * before the send, Telegram refusing it) is sent by the notice worker (`wallet-notices.ts`).
 */
export interface AdminMoneyDeps {
  telegram: Telegram;
  adminUserIds: readonly number[];
  wallets: WalletStore;
  /** The buyers' orders: a credit's preview names those paid from the wallet and still open. */
  orders: Pick<OrderService, 'listByUser'>;
  pricing: PricingRuleStore;
  /** The provider's catalog, cached (the same reader the conversation uses), for /margin samples. */
  catalog: () => Promise<Product[]>;
  currency: Currency;
  actions: PendingActions;
  /** The buyer's language, when their conversation remembers it. */
  buyerLocale: (userId: number) => Promise<Locale | undefined>;
  /** An admin may credit their own wallet (TOPUP_ALLOW_SELF_APPROVAL); refused by default. */
  allowSelfCredit?: boolean;
  clock: Clock;
  sleep: Sleep;
  logger: Logger;
}

export interface AdminMoney {
  /** Answers a command in the admin's chat. */
  run(
    command: MoneyAdminCommand,
    context: { adminId: number; chatId: number; locale: Locale },
  ): Promise<void>;
  /** A press on an admin action's button or a statement page; answers the callback query. */
  onButton(press: {
    data: Extract<CallbackData, { scope: 'admin' }>;
    fromId: number;
    chatId: number;
    messageId: number | undefined;
    languageCode: string | undefined;
    callbackQueryId: string;
  }): Promise<void>;
}

/** A buyer's newest orders looked at for a credit's warning about open ones. */
const UNSETTLED_LOOKED_AT = 50;

/** Wallets audited by one /audit at most (past this the answer says it is partial). */
const MAX_AUDITED = 2_000;
/** Audits run at once. */
const AUDIT_CONCURRENCY = 8;

type AdjustResult =
  | { kind: 'applied' | 'duplicate'; balance: Money; entry: LedgerEntry }
  | { kind: 'insufficient'; balance: Money }
  | { kind: 'cancelled' }
  | { kind: 'written' | 'stale' };

export function createAdminMoney(deps: AdminMoneyDeps): AdminMoney {
  const { telegram, wallets, pricing, actions, clock, sleep } = deps;
  const log = deps.logger.child({ component: 'admin-money' });
  const admins = new Set(deps.adminUserIds);

  const answer = (id: string, text: string) =>
    telegram.answerCbQuery(id, text).catch((error: unknown) => {
      if (!isQueryTooOld(error)) log.warn('could not answer a press', { err: error });
    });

  const show = async (chatId: number, messageId: number | undefined, shown: View) => {
    try {
      if (messageId === undefined) await sendView(telegram, chatId, shown, sleep);
      else await editView(telegram, chatId, messageId, shown, sleep);
    } catch (error) {
      log.warn('could not show an admin result', { err: error });
    }
  };

  const auditAll = async (): Promise<{ audits: WalletAudit[]; total: number }> => {
    const users = await wallets.users();
    const chosen = users.slice(0, MAX_AUDITED);
    const audits: WalletAudit[] = [];
    for (let i = 0; i < chosen.length; i += AUDIT_CONCURRENCY)
      audits.push(
        ...(await Promise.all(chosen.slice(i, i + AUDIT_CONCURRENCY).map((u) => wallets.audit(u)))),
      );
    return { audits, total: users.length };
  };

  const walletView = async (userId: number, pageIndex: number, locale: Locale): Promise<View> => {
    const [balance, page] = await Promise.all([
      wallets.balance(userId),
      wallets.entries(userId, { offset: pageIndex * ADMIN_STATEMENT_PAGE, limit: ADMIN_STATEMENT_PAGE }),
    ]);
    return renderAdminWallet({ userId, balance, page, pageIndex }, locale);
  };

  /**
   * The buyer's orders paid from the wallet whose outcome is still open (newest first, among their
   * last 50): each one that fails comes back to the wallet by itself. Unread orders only cost the
   * preview its warning, never the credit.
   */
  const unsettledOrders = async (userId: number) => {
    try {
      const orders = await deps.orders.listByUser(userId, UNSETTLED_LOOKED_AT);
      return orders.flatMap((order) =>
        order.charge && !isFinal(order.state) ? [{ refid: order.refid, price: order.charge.price }] : [],
      );
    } catch (error) {
      log.warn('could not read the buyer’s orders for a credit’s preview', { err: error, userId });
      return [];
    }
  };

  const reply = async (command: MoneyAdminCommand, adminId: number, locale: Locale): Promise<View> => {
    switch (command.name) {
      case 'problem':
        return renderMoneyCommandProblem(command.problem, locale);
      case 'adjust': {
        const adjustment = command.adjustment;
        if (adjustment.direction === 'credit' && adjustment.userId === adminId && !deps.allowSelfCredit)
          return renderSelfCredit(locale);
        const balance = await wallets.balance(adjustment.userId);
        if (adjustment.direction === 'debit' && balance.minor < adjustment.amount.minor)
          return renderInsufficient(adjustment, balance, locale);
        const action = await actions.create(adminId, { kind: 'adjust', ...adjustment });
        log.info('wallet adjustment awaiting confirmation', {
          actionId: action.id,
          adminId,
          userId: adjustment.userId,
          direction: adjustment.direction,
          amount: adjustment.amount.minor,
        });
        const unsettled = adjustment.direction === 'credit' ? await unsettledOrders(adjustment.userId) : [];
        return renderAdjustmentPreview(action, adjustment, balance, locale, unsettled);
      }
      case 'wallet':
        return walletView(command.userId, command.page, locale);
      case 'audit': {
        if (command.userId !== undefined)
          return renderWalletAudit(await wallets.audit(command.userId), locale);
        const { audits, total } = await auditAll();
        const bad = audits.filter((audit) => !audit.ok).length;
        if (bad > 0) log.warn('wallet audit found problems', { wallets: audits.length, problems: bad });
        return renderAuditAll(audits, total, locale);
      }
      case 'prices': {
        const { rules } = await pricing.get();
        return renderPricingRules(rules, deps.currency, locale);
      }
      case 'margin': {
        if (!command.parse.ok) return renderMarginProblem(command.parse.problem, locale);
        const change = command.parse.change;
        const { rules, version } = await pricing.get();
        let products: Product[] = [];
        try {
          products = await deps.catalog();
        } catch (error) {
          // The samples are an aid: a catalog that cannot be read now must not block a price change.
          log.warn('no catalog for the /margin preview', { err: error });
        }
        // A rule for a code the catalog does not list would price nothing: no Apply for a typo.
        const unknown = unknownProductOf(change, products);
        if (unknown) return renderUnknownProduct(change, unknown, locale);
        const samples = pricingSamples(products, change.target, deps.currency);
        const { after, lines } = previewRuleChange(rules, change, deps.currency, samples);
        const preview = renderPricingPreview(change, rules, lines, deps.currency, locale);
        const action = await actions.create(adminId, {
          kind: 'pricing',
          change,
          version,
          after,
          previewText: preview.text,
        });
        log.info('price rule change awaiting Apply', { actionId: action.id, adminId, version });
        return renderPricingPending(preview, action, locale);
      }
    }
  };

  /**
   * Tells the buyer of the entry this press wrote, at once: the press holds the entry's notice from
   * the write on (`noticeHolder`), so the notice worker leaves it alone meanwhile. False when Telegram
   * would not deliver it now: the notice is then given back to the outbox, which sends it again, or
   * dropped for a chat that can never be reached.
   */
  const tellBuyer = async (entry: LedgerEntry, token: string) => {
    const { userId, id } = entry;
    const locale = (await deps.buyerLocale(userId).catch(() => undefined)) ?? DEFAULT_LOCALE;
    const shown = renderEntryNotice(entry, locale);
    return tellHeldNotice(
      { notices: wallets.notices, clock, logger: log },
      { userId, entryId: id, holder: token },
      async () => {
        if (shown) await sendView(telegram, userId, shown, sleep);
      },
    );
  };

  const decideConfirm = async (action: PendingAction) => {
    const work = action.work;
    if (work.kind === 'pricing') {
      const written = await pricing.set(work.after, work.version);
      return {
        state: written.status === 'written' ? ('applied' as const) : ('stale' as const),
        result: { kind: written.status } as AdjustResult,
      };
    }
    const sign = work.direction === 'credit' ? 1 : -1;
    // The buyer's notice goes into the outbox in the same step as the entry (see tellBuyer).
    const applied = await wallets.apply(
      {
        id: `admin:${action.id}`,
        userId: work.userId,
        kind: work.direction === 'credit' ? 'admin_credit' : 'admin_debit',
        amount: sign * work.amount.minor,
        reference: String(action.adminId),
        ...(work.note ? { note: work.note } : {}),
        at: clock.nowMs(),
      },
      { notify: { holder: noticeHolder(action), holdMs: NOTICE_HOLD_MS } },
    );
    if (applied.result === 'insufficient')
      return {
        state: 'refused' as const,
        result: { kind: 'insufficient', balance: applied.balance } as AdjustResult,
      };
    return {
      state: 'applied' as const,
      result: { kind: applied.result, balance: applied.balance, entry: applied.entry } as AdjustResult,
    };
  };

  return {
    async run(command, { adminId, chatId, locale }) {
      let shown: View;
      try {
        shown = await reply(command, adminId, locale);
      } catch (error) {
        log.warn('admin command failed', { command: command.name, err: error });
        shown = renderAdminFailure(describe(error), locale);
      }
      await sendView(telegram, chatId, shown, sleep);
    },

    async onButton(press) {
      const locale = localeFromLanguageCode(press.languageCode);
      const t = messagesFor(locale).walletAdmin.toasts;
      if (!admins.has(press.fromId)) {
        await answer(press.callbackQueryId, t.notAdmin);
        return;
      }
      const data = press.data;
      if (data.action === 'walletPage') {
        await answer(press.callbackQueryId, '');
        let shown: View;
        try {
          shown = await walletView(data.userId, data.page, locale);
        } catch (error) {
          shown = renderAdminFailure(describe(error), locale);
        }
        await show(press.chatId, press.messageId, shown);
        return;
      }
      const cancel = data.action === 'cancel';
      let outcome: Awaited<ReturnType<typeof actions.press<AdjustResult>>>;
      try {
        outcome = await actions.press<AdjustResult>(data.actionId, press.fromId, async (action) =>
          cancel ? { state: 'cancelled', result: { kind: 'cancelled' } } : decideConfirm(action),
        );
      } catch (error) {
        log.warn('an admin action failed; it stays pending', { actionId: data.actionId, err: error });
        await answer(press.callbackQueryId, t.failed);
        return;
      }
      switch (outcome.kind) {
        case 'missing':
          await answer(press.callbackQueryId, t.expired);
          return;
        case 'busy':
          await answer(press.callbackQueryId, t.busy);
          return;
        case 'decided': {
          const said = {
            applied: t.alreadyApplied,
            cancelled: t.alreadyCancelled,
            refused: t.refused,
            stale: t.stale,
            pending: t.busy,
          };
          await answer(press.callbackQueryId, said[outcome.action.state]);
          return;
        }
        case 'handled':
          break;
      }
      const { action, result } = outcome;
      const work = action.work;
      log.info('admin action decided', {
        actionId: action.id,
        by: press.fromId,
        kind: work.kind,
        result: result.kind,
      });
      switch (result.kind) {
        case 'cancelled':
          await answer(press.callbackQueryId, t.cancelled);
          await show(
            press.chatId,
            press.messageId,
            work.kind === 'pricing'
              ? renderPricingDecided(work.previewText, renderPricingCancelled(locale).text)
              : renderAdjustmentCancelled(locale),
          );
          return;
        case 'written':
        case 'stale': {
          await answer(press.callbackQueryId, result.kind === 'written' ? t.done : t.stale);
          if (work.kind !== 'pricing') return;
          const said = renderPricingWrite({ status: result.kind }, locale).text;
          await show(press.chatId, press.messageId, renderPricingDecided(work.previewText, said));
          return;
        }
        case 'insufficient':
          await answer(press.callbackQueryId, t.refused);
          if (work.kind === 'adjust')
            await show(press.chatId, press.messageId, renderInsufficient(work, result.balance, locale));
          return;
        case 'applied':
        case 'duplicate': {
          await answer(press.callbackQueryId, result.kind === 'applied' ? t.done : t.alreadyApplied);
          if (work.kind !== 'adjust') return;
          // Only the press that wrote the entry tells the buyer now. After a duplicate (a press that
          // wrote it died before telling them), the notice written with the entry is in the outbox.
          const buyerTold =
            result.kind === 'applied' ? await tellBuyer(result.entry, noticeHolder(action)) : true;
          await show(
            press.chatId,
            press.messageId,
            renderAdjustmentApplied(
              work,
              { balance: result.balance, adminId: action.adminId, buyerTold },
              locale,
            ),
          );
          return;
        }
      }
    },
  };
}

/** Who holds the buyer notice of the entry an action's press writes, while it tells the buyer. */
function noticeHolder(action: PendingAction): string {
  return `press:${action.id}`;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
