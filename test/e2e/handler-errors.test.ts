import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type BotWorld, startIimmpactWorld } from '../support/bot-e2e.js';

/*
 * A step that fails for a reason trying again would not mend (here the Bot API refuses the screen
 * with a 400): the buyer is told something went wrong, the update is not run again, and the next
 * message is answered as usual.
 */

let world: BotWorld;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ world, close } = await startIimmpactWorld({ redisUrl: inject('redisUrl') }));
});
afterAll(() => close());

describe('a step that fails', () => {
  it('is apologised for once, not retried, and the conversation goes on', async () => {
    const buyer = world.buyer(93_001);
    world.api.failNext('sendMessage', 400, 'Bad Request: message text is empty');
    await buyer.say('/start');
    expect(await buyer.waitForText(/Something went wrong/)).toMatch(/try again/i);
    expect(world.logs.filter((line) => line.includes('"update failed"'))).toHaveLength(1);

    await buyer.say('/start');
    expect(buyer.lastText()).toMatch(/What would you like to buy/);
    const apologies = [...world.api.messages(buyer.id).values()].filter((m) =>
      /Something went wrong/.test(m.text),
    );
    expect(apologies).toHaveLength(1);
  });
});
