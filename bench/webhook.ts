/**
 * Benchmark: the built bot against the most this machine can do for the same work.
 *
 * Starts a throwaway redis-server per system, the IIMMPACT sandbox, a load generator with a fake
 * Bot API (its own process), the reference handler (a bare node:http server doing one Redis GET, one
 * SET and one sendMessage per update; its own process) and the built bot (`node dist/main/bot.js`,
 * webhook mode). Thousands of distinct buyers walk real paths as Telegram updates; the identical
 * load goes to the reference and to the bot, alternating, at concurrency 32 and 128. Prints
 * updates/s, latencies, Redis commands and round trips, Bot API and provider calls, CPU and memory
 * per update, as ratios to the reference, with the performance targets marked PASS or MISS.
 *
 *   npm run bench:webhook                        (a few minutes on 2 cores; never part of npm test)
 *   BENCH_SCALE=0.3 npm run bench:webhook        (fewer updates per phase, for a quick look)
 *   BENCH_CPU_PROF=1 npm run bench:webhook       (also profiles the bot: CPU by package;
 *                                                 a directory instead of 1 keeps the .cpuprofile)
 *   BENCH_TRACE=1 BENCH_SCALE=0.01 npm run bench:webhook   (every Bot API call on stderr: what a step does)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  type Load,
  type Redises,
  type SystemUnderTest,
  startBuiltBot,
  startLoad,
  startProvider,
  startRedis,
  startReference,
} from './support/bench-world.js';
import { summarizeProfiles } from './support/cpu-profile.js';
import { type Figures, type PhaseSpec, runPhase } from './support/measure.js';
import { machineCpuMs, memoryMiB } from './support/proc-stats.js';
import { startCountingProxy } from './support/redis-counting-proxy.js';
import {
  fixed,
  type MemoryFigures,
  printIntake,
  printMemory,
  printPhasePair,
  printReceipts,
  printRoundTrips,
  printVerdicts,
  type RoundTrips,
} from './support/report.js';
import { summarize } from './support/stats.js';

const SCALE = Number(process.env.BENCH_SCALE ?? 1) || 1;
const RECEIPT_ORDERS_PER_S = 10;
const scaled = (n: number) => Math.max(60, Math.round(n * SCALE));
const MENUS_UPDATES = scaled(6_000);
const BROWSE_UPDATES = scaled(2_000);
const CONCURRENCIES = [32, 128];
// BENCH_CPU_PROF=1 profiles into a temporary directory; BENCH_CPU_PROF=<directory> keeps the files there.
const cpuProf = process.env.BENCH_CPU_PROF;
const keepProfiles = cpuProf !== undefined && cpuProf !== '1';
const profileDir = cpuProf
  ? keepProfiles
    ? resolve(cpuProf)
    : mkdtempSync(join(tmpdir(), 'bench-webhook-prof-'))
  : undefined;

console.log(
  `bench:webhook ${new Date().toISOString()} · node ${process.version} · ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`,
);
// Other programs on the machine take CPU from every process here: say so before trusting a figure.
const quietBefore = machineCpuMs();
await new Promise((resolve) => setTimeout(resolve, 1_000));
const quietAfter = machineCpuMs();
const othersAtStart = (quietAfter.busy - quietBefore.busy - (quietAfter.ours - quietBefore.ours)) / 1_000;
console.log(
  `other programs use ${fixed(othersAtStart, 2)} of ${cpus().length} cores right now${othersAtStart > 0.25 ? ': expect low, noisy figures (see "cores busy outside the benchmark")' : ''}`,
);
console.log('building the bot (npm run build)…');
execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });

const started: Array<{ stop(): Promise<void> }> = [];
const redisBot = await startRedis();
const redisRef = await startRedis();
started.push(redisBot, redisRef);
const { sandbox, relay } = await startProvider('http://127.0.0.1:9/');
const load = await startLoad(1);
const usedBefore = { bot: 0, reference: 0 };
usedBefore.reference = await redisRef.watch.usedMemory();
usedBefore.bot = await redisBot.watch.usedMemory();
const reference = await startReference({ redis: redisRef, load });
const bot = await startBuiltBot({
  redis: redisBot,
  load,
  sandbox,
  nodeFlags: [
    ...(process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean),
    ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
  ],
});
relay.target = bot.callbackUrl ?? '';
const botStartRss = memoryMiB(bot.service.pid).rss;
console.log(
  `started: bot pid ${bot.service.pid} (RSS ${fixed(botStartRss, 0)} MiB), reference pid ${reference.service.pid}, load pid with the fake Bot API, redis ×2, sandbox in this process`,
);

const buyersOf = { bot: 0, reference: 0 };
const phase = async (system: SystemUnderTest, spec: PhaseSpec): Promise<Figures> => {
  const figures = await runPhase(system, spec, { load, sandbox });
  buyersOf[system.name] += figures.buyers;
  return figures;
};

// Warm-up, not reported: connections, the bot's catalog cache, and the JIT. Each system first runs
// every timed phase once: with only 2,200 updates of warm-up, V8's optimising compiler still took 18%
// of the bot's CPU in the first timed phase (1% by the third round), so the first figures measured
// the bot's start rather than the service it is for hours. The reference gets the same warm-up.
const warmUps: PhaseSpec[] = CONCURRENCIES.flatMap((concurrency) => [
  { path: 'menus', concurrency, updates: MENUS_UPDATES },
  { path: 'browse', concurrency, updates: BROWSE_UPDATES },
]);
for (const system of [reference, bot]) for (const spec of warmUps) await phase(system, spec);

// The timed phases, the reference and the bot in turn with the same order.
console.log(
  `timed phases: menus ${MENUS_UPDATES} updates, browse ${BROWSE_UPDATES} updates, concurrency ${CONCURRENCIES.join(' and ')}`,
);
const pairs: Array<[Figures, Figures]> = [];
for (const concurrency of CONCURRENCIES) {
  for (const path of ['menus', 'browse'] as const) {
    const spec = { path, concurrency, updates: path === 'menus' ? MENUS_UPDATES : BROWSE_UPDATES };
    const ref = await phase(reference, spec);
    const timed = await phase(bot, spec);
    pairs.push([ref, timed]);
    console.log(
      `  ${path} c${concurrency}: reference ${fixed(ref.handledPerS, 0)}/s, bot ${fixed(timed.handledPerS, 0)}/s handled`,
    );
  }
}
// Receipts: a few buyers pay; the sandbox's callback comes 400 ms after the payment. Orders are
// paced at 10 a second: with the payment and the callback's re-query, 20 of the 40 calls a second
// the default budget gives payments (60% of 66.7), so the figure is the bot's and not budget waits.
const paying = await phase(bot, {
  path: 'browse',
  concurrency: 8,
  updates: 6 * scaled(60),
  confirm: true,
  confirmsPerS: RECEIPT_ORDERS_PER_S,
});
const receiptMs: number[] = [];
let beforeCallback = 0;
for (const receipt of paying.receipts) {
  const callbackAt = relay.arrivals.get(receipt.refid);
  if (callbackAt === undefined || receipt.atMs < callbackAt) beforeCallback += 1;
  else receiptMs.push(receipt.atMs - callbackAt);
}

// The webhook's intake on its own: posts that do not wait for the bot's answers.
const intake = { path: 'start', concurrency: 128, updates: scaled(3_000), pipelined: true } as const;
const intakeRef = await phase(reference, intake);
const intakeBot = await phase(bot, intake);
const botPeakRss = memoryMiB(bot.service.pid).hwm;
const lastBotWork = Date.now();

// Round trips, counted through a proxy by a second bot and reference on a Redis of their own.
const roundTrips = await countRoundTrips(load);

// Memory per idle session, once the flood and rate counters (10 s windows) have expired.
const settleMs = 11_000 - (Date.now() - lastBotWork);
if (settleMs > 0) await new Promise((resolve) => setTimeout(resolve, settleMs));
const memory = async (system: SystemUnderTest, prefix: string): Promise<MemoryFigures> => ({
  system: system.name,
  buyers: buyersOf[system.name],
  usedMemoryDelta: (await system.redis.watch.usedMemory()) - usedBefore[system.name],
  kinds: await system.redis.watch.keyKinds(prefix),
});
const memoryRef = await memory(reference, 'ref:');
const memoryBot = await memory(bot, 'shopbot:');

const logs = { bot: bot.service, reference: reference.service };
await bot.service.stop();
await reference.service.stop();
await load.stop();
await relay.close();
await sandbox.close();
for (const each of started) await each.stop();

// ------------------------------------------------------------------------------------------ report
for (const [ref, timed] of pairs) printPhasePair(ref, timed);
printIntake(intakeRef, intakeBot);
printRoundTrips(roundTrips);
printMemory(memoryRef, memoryBot);
printReceipts(
  summarize(receiptMs),
  paying.receipts.length + paying.receiptsMissing,
  beforeCallback,
  paying.receiptsMissing,
);
console.log(
  `\nBot memory: RSS ${fixed(botStartRss, 0)} MiB at start, VmHWM ${fixed(botPeakRss, 0)} MiB over the run`,
);
for (const [name, service] of Object.entries(logs)) {
  const kinds = [...service.lines()].sort((a, b) => b[1] - a[1]).slice(0, 6);
  if (kinds.length === 0) continue;
  console.log(`${name} log lines over the run (LOG_LEVEL=warn):`);
  for (const [kind, n] of kinds)
    console.log(`  ${String(n).padStart(6)} × ${service.sample(kind)?.slice(0, 400)}`);
}
if (profileDir) {
  const { owners, natives } = summarizeProfiles(profileDir);
  console.log(
    '\nWhere the bot’s CPU went (node --cpu-prof over the whole run, idle left out; each sample counts for the nearest package or bot folder on its stack; the profiler slows the bot):',
  );
  for (const entry of owners.slice(0, 20))
    console.log(`  ${(entry.share * 100).toFixed(1).padStart(5)}%  ${entry.name}`);
  console.log(
    `  busiest native functions: ${natives
      .slice(0, 8)
      .map((entry) => `${entry.name} ${(entry.share * 100).toFixed(1)}%`)
      .join(', ')}`,
  );
  if (keepProfiles) console.log(`  profiles kept in ${profileDir}`);
  else rmSync(profileDir, { recursive: true, force: true });
}
printVerdicts();
console.log(
  '\nUpdates/s "handled" counts an update when its screen reached the fake Bot API (the bot\'s webhook only queues);',
);
console.log('the reference answers its webhook after its sendMessage, so for it both are the same moment.');

/**
 * The counting pass: a second bot and reference whose Redis connection goes through a proxy that
 * counts the commands they send (round trips), on a fresh Redis. Untimed, shorter, concurrency 32.
 */
