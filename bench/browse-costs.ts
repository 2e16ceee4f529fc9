/**
 * Benchmark: what a browse update costs in provider calls and Redis reads.
 *
 * The whole bot (wired by `wireApp` as `npm start` is: webhook, Redis, the IIMMPACT sandbox, a Bot
 * API stand-in; the production poll intervals) takes buyers along two walks, all buyers side by
 * side, each buyer's updates one after another, products spread over four prepaid products:
 *   browse: /start, a category, a product (the product tap checks its network status);
 *   to the amount: the same, then a phone number (its bill presentment) and an amount.
 * Provider requests are counted at the sandbox and Redis commands at the server (MONITOR), so
 * nothing is counted by the code under test. The Redis total counts commands clients sent (a script
 * is one), leaving out the test world's own polling of the queue depth; the catalog and
 * network-status lines count every command on those keys.
 *
 *   npm run bench:browse [-- <buyers>]        (REDIS_URL, or a throwaway redis-server from PATH)
 */
import { Redis } from 'ioredis';
import { type Buyer, startIimmpactWorld } from '../test/support/bot-e2e.js';
import { startThrowawayRedis } from '../test/support/redis-server.js';

const BUYERS = Number(process.argv[2] ?? '40');
const PRODUCTS = ['Digi Prepaid', 'Hotlink Prepaid', 'Celcom Xpax Prepaid', 'U Mobile Prepaid'];
const PATHS = ['/v2/product-list', '/v2/networkstatus', '/v2/bill-presentment'];

const ownRedis = process.env.REDIS_URL ? undefined : await startThrowawayRedis();
const redisUrl = process.env.REDIS_URL ?? ownRedis?.url ?? '';
const { world, sandbox, close } = await startIimmpactWorld({
  redisUrl,
  // The defaults of production (the e2e world polls every 10 ms to keep tests quick).
  tuning: { pollIntervalMs: 1_000, updatePollIntervalMs: 200 },
});

// Every command Redis receives, by the key family it touches.
const monitoring = new Redis(redisUrl);
const monitor = await monitoring.monitor();
const commands = { total: 0, catalog: 0, network: 0 };
monitor.on('monitor', (_time: string, args: string[], source: string) => {
  const keys = args.slice(1).join(' ');
  // Sent by a client (not run inside a script), and not the test world's "all handled yet?" poll.
  if (source !== 'lua' && !(args[0]?.toLowerCase() === 'get' && keys.endsWith('inbox:depth')))
    commands.total += 1;
  if (keys.includes('cache:catalog:') || keys.includes('cachever:catalog:')) commands.catalog += 1;
  if (keys.includes('cache:netstatus:')) commands.network += 1;
});
const stats = new Redis(redisUrl);
const settle = async () => {
  await world.bot.idle();
  // MONITOR lines arrive a moment after the commands ran.
  await new Promise((resolve) => setTimeout(resolve, 200));
};

// One buyer first, so the figures are for a warm shop (the catalog read once, as in steady state).
await world.buyer(9_000_000).say('/start');
await settle();

let nextBuyer = 9_000_001;
async function measure(label: string, steps: number, walk: (buyer: Buyer, i: number) => Promise<void>) {
  const provider = PATHS.map((path) => sandbox.requestCount(path));
  const providerTotal = sandbox.requestCount();
  const redis = { ...commands };
  const started = performance.now();
  await Promise.all(Array.from({ length: BUYERS }, (_, i) => walk(world.buyer(nextBuyer++), i)));
  const elapsedMs = performance.now() - started;
  await settle();
  const updates = BUYERS * steps;
  const per = (n: number) => (n / updates).toFixed(3);
  console.log(
    `${label}: ${BUYERS} buyers x ${steps} updates = ${updates} updates in ${elapsedMs.toFixed(0)} ms`,
  );
  console.log(`  provider requests per update   ${per(sandbox.requestCount() - providerTotal)}`);
  PATHS.forEach((path, i) => {
    const n = sandbox.requestCount(path) - (provider[i] ?? 0);
    console.log(`    ${path.padEnd(26)} ${per(n)} (${n})`);
  });
  console.log(`  Redis commands sent per update ${per(commands.total - redis.total)}`);
  console.log(`    on the catalog keys          ${per(commands.catalog - redis.catalog)}`);
  console.log(`    on network-status keys       ${per(commands.network - redis.network)}`);
}

const browse = async (buyer: Buyer, i: number) => {
  await buyer.say('/start');
  await buyer.press('Prepaid');
  await buyer.press(PRODUCTS[i % PRODUCTS.length] ?? 'Digi Prepaid');
};
await measure('browse', 3, browse);
await measure('to the amount', 5, async (buyer, i) => {
  await browse(buyer, i);
  await buyer.say(`+60 12-345 ${String(6000 + i).padStart(4, '0')}`);
  await buyer.press('RM 10.00');
});

const catalogKey = (await stats.keys('*cache:catalog:*'))[0];
if (catalogKey) console.log(`the cached catalog: ${await stats.strlen(catalogKey)} bytes of JSON`);
monitor.disconnect();
monitoring.disconnect();
stats.disconnect();
await close();
await ownRedis?.stop();
