import { describe, expect, it } from 'vitest';
import { htmlToTerminal, renderDocument, renderMessage } from './terminal-view.js';

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

  it("names a message's buttons by its tag in the heading, edited or not", () => {
    const markup = { inline_keyboard: [[{ text: 'Top up', callback_data: 'w:t' }]] };
    expect(renderMessage('Wallet', markup, { edited: false, color: false, tag: 'b' }).lines[0]).toBe(
      'bot › (b)',
    );
    expect(renderMessage('Wallet', markup, { edited: true, color: false, tag: 'b' }).lines[0]).toBe(
      'bot (updated) › (b)',
    );
  });

  it('shows a file the bot sent with its name, size, caption and where it was saved', () => {
    expect(
      renderDocument(
        {
          filename: 'orders-2026-01-05.csv',
          bytes: 2048,
          caption: '<b>Orders</b> 2026-01-05: 3 rows',
          savedTo: '/tmp/demo/orders-2026-01-05.csv',
        },
        false,
      ),
    ).toEqual([
      'bot › [file]',
      '  orders-2026-01-05.csv (2.0 KiB)',
      '  Orders 2026-01-05: 3 rows',
      '  saved to /tmp/demo/orders-2026-01-05.csv',
      '',
    ]);
  });
});
