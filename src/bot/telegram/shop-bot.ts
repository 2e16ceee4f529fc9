import { Telegraf } from 'telegraf';
import type { Update } from 'telegraf/types';
import type { Order, StatusMessageRef } from '../../payments/orders/order.js';
import type { OrderNotifier, OrderService } from '../../payments/orders/ports.js';
import type { PaymentProvider } from '../../payments/provider.js';
import type { Clock } from '../../platform/clock.js';
import type { Logger } from '../../platform/logger.js';
import type { Sleep } from '../../platform/sleep.js';
import type { CacheStore, LockStore, SessionStore } from '../../store/ports.js';
import type { FlowEffect } from '../flow/effects.js';
import { buttonEvent, type FlowEvent, parseCommand } from '../flow/events.js';
import { reduceFlow } from '../flow/reducer.js';
import { createFlowState, type FlowState, restoreFlowState } from '../flow/state.js';
import { messagesFor } from '../i18n/index.js';
import { isLocale, localeFromLanguageCode } from '../i18n/locale.js';
import { chatPolicy } from '../private-chat.js';
import { renderPrivateOnly, renderToast } from '../views/misc-views.js';
import { renderOrderStatus } from '../views/order-views.js';
import { renderScreen } from '../views/screen.js';
import { type View, view } from '../views/view.js';
import { createRequestRunner } from './requests.js';
import { editView, isQueryTooOld, sendView } from './telegram-io.js';

/**
 * The Telegraf glue: turns Telegram updates into conversation events, runs the reducer one update
 * at a time per chat (a lock shared by every replica), keeps the state in the session store, and
 * carries out the effects. Provider lookups happen inside an update; payments never do: the order
 * engine pays in the background and tells the buyer through `notifier`.
 */
export interface ShopBotOptions {
  token: string;
  /** A local Bot API server (tests, self-hosted); Telegram's by default. */
  apiRoot?: string;
  provider: PaymentProvider;
  orders: OrderService;
  sessions: SessionStore<unknown>;
  locks: LockStore;
  cache: CacheStore;
  clock: Clock;
  newId: () => string;
  sleep: Sleep;
  logger: Logger;
  catalogTtlMs?: number;
  sessionTtlMs?: number;
}

export interface ShopBot {
  telegraf: Telegraf;
  /** Handles one update (from the webhook or from polling). */
  handleUpdate(update: Update): Promise<void>;
  /** Shows an order's progress by editing its status message: the order engine's notifier. */
  notifier: OrderNotifier;
  /** Resolves when background work (network checks) has finished. */
  idle(): Promise<void>;
}

const CHAT_LOCK_TTL_MS = 60_000;
const CHAT_LOCK_WAIT_MS = 15_000;

