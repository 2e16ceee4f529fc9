import { describe, expect, it } from 'vitest';
import {
  addMoney,
  formatMoney,
  money,
  parseDecimalToMinor,
  subtractMoney,
  sumMoney,
  toDecimalString,
} from './money.js';

describe('money', () => {
  it.each([
    ['10', 1000],
    ['10.5', 1050],
    ['10.50', 1050],
    [' 7.1 ', 710],
    ['48.6333', 4863],
    ['1.005', 101],
    ['0.004', 0],
    ['-2.5', -250],
    [50.54, 5054],
    [1.005, 101],
    [950, 95000],
    [0.1 + 0.2, 30],
  ] as const)('parses %s to %d sen', (input, sen) => {
    expect(parseDecimalToMinor(input, 'MYR')).toBe(sen);
  });

  it.each(['', 'abc', '1,000', '1e3', '.5', Number.NaN, Number.POSITIVE_INFINITY])('refuses %s', (input) => {
    expect(parseDecimalToMinor(input, 'MYR')).toBeUndefined();
  });

  it('parses rupiah without a fraction', () => {
    expect(parseDecimalToMinor('25000', 'IDR')).toBe(25000);
    expect(parseDecimalToMinor('25000.6', 'IDR')).toBe(25001);
  });

  it('writes the wire form', () => {
    expect(toDecimalString(money(1000, 'MYR'))).toBe('10.00');
    expect(toDecimalString(money(5, 'MYR'))).toBe('0.05');
    expect(toDecimalString(money(-250, 'MYR'))).toBe('-2.50');
    expect(toDecimalString(money(25000, 'IDR'))).toBe('25000');
  });

  it('formats for people', () => {
    expect(formatMoney(money(1000, 'MYR'))).toBe('RM 10.00');
    expect(formatMoney(money(123456789, 'MYR'))).toBe('RM 1,234,567.89');
    expect(formatMoney(money(25000, 'IDR'))).toBe('Rp 25.000');
    expect(formatMoney(money(-250, 'MYR'))).toBe('-RM 2.50');
  });

  it('refuses a fractional minor amount', () => {
    expect(() => money(10.5, 'MYR')).toThrow(RangeError);
  });
});

describe('money arithmetic', () => {
  it.each([
    [money(1000, 'MYR'), money(250, 'MYR'), 1250, 750],
    [money(0, 'MYR'), money(1, 'MYR'), 1, -1],
    [money(25000, 'IDR'), money(25000, 'IDR'), 50000, 0],
  ] as const)('%o and %o: sum %d, difference %d', (a, b, sum, difference) => {
    expect(addMoney(a, b)).toEqual({ minor: sum, currency: a.currency });
    expect(subtractMoney(a, b)).toEqual({ minor: difference, currency: a.currency });
  });

  it('sums a list, zero for none', () => {
    expect(sumMoney([money(1, 'MYR'), money(2, 'MYR'), money(3, 'MYR')], 'MYR')).toEqual(money(6, 'MYR'));
    expect(sumMoney([], 'IDR')).toEqual(money(0, 'IDR'));
  });

  it('refuses to mix currencies', () => {
    expect(() => addMoney(money(1, 'MYR'), money(1, 'IDR'))).toThrow(/MYR with IDR/);
    expect(() => subtractMoney(money(1, 'IDR'), money(1, 'MYR'))).toThrow(RangeError);
    expect(() => sumMoney([money(1, 'MYR')], 'IDR')).toThrow(RangeError);
  });
});
