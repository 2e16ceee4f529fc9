import { describe, expect, it } from 'vitest';
import { htmlToTerminal, renderMessage } from './terminal-view.js';

describe('terminal view', () => {
  it('turns Telegram HTML into plain text', () => {
    expect(htmlToTerminal('<b>Total</b>: <code>A&amp;B</code> &lt;ok&gt; <i>note</i>', false)).toBe(
      'Total: A&B <ok> note',
    );
    expect(htmlToTerminal('<b>x</b>', true)).toBe('\u001b[1mx\u001b[22m');
  });

  it('numbers callback buttons across rows and shows links and copy buttons', () => {
    const { lines, buttons } = renderMessage(
      'Pick',
      {
        inline_keyboard: [
          [
            { text: 'RM 5.00', callback_data: 's:a:1' },
            { text: 'RM 10.00', callback_data: 's:a:2' },
          ],
          [
            { text: 'Redeem', url: 'https://r.example' },
            { text: 'Copy PIN', copy_text: { text: '1234' } },
          ],
          [{ text: 'Back', callback_data: 's:b' }],
        ],
      },
      { edited: false, color: false },
    );
    expect(buttons.map((b) => [b.number, b.text])).toEqual([
      [1, 'RM 5.00'],
      [2, 'RM 10.00'],
      [3, 'Back'],
    ]);
    expect(lines).toEqual([
      'bot ›',
      '  Pick',
      '    [1] RM 5.00   [2] RM 10.00',
      '    [link] Redeem: https://r.example   [copy] Copy PIN',
      '    [3] Back',
      '',
    ]);
  });
});
