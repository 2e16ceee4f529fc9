import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { HOLD_ACCOUNT, type IimmpactSandbox } from '../../sandbox/iimmpact/index.js';
import { type BotWorld, type Buyer, startIimmpactWorld } from '../support/bot-e2e.js';
import { waitFor } from '../support/iimmpact.js';

/*
 * A buyer's 🔄 Refresh on an order the provider keeps Processing, through the real bot: the screen
 * says when the provider was last asked, and the next check is brought forward, at most once per
 * GAP_MS after the last one. The scheduler's own re-queries are pushed a minute out, so every status
 * query seen here is one the Refresh caused.
 */

/** The schedule's buyerRecheckGapMs here (5 s in production). */
const GAP_MS = 1_000;

/** IIMMPACT is asked about a payment by sending the same top-up again (idempotent by refid). */
const STATUS_PATH = '/v2/topup';
const SUCCESS = 20;

let sandbox: IimmpactSandbox;
let world: BotWorld;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({
    world,
    sandbox,
    close: stop,
  } = await startIimmpactWorld({
    redisUrl: inject('redisUrl'),
    schedule: {
      fastAttempts: 6,
      fastMinMs: 60_000,
      fastMaxMs: 60_000,
      backoffStartMs: 60_000,
      maxMs: 60_000,
      attentionIntervalMs: 60_000,
      buyerRecheckGapMs: GAP_MS,
    },
  }));
});
afterAll(() => stop());

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

/** The status message's texts as drawn, oldest first (a later edit may already have replaced one). */
function drawn(messageId: number): string[] {
  return world.api
    .callsOf('editMessageText')
    .filter((call) => call.params.message_id === messageId)
    .map((call) => String(call.params.text));
}

const LAST_CHECKED = /Last checked with the provider at (\d{2}:\d{2}:\d{2})/;

