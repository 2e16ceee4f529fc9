import { describe, expect, it } from 'vitest';
import { money } from '../payments/money.js';
import type { AmountRule } from '../payments/types.js';
import {
  checkAmount,
  normalizeAccount,
  normalizeNric,
  normalizePayerId,
  normalizePhone,
  parseAmountInput,
  phoneCountryFor,
} from './input.js';

const myr = (sen: number) => money(sen, 'MYR');
const idr = (rupiah: number) => money(rupiah, 'IDR');

describe('normalizePhone (Malaysia: canonical 60XXXXXXXXX)', () => {
  it.each([
    ['012-345 6789', '60123456789'],
    ['+60123456789', '60123456789'],
    ['60123456789', '60123456789'],
    ['0123456789', '60123456789'],
    ['123456789', '60123456789'],
    ['0060123456789', '60123456789'],
    ['+60 12-345 6789', '60123456789'],
    ['(012) 345.6789', '60123456789'],
    [' 012\u00a0345\u00a06789 ', '60123456789'],
    ['011-2345 6789', '601123456789'],
    ['+601123456789', '601123456789'],
    ['019-876 5432', '60198765432'],
    ['010-123 4567', '60101234567'],
  ])('%s → %s', (input, expected) => {
    expect(normalizePhone(input, 'MY')).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['too short', '012-345 678'],
    ['too long', '012-345 67890'],
    ['011 needs 8 digits after the prefix', '011-234 5678'],
    ['015 is fixed-line VoIP', '015-123 4567'],
    ['a landline', '03-2345 6789'],
    ['letters', '012-ABC 6789'],
    ['empty', ''],
    ['plus in the middle', '6012+3456789'],
    ['another country', '+6581234567'],
  ])('refuses %s', (_, input) => {
    expect(normalizePhone(input, 'MY')).toEqual({
      ok: false,
      error: { code: 'phone-invalid', country: 'MY' },
    });
  });
});

describe('normalizePhone (Indonesia: canonical 08…)', () => {
  it.each([
    ['0812-3456-7890', '081234567890'],
    ['+62 812 3456 7890', '081234567890'],
    ['6281234567890', '081234567890'],
  ])('%s → %s', (input, expected) => {
    expect(normalizePhone(input, 'ID')).toEqual({ ok: true, value: expected });
  });

  it('refuses a Malaysian number', () => {
    expect(normalizePhone('012-345 6789', 'ID').ok).toBe(false);
  });

  it('picks the country from the provider currency', () => {
    expect(phoneCountryFor('MYR')).toBe('MY');
    expect(phoneCountryFor('IDR')).toBe('ID');
  });
});

