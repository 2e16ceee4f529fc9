import { REFID_PATTERN } from '../callback-data.js';
import { type BuyerMenuCommand, USER_MENU_COMMANDS } from '../flow/events.js';
import { MESSAGES } from '../i18n/index.js';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '../i18n/locale.js';
import { normalizePayerId, type PayerId } from '../input.js';
import { BOOKS_COMMANDS, type BooksCommandName } from './books.js';
import {
  PRICING_ADMIN_COMMANDS,
  type PricingAdminCommandName,
  WALLET_ADMIN_COMMANDS,
  type WalletAdminCommandName,
} from './money-commands.js';

/**
 * The admins' commands. They are answered outside the buyer conversation (no session, no screen),
 * and only for admin user ids in private chats; for anyone else they are just unknown commands.
 */
export type AdminCommandName = 'balance' | 'order' | 'pending' | 'stats' | 'topups' | 'verify' | 'unverify';

export const ADMIN_COMMANDS: readonly AdminCommandName[] = [
  'balance',
  'order',
  'pending',
  'stats',
  'topups',
  'verify',
  'unverify',
];

export type AdminCommand =
  | { name: 'balance' | 'pending' | 'stats' | 'topups' }
  /** `refid` is undefined when missing or not shaped like one of our refids. */
  | { name: 'order'; refid: string | undefined }
  /**
   * JomPAY eKYC: `/verify <user id> <IC or passport>`. Either part is undefined when missing or
   * unreadable (the IC is checked like the buyer's input: 12 digits with a real birth date).
   */
  | { name: 'verify'; userId: number | undefined; payer: PayerId | undefined }
  | { name: 'unverify'; userId: number | undefined };

/**
 * Reads an admin command: "/balance", "/stats@ShopBot", "/order AB12CD34". Undefined for anything
 * else, including commands addressed to another bot.
 */
export function parseAdminCommand(text: string, botUsername?: string): AdminCommand | undefined {
  const match = /^\/([a-z]+)(?:@([A-Za-z0-9_]+))?(?:\s+(.*))?$/is.exec(text.trim());
  if (!match) return undefined;
  const [, rawName = '', target, rest = ''] = match;
  if (target !== undefined && botUsername !== undefined && target.toLowerCase() !== botUsername.toLowerCase())
    return undefined;
  const name = rawName.toLowerCase();
  if (!(ADMIN_COMMANDS as readonly string[]).includes(name)) return undefined;
  if (name === 'verify' || name === 'unverify') {
    const [first = '', ...others] = rest.trim().split(/\s+/);
    const userId = /^\d{1,15}$/.test(first) ? Number(first) : undefined;
    if (name === 'unverify') return { name, userId };
    const typed = others.join('');
    const payer = typed === '' ? undefined : normalizePayerId(typed);
    return { name, userId, payer: payer?.ok ? payer.value : undefined };
  }
  if (name !== 'order') return { name: name as 'balance' | 'pending' | 'stats' | 'topups' };
  const refid = rest.trim().split(/\s+/)[0] ?? '';
  return { name: 'order', refid: REFID_PATTERN.test(refid) ? refid : undefined };
}

export { USER_MENU_COMMANDS };

export interface BotCommand {
  command: string;
  description: string;
}

export type CommandMenuScope = { type: 'default' } | { type: 'chat'; chat_id: number };

/** One setMyCommands call: the commands for a scope, in a language (or the default for all). */
export interface CommandMenu {
  scope: CommandMenuScope;
  /** Absent: the default, shown to users whose language has no menu of its own. */
  languageCode?: Locale;
  commands: BotCommand[];
}

/** The money commands (money-commands.ts), answered by the same admin gate. */
export type MenuAdminCommand =
  | AdminCommandName
  | WalletAdminCommandName
  | PricingAdminCommandName
  | BooksCommandName;

/** Every admin command in the admins' menu, in this order. */
export const ADMIN_MENU_COMMANDS: readonly MenuAdminCommand[] = [
  ...ADMIN_COMMANDS,
  ...WALLET_ADMIN_COMMANDS,
  ...PRICING_ADMIN_COMMANDS,
  ...BOOKS_COMMANDS,
];

function commandsFor(
  locale: Locale,
  names: readonly (BuyerMenuCommand | MenuAdminCommand)[],
  forAdmins = false,
): BotCommand[] {
  const descriptions = MESSAGES[locale].commands;
  return names.map((command) => ({
    command,
    // Admins' /wallet also takes a buyer's user id.
    description: forAdmins && command === 'wallet' ? descriptions.adminWallet : descriptions[command],
  }));
}

/**
 * Every command menu to register: buyer commands for everyone (English by default, Malay for Malay
 * clients, Indonesian for Indonesian ones), and buyer plus admin commands in each admin's own chat, in each language. Only admins'
 * chats list the admin commands; nobody else sees a hint that they exist.
 */
export function commandMenus(
  adminUserIds: readonly number[],
  buyerCommands: readonly BuyerMenuCommand[] = USER_MENU_COMMANDS,
): CommandMenu[] {
  const variants = LOCALES.map((locale) =>
    locale === DEFAULT_LOCALE ? { locale } : { locale, languageCode: locale },
  );
  const menus: CommandMenu[] = variants.map(({ locale, languageCode }) => ({
    scope: { type: 'default' },
    ...(languageCode ? { languageCode } : {}),
    commands: commandsFor(locale, buyerCommands),
  }));
  for (const chatId of new Set(adminUserIds)) {
    for (const { locale, languageCode } of variants) {
      menus.push({
        scope: { type: 'chat', chat_id: chatId },
        ...(languageCode ? { languageCode } : {}),
        commands: commandsFor(locale, [...buyerCommands, ...ADMIN_MENU_COMMANDS], true),
      });
    }
  }
  return menus;
}
