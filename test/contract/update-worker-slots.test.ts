import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createUpdateWorker } from '../../src/bot/telegram/update-intake.js';
import { systemClock } from '../../src/platform/clock.js';
import { randomIds } from '../../src/platform/ids.js';
import { silentLogger } from '../../src/platform/logger.js';
import { createKeys } from '../../src/store/keys.js';
import { createMemoryCounterStore, createMemorySessionStore } from '../../src/store/memory/kv-stores.js';
import { createMemoryUpdateQueue } from '../../src/store/memory/update-queue.js';
import type { UpdateQueue } from '../../src/store/ports.js';
import { createRedisUpdateQueue } from '../../src/store/redis/update-queue.js';

/*
 * The update worker takes arriving updates' chats in the enqueue itself when it has a free slot. A
 * burst of arrivals (Telegram holds up to 100 webhook connections) must still never run more chats
 * at once than the worker's concurrency, and every update must be handled, in both queue kinds.
 */

const redis = new Redis(inject('redisUrl'));
afterAll(() => redis.quit());

const queues: Array<[string, () => UpdateQueue]> = [
  ['redis', () => createRedisUpdateQueue(redis, createKeys(`test:${randomUUID()}:`))],
  [
    'memory',
    () =>
      createMemoryUpdateQueue(systemClock, {
        sessions: createMemorySessionStore(systemClock),
        counters: createMemoryCounterStore(systemClock),
      }),
  ],
];

describe.each(queues)('the update worker over the %s queue', (_name, makeQueue) => {
  it('runs at most its concurrency of chats when many arrive at once, and handles every update', async () => {
    const queue = makeQueue();
    let running = 0;
    let peak = 0;
    const handled: number[] = [];
    const worker = createUpdateWorker({
      queue,
      concurrency: 2,
      handle: async (update) => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setTimeout(resolve, 20));
        handled.push(update.update_id);
        running -= 1;
      },
      handleDeferred: async () => {},
      onGiveUp: async () => {},
      sessionTtlMs: 60_000,
      clock: systemClock,
      ids: randomIds,
      logger: silentLogger,
      pollIntervalMs: 20,
    });
    worker.start();
    const ids = Array.from({ length: 10 }, (_, i) => 500 + i);
    const taken = await Promise.all(
      ids.map((id) =>
        worker.accept(
          {
            updateId: id,
            chat: String(id),
            json: JSON.stringify({ update_id: id }),
            flood: { counter: `flood:${id}`, windowMs: 60_000 },
          },
          Date.now(),
        ),
      ),
    );
    expect(taken.every((t) => t === 'queued')).toBe(true);
    const deadline = Date.now() + 10_000;
    while (handled.length < ids.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    await worker.stop();
    expect(handled.sort()).toEqual(ids);
    expect(peak).toBeLessThanOrEqual(2);
    expect(await queue.depth()).toBe(0);
  });
});
