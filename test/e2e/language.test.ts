import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { LASTING_CHOICES_TTL_MS } from '../../src/bot/telegram/lasting-choices.js';
import { type BotWorld, startIimmpactWorld } from '../support/bot-e2e.js';

/*
 * A picked language outlives the conversation, through the real bot and a real Redis: the
 * conversation is forgotten an hour after the last update (here: deleted, as its TTL would), and a
 * buyer whose Telegram is in English but who picked Malay is still spoken to in Malay, in the shop
 * and in a wallet notice sent while they are away.
 */

const ADMIN = 9501;
let world: BotWorld;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ world, close: stop } = await startIimmpactWorld({
    redisUrl: inject('redisUrl'),
    adminIds: [ADMIN],
    shop: { BUYER_PAYMENT: 'wallet' },
  }));
});

afterAll(() => stop());

const MALAY_SHOP = /Apakah yang anda ingin beli/;
const ENGLISH_SHOP = /What would you like to buy/;

describe('a picked language', () => {
  it('is kept when the conversation is forgotten, for 400 days from the pick, and follows a new pick', async () => {
    const buyer = world.buyer(7401, 'en');
    await buyer.say('/start');
    expect(buyer.lastText()).toMatch(ENGLISH_SHOP);
    expect(await world.lastingChoicesTtlMs(7401)).toBe(-2);
    await buyer.say('/lang');
    await buyer.press('Bahasa Melayu');
    await buyer.say('/start');
    expect(buyer.lastText()).toMatch(MALAY_SHOP);
    const ttl = await world.lastingChoicesTtlMs(7401);
    expect(ttl).toBeGreaterThan(LASTING_CHOICES_TTL_MS - 60_000);
    expect(ttl).toBeLessThanOrEqual(LASTING_CHOICES_TTL_MS);

    await world.forgetConversation(7401);
    await buyer.say('/start');
    expect(buyer.lastText()).toMatch(MALAY_SHOP);

    // Picking the same language again counts as a pick: 400 days from now.
    await world.ageLastingChoices(7401, 60_000);
    await buyer.say('/lang');
    await buyer.press('Bahasa Melayu');
    expect(await world.lastingChoicesTtlMs(7401)).toBeGreaterThan(LASTING_CHOICES_TTL_MS - 60_000);

    await buyer.say('/lang');
    await buyer.press('English');
    await world.forgetConversation(7401);
    await buyer.say('/start');
    expect(buyer.lastText()).toMatch(ENGLISH_SHOP);
  });

  it('is not invented: a buyer who never picked one follows their Telegram language', async () => {
    const buyer = world.buyer(7402, 'ms');
    await buyer.say('/start');
    expect(buyer.lastText()).toMatch(MALAY_SHOP);
    await world.forgetConversation(7402);
    const english = world.buyer(7402, 'en');
    await english.say('/start');
    expect(english.lastText()).toMatch(ENGLISH_SHOP);
    expect(await world.lastingChoicesTtlMs(7402)).toBe(-2);
  });

  it('speaks to the buyer in a wallet notice sent after the conversation is gone', async () => {
    const buyer = world.buyer(7403, 'en');
    await buyer.say('/lang');
    await buyer.press('Bahasa Melayu');
    await world.forgetConversation(7403);
    const admin = world.buyer(ADMIN);
    await admin.say('/credit 7403 5.00 welcome');
    await admin.press('Confirm');
    expect(buyer.lastText()).toMatch(/RM 5\.00/);
    expect(buyer.lastText()).toMatch(/dompet/i);
    expect(buyer.lastText()).not.toMatch(/wallet/i);
  });
});
