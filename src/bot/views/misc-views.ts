import type { ToastKey } from '../flow/effects.js';
import { messagesFor } from '../i18n/index.js';
import type { Locale } from '../i18n/locale.js';
import { present, urlButton, type View, view } from './view.js';

/** Plain text for answerCallbackQuery. */
export function renderToast(key: ToastKey, locale: Locale): string {
  const toasts = messagesFor(locale).toasts;
  switch (key) {
    case 'expired':
      return toasts.expired;
  }
}

/** The one reply to a command in a group: come and talk privately (with a deep link when known). */
export function renderPrivateOnly(locale: Locale, botUsername?: string): View {
  const m = messagesFor(locale);
  const link =
    botUsername && /^[A-Za-z0-9_]{3,64}$/.test(botUsername)
      ? `https://t.me/${botUsername}?start=shop`
      : undefined;
  return view(m.privateOnly.text, [present(urlButton(m.buttons.openPrivateChat, link))]);
}
