/**
 * Telegram HTML needs &, < and > escaped (and " inside attributes). Every string that did not come
 * from our dictionaries (provider names, messages, plan codes, what the buyer typed) goes through
 * this before it is put into a message.
 */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Provider text can be long; a message must stay under Telegram's 4096 characters. */
export function clip(text: string, max: number): string {
  const chars = [...text.trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

/** "<b>Label:</b> value", with the value escaped. */
export function field(label: string, value: string): string {
  return `${label}: <b>${escapeHtml(value)}</b>`;
}

/** Like `field`, for values that are already HTML (monospace PINs, formatted amounts). */
export function fieldHtml(label: string, html: string): string {
  return `${label}: ${html}`;
}

/** Joins non-empty blocks with a blank line between them. */
export function blocks(...parts: Array<string | undefined | false>): string {
  return parts.filter((part): part is string => typeof part === 'string' && part !== '').join('\n\n');
}

/** Joins non-empty lines. */
export function lines(...parts: Array<string | undefined | false>): string {
  return parts.filter((part): part is string => typeof part === 'string' && part !== '').join('\n');
}
