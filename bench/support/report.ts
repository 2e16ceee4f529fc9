import type { Figures } from './measure.js';
import type { KeyKind } from './redis-watch.js';
import type { Summary } from './stats.js';

/**
 * The printed tables of bench:webhook. Every figure is shown for the reference and the bot with
 * their ratio, and a figure that has a performance target carries it and PASS or MISS. The verdicts
 * are also collected, so the run ends with the list of targets in one place.
 */
export interface Verdict {
  target: string;
  figure: string;
  pass: boolean;
}

export const verdicts: Verdict[] = [];

/** A row of one figure for both systems and their ratio. */
const numberRow = (label: string, ref: number, bot: number, digits: number) =>
  console.log(row(label, fixed(ref, digits), fixed(bot, digits), ratio(bot, ref)));

const judge = (target: string, figure: string, pass: boolean): string => {
  verdicts.push({ target, figure, pass });
  return `${target.padEnd(30)} ${pass ? 'PASS' : 'MISS'}`;
};

export const fixed = (n: number | undefined, digits = 1): string =>
  n === undefined || !Number.isFinite(n) ? '-' : n.toFixed(digits);
const pair = (s: Summary) => `${fixed(s.p50)} / ${fixed(s.p99)}`;
const ratio = (bot: number, ref: number, digits = 2) => (ref > 0 ? fixed(bot / ref, digits) : '-');
const by = (counts: Record<string, number>, per: number, skip: string[] = []) =>
  Object.entries(counts)
    .filter(([name]) => !skip.includes(name))
    .sort((a, b) => b[1] - a[1])
    .map(([name, n]) => `${name} ${fixed(n / per, 2)}`)
    .join(', ');

const row = (label: string, ref: string, bot: string, botOverRef = '', target = '') =>
  `  ${label.padEnd(34)}${ref.padStart(17)}${bot.padStart(17)}${botOverRef.padStart(10)}   ${target}`;

const PATH_TITLES: Record<Figures['path'], string> = {
  menus: 'menus only',
  browse: 'browse path (to the confirm screen)',
  start: '/start only',
};

