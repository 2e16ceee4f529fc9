import { type Currency, type Money, money } from '../../payments/money.js';
import { type InputError, parseAmountInput } from '../input.js';
import { type MarginCommandParse, parseMarginArguments } from './margin-command.js';

/**
 * The admins' money commands, parsed (pure): wallet adjustments, a buyer's wallet, audits, and the
 * price rules. Grammar (command names are case-insensitive, `@ShopBot` may follow them):
 *
 *   /credit <user id> <amount> [note]     /debit <user id> <amount> [note]
 *   /wallet <user id> [page]              /audit [user id]
 *   /margin <change> (see margin-command.ts)   /prices
 *
 * Amounts are read like a buyer's typed amount (`parseAmountInput`): "10", "10.50", "RM 10.50",
 * "1,000"; never rounded ("10.555" is refused as too precise), never zero or negative, never above
 * the fat-finger guard (ADMIN_ADJUST_MAX_AMOUNT). A bare `/wallet` is the admin's own wallet (the
 * buyer command) and is not parsed here.
 */

export type WalletAdminCommandName = 'credit' | 'debit' | 'audit';
export type PricingAdminCommandName = 'margin' | 'prices';

/** In the order the admins' menu lists them (after the original admin commands). */
export const WALLET_ADMIN_COMMANDS: readonly WalletAdminCommandName[] = ['credit', 'debit', 'audit'];
export const PRICING_ADMIN_COMMANDS: readonly PricingAdminCommandName[] = ['margin', 'prices'];

/** Longest note kept with a credit or debit (it is shown to the buyer and kept in the ledger). */
export const MAX_ADJUSTMENT_NOTE = 200;

/**
 * The most one /credit or /debit may move when ADMIN_ADJUST_MAX_AMOUNT is unset: ten times the
 * default per-order maximum, so a real make-good fits and a slipped finger (RM 99,999,999,999.00)
 * does not.
 */
export const DEFAULT_ADMIN_ADJUST_MAX_AMOUNT: Record<Currency, Money> = {
  MYR: money(10_000_00, 'MYR'),
  IDR: money(50_000_000, 'IDR'),
};

/** Why /credit, /debit, /wallet or /audit was not understood; the view words it for the admin. */
export type MoneyCommandProblem =
  | { code: 'usage'; command: 'credit' | 'debit' | 'wallet' | 'audit' }
  | { code: 'badUserId'; command: 'credit' | 'debit' | 'wallet' | 'audit'; word: string }
  | { code: 'badAmount'; command: 'credit' | 'debit'; word: string; error: InputError }
  /** Above the fat-finger guard (ADMIN_ADJUST_MAX_AMOUNT): nothing is offered to confirm. */
  | { code: 'aboveAdjustLimit'; command: 'credit' | 'debit'; word: string; limit: Money }
  | { code: 'badPage'; word: string };

export interface Adjustment {
  direction: 'credit' | 'debit';
  userId: number;
  /** Positive; the ledger entry's sign comes from the direction. */
  amount: Money;
  note?: string;
}

export type MoneyAdminCommand =
  | { name: 'adjust'; adjustment: Adjustment }
  /** `page` counts from 0. */
  | { name: 'wallet'; userId: number; page: number }
  /** Without `userId`: every wallet. */
  | { name: 'audit'; userId?: number }
  | { name: 'margin'; parse: MarginCommandParse }
  | { name: 'prices' }
  | { name: 'problem'; problem: MoneyCommandProblem };

const NAMES = ['credit', 'debit', 'wallet', 'audit', 'margin', 'prices'] as const;
const CURRENCY_WORD = /^(?:rm|myr|rp|idr)$/i;

