import { type Currency, MINOR_DIGITS, parseDecimalToMinor } from '../../payments/money.js';
import {
  MAX_PERCENT_BP,
  MAX_RULE_MINOR,
  type PriceRule,
  type RuleChange,
  type RuleScope,
  type RuleSetName,
  type RuleTarget,
} from '../../wallet/pricing.js';

/**
 * The admins' text form of a price rule change, pure. Grammar (words are case-insensitive):
 *
 *   /margin <target> [fee] <rule | clear>
 *   target: default | product <code> | group <name> | category <name>
 *   rule:   any of  <p>%   +<amount>   round <amount>   (each at most once, any order)
 *
 * - `fee` puts the rule in the fee set (free amounts and bills: the buyer types the amount, the fee
 *   is added on top); without it the rule is a margin. After `fee` a bare amount is the fixed fee
 *   (`fee 1.00`); for a margin a bare number is refused, since "5" could mean 5 % or RM 5.00.
 * - Amounts are decimals in the shop's currency ("0.50" is 50 sen; "500" is Rp 500); percentages
 *   have at most two decimals ("1.25%" is 125 basis points). Negative values are refused.
 * - A product code is one word; a group or category name may be several words ("Mobile Reload"),
 *   or quoted ("Bill 2"), and ends at the first word of the rule.
 * - `clear` removes the rule at the target (of the fee set with `fee`), so the next, less specific
 *   rule applies.
 *
 * Examples: `/margin default 5%`, `/margin default 5% +0.50 round 0.10`, `/margin product D 3%`,
 * `/margin group Prepaid +0.20`, `/margin category Bill fee 1.00`, `/margin product D clear`.
 */

export const MARGIN_COMMAND = 'margin';

/** Why a /margin command was not understood; the view words it for the admin. */
export type MarginProblem =
  /** Nothing after /margin, or "help": show the usage. */
  | { code: 'usage' }
  | { code: 'unknownTarget'; word: string }
  | { code: 'missingName'; scope: RuleScope }
  | { code: 'missingRule' }
  | { code: 'badPercent'; word: string }
  | { code: 'percentTooLarge'; word: string }
  | { code: 'badAmount'; word: string }
  | { code: 'amountTooLarge'; word: string }
  | { code: 'zeroStep'; word: string }
  | { code: 'negative'; word: string }
  | { code: 'bareNumber'; word: string }
  | { code: 'repeated'; word: string }
  | { code: 'clearWithRule' }
  | { code: 'unknownWord'; word: string };

export type MarginCommandParse = { ok: true; change: RuleChange } | { ok: false; problem: MarginProblem };

interface Token {
  text: string;
  quoted: boolean;
}

const SCOPES: readonly string[] = ['product', 'group', 'category'];
const KEYWORDS: readonly string[] = ['fee', 'clear', 'round'];

/**
 * Reads "/margin ..." (also "/margin@ShopBot ..."). Undefined when the text is not a /margin command
 * or is addressed to another bot; otherwise the change, or the first problem found.
 */
export function parseMarginCommand(
  text: string,
  currency: Currency,
  botUsername?: string,
): MarginCommandParse | undefined {
  const match = /^\/margin(?:@([A-Za-z0-9_]+))?(?:\s+([\s\S]*))?$/i.exec(text.trim());
  if (!match) return undefined;
  const [, target, rest = ''] = match;
  if (target !== undefined && botUsername !== undefined && target.toLowerCase() !== botUsername.toLowerCase())
    return undefined;
  return parseMarginArguments(rest, currency);
}

