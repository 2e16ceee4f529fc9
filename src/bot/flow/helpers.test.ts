import { describe, expect, it } from 'vitest';
import { BILLERS, PRODUCTS, rm } from '../../../test/support/bot/fixtures.js';
import type { SubProduct } from '../../payments/types.js';
import { filterOptions } from './catalog.js';
import { parseCommand } from './events.js';
import { clampPage, pageCount, pageSlice } from './paging.js';
import { purchaseKindOf } from './product-kind.js';
import {
  asksForRef2,
  effectiveAmountRule,
  impliedAmount,
  optionLabel,
  outstandingOffer,
  resetFrom,
} from './purchase.js';
import type { Purchase } from './state.js';
import { screenToken } from './tokens.js';

describe('purchaseKindOf', () => {
  it.each([
    [PRODUCTS.digi, 'direct'],
    [PRODUCTS.tnb, 'direct'],
    [PRODUCTS.grab, 'direct'],
    [PRODUCTS.esim, 'direct'],
    [PRODUCTS.hotlinkInternet, 'plan'],
    [PRODUCTS.ptptn, 'account-lookup'],
    [PRODUCTS.jompay, 'biller'],
  ] as const)('%s is %s', (product, kind) => {
    expect(purchaseKindOf(product)).toBe(kind);
  });
});

describe('purchase facts', () => {
  const base: Purchase = { product: PRODUCTS.tnb, kind: 'direct', currency: 'MYR' };

  it('narrows the amount rule by the chosen plan, account or biller', () => {
    expect(effectiveAmountRule(base)).toEqual(PRODUCTS.tnb.amount);
    const plan: SubProduct = { code: 'P', name: 'P', price: rm(12) };
    expect(effectiveAmountRule({ ...base, options: [plan], optionIndex: 0 })).toEqual({
      kind: 'fixed',
      choices: [rm(12)],
      suggested: [rm(12)],
    });
    const ranged: SubProduct = { code: 'R', name: 'R', min: rm(10), max: rm(20) };
    expect(effectiveAmountRule({ ...base, options: [ranged], optionIndex: 0 })).toEqual({
      kind: 'range',
      min: rm(10),
      max: rm(20),
      wholeUnitsOnly: false,
    });
    expect(effectiveAmountRule({ ...base, biller: { code: '1', min: rm(5), max: rm(6) } })).toMatchObject({
      min: rm(5),
      max: rm(6),
    });
  });

  it('implies the amount only for a single fixed choice', () => {
    expect(impliedAmount(PRODUCTS.esim.amount)).toEqual(rm(35));
    expect(impliedAmount(PRODUCTS.digi.amount)).toBeUndefined();
    expect(impliedAmount(PRODUCTS.tnb.amount)).toBeUndefined();
  });

  it('offers the outstanding only when it is payable', () => {
    const bill = { outcome: 'valid' as const, message: '', otherFields: [] };
    expect(outstandingOffer({ ...base, bill: { ...bill, outstanding: rm(123.45) } })).toEqual(rm(123.45));
    expect(outstandingOffer({ ...base, bill: { ...bill, outstanding: rm(0) } })).toBeUndefined();
    expect(outstandingOffer({ ...base, bill: { ...bill, outstanding: rm(9999) } })).toBeUndefined();
    expect(outstandingOffer(base)).toBeUndefined();
  });

  it('labels a plan by its description when its name only repeats the product', () => {
    expect(
      optionLabel({ code: 'c', name: 'Hotlink Internet', description: 'Weekly' }, PRODUCTS.hotlinkInternet),
    ).toBe('Weekly');
    expect(optionLabel({ code: 'c', name: 'SSPN PRIME', description: 'SSPN' }, PRODUCTS.ptptn)).toBe(
      'SSPN PRIME',
    );
    expect(optionLabel({ code: 'code', name: '' }, PRODUCTS.ptptn)).toBe('code');
  });

  it.each([
    ['Ref-2 is required', true],
    ['ref2 missing', true],
    ['REF 2 IS REQUIRED', true],
    ['Invalid account no', false],
    ['The provided biller code is invalid', false],
    ['Ref-20 format', false],
  ])('reads "%s" as asking for Ref-2: %s', (message, asks) => {
    expect(asksForRef2(message)).toBe(asks);
  });

  it('forgets what was derived after the step re-entered, keeping typed values as suggestions', () => {
    const full: Purchase = {
      ...base,
      biller: { code: '1' },
      account: 'A',
      ref2: 'R',
      ref2Required: true,
      payerId: 'P',
      options: [],
      optionIndex: 0,
      bill: { outcome: 'valid', message: '', otherFields: [] },
      amount: rm(1),
      amountImplied: true,
      quoteId: 'q',
      quotedAt: 1,
      quoteSubmitted: true,
    };
    expect(resetFrom(full, 'confirm')).toEqual({
      ...full,
      quoteId: undefined,
      quotedAt: undefined,
      quoteSubmitted: undefined,
    });
    const account = resetFrom(full, 'account');
    expect(account).toMatchObject({ biller: { code: '1' }, account: 'A', ref2: 'R', payerId: 'P' });
    for (const key of ['bill', 'options', 'optionIndex', 'amount', 'ref2Required', 'quoteId'] as const) {
      expect(account[key]).toBeUndefined();
    }
    expect(resetFrom(full, 'biller').biller).toBeUndefined();
    expect(resetFrom(full, 'amount').bill).toBeDefined();
  });
});

describe('parseCommand', () => {
  it.each([
    ['/start', 'start'],
    ['/start@ShopBot', 'start'],
    ['/START', 'start'],
    ['/history please', 'history'],
    ['/language', 'lang'],
    ['/lang', 'lang'],
    ['/cancel', 'cancel'],
    ['/help', 'help'],
    ['/start@OtherBot', undefined],
    ['/topup', undefined],
    ['start', undefined],
    ['/starting', undefined],
  ])('%s → %s', (text, command) => {
    expect(parseCommand(text, 'shopbot')).toBe(command);
  });
});

describe('filterOptions', () => {
  it('matches every word in code, name or description, ignoring case and accents', () => {
    expect(filterOptions(BILLERS, 'seri INSURANCE').map((b) => b.code)).toEqual(['30023']);
    expect(filterOptions(BILLERS, '30023').map((b) => b.code)).toEqual(['30023']);
    expect(filterOptions([{ code: 'x', name: 'Café Sdn Bhd' }], 'cafe')).toHaveLength(1);
    expect(filterOptions(BILLERS, 'sample', 3)).toHaveLength(3);
    expect(filterOptions(BILLERS, 'nothing here')).toEqual([]);
  });
});

describe('paging', () => {
  it('slices pages with absolute indices and clamps stale page numbers', () => {
    const items = ['a', 'b', 'c', 'd', 'e'];
    expect(pageCount(5, 2)).toBe(3);
    expect(pageCount(0, 2)).toBe(1);
    expect(pageSlice(items, 1, 2)).toEqual([
      { item: 'c', index: 2 },
      { item: 'd', index: 3 },
    ]);
    expect(clampPage(9, 5, 2)).toBe(2);
    expect(pageSlice(items, 9, 2)).toEqual([{ item: 'e', index: 4 }]);
  });
});

describe('screenToken', () => {
  it('is six base-36 characters and differs between ids', () => {
    const tokens = new Set(Array.from({ length: 1000 }, (_, i) => screenToken(`id-${i}`)));
    expect(tokens.size).toBe(1000);
    for (const token of tokens) expect(token).toMatch(/^[0-9a-z]{6}$/);
  });
});
