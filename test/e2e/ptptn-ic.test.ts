import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ShownMessage } from '../../demo/bot-api-stand-in.js';
import { SANDBOX_FIXTURES as F, type IimmpactSandbox } from '../../sandbox/iimmpact/index.js';
import { type BotWorld, startIimmpactWorld } from '../support/bot-e2e.js';

/*
 * A PTPTN payment through real Telegram updates: the IC it is looked up with goes to the provider
 * whole, and is shown masked everywhere (every screen the buyer sees, the receipt, /history, the
 * admin's /order) and never logged.
 */

const ADMIN = 9101;
const BUYER = 3201;
let sandbox: IimmpactSandbox;
let world: BotWorld;
let close: () => Promise<void>;
const shown: ShownMessage[] = [];

beforeAll(async () => {
  ({ world, sandbox, close } = await startIimmpactWorld({
    redisUrl: inject('redisUrl'),
    adminIds: [ADMIN],
    onBotMessage: (message) => shown.push(message),
  }));
});
afterAll(async () => {
  await close();
});

// Not the IC the account screen gives as its example (900101-14-5678), which every buyer sees.
const IC = F.ptptn.singleAccountNric;
/** The IC in every form it could be printed in: as sent, or typed with dashes. */
const FULL_IC = [IC, `${IC.slice(0, 6)}-${IC.slice(6, 8)}-${IC.slice(8)}`];
const MASKED = `••••••-••-${IC.slice(-4)}`;

function expectNoFullIc(text: string) {
  for (const ic of FULL_IC) expect(text).not.toContain(ic);
}

describe('PTPTN and the IC number', () => {
  it('sends the IC to the provider but shows only its last four digits, to the buyer and the admin', async () => {
    const buyer = world.buyer(BUYER);
    await buyer.say('/start');
    await buyer.press('Education');
    await buyer.say(FULL_IC[1] ?? '');
    expect(buyer.lastText()).toContain(`Accounts registered to IC <b>${MASKED}</b>`);
    // Back on the account screen, the IC typed before is offered on a button.
    await buyer.press('Back');
    expect(buyer.buttons()).toContain(`↩️ Use ${MASKED}`);
    await buyer.press(`Use ${MASKED}`);
    await buyer.press('IJAZAH');
    expect(buyer.lastText()).toContain(`IC Number: <b>${MASKED}</b>`);
    await buyer.say('50');
    expect(buyer.lastText()).toContain(`IC Number: <b>${MASKED}</b>`);
    await buyer.press('Confirm and pay');
    const receipt = await buyer.waitForText(/Successful/);
    expect(receipt).toContain(`IC Number: <b>${MASKED}</b>`);
    expect(sandbox.transactions().at(-1)?.extras).toMatchObject({ ic_number: IC });

    await buyer.say('/history');
    expect(buyer.buttons().join(' ')).toContain(MASKED);

    const refid = /Reference: <code>([^<]+)<\/code>/.exec(receipt)?.[1] ?? '';
    const admin = world.buyer(ADMIN);
    await admin.say(`/order ${refid}`);
    expect(admin.lastText()).toContain(refid);
    expect(admin.lastText()).toContain(`Account: <b>${MASKED}</b>`);

    // Every message the bot sent or edited, its buttons included, and every log line.
    expect(shown.length).toBeGreaterThan(8);
    for (const m of shown) expectNoFullIc(`${m.text}\n${JSON.stringify(m.replyMarkup ?? {})}`);
    expectNoFullIc(world.logs.join('\n'));
  });
});
