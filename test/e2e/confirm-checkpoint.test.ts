import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chatSessionKey } from '../../src/store/ports.js';
import { type BotWorld, startIimmpactWorld } from '../support/bot-e2e.js';

/*
 * A conversation is written when its update is acknowledged, and also just before an order is
 * made: a crash between the order and the acknowledgement replays the Confirm against a session
 * that already says the quote was submitted, so the replay finds the order instead of refreshing a
 * stale quote into a second one.
 */

let world: BotWorld;
let close: () => Promise<void>;
/** The chat's stored session, read the moment the bot shows "Processing…" (before the update's ack). */
let storedAtProcessing: Promise<unknown> | undefined;
const BUYER = 93_001;

beforeAll(async () => {
  ({ world, close } = await startIimmpactWorld({
    redisUrl: inject('redisUrl'),
    onBotMessage: (message) => {
      if (message.chatId === BUYER && /Processing your order/.test(message.text) && !storedAtProcessing)
        storedAtProcessing = world.app.stores.sessions.get(chatSessionKey(BUYER));
    },
  }));
});
afterAll(() => close());

describe('an order made from the conversation', () => {
  it('is preceded by the session recording the quote as submitted', async () => {
    const buyer = world.buyer(BUYER);
    await buyer.say('/start');
    await buyer.press('Prepaid');
    await buyer.press('Digi Prepaid');
    await buyer.say('0123456780');
    await buyer.press('RM 10');
    expect(buyer.lastText()).toMatch(/Please check your order/);
    await buyer.press('Confirm and pay');
    expect(storedAtProcessing).toBeDefined();
    const stored = (await storedAtProcessing) as { purchase?: { quoteSubmitted?: boolean } } | undefined;
    expect(stored?.purchase?.quoteSubmitted).toBe(true);
  });
});
