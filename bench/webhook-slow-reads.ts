/**
 * Benchmark: the webhook answers Telegram at once even while every provider read takes 10 s.
 *
 * The built bot (`node dist/main/bot.js` with `npm start`'s node flags, webhook mode, its own
 * process and throwaway Redis) takes updates from many buyers whose every step needs a provider
 * read (the catalog on /start), and every read is delayed 10 s by a sandbox fault. The webhook only
 * queues; workers do the slow part. Prints the webhook's latency, which Telegram sees, and what the
 * workers were doing meanwhile. The sandbox and the Bot API stand-in live in this process, the load
 * generator in one of its own, so the figures are the bot's.
 *
 *   npm run bench:slow-reads          (about 30 s on 2 cores; a throwaway redis-server from PATH)
 *   BENCH_CPU_PROF=<dir> npm run bench:slow-reads   (also writes the bot's CPU profile there)
 */
import { execFileSync, spawn } from 'node:child_process';
import { startBotApiStandIn } from '../demo/bot-api-stand-in.js';
import { startBuiltBot, startProvider, startRedis } from './support/bench-world.js';
import { memoryMiB } from './support/proc-stats.js';
import type { LoadRound, RoundResult } from './support/webhook-load.js';

// Telegram holds up to setWebhook's max_connections open to a webhook: 40 by default, 100 at most.
// Each connection posts the next update as soon as the last is answered, faster than any shop's
// buyers would send them, so these are the webhook's worst case.
const CONNECTIONS = [40, 100];
const BUYERS = 500;
const UPDATES_PER_BUYER = 4;
const READ_DELAY_MS = 10_000;

console.log('building the bot (npm run build)…');
execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });

const redis = await startRedis();
const api = await startBotApiStandIn();
// The callback relay is not used here (nothing is paid), but the provider comes with one.
const { sandbox, relay } = await startProvider('http://127.0.0.1:9/');
// BENCH_CPU_PROF=<directory> keeps a CPU profile of the bot there.
const profileDir = process.env.BENCH_CPU_PROF;
const bot = await startBuiltBot({
  redis,
  load: api,
  sandbox,
  ...(profileDir ? { nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] } : {}),
});

/** Runs bench/support/webhook-load.ts in its own process; one JSON line per counted round. */
const sendLoad = (rounds: LoadRound[]) =>
  new Promise<RoundResult[]>((resolve, reject) => {
    const child = spawn(process.execPath, [
      '--import',
      'tsx',
      'bench/support/webhook-load.ts',
      bot.webhookUrl,
      bot.secret,
      JSON.stringify(rounds),
    ]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += String(chunk);
    });
    child.stderr.on('data', (chunk) => {
      stderr += String(chunk);
    });
    child.once('exit', (code) =>
      code === 0
        ? resolve(
            stdout
              .trim()
              .split('\n')
              .map((line) => JSON.parse(line) as RoundResult),
          )
        : reject(new Error(`load generator failed: ${stderr}`)),
    );
  });

// Every provider read takes 10 s from the start, so the catalog has never been read: the first
// /start of the measured round must wait for it. The warm-up round (not counted) sends commands
// that read nothing from the provider, to open connections and warm the webhook path.
for (const path of ['/v2/product-list', '/v2/networkstatus', '/v2/subproducts', '/v2/bill-presentment'])
  sandbox.faults.inject({ kind: 'delay', ms: READ_DELAY_MS, path, times: 100_000 });
// Warm-up rounds (not counted) at each connection count open the connections and warm both ends.
const rounds: LoadRound[] = [];
let firstUserId = 7_000_000;
for (const counted of [false, true])
  for (const connections of CONNECTIONS) {
    rounds.push({ connections, buyers: BUYERS, perBuyer: UPDATES_PER_BUYER, firstUserId, counted });
    firstUserId += BUYERS;
  }
const readsBefore = sandbox.requestCount();
const results = await sendLoad(rounds);
const readsStarted = sandbox.requestCount() - readsBefore;
const queued = await redis.watch.integer(bot.depthKey ?? '');

const at = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
console.log(`provider reads delayed:    ${READ_DELAY_MS} ms each`);
for (const result of results) {
  const latencies = [...result.latencies].sort((x, y) => x - y);
  const p99 = at(latencies, 0.99);
  console.log(
    `\n${result.connections} connections, ${BUYERS} new buyers × ${UPDATES_PER_BUYER} updates (/start, /history)`,
  );
  console.log(
    `  sent:                    ${latencies.length} in ${result.sendingMs.toFixed(0)} ms (${(latencies.length / (result.sendingMs / 1000)).toFixed(0)}/s)`,
  );
  console.log(
    `  webhook answers:         ${Object.entries(result.statuses)
      .map(([status, count]) => `${count} × ${status}`)
      .join(', ')}`,
  );
  console.log(
    `  webhook latency:         p50 ${at(latencies, 0.5).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${at(latencies, 1).toFixed(1)} ms (target p99 < 50 ms: ${p99 < 50 ? 'PASS' : 'MISS'})`,
  );
}
console.log(`\nprovider reads started:    ${readsStarted} while sending (each answers 10 s later)`);
console.log(`queued at the end:         ${queued} updates, waiting for the workers`);
console.log(`\nbot RSS:                   ${memoryMiB(bot.service.pid).rss.toFixed(0)} MiB`);

sandbox.faults.clear();
await bot.service.stop();
await relay.close();
await api.close();
await sandbox.close();
await redis.stop();