async function countRoundTrips(load: Load): Promise<RoundTrips[]> {
  const redis: Redises = await startRedis();
  const proxyBot = await startCountingProxy(redis.url);
  const proxyRef = await startCountingProxy(redis.url);
  const via = (url: string): Redises => ({ ...redis, url, stop: async () => {} });
  const countingBot = await startBuiltBot({ redis: via(proxyBot.url), load, sandbox, prefix: 'count:' });
  const countingRef = await startReference({ redis: via(proxyRef.url), load });
  const passes: RoundTrips[] = [];
  const count = async (label: string, specs: PhaseSpec[]) => {
    const entry: RoundTrips = {
      label,
      updates: 0,
      reference: { commands: 0, byName: {} },
      bot: { commands: 0, byName: {} },
    };
    for (const spec of specs) {
      for (const [system, proxy, into] of [
        [countingRef, proxyRef, entry.reference],
        [countingBot, proxyBot, entry.bot],
      ] as const) {
        proxy.take();
        const figures = await runPhase(system, spec, { load, sandbox });
        const taken = proxy.take();
        into.commands += taken.commands;
        for (const [name, n] of Object.entries(taken.byName))
          into.byName[name] = (into.byName[name] ?? 0) + n;
        if (system === countingBot) entry.updates += figures.sent;
      }
    }
    passes.push(entry);
  };
  // Not counted: the first reads of the catalog and the connections' set-up.
  for (const system of [countingRef, countingBot])
    await runPhase(system, { path: 'browse', concurrency: 8, updates: 50 }, { load, sandbox });
  const menus = { path: 'menus', concurrency: 32, updates: scaled(900) } as const;
  const browse = { path: 'browse', concurrency: 32, updates: scaled(500) } as const;
  await count('menus', [menus]);
  await count('browse', [browse]);
  const [m, b] = passes;
  if (m && b)
    passes.push({
      label: 'mixed',
      updates: m.updates + b.updates,
      reference: merge(m.reference, b.reference),
      bot: merge(m.bot, b.bot),
    });
  await countingBot.service.stop();
  await countingRef.service.stop();
  await proxyBot.close();
  await proxyRef.close();
  await redis.stop();
  return passes;
}

function merge(a: RoundTrips['bot'], b: RoundTrips['bot']): RoundTrips['bot'] {
  const byName = { ...a.byName };
  for (const [name, n] of Object.entries(b.byName)) byName[name] = (byName[name] ?? 0) + n;
  return { commands: a.commands + b.commands, byName };
}
