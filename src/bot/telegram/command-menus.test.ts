import type { Telegram } from 'telegraf';
import { TelegramError } from 'telegraf';
import { describe, expect, it } from 'vitest';
import { registerCommandMenus } from './command-menus.js';

function recordingTelegram(failFor: (extra: Record<string, unknown>) => boolean = () => false) {
  const calls: Array<{ commands: Array<{ command: string }>; extra: Record<string, unknown> }> = [];
  const telegram = {
    async setMyCommands(commands: Array<{ command: string }>, extra: Record<string, unknown>) {
      if (failFor(extra))
        throw new TelegramError({ error_code: 400, description: 'Bad Request: chat not found' });
      calls.push({ commands, extra });
      return true;
    },
  } as unknown as Pick<Telegram, 'setMyCommands'>;
  return { telegram, calls };
}

describe('registering the command menus', () => {
  it('sets the buyer menu in every language and the admin menus per admin chat', async () => {
    const { telegram, calls } = recordingTelegram();
    expect(await registerCommandMenus(telegram, [11, 12])).toEqual({ failedAdminIds: [] });
    expect(calls.map((c) => c.extra)).toEqual([
      { scope: { type: 'default' } },
      { scope: { type: 'default' }, language_code: 'ms' },
      { scope: { type: 'default' }, language_code: 'id' },
      { scope: { type: 'chat', chat_id: 11 } },
      { scope: { type: 'chat', chat_id: 11 }, language_code: 'ms' },
      { scope: { type: 'chat', chat_id: 11 }, language_code: 'id' },
      { scope: { type: 'chat', chat_id: 12 } },
      { scope: { type: 'chat', chat_id: 12 }, language_code: 'ms' },
      { scope: { type: 'chat', chat_id: 12 }, language_code: 'id' },
    ]);
    expect(calls[0]?.commands.map((c) => c.command)).not.toContain('balance');
    expect(calls[3]?.commands.map((c) => c.command)).toContain('balance');
  });

  it('skips an admin Telegram does not know yet, and says which', async () => {
    const { telegram, calls } = recordingTelegram(
      (extra) => (extra.scope as { chat_id?: number }).chat_id === 11,
    );
    expect(await registerCommandMenus(telegram, [11, 12])).toEqual({ failedAdminIds: [11] });
    expect(calls).toHaveLength(6);
  });

  it('fails loudly when the buyer menu cannot be set', async () => {
    const { telegram } = recordingTelegram((extra) => (extra.scope as { type: string }).type === 'default');
    await expect(registerCommandMenus(telegram, [])).rejects.toThrow(/chat not found/);
  });
});
