import { describe, expect, it } from 'vitest';
import { money } from '../../payments/money.js';
import { applyRuleChange, NO_PRICING_RULES, quotePrice, type RuleChange } from '../../wallet/pricing.js';
import { type MarginProblem, parseMarginCommand } from './margin-command.js';

function change(text: string, currency: 'MYR' | 'IDR' = 'MYR'): RuleChange {
  const parsed = parseMarginCommand(text, currency);
  if (!parsed?.ok) throw new Error(`not parsed: ${text} ${JSON.stringify(parsed)}`);
  return parsed.change;
}

function problem(text: string, currency: 'MYR' | 'IDR' = 'MYR'): MarginProblem {
  const parsed = parseMarginCommand(text, currency);
  if (parsed === undefined || parsed.ok) throw new Error(`parsed: ${text}`);
  return parsed.problem;
}

describe('/margin commands', () => {
  it.each<[string, RuleChange]>([
    [
      '/margin default 5%',
      { kind: 'set', target: { set: 'margin', scope: 'default' }, rule: { percentBp: 500 } },
    ],
    [
      '/margin default 5% +0.50 round 0.10',
      {
        kind: 'set',
        target: { set: 'margin', scope: 'default' },
        rule: { percentBp: 500, fixedMinor: 50, roundToMinor: 10 },
      },
    ],
    [
      '/margin product D 3%',
      { kind: 'set', target: { set: 'margin', scope: 'product', name: 'D' }, rule: { percentBp: 300 } },
    ],
    [
      '/margin group Prepaid +0.20',
      { kind: 'set', target: { set: 'margin', scope: 'group', name: 'Prepaid' }, rule: { fixedMinor: 20 } },
    ],
    [
      '/margin category Bill fee 1.00',
      { kind: 'set', target: { set: 'fee', scope: 'category', name: 'Bill' }, rule: { fixedMinor: 100 } },
    ],
    ['/margin product D clear', { kind: 'clear', target: { set: 'margin', scope: 'product', name: 'D' } }],
    ['/margin product D fee clear', { kind: 'clear', target: { set: 'fee', scope: 'product', name: 'D' } }],
    [
      '/margin group Mobile Reload 1.25%',
      {
        kind: 'set',
        target: { set: 'margin', scope: 'group', name: 'Mobile Reload' },
        rule: { percentBp: 125 },
      },
    ],
    [
      '/margin category “Bill 2” fee 0.5% +1',
      {
        kind: 'set',
        target: { set: 'fee', scope: 'category', name: 'Bill 2' },
        rule: { percentBp: 50, fixedMinor: 100 },
      },
    ],
    [
      '/margin@ShopBot DEFAULT ROUND 0.05 0%',
      { kind: 'set', target: { set: 'margin', scope: 'default' }, rule: { roundToMinor: 5, percentBp: 0 } },
    ],
    [
      '/margin default 5 % + 0.50',
      { kind: 'set', target: { set: 'margin', scope: 'default' }, rule: { percentBp: 500, fixedMinor: 50 } },
    ],
    [
      '/margin product 1001 2%',
      { kind: 'set', target: { set: 'margin', scope: 'product', name: '1001' }, rule: { percentBp: 200 } },
    ],
  ])('%s', (text, expected) => {
    expect(change(text)).toEqual(expected);
  });

  it('reads amounts in rupiah for an IAK shop (no decimals)', () => {
    expect(change('/margin default 2% +500 round 100', 'IDR')).toEqual({
      kind: 'set',
      target: { set: 'margin', scope: 'default' },
      rule: { percentBp: 200, fixedMinor: 500, roundToMinor: 100 },
    });
    expect(problem('/margin default +0.50', 'IDR')).toEqual({ code: 'badAmount', word: '+0.50' });
  });

  it('the typed rule prices what the owner meant', () => {
    const rules = applyRuleChange(NO_PRICING_RULES, change('/margin default 5% +0.50 round 0.10'), 'MYR');
    const quote = quotePrice(
      {
        product: { code: 'D', group: 'Prepaid', category: 'Mobile', freeAmount: false },
        base: money(1000, 'MYR'),
      },
      rules,
    );
    // RM 10.00 + 5% (0.50) + 0.50 = RM 11.00, already on a 10-sen step.
    expect(quote.price).toEqual(money(1100, 'MYR'));
  });

  it.each<[string, MarginProblem]>([
    ['/margin', { code: 'usage' }],
    ['/margin help', { code: 'usage' }],
    ['/margin everything 5%', { code: 'unknownTarget', word: 'everything' }],
    ['/margin product 5%', { code: 'missingName', scope: 'product' }],
    ['/margin group', { code: 'missingName', scope: 'group' }],
    ['/margin default', { code: 'missingRule' }],
    ['/margin default -5%', { code: 'negative', word: '-5%' }],
    ['/margin default -0.50', { code: 'negative', word: '-0.50' }],
    ['/margin default 5.125%', { code: 'badPercent', word: '5.125%' }],
    ['/margin default five%', { code: 'badPercent', word: 'five%' }],
    ['/margin default 150%', { code: 'percentTooLarge', word: '150%' }],
    ['/margin default +0.505', { code: 'badAmount', word: '+0.505' }],
    ['/margin default +20000', { code: 'amountTooLarge', word: '+20000' }],
    ['/margin default round 0', { code: 'zeroStep', word: '0' }],
    ['/margin default round', { code: 'badAmount', word: 'round' }],
    ['/margin default 5', { code: 'bareNumber', word: '5' }],
    ['/margin default 5% 3%', { code: 'repeated', word: '3%' }],
    ['/margin product D 3% clear', { code: 'clearWithRule' }],
    ['/margin default 5% extra', { code: 'unknownWord', word: 'extra' }],
  ])('%s is refused: %j', (text, expected) => {
    expect(problem(text)).toEqual(expected);
  });

  it('ignores other commands and commands for another bot', () => {
    expect(parseMarginCommand('/margins default 5%', 'MYR')).toBeUndefined();
    expect(parseMarginCommand('/prices', 'MYR')).toBeUndefined();
    expect(parseMarginCommand('/margin@OtherBot default 5%', 'MYR', 'ShopBot')).toBeUndefined();
    expect(parseMarginCommand('/margin@shopbot default 5%', 'MYR', 'ShopBot')?.ok).toBe(true);
  });
});