export function printPhasePair(ref: Figures, bot: Figures): void {
  const title = `${PATH_TITLES[bot.path]} · concurrency ${bot.concurrency} · ${bot.sent} updates from ${bot.buyers} buyers`;
  const c = bot.concurrency;
  console.log(`\n${title}`);
  console.log(row('', 'reference', 'bot', 'bot/ref', 'target'));
  const menus = bot.path === 'menus';
  console.log(
    row(
      'updates/s, handled',
      fixed(ref.handledPerS, 0),
      fixed(bot.handledPerS, 0),
      ratio(bot.handledPerS, ref.handledPerS),
      menus
        ? judge(
            `menus c${c}: ≥ 0.5 × reference`,
            ratio(bot.handledPerS, ref.handledPerS),
            bot.handledPerS >= 0.5 * ref.handledPerS,
          )
        : judge(`browse c${c}: ≥ 400 updates/s`, fixed(bot.handledPerS, 0), bot.handledPerS >= 400),
    ),
  );
  /** A latency row; in menus its p99 is held to twice the reference's. */
  const latencyRow = (label: string, name: string, pick: (figures: Figures) => Summary) => {
    const [r, b] = [pick(ref), pick(bot)];
    const verdict = menus
      ? judge(`menus c${c}: ${name} p99 ≤ 2 × ref`, ratio(b.p99, r.p99), b.p99 <= 2 * r.p99)
      : '';
    console.log(row(label, pair(r), pair(b), ratio(b.p99, r.p99), verdict));
  };
  latencyRow('webhook p50 / p99 ms', 'webhook', (figures) => figures.webhookMs);
  latencyRow('handled p50 / p99 ms (post → reply)', 'handled', (figures) => figures.handledMs);
  numberRow('Redis commands / update (INFO)', ref.redisCommandsPerUpdate, bot.redisCommandsPerUpdate, 2);
  numberRow('Bot API calls / update (HTTP)', ref.botApiCallsPerUpdate, bot.botApiCallsPerUpdate, 2);
  numberRow('CPU ms / update', ref.cpuMsPerUpdate, bot.cpuMsPerUpdate, 3);
  numberRow('its redis-server CPU ms / update', ref.redisCpuMsPerUpdate, bot.redisCpuMsPerUpdate, 3);
  console.log(
    row(
      'peak RSS MiB (VmRSS every 100 ms)',
      fixed(ref.peakRssMiB, 0),
      fixed(bot.peakRssMiB, 0),
      ratio(bot.peakRssMiB, ref.peakRssMiB),
      c === 128
        ? judge(
            `${bot.path} c128: bot RSS ≤ 150 MB`,
            // VmRSS is in KiB: 150 MB is 143 MiB.
            `${fixed(bot.peakRssMiB, 0)} MiB = ${fixed(bot.peakRssMiB * 1.048576, 0)} MB`,
            bot.peakRssMiB * 1.048576 <= 150,
          )
        : '',
    ),
  );
  console.log(
    row(
      'provider calls / update (sandbox)',
      fixed(ref.providerCallsPerUpdate, 3),
      fixed(bot.providerCallsPerUpdate, 3),
      '',
      menus
        ? ''
        : judge(
            `browse c${c}: ≤ 0.15 provider calls/update`,
            fixed(bot.providerCallsPerUpdate, 3),
            bot.providerCallsPerUpdate <= 0.15,
          ),
    ),
  );
  console.log(row('queue depth, most seen', '-', fixed(bot.queueDepthMax, 0)));
  console.log(
    row('load generator CPU ms / update', fixed(ref.loadCpuMsPerUpdate, 3), fixed(bot.loadCpuMsPerUpdate, 3)),
  );
  console.log(row('cores busy outside the benchmark', fixed(ref.otherCores, 2), fixed(bot.otherCores, 2)));
  console.log(`  bot Bot API calls / update: ${by(bot.botApiCalls, bot.sent)}`);
  console.log(
    `  bot Redis commands / update (Lua's inner calls included): ${by(bot.redisCommandsByName, bot.sent)}`,
  );
  if (bot.providerCallsPerUpdate > 0)
    console.log(`  bot provider calls / update: ${by(bot.providerCalls, bot.sent, ['all'])}`);
  for (const figures of [ref, bot]) {
    const lines = Object.entries(figures.logLines);
    if (lines.length > 0)
      console.log(
        `  ${figures.system} log lines: ${lines.map(([what, n]) => `${n} × ${what.slice(0, 60)}`).join('; ')}`,
      );
    const problems = Object.entries(figures.problems);
    if (problems.length > 0)
      console.log(
        `  ${figures.system} problems: ${problems.map(([what, n]) => `${n} × ${what}`).join('; ')}`,
      );
  }
}

/** The webhook's intake apart from handling: fresh buyers' /start, posts not waiting for answers. */
export function printIntake(ref: Figures, bot: Figures): void {
  console.log(
    `\nwebhook intake · one /start from each of ${bot.buyers} fresh buyers · ${bot.concurrency} posts in flight, not waiting for answers`,
  );
  console.log(row('', 'reference', 'bot', 'bot/ref'));
  numberRow('updates/s, webhook answered', ref.answeredPerS, bot.answeredPerS, 0);
  numberRow('updates/s, handled', ref.handledPerS, bot.handledPerS, 0);
  console.log(
    row(
      'webhook p50 / p99 ms',
      pair(ref.webhookMs),
      pair(bot.webhookMs),
      ratio(bot.webhookMs.p99, ref.webhookMs.p99),
    ),
  );
  console.log(
    row(
      'handled p50 / p99 ms (post → reply)',
      pair(ref.handledMs),
      pair(bot.handledMs),
      ratio(bot.handledMs.p99, ref.handledMs.p99),
    ),
  );
  numberRow('CPU ms / update', ref.cpuMsPerUpdate, bot.cpuMsPerUpdate, 3);
  console.log(row('peak RSS MiB (VmRSS every 100 ms)', fixed(ref.peakRssMiB, 0), fixed(bot.peakRssMiB, 0)));
  console.log(row('queue depth, most seen', '-', fixed(bot.queueDepthMax, 0)));
  console.log(row('cores busy outside the benchmark', fixed(ref.otherCores, 2), fixed(bot.otherCores, 2)));
}

