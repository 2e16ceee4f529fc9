import { describe, expect, it } from 'vitest';
import { checkAccountFormat, normalizeIndonesianMobile } from './account-format.js';
import { exclusivePrefixes } from './providers/iak/operators.js';

describe('checkAccountFormat', () => {
  const xl = {
    accountFormat: 'id-phone' as const,
    operator: 'XL',
    operatorPrefixes: exclusivePrefixes('XL'),
  };

  it('normalises an Indonesian number and refuses another operator before Confirm', () => {
    expect(checkAccountFormat(xl, '+62 817-7772-15')).toEqual({ ok: true, value: '0817777215' });
    expect(checkAccountFormat(xl, '081234567890')).toEqual({
      ok: false,
      error: { code: 'account-wrong-operator', operator: 'XL' },
    });
    expect(checkAccountFormat(xl, '08-ABC')).toMatchObject({ ok: false, error: { code: 'account-format' } });
    // No prefixes known: any Indonesian mobile number.
    expect(checkAccountFormat({ accountFormat: 'id-phone' }, '081234567890').ok).toBe(true);
  });

  it("keeps by.U's six-digit prefixes out of Telkomsel's 0851", () => {
    const telkomsel = {
      accountFormat: 'id-phone' as const,
      operatorPrefixes: exclusivePrefixes('TELKOMSEL'),
    };
    const byU = { accountFormat: 'id-phone' as const, operatorPrefixes: exclusivePrefixes('by.U') };
    expect(checkAccountFormat(telkomsel, '085112345678').ok).toBe(true);
    expect(checkAccountFormat(telkomsel, '085154123456').ok).toBe(false);
    expect(checkAccountFormat(byU, '085154123456').ok).toBe(true);
    expect(checkAccountFormat(byU, '085112345678').ok).toBe(false);
  });

  it('takes a number of another country without the Indonesian check', () => {
    const international = { accountFormat: 'international-phone' as const };
    expect(checkAccountFormat(international, '+60 12-345 6789')).toEqual({ ok: true, value: '60123456789' });
    expect(checkAccountFormat(international, '0123456789')).toEqual({ ok: true, value: '0123456789' });
    expect(checkAccountFormat(international, 'abc').ok).toBe(false);
  });

  it("takes Alipay's form as the seed prints it and as it states it", () => {
    const alipay = { accountFormat: 'alipay' as const };
    expect(checkAccountFormat(alipay, '62|62812345678_IDSL')).toEqual({
      ok: true,
      value: '62|62812345678_IDSL',
    });
    expect(checkAccountFormat(alipay, '62_62812345678|IDSL').ok).toBe(true);
    expect(checkAccountFormat(alipay, '62812345678').ok).toBe(false);
  });

  it('checks meters and game ids', () => {
    expect(checkAccountFormat({ accountFormat: 'meter' }, '1234 5678 901')).toEqual({
      ok: true,
      value: '12345678901',
    });
    expect(checkAccountFormat({ accountFormat: 'meter' }, '1234').ok).toBe(false);
    expect(checkAccountFormat({ accountFormat: 'game-id' }, '156378300 | 8483')).toEqual({
      ok: true,
      value: '156378300|8483',
    });
    expect(checkAccountFormat({ accountFormat: 'game-id' }, '|x').ok).toBe(false);
  });

  it('normalises Indonesian mobile numbers to the 08 form', () => {
    expect(normalizeIndonesianMobile('6281234567890')).toBe('081234567890');
    expect(normalizeIndonesianMobile('12345')).toBeUndefined();
  });
});
