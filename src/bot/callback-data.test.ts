import { describe, expect, it } from 'vitest';
import {
  byteLength,
  CALLBACK_DATA_MAX_BYTES,
  type CallbackData,
  decodeCallbackData,
  encodeCallbackData,
} from './callback-data.js';

const token = 'a1b2c3';

describe('callback data codec', () => {
  it.each<[CallbackData, string]>([
    [{ scope: 'screen', token, action: 'back' }, 's:a1b2c3:b'],
    [{ scope: 'screen', token, action: 'cancel' }, 's:a1b2c3:x'],
    [{ scope: 'screen', token, action: 'confirm' }, 's:a1b2c3:ok'],
    [{ scope: 'screen', token, action: 'outstanding' }, 's:a1b2c3:due'],
    [{ scope: 'screen', token, action: 'product', index: 0 }, 's:a1b2c3:p:0'],
    [{ scope: 'screen', token, action: 'option', index: 9999 }, 's:a1b2c3:o:9999'],
    [{ scope: 'screen', token, action: 'page', index: 3 }, 's:a1b2c3:pg:3'],
    [{ scope: 'screen', token, action: 'setLanguage', locale: 'ms' }, 's:a1b2c3:l:ms'],
    [{ scope: 'order', action: 'tryAgain', refid: 'oLx3k9Abc_-9' }, 'o:a:oLx3k9Abc_-9'],
    [{ scope: 'order', action: 'view', refid: 'r1' }, 'o:v:r1'],
    [{ scope: 'global', action: 'menu' }, 'g:m'],
    [{ scope: 'global', action: 'help' }, 'g:h'],
    [{ scope: 'admin', action: 'confirm', actionId: 'AbC_-1234567890x' }, 'a:y:AbC_-1234567890x'],
    [{ scope: 'admin', action: 'cancel', actionId: 'AbC_-1234567890x' }, 'a:n:AbC_-1234567890x'],
    [{ scope: 'admin', action: 'walletPage', userId: 123456789, page: 2 }, 'a:w:123456789:2'],
  ])('encodes %o as %s and back', (data, wire) => {
    expect(encodeCallbackData(data)).toBe(wire);
    expect(decodeCallbackData(wire)).toEqual(data);
  });

  it('fits a 50-character refid, the longest we generate, within 64 bytes', () => {
    const wire = encodeCallbackData({ scope: 'order', action: 'tryAgain', refid: 'r'.repeat(50) });
    expect(byteLength(wire)).toBeLessThanOrEqual(CALLBACK_DATA_MAX_BYTES);
    expect(decodeCallbackData(wire)).toEqual({ scope: 'order', action: 'tryAgain', refid: 'r'.repeat(50) });
  });

  it.each([
    ['empty', ''],
    ['not a string', 42],
    ['undefined', undefined],
    ['unknown scope', 'z:a1b2c3:b'],
    ['unknown action', 's:a1b2c3:zz'],
    ['short token', 's:a1b2:b'],
    ['upper-case token', 's:A1B2C3:b'],
    ['plain action with an argument', 's:a1b2c3:b:1'],
    ['index action without an index', 's:a1b2c3:p'],
    ['negative index', 's:a1b2c3:p:-1'],
    ['exponent index', 's:a1b2c3:p:1e3'],
    ['hex index', 's:a1b2c3:p:0x1'],
    ['index past the limit', 's:a1b2c3:p:10000'],
    ['padded index', 's:a1b2c3:p: 1'],
    ['unknown locale', 's:a1b2c3:l:fr'],
    ['extra parts', 's:a1b2c3:p:1:2'],
    ['refid with a space', 'o:a:bad refid'],
    ['refid with a colon', 'o:a:ab:cd'],
    ['order without refid', 'o:a'],
    ['global with argument', 'g:m:1'],
    ['a price smuggled in', 's:a1b2c3:a:10.00'],
    ['over 64 bytes', `o:a:${'r'.repeat(61)}`],
    ['admin action id too short', 'a:y:short'],
    ['admin action id with a dot', 'a:y:abcdefgh.ijk'],
    ['admin unknown action', 'a:z:abcdefghijkl'],
    ['admin action with extra parts', 'a:y:abcdefghijkl:1'],
    ['admin wallet page without a page', 'a:w:123'],
    ['admin wallet page of user 0', 'a:w:0:1'],
    ['admin wallet page with a negative page', 'a:w:123:-1'],
    ['admin wallet page with an amount', 'a:w:123:10.00'],
    ['multi-byte padding over 64 bytes', `s:a1b2c3:b${'é'.repeat(30)}`],
  ])('refuses %s', (_, raw) => {
    expect(decodeCallbackData(raw)).toBeUndefined();
  });

  it('refuses to encode anything malformed or too long', () => {
    expect(() => encodeCallbackData({ scope: 'screen', token: 'BAD', action: 'back' })).toThrow();
    expect(() => encodeCallbackData({ scope: 'screen', token, action: 'product', index: -1 })).toThrow();
    expect(() => encodeCallbackData({ scope: 'screen', token, action: 'product', index: 10_000 })).toThrow();
    expect(() => encodeCallbackData({ scope: 'screen', token, action: 'product', index: 1.5 })).toThrow();
    expect(() =>
      encodeCallbackData({ scope: 'screen', token, action: 'setLanguage', locale: 'fr' as never }),
    ).toThrow();
    expect(() => encodeCallbackData({ scope: 'screen', token, action: 'fly' as never })).toThrow();
    expect(() => encodeCallbackData({ scope: 'order', action: 'view', refid: 'x'.repeat(51) })).toThrow();
    expect(() => encodeCallbackData({ scope: 'order', action: 'view', refid: 'has space' })).toThrow();
  });

  it('counts bytes, not characters', () => {
    expect(byteLength('é')).toBe(2);
    expect(byteLength('🛒')).toBe(4);
  });
});
