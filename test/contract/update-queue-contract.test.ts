import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { systemClock } from '../../src/platform/clock.js';
import { createKeys } from '../../src/store/keys.js';
import { createMemoryUpdateQueue } from '../../src/store/memory/update-queue.js';
import type { UpdateQueue } from '../../src/store/ports.js';
import { createRedisUpdateQueue } from '../../src/store/redis/update-queue.js';

/** The update queue's contract, run against the Redis and the in-memory implementation alike. */

const redis = new Redis(inject('redisUrl'));
afterAll(() => redis.quit());

const implementations: Array<[string, () => UpdateQueue]> = [
  ['redis', () => createRedisUpdateQueue(redis, createKeys(`test:${randomUUID()}:`))],
  ['memory', () => createMemoryUpdateQueue(systemClock)],
];

const json = (id: number) => JSON.stringify({ update_id: id });

describe.each(implementations)('%s update queue', (_name, make) => {
  let queue: UpdateQueue;
  const now = Date.now();
  beforeEach(() => {
    queue = make();
  });

  it('takes an update id once, however often Telegram delivers it', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, () => queue.enqueue({ updateId: 1, chat: '7', json: json(1) }, now)),
    );
    expect(results.filter((r) => r === 'queued')).toHaveLength(1);
    expect(await queue.depth()).toBe(1);
  });

  it('hands one chat to one worker, and its updates out in order until they are acknowledged', async () => {
    for (const id of [1, 2, 3]) await queue.enqueue({ updateId: id, chat: '7', json: json(id) }, now);
    expect(await queue.claim(now, 10, 1_000, 'a')).toEqual(['7']);
    expect(await queue.claim(now, 10, 1_000, 'b')).toEqual([]);
    const handled: number[] = [];
    for (;;) {
      const update = await queue.next('7', 'a');
      if (!update) break;
      handled.push(update.updateId);
      expect(JSON.parse(update.json)).toEqual({ update_id: update.updateId });
      const after = await queue.ack('7', update.updateId, 'a', now, 1_000);
      expect(after).toBe(handled.length < 3 ? 'more' : 'done');
    }
    expect(handled).toEqual([1, 2, 3]);
    expect(await queue.depth()).toBe(0);
    expect(await queue.claim(now + 10_000, 10, 1_000, 'b')).toEqual([]);
  });

  it('gives an unacknowledged update to the next worker once the lease runs out, counting the tries', async () => {
    await queue.enqueue({ updateId: 5, chat: '8', json: json(5) }, now);
    await queue.claim(now, 10, 1_000, 'crashed');
    expect((await queue.next('8', 'crashed'))?.attempt).toBe(1);
    // The worker died without acknowledging: nobody else gets the chat before its lease ends.
    expect(await queue.claim(now + 500, 10, 1_000, 'b')).toEqual([]);
    expect(await queue.claim(now + 1_001, 10, 1_000, 'b')).toEqual(['8']);
    const again = await queue.next('8', 'b');
    expect(again).toMatchObject({ updateId: 5, attempt: 2 });
    expect(await queue.ack('8', 5, 'crashed', now + 1_100, 1_000)).toBe('lost');
    expect(await queue.ack('8', 5, 'b', now + 1_100, 1_000)).toBe('done');
  });

  it('does not count a try that could not run, when the worker says so', async () => {
    await queue.enqueue({ updateId: 31, chat: 'f', json: json(31) }, now);
    for (let i = 0; i < 7; i++) {
      await queue.claim(now + i * 10, 10, 1, 'w');
      expect((await queue.next('f', 'w'))?.attempt).toBe(1);
      await queue.release('f', 'w', now + i * 10, 31);
    }
    await queue.claim(now + 100, 10, 1, 'w');
    expect((await queue.next('f', 'w'))?.attempt).toBe(1);
    await queue.release('f', 'w', now + 100);
    await queue.claim(now + 200, 10, 1, 'w');
    expect((await queue.next('f', 'w'))?.attempt).toBe(2);
  });

  it('lets a holder renew its lease, and refuses a renewal after the lease passed to another', async () => {
    await queue.enqueue({ updateId: 9, chat: '9', json: json(9) }, now);
    await queue.claim(now, 10, 1_000, 'a');
    expect(await queue.renew('9', 'a', now + 900, 1_000)).toBe(true);
    expect(await queue.claim(now + 1_500, 10, 1_000, 'b')).toEqual([]);
    expect(await queue.claim(now + 2_000, 10, 1_000, 'b')).toEqual(['9']);
    expect(await queue.renew('9', 'a', now + 2_001, 1_000)).toBe(false);
    expect(await queue.next('9', 'a')).toBeUndefined();
  });

  it('keeps chats apart, and a released chat comes back when asked', async () => {
    await queue.enqueue({ updateId: 11, chat: 'x', json: json(11) }, now);
    await queue.enqueue({ updateId: 12, chat: 'y', json: json(12) }, now);
    expect((await queue.claim(now, 10, 1_000, 'a')).sort()).toEqual(['x', 'y']);
    await queue.release('x', 'a', now + 300);
    expect(await queue.claim(now + 200, 10, 1_000, 'b')).toEqual([]);
    expect(await queue.claim(now + 300, 10, 1_000, 'b')).toEqual(['x']);
    expect((await queue.next('x', 'b'))?.updateId).toBe(11);
    expect(await queue.depth()).toBe(2);
  });

  it('queues what arrives while a chat is being worked, and hands it out after', async () => {
    await queue.enqueue({ updateId: 21, chat: 'z', json: json(21) }, now);
    await queue.claim(now, 10, 1_000, 'a');
    await queue.next('z', 'a');
    await queue.enqueue({ updateId: 22, chat: 'z', json: json(22) }, now);
    expect(await queue.ack('z', 21, 'a', now, 1_000)).toBe('more');
    expect((await queue.next('z', 'a'))?.updateId).toBe(22);
  });
});
