import { type ClaimLoop, createClaimLoop } from '../../platform/claim-loop.js';
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
export type RequeryScheduler = ClaimLoop;

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
  return createClaimLoop<{ refid: string; token: string }>({
    concurrency,
    pollIntervalMs,
    async claim(room) {
      const token = options.ids.nonce();
      const refids = await store.claimDue(clock.nowMs(), room, engine.leaseMs, token);
      return refids.map((refid) => ({ refid, token }));
    },
    work: ({ refid, token }) =>
      engine
        .settleLeased(refid, token)
        .catch((error) => log.error('re-query failed', { refid, err: error }))
        .finally(() => store.releaseLease(refid, token).catch(() => {})),
    onClaimError: (error) => log.error('could not claim due orders', { err: error }),
  });
}
