import { describe, expect, it } from 'vitest';
import { createKeyboardBook, tagName } from './keyboards.js';
import type { NumberedButton } from './terminal-view.js';

const buttons = (...texts: string[]): NumberedButton[] =>
  texts.map((text, i) => ({ number: i + 1, text, data: `data:${text}` }));

describe('keyboard book', () => {
  it('tags keyboards a…z, then aa, ab…', () => {
    expect([0, 1, 25, 26, 27, 52].map(tagName)).toEqual(['a', 'b', 'z', 'aa', 'ab', 'ba']);
  });

  it('keeps bare numbers on the screen answered last when a receipt is edited into an older message', () => {
    const book = createKeyboardBook();
    // The order's message (tag a), then the wallet screen (tag b), each shown in answer.
    expect(book.record(10, buttons('Refresh', 'Buy something else'), true)).toBe('a');
    book.settle(10, [10]);
    expect(book.record(11, buttons('Top up', 'Back'), true)).toBe('b');
    book.settle(11, [11]);
    // The receipt arrives on its own, edited into the order's message.
    expect(book.record(10, buttons('Report an issue', 'Buy something else'), false)).toBe('a');
    expect(book.notes([10], 'b', false)).toEqual([
      '(demo) (a) has buttons too: type a1 or a2; bare numbers still press (b)',
    ]);
    expect(book.resolve('1')).toMatchObject({ type: 'press', messageId: 11, button: { text: 'Top up' } });
    // The older keyboard is reachable by its tag, with the buttons it shows now.
    expect(book.resolve('a1')).toMatchObject({
      type: 'press',
      tag: 'a',
      messageId: 10,
      button: { text: 'Report an issue', data: 'data:Report an issue' },
      bare: false,
    });
  });

  it('gives the bare numbers to the conversation screen when an admin alert came in the same answer', () => {
    const book = createKeyboardBook();
    book.record(20, buttons('Back', 'Cancel'), true);
    book.record(21, buttons('Approve', 'Reject'), true);
    book.record(20, buttons('My wallet', 'Shop'), true);
    book.settle(20, [20, 21, 20]);
    expect(book.currentTag()).toBe('a');
    expect(book.notes([20, 21, 20], undefined, true)).toEqual([
      '(demo) (b) has buttons too: type b1 or b2; bare numbers still press (a)',
    ]);
    expect(book.resolve('B1')).toMatchObject({ type: 'press', messageId: 21, button: { text: 'Approve' } });
  });

  it("returns bare numbers to the conversation's screen when an admin confirmation is done", () => {
    const book = createKeyboardBook();
    book.record(30, buttons('Top up', 'Back'), true);
    book.settle(30, [30]);
    // /credit: its confirmation is the answer, though the conversation's screen stays the wallet.
    book.record(31, buttons('Confirm', 'Cancel'), true);
    book.settle(30, [31]);
    expect(book.resolve('1')).toMatchObject({ type: 'press', messageId: 31 });
    book.record(31, [], true);
    book.settle(30, [31]);
    expect(book.notes([31], 'b', true)).toEqual(['(demo) bare numbers press (a) again']);
    expect(book.resolve('1')).toMatchObject({ type: 'press', messageId: 30, button: { text: 'Top up' } });
  });

  it('refuses stale buttons of a keyboard edited away, and sends anything else as text', () => {
    const book = createKeyboardBook();
    book.record(40, buttons('One', 'Two', 'Three'), true);
    book.settle(40, [40]);
    book.record(40, buttons('Only'), true);
    expect(book.resolve('a2')).toEqual({ type: 'refused', note: '(demo) (a) has no button 2; type a1' });
    book.record(40, [], true);
    expect(book.resolve('a1')).toEqual({
      type: 'refused',
      note: '(demo) (a) has no buttons any more: it was updated',
    });
    // No keyboard, no tag of that name, or the literal prefix: the bot gets the text as typed.
    expect(book.resolve('1')).toEqual({ type: 'text', text: '1' });
    expect(book.resolve('z9')).toEqual({ type: 'text', text: 'z9' });
    expect(book.resolve("'a1")).toEqual({ type: 'text', text: 'a1' });
  });

  it('sends a number as text with a leading quote, or when no button has that number', () => {
    const book = createKeyboardBook();
    book.record(50, buttons('Back', 'Cancel'), true);
    book.settle(50, [50]);
    expect(book.resolve('2')).toMatchObject({ type: 'press', button: { text: 'Cancel' } });
    expect(book.resolve("'2")).toEqual({ type: 'text', text: '2' });
    expect(book.resolve('50')).toEqual({ type: 'text', text: '50' });
  });

  it('says when a keyboard arriving on its own becomes the one bare numbers press', () => {
    const book = createKeyboardBook();
    book.record(60, buttons('Confirm'), true);
    book.settle(60, [60]);
    // Confirm pressed: "Processing…" has no buttons; then the receipt brings some, on its own.
    book.record(60, [], true);
    book.settle(60, [60]);
    book.record(60, buttons('Refresh', 'Buy something else'), false);
    expect(book.notes([60], undefined, false)).toEqual([
      '(demo) (a) was updated: bare numbers press its buttons',
    ]);
    book.record(60, buttons('Report an issue', 'Buy something else'), false);
    expect(book.notes([60], 'a', false)).toEqual([]);
  });
});
