import { describe, expect, it } from 'vitest';
import { ALL_PRODUCTS } from '../../../test/support/bot/fixtures.js';
import type { RuleChange } from '../../wallet/pricing.js';
import { unknownProductOf } from './unknown-product.js';

const set = (name: string): RuleChange => ({
  kind: 'set',
  target: { set: 'margin', scope: 'product', name },
  rule: { percentBp: 300 },
});

describe('a /margin product code the catalog does not list', () => {
  it('is found out, with no look-alikes for a code like nothing there', () => {
    expect(unknownProductOf(set('ZZZ'), ALL_PRODUCTS)).toEqual({ code: 'ZZZ', similar: [] });
  });

  it('names codes that look like it: a shared start, or one inside the other', () => {
    expect(unknownProductOf(set('TNBX'), ALL_PRODUCTS)).toEqual({ code: 'TNBX', similar: ['TNB'] });
    expect(unknownProductOf(set('PTP'), ALL_PRODUCTS)?.similar).toEqual(['PTPTN']);
  });

  it('is a listed code in any case, inactive products included', () => {
    expect(unknownProductOf(set('tnb'), ALL_PRODUCTS)).toBeUndefined();
    // Tune Talk is listed but not active: a rule for it is meant for when it is back.
    expect(unknownProductOf(set('TT'), ALL_PRODUCTS)).toBeUndefined();
  });

  it('claims nothing for clearing a rule, other scopes, or a catalog that could not be read', () => {
    expect(unknownProductOf({ kind: 'clear', target: set('ZZZ').target }, ALL_PRODUCTS)).toBeUndefined();
    const group: RuleChange = { ...set('x'), target: { set: 'margin', scope: 'group', name: 'Nowhere' } };
    expect(unknownProductOf(group, ALL_PRODUCTS)).toBeUndefined();
    expect(unknownProductOf(set('ZZZ'), [])).toBeUndefined();
  });
});
