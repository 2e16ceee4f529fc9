import { describe, expect, it } from 'vitest';
import { money } from '../../payments/money.js';
import {
  cleanNote,
  MAX_ADJUSTMENT_NOTE,
  type MoneyAdminCommand,
  parseMoneyAdminCommand,
} from './money-commands.js';

const parse = (text: string, currency: 'MYR' | 'IDR' = 'MYR') =>
  parseMoneyAdminCommand(text, currency, 'ShopBot');

describe('/credit and /debit', () => {
  it.each<[string, MoneyAdminCommand]>([
    [
      '/credit 123456789 10.50 goodwill for order X',
      {
        name: 'adjust',
        adjustment: {
          direction: 'credit',
          userId: 123456789,
          amount: money(1050, 'MYR'),
          note: 'goodwill for order X',
        },
      },
    ],
    [
      '/debit@ShopBot 42 RM 1,234.50',
      { name: 'adjust', adjustment: { direction: 'debit', userId: 42, amount: money(123_450, 'MYR') } },
    ],
    [
      '/CREDIT 42 rm5',
      { name: 'adjust', adjustment: { direction: 'credit', userId: 42, amount: money(500, 'MYR') } },
    ],
    [
      '/credit 42 10',
      { name: 'adjust', adjustment: { direction: 'credit', userId: 42, amount: money(1000, 'MYR') } },
    ],
  ])('%s', (text, expected) => {
    expect(parse(text)).toEqual(expected);
  });

  it('reads rupiah amounts with thousands separators', () => {
    expect(parse('/credit 42 25.000', 'IDR')).toEqual({
      name: 'adjust',
      adjustment: { direction: 'credit', userId: 42, amount: money(25_000, 'IDR') },
    });
  });

  it('never rounds an amount, and says what is wrong', () => {
    expect(parse('/credit 42 10.555')).toEqual({
      name: 'problem',
      problem: {
        code: 'badAmount',
        command: 'credit',
        word: '10.555',
        error: { code: 'amount-too-precise', digits: 2 },
      },
    });
    expect(parse('/debit 42 0')).toMatchObject({
      problem: { code: 'badAmount', error: { code: 'amount-not-positive' } },
    });
    expect(parse('/debit 42 -5')).toMatchObject({
      problem: { code: 'badAmount', error: { code: 'amount-format' } },
    });
    expect(parse('/debit 42 ten')).toMatchObject({
      problem: { code: 'badAmount', error: { code: 'amount-format' } },
    });
    expect(parse('/credit 42 10.5', 'IDR')).toMatchObject({ problem: { code: 'badAmount' } });
  });

  it('refuses an amount above the fat-finger guard, naming the guard, digits past counting too', () => {
    expect(parse('/credit 100200300 99999999999')).toEqual({
      name: 'problem',
      problem: {
        code: 'aboveAdjustLimit',
        command: 'credit',
        word: '99999999999',
        limit: money(10_000_00, 'MYR'),
      },
    });
    expect(parse('/credit 42 9999999999999999999999')).toMatchObject({
      problem: { code: 'aboveAdjustLimit', limit: money(10_000_00, 'MYR') },
    });
    expect(parse('/debit 42 RM 10,000.01')).toMatchObject({
      problem: { code: 'aboveAdjustLimit', command: 'debit' },
    });
    expect(parse('/credit 42 10,000')).toMatchObject({
      name: 'adjust',
      adjustment: { amount: money(10_000_00, 'MYR') },
    });
    expect(parse('/credit 42 50.000.001', 'IDR')).toMatchObject({
      problem: { code: 'aboveAdjustLimit', limit: money(50_000_000, 'IDR') },
    });
  });

  it('holds to the configured guard when one is given', () => {
    const limits = { adjustMax: money(500_00, 'MYR') };
    expect(parseMoneyAdminCommand('/credit 42 500.01', 'MYR', 'ShopBot', limits)).toMatchObject({
      problem: { code: 'aboveAdjustLimit', limit: money(500_00, 'MYR') },
    });
    expect(parseMoneyAdminCommand('/credit 42 500', 'MYR', 'ShopBot', limits)).toMatchObject({
      name: 'adjust',
    });
  });

  it('needs a user id and an amount', () => {
    expect(parse('/credit')).toEqual({ name: 'problem', problem: { code: 'usage', command: 'credit' } });
    expect(parse('/debit 42')).toEqual({ name: 'problem', problem: { code: 'usage', command: 'debit' } });
    expect(parse('/credit @someone 10')).toEqual({
      name: 'problem',
      problem: { code: 'badUserId', command: 'credit', word: '@someone' },
    });
    expect(parse('/credit 0 10')).toMatchObject({ problem: { code: 'badUserId' } });
    expect(parse('/credit 99999999999999999 10')).toMatchObject({ problem: { code: 'badUserId' } });
  });
});

describe('/wallet, /audit, /margin, /prices', () => {
  it('reads a buyer’s wallet and its page (from 1 for people, from 0 inside)', () => {
    expect(parse('/wallet 42')).toEqual({ name: 'wallet', userId: 42, page: 0 });
    expect(parse('/wallet 42 3')).toEqual({ name: 'wallet', userId: 42, page: 2 });
    expect(parse('/wallet 42 0')).toEqual({ name: 'problem', problem: { code: 'badPage', word: '0' } });
    expect(parse('/wallet x')).toMatchObject({ problem: { code: 'badUserId', command: 'wallet' } });
  });

  it('leaves a bare /wallet to the buyer conversation (the admin’s own wallet)', () => {
    expect(parse('/wallet')).toBeUndefined();
    expect(parse('/wallet@ShopBot')).toBeUndefined();
  });

  it('audits one wallet or all', () => {
    expect(parse('/audit')).toEqual({ name: 'audit' });
    expect(parse('/audit 42')).toEqual({ name: 'audit', userId: 42 });
    expect(parse('/audit 42 43')).toEqual({ name: 'problem', problem: { code: 'usage', command: 'audit' } });
  });

  it('hands /margin to its parser and reads /prices', () => {
    expect(parse('/margin default 5%')).toEqual({
      name: 'margin',
      parse: {
        ok: true,
        change: { kind: 'set', target: { set: 'margin', scope: 'default' }, rule: { percentBp: 500 } },
      },
    });
    expect(parse('/margin')).toEqual({ name: 'margin', parse: { ok: false, problem: { code: 'usage' } } });
    expect(parse('/prices')).toEqual({ name: 'prices' });
  });

  it('ignores other commands and other bots', () => {
    expect(parse('/start')).toBeUndefined();
    expect(parse('/credit@OtherBot 42 10')).toBeUndefined();
    expect(parse('credit 42 10')).toBeUndefined();
  });
});

describe('notes', () => {
  it('are cleaned and capped', () => {
    expect(cleanNote('  a\u0000b \n c ')).toBe('a b c');
    expect(cleanNote('   ')).toBeUndefined();
    expect([...(cleanNote('é'.repeat(500)) ?? '')]).toHaveLength(MAX_ADJUSTMENT_NOTE);
  });
});
