import type { IimmpactSandbox } from '../../sandbox/iimmpact/index.js';
import type { Load, SystemUnderTest } from './bench-world.js';
import type { PathName } from './buyer-paths.js';
import { WEBHOOK_ANSWERED } from './lean-bot-api.js';
import { cpuMs, machineCpuMs, sampleRss } from './proc-stats.js';
import { commandDelta } from './redis-watch.js';
import type { Summary } from './stats.js';

/**
 * One timed phase against one system: the load generator sends the order while this process reads
 * the system's CPU and memory from /proc, its Redis server's counters from INFO, and the sandbox's
 * request counters. Everything is taken from before the first post until the system is quiet again
 * (the bot's queue empty), so work the bot does after answering the webhook is counted too.
 */
export interface PhaseSpec {
  path: PathName;
  concurrency: number;
  updates: number;
  confirm?: boolean;
  /** Confirm taps per second at most (see PhaseOrder.confirmsPerS). */
  confirmsPerS?: number;
  /** Posts do not wait for answers (see PhaseOrder.pipelined). */
  pipelined?: boolean;
}

export interface Figures extends PhaseSpec {
  system: SystemUnderTest['name'];
  sent: number;
  completed: number;
  buyers: number;
  problems: Record<string, number>;
  /** Updates fully handled (their screen reached the Bot API) per second of the phase. */
  handledPerS: number;
  /** Webhook posts answered per second, until the last answer. */
  answeredPerS: number;
  webhookMs: Summary;
  handledMs: Summary;
  redisCommandsPerUpdate: number;
  redisCommandsByName: Record<string, number>;
  botApiCallsPerUpdate: number;
  botApiCalls: Record<string, number>;
  /** The system's redis-server: its CPU per update, Lua scripts included. */
  redisCpuMsPerUpdate: number;
  cpuMsPerUpdate: number;
  peakRssMiB: number;
  providerCallsPerUpdate: number;
  providerCalls: Record<string, number>;
  /** Most updates seen waiting in the bot's queue (sampled every 100 ms). */
  queueDepthMax: number | undefined;
  loadCpuMsPerUpdate: number;
  /** Cores busy with programs outside the benchmark during the phase (other users of the machine). */
  otherCores: number;
  /** The system's log lines during the phase (warnings and errors), by message. */
  logLines: Record<string, number>;
  /** Confirmed orders: when each receipt reached the Bot API, by refid. */
  receipts: Array<{ refid: string; atMs: number }>;
  receiptsMissing: number;
}

/** The sandbox routes whose calls are broken out in the report. */
const PROVIDER_ROUTES = [
  '/v2/product-list',
  '/v2/catalog',
  '/v2/networkstatus',
  '/v2/subproducts',
  '/v2/bill-presentment',
  '/v2/topup',
  '/v2/transactions/check',
  '/v2/balance',
];

function providerCounts(sandbox: IimmpactSandbox): Record<string, number> {
  const counts: Record<string, number> = { all: sandbox.requestCount() };
  for (const route of PROVIDER_ROUTES) counts[route] = sandbox.requestCount(route);
  return counts;
}

let nextBuyer = 6_000_000_000;

export async function runPhase(
  system: SystemUnderTest,
  spec: PhaseSpec,
  deps: { load: Load; sandbox: IimmpactSandbox },
): Promise<Figures> {
  const { watch } = system.redis;
  const pid = system.service.pid;
  const providerBefore = providerCounts(deps.sandbox);
  const linesBefore = new Map(system.service.lines());
  const commandsBefore = await watch.commands();
  const cpuBefore = cpuMs(pid);
  const redisCpuBefore = cpuMs(system.redis.pid);
  const machineBefore = machineCpuMs();
  const wallBefore = Date.now();
  const rss = sampleRss(pid);
  let depthMax = 0;
  const depthTimer = system.depthKey
    ? setInterval(() => {
        void watch.integer(system.depthKey ?? '').then((depth) => {
          depthMax = Math.max(depthMax, depth);
        });
      }, 100)
    : undefined;

  const firstBuyerId = nextBuyer;
  nextBuyer += spec.updates + 1;
  const result = await deps.load.run({
    url: system.webhookUrl,
    secret: system.secret,
    path: spec.path,
    concurrency: spec.concurrency,
    updates: spec.updates,
    firstBuyerId,
    confirm: spec.confirm ?? false,
    ...(spec.confirmsPerS ? { confirmsPerS: spec.confirmsPerS } : {}),
    anyButton: system.name === 'reference',
    pipelined: spec.pipelined ?? false,
  });
  clearInterval(depthTimer);
  await quiet(system);

  const cpu = cpuMs(pid) - cpuBefore;
  // Includes this benchmark's own few INFO and GET calls per phase: a rounding error per update.
  const redisCpu = cpuMs(system.redis.pid) - redisCpuBefore;
  const machineAfter = machineCpuMs();
  const otherMs = machineAfter.busy - machineBefore.busy - (machineAfter.ours - machineBefore.ours);
  const commands = commandDelta(commandsBefore, await watch.commands());
  const providerAfter = providerCounts(deps.sandbox);
  const providerCalls: Record<string, number> = {};
  for (const [route, count] of Object.entries(providerAfter)) {
    const delta = count - (providerBefore[route] ?? 0);
    if (delta > 0) providerCalls[route] = delta;
  }
  const logLines: Record<string, number> = {};
  for (const [kind, count] of system.service.lines()) {
    const delta = count - (linesBefore.get(kind) ?? 0);
    if (delta > 0) logLines[kind] = delta;
  }
  const perUpdate = (n: number) => n / Math.max(1, result.sent);
  // HTTP calls the system made; those Telegram made from a webhook's answer are listed, not counted.
  const apiCalls = Object.entries(result.botApiCalls)
    .filter(([method]) => !method.startsWith(WEBHOOK_ANSWERED))
    .reduce((sum, [, count]) => sum + count, 0);
  return {
    ...spec,
    system: system.name,
    sent: result.sent,
    completed: result.completed,
    buyers: result.buyers,
    problems: result.problems,
    handledPerS: result.completed / ((result.doneAtMs - result.startedAtMs) / 1000),
    answeredPerS: result.sent / ((result.postsDoneAtMs - result.startedAtMs) / 1000),
    webhookMs: result.webhookMs,
    handledMs: result.handledMs,
    redisCommandsPerUpdate: perUpdate(commands.total),
    redisCommandsByName: commands.byName,
    botApiCallsPerUpdate: perUpdate(apiCalls),
    botApiCalls: result.botApiCalls,
    cpuMsPerUpdate: perUpdate(cpu),
    redisCpuMsPerUpdate: perUpdate(redisCpu),
    peakRssMiB: rss.stop(),
    providerCallsPerUpdate: perUpdate(providerCalls.all ?? 0),
    providerCalls,
    queueDepthMax: system.depthKey ? depthMax : undefined,
    loadCpuMsPerUpdate: perUpdate(result.loadCpuMs),
    otherCores: Math.max(0, otherMs / Math.max(1, Date.now() - wallBefore)),
    logLines,
    receipts: result.receipts,
    receiptsMissing: result.receiptsMissing,
  };
}

/** Waits until the bot's queue is empty twice in a row 100 ms apart (the reference has no queue). */
async function quiet(system: SystemUnderTest): Promise<void> {
  if (!system.depthKey) return;
  const deadline = Date.now() + 30_000;
  let emptyReads = 0;
  while (emptyReads < 2 && Date.now() < deadline) {
    emptyReads = (await system.redis.watch.integer(system.depthKey)) === 0 ? emptyReads + 1 : 0;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
