import { type Context, Input, type MiddlewareFn, type NarrowedContext, type Telegraf } from 'telegraf';
import type { Update } from 'telegraf/types';
import { z } from 'zod';
import type { Money } from '../../payments/money.js';
import { isFinal, type Order } from '../../payments/orders/order.js';
import type { OrderService, OrderStore } from '../../payments/orders/ports.js';
import type { PaymentProvider } from '../../payments/provider.js';
import { networkStatusSchema } from '../../payments/shared-cache.js';
import type { Clock } from '../../platform/clock.js';
import { parseJsonOrUndefined } from '../../platform/json.js';
import type { Logger } from '../../platform/logger.js';
import type { Sleep } from '../../platform/sleep.js';
import type {
  CacheStore,
  LockStore,
  PricingRuleStore,
  SessionStore,
  VerifiedPayerStore,
} from '../../store/ports.js';
import type { WalletStore } from '../../wallet/ledger.js';
import type { OnlineTopupIntake } from '../../wallet/online-topups.js';
import { type Admission, createAdmission } from '../access/admission.js';
import { DEFAULT_FLOOD_RULE, type FloodRule, floodDecision } from '../access/flood.js';
import { type AccessPolicy, isAdmin, mayBuy, OPEN_POLICY } from '../access/policy.js';
import { parseBooksCommand } from '../admin/books.js';
import { parseAdminCommand } from '../admin/commands.js';
import { parseMoneyAdminCommand } from '../admin/money-commands.js';
import { createPendingActions } from '../admin/pending-actions.js';
import type { CallbackData } from '../callback-data.js';
import type { FlowEffect } from '../flow/effects.js';
import { type BuyerMenuCommand, buttonEvent, type FlowEvent, parseCommand } from '../flow/events.js';
import { reduceFlow } from '../flow/reducer.js';
import { createFlowState, type Display, type FlowState, restoreFlowState } from '../flow/state.js';
import type { FlowContext, TopupPolicy } from '../flow/transition.js';
import type { ShopTimeZone } from '../i18n/dates.js';
import { messagesFor } from '../i18n/index.js';
import { type Locale, localeFromLanguageCode } from '../i18n/locale.js';
import { chatPolicy } from '../private-chat.js';
import { renderAccessDenied, renderSlowDown } from '../views/access-views.js';
import { escapeHtml } from '../views/html.js';
import { renderPrivateOnly, renderToast } from '../views/misc-views.js';
import { renderOrderStatus } from '../views/order-views.js';
import { renderScreen, type ScreenOptions } from '../views/screen.js';
import { type View, view } from '../views/view.js';
import type { AdminAlerts } from './admin-alerts.js';
import { type AdminCommandDeps, createAdminCommands } from './admin-commands.js';
import { type AdminMoney, createAdminMoney } from './admin-money.js';
import type { Books } from './books-commands.js';
import { answeredOnArrival } from './early-answers.js';
import {
  encodeLastingChoices,
  LASTING_CHOICES_TTL_MS,
  lastingChoicesKey,
  rememberedLocale,
  restoreLastingChoices,
  storedLocale,
  withLastingChoices,
} from './lasting-choices.js';
import { createCatalogReader, createRequestRunner, type RequestDeps } from './requests.js';
import { createSessionCodec } from './session-codec.js';
import { editView, isQueryTooOld, sendView } from './telegram-io.js';
import type { TopupReview } from './topup-review.js';
import { type ChatTurn, shouldRetryLater } from './update-intake.js';
import { createUpdatePipeline } from './update-pipeline.js';

/**
 * The Telegraf glue: turns Telegram updates into conversation events, runs the reducer one update
 * at a time per chat (a lock shared by every replica), keeps the state in the session store, and
 * carries out the effects. Provider lookups happen inside an update; payments never do: the order
 * engine pays in the background and tells the buyer through the order notifier (`order-notifier.ts`).
 *
 * Before the conversation, in this order: flood control (per user, across replicas), admin
 * commands (admins only, private chats only, answered outside the conversation), and access (a
 * buyer not allowed gets a polite refusal and never reaches the shop). Daily limits are checked when
 * the buyer taps Confirm, before any order exists (see `access/admission.ts`).
 */