describe('normalizeNric', () => {
  it.each([
    ['900101-14-5678', '900101145678'],
    ['900101145678', '900101145678'],
    [' 900101 14 5678 ', '900101145678'],
    ['000229-10-1234', '000229101234'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeNric(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['11 digits', '90010114567'],
    ['13 digits', '9001011456789'],
    ['month 13', '901301-14-5678'],
    ['day 0', '900100-14-5678'],
    ['31 April', '900431-14-5678'],
    ['letters', 'A00101-14-5678'],
  ])('refuses %s', (_, input) => {
    expect(normalizeNric(input).ok).toBe(false);
  });
});

describe('normalizePayerId (JomPAY AMLA)', () => {
  it.each([
    ['900101-14-5678', { kind: 'nric', value: '900101145678' }],
    ['a12345678', { kind: 'passport', value: 'A12345678' }],
    ['K 1234 567', { kind: 'passport', value: 'K1234567' }],
    ['123456789', { kind: 'passport', value: '123456789' }],
  ])('%s → %o', (input, expected) => {
    expect(normalizePayerId(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['a mistyped IC (11 digits)', '90010114567'],
    ['a mistyped IC (13 digits)', '9001011456789'],
    ['an impossible IC date', '909999-14-5678'],
    ['too short', 'A123'],
    ['symbols', 'A1234#567'],
    ['empty', '   '],
  ])('refuses %s', (_, input) => {
    expect(normalizePayerId(input)).toEqual({ ok: false, error: { code: 'payer-id-invalid' } });
  });
});

describe('normalizeAccount', () => {
  it.each([
    ['  220012345678 ', 'numeric', '220012345678'],
    ['2200 1234 5678', 'numeric', '220012345678'],
    ['2200-1234-5678', 'numeric', '220012345678'],
    ['  INV   0001 ', 'text', 'INV 0001'],
    ['Ref/2025-01', 'text', 'Ref/2025-01'],
  ] as const)('%s (%s) → %s', (input, keyboard, expected) => {
    expect(normalizeAccount(input, keyboard)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['   ', 'text', 'account-empty'],
    ['\u0007abc', 'text', 'account-empty'],
    ['22A0', 'numeric', 'account-digits-only'],
    ['1'.repeat(51), 'numeric', 'account-too-long'],
    ['x'.repeat(51), 'text', 'account-too-long'],
  ] as const)('refuses %s (%s) with %s', (input, keyboard, code) => {
    const result = normalizeAccount(input, keyboard);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe(code);
  });
});

describe('parseAmountInput', () => {
  const range: AmountRule = { kind: 'range', min: myr(100), max: myr(500_000), wholeUnitsOnly: false };
  const wholeRange: AmountRule = { kind: 'range', min: myr(100), max: myr(100_000), wholeUnitsOnly: true };
  const open: AmountRule = { kind: 'open', wholeUnitsOnly: false };
  const fixed: AmountRule = { kind: 'fixed', choices: [myr(500), myr(1000)], suggested: [] };

  it.each([
    ['10', 1000],
    ['10.5', 1050],
    ['10.50', 1050],
    ['RM10', 1000],
    ['rm 10.00', 1000],
    ['MYR 1,234.56', 123456],
    ['1,000', 100000],
    ['5000', 500000],
    ['1', 100],
    ['0.99 ', undefined],
  ])('reads %s against RM 1–5,000 as %s sen', (input, sen) => {
    const result = parseAmountInput(input, range, 'MYR');
    if (sen === undefined) expect(result.ok).toBe(false);
    else expect(result).toEqual({ ok: true, value: myr(sen) });
  });

  it.each([
    ['', 'amount-format'],
    ['ten', 'amount-format'],
    ['10,5', 'amount-format'],
    ['1,00', 'amount-format'],
    ['1e3', 'amount-format'],
    ['.5', 'amount-format'],
    ['-10', 'amount-format'],
    ['10.', 'amount-format'],
    ['0', 'amount-not-positive'],
    ['0.00', 'amount-not-positive'],
    ['10.555', 'amount-too-precise'],
    ['0.5', 'amount-too-low'],
    ['5000.01', 'amount-too-high'],
    ['99999999999999999999', 'amount-too-high'],
    ['99,999,999,999,999,999,999.99', 'amount-too-high'],
    ['9999999999999999999x', 'amount-format'],
  ])('refuses %s with %s', (input, code) => {
    const result = parseAmountInput(input, range, 'MYR');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe(code);
  });

  it('says what the limits are', () => {
    expect(parseAmountInput('0.50', range, 'MYR')).toEqual({
      ok: false,
      error: { code: 'amount-too-low', min: myr(100) },
    });
    expect(parseAmountInput('6000', range, 'MYR')).toEqual({
      ok: false,
      error: { code: 'amount-too-high', max: myr(500_000) },
    });
  });

  it('calls digits too many to count too high, naming the maximum where the rule has one', () => {
    const huge = '9999999999999999999999';
    expect(parseAmountInput(huge, range, 'MYR')).toEqual({
      ok: false,
      error: { code: 'amount-too-high', max: myr(500_000) },
    });
    expect(parseAmountInput(huge, { ...open, max: myr(100_000) }, 'MYR')).toEqual({
      ok: false,
      error: { code: 'amount-too-high', max: myr(100_000) },
    });
    expect(parseAmountInput(huge, open, 'MYR')).toEqual({ ok: false, error: { code: 'amount-too-large' } });
    expect(parseAmountInput(huge, fixed, 'MYR')).toEqual({
      ok: false,
      error: { code: 'amount-not-a-choice', choices: fixed.kind === 'fixed' ? fixed.choices : [] },
    });
    expect(parseAmountInput('99.999.999.999.999.999.999', open, 'IDR')).toEqual({
      ok: false,
      error: { code: 'amount-too-large' },
    });
  });

  it('holds an open amount to its maximum when it has one', () => {
    const capped: AmountRule = { kind: 'open', wholeUnitsOnly: false, max: myr(100_000) };
    expect(parseAmountInput('1000', capped, 'MYR')).toEqual({ ok: true, value: myr(100_000) });
    expect(parseAmountInput('1000.01', capped, 'MYR')).toEqual({
      ok: false,
      error: { code: 'amount-too-high', max: myr(100_000) },
    });
  });

  it('enforces whole units when the product says so', () => {
    expect(parseAmountInput('10.50', wholeRange, 'MYR')).toEqual({
      ok: false,
      error: { code: 'amount-whole-units' },
    });
    expect(parseAmountInput('10.00', wholeRange, 'MYR')).toEqual({ ok: true, value: myr(1000) });
  });

  it('accepts a typed fixed denomination and refuses others, listing the choices', () => {
    expect(parseAmountInput('10', fixed, 'MYR')).toEqual({ ok: true, value: myr(1000) });
    expect(parseAmountInput('7', fixed, 'MYR')).toEqual({
      ok: false,
      error: { code: 'amount-not-a-choice', choices: [myr(500), myr(1000)] },
    });
  });

  it('takes any positive amount under an open rule', () => {
    expect(parseAmountInput('12.34', open, 'MYR')).toEqual({ ok: true, value: myr(1234) });
  });

  it('reads rupiah with dots or commas as thousands and no fraction', () => {
    const idrRange: AmountRule = {
      kind: 'range',
      min: idr(10_000),
      max: idr(1_000_000),
      wholeUnitsOnly: true,
    };
    expect(parseAmountInput('25.000', idrRange, 'IDR')).toEqual({ ok: true, value: idr(25_000) });
    expect(parseAmountInput('Rp 25,000', idrRange, 'IDR')).toEqual({ ok: true, value: idr(25_000) });
    expect(parseAmountInput('25000', idrRange, 'IDR')).toEqual({ ok: true, value: idr(25_000) });
    expect(parseAmountInput('25.5', idrRange, 'IDR').ok).toBe(false);
  });
});

describe('checkAmount', () => {
  it('checks an offered amount (a bill outstanding) against the rule', () => {
    const rule: AmountRule = { kind: 'range', min: myr(100), max: myr(10_000), wholeUnitsOnly: false };
    expect(checkAmount(myr(12_345), rule).ok).toBe(false);
    expect(checkAmount(myr(0), rule).ok).toBe(false);
    expect(checkAmount(myr(5_000), rule).ok).toBe(true);
    expect(checkAmount(idr(5_000), rule).ok).toBe(false);
  });
});
