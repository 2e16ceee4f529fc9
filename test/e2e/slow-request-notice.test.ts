import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { IimmpactSandbox } from '../../sandbox/iimmpact/index.js';
import { SLOW_REQUEST_NOTICE_MS } from '../../src/bot/telegram/shop-bot.js';
import { type BotWorld, startIimmpactWorld } from '../support/bot-e2e.js';

/*
 * A step usually answered from a cache (the menu, a product) that turns slow, because the provider
 * is: the buyer sees "Loading…" once the step has taken SLOW_REQUEST_NOTICE_MS, and the answer then
 * takes that message's place. A quick step shows no "Loading…" at all.
 */

let world: BotWorld;
let sandbox: IimmpactSandbox;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ world, sandbox, close } = await startIimmpactWorld({ redisUrl: inject('redisUrl') }));
});
afterAll(() => close());

const SLOW_MS = SLOW_REQUEST_NOTICE_MS + 1_500;
const sentTo = (chatId: number) =>
  world.api.calls.filter(
    (call) => call.params.chat_id === chatId && /^(sendMessage|editMessageText)$/.test(call.method),
  );

describe('a slow step', () => {
  it('shows "Loading the menu" while the catalog is slow, then the menu in its place', async () => {
    const buyer = world.buyer(92_001);
    sandbox.faults.inject({ kind: 'delay', ms: SLOW_MS, path: '/v2/product-list', times: 1 });
    await buyer.say('/start');
    const [loading, menu, ...rest] = sentTo(buyer.id);
    expect(loading?.method).toBe('sendMessage');
    expect(loading?.params.text).toMatch(/Loading the menu/);
    expect(menu?.method).toBe('editMessageText');
    expect(menu?.params.text).toMatch(/What would you like to buy/);
    expect(rest).toEqual([]);
    // One message in the chat: the notice became the menu, and its buttons work.
    expect(world.api.messages(buyer.id).size).toBe(1);
    await buyer.press('Prepaid');
    expect(buyer.lastText()).toMatch(/Digi Prepaid|Choose/);
  });

  it('shows no "Loading" when the answer is quick (the catalog is cached now)', async () => {
    const buyer = world.buyer(92_002);
    await buyer.say('/start');
    const sent = sentTo(buyer.id);
    expect(sent.map((call) => call.method)).toEqual(['sendMessage']);
    expect(sent[0]?.params.text).toMatch(/What would you like to buy/);
  });
});
