import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { IAK_SANDBOX_FIXTURES as I, type IakSandbox } from '../../sandbox/iak/index.js';
import type { PaymentProvider } from '../../src/payments/provider.js';
import { type BotWorld, type Buyer, startBotWorld } from '../support/bot-e2e.js';
import { iakProviderFor, startTestIakSandbox, TEST_IAK_API_KEY, waitFor } from '../support/iak.js';

/*
 * The same bot, unchanged, selling through IAK (Indonesia): rupiah amounts, PLN meter inquiry before
 * paying, a game voucher with its PIN, and IAK's failure codes.
 */

let sandbox: IakSandbox;
let provider: PaymentProvider;
let world: BotWorld;
let nextBuyer = 3000;

beforeAll(async () => {
  sandbox = await startTestIakSandbox({ timing: { processMs: 50 } });
  provider = iakProviderFor(sandbox);
  world = await startBotWorld({ redisUrl: inject('redisUrl'), provider, secrets: [TEST_IAK_API_KEY] });
});
afterAll(async () => {
  await world.close();
  await provider.close();
  await sandbox.close();
});

/** Confirms and waits for the status message to show a final result. */
async function confirm(buyer: Buyer): Promise<string> {
  expect(buyer.lastText()).toMatch(/Please check your order/);
  await buyer.press('Confirm and pay');
  const statusMessage = buyer.newestMessageId();
  return waitFor(() => {
    const text = buyer.textOf(statusMessage) ?? '';
    return /Processing/.test(text) ? undefined : text;
  });
}

const lastTransaction = () => sandbox.transactions().at(-1);

describe('selling through IAK', () => {
  it('tops up XL pulsa and shows rupiah as Rp 25.000', async () => {
    const buyer = world.buyer(nextBuyer++);
    await buyer.say('/start');
    await buyer.press(/^XL$/);
    await buyer.press('XL 25.000');
    await buyer.say(I.pulsa.successNumber);
    expect(buyer.lastText()).toContain('Rp 25.000');
    const receipt = await confirm(buyer);
    expect(receipt).toMatch(/Successful/);
    expect(receipt).toContain('Rp 25.000');
    expect(lastTransaction()).toMatchObject({ productCode: I.pulsa.product });
  });

  it('shows XL 10.000 at its face value, Rp 10.000, and takes IAK’s price of Rp 10.850', async () => {
    const buyer = world.buyer(nextBuyer++);
    await buyer.say('/start');
    await buyer.press(/^XL$/);
    await buyer.press('XL 10.000');
    await buyer.say(I.pulsa.successNumber);
    // No margin is set here: the buyer pays what IAK charges for the code.
    expect(buyer.lastText()).toContain('Face value: <b>Rp 10.000</b>');
    expect(buyer.lastText()).toContain('You pay: <b>Rp 10.850</b>');
    const receipt = await confirm(buyer);
    expect(receipt).toMatch(/Successful/);
    expect(receipt).toContain('Face value: <b>Rp 10.000</b>');
    expect(receipt).not.toContain('Amount: <b>Rp 10.850</b>');
    expect(lastTransaction()).toMatchObject({ productCode: 'xld10000' });
  });

  it('checks the PLN meter before paying and shows the customer name', async () => {
    const buyer = world.buyer(nextBuyer++);
    await buyer.say('/start');
    await buyer.press('PLN');
    await buyer.press('PLN 20.000');
    await buyer.say(I.pln.invalidMeter);
    expect(buyer.lastText()).toMatch(/type it again/);
    await buyer.say(I.pln.validMeter);
    expect(buyer.lastText()).toContain(I.pln.customerName);
    expect(buyer.lastText()).toContain('Rp 20.500');
    const receipt = await confirm(buyer);
    expect(receipt).toMatch(/Successful/);
  });

  it('sells a game voucher and shows its PIN with a copy button', async () => {
    const buyer = world.buyer(nextBuyer++);
    await buyer.say('/start');
    await buyer.press('Steam');
    await buyer.say(I.voucherNumber);
    const receipt = await confirm(buyer);
    expect(receipt).toMatch(/PIN: <code>[^<]+<\/code>/);
    expect(buyer.buttons().join(' ')).toMatch(/Copy PIN/);
  });

  it('reports an IAK failure plainly', async () => {
    const buyer = world.buyer(nextBuyer++);
    await buyer.say('/start');
    await buyer.press(/^XL$/);
    await buyer.press('XL 25.000');
    await buyer.say(I.testNumbers.failed);
    const message = await confirm(buyer);
    expect(message).not.toMatch(/Successful/);
    expect(buyer.buttons().join(' ')).toMatch(/Try again/i);
  });

  it('serves an Indonesian buyer in Indonesian: the PLN token with a copy button, the time in WIB', async () => {
    const buyer = world.buyer(nextBuyer++, 'id');
    await buyer.say('/start');
    expect(buyer.lastText()).toMatch(/Mau beli apa?/);
    await buyer.press('PLN');
    await buyer.press('PLN 20.000');
    await buyer.say(I.pln.validMeter);
    expect(buyer.lastText()).toContain(I.pln.customerName);
    expect(buyer.lastText()).toMatch(/Silakan periksa pesanan Anda/);
    await buyer.press('✅ Konfirmasi dan bayar');
    const statusMessage = buyer.newestMessageId();
    const receipt = await waitFor(() => {
      const text = buyer.textOf(statusMessage) ?? '';
      return /diproses/.test(text) ? undefined : text;
    });
    expect(receipt).toMatch(/Berhasil/);
    expect(receipt).toMatch(/Token PLN: <code>[^<]+<\/code>/);
    expect(receipt).toMatch(/Waktu: <b>\d{1,2} \w{3} \d{4}, \d{2}:\d{2} WIB<\/b>/);
    expect(buyer.buttons().join(' ')).toMatch(/Salin token/);
  });
});