describe('🔄 Refresh on an order still processing', () => {
  it('says when the provider was last asked, asks it again soon, and brings the receipt once it settles', async () => {
    const buyer = world.buyer(4100);
    const { refid, statusMessage } = await buyHeld(buyer);
    expect(buyer.textOf(statusMessage)).toMatch(/Processing/);
    const queries = sandbox.requestCount(STATUS_PATH);

    await buyer.press('Refresh');
    const shown = buyer.textOf(statusMessage) ?? '';
    expect(shown).toMatch(/Processing/);
    const updatedAt = (await world.engine.get(refid))?.updatedAt ?? 0;
    const kl = new Date(updatedAt + 8 * 3_600_000).toISOString().slice(11, 19);
    expect(LAST_CHECKED.exec(shown)?.[1]).toBe(kl);

    // The next check comes within the gap instead of the schedule's minute.
    await waitFor(() => (sandbox.requestCount(STATUS_PATH) > queries ? true : undefined), {
      timeoutMs: GAP_MS + 3_000,
    });
    const asked = sandbox.requestCount(STATUS_PATH);

    // The provider settles; the next Refresh (past the gap) asks at once and the receipt arrives.
    sandbox.settle(refid, SUCCESS);
    const answeredAt = (await world.engine.get(refid))?.updatedAt ?? Date.now();
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, answeredAt + GAP_MS + 50 - Date.now())));
    await buyer.press('Refresh');
    expect(drawn(statusMessage).some((text) => LAST_CHECKED.test(text))).toBe(true);
    await waitFor(() => (sandbox.requestCount(STATUS_PATH) > asked ? true : undefined), { timeoutMs: 2_000 });
    const receipt = await waitFor(() => {
      const text = buyer.textOf(statusMessage) ?? '';
      return /Successful/.test(text) ? text : undefined;
    });
    expect(receipt).not.toMatch(LAST_CHECKED);
    expect((await world.engine.get(refid))?.state).toBe('succeeded');
  }, 20_000);

  it('costs one provider query however often it is tapped within the gap', async () => {
    const buyer = world.buyer(4101);
    const { statusMessage } = await buyHeld(buyer);
    const queries = sandbox.requestCount(STATUS_PATH);
    for (let tap = 0; tap < 5; tap++) await buyer.press('Refresh');
    expect(buyer.textOf(statusMessage)).toMatch(LAST_CHECKED);
    await waitFor(() => (sandbox.requestCount(STATUS_PATH) > queries ? true : undefined), {
      timeoutMs: GAP_MS + 3_000,
    });
    // Give any further (wrong) query time to show up: one only.
    await new Promise((resolve) => setTimeout(resolve, GAP_MS / 2));
    expect(sandbox.requestCount(STATUS_PATH)).toBe(queries + 1);
  }, 20_000);

  it('draws the receipt again when the order settles while its Refresh screen is being drawn', async () => {
    const buyer = world.buyer(4102);
    const { refid, statusMessage } = await buyHeld(buyer);
    // The Refresh's draw is held back a second by Telegram (429), long enough for the order to settle.
    world.api.failNext('editMessageText', 429, 'Too Many Requests: retry after 1', 1);
    const before = drawn(statusMessage).length;
    const pressing = buyer.press('Refresh');
    await waitFor(() => (drawn(statusMessage).length > before ? true : undefined));
    sandbox.settle(refid, SUCCESS);
    // What the scheduler would do: the receipt is drawn and the buyer counted as told.
    await world.engine.settle(refid);
    expect(buyer.textOf(statusMessage)).toMatch(/Successful/);
    await pressing;
    // The held-back "Processing" was drawn over the receipt, then the receipt again over it.
    expect(drawn(statusMessage).some((text, i) => i > before && /Processing/.test(text))).toBe(true);
    expect(buyer.textOf(statusMessage)).toMatch(/Successful/);
  }, 20_000);

  it('brings forward one check per buyer per gap, however many of their orders they refresh', async () => {
    const buyer = world.buyer(4103);
    const first = await buyHeld(buyer);
    const second = await buyHeld(buyer);
    const refreshOf = (messageId: number) => {
      const markup = world.api.messages(buyer.id).get(messageId)?.replyMarkup as
        | { inline_keyboard: Array<Array<{ text: string; callback_data?: string }>> }
        | undefined;
      return markup?.inline_keyboard.flat().find((b) => b.text.includes('Refresh'))?.callback_data ?? '';
    };
    const queries = sandbox.requestCount(STATUS_PATH);
    await buyer.pressRaw(refreshOf(first.statusMessage), first.statusMessage);
    await buyer.pressRaw(refreshOf(second.statusMessage), second.statusMessage);
    // Both screens say when their order was last checked...
    expect(buyer.textOf(first.statusMessage)).toMatch(LAST_CHECKED);
    expect(buyer.textOf(second.statusMessage)).toMatch(LAST_CHECKED);
    // ...but only the first Refresh brought a check forward.
    await waitFor(() => (sandbox.requestCount(STATUS_PATH) > queries ? true : undefined), {
      timeoutMs: GAP_MS + 3_000,
    });
    await new Promise((resolve) => setTimeout(resolve, GAP_MS + 500));
    expect(sandbox.requestCount(STATUS_PATH)).toBe(queries + 1);
    // The payment itself, then the brought-forward check for the first; the payment only for the second.
    expect((await world.engine.get(first.refid))?.attempts).toBe(2);
    expect((await world.engine.get(second.refid))?.attempts).toBe(1);
  }, 20_000);

  it('waits out the Retry-After the provider answered, on the schedule and on a Refresh', async () => {
    const buyer = world.buyer(4104);
    const { refid } = await buyHeld(buyer);
    const updatedAt = (await world.engine.get(refid))?.updatedAt ?? Date.now();
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, updatedAt + GAP_MS + 50 - Date.now())));
    // The check this Refresh brings forward is told to come back in a minute (longer than the
    // client waits out by itself).
    sandbox.faults.inject({
      kind: 'status',
      status: 429,
      retryAfterSeconds: 60,
      path: STATUS_PATH,
      times: 1,
    });
    const queries = sandbox.requestCount(STATUS_PATH);
    const askedAt = Date.now();
    await buyer.press('Refresh');
    const told = await waitFor(async () => (await world.engine.get(refid))?.retryAfterUntil);
    expect(told).toBeGreaterThanOrEqual(askedAt + 59_000);
    expect(sandbox.requestCount(STATUS_PATH)).toBe(queries + 1);
    expect((await world.engine.get(refid))?.state).toBe('pending');
    // Past the buyer's gap, another Refresh still leaves the provider alone.
    await new Promise((resolve) => setTimeout(resolve, GAP_MS + 200));
    await buyer.press('Refresh');
    await new Promise((resolve) => setTimeout(resolve, GAP_MS / 2));
    expect(sandbox.requestCount(STATUS_PATH)).toBe(queries + 1);
    expect(buyer.lastText()).toMatch(LAST_CHECKED);
  }, 20_000);
});
