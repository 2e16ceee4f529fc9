import type { AccountFormat, Product } from './types.js';

/**
 * Checks what a buyer typed against a product's account format (`Product.accountFormat`) and, for a
 * mobile number, its operator's prefixes (`Product.operatorPrefixes`), before the Confirm screen.
 * Pure; answers the value to send, or why not as a code (the bot words it per locale).
 */

export type AccountFormatError =
  /** Not the shape this product takes (see `expected`). */
  | { code: 'account-format'; expected: AccountFormat }
  /** A valid Indonesian number of another operator than the product's. */
  | { code: 'account-wrong-operator'; operator: string | undefined };

export type AccountFormatResult = { ok: true; value: string } | { ok: false; error: AccountFormatError };

const SEPARATORS = /[\s\u00a0\-.()]/g;

/** Indonesian mobile numbers in the local form IAK's examples use: `08…`, 10 to 13 digits. */
export function normalizeIndonesianMobile(text: string): string | undefined {
  const digits = text.replace(SEPARATORS, '').replace(/^(\+|00)/, '');
  if (!/^\d+$/.test(digits)) return undefined;
  const national = digits.startsWith('62')
    ? digits.slice(2)
    : digits.startsWith('0')
      ? digits.slice(1)
      : digits;
  return /^8[1-9]\d{7,10}$/.test(national) ? `0${national}` : undefined;
}

/**
 * IAK's Alipay account. The seed states the form `CountryCode_PhoneNumber|Name` but prints the
 * example `62|62812345678_IDSL` (`CountryCode|PhoneNumber_Name`); both are accepted and sent as typed.
 */
const ALIPAY_FORMS = [/^\d{1,4}\|\d{6,15}_[^|_\s][^|_]*$/, /^\d{1,4}_\d{6,15}\|[^|_\s][^|_]*$/];

export function checkAccountFormat(
  product: Pick<Product, 'accountFormat' | 'operatorPrefixes' | 'operator'>,
  text: string,
): AccountFormatResult {
  const format = product.accountFormat ?? 'free-text';
  const trimmed = text.replace(/\s+/g, ' ').trim();
  const bad = (): AccountFormatResult => ({ ok: false, error: { code: 'account-format', expected: format } });
  switch (format) {
    case 'id-phone': {
      const number = normalizeIndonesianMobile(trimmed);
      if (number === undefined) return bad();
      const prefixes = product.operatorPrefixes;
      if (prefixes && prefixes.length > 0 && !prefixes.some((prefix) => number.startsWith(prefix))) {
        return { ok: false, error: { code: 'account-wrong-operator', operator: product.operator } };
      }
      return { ok: true, value: number };
    }
    case 'international-phone': {
      // A number of another country: digits, an optional "+" or "00", sent as digits.
      const digits = trimmed.replace(SEPARATORS, '').replace(/^(\+|00)/, '');
      return /^\d{7,15}$/.test(digits) ? { ok: true, value: digits } : bad();
    }
    case 'alipay': {
      const compact = trimmed.replace(/\s*([|_])\s*/g, '$1');
      return ALIPAY_FORMS.some((form) => form.test(compact)) ? { ok: true, value: compact } : bad();
    }
    case 'meter': {
      // "pln: Meter Number (11 digits)"; the inquiry example's meter_no has 12.
      const digits = trimmed.replace(SEPARATORS, '');
      return /^\d{11,12}$/.test(digits) ? { ok: true, value: digits } : bad();
    }
    case 'game-id': {
      const compact = trimmed.replace(/\s*\|\s*/g, '|');
      return /^[^|\s]+(?:\|[^|\s]+)*$/.test(compact) && compact.length <= 64
        ? { ok: true, value: compact }
        : bad();
    }
    case 'free-text':
      return trimmed === '' || trimmed.length > 64 ? bad() : { ok: true, value: trimmed };
  }
}
