/**
 * Money as an integer count of the currency's minor unit (sen for MYR, rupiah for IDR), so sums and
 * comparisons are exact. Decimal strings and numbers from the wire are converted here, once, without
 * going through floating-point multiplication.
 */
export type Currency = 'MYR' | 'IDR';

export interface Money {
  readonly minor: number;
  readonly currency: Currency;
}

/** Digits after the decimal point for each currency's minor unit. */
export const MINOR_DIGITS: Record<Currency, number> = { MYR: 2, IDR: 0 };

export function money(minor: number, currency: Currency): Money {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`money needs an integer minor amount, got ${minor}`);
  return { minor, currency };
}

/** The largest amount counted exactly in a currency: integer minor units stay safe integers. */
export function largestMoney(currency: Currency): Money {
  return money(Number.MAX_SAFE_INTEGER, currency);
}

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d*))?$/;

/**
 * Parses a decimal such as "10", "10.5", "48.6333" or the number 50.54 into minor units. Digits past
 * the minor unit are rounded half away from zero (a wallet balance of 48.6333 becomes 4863 sen).
 * Returns undefined for anything that is not a plain finite decimal.
 */
export function parseDecimalToMinor(value: string | number, currency: Currency): number | undefined {
  const text = typeof value === 'number' ? numberToPlainDecimal(value) : value.trim();
  if (text === undefined) return undefined;
  const match = DECIMAL.exec(text);
  if (!match) return undefined;
  const [, sign = '', whole = '0', fraction = ''] = match;
  const digits = MINOR_DIGITS[currency];
  const kept = fraction.slice(0, digits).padEnd(digits, '0');
  const roundUp = (fraction[digits] ?? '0') >= '5';
  const magnitude = Number(whole + kept) + (roundUp ? 1 : 0);
  if (!Number.isSafeInteger(magnitude)) return undefined;
  return sign === '-' ? -magnitude : magnitude;
}

function numberToPlainDecimal(value: number): string | undefined {
  if (!Number.isFinite(value)) return undefined;
  const text = String(value);
  // Very small or large numbers print in exponent form; 10 fraction digits are plenty for money.
  return /e/i.test(text) ? value.toFixed(10) : text;
}

/** The wire form: "10.00" for MYR, "25000" for IDR. */
export function toDecimalString(amount: Money): string {
  const digits = MINOR_DIGITS[amount.currency];
  const sign = amount.minor < 0 ? '-' : '';
  const abs = Math.abs(amount.minor);
  if (digits === 0) return `${sign}${abs}`;
  const unit = 10 ** digits;
  return `${sign}${Math.floor(abs / unit)}.${String(abs % unit).padStart(digits, '0')}`;
}

/** What a buyer reads: "RM 10.00", "Rp 25.000". */
export function formatMoney(amount: Money): string {
  if (amount.currency === 'IDR') {
    const sign = amount.minor < 0 ? '-' : '';
    const grouped = String(Math.abs(amount.minor)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
    return `${sign}Rp ${grouped}`;
  }
  const [whole = '0', fraction = '00'] = toDecimalString(amount).split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const grouped = whole.replace('-', '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}RM ${grouped}.${fraction}`;
}

function sameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) throw new RangeError(`cannot combine ${a.currency} with ${b.currency}`);
}

/** a + b, exactly; both must be in the same currency. */
export function addMoney(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return money(a.minor + b.minor, a.currency);
}

/** a − b, exactly (may be negative); both must be in the same currency. */
export function subtractMoney(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return money(a.minor - b.minor, a.currency);
}

/** The total of `amounts`, all in `currency` (zero for none). */
export function sumMoney(amounts: readonly Money[], currency: Currency): Money {
  return amounts.reduce(addMoney, money(0, currency));
}
