import type { Telegram } from 'telegraf';
import type { Order, StatusMessageRef } from '../../payments/orders/order.js';
import type { OrderNotice, OrderNotifier } from '../../payments/orders/ports.js';
import type { Logger } from '../../platform/logger.js';
import type { Sleep } from '../../platform/sleep.js';
import { isLocale } from '../i18n/locale.js';
import { renderOrderStatus } from '../views/order-views.js';
import { cannotReachChat, editView, sendView } from './telegram-io.js';

/**
 * The order engine's notifier: shows an order's progress by editing its status message in place (or
 * sending one when the order has none), in the buyer's language. Idempotent, as the engine requires:
 * showing the same state twice edits the same message to the same text.
 */
export interface OrderNotifierOptions {
  telegram: Telegram;
  sleep: Sleep;
  logger: Logger;
  /** Receipts of successful orders carry Report Issue (the provider takes it). */
  reportIssue?: boolean;
}

export function createOrderNotifier(options: OrderNotifierOptions): OrderNotifier {
  const { telegram, sleep } = options;
  const log = options.logger.child({ component: 'order-notifier' });
  return {
    async show(order: Order, notice?: OrderNotice) {
      const locale = isLocale(order.locale) ? order.locale : 'en';
      const shown = renderOrderStatus(order, locale, notice, { reportIssue: options.reportIssue ?? false });
      const target: StatusMessageRef | undefined = order.statusMessage;
      try {
        if (target) await editView(telegram, target.chatId, target.messageId, shown, sleep);
        else await sendView(telegram, order.chatId, shown, sleep);
      } catch (error) {
        // Blocked, deleted or unknown chats will never accept a message: the order is recorded and
        // the buyer sees it in /history if they come back; retrying would go on forever.
        if (!cannotReachChat(error)) throw error;
        log.warn('buyer cannot be reached; order outcome kept for /history', {
          refid: order.refid,
          state: order.state,
        });
      }
    },
  };
}
