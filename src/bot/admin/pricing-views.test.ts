import { describe, expect, it } from 'vitest';
import { money } from '../../payments/money.js';
import { NO_PRICING_RULES, type PricingRules, previewRuleChange } from '../../wallet/pricing.js';
import { parseMarginCommand } from './margin-command.js';
import {
  formatPercentBp,
  renderMarginProblem,
  renderPricingPreview,
  renderPricingRules,
  renderPricingWrite,
  renderUnknownProduct,
} from './pricing-views.js';

const rules: PricingRules = {
  currency: 'MYR',
  margin: {
    default: { percentBp: 500, fixedMinor: 50, roundToMinor: 10 },
    products: { D: { percentBp: 150 } },
    groups: { '<Prepaid>': { fixedMinor: 20 } },
    categories: {},
  },
  fee: { products: {}, groups: {}, categories: { Bill: { fixedMinor: 100 } } },
};

describe('/prices', () => {
  it('lists margins then fees, in words the owner reads', () => {
    const text = renderPricingRules(rules, 'MYR', 'en').text;
    expect(text).toContain('• Default: <b>5% + RM 0.50, rounded up to RM 0.10</b>');
    expect(text).toContain('• Product <code>D</code>: <b>1.5%</b>');
    expect(text).toContain('• Group &lt;Prepaid&gt;: <b>RM 0.20</b>');
    expect(text).toContain('• Category Bill: <b>RM 1.00</b>');
    expect(text.indexOf('Margins')).toBeLessThan(text.indexOf('Fees'));
  });

  it('says when there are no rules, in Malay too', () => {
    expect(renderPricingRules(NO_PRICING_RULES, 'MYR', 'en').text).toMatch(/buyers pay the provider’s price/);
    expect(renderPricingRules(NO_PRICING_RULES, 'IDR', 'ms').text).toMatch(/Tiada peraturan harga/);
  });

  it('shows rupiah rules in rupiah and warns when the shop sells in another currency', () => {
    const rupiah: PricingRules = {
      ...NO_PRICING_RULES,
      currency: 'IDR',
      margin: { ...NO_PRICING_RULES.margin, default: { fixedMinor: 1500, roundToMinor: 500 } },
    };
    expect(renderPricingRules(rupiah, 'IDR', 'en').text).toContain('Rp 1.500, rounded up to Rp 500');
    expect(renderPricingRules(rupiah, 'MYR', 'en').text).toMatch(/in IDR but the shop sells in MYR/);
  });

  it.each([
    [0, '0%'],
    [1, '0.01%'],
    [150, '1.5%'],
    [500, '5%'],
    [1_025, '10.25%'],
    [10_000, '100%'],
  ])('%i basis points read as %s', (bp, text) => {
    expect(formatPercentBp(bp)).toBe(text);
  });
});

describe('the preview of a change', () => {
  it('shows the rule and each sample before → after', () => {
    const parsed = parseMarginCommand('/margin product D 3% round 0.10', 'MYR');
    if (!parsed?.ok) throw new Error('not parsed');
    const samples = [
      {
        product: { code: 'D', group: 'Prepaid', category: 'Mobile', freeAmount: false },
        base: money(1000, 'MYR'),
        label: 'Digi RM 10',
      },
      {
        product: { code: 'M', group: 'X', category: 'Y', freeAmount: false },
        base: money(1000, 'MYR'),
        label: 'Maxis RM 10',
      },
    ];
    const { lines } = previewRuleChange(rules, parsed.change, 'MYR', samples);
    const text = renderPricingPreview(parsed.change, rules, lines, 'MYR', 'en').text;
    expect(text).toContain('<b>Change:</b> Margin · Product <code>D</code>');
    expect(text).toContain('1.5% → <b>3%, rounded up to RM 0.10</b>');
    expect(text).toContain('• Digi RM 10: RM 10.15 → <b>RM 10.30</b> (margin RM 0.30)');
    expect(text).toContain('• Maxis RM 10: RM 11.00 (unchanged)');
  });

  it('says when a cleared rule leaves the target without a rule of its own', () => {
    const parsed = parseMarginCommand('/margin category Bill fee clear', 'MYR');
    if (!parsed?.ok) throw new Error('not parsed');
    const text = renderPricingPreview(parsed.change, rules, [], 'MYR', 'ms').text;
    expect(text).toContain('Caj · Kategori Bill');
    expect(text).toContain('RM 1.00 → <b>tiada peraturan sendiri</b>');
    expect(text).toContain('Tiada contoh barang');
  });
});

describe('a change for a product code the catalog does not list', () => {
  it('says so plainly, names look-alike codes, and offers nothing to apply', () => {
    const parsed = parseMarginCommand('/margin product TNBX 3%', 'MYR');
    if (!parsed?.ok) throw new Error('not parsed');
    const shown = renderUnknownProduct(parsed.change, { code: 'TNBX', similar: ['TNB', 'TNB<2>'] }, 'en');
    expect(shown.text).toContain('<b>Change:</b> Margin · Product <code>TNBX</code>');
    expect(shown.text).toContain('No product with code <code>TNBX</code> is in the current catalog');
    expect(shown.text).toContain('Nothing was changed');
    expect(shown.text).toContain('Codes that look similar: <code>TNB</code>, <code>TNB&lt;2&gt;</code>');
    expect(shown.text).not.toContain('unchanged');
    expect(shown.keyboard).toEqual([]);
    const ms = renderUnknownProduct(parsed.change, { code: 'TNBX', similar: [] }, 'ms').text;
    expect(ms).toContain('Tiada produk dengan kod <code>TNBX</code>');
    expect(ms).not.toContain('Kod yang hampir serupa');
    expect(renderUnknownProduct(parsed.change, { code: 'TNBX', similar: ['TNB'] }, 'id').text).toContain(
      'Kode yang mirip: <code>TNB</code>',
    );
  });
});

describe('answers to /margin', () => {
  it('explains a refused command, escaping what was typed', () => {
    const parsed = parseMarginCommand('/margin default -5%', 'MYR');
    if (parsed === undefined || parsed.ok) throw new Error('parsed');
    expect(renderMarginProblem(parsed.problem, 'en').text).toMatch(/-5% is negative: a margin below cost/);
    expect(renderMarginProblem({ code: 'unknownWord', word: '<b>' }, 'en').text).toContain('“&lt;b&gt;”');
    expect(renderMarginProblem({ code: 'usage' }, 'ms').text).toContain('/margin default 5%');
  });

  it('confirms a save, or says another admin got there first', () => {
    expect(renderPricingWrite({ status: 'written' }, 'en').text).toMatch(/saved/);
    expect(renderPricingWrite({ status: 'stale' }, 'en').text).toMatch(/nothing was saved/);
  });
});
