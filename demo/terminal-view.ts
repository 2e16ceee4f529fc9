/**
 * Renders the bot's Telegram messages for a terminal: HTML formatting becomes plain text (bold and
 * monospace kept with ANSI codes when the terminal has colour), and callback buttons are numbered so
 * the person can press one by typing its number.
 */
export interface NumberedButton {
  number: number;
  text: string;
  data: string;
}

interface MarkupButton {
  text: string;
  callback_data?: string;
  url?: string;
  copy_text?: { text: string };
}

export function htmlToTerminal(html: string, color: boolean): string {
  const style = (open: string, close: string): [string, string] => (color ? [open, close] : ['', '']);
  const [boldOn, boldOff] = style('\u001b[1m', '\u001b[22m');
  const [codeOn, codeOff] = style('\u001b[36m', '\u001b[39m');
  const [dimOn, dimOff] = style('\u001b[2m', '\u001b[22m');
  return html
    .replace(/<b>/g, boldOn)
    .replace(/<\/b>/g, boldOff)
    .replace(/<code>/g, codeOn)
    .replace(/<\/code>/g, codeOff)
    .replace(/<i>/g, dimOn)
    .replace(/<\/i>/g, dimOff)
    .replace(/<a href="([^"]*)">([^<]*)<\/a>/g, '$2 ($1)')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The message as terminal lines, and its callback buttons numbered from 1. */
export function renderMessage(
  text: string,
  replyMarkup: unknown,
  options: { edited: boolean; color: boolean },
): { lines: string[]; buttons: NumberedButton[] } {
  const rows = ((replyMarkup as { inline_keyboard?: MarkupButton[][] } | undefined)?.inline_keyboard ??
    []) as MarkupButton[][];
  const buttons: NumberedButton[] = [];
  const buttonLines = rows.map((row) =>
    row
      .map((button) => {
        if (button.callback_data !== undefined) {
          const number = buttons.length + 1;
          buttons.push({ number, text: button.text, data: button.callback_data });
          return `[${number}] ${button.text}`;
        }
        if (button.url !== undefined) return `[link] ${button.text}: ${button.url}`;
        if (button.copy_text !== undefined) return `[copy] ${button.text}`;
        return button.text;
      })
      .join('   '),
  );
  const heading = options.edited ? 'bot (updated) ›' : 'bot ›';
  const body = htmlToTerminal(text, options.color).split('\n');
  return {
    lines: [heading, ...body.map((line) => `  ${line}`), ...buttonLines.map((line) => `    ${line}`), ''],
    buttons,
  };
}