export function createShopBot(options: ShopBotOptions): ShopBot {
  const log = options.logger.child({ component: 'bot' });
  const telegraf = new Telegraf(options.token, {
    telegram: { webhookReply: false, ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}) },
    // The reducer never waits on a payment; this only bounds a slow provider lookup.
    handlerTimeout: 90_000,
  });
  const telegram = telegraf.telegram;
  const runRequest = createRequestRunner({
    provider: options.provider,
    orders: options.orders,
    cache: options.cache,
    catalogTtlMs: options.catalogTtlMs ?? 10 * 60_000,
  });
  const sessionTtlMs = options.sessionTtlMs ?? 60 * 60_000;
  const background = new Set<Promise<unknown>>();
  const sleep = options.sleep;

  const lockChat = async (chatId: number): Promise<string | undefined> => {
    const deadline = options.clock.nowMs() + CHAT_LOCK_WAIT_MS;
    for (;;) {
      const token = await options.locks.acquire(`chat:${chatId}`, CHAT_LOCK_TTL_MS);
      if (token || options.clock.nowMs() > deadline) return token;
      await sleep(50);
    }
  };

  const display = async (
    chatId: number,
    how: { how: 'send' } | { how: 'edit'; messageId: number },
    shown: View,
  ) =>
    how.how === 'send'
      ? sendView(telegram, chatId, shown, sleep)
      : editView(telegram, chatId, how.messageId, shown, sleep);

  const inBackground = (task: Promise<unknown>) => {
    const tracked = task.catch((error) => log.warn('background task failed', { err: error }));
    background.add(tracked);
    void tracked.finally(() => background.delete(tracked));
  };

  /** Carries out one effect; returns the events that answer it. */
  const runEffect = async (
    effect: FlowEffect,
    state: FlowState,
    callbackQueryId: string | undefined,
  ): Promise<FlowEvent[]> => {
    switch (effect.type) {
      case 'answer-button': {
        if (!callbackQueryId) return [];
        const text = effect.toast ? renderToast(effect.toast, state.locale) : undefined;
        await telegram.answerCbQuery(callbackQueryId, text).catch((error: unknown) => {
          if (!isQueryTooOld(error)) throw error;
        });
        return [];
      }
      case 'show-screen': {
        const messageId = await display(state.chatId, effect.display, renderScreen(state));
        const sameMessage = effect.display.how === 'edit' && effect.display.messageId === messageId;
        return sameMessage ? [] : [{ type: 'screen-sent', messageId }];
      }
      case 'show-order':
        await display(state.chatId, effect.display, renderOrderStatus(effect.order, state.locale));
        return [];
      case 'check-network': {
        const { provider } = options;
        if (provider.getNetworkStatus) {
          const check = provider.getNetworkStatus.bind(provider);
          inBackground(
            check(effect.product).then((status) =>
              converse(state.userId, state.chatId, undefined, {
                type: 'network-status',
                product: effect.product,
                status,
              }),
            ),
          );
        }
        return [];
      }
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
        const answer = await runRequest(effect);
        if (answer.type === 'request-failed')
          log.warn('request failed', { request: effect.type, error: answer.error });
        return [answer];
      }
    }
  };

  /** Runs an event and everything it leads to, for one chat, under that chat's lock. */
  async function converse(
    userId: number,
    chatId: number,
    languageCode: string | undefined,
    first: FlowEvent,
    callbackQueryId?: string,
  ): Promise<void> {
    const lock = await lockChat(chatId);
    if (!lock) log.warn('chat lock still held after waiting; going ahead', { chatId });
    try {
      const key = `chat:${chatId}`;
      let state =
        restoreFlowState(await options.sessions.get(key), userId) ??
        createFlowState({ userId, chatId, ...(languageCode ? { languageCode } : {}), newId: options.newId });
      const queue: FlowEvent[] = [first];
      for (let event = queue.shift(); event; event = queue.shift()) {
        const result = reduceFlow(state, event, { now: options.clock.nowMs(), newId: options.newId });
        state = result.state;
        await options.sessions.set(key, state, sessionTtlMs);
        for (const effect of result.effects) queue.push(...(await runEffect(effect, state, callbackQueryId)));
      }
    } finally {
      if (lock) await options.locks.release(`chat:${chatId}`, lock);
    }
  }

  telegraf.on('message', async (ctx) => {
    const text = 'text' in ctx.message ? ctx.message.text : undefined;
    const command = text === undefined ? undefined : parseCommand(text, ctx.botInfo.username);
    const policy = chatPolicy({
      chatType: ctx.chat.type,
      kind: command ? 'command' : text !== undefined ? 'text' : 'other',
      addressedToBot:
        (text?.includes(`@${ctx.botInfo.username}`) ?? false) ||
        ('reply_to_message' in ctx.message && ctx.message.reply_to_message?.from?.id === ctx.botInfo.id),
    });
    const languageCode = ctx.from.language_code;
    if (policy === 'redirect') {
      const shown = renderPrivateOnly(localeFromLanguageCode(languageCode), ctx.botInfo.username);
      await sendView(telegram, ctx.chat.id, shown, sleep);
      return;
    }
    if (policy !== 'converse' || text === undefined) return;
    const event: FlowEvent = command
      ? { type: 'command', command, ...(languageCode ? { languageCode } : {}) }
      : { type: 'text', text, ...(languageCode ? { languageCode } : {}) };
    await converse(ctx.from.id, ctx.chat.id, languageCode, event);
  });

  telegraf.on('callback_query', async (ctx) => {
    const query = ctx.callbackQuery;
    const chat = query.message?.chat;
    if (chat?.type !== 'private') {
      await ctx.answerCbQuery().catch(() => {});
      return;
    }
    const data = 'data' in query ? query.data : undefined;
    const languageCode = query.from.language_code;
    await converse(
      query.from.id,
      chat.id,
      languageCode,
      buttonEvent(data, query.message?.message_id, languageCode),
      query.id,
    );
  });

  telegraf.catch(async (error, ctx) => {
    log.error('update failed', { updateId: ctx.update.update_id, err: error });
    const chatId = ctx.chat?.type === 'private' ? ctx.chat.id : undefined;
    if (chatId === undefined) return;
    const locale = localeFromLanguageCode(ctx.from?.language_code);
    await sendView(telegram, chatId, view(messagesFor(locale).errors.internal), sleep).catch(() => {});
  });

  const notifier: OrderNotifier = {
    async show(order: Order) {
      const locale = isLocale(order.locale) ? order.locale : 'en';
      const shown = renderOrderStatus(order, locale);
      const target: StatusMessageRef | undefined = order.statusMessage;
      if (target) await editView(telegram, target.chatId, target.messageId, shown, sleep);
      else await sendView(telegram, order.chatId, shown, sleep);
    },
  };

  return {
    telegraf,
    handleUpdate: (update) => telegraf.handleUpdate(update),
    notifier,
    async idle() {
      while (background.size > 0) await Promise.all([...background]);
    },
  };
}
