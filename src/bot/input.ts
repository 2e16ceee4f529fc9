import { type Currency, MINOR_DIGITS, type Money, money, parseDecimalToMinor } from '../payments/money.js';
import type { AccountFormat, AmountRule } from '../payments/types.js';

/**
 * What the buyer types, cleaned up and checked before it goes anywhere. Each function answers either
 * the canonical value or an error code the views turn into a message in the buyer's language.
 */

export type InputError =
  | { code: 'phone-invalid'; country: PhoneCountry }
  | { code: 'nric-invalid' }
  | { code: 'payer-id-invalid' }
  | { code: 'account-empty' }
  | { code: 'account-digits-only' }
  | { code: 'account-too-long'; max: number }
  /** Not the shape the product's account takes (`Product.accountFormat`, checked by account-format.ts). */
  | { code: 'account-format'; expected: AccountFormat }
  /** A valid number of another operator than the product's, when the price list names one. */
  | { code: 'account-wrong-operator'; operator: string | undefined }
  | { code: 'amount-format' }
  | { code: 'amount-not-positive' }
  | { code: 'amount-too-precise'; digits: number }
  | { code: 'amount-too-low'; min: Money }
  | { code: 'amount-too-high'; max: Money }
  /** Well-formed digits too large to count, where no maximum is known to name. */
  | { code: 'amount-too-large' }
  | { code: 'amount-whole-units' }
  | { code: 'amount-not-a-choice'; choices: Money[] };

export type InputResult<T> = { ok: true; value: T } | { ok: false; error: InputError };

const ok = <T>(value: T): InputResult<T> => ({ ok: true, value });
const fail = <T>(error: InputError): InputResult<T> => ({ ok: false, error });

/** Countries whose mobile numbers we understand; the provider's currency picks one (see phoneCountryFor). */
export type PhoneCountry = 'MY' | 'ID';

export function phoneCountryFor(currency: Currency): PhoneCountry {
  return currency === 'IDR' ? 'ID' : 'MY';
}

/** Separators people put in numbers: spaces (including no-break), dashes, dots, brackets. */
const NUMBER_SEPARATORS = /[\s\u00a0\-.()/]/g;

/**
 * Normalises a mobile number to one canonical form per country, so "012-345 6789", "+60123456789",
 * "60123456789" and "0060123456789" are the same number.
 *
 * - Malaysia: `60` + the number without its trunk 0, digits only: `60123456789`. This is the form
 *   IIMMPACT's documented test accounts use. Accepts 01x numbers (011 has 8 digits after the prefix,
 *   the others 7); 015 is excluded because it is a fixed-line VoIP range that no reload applies to.
 * - Indonesia: the local form with trunk 0, `08…`, which IAK's examples use (provisional: to be
 *   confirmed when the IAK adapter lands).
 */
export function normalizePhone(text: string, country: PhoneCountry): InputResult<string> {
  const compact = text.replace(NUMBER_SEPARATORS, '');
  const digits = compact.replace(/^(\+|00)/, '');
  if (!/^\d+$/.test(digits)) return fail({ code: 'phone-invalid', country });
  return country === 'MY' ? malaysianMobile(digits) : indonesianMobile(digits);
}

function malaysianMobile(digits: string): InputResult<string> {
  let national: string;
  if (digits.startsWith('60')) national = digits.slice(2);
  else if (digits.startsWith('0')) national = digits.slice(1);
  else national = digits;
  if (!/^1(?:1\d{8}|[02-46-9]\d{7})$/.test(national)) return fail({ code: 'phone-invalid', country: 'MY' });
  return ok(`60${national}`);
}

function indonesianMobile(digits: string): InputResult<string> {
  let national: string;
  if (digits.startsWith('62')) national = digits.slice(2);
  else if (digits.startsWith('0')) national = digits.slice(1);
  else national = digits;
  if (!/^8[1-9]\d{7,10}$/.test(national)) return fail({ code: 'phone-invalid', country: 'ID' });
  return ok(`0${national}`);
}

/**
 * A Malaysian NRIC (MyKad) number as 12 digits without dashes ("900101-14-5678" → "900101145678"),
 * the form IIMMPACT wants for PTPTN lookups and the JomPAY AMLA field. The first six digits are the
 * birth date (YYMMDD); an impossible month or day is refused, since a wrong IC can get the merchant
 * account suspended.
 */
export function normalizeNric(text: string): InputResult<string> {
  const digits = text.replace(NUMBER_SEPARATORS, '');
  if (!/^\d{12}$/.test(digits) || !plausibleBirthDate(digits)) return fail({ code: 'nric-invalid' });
  return ok(digits);
}

function plausibleBirthDate(nric: string): boolean {
  const month = Number(nric.slice(2, 4));
  const day = Number(nric.slice(4, 6));
  // The century is unknown, so 29 February is always allowed.
  const daysInMonth = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return daysInMonth !== undefined && day >= 1 && day <= daysInMonth;
}

export interface PayerId {
  kind: 'nric' | 'passport';
  value: string;
}

/**
 * The payer's identity for JomPAY (AMLA): a Malaysian IC (12 digits, sent without dashes) or a
 * passport number (letters and digits, upper-cased). Digits-only input of 10, 11 or 13+ digits is
 * almost certainly a mistyped IC, so it is refused rather than sent as a passport; 6 to 9 digits are
 * accepted as a passport because some countries issue numeric ones.
 */
