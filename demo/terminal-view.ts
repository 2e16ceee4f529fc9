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

/**
 * The message as terminal lines, and its callback buttons numbered from 1. `tag` names its buttons
 * in the heading, `bot › (b)`, so `b2` can press one of them later.
 */
export function renderMessage(
  text: string,
  replyMarkup: unknown,
  options: { edited: boolean; color: boolean; tag?: string },
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
  const heading = `${options.edited ? 'bot (updated) ›' : 'bot ›'}${options.tag ? ` (${options.tag})` : ''}`;
  const body = htmlToTerminal(text, options.color).split('\n');
  return {
    lines: [heading, ...body.map((line) => `  ${line}`), ...buttonLines.map((line) => `    ${line}`), ''],
    buttons,
  };
}

/** The callback buttons of a reply markup, numbered as `renderMessage` numbers them. */
export function numberedButtons(replyMarkup: unknown): NumberedButton[] {
  return renderMessage('', replyMarkup, { edited: false, color: false }).buttons;
}

/** A file the bot sent (sendDocument): its name, size, caption, and where the demo saved it. */
export function renderDocument(
  document: { filename: string; bytes: number; caption?: string; savedTo: string },
  color: boolean,
): string[] {
  const caption = document.caption ? htmlToTerminal(document.caption, color).split('\n') : [];
  return [
    'bot › [file]',
    `  ${document.filename} (${formatBytes(document.bytes)})`,
    ...caption.map((line) => `  ${line}`),
    `  saved to ${document.savedTo}`,
    '',
  ];
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  return `${(bytes / 1024).toFixed(1)} KiB`;
}
