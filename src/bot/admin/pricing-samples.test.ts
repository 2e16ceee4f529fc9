import { describe, expect, it } from 'vitest';
import { ALL_PRODUCTS, PRODUCTS } from '../../../test/support/bot/fixtures.js';
import { pricingSamples } from './pricing-samples.js';

describe('/margin preview samples', () => {
  it('puts the items a change touches first, then others of the same set; never the other set', () => {
    const samples = pricingSamples(ALL_PRODUCTS, { set: 'margin', scope: 'product', name: 'm' }, 'MYR');
    expect(samples[0]?.label).toBe('Hotlink Prepaid RM 5.00');
    expect(samples[1]?.label).toBe('Hotlink Prepaid RM 20.00');
    expect(samples.every((s) => !s.product.freeAmount)).toBe(true);
    expect(samples.map((s) => s.label)).toContain('Digi Prepaid RM 5.00');
    expect(samples.map((s) => s.label)).not.toContain('Tune Talk Prepaid RM 5.00');
  });

  it('shows fees on typed amounts: a range’s minimum, a notional amount for bills, never plans', () => {
    const samples = pricingSamples(
      [PRODUCTS.digi, PRODUCTS.digiPostpaid, PRODUCTS.hotlinkInternet],
      { set: 'fee', scope: 'default' },
      'MYR',
    );
    expect(samples.map((s) => [s.label, s.product.freeAmount])).toEqual([['Digi Postpaid RM 1.00', true]]);
  });

  it('keeps to the cap', () => {
    expect(pricingSamples(ALL_PRODUCTS, { set: 'margin', scope: 'default' }, 'MYR', 3)).toHaveLength(3);
  });
});