export function normalizePayerId(text: string): InputResult<PayerId> {
  const compact = text.replace(NUMBER_SEPARATORS, '').toUpperCase();
  if (/^\d{12}$/.test(compact)) {
    const nric = normalizeNric(compact);
    return nric.ok ? ok({ kind: 'nric', value: nric.value }) : fail({ code: 'payer-id-invalid' });
  }
  if (/^\d{6,9}$/.test(compact)) return ok({ kind: 'passport', value: compact });
  if (/^[A-Z0-9]{6,20}$/.test(compact) && /[A-Z]/.test(compact))
    return ok({ kind: 'passport', value: compact });
  return fail({ code: 'payer-id-invalid' });
}

export const MAX_ACCOUNT_LENGTH = 50;

/**
 * An account number or reference (bill account, Ref-1, Ref-2). Trimmed, inner whitespace collapsed.
 * For products whose keyboard is numeric, spaces and dashes are dropped and only digits are allowed
 * ("2200 1234 5678" → "220012345678").
 */
export function normalizeAccount(text: string, keyboard: 'numeric' | 'text'): InputResult<string> {
  const trimmed = text.replace(/\s+/g, ' ').trim();
  if (trimmed === '') return fail({ code: 'account-empty' });
  // Control characters cannot be typed in Telegram, but the text may come from anywhere.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) return fail({ code: 'account-empty' });
  const value = keyboard === 'numeric' ? trimmed.replace(/[\s-]/g, '') : trimmed;
  if (keyboard === 'numeric' && !/^\d+$/.test(value)) return fail({ code: 'account-digits-only' });
  if ([...value].length > MAX_ACCOUNT_LENGTH)
    return fail({ code: 'account-too-long', max: MAX_ACCOUNT_LENGTH });
  return ok(value);
}

const CURRENCY_WORDS = /^(?:rm|myr|rp|idr)\s*|\s*(?:rm|myr|rp|idr)$/i;

/**
 * Parses a typed amount into money without floating point, then checks it against the product's
 * rule. Accepts "10", "10.50", "RM 1,234.50", "rm10"; for currencies without a minor unit (rupiah)
 * "25.000" and "25,000" are thousands. Refuses more decimals than the currency has instead of
 * rounding, since "10.555" is a typo, not an amount. Digits too many to count are above any
 * maximum the rule has, and are refused as such, not as a malformed amount.
 */
export function parseAmountInput(text: string, rule: AmountRule, currency: Currency): InputResult<Money> {
  const cleaned = text.trim().replace(CURRENCY_WORDS, '').replace(/\s+/g, '');
  const digits = MINOR_DIGITS[currency];
  let plain: string;
  if (digits === 0) {
    if (/^\d{1,3}(?:[.,]\d{3})+$/.test(cleaned)) plain = cleaned.replace(/[.,]/g, '');
    else if (/^\d+$/.test(cleaned)) plain = cleaned;
    else return fail({ code: 'amount-format' });
  } else {
    const match = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/.exec(cleaned);
    if (!match) return fail({ code: 'amount-format' });
    const fraction = match[2] ?? '';
    if (fraction.length > digits) return fail({ code: 'amount-too-precise', digits });
    plain = (match[1] ?? '').replace(/,/g, '') + (fraction === '' ? '' : `.${fraction}`);
  }
  const minor = parseDecimalToMinor(plain, currency);
  // The text is well-formed by now: no minor units means more than can be counted exactly.
  if (minor === undefined) return tooLarge(rule);
  if (minor <= 0) return fail({ code: 'amount-not-positive' });
  return checkAmount(money(minor, currency), rule);
}

/** A well-formed amount too large to count, refused the way the rule refuses any too-high amount. */
function tooLarge<T>(rule: AmountRule): InputResult<T> {
  switch (rule.kind) {
    case 'fixed':
      return fail({ code: 'amount-not-a-choice', choices: rule.choices });
    case 'range':
      return fail({ code: 'amount-too-high', max: rule.max });
    case 'open':
      return fail(rule.max ? { code: 'amount-too-high', max: rule.max } : { code: 'amount-too-large' });
  }
}

/** Checks an amount (typed, or offered such as a bill's outstanding) against a rule. */
export function checkAmount(amount: Money, rule: AmountRule): InputResult<Money> {
  if (amount.minor <= 0) return fail({ code: 'amount-not-positive' });
  switch (rule.kind) {
    case 'fixed': {
      const match = rule.choices.find((choice) => sameMoney(choice, amount));
      return match ? ok(match) : fail({ code: 'amount-not-a-choice', choices: rule.choices });
    }
    case 'range':
      if (amount.currency !== rule.min.currency) return fail({ code: 'amount-format' });
      if (amount.minor < rule.min.minor) return fail({ code: 'amount-too-low', min: rule.min });
      if (amount.minor > rule.max.minor) return fail({ code: 'amount-too-high', max: rule.max });
      return wholeUnits(amount, rule.wholeUnitsOnly);
    case 'open':
      if (rule.max && amount.currency !== rule.max.currency) return fail({ code: 'amount-format' });
      if (rule.max && amount.minor > rule.max.minor) return fail({ code: 'amount-too-high', max: rule.max });
      return wholeUnits(amount, rule.wholeUnitsOnly);
  }
}

function wholeUnits(amount: Money, required: boolean): InputResult<Money> {
  const unit = 10 ** MINOR_DIGITS[amount.currency];
  return required && amount.minor % unit !== 0 ? fail({ code: 'amount-whole-units' }) : ok(amount);
}

export function sameMoney(a: Money, b: Money): boolean {
  return a.minor === b.minor && a.currency === b.currency;
}
