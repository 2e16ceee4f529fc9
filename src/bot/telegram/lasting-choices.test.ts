import { describe, expect, it } from 'vitest';
import { createFlowState } from '../flow/state.js';
import { encodeLastingChoices, restoreLastingChoices, withLastingChoices } from './lasting-choices.js';

describe('lasting choices', () => {
  it('read back what was written', () => {
    const stored = JSON.parse(JSON.stringify(encodeLastingChoices({ locale: 'id' })));
    expect(restoreLastingChoices(stored)).toEqual({ locale: 'id' });
  });

  it.each([
    ['a language the bot does not speak', { lasting: 1, locale: 'fr' }],
    ['a conversation', createFlowState({ userId: 1, chatId: 1, languageCode: 'ms', newId: () => 'x' })],
    ['nothing', undefined],
    ['text', 'ms'],
    ['another version', { lasting: 2, locale: 'ms' }],
  ])('are not read from %s', (_what, stored) => {
    expect(restoreLastingChoices(stored)).toBeUndefined();
  });

  it('start a fresh conversation in the picked language, as picked', () => {
    const fresh = createFlowState({ userId: 1, chatId: 1, languageCode: 'en', newId: () => 'x' });
    expect(withLastingChoices(fresh, { locale: 'ms' })).toMatchObject({ locale: 'ms', localeChosen: true });
    expect(withLastingChoices(fresh, undefined)).toBe(fresh);
  });
});