export interface ShopBotOptions {
  /** From `createTelegrafClient`: the Bot API client, and `getMe` for the bot's own name. */
  telegraf: Telegraf;
  /**
   * Middleware every update passes before the bot's own handlers, in order (update counting, the
   * payment middleware); each calls `next()` to let the update on.
   */
  middleware?: readonly MiddlewareFn<Context>[];
  /** The shop's zone (SHOP_TIMEZONE): receipt times and the daily limits' midnight. Malaysia unless given. */
  timeZone?: ShopTimeZone;
  /** The shop's own privacy policy (PRIVACY_POLICY_URL), linked under /privacy's summary. */
  privacyPolicyUrl?: string;
  /** The buyer commands /help lists, as the command menu does (buyerMenuCommands). */
  buyerCommands?: readonly BuyerMenuCommand[];
  provider: PaymentProvider;
  orders: OrderService;
  /** Read for other chats only (a buyer's language); each chat's own session comes with its updates. */
  sessions: SessionStore<unknown>;
  locks: LockStore;
  /**
   * Queues an event for a chat behind its waiting updates (`UpdateQueue.defer`): background answers
   * (a product's network status) reach the conversation through the chat's queue, never beside it.
   */
  defer(chatId: number, json: string): Promise<void>;
  cache: CacheStore;
  clock: Clock;
  newId: () => string;
  /** One Refresh-caused provider check per buyer per this time (the schedule's buyerRecheckGapMs). */
  recheckSpacingMs?: number;
  sleep: Sleep;
  logger: Logger;
  catalogTtlMs?: number;
  /** Who may buy, daily limits and flood control. Without it anyone may buy, without limits. */
  access?: ShopBotAccessOptions;
  /** Admin commands (/balance, /order, /pending, /stats). Without it there are none. */
  admin?: ShopBotAdminOptions;
  /** Buyer wallets, prices and top-ups by transfer. Without it prices are face values and /wallet is unavailable. */
  wallet?: ShopBotWalletOptions;
  /**
   * Book-keeping: the admins' /reconcile, /export and /reported, and the buyers' Report Issue button
   * (shown on receipts when `reportIssue` is true). Without it there are none.
   */
  books?: { books: Books; reportIssue: boolean };
  /**
   * JomPAY compliance: JOMPAY_ENABLED and the buyers an admin verified (eKYC). Without it JomPAY is
   * off: biller products are not offered.
   */
  jompay?: { enabled: boolean; payers: VerifiedPayerStore };
  /** Where catalog problems are reported (the admin alerts); unreported without it. */
  alerts?: Pick<AdminAlerts, 'unsellable'>;
  /**
   * True in webhook mode: the webhook's answer already answered the buyers' presses
   * (early-answers.ts), so the bot makes no answerCallbackQuery for them and says in a message what
   * a toast would have said.
   */
  pressesAnsweredOnArrival?: boolean;
}

export interface ShopBotWalletOptions {
  wallets?: Pick<WalletStore, 'balance' | 'entries'>;
  /** False (BUYER_PAYMENT=none): orders carry no charge and prices are face values. */
  chargeBuyers?: boolean;
  /** The owner's margin rules; the face value without it. */
  quotePrice?: RequestDeps['quotePrice'];
  /** Top-ups by transfer: the policy shown to buyers and where claims go. */
  topup?: {
    policy: TopupPolicy;
    /** Creates claims, sends them to the admins, and takes the admins' Approve / Reject presses. */
    review: TopupReview;
    /** A QR image file sent as a photo above the payment instructions. */
    qrImagePath?: string;
  };
  /** Billplz bills and Stars invoices (wallet/online-topups.ts), offered when the policy lists them. */
  online?: OnlineTopupIntake;
}

export interface ShopBotAccessOptions {
  /** From `accessPolicyFromConfig(config.shop, { adminUserIds, currency: provider.currency })`. */
  policy: AccessPolicy;
  /**
   * At most `maxUpdates` per user per `windowMs`; 20 per 10 s by default. Updates are counted as they
   * arrive (the update queue, `ChatTurn.floodHits`) with the same rule's window.
   */
  flood?: FloodRule;
}

export interface ShopBotAdminOptions {
  /** ADMIN_USER_IDS. Admins are always allowed to buy, without limits or flood control. */
  userIds: readonly number[];
  /** The order store (`stores.orders`), read by /pending and /stats. */
  store: Pick<OrderStore, 'listOpen' | 'listCreatedSince'>;
  /** LOW_BALANCE_THRESHOLD, shown by /balance. */
  lowBalanceThreshold?: Money;
  /** Top-up claims for /topups. */
  topups?: AdminCommandDeps['topups'];
  /** The money commands: /credit, /debit, /wallet <user id>, /audit, /margin, /prices. */
  money?: ShopBotAdminMoneyOptions;
}

export interface ShopBotAdminMoneyOptions {
  wallets: WalletStore;
  pricing: PricingRuleStore;
  /** An admin may credit their own wallet (TOPUP_ALLOW_SELF_APPROVAL). */
  allowSelfCredit?: boolean;
  /**
   * The most one /credit or /debit may move (ADMIN_ADJUST_MAX_AMOUNT); the currency's
   * DEFAULT_ADMIN_ADJUST_MAX_AMOUNT when absent.
   */
  adjustMax?: Money;
  /** How long a confirmation waits for Confirm / Apply (10 min). */
  actionTtlMs?: number;
  /** Ids of pending admin actions: URL-safe, 8 to 32 characters (random by default). */
  newActionId?: () => string;
}

