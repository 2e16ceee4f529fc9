import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { HOLD_ACCOUNT, type IimmpactSandbox } from '../../sandbox/iimmpact/index.js';
import { RECHECK_GAP_MS } from '../../src/bot/flow/results.js';
import type { PaymentProvider } from '../../src/payments/provider.js';
import { type BotWorld, type Buyer, startBotWorld } from '../support/bot-e2e.js';
import { iimmpactProviderFor } from '../support/engine.js';
import { startTestSandbox, TEST_API_KEY, TEST_HMAC_SECRET, waitFor } from '../support/iimmpact.js';

/*
 * A buyer's 🔄 Refresh on an order the provider keeps Processing, through the real bot: it asks the
 * provider again (at most once per RECHECK_GAP_MS) and the screen always says when, so the tap is
 * never a silent no-op. The scheduler's own re-queries are pushed a minute out, so every status
 * query seen here is one the Refresh caused.
 */

/** IIMMPACT is asked about a payment by sending the same top-up again (idempotent by refid). */
const STATUS_PATH = '/v2/topup';
const SUCCESS = 20;

let sandbox: IimmpactSandbox;
let provider: PaymentProvider;
let world: BotWorld;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  provider = iimmpactProviderFor(sandbox);
  world = await startBotWorld({
    redisUrl: inject('redisUrl'),
    provider,
    secrets: [TEST_API_KEY, TEST_HMAC_SECRET],
    schedule: {
      fastAttempts: 6,
      fastMinMs: 60_000,
      fastMaxMs: 60_000,
      backoffStartMs: 60_000,
      maxMs: 60_000,
      attentionIntervalMs: 60_000,
    },
  });
});
afterAll(async () => {
  await world.close();
  await provider.close();
  await sandbox.close();
});

/** Buys RM 10 of Digi Prepaid for the sandbox's held account; returns the order and its status message. */
async function buyHeld(buyer: Buyer): Promise<{ refid: string; statusMessage: number }> {
  await buyer.say('/start');
  await buyer.press('Prepaid');
  await buyer.press('Digi Prepaid');
  await buyer.say(HOLD_ACCOUNT);
  await buyer.press('RM 10.00');
  await buyer.press('Confirm and pay');
  const statusMessage = buyer.newestMessageId();
  const [order] = await world.engine.listByUser(buyer.id, 1);
  const refid = order?.refid ?? '';
  await waitFor(async () => ((await world.engine.get(refid))?.state === 'pending' ? true : undefined));
  // Whoever paid it has let go of it (a 1 ms probe lease), so a re-query is not turned away as busy.
  await waitFor(async () => ((await world.store.tryLease(refid, 'probe', Date.now(), 1)) ? true : undefined));
  return { refid, statusMessage };
}

const CLOCK = /\d{2}:\d{2}:\d{2}/;

describe('🔄 Refresh on an order still processing', () => {
  it('says when the provider is asked next, asks it then, and brings the receipt once it settles', async () => {
    const buyer = world.buyer(4100);
    const { refid, statusMessage } = await buyHeld(buyer);
    expect(buyer.textOf(statusMessage)).toMatch(/Processing/);
    const queries = sandbox.requestCount(STATUS_PATH);

    // Moments after the payment's answer: no query now, but the screen says when the next one is.
    await buyer.press('Refresh');
    const soon = buyer.textOf(statusMessage) ?? '';
    expect(soon).toMatch(/Processing/);
    expect(soon).toMatch(new RegExp(`next check with the provider at ${CLOCK.source}`));
    expect(sandbox.requestCount(STATUS_PATH)).toBe(queries);

    // That check is brought forward from the minute the schedule had: it comes within the gap.
    await waitFor(() => (sandbox.requestCount(STATUS_PATH) > queries ? true : undefined), {
      timeoutMs: RECHECK_GAP_MS + 3_000,
    });
    const asked = sandbox.requestCount(STATUS_PATH);

    // Once the gap has passed since that answer, a Refresh asks at once; the provider has settled
    // by then, so the status message turns into the receipt.
    sandbox.settle(refid, SUCCESS);
    const answeredAt = (await world.engine.get(refid))?.updatedAt ?? Date.now();
    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, answeredAt + RECHECK_GAP_MS - Date.now())),
    );
    await buyer.press('Refresh');
    // What the tap drew (the receipt may already have replaced it).
    const drawn = world.api
      .callsOf('editMessageText')
      .filter((call) => call.params.message_id === statusMessage)
      .map((call) => String(call.params.text));
    expect(drawn.some((text) => new RegExp(`Asked the provider again at ${CLOCK.source}`).test(text))).toBe(
      true,
    );
    await waitFor(() => (sandbox.requestCount(STATUS_PATH) > asked ? true : undefined), { timeoutMs: 2_000 });
    const receipt = await waitFor(() => {
      const text = buyer.textOf(statusMessage) ?? '';
      return /Successful/.test(text) ? text : undefined;
    });
    expect(receipt).not.toMatch(/next check|Asked the provider/);
    expect((await world.engine.get(refid))?.state).toBe('succeeded');
  }, 20_000);

  it('costs one provider query however often it is tapped, and each tap still changes the screen', async () => {
    const buyer = world.buyer(4101);
    const { statusMessage } = await buyHeld(buyer);
    const queries = sandbox.requestCount(STATUS_PATH);
    const edits = () =>
      world.api.callsOf('editMessageText').filter((call) => call.params.message_id === statusMessage).length;
    const editsBefore = edits();
    for (let tap = 0; tap < 5; tap++) await buyer.press('Refresh');
    // Each tap drew the screen (the first with its time; the same time again is not re-sent as new).
    expect(edits()).toBeGreaterThan(editsBefore);
    expect(buyer.textOf(statusMessage)).toMatch(
      new RegExp(`next check with the provider at ${CLOCK.source}`),
    );
    await waitFor(() => (sandbox.requestCount(STATUS_PATH) > queries ? true : undefined), {
      timeoutMs: RECHECK_GAP_MS + 3_000,
    });
    // Give any further (wrong) query time to show up: one only.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sandbox.requestCount(STATUS_PATH)).toBe(queries + 1);
  }, 20_000);
});
