import { describe, expect, it } from 'vitest';
import {
  formatClockTime,
  formatDateTime,
  formatIsoDate,
  formatShortDate,
  formatZonedDateTime,
  isTimeZone,
  JAKARTA_TIME,
  MALAYSIA_TIME,
  shopTimeZone,
} from './dates.js';
import { MESSAGES } from './index.js';
import { LOCALES, localeFromLanguageCode } from './locale.js';

/** Every leaf of a dictionary as [path, value], functions called with sample arguments. */
function leaves(node: unknown, path = ''): Array<[string, unknown]> {
  if (typeof node === 'function') {
    const args = Array.from({ length: node.length }, (_, i) => (i % 2 === 0 ? 'X1' : 7));
    return [[`${path}()`, node(...args)]];
  }
  if (Array.isArray(node)) return node.flatMap((item, i) => leaves(item, `${path}[${i}]`));
  if (typeof node === 'object' && node !== null) {
    return Object.entries(node).flatMap(([key, value]) => leaves(value, path ? `${path}.${key}` : key));
  }
  return [[path, node]];
}

describe('dictionaries', () => {
  const shapes = LOCALES.map((locale) => leaves(MESSAGES[locale]).map(([path]) => path));

  it('every locale has exactly the same keys', () => {
    for (const shape of shapes) expect(shape).toEqual(shapes[0]);
  });

  it.each(LOCALES)('%s has no empty strings, even from functions', (locale) => {
    for (const [path, value] of leaves(MESSAGES[locale])) {
      expect(typeof value, path).toBe('string');
      expect((value as string).trim(), path).not.toBe('');
    }
  });

  it.each(LOCALES)('%s functions use their arguments', (locale) => {
    for (const [path, value] of leaves(MESSAGES[locale])) {
      if (path.endsWith('()')) expect(value as string, path).toMatch(/X1|7/);
    }
  });

  it('command descriptions fit the Bot API (3 to 256 characters)', () => {
    for (const locale of LOCALES) {
      for (const [path, value] of leaves(MESSAGES[locale].commands)) {
        expect((value as string).length, path).toBeGreaterThanOrEqual(3);
        expect((value as string).length, path).toBeLessThanOrEqual(256);
      }
    }
  });

  it('the languages really differ', () => {
    expect(MESSAGES.ms.buttons.back).not.toBe(MESSAGES.en.buttons.back);
    expect(MESSAGES.ms.help.text).not.toBe(MESSAGES.en.help.text);
    expect(MESSAGES.id.help.text).not.toBe(MESSAGES.en.help.text);
    expect(MESSAGES.id.help.text).not.toBe(MESSAGES.ms.help.text);
    expect(MESSAGES.id.buttons.confirm).not.toBe(MESSAGES.ms.buttons.confirm);
  });

  it('functions show their arguments where English does, in every locale', () => {
    const used = (locale: (typeof LOCALES)[number]) =>
      leaves(MESSAGES[locale])
        .filter(([path]) => path.endsWith('()'))
        .map(([path, value]) => [path, ((value as string).match(/X1|7/g) ?? []).length > 0] as const);
    for (const locale of LOCALES) expect(used(locale)).toEqual(used('en'));
  });

  it.each(LOCALES)('%s uses only the HTML tags Telegram knows', (locale) => {
    for (const [path, value] of leaves(MESSAGES[locale])) {
      const tags = (value as string).match(/<\/?([a-z]+)[^>]*>/g) ?? [];
      for (const tag of tags) expect(tag, path).toMatch(/^<\/?(b|i|code)>$/);
    }
  });

  it('plain-text entries carry no HTML', () => {
    for (const locale of LOCALES) {
      for (const [path, value] of [
        ...leaves(MESSAGES[locale].toasts),
        ...leaves(MESSAGES[locale].plain),
        ...leaves(MESSAGES[locale].commands),
        // Failure sentences go into views through escaping, so markup in them would show as text.
        ...leaves(MESSAGES[locale].failures),
      ]) {
        expect(value as string, path).not.toMatch(/[<>]/);
      }
    }
  });
});