export interface ShopBot {
  telegraf: Telegraf;
  /** Handles one queued update (from the webhook or from polling) in its chat's turn. */
  handleUpdate(update: Update, turn: ChatTurn): Promise<void>;
  /** Handles an event deferred to a chat with `ShopBotOptions.defer`, in the chat's turn. */
  handleDeferred(json: string, turn: ChatTurn): Promise<void>;
  /** Tells the sender of an update that was given up that something went wrong (try again). */
  apologise(update: Update): Promise<void>;
  /** Resolves when background work (network checks) has finished. */
  idle(): Promise<void>;
}

/** Effects that create an order, a top-up claim or a payment link: run once per conversation step. */
const MAKES_MONEY_RECORDS = new Set<FlowEffect['type']>([
  'confirm-order',
  'create-topup-claim',
  'start-online-topup',
]);

/** A button press being handled: its query, the message it was on, and whether it was answered on arrival. */
interface Press {
  queryId: string;
  messageId: number | undefined;
  answeredOnArrival: boolean;
}

/**
 * How long a request that is usually answered from a cache (the menu, a product, the history, a
 * price) may take before the buyer sees "Loading…": past this the provider or the store is slow.
 */
export const SLOW_REQUEST_NOTICE_MS = 1_000;

/** How long a product tap waits for its network status before leaving it to arrive later. */
const NETWORK_STATUS_WAIT_MS = 50;