/** The part after "/margin". */
export function parseMarginArguments(text: string, currency: Currency): MarginCommandParse {
  const tokens = tokenize(text);
  const fail = (problem: MarginProblem): MarginCommandParse => ({ ok: false, problem });
  const first = tokens.shift();
  if (!first || (!first.quoted && first.text.toLowerCase() === 'help')) return fail({ code: 'usage' });
  const scopeWord = first.text.toLowerCase();

  let where: { scope: 'default' } | { scope: RuleScope; name: string };
  if (!first.quoted && scopeWord === 'default') {
    where = { scope: 'default' };
  } else if (!first.quoted && SCOPES.includes(scopeWord)) {
    const scope = scopeWord as RuleScope;
    const name = takeName(tokens, scope);
    if (name === undefined) return fail({ code: 'missingName', scope });
    where = { scope, name };
  } else {
    return fail({ code: 'unknownTarget', word: first.text });
  }

  let set: RuleSetName = 'margin';
  if (isWord(tokens[0], 'fee')) {
    tokens.shift();
    set = 'fee';
  }
  const targetOf = (): RuleTarget => ({ set, ...where });

  if (tokens.length === 0) return fail({ code: 'missingRule' });
  if (tokens.some((token) => isWord(token, 'clear'))) {
    return tokens.length === 1
      ? { ok: true, change: { kind: 'clear', target: targetOf() } }
      : fail({ code: 'clearWithRule' });
  }

  const rule: PriceRule = {};
  while (tokens.length > 0) {
    const token = tokens.shift() as Token;
    const word = token.text;
    if (isWord(token, 'round')) {
      if (rule.roundToMinor !== undefined) return fail({ code: 'repeated', word });
      const value = tokens.shift();
      if (!value) return fail({ code: 'badAmount', word });
      const step = parseAmount(value.text, currency);
      if (!step.ok) return fail(step.problem);
      if (step.minor === 0) return fail({ code: 'zeroStep', word: value.text });
      rule.roundToMinor = step.minor;
    } else if (!token.quoted && word.endsWith('%')) {
      if (rule.percentBp !== undefined) return fail({ code: 'repeated', word });
      const percent = parsePercent(word);
      if (!percent.ok) return fail(percent.problem);
      rule.percentBp = percent.bp;
    } else if (!token.quoted && /^[+-]|^\d/.test(word)) {
      if (set === 'margin' && /^\d/.test(word)) return fail({ code: 'bareNumber', word });
      if (rule.fixedMinor !== undefined) return fail({ code: 'repeated', word });
      const fixed = parseAmount(word.startsWith('+') ? word.slice(1) : word, currency, word);
      if (!fixed.ok) return fail(fixed.problem);
      rule.fixedMinor = fixed.minor;
    } else {
      return fail({ code: 'unknownWord', word });
    }
  }
  return { ok: true, change: { kind: 'set', target: targetOf(), rule } };
}

/** Words, with "quoted names" (straight or curly quotes, as phones type them) kept whole. */
function tokenize(text: string): Token[] {
  // "5 %" and "+ 0.50" are read as "5%" and "+0.50".
  const normalized = text.replace(/(\d)\s+%/g, '$1%').replace(/\+\s+(?=\d)/g, '+');
  const tokens: Token[] = [];
  for (const match of normalized.matchAll(/["“”]([^"“”]*)["“”]|(\S+)/g)) {
    if (match[1] !== undefined) tokens.push({ text: match[1].trim(), quoted: true });
    else if (match[2] !== undefined) tokens.push({ text: match[2], quoted: false });
  }
  return tokens;
}

function isWord(token: Token | undefined, word: string): boolean {
  return token !== undefined && !token.quoted && token.text.toLowerCase() === word;
}

/** Where a name ends: at a keyword or something that reads as an amount or a percentage. */
function startsRule(token: Token): boolean {
  if (token.quoted) return false;
  return (
    KEYWORDS.includes(token.text.toLowerCase()) ||
    token.text.endsWith('%') ||
    /^[+-]/.test(token.text) ||
    /^\d/.test(token.text)
  );
}

/** A product code is one word; a group or category may be several, or one quoted name. */
function takeName(tokens: Token[], scope: RuleScope): string | undefined {
  const first = tokens[0];
  // Product codes may start with a digit; "5%" or "+1" is still a rule, not a code.
  const digitCode = scope === 'product' && /^\d[^%]*$/.test(first?.text ?? '');
  if (!first || (!first.quoted && startsRule(first) && !digitCode)) return undefined;
  tokens.shift();
  if (first.quoted || scope === 'product') return first.text === '' ? undefined : first.text;
  const words = [first.text];
  while (tokens[0] && !tokens[0].quoted && !startsRule(tokens[0])) words.push((tokens.shift() as Token).text);
  return words.join(' ');
}

type Parsed<T> = ({ ok: true } & T) | { ok: false; problem: MarginProblem };

/** "5%" → 500, "1.25%" → 125; at most two decimals, at most 100 %. */
function parsePercent(word: string): Parsed<{ bp: number }> {
  if (word.startsWith('-')) return { ok: false, problem: { code: 'negative', word } };
  const match = /^\+?(\d{1,5})(?:\.(\d{1,2}))?%$/.exec(word);
  if (!match) return { ok: false, problem: { code: 'badPercent', word } };
  const bp = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  if (bp > MAX_PERCENT_BP) return { ok: false, problem: { code: 'percentTooLarge', word } };
  return { ok: true, bp };
}

/** A non-negative decimal in the shop's currency, with no more decimals than its minor unit. */
function parseAmount(text: string, currency: Currency, word = text): Parsed<{ minor: number }> {
  if (text.startsWith('-')) return { ok: false, problem: { code: 'negative', word } };
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match || (match[2] ?? '').length > MINOR_DIGITS[currency])
    return { ok: false, problem: { code: 'badAmount', word } };
  const minor = parseDecimalToMinor(text, currency);
  if (minor === undefined) return { ok: false, problem: { code: 'badAmount', word } };
  if (minor > MAX_RULE_MINOR) return { ok: false, problem: { code: 'amountTooLarge', word } };
  return { ok: true, minor };
}
