import { describe, expect, it } from 'vitest';
import { type ChatUpdateFacts, chatPolicy } from './private-chat.js';

describe('chatPolicy', () => {
  it.each<[ChatUpdateFacts, string]>([
    [{ chatType: 'private', kind: 'text' }, 'converse'],
    [{ chatType: 'private', kind: 'button' }, 'converse'],
    [{ chatType: 'group', kind: 'command' }, 'redirect'],
    [{ chatType: 'supergroup', kind: 'command' }, 'redirect'],
    [{ chatType: 'supergroup', kind: 'text', addressedToBot: true }, 'redirect'],
    [{ chatType: 'group', kind: 'text' }, 'ignore'],
    [{ chatType: 'group', kind: 'button' }, 'ignore'],
    [{ chatType: 'group', kind: 'other', addressedToBot: true }, 'ignore'],
    [{ chatType: 'channel', kind: 'command' }, 'ignore'],
    [{ chatType: undefined, kind: 'text' }, 'ignore'],
  ])('%o → %s', (facts, policy) => {
    expect(chatPolicy(facts)).toBe(policy);
  });
});
