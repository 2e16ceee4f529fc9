import type { Clock } from '../../platform/clock.js';
import type { IdSource } from '../../platform/ids.js';
import type { Logger } from '../../platform/logger.js';
import type { OrderEngine } from './order-engine.js';
import type { OrderStore } from './ports.js';

/**
 * Re-queries pending orders until they are final, and finishes notifications a crash interrupted.
 * Any number of processes can run one on the same store: work is claimed atomically with a lease,
 * so an order is never worked on by two of them at once, and a crashed process's claims come back
 * when their lease expires. Concurrency is bounded, and every provider call goes through the
 * client's rate limiter, so a large backlog drains at the rate the provider allows.
 */
export interface RequeryScheduler {
  start(): void;
  /** Stops claiming work and waits for what is in flight. */
  stop(): Promise<void>;
  /** Looks for due work now instead of at the next poll. */
  wake(): void;
  /** Orders being worked on right now. */
  active(): number;
}

export interface RequerySchedulerOptions {
  store: OrderStore;
  engine: OrderEngine;
  clock: Clock;
  ids: IdSource;
  logger: Logger;
  /** Orders worked on at once by this process. */
  concurrency?: number;
  /** How often to look for due work when idle. */
  pollIntervalMs?: number;
}

export function createRequeryScheduler(options: RequerySchedulerOptions): RequeryScheduler {
  const { store, engine, clock } = options;
  const log = options.logger.child({ component: 'requery-scheduler' });
  const concurrency = options.concurrency ?? 8;
  const pollIntervalMs = options.pollIntervalMs ?? 1_000;
  const inFlight = new Set<Promise<void>>();
  let running = false;
  let loop: Promise<void> | undefined;
  let wakeUp: (() => void) | undefined;

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve();
      }
      wakeUp = done;
    });

  const runOne = (refid: string, token: string) => {
    const task = engine
      .settleLeased(refid, token)
      .catch((error) => log.error('re-query failed', { refid, err: error }))
      .finally(async () => {
        await store.releaseLease(refid, token).catch(() => {});
        inFlight.delete(task);
        wakeUp?.();
      });
    inFlight.add(task);
  };

  const run = async () => {
    while (running) {
      const free = concurrency - inFlight.size;
      let claimed: string[] = [];
      if (free > 0) {
        const token = options.ids.nonce();
        try {
          claimed = await store.claimDue(clock.nowMs(), free, engine.leaseMs, token);
        } catch (error) {
          log.error('could not claim due orders', { err: error });
        }
        for (const refid of claimed) runOne(refid, token);
      }
      // Full or idle: wait for a slot, a wake-up, or the next poll.
      if (claimed.length === 0 || inFlight.size >= concurrency) await pause(pollIntervalMs);
    }
  };

  return {
    start() {
      if (running) return;
      running = true;
      loop = run();
    },
    async stop() {
      running = false;
      wakeUp?.();
      await loop;
      await Promise.all([...inFlight]);
    },
    wake() {
      wakeUp?.();
    },
    active: () => inFlight.size,
  };
}