/** What `promise` came to within `ms`, or 'pending'. */
async function settledWithin<T>(
  promise: Promise<T>,
  ms: number,
): Promise<{ value: T } | { error: unknown } | 'pending'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'pending'>((resolve) => {
    timer = setTimeout(() => resolve('pending'), ms);
  });
  try {
    return await Promise.race([
      promise.then(
        (value) => ({ value }),
        (error: unknown) => ({ error }),
      ),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** An event deferred to a chat: who it is for and what happened (a network status, so far). */
const deferredEventSchema = z.object({
  userId: z.number().int(),
  chatId: z.number().int(),
  event: z.object({
    type: z.literal('network-status'),
    product: z.string(),
    status: networkStatusSchema,
  }),
});

export function createShopBot(options: ShopBotOptions): ShopBot {
  const log = options.logger.child({ component: 'bot' });
  const { telegraf } = options;
  const telegram = telegraf.telegram;
  const adminUserIds = options.admin?.userIds ?? [];
  const basePolicy = options.access?.policy ?? OPEN_POLICY;
  const policy: AccessPolicy = {
    ...basePolicy,
    adminUserIds: [...new Set([...basePolicy.adminUserIds, ...adminUserIds])],
  };
  const admission: Admission | undefined = options.access
    ? createAdmission({
        policy,
        orders: options.orders,
        clock: options.clock,
        ...(options.timeZone ? { timeZone: options.timeZone } : {}),
      })
    : undefined;
  const screenOptions: ScreenOptions = {
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
    ...(options.privacyPolicyUrl ? { privacyPolicyUrl: options.privacyPolicyUrl } : {}),
    ...(options.buyerCommands ? { helpCommands: options.buyerCommands } : {}),
  };
  const floodRule = options.access?.flood ?? DEFAULT_FLOOD_RULE;
  const runAdminCommand = options.admin
    ? createAdminCommands({
        provider: options.provider,
        ...(options.timeZone ? { timeZone: options.timeZone } : {}),
        orders: options.orders,
        store: options.admin.store,
        clock: options.clock,
        logger: options.logger,
        ...(options.admin.lowBalanceThreshold
          ? { lowBalanceThreshold: options.admin.lowBalanceThreshold }
          : {}),
        ...(options.admin.topups ? { topups: options.admin.topups } : {}),
        ...(options.jompay
          ? { payers: { store: options.jompay.payers, enabled: options.jompay.enabled } }
          : {}),
      })
    : undefined;
  // The admins' money commands, answered outside the conversation like the other admin commands.
  const money = options.admin?.money;
  const adminMoney: AdminMoney | undefined = money
    ? createAdminMoney({
        telegram: telegraf.telegram,
        adminUserIds,
        wallets: money.wallets,
        orders: options.orders,
        pricing: money.pricing,
        catalog: createCatalogReader({
          provider: options.provider,
          cache: options.cache,
          catalogTtlMs: options.catalogTtlMs ?? 10 * 60_000,
        }),
        currency: options.provider.currency,
        actions: createPendingActions({
          cache: options.cache,
          locks: options.locks,
          clock: options.clock,
          sleep: options.sleep,
          newId: money.newActionId ?? (() => options.newId().replace(/-/g, '').slice(0, 32)),
          ttlMs: money.actionTtlMs ?? 10 * 60_000,
        }),
        buyerLocale: (userId) => rememberedLocale(options.sessions, userId),
        ...(money.allowSelfCredit ? { allowSelfCredit: true } : {}),
        clock: options.clock,
        sleep: options.sleep,
        logger: options.logger,
      })
    : undefined;
  const runRequest = createRequestRunner({
    provider: options.provider,
    orders: options.orders,
    cache: options.cache,
    catalogTtlMs: options.catalogTtlMs ?? 10 * 60_000,
    ...(admission ? { admission } : {}),
    ...(options.wallet?.wallets ? { wallets: options.wallet.wallets } : {}),
    chargeBuyers: options.wallet?.chargeBuyers ?? options.wallet?.wallets !== undefined,
    ...(options.wallet?.quotePrice ? { quotePrice: options.wallet.quotePrice } : {}),
    ...(options.wallet?.topup ? { topups: options.wallet.topup.review } : {}),
    ...(options.alerts ? { onUnsellable: options.alerts.unsellable } : {}),
    ...(options.jompay ? { jompay: options.jompay } : {}),
    ...(options.wallet?.online ? { online: options.wallet.online } : {}),
  });
  const topupPolicy = options.wallet?.topup?.policy;
  const qrImagePath = options.wallet?.topup?.qrImagePath;
  const flowContext = (): FlowContext => ({
    now: options.clock.nowMs(),
    newId: options.newId,
    ...(topupPolicy ? { topup: topupPolicy } : {}),
    // Only where Confirm checks it: the prompts then never accept what Confirm would refuse.
    ...(admission && policy.maxOrderAmount ? { maxOrderAmount: policy.maxOrderAmount } : {}),
    ...(options.recheckSpacingMs === undefined ? {} : { recheckSpacingMs: options.recheckSpacingMs }),
  });
  const background = new Set<Promise<unknown>>();
  const sleep = options.sleep;
  /** Each update's chat turn, for its handlers (Telegraf's context keeps the update object as given). */
  const turns = new WeakMap<Update, ChatTurn>();
  const turnOf = (update: Update): ChatTurn => {
    const turn = turns.get(update);
    if (!turn) throw new Error('an update reached the bot outside its chat turn');
    return turn;
  };
  /** The chat's conversation as far as handlers outside it need it (its language, its screen). */
  const sessionOf = (turn: ChatTurn, userId: number) => restoreFlowState(turn.session, userId);
  /** The language for a reply outside the conversation: the conversation's, the picked one, or Telegram's. */
  const turnLocale = (turn: ChatTurn, userId: number, languageCode: string | undefined): Locale =>
    storedLocale(turn.session, userId) ?? localeFromLanguageCode(languageCode);
  const sessionCodec = createSessionCodec({ cache: options.cache, clock: options.clock });

  const display = async (
    chatId: number,
    how: { how: 'send' } | { how: 'edit'; messageId: number },
    shown: View,
  ) =>
    how.how === 'send'
      ? sendView(telegram, chatId, shown, sleep)
      : editView(telegram, chatId, how.messageId, shown, sleep);

  /** An order's status screen; `lastChecked` adds when the provider was last asked (after a Refresh). */
  const showOrder = async (
    state: FlowState,
    order: Order,
    how: Display,
    back?: CallbackData,
    lastChecked = false,
  ) => {
    await display(
      state.chatId,
      how,
      renderOrderStatus(
        order,
        state.locale,
        {},
        {
          reportIssue: options.books?.reportIssue ?? false,
          ...(back ? { back } : {}),
          ...(lastChecked ? { lastCheckedAtMs: order.updatedAt } : {}),
          ...(options.timeZone ? { timeZone: options.timeZone } : {}),
        },
      ),
    );
  };

  const inBackground = (task: Promise<unknown>) => {
    const tracked = task.catch((error) => log.warn('background task failed', { err: error }));
    background.add(tracked);
    void tracked.finally(() => background.delete(tracked));
  };

  /** Carries out one effect; returns the events that answer it. */
  const runEffect = async (
    effect: FlowEffect,
    state: FlowState,
    press: Press | undefined,
    /** The step's effects show a screen (which carries its own notice). */
    showsScreen = false,
  ): Promise<FlowEvent[]> => {
    switch (effect.type) {
      case 'answer-button': {
        if (!press) return [];
        const text = effect.toast ? renderToast(effect.toast, state.locale) : undefined;
        if (press.answeredOnArrival) {
          // No toast any more: a press on an older message is told so in a message, unless the
          // step shows a screen anyway (it says so itself). A second tap on the screen the buyer
          // is looking at (a double tap) needs no word.
          if (text !== undefined && !showsScreen && press.messageId !== state.screenMessageId)
            await sendView(telegram, state.chatId, view(escapeHtml(text)), sleep);
          return [];
        }
        // A failed answer only leaves a spinner on the button; it must never stop the conversation.
        await telegram.answerCbQuery(press.queryId, text).catch((error: unknown) => {
          if (!isQueryTooOld(error)) log.warn('could not answer a button press', { err: error });
        });
        return [];
      }
      case 'show-screen': {
        const messageId = await display(state.chatId, effect.display, renderScreen(state, screenOptions));
        const sameMessage = effect.display.how === 'edit' && effect.display.messageId === messageId;
        return sameMessage ? [] : [{ type: 'screen-sent', messageId }];
      }
      case 'show-order':
        await showOrder(state, effect.order, effect.display, effect.back, effect.lastChecked);
        return [];
      case 'remember-language':
        await options.sessions
          .set(
            lastingChoicesKey(state.chatId),
            encodeLastingChoices({ locale: effect.locale }),
            LASTING_CHOICES_TTL_MS,
          )
          .catch((error: unknown) =>
            log.warn('could not remember the buyer’s language', { userId: state.userId, err: error }),
          );
        return [];
      case 'recheck-order': {
        try {
          // Finished while the screen was being drawn (the scheduler or a callback got there first):
          // draw it again, or the "Processing" just drawn would stay over the receipt.
          const order = await options.orders.get(effect.refid);
          if (order && isFinal(order.state)) await showOrder(state, order, effect.display, effect.back);
          else if (effect.nudge) await options.orders.nudge(effect.refid, { byBuyer: true });
        } catch (error) {
          // Only the check brought forward is lost; the order's schedule still stands.
          log.warn('could not bring an order check forward', { err: error });
        }
        return [];
      }
      case 'check-network': {
        const { provider } = options;
        if (!provider.getNetworkStatus) return [];
        const product = effect.product;
        const checking = provider.getNetworkStatus(product);
        // Usually answered from the shared status cache at once: then the warning (if any) comes
        // with this update. A real look-up is not waited for: the screen is up, and the status
        // follows through the chat's queue when it arrives.
        const quick = await settledWithin(checking, NETWORK_STATUS_WAIT_MS);
        if (quick === 'pending') {
          inBackground(
            checking.then((status) =>
              options.defer(
                state.chatId,
                JSON.stringify({
                  userId: state.userId,
                  chatId: state.chatId,
                  event: { type: 'network-status', product, status },
                }),
              ),
            ),
          );
          return [];
        }
        if ('error' in quick) {
          log.warn('network status check failed', { product, err: quick.error });
          return [];
        }
        return [{ type: 'network-status', product, status: quick.value }];
      }
      case 'send-topup-qr':
        if (qrImagePath) {
          // The text instructions follow either way; a missing or refused image only loses the QR.
          await telegram
            .sendPhoto(state.chatId, Input.fromLocalFile(qrImagePath))
            .catch((error: unknown) => log.warn('could not send the top-up QR image', { err: error }));
        }
        return [];
      case 'load-order': {
        const order = await options.orders.get(effect.refid);
        return [
          {
            type: 'order-loaded',
            refid: effect.refid,
            purpose: effect.purpose,
            order,
            ...(effect.messageId === undefined ? {} : { messageId: effect.messageId }),
          },
        ];
      }
      default: {
        const answer = await runRequest(effect, state.locale);
        if (answer.type === 'request-failed')
          log.warn('request failed', { request: effect.type, error: answer.error });
        return [answer];
      }
    }
  };

  /**
   * Runs an event and everything it leads to, in the chat's turn: the queue hands each chat to one
   * worker at a time, and the session kept here is written when the update is acknowledged.
   */
  async function converse(
    turn: ChatTurn,
    userId: number,
    chatId: number,
    languageCode: string | undefined,
    first: FlowEvent,
    press?: Press,
  ): Promise<void> {
    const stored = await sessionCodec.decode(turn.session, userId);
    // No conversation: a returning buyer's picked language, when the queue found one, still holds.
    const lasting = stored ? undefined : restoreLastingChoices(turn.session);
    let state =
      stored ??
      withLastingChoices(
        createFlowState({ userId, chatId, ...(languageCode ? { languageCode } : {}), newId: options.newId }),
        lasting,
      );

    /** Reduces one event, runs its effects in order, and returns the events they answered with. */
    const step = async (event: FlowEvent): Promise<FlowEvent[]> => {
      const result = reduceFlow(state, event, flowContext());
      state = result.state;
      // Kept before the effects run, so a failing effect leaves the conversation where it got to.
      turn.keepSession(await sessionCodec.encode(state));
      const answers: FlowEvent[] = [];
      const showsScreen = result.effects.some((effect) => effect.type === 'show-screen');
      for (const effect of result.effects) {
        // Stored before an order or a top-up is made, not only with the acknowledgement: a replay
        // after a crash must meet the conversation past it (the quote submitted, the claim sent),
        // never make a second one.
        if (MAKES_MONEY_RECORDS.has(effect.type)) await turn.checkpoint();
        answers.push(...(await runWatched(effect, showsScreen)));
      }
      return answers;
    };
    /** Steps through an event and everything it leads to. */
    const follow = async (event: FlowEvent) => {
      const queue: FlowEvent[] = [event];
      for (let next = queue.shift(); next; next = queue.shift()) queue.push(...(await step(next)));
    };
    /**
     * Runs an effect; a request started without its "Loading…" screen (usually answered from a
     * cache) that is still out after `SLOW_REQUEST_NOTICE_MS` has that screen shown meanwhile.
     */
    const runWatched = async (effect: FlowEffect, showsScreen: boolean): Promise<FlowEvent[]> => {
      const answer = runEffect(effect, state, press, showsScreen);
      const screen = state.screen;
      const quiet =
        'requestId' in effect &&
        screen.kind === 'loading' &&
        !screen.shown &&
        screen.request.requestId === effect.requestId;
      if (!quiet) return answer;
      let timer: NodeJS.Timeout | undefined;
      const slow = new Promise<'slow'>((resolve) => {
        timer = setTimeout(() => resolve('slow'), SLOW_REQUEST_NOTICE_MS);
      });
      const first = await Promise.race([answer, slow]).finally(() => clearTimeout(timer));
      if (first !== 'slow') return first;
      await follow({ type: 'request-slow', requestId: effect.requestId });
      return answer;
    };
    await follow(first);
  }

  /**
   * Flood control: true when the update may go on. The first update over the limit gets `warn`
   * (one polite word per window); the rest are dropped. Admins are never throttled. A counter
   * failure lets the update through: this guards our rate limits, not money.
   */
  const floodAllows = async (
    turn: ChatTurn,
    userId: number,
    warn: () => Promise<unknown>,
    drop: () => Promise<unknown> = async () => {},
  ): Promise<boolean> => {
    // Counted on arrival (0: not counted, e.g. without flood control configured).
    if (!options.access || turn.floodHits === 0 || isAdmin(policy, userId)) return true;
    const decision = floodDecision(turn.floodHits, floodRule);
    if (decision === 'warn') {
      log.info('flood control: asking a user to slow down', { userId });
      await warn().catch((error: unknown) => log.warn('could not send the slow-down reply', { err: error }));
    } else if (decision !== 'pass') {
      await drop().catch(() => {});
    }
    return decision === 'pass';
  };

  /** An admin command, answered outside the conversation (no session change, no screen). */
  const answerAdmin = async (
    turn: ChatTurn,
    text: string,
    userId: number,
    chatId: number,
    languageCode: string | undefined,
    botUsername: string,
  ): Promise<boolean> => {
    if (!runAdminCommand || !adminUserIds.includes(userId)) return false;
    // --- book-keeping commands (/reconcile, /export, /reported): answered by books-commands.ts ---
    const booksCommand = options.books ? parseBooksCommand(text, botUsername) : undefined;
    if (booksCommand && options.books) {
      log.info('admin command', { command: booksCommand.name, userId });
      await options.books.books.run(booksCommand, chatId, turnLocale(turn, userId, languageCode));
      return true;
    }
    // --- end of book-keeping commands ---
    const command = parseAdminCommand(text, botUsername);
    const localeOf = async (): Promise<Locale> => turnLocale(turn, userId, languageCode);
    if (!command) return answerMoneyAdmin(text, userId, chatId, botUsername, localeOf);
    log.info('admin command', { command: command.name, userId });
    const locale = await localeOf();
    await sendView(telegram, chatId, await runAdminCommand(command, locale, userId), sleep);
    return true;
  };

  /** The money commands (admin-money.ts); false when the text is none of them. */
  const answerMoneyAdmin = async (
    text: string,
    userId: number,
    chatId: number,
    botUsername: string,
    localeOf: () => Promise<Locale>,
  ): Promise<boolean> => {
    if (!adminMoney) return false;
    const command = parseMoneyAdminCommand(
      text,
      options.provider.currency,
      botUsername,
      money?.adjustMax ? { adjustMax: money.adjustMax } : {},
    );
    if (!command) return false;
    log.info('admin command', { command: command.name, userId });
    await adminMoney.run(command, { adminId: userId, chatId, locale: await localeOf() });
    return true;
  };

  const onMessage = async (ctx: NarrowedContext<Context, Update.MessageUpdate>) => {
    const turn = turnOf(ctx.update);
    const text = 'text' in ctx.message ? ctx.message.text : undefined;
    const command = text === undefined ? undefined : parseCommand(text, ctx.botInfo.username);
    const where = chatPolicy({
      chatType: ctx.chat.type,
      kind: command ? 'command' : text !== undefined ? 'text' : 'other',
      addressedToBot:
        (text?.includes(`@${ctx.botInfo.username}`) ?? false) ||
        ('reply_to_message' in ctx.message && ctx.message.reply_to_message?.from?.id === ctx.botInfo.id),
    });
    if (where === 'ignore') return;
    const userId = ctx.from.id;
    const chatId = ctx.chat.id;
    const languageCode = ctx.from.language_code;
    // Non-text messages reach the conversation only while it waits for top-up evidence.
    let evidence: FlowEvent | undefined;
    if (where === 'converse' && text === undefined) {
      if (sessionOf(turn, userId)?.screen.kind !== 'topup-evidence') return;
      evidence = evidenceEvent(ctx.message, languageCode);
    }
    const locale = turnLocale(turn, userId, languageCode);
    // In a group the bot only ever says "talk to me privately"; a flood there is simply dropped.
    const warn = () =>
      where === 'converse' ? sendView(telegram, chatId, renderSlowDown(locale), sleep) : Promise.resolve();
    if (!(await floodAllows(turn, userId, warn))) return;
    if (where === 'redirect') {
      await sendView(telegram, chatId, renderPrivateOnly(locale, ctx.botInfo.username), sleep);
      return;
    }
    if (text === undefined && evidence === undefined) return;
    if (
      text !== undefined &&
      (await answerAdmin(turn, text, userId, chatId, languageCode, ctx.botInfo.username))
    )
      return;
    if (!mayBuy(policy, userId)) {
      await sendView(telegram, chatId, renderAccessDenied(locale, userId), sleep);
      return;
    }
    if (evidence) {
      await converse(turn, userId, chatId, languageCode, evidence);
      return;
    }
    if (text === undefined) return;
    const event: FlowEvent = command
      ? { type: 'command', command, ...(languageCode ? { languageCode } : {}) }
      : { type: 'text', text, ...(languageCode ? { languageCode } : {}) };
    await converse(turn, userId, chatId, languageCode, event);
  };

  const onCallbackQuery = async (ctx: NarrowedContext<Context, Update.CallbackQueryUpdate>) => {
    const turn = turnOf(ctx.update);
    const query = ctx.callbackQuery;
    const chat = query.message?.chat;
    const data = 'data' in query ? query.data : undefined;
    const press: Press = {
      queryId: query.id,
      messageId: query.message?.message_id,
      answeredOnArrival: options.pressesAnsweredOnArrival === true && answeredOnArrival(data),
    };
    /** Answers the press without a toast, unless the webhook's answer already did. */
    const answerSilently = async () => {
      if (!press.answeredOnArrival) await telegram.answerCbQuery(query.id);
    };
    if (chat?.type !== 'private') {
      await answerSilently().catch(() => {});
      return;
    }
    const languageCode = query.from.language_code;
    const locale = turnLocale(turn, query.from.id, languageCode);
    const toasts = messagesFor(locale).toasts;
    /** A toast, or for a press answered on arrival, `instead` (the toast's words by default) as a message. */
    const answerWith = (text: string, instead: View = view(escapeHtml(text)), showAlert = false) =>
      press.answeredOnArrival
        ? sendView(telegram, chat.id, instead, sleep)
        : telegram
            .answerCbQuery(query.id, text, showAlert ? { show_alert: true } : {})
            .catch((error: unknown) => {
              if (!isQueryTooOld(error)) throw error;
            });
    if (
      !(await floodAllows(
        turn,
        query.from.id,
        () => answerWith(toasts.slowDown, renderSlowDown(locale)),
        // A dropped press is still answered, silently, so its button does not keep spinning.
        answerSilently,
      ))
    )
      return;
    const decoded = buttonEvent(data, query.message?.message_id, languageCode).data;
    if (decoded?.scope === 'topup') {
      // An admin's decision on a top-up claim: outside the conversation, checked by the review.
      const review = options.wallet?.topup?.review;
      if (!review) await answerWith(toasts.expired);
      else
        await review.onButton({
          data: decoded,
          fromId: query.from.id,
          languageCode,
          callbackQueryId: query.id,
        });
      return;
    }
    if (decoded?.scope === 'admin') {
      // An admin's Confirm / Cancel / Apply or statement page: outside the conversation, checked there.
      if (!adminMoney) await answerWith(toasts.expired);
      else
        await adminMoney.onButton({
          data: decoded,
          fromId: query.from.id,
          chatId: chat.id,
          messageId: query.message?.message_id,
          languageCode,
          callbackQueryId: query.id,
        });
      return;
    }
    if (!mayBuy(policy, query.from.id)) {
      await answerWith(toasts.notAllowed, renderAccessDenied(locale, query.from.id), true);
      return;
    }
    // Report Issue on a receipt: answered outside the conversation, like an admin command.
    if (options.books && decoded?.scope === 'order' && decoded.action === 'reportIssue') {
      await answerSilently().catch(() => {});
      await options.books.books.reportIssue({
        refid: decoded.refid,
        userId: query.from.id,
        chatId: chat.id,
        ...(query.message?.message_id === undefined ? {} : { messageId: query.message.message_id }),
        locale: turnLocale(turn, query.from.id, languageCode),
      });
      return;
    }
    await converse(
      turn,
      query.from.id,
      chat.id,
      languageCode,
      buttonEvent(data, query.message?.message_id, languageCode),
      press,
    );
  };

  const onError = async (error: unknown, ctx: Context) => {
    // The update stays queued and runs again; an apology now would be followed by the real answer.
    if (shouldRetryLater(error)) throw error;
    log.error('update failed', { updateId: ctx.update.update_id, err: error });
    const chatId = ctx.chat?.type === 'private' ? ctx.chat.id : undefined;
    if (chatId === undefined) return;
    const locale = localeFromLanguageCode(ctx.from?.language_code);
    await sendView(telegram, chatId, view(messagesFor(locale).errors.internal), sleep).catch(() => {});
  };

  /** Messages and presses reach their handlers; other kinds of update end here. */
  const handlers: MiddlewareFn<Context> = async (ctx) => {
    if (ctx.has('callback_query')) await onCallbackQuery(ctx);
    else if (ctx.has('message')) await onMessage(ctx);
  };
  const runUpdate = createUpdatePipeline(telegraf, [...(options.middleware ?? []), handlers], onError);

  return {
    telegraf,
    handleUpdate: async (update, turn) => {
      turns.set(update, turn);
      await runUpdate(update);
    },
    async handleDeferred(json, turn) {
      const parsed = deferredEventSchema.safeParse(parseJsonOrUndefined(json));
      if (!parsed.success) {
        log.error('a deferred event is unreadable; dropped', { issues: parsed.error.issues.length });
        return;
      }
      const { userId, chatId, event } = parsed.data;
      await converse(turn, userId, chatId, undefined, event);
    },
    async apologise(update) {
      const sender = senderOf(update);
      if (!sender) return;
      const locale = localeFromLanguageCode(sender.languageCode);
      await sendView(telegram, sender.chatId, view(messagesFor(locale).errors.internal), sleep);
    },
    async idle() {
      while (background.size > 0) await Promise.all([...background]);
    },
  };
}

/** The private chat an update came from and its sender's language, when it has one. */
function senderOf(update: Update): { chatId: number; languageCode: string | undefined } | undefined {
  if ('message' in update && update.message.chat.type === 'private')
    return { chatId: update.message.chat.id, languageCode: update.message.from.language_code };
  if ('callback_query' in update && update.callback_query.message?.chat.type === 'private')
    return {
      chatId: update.callback_query.message.chat.id,
      languageCode: update.callback_query.from.language_code,
    };
  return undefined;
}

/**
 * A photo's sizes as Telegram sends them, checked like any input: the claim keeps the largest size's
 * file_id (to show the admins) and file_unique_id (to recognise the same receipt sent again).
 */
const photoSizesSchema = z
  .array(
    z.object({
      file_id: z.string().min(1),
      file_unique_id: z.string().min(1),
      width: z.number(),
      height: z.number(),
    }),
  )
  .min(1);

type PhotoSize = z.infer<typeof photoSizesSchema>[number];

/**
 * A photo becomes its largest size's ids (and caption); any other message, or a photo whose sizes do
 * not read as Telegram's, is `other-message`.
 */
function evidenceEvent(message: object, languageCode: string | undefined): FlowEvent {
  const from = languageCode ? { languageCode } : {};
  const sizes = photoSizesSchema.safeParse('photo' in message ? message.photo : undefined);
  if (!sizes.success) return { type: 'other-message', ...from };
  const largest = sizes.data.reduce((best: PhotoSize, size) =>
    size.width * size.height > best.width * best.height ? size : best,
  );
  const caption = 'caption' in message && typeof message.caption === 'string' ? message.caption : undefined;
  return {
    type: 'photo',
    fileId: largest.file_id,
    fileUniqueId: largest.file_unique_id,
    ...(caption ? { caption } : {}),
    ...from,
  };
}