/** Telegram user ids are positive integers (at most 52 bits). */
export function parseUserId(word: string): number | undefined {
  if (!/^\d{1,16}$/.test(word)) return undefined;
  const id = Number(word);
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

/** Limits the parse holds amounts to. */
export interface MoneyCommandLimits {
  /** The most one /credit or /debit may move; DEFAULT_ADMIN_ADJUST_MAX_AMOUNT of the currency if absent. */
  adjustMax?: Money;
}

/**
 * Reads one of the money commands. Undefined when the text is none of them, is addressed to another
 * bot, or is a bare `/wallet` (the buyer's own wallet).
 */
export function parseMoneyAdminCommand(
  text: string,
  currency: Currency,
  botUsername?: string,
  limits: MoneyCommandLimits = {},
): MoneyAdminCommand | undefined {
  const match = /^\/([a-z]+)(?:@([A-Za-z0-9_]+))?(?:\s+([\s\S]*))?$/i.exec(text.trim());
  if (!match) return undefined;
  const [, rawName = '', target, rest = ''] = match;
  if (target !== undefined && botUsername !== undefined && target.toLowerCase() !== botUsername.toLowerCase())
    return undefined;
  const name = rawName.toLowerCase() as (typeof NAMES)[number];
  if (!NAMES.includes(name)) return undefined;
  const args = rest.trim();
  const problem = (p: MoneyCommandProblem): MoneyAdminCommand => ({ name: 'problem', problem: p });
  switch (name) {
    case 'prices':
      return { name: 'prices' };
    case 'margin':
      return { name: 'margin', parse: parseMarginArguments(args, currency) };
    case 'wallet': {
      if (args === '') return undefined;
      const [idWord = '', pageWord, ...extra] = args.split(/\s+/);
      const userId = parseUserId(idWord);
      if (userId === undefined) return problem({ code: 'badUserId', command: 'wallet', word: idWord });
      if (extra.length > 0) return problem({ code: 'usage', command: 'wallet' });
      if (pageWord === undefined) return { name: 'wallet', userId, page: 0 };
      // Pages are numbered from 1 for people.
      const page = /^\d{1,4}$/.test(pageWord) ? Number(pageWord) : 0;
      if (page < 1) return problem({ code: 'badPage', word: pageWord });
      return { name: 'wallet', userId, page: page - 1 };
    }
    case 'audit': {
      if (args === '') return { name: 'audit' };
      const [idWord = '', ...extra] = args.split(/\s+/);
      const userId = parseUserId(idWord);
      if (userId === undefined) return problem({ code: 'badUserId', command: 'audit', word: idWord });
      if (extra.length > 0) return problem({ code: 'usage', command: 'audit' });
      return { name: 'audit', userId };
    }
    case 'credit':
    case 'debit':
      return parseAdjustment(
        name,
        args,
        currency,
        limits.adjustMax ?? DEFAULT_ADMIN_ADJUST_MAX_AMOUNT[currency],
      );
  }
}

function parseAdjustment(
  direction: 'credit' | 'debit',
  args: string,
  currency: Currency,
  max: Money,
): MoneyAdminCommand {
  const problem = (p: MoneyCommandProblem): MoneyAdminCommand => ({ name: 'problem', problem: p });
  const words = args.split(/\s+/).filter((word) => word !== '');
  const idWord = words.shift();
  if (idWord === undefined) return problem({ code: 'usage', command: direction });
  const userId = parseUserId(idWord);
  if (userId === undefined) return problem({ code: 'badUserId', command: direction, word: idWord });
  // "RM 10.50" is two words; "RM10.50" and "10.50" are one.
  let amountWord = words.shift();
  if (amountWord !== undefined && CURRENCY_WORD.test(amountWord) && words.length > 0)
    amountWord = `${amountWord} ${words.shift()}`;
  if (amountWord === undefined) return problem({ code: 'usage', command: direction });
  const amount = parseAmountInput(amountWord, { kind: 'open', wholeUnitsOnly: false, max }, currency);
  // Too high is its own refusal, naming the guard and how to raise it (digits past counting too).
  if (!amount.ok && amount.error.code === 'amount-too-high')
    return problem({
      code: 'aboveAdjustLimit',
      command: direction,
      word: amountWord,
      limit: amount.error.max,
    });
  if (!amount.ok)
    return problem({ code: 'badAmount', command: direction, word: amountWord, error: amount.error });
  const note = cleanNote(words.join(' '));
  return {
    name: 'adjust',
    adjustment: { direction, userId, amount: amount.value, ...(note ? { note } : {}) },
  };
}

/** Whitespace collapsed, control characters dropped, at most MAX_ADJUSTMENT_NOTE characters. */
export function cleanNote(text: string): string | undefined {
  const cleaned = text
    // biome-ignore lint/suspicious/noControlCharactersInRegex: dropping control characters is the point
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (cleaned === '') return undefined;
  const chars = [...cleaned];
  return chars.length <= MAX_ADJUSTMENT_NOTE ? cleaned : chars.slice(0, MAX_ADJUSTMENT_NOTE).join('');
}
