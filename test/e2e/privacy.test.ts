import { afterAll, describe, expect, inject, it } from 'vitest';
import { startIimmpactWorld } from '../support/bot-e2e.js';

/*
 * /privacy through the real bot: what the shop keeps about a buyer and who else sees it, in the
 * buyer's language, listed in the command menu (Telegram's profile item "Privacy Policy" sends it
 * when BotFather has no policy URL) and in /help, with the owner's own policy linked when configured.
 */

const running: Array<() => Promise<void>> = [];

async function startWorld(shop: Parameters<typeof startIimmpactWorld>[0]['shop'] = {}) {
  const { world, close } = await startIimmpactWorld({ redisUrl: inject('redisUrl'), shop });
  running.push(close);
  return world;
}

afterAll(async () => {
  for (const close of running) await close();
});

describe('/privacy', () => {
  it('tells a buyer what is kept and who sees it, and Back returns to where they were', async () => {
    const world = await startWorld();
    const buyer = world.buyer(7301);
    await buyer.say('/start');
    await buyer.press('Prepaid');
    const categoryScreen = buyer.lastText();
    await buyer.say('/privacy');
    const text = buyer.lastText();
    expect(text).toContain('<b>Privacy</b>');
    expect(text).toMatch(/Telegram user id/);
    expect(text).toMatch(/deleted an hour after your last message or tap/);
    expect(text).toMatch(/A language you pick with \/lang is kept for 400 days/);
    expect(text).toMatch(/IC or passport number, in full, with each such order/);
    expect(text).toMatch(/The payments provider: the number or account you give/);
    expect(text).toMatch(
      /online banking gateway, when you top up online: your Telegram user id and the amount/,
    );
    expect(text).toMatch(/server logs note your Telegram user id/);
    // One message: Telegram refuses texts over 4,096 characters.
    expect(text.length).toBeLessThan(4096);
    expect(text).not.toMatch(/full privacy policy/);
    expect(buyer.buttons()).toEqual(['🛒 Shop', '⬅️ Back']);
    await buyer.press('Back');
    expect(buyer.lastText()).toBe(categoryScreen);
  });

  it('is listed in /help and in every language’s command menu, and speaks Malay and Indonesian', async () => {
    const world = await startWorld();
    const buyer = world.buyer(7302);
    await buyer.say('/help');
    expect(buyer.lastText()).toMatch(/\/privacy – What the shop keeps about you/);
    expect(buyer.lastText()).not.toMatch(/\/paysupport/);
    for (const call of world.api.callsOf('setMyCommands')) {
      const commands = (call.params.commands as Array<{ command: string; description: string }>).map(
        (command) => command.command,
      );
      expect(commands).toContain('privacy');
      // Without Stars top-ups there is no /paysupport or /terms to offer.
      expect(commands).not.toContain('paysupport');
    }
    const malay = world.buyer(7303, 'ms');
    await malay.say('/privacy');
    expect(malay.lastText()).toMatch(
      /<b>Privasi<\/b>[\s\S]*dipadam sejam selepas mesej atau tekanan butang terakhir anda/,
    );
    const indonesian = world.buyer(7304, 'id');
    await indonesian.say('/privacy');
    expect(indonesian.lastText()).toMatch(/<b>Privasi<\/b>[\s\S]*Yang disimpan toko/);
  });

  it('links the shop’s own policy from PRIVACY_POLICY_URL, escaped', async () => {
    const world = await startWorld({ PRIVACY_POLICY_URL: 'https://shop.example/privacy?lang=en&v=2' });
    const buyer = world.buyer(7305);
    await buyer.say('/privacy');
    expect(buyer.lastText()).toMatch(
      /The shop’s full privacy policy: https:\/\/shop\.example\/privacy\?lang=en&amp;v=2$/,
    );
  });
});