export interface RoundTrips {
  label: string;
  updates: number;
  reference: { commands: number; byName: Record<string, number> };
  bot: { commands: number; byName: Record<string, number> };
}

export function printRoundTrips(passes: RoundTrips[]): void {
  console.log('\nRedis round trips (a separate, untimed pass through a RESP-counting proxy, concurrency 32)');
  console.log(row('', 'reference', 'bot', 'bot/ref', 'target'));
  for (const pass of passes) {
    const ref = pass.reference.commands / pass.updates;
    const bot = pass.bot.commands / pass.updates;
    const mixed = pass.label === 'mixed';
    console.log(
      row(
        `${pass.label}: round trips / update`,
        fixed(ref, 2),
        fixed(bot, 2),
        ratio(bot, ref),
        mixed ? judge('mixed path: ≤ 3 round trips/update', fixed(bot, 2), bot <= 3) : '',
      ),
    );
    if (mixed) console.log(`  bot, by command: ${by(pass.bot.byName, pass.updates)}`);
  }
}

export interface MemoryFigures {
  system: 'reference' | 'bot';
  buyers: number;
  usedMemoryDelta: number;
  kinds: KeyKind[];
}

export function printMemory(reference: MemoryFigures, bot: MemoryFigures): void {
  console.log('\nRedis memory per idle session (after the load drained and the 10 s counters expired)');
  console.log(row('', 'reference', 'bot', 'bot/ref', 'target'));
  const refPer = reference.usedMemoryDelta / reference.buyers;
  const botPer = bot.usedMemoryDelta / bot.buyers;
  console.log(
    row(
      'used_memory delta / buyer, bytes',
      fixed(refPer, 0),
      fixed(botPer, 0),
      ratio(botPer, refPer),
      judge('≤ 1.5 KB of Redis per idle session', `${fixed(botPer, 0)} B`, botPer <= 1536),
    ),
  );
  console.log(row('distinct buyers', String(reference.buyers), String(bot.buyers)));
  for (const figures of [reference, bot]) {
    console.log(`  ${figures.system} keys by kind, MEMORY USAGE per buyer (keys, one sample):`);
    for (const kind of figures.kinds.slice(0, 8))
      console.log(
        `    ${kind.kind.padEnd(10)} ${fixed(kind.bytes / figures.buyers, 0).padStart(6)} B   (${kind.keys} keys; ${kind.sample ? `${kind.sample.key} = ${kind.sample.bytes} B` : ''})`,
      );
  }
}

export function printReceipts(
  latencies: Summary,
  orders: number,
  beforeCallback: number,
  missing: number,
): void {
  console.log(`\nReceipts after the provider's callback (${orders} confirmed orders, concurrency 8)`);
  console.log(
    `  callback → receipt edit at the Bot API: p50 ${fixed(latencies.p50)} ms, p95 ${fixed(latencies.p95)} ms, max ${fixed(latencies.max)} ms   ${judge('receipts after a callback p95 < 50 ms', `${fixed(latencies.p95)} ms`, latencies.p95 < 50)}`,
  );
  if (beforeCallback > 0 || missing > 0)
    console.log(
      `  ${beforeCallback} receipts came before their callback (a re-query found it); ${missing} never came`,
    );
}

export function printVerdicts(): void {
  console.log('\nTargets');
  for (const v of verdicts) console.log(`  ${v.pass ? 'PASS' : 'MISS'}  ${v.target.padEnd(42)} ${v.figure}`);
}
