import { describe, expect, it } from 'vitest';
import { FLOW_COMMANDS } from '../flow/events.js';
import {
  ADMIN_COMMANDS,
  ADMIN_MENU_COMMANDS,
  commandMenus,
  parseAdminCommand,
  USER_MENU_COMMANDS,
} from './commands.js';

describe('reading admin commands', () => {
  it.each([
    ['/balance', { name: 'balance' }],
    ['/BALANCE', { name: 'balance' }],
    ['  /pending  ', { name: 'pending' }],
    ['/stats@ShopBot', { name: 'stats' }],
    ['/stats@shopbot', { name: 'stats' }],
    ['/order AB12-cd_34', { name: 'order', refid: 'AB12-cd_34' }],
    ['/order@ShopBot   AB12 and more', { name: 'order', refid: 'AB12' }],
    ['/order', { name: 'order', refid: undefined }],
    ['/order <script>', { name: 'order', refid: undefined }],
    [`/order ${'x'.repeat(51)}`, { name: 'order', refid: undefined }],
    ['/stats@OtherBot', undefined],
    ['/start', undefined],
    ['/balances', undefined],
    ['balance', undefined],
    ['what is my /balance', undefined],
  ])('%s', (text, expected) => {
    expect(parseAdminCommand(text, 'ShopBot')).toEqual(expected);
  });
});

describe('command menus', () => {
  it('every buyer command has a menu entry', () => {
    expect([...USER_MENU_COMMANDS].sort()).toEqual([...FLOW_COMMANDS].sort());
  });

  it('everyone sees the buyer commands, in English by default, in Malay and in Indonesian', () => {
    const menus = commandMenus([]);
    expect(menus).toHaveLength(3);
    const [english, malay, indonesian] = menus;
    expect(english).toMatchObject({ scope: { type: 'default' } });
    expect(english?.languageCode).toBeUndefined();
    expect(malay).toMatchObject({ scope: { type: 'default' }, languageCode: 'ms' });
    expect(indonesian).toMatchObject({ scope: { type: 'default' }, languageCode: 'id' });
    expect(english?.commands.map((c) => c.command)).toEqual([
      'start',
      'wallet',
      'history',
      'help',
      'lang',
      'privacy',
      'cancel',
    ]);
    expect(english?.commands[0]?.description).toMatch(/^Shop: pick something to buy$/);
    expect(malay?.commands[0]?.description).toMatch(/^Kedai:/);
    expect(indonesian?.commands[0]?.description).toMatch(/^Toko:/);
    expect(indonesian?.commands.find((c) => c.command === 'lang')?.description).toBe('Ganti bahasa');
    for (const menu of menus) {
      for (const admin of ADMIN_MENU_COMMANDS)
        expect(menu.commands.map((c) => c.command)).not.toContain(admin);
    }
  });

  it('each admin’s own chat lists the admin commands too, in every language, once per admin', () => {
    const menus = commandMenus([7, 8, 7]);
    const chats = menus.filter((m) => m.scope.type === 'chat');
    expect(chats.map((m) => [m.scope, m.languageCode])).toEqual([
      [{ type: 'chat', chat_id: 7 }, undefined],
      [{ type: 'chat', chat_id: 7 }, 'ms'],
      [{ type: 'chat', chat_id: 7 }, 'id'],
      [{ type: 'chat', chat_id: 8 }, undefined],
      [{ type: 'chat', chat_id: 8 }, 'ms'],
      [{ type: 'chat', chat_id: 8 }, 'id'],
    ]);
    for (const menu of chats) {
      expect(menu.commands.map((c) => c.command)).toEqual([...USER_MENU_COMMANDS, ...ADMIN_MENU_COMMANDS]);
    }
    expect(ADMIN_MENU_COMMANDS).toEqual([
      ...ADMIN_COMMANDS,
      'credit',
      'debit',
      'audit',
      'margin',
      'prices',
      'reconcile',
      'export',
      'reported',
    ]);
    expect(chats[1]?.commands.find((c) => c.command === 'pending')?.description).toMatch(/belum muktamad/);
    expect(chats[1]?.commands.find((c) => c.command === 'credit')?.description).toMatch(/kredit dompet/);
    // Admins' /wallet also opens a buyer's wallet; everyone else's is their own.
    expect(chats[0]?.commands.find((c) => c.command === 'wallet')?.description).toMatch(/user-id/);
    expect(menus[0]?.commands.find((c) => c.command === 'wallet')?.description).not.toMatch(/user-id/);
  });

  it('names commands the way the Bot API requires', () => {
    for (const menu of commandMenus([1])) {
      for (const { command, description } of menu.commands) {
        expect(command).toMatch(/^[a-z0-9_]{1,32}$/);
        expect(description.length).toBeGreaterThanOrEqual(3);
        expect(description.length).toBeLessThanOrEqual(256);
      }
    }
  });
});

describe('/verify and /unverify', () => {
  it('read a user id and an IC or passport, normalised like the buyer’s input', () => {
    expect(parseAdminCommand('/verify 501 900101-14-5678')).toEqual({
      name: 'verify',
      userId: 501,
      payer: { kind: 'nric', value: '900101145678' },
    });
    expect(parseAdminCommand('/verify 501 a1234567')).toMatchObject({
      payer: { kind: 'passport', value: 'A1234567' },
    });
    expect(parseAdminCommand('/verify 501 901301-14-5678')).toMatchObject({ userId: 501, payer: undefined });
    expect(parseAdminCommand('/verify')).toEqual({ name: 'verify', userId: undefined, payer: undefined });
    expect(parseAdminCommand('/unverify 501')).toEqual({ name: 'unverify', userId: 501 });
    expect(parseAdminCommand('/unverify x')).toEqual({ name: 'unverify', userId: undefined });
  });
});
