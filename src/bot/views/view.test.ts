import { describe, expect, it } from 'vitest';
import { caption, MAX_BUTTON_TEXT } from './view.js';

describe('caption', () => {
  it('leaves a short, plainly spaced label as it is', () => {
    expect(caption('Digi Prepaid')).toBe('Digi Prepaid');
    expect(caption('🛒 Shop')).toBe('🛒 Shop');
  });

  it('collapses runs of spaces and line breaks, and trims', () => {
    expect(caption('  Unifi   Home\n 30Mbps\t')).toBe('Unifi Home 30Mbps');
  });

  it(`cuts a long label to ${MAX_BUTTON_TEXT} characters, counting an emoji as one`, () => {
    const long = `${'🎁'.repeat(40)} ${'x'.repeat(40)}`;
    const cut = caption(long);
    expect([...cut]).toHaveLength(MAX_BUTTON_TEXT);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut.startsWith('🎁'.repeat(40))).toBe(true);
  });

  it('keeps a label of exactly the limit whole, even when emoji make its UTF-16 length longer', () => {
    const exact = '🎁'.repeat(MAX_BUTTON_TEXT);
    expect(caption(exact)).toBe(exact);
  });
});
