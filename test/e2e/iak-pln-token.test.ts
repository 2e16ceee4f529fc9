import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ShownMessage } from '../../demo/bot-api-stand-in.js';
import { IAK_SANDBOX_FIXTURES as I, type IakSandbox } from '../../sandbox/iak/index.js';
import type { PaymentProvider } from '../../src/payments/provider.js';
import { type BotWorld, startBotWorld } from '../support/bot-e2e.js';
import { iakProviderFor, startTestIakSandbox, TEST_IAK_API_KEY } from '../support/iak.js';

/*
 * A PLN purchase through IAK hands the buyer an electricity token inside the serial
 * (`Token/Name/SegmentPower/kWh`, spec §5.11). The token is as good as cash, so with
 * DATA_ENCRYPTION_KEY set it must be sealed in Redis like a voucher PIN, shown only to the buyer,
 * and kept out of the admin's /order and of every log line.
 */

const ADMIN = 9301;
const BUYER = 3301;
let sandbox: IakSandbox;
let provider: PaymentProvider;
let world: BotWorld;
const shownToAdmin: ShownMessage[] = [];

beforeAll(async () => {
  sandbox = await startTestIakSandbox({ timing: { processMs: 50 } });
  provider = iakProviderFor(sandbox);
  world = await startBotWorld({
    redisUrl: inject('redisUrl'),
    provider,
    secrets: [TEST_IAK_API_KEY],
    adminIds: [ADMIN],
    dataKey: randomBytes(32),
    onBotMessage: (message) => {
      if (message.chatId === ADMIN) shownToAdmin.push(message);
    },
  });
});
afterAll(async () => {
  await world.close();
  await provider.close();
  await sandbox.close();
});

/** The token as IAK sent it (dash-grouped) and as a buyer might type it (digits only). */
function tokenForms(token: string): string[] {
  return [token, token.replace(/-/g, '')];
}

describe('a PLN token bought through IAK', () => {
  it('is on the receipt, sealed in Redis, and in neither the admin view nor the logs', async () => {
    const buyer = world.buyer(BUYER);
    await buyer.say('/start');
    await buyer.press('PLN');
    await buyer.press('PLN 20.000');
    await buyer.say(I.pln.validMeter);
    await buyer.press('Confirm and pay');
    const receipt = await buyer.waitForText(/Successful/);

    // The sandbox's own record of what it sent: the token is the serial's first part.
    const sn = sandbox.transactions().at(-1)?.sn ?? '';
    const token = sn.split('/')[0] ?? '';
    expect(token).toMatch(/^\d{4}(-\d{4}){4}$/);
    expect(receipt).toContain(`PLN token: <code>${token}</code>`);
    expect(receipt).not.toContain('Serial number');

    const refid = /Reference: <code>([^<]+)<\/code>/.exec(receipt)?.[1] ?? '';
    const raw = (await world.rawRedisValues()).join('\n');
    expect(raw).toContain(refid);
    expect(raw).toMatch(/enc:v1:[0-9a-f]{8}:/);
    for (const form of tokenForms(token)) expect(raw).not.toContain(form);
    // Read back through the store, the order still opens to the token the buyer was given.
    expect((await world.engine.get(refid))?.outcome?.electricityToken?.token).toBe(token);

    const admin = world.buyer(ADMIN);
    await admin.say(`/order ${refid}`);
    const view = admin.lastText();
    expect(view).toContain(refid);
    expect(view).toContain('PLN token: delivered to the buyer (not shown here)');
    expect(shownToAdmin.length).toBeGreaterThan(0);
    for (const message of shownToAdmin) {
      const shown = `${message.text}\n${JSON.stringify(message.replyMarkup ?? {})}`;
      for (const form of tokenForms(token)) expect(shown).not.toContain(form);
    }

    const logs = world.logs.join('\n');
    expect(logs).toContain(refid);
    for (const form of tokenForms(token)) expect(logs).not.toContain(form);
  });
});