describe('localeFromLanguageCode', () => {
  it.each([
    ['ms', 'ms'],
    ['ms-MY', 'ms'],
    ['MS_my', 'ms'],
    ['en', 'en'],
    ['en-GB', 'en'],
    ['id', 'id'],
    ['id-ID', 'id'],
    ['in', 'id'],
    ['zh-hans', 'en'],
    [undefined, 'en'],
    ['', 'en'],
  ] as const)('%s → %s', (code, locale) => {
    expect(localeFromLanguageCode(code)).toBe(locale);
  });
});

describe('dates in Malaysia time', () => {
  it('turns an ISO date into a readable one', () => {
    expect(formatIsoDate('2025-11-16', 'en')).toBe('16 Nov 2025');
    expect(formatIsoDate('2025-12-01', 'ms')).toBe('1 Dis 2025');
    expect(formatIsoDate('20251116', 'en')).toBe('20251116');
    expect(formatIsoDate('2025-13-01', 'en')).toBe('2025-13-01');
  });

  it('shows instants at UTC+8 whatever the server zone', () => {
    // 16:30 UTC on 31 Dec is 00:30 on 1 Jan in Kuala Lumpur.
    const instant = Date.UTC(2024, 11, 31, 16, 30);
    expect(formatDateTime(instant, 'en')).toBe('1 Jan 2025, 00:30');
    expect(formatDateTime(Date.UTC(2025, 7, 5, 6, 3), 'ms')).toBe('5 Ogo 2025, 14:03');
    expect(formatShortDate(instant, 'en')).toBe('1 Jan');
  });
});

describe('dates in the shop’s time zone', () => {
  const instant = Date.UTC(2025, 7, 5, 6, 3);

  it('shows Jakarta time with WIB, and Malaysia time as before, without a zone', () => {
    expect(formatZonedDateTime(instant, 'id', JAKARTA_TIME)).toBe('5 Agu 2025, 13:03 WIB');
    expect(formatZonedDateTime(instant, 'en', MALAYSIA_TIME)).toBe('5 Aug 2025, 14:03');
    expect(formatDateTime(instant, 'id', JAKARTA_TIME)).toBe('5 Agu 2025, 13:03');
    expect(formatShortDate(Date.UTC(2024, 11, 31, 16, 30), 'id', JAKARTA_TIME)).toBe('31 Des');
  });

  it('gives the time of day to the second in the shop’s zone, for "asked again at"', () => {
    expect(formatClockTime(instant + 27_000, MALAYSIA_TIME)).toBe('14:03:27');
    expect(formatClockTime(instant + 27_000, JAKARTA_TIME)).toBe('13:03:27 WIB');
    expect(formatClockTime(Date.UTC(2025, 11, 31, 16, 0, 5))).toBe('00:00:05');
  });

  it('knows WITA and WIT, and any other IANA zone by its offset', () => {
    expect(formatZonedDateTime(instant, 'id', shopTimeZone('Asia/Makassar'))).toBe('5 Agu 2025, 14:03 WITA');
    expect(formatZonedDateTime(instant, 'id', shopTimeZone('Asia/Jayapura'))).toBe('5 Agu 2025, 15:03 WIT');
    // London is on summer time (UTC+1) in August and on UTC in January.
    const london = shopTimeZone('Europe/London');
    expect(formatZonedDateTime(instant, 'en', london)).toBe('5 Aug 2025, 07:03');
    expect(formatDateTime(Date.UTC(2025, 0, 5, 6, 3), 'en', london)).toBe('5 Jan 2025, 06:03');
  });

  it('tells IANA names from anything else', () => {
    expect(isTimeZone('Asia/Jakarta')).toBe(true);
    expect(isTimeZone('Asia/Atlantis')).toBe(false);
    expect(isTimeZone('')).toBe(false);
    expect(() => shopTimeZone('Asia/Atlantis')).toThrow(RangeError);
  });
});

describe('English articles before operator names', () => {
  it.each([
    ['XL', 'an XL'],
    ['INDOSAT', 'an INDOSAT'],
    ['AXIS', 'an AXIS'],
    ['TELKOMSEL', 'a TELKOMSEL'],
    ['SMART', 'a SMART'],
    ['Tri', 'a Tri'],
  ])('%s number', (operator, phrase) => {
    expect(MESSAGES.en.notices.accountWrongOperator(operator)).toContain(`not ${phrase} number`);
  });
});
