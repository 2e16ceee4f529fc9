import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SANDBOX_FIXTURES as F, type IimmpactSandbox } from '../../sandbox/iimmpact/index.js';
import { type BotWorld, startIimmpactWorld } from '../support/bot-e2e.js';

/*
 * JomPAY with eKYC, through real Telegram updates: JOMPAY_ENABLED, an admin verifying a buyer with
 * /verify, and the verified number sent as the payer's.
 */

const ADMIN = 9001;
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
    adminIds: [ADMIN],
    shop: { JOMPAY_ENABLED: true },
  }));
});
afterAll(() => stop());

describe('JomPAY with eKYC', () => {
  it('a verified buyer pays a Ref-2 biller; the verified IC is the payer sent, masked on the receipt', async () => {
    const admin = world.buyer(ADMIN);
    await admin.say('/verify 3101 900101-14-5678');
    expect(admin.lastText()).toContain('Buyer 3101 may now pay JomPAY, as payer <b>••••••-••-5678</b>');
    const buyer = world.buyer(3101);
    await buyer.say('/start');
    await buyer.press('JomPAY');
    await buyer.press('Seri Cahaya Insurance');
    await buyer.say('POLICY-0001');
    expect(buyer.lastText()).toMatch(/Ref-2/);
    await buyer.say('REF2-77');
    expect(buyer.lastText()).toMatch(/Type the amount/);
    await buyer.say('150');
    expect(buyer.lastText()).toMatch(/Please check your order/);
    expect(buyer.lastText()).toContain('••••••-••-5678');
    await buyer.press('Confirm and pay');
    const receipt = await buyer.waitForText(/Successful|failed/);
    expect(receipt).toMatch(/Successful/);
    expect(receipt).toContain('Biller: <b>Seri Cahaya Insurance');
    expect(receipt).toContain('Ref-1: <b>POLICY-0001</b>');
    expect(receipt).toContain('Ref-2: <b>REF2-77</b>');
    expect(receipt).toContain('Payer IC / passport: <b>••••••-••-5678</b>');
    expect(receipt).not.toContain('900101145678');
    expect(sandbox.transactions().at(-1)?.extras).toMatchObject({
      biller_code: F.jompay.ref2BillerCode,
      ref2: 'REF2-77',
      ic_number: '900101145678',
    });
    expect(world.logs.join('\n')).not.toContain('900101145678');
  });

  it('an unverified buyer is refused JomPAY with a clear reason and their user id', async () => {
    const buyer = world.buyer(3102);
    await buyer.say('/start');
    await buyer.press('JomPAY');
    expect(buyer.lastText()).toMatch(/JomPAY needs a verified payer/);
    expect(buyer.lastText()).toContain('<code>3102</code>');
    expect(buyer.lastText()).toMatch(/Nothing was charged/);
  });
});
