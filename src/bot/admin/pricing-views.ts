import { type Currency, formatMoney, money } from '../../payments/money.js';
import type {
  PreviewLine,
  PriceRule,
  PricingRules,
  RuleChange,
  RuleScope,
  RuleSet,
  RuleTarget,
} from '../../wallet/pricing.js';
import { ruleAt } from '../../wallet/pricing.js';
import { messagesFor } from '../i18n/index.js';
import type { Locale } from '../i18n/locale.js';
import type { Messages } from '../i18n/messages.js';
import { blocks, clip, escapeHtml, lines } from '../views/html.js';
import { type View, view } from '../views/view.js';
import type { MarginProblem } from './margin-command.js';
import type { UnknownProduct } from './unknown-product.js';

/**
 * What the admins read about prices, as pure functions: the rule set (/prices), a change with its
 * before → after sample prices, and why a /margin command was not understood. Names come from the
 * catalog or an admin's typing, so they are escaped.
 */

/** Sample lines in a preview; the wiring picks a few items, this caps what a message shows. */
export const MAX_PREVIEW_LINES = 12;
/** Rules listed per set and scope in /prices, so the message stays under Telegram's limit. */
export const MAX_LISTED_RULES = 40;
const MAX_NAME = 40;

/** "5%", "1.5%", "0.25%": basis points without floating point. */
export function formatPercentBp(bp: number): string {
  const whole = Math.floor(bp / 100);
  const fraction = String(bp % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return fraction === '' ? `${whole}%` : `${whole}.${fraction}%`;
}

/** "5% + RM 0.50, rounded up to RM 0.10"; plain text (escape before use in HTML). */
export function describeRule(rule: PriceRule, currency: Currency, m: Messages): string {
  const parts: string[] = [];
  if (rule.percentBp !== undefined) parts.push(formatPercentBp(rule.percentBp));
  if (rule.fixedMinor !== undefined) parts.push(formatMoney(money(rule.fixedMinor, currency)));
  const sum = parts.join(' + ');
  const rounding =
    rule.roundToMinor === undefined
      ? undefined
      : m.pricing.rounded(formatMoney(money(rule.roundToMinor, currency)));
  return [sum, rounding].filter((part) => part !== undefined && part !== '').join(', ');
}

function scopeLabel(scope: RuleScope | 'default', name: string | undefined, m: Messages): string {
  const shown = escapeHtml(clip(name ?? '', MAX_NAME));
  switch (scope) {
    case 'default':
      return m.pricing.scopeDefault;
    case 'product':
      return m.pricing.scopeProduct(`<code>${shown}</code>`);
    case 'group':
      return m.pricing.scopeGroup(shown);
    case 'category':
      return m.pricing.scopeCategory(shown);
  }
}

function targetText(target: RuleTarget, m: Messages): string {
  const set = target.set === 'fee' ? m.pricing.feeSet : m.pricing.marginSet;
  return `${set} · ${scopeLabel(target.scope, target.scope === 'default' ? undefined : target.name, m)}`;
}

function setLines(set: RuleSet, currency: Currency, m: Messages): string[] {
  const out: string[] = [];
  const rule = (label: string, body: PriceRule) =>
    `• ${label}: <b>${escapeHtml(describeRule(body, currency, m))}</b>`;
  if (set.default) out.push(rule(scopeLabel('default', undefined, m), set.default));
  const tables: Array<[RuleScope, Record<string, PriceRule>]> = [
    ['product', set.products],
    ['group', set.groups],
    ['category', set.categories],
  ];
  for (const [scope, table] of tables) {
    const names = Object.keys(table).sort((a, b) => a.localeCompare(b));
    for (const name of names.slice(0, MAX_LISTED_RULES)) {
      const body = table[name];
      if (body) out.push(rule(scopeLabel(scope, name, m), body));
    }
    if (names.length > MAX_LISTED_RULES) out.push(`• … +${names.length - MAX_LISTED_RULES}`);
  }
  return out;
}

/**
 * /prices: every rule, margins then fees, most general first. `shopCurrency` is used to show amounts
 * of a rule set that does not name its currency (one with percentages only).
 */
export function renderPricingRules(rules: PricingRules, shopCurrency: Currency, locale: Locale): View {
  const m = messagesFor(locale);
  const currency = rules.currency ?? shopCurrency;
  const margins = setLines(rules.margin, currency, m);
  const fees = setLines(rules.fee, currency, m);
  if (margins.length === 0 && fees.length === 0) return view(blocks(m.pricing.title, m.pricing.noRules));
  return view(
    blocks(
      m.pricing.title,
      margins.length > 0 ? lines(m.pricing.marginHeading, ...margins) : undefined,
      fees.length > 0 ? lines(m.pricing.feeHeading, ...fees) : undefined,
      rules.currency !== undefined && rules.currency !== shopCurrency
        ? m.pricing.currencyMismatch(rules.currency, shopCurrency)
        : undefined,
    ),
  );
}

/**
 * The preview of a change: the target, its rule before → after, and each sample's price before →
 * after (with the margin after). The admin confirms it; nothing here is stored.
 */
export function renderPricingPreview(
  change: RuleChange,
  before: PricingRules,
  previewLines: readonly PreviewLine[],
  shopCurrency: Currency,
  locale: Locale,
): View {
  const m = messagesFor(locale);
  const currency = before.currency ?? shopCurrency;
  const describe = (rule: PriceRule | undefined) =>
    escapeHtml(rule === undefined ? m.pricing.cleared : describeRule(rule, currency, m));
  const oldRule = ruleAt(before, change.target);
  const newRule = change.kind === 'set' ? change.rule : undefined;
  const samples = previewLines.slice(0, MAX_PREVIEW_LINES).map(({ sample, before: was, after: now }) => {
    const label = escapeHtml(clip(sample.label, MAX_NAME));
    if (was.price.minor === now.price.minor)
      return `• ${label}: ${formatMoney(now.price)} (${m.pricing.unchanged})`;
    return `• ${label}: ${m.pricing.change(formatMoney(was.price), `<b>${formatMoney(now.price)}</b>`)} (${m.pricing.marginOf(formatMoney(now.margin))})`;
  });
  return view(
    blocks(
      lines(
        m.pricing.previewTitle(targetText(change.target, m)),
        m.pricing.change(describe(oldRule), `<b>${describe(newRule)}</b>`),
      ),
      samples.length > 0 ? lines(m.pricing.previewSamples, ...samples) : m.pricing.previewNone,
    ),
  );
}

/**
 * A /margin rule for a product code the catalog does not list: said plainly, with look-alike codes,
 * and nothing to apply (see unknown-product.ts).
 */
export function renderUnknownProduct(change: RuleChange, unknown: UnknownProduct, locale: Locale): View {
  const m = messagesFor(locale);
  const code = (name: string) => `<code>${escapeHtml(clip(name, MAX_NAME))}</code>`;
  return view(
    blocks(
      m.pricing.previewTitle(targetText(change.target, m)),
      m.pricing.unknownProduct(code(unknown.code)),
      unknown.similar.length > 0 ? m.pricing.similarCodes(unknown.similar.map(code).join(', ')) : undefined,
    ),
  );
}

/** Why a /margin command was refused, followed by the usage when it helps. */
export function renderMarginProblem(problem: MarginProblem, locale: Locale): View {
  const m = messagesFor(locale);
  const p = m.pricing.problems;
  const word = (text: string) => escapeHtml(clip(text, MAX_NAME));
  switch (problem.code) {
    case 'usage':
      return view(m.pricing.usage);
    case 'unknownTarget':
      return view(blocks(p.unknownTarget(word(problem.word)), m.pricing.usage));
    case 'missingName':
      return view(p.missingName(problem.scope));
    case 'missingRule':
      return view(p.missingRule);
    case 'clearWithRule':
      return view(p.clearWithRule);
    case 'unknownWord':
      return view(blocks(p.unknownWord(word(problem.word)), m.pricing.usage));
    default:
      return view(p[problem.code](word(problem.word)));
  }
}

/** The answer to a saved change, or to one that lost a race with another admin's. */
export function renderPricingWrite(write: { status: 'written' | 'stale' }, locale: Locale): View {
  const m = messagesFor(locale);
  return view(write.status === 'written' ? m.pricing.saved : m.pricing.stale);
}
