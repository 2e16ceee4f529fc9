import { formatMoney } from '../payments/money.js';
import { createIimmpactClient } from '../payments/providers/iimmpact/client.js';
import { SANDBOX_DEV_CREDENTIALS } from '../sandbox/dev-credentials.js';
import { SANDBOX_FIXTURES, startIimmpactSandbox } from '../sandbox/iimmpact/index.js';

/**
 * `npm run demo`: a purchase walk-through with no credentials and no network, against the built-in
 * sandbox over loopback HTTP, using the same signed client the bot uses. (The Telegram conversation
 * replaces this walk-through once it exists.)
 */
const sandbox = await startIimmpactSandbox({
  ...SANDBOX_DEV_CREDENTIALS,
  timing: { acceptedMs: 300, processingMs: 600 },
});
const client = createIimmpactClient({ baseUrl: sandbox.url, ...SANDBOX_DEV_CREDENTIALS });
const say = (line = '') => process.stdout.write(`${line}\n`);

try {
  const wallet = await client.getBalance();
  say(`Wallet ${wallet.account} (${wallet.name}): ${formatMoney(wallet.balance)}`);

  const products = (await client.listProducts()).filter((p) => p.active);
  say(`\n${products.length} products on sale, for example:`);
  for (const p of products.slice(0, 6)) say(`  ${p.code.padEnd(7)} ${p.name} (${p.category})`);

  const { tnb, giftCard } = SANDBOX_FIXTURES;
  say(`\nLooking up TNB account ${tnb.validAccount}...`);
  const bill = await client.getBill({ product: tnb.product, account: tnb.validAccount });
  say(
    `  ${bill.customerName ?? 'customer'}: ${bill.outstanding ? formatMoney(bill.outstanding) : 'no amount'} due`,
  );

  const request = {
    refid: `demo-${Date.now().toString(36)}`,
    product: giftCard.product,
    account: '60123456789',
    amount: { minor: giftCard.denominations[1] * 100, currency: 'MYR' as const },
  };
  say(`\nBuying a ${formatMoney(request.amount)} Grab gift code (refid ${request.refid})...`);
  let outcome = await client.pay(request);
  while (outcome.state === 'pending') {
    say(`  ${outcome.providerStatus}...`);
    await new Promise((resolve) => setTimeout(resolve, 400));
    outcome = await client.pay(request);
  }
  say(
    `  ${outcome.state === 'succeeded' ? 'Paid' : `Not paid: ${outcome.remarks ?? outcome.providerStatus}`}`,
  );
  if (outcome.pin) say(`  PIN:     ${outcome.pin}`);
  if (outcome.serialNumber) say(`  Serial:  ${outcome.serialNumber}`);
  if (outcome.expiry) say(`  Expires: ${outcome.expiry}`);
  if (outcome.voucherLink) say(`  Redeem:  ${outcome.voucherLink}`);
  if (outcome.note) say(`  ${outcome.note}`);
  say(`\nWallet now ${formatMoney((await client.getBalance()).balance)}`);
} finally {
  await client.close();
  await sandbox.close();
}
