import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The payments core records what happened as codes (src/payments/failure.ts); every sentence a buyer
 * reads is worded per locale in src/bot/i18n. A sentence written for the buyer inside src/payments
 * would reach a Malay receipt in English, so none may creep back in. Comments are free to say
 * anything: only string literals are checked.
 */
const ROOT = 'src/payments';

/** Ways a sentence addresses the buyer: speaking to them, or telling them about their money. */
const BUYER_WORDING = [
  /\b(you|your|please)\b/i,
  /\bnot charged\b/i,
  /\bcould not be completed\b/i,
  /\btry (again|later)\b/i,
  /\brefunded to\b/i,
];

function sourceFiles(): string[] {
  return readdirSync(ROOT, { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.ts') && !path.endsWith('.test.ts'))
    .map((path) => join(ROOT, path));
}

/** String literals of a file, comments removed first (a `//` inside a string, like a URL, stays). */
function stringLiterals(source: string): string[] {
  const literals: string[] = [];
  const token = /\/\*[\s\S]*?\*\/|\/\/[^\n]*|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`/g;
  for (const match of source.matchAll(token)) {
    const text = match[0];
    if (!text.startsWith('/')) literals.push(text.slice(1, -1));
  }
  return literals;
}

describe('the payments core speaks in codes', () => {
  const files = sourceFiles();

  it('finds the sources it checks', () => {
    expect(files).toContain(join(ROOT, 'orders/order-engine.ts'));
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files)('%s has no sentence written for the buyer', (file) => {
    const offending = stringLiterals(readFileSync(file, 'utf8')).filter((literal) =>
      BUYER_WORDING.some((pattern) => pattern.test(literal)),
    );
    expect(offending).toEqual([]);
  });

  it('would notice one', () => {
    const sample =
      "// You were not charged (a comment)\nconst reason = 'The shop is closed. You were not charged.';";
    expect(stringLiterals(sample)).toEqual(['The shop is closed. You were not charged.']);
  });
});
