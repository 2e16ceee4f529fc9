import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { IimmpactSandbox } from '../../sandbox/iimmpact/index.js';
import { type BotWorld, startIimmpactWorld } from '../support/bot-e2e.js';
import { waitFor } from '../support/iimmpact.js';

/*
 * A product's network status through the real bot: the sandbox's "FP" product reports an
 * interruption. A slow look-up is not waited for: the buyer goes on, and the warning reaches the
 * screen through the chat's queue when it arrives. Once known, the status comes with the tap itself.
 */

let world: BotWorld;
let sandbox: IimmpactSandbox;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ world, sandbox, close } = await startIimmpactWorld({ redisUrl: inject('redisUrl') }));
});
afterAll(() => close());

const WARNING = /Interruption!/;
const LOOKUP_DELAY_MS = 3_000;

describe('the network warning', () => {
  it('arrives after the buyer went on when the look-up is slow', async () => {
    const buyer = world.buyer(91_001);
    await buyer.say('/start');
    await buyer.press('Prepaid');
    sandbox.faults.inject({ kind: 'delay', ms: LOOKUP_DELAY_MS, path: '/v2/networkstatus', times: 1 });
    await buyer.press('FP Prepaid');
    // Answered without the status, which is still on its way.
    expect(buyer.lastText()).toMatch(/Mobile Number/);
    expect(buyer.lastText()).not.toMatch(WARNING);
    await buyer.say('0123456780');
    expect(buyer.lastText()).toMatch(/Choose an amount/);
    // The late status lands on the screen the buyer is on now, the typed number kept.
    await waitFor(
      async () => {
        await world.app.updatesHandled();
        return WARNING.test(buyer.lastText()) ? true : undefined;
      },
      { timeoutMs: LOOKUP_DELAY_MS + 10_000 },
    );
    expect(buyer.lastText()).toMatch(/Mobile Number: <b>60123456780<\/b>/);
    expect(buyer.lastText()).toMatch(/Choose an amount/);
  });

  it('comes with the tap once the status is known', async () => {
    const buyer = world.buyer(91_002);
    await buyer.say('/start');
    await buyer.press('Prepaid');
    await buyer.press('FP Prepaid');
    expect(buyer.lastText()).toMatch(/Mobile Number/);
    expect(buyer.lastText()).toMatch(WARNING);
  });
});
