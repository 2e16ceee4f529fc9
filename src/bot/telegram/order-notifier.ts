import QRCode from 'qrcode';
import { Input, type Telegram } from 'telegraf';
import type { Order, StatusMessageRef } from '../../payments/orders/order.js';
import type { OrderNotice, OrderNotifier } from '../../payments/orders/ports.js';
import type { Logger } from '../../platform/logger.js';
import type { Sleep } from '../../platform/sleep.js';
import type { ShopTimeZone } from '../i18n/dates.js';
import { messagesFor } from '../i18n/index.js';
import { isLocale } from '../i18n/locale.js';
import { lpaOf, renderOrderStatus } from '../views/order-views.js';
import type { AdminAlerts } from './admin-alerts.js';
import { cannotReachChat, editView, sendView } from './telegram-io.js';

/**
 * The order engine's notifier: shows an order's progress by editing its status message in place (or
 * sending one when the order has none), in the buyer's language. Idempotent, as the engine requires:
 * showing the same state twice edits the same message to the same text.
 *
 * The engine retries a failed notification; here those retries are capped per order and state
 * (`maxAttempts`), after which the admins are alerted and the outcome stays in /history, so a
 * receipt Telegram keeps refusing is not retried forever.
 */
export interface OrderNotifierOptions {
  telegram: Telegram;
  sleep: Sleep;
  logger: Logger;
  /** Receipts of successful orders carry Report Issue (the provider takes it). */
  reportIssue?: boolean;
  /** The shop's zone for receipt times (SHOP_TIMEZONE); Malaysia unless given. */
  timeZone?: ShopTimeZone;
  /** Told when a buyer could not be shown a final outcome after `maxAttempts`. */
  alerts?: Pick<AdminAlerts, 'notifyFailed'>;
  /** Attempts per order and state before giving up; 5 by default. */
  maxAttempts?: number;
}

export function createOrderNotifier(options: OrderNotifierOptions): OrderNotifier {
  const { telegram, sleep } = options;
  const log = options.logger.child({ component: 'order-notifier' });
  const maxAttempts = options.maxAttempts ?? 5;
  /** Failed attempts per `refid:state` in this process. */
  const failures = new Map<string, number>();

  /** An eSIM's activation code as a QR image, sent under the receipt; a failure loses only the image. */
  const sendEsimQr = async (order: Order, lpa: string) => {
    try {
      const png = await QRCode.toBuffer(lpa, {
        type: 'png',
        errorCorrectionLevel: 'M',
        margin: 2,
        width: 512,
      });
      const locale = isLocale(order.locale) ? order.locale : 'en';
      await telegram.sendPhoto(order.chatId, Input.fromBuffer(png, 'esim-qr.png'), {
        caption: messagesFor(locale).receipt.esimQrCaption(order.display.productName).slice(0, 1000),
      });
    } catch (error) {
      log.warn('could not send the eSIM QR image', { refid: order.refid, err: error });
    }
  };

  return {
    async show(order: Order, notice?: OrderNotice) {
      const locale = isLocale(order.locale) ? order.locale : 'en';
      const shown = renderOrderStatus(order, locale, notice, {
        reportIssue: options.reportIssue ?? false,
        ...(options.timeZone ? { timeZone: options.timeZone } : {}),
      });
      const target: StatusMessageRef | undefined = order.statusMessage;
      const attemptKey = `${order.refid}:${order.state}`;
      try {
        if (target) await editView(telegram, target.chatId, target.messageId, shown, sleep);
        else await sendView(telegram, order.chatId, shown, sleep);
        failures.delete(attemptKey);
      } catch (error) {
        // Blocked, deleted or unknown chats will never accept a message: the order is recorded and
        // the buyer sees it in /history if they come back; retrying would go on forever.
        if (cannotReachChat(error)) {
          log.warn('buyer cannot be reached; order outcome kept for /history', {
            refid: order.refid,
            state: order.state,
          });
          return;
        }
        const failed = (failures.get(attemptKey) ?? 0) + 1;
        failures.set(attemptKey, failed);
        if (failed < maxAttempts) throw error;
        failures.delete(attemptKey);
        log.error('gave up telling the buyer; the admins are alerted', {
          refid: order.refid,
          state: order.state,
          attempts: failed,
          err: error,
        });
        options.alerts?.notifyFailed(order, error instanceof Error ? error.message : String(error));
        return;
      }
      const lpa = order.state === 'succeeded' ? lpaOf(order) : undefined;
      if (lpa) await sendEsimQr(order, lpa);
    },
  };
}
