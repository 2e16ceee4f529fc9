import type { NumberedButton } from './terminal-view.js';

/**
 * Which printed buttons a typed line presses. Every message that has buttons gets a tag (a, b, c…,
 * then aa, ab…) that it keeps through edits, so `b2` presses button 2 of the message tagged (b)
 * for as long as that message shows a button 2.
 *
 * A bare number presses a button of the current keyboard: the bot's answer to the person's last
 * line that brought one (their conversation's screen if the line showed it, else the newest
 * keyboard it brought, such as an admin's confirmation). When that keyboard loses its buttons, bare
 * numbers go back to the conversation's screen. Messages that arrive on their own (a receipt edited
 * in later, an admin's alert) never take the bare numbers away; a note says so.
 */
export type LineAction =
  | { type: 'press'; tag: string; messageId: number; button: NumberedButton; bare: boolean }
  | { type: 'text'; text: string }
  /** A tag press that cannot be made; nothing is sent and the note says why. */
  | { type: 'refused'; note: string };

export interface KeyboardBook {
  /**
   * Records a message as the chat shows it now (its buttons; none if they were edited away) and
   * returns its tag when it has buttons. `inAnswer`: shown while the person's line was handled.
   */
  record(messageId: number, buttons: NumberedButton[], inAnswer: boolean): string | undefined;
  /**
   * After a line: `screenMessageId` is the message showing the conversation's screen (from the bot's
   * session), `shown` the messages the line brought. The screen, if among them, is the answer.
   */
  settle(screenMessageId: number | undefined, shown: readonly number[]): void;
  /** The tag of the keyboard bare numbers press, if any. */
  currentTag(): string | undefined;
  /** What a typed line does: a press, text for the bot, or a refused tag press. */
  resolve(line: string): LineAction;
  /**
   * One-line notes after messages were shown (`shown`, in order; `before`: the current tag before
   * them): other keyboards that came in, and where bare numbers went when not to one just shown.
   */
  notes(shown: readonly number[], before: string | undefined, inAnswer: boolean): string[];
}

/** Starts a line that goes to the bot as text as it is: `'2` sends "2". */
export const LITERAL_PREFIX = "'";

const TAG_PRESS = /^([a-z]+)(\d+)$/i;

/** a…z, then aa…az, ba…: short, and never a digit, so `b12` reads as tag b, button 12. */
export function tagName(index: number): string {
  let n = index + 1;
  let tag = '';
  while (n > 0) {
    tag = String.fromCharCode(97 + ((n - 1) % 26)) + tag;
    n = Math.floor((n - 1) / 26);
  }
  return tag;
}

/** "b1", "b1 or b2", "b1 to b5". */
function pressRange(tag: string, buttons: readonly NumberedButton[]): string {
  if (buttons.length === 1) return `${tag}1`;
  return `${tag}1 ${buttons.length === 2 ? 'or' : 'to'} ${tag}${buttons.length}`;
}

export function createKeyboardBook(): KeyboardBook {
  const byMessage = new Map<number, { tag: string; buttons: NumberedButton[] }>();
  const byTag = new Map<string, number>();
  let answer: number | undefined;
  let screen: number | undefined;

  const hasButtons = (id: number | undefined) =>
    id !== undefined && (byMessage.get(id)?.buttons.length ?? 0) > 0;
  const current = (): number | undefined =>
    hasButtons(answer) ? answer : hasButtons(screen) ? screen : undefined;
  const tagOf = (id: number | undefined) => (id === undefined ? undefined : byMessage.get(id)?.tag);

  return {
    record(messageId, buttons, inAnswer) {
      let entry = byMessage.get(messageId);
      if (!entry && buttons.length === 0) return undefined;
      if (!entry) {
        entry = { tag: tagName(byMessage.size), buttons };
        byMessage.set(messageId, entry);
        byTag.set(entry.tag, messageId);
      }
      // Edited: only the buttons it shows now can be pressed.
      entry.buttons = buttons;
      if (inAnswer && buttons.length > 0) answer = messageId;
      return buttons.length > 0 ? entry.tag : undefined;
    },

    settle(screenMessageId, shown) {
      screen = screenMessageId;
      // A receipt edited in while the line was handled may come after the screen: the screen wins.
      if (screenMessageId !== undefined && shown.includes(screenMessageId) && hasButtons(screenMessageId))
        answer = screenMessageId;
    },

    currentTag: () => tagOf(current()),

    resolve(line) {
      if (line.startsWith(LITERAL_PREFIX)) return { type: 'text', text: line.slice(LITERAL_PREFIX.length) };
      if (/^\d+$/.test(line)) {
        const id = current();
        const entry = id === undefined ? undefined : byMessage.get(id);
        const button = entry?.buttons.find((b) => b.number === Number(line));
        // No such button: the number is something typed for the bot (an amount, a code).
        if (id === undefined || !entry || !button) return { type: 'text', text: line };
        return { type: 'press', tag: entry.tag, messageId: id, button, bare: true };
      }
      const tagged = TAG_PRESS.exec(line);
      const id = tagged ? byTag.get(tagged[1]?.toLowerCase() ?? '') : undefined;
      const entry = id === undefined ? undefined : byMessage.get(id);
      // Not a tag the demo gave out: words and codes such as "a1" reach the bot as typed.
      if (!tagged || id === undefined || !entry) return { type: 'text', text: line };
      if (entry.buttons.length === 0)
        return { type: 'refused', note: `(demo) (${entry.tag}) has no buttons any more: it was updated` };
      const button = entry.buttons.find((b) => b.number === Number(tagged[2]));
      if (!button)
        return {
          type: 'refused',
          note: `(demo) (${entry.tag}) has no button ${tagged[2]}; type ${pressRange(entry.tag, entry.buttons)}`,
        };
      return { type: 'press', tag: entry.tag, messageId: id, button, bare: false };
    },

    notes(shown, before, inAnswer) {
      const now = current();
      const nowTag = tagOf(now);
      const lines: string[] = [];
      const seen = new Set<number>();
      for (const id of shown) {
        const entry = byMessage.get(id);
        if (seen.has(id) || !entry || entry.buttons.length === 0) continue;
        seen.add(id);
        if (id === now) {
          // Came on its own and is now what bare numbers press (a receipt edited into the screen).
          if (!inAnswer && before !== nowTag)
            lines.push(`(demo) (${entry.tag}) was updated: bare numbers press its buttons`);
          continue;
        }
        const still = nowTag ? `; bare numbers still press (${nowTag})` : '';
        lines.push(
          `(demo) (${entry.tag}) has buttons too: type ${pressRange(entry.tag, entry.buttons)}${still}`,
        );
      }
      // The answer lost its buttons (a confirmation done): back to the conversation's screen.
      if (nowTag !== undefined && nowTag !== before && now !== undefined && !shown.includes(now))
        lines.push(`(demo) bare numbers press (${nowTag}) again`);
      return lines;
    },
  };
}
