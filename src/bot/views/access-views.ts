import { formatMoney } from '../../payments/money.js';
import type { OrderRefusal } from '../access/refusal.js';
import { formatZonedDateTime, MALAYSIA_TIME, type ShopTimeZone } from '../i18n/dates.js';
import { messagesFor } from '../i18n/index.js';
import type { Locale } from '../i18n/locale.js';
import type { Messages } from '../i18n/messages.js';
import { blocks, lines } from './html.js';
import { type View, view } from './view.js';
import { insufficientText } from './wallet-views.js';

/** What a buyer is told when the shop will not serve them, or not right now. */

/** The reply to anything a buyer who is not on the allowlist sends. */
export function renderAccessDenied(locale: Locale, userId: number): View {
  return view(messagesFor(locale).access.notAllowed(String(userId)));
}

/** The one reply per window to a buyer who sends too much too fast. */
export function renderSlowDown(locale: Locale): View {
  return view(messagesFor(locale).access.slowDown);
}

/** Why Confirm did not make an order, and when the buyer can order again. */
export function refusalText(
  refusal: OrderRefusal,
  m: Messages,
  locale: Locale,
  zone: ShopTimeZone = MALAYSIA_TIME,
): string {
  switch (refusal.kind) {
    case 'not-allowed':
      return blocks(m.access.refusedTitle, m.access.notAllowedToOrder);
    case 'daily-count':
      return blocks(
        m.access.refusedTitle,
        lines(
          m.access.dailyCountReached(refusal.limit),
          m.access.resetsAt(formatZonedDateTime(refusal.resetsAt, locale, zone)),
        ),
      );
    case 'daily-amount': {
      const limit = formatMoney(refusal.limit);
      const resets = m.access.resetsAt(formatZonedDateTime(refusal.resetsAt, locale, zone));
      return blocks(
        m.access.refusedTitle,
        refusal.remaining.minor > 0
          ? lines(
              m.access.dailyAmountLeft(formatMoney(refusal.remaining), limit),
              m.access.chooseSmaller,
              resets,
            )
          : lines(m.access.dailyAmountReached(limit), resets),
      );
    }
    case 'order-too-large':
      return blocks(
        m.access.refusedTitle,
        lines(m.access.orderTooLarge(formatMoney(refusal.limit)), m.access.chooseSmaller),
      );
    case 'insufficient-balance':
      return insufficientText(refusal.balance, refusal.price, m);
    case 'payer-unverified':
      return blocks(m.jompay.unverifiedTitle, m.jompay.unverified(String(refusal.userId)));
  }
}
