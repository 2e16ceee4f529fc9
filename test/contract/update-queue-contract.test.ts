import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { systemClock } from '../../src/platform/clock.js';
import { createKeys } from '../../src/store/keys.js';
import { createMemoryCounterStore, createMemorySessionStore } from '../../src/store/memory/kv-stores.js';
import { createMemoryUpdateQueue } from '../../src/store/memory/update-queue.js';
import {
  chatSessionKey,
  LASTING_CHOICES_SUFFIX,
  type SessionStore,
  type UpdateQueue,
} from '../../src/store/ports.js';
import { createRedisSessionStore } from '../../src/store/redis/kv-stores.js';
import { createRedisUpdateQueue } from '../../src/store/redis/update-queue.js';

/** The update queue's contract, run against the Redis and the in-memory implementation alike. */

const redis = new Redis(inject('redisUrl'));
afterAll(() => redis.quit());

interface World {
  queue: UpdateQueue;
  /** The session store the queue reads and writes chat sessions in. */
  sessions: SessionStore<unknown>;
}

const implementations: Array<[string, (dedupeTtlMs?: number) => World]> = [
  [
    'redis',
    (dedupeTtlMs) => {
      const keys = createKeys(`test:${randomUUID()}:`);
      return {
        queue: createRedisUpdateQueue(redis, keys, dedupeTtlMs ? { dedupeTtlMs } : {}),
        sessions: createRedisSessionStore(redis, keys),
      };
    },
  ],
  [
    'memory',
    (dedupeTtlMs) => {
      const sessions = createMemorySessionStore(systemClock);
      const counters = createMemoryCounterStore(systemClock);
      return {
        queue: createMemoryUpdateQueue(systemClock, {
          sessions,
          counters,
          ...(dedupeTtlMs ? { dedupeTtlMs } : {}),
        }),
        sessions,
      };
    },
  ],
];

const json = (id: number) => JSON.stringify({ update_id: id });
const flood = (user: number) => ({ counter: `flood:${user}`, windowMs: 60_000 });

describe.each(implementations)('%s update queue', (_name, make) => {
  let queue: UpdateQueue;
  let sessions: SessionStore<unknown>;
  const now = Date.now();
  beforeEach(() => {
    ({ queue, sessions } = make());
  });
  const claimedChats = async (at: number, token: string) =>
    (await queue.claim(at, 10, 1_000, token)).map((c) => c.chat).sort();

  it('takes an update id once, however often Telegram delivers it', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, () => queue.enqueue({ updateId: 1, chat: '7', json: json(1) }, now)),
    );
    expect(results.filter((r) => r === 'queued')).toHaveLength(1);
    expect(await queue.depth()).toBe(1);
  });

  it('forgets an update id once its dedupe time is up, and still knows the ones queued since', async () => {
    const short = make(1_000).queue;
    expect(await short.enqueue({ updateId: 71, chat: 'd', json: json(71) }, now)).toBe('queued');
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(await short.enqueue({ updateId: 72, chat: 'd', json: json(72) }, now)).toBe('queued');
    expect(await short.enqueue({ updateId: 71, chat: 'd', json: json(71) }, now)).toBe('queued');
    expect(await short.enqueue({ updateId: 72, chat: 'd', json: json(72) }, now)).toBe('duplicate');
  });

  it('tells apart update ids that share a dedupe bitmap, and ids far apart', async () => {
    for (const id of [8191, 8192, 8193, 900_000_001]) {
      expect(await queue.enqueue({ updateId: id, chat: '7', json: json(id) }, now)).toBe('queued');
      expect(await queue.enqueue({ updateId: id, chat: '7', json: json(id) }, now)).toBe('duplicate');
    }
    expect(await queue.depth()).toBe(4);
  });

  it('hands one chat to one worker, and its updates out in order until they are acknowledged', async () => {
    for (const id of [1, 2, 3]) await queue.enqueue({ updateId: id, chat: '7', json: json(id) }, now);
    const [claimed] = await queue.claim(now, 10, 1_000, 'a');
    expect(claimed?.chat).toBe('7');
    expect(await queue.claim(now, 10, 1_000, 'b')).toEqual([]);
    const handled: number[] = [];
    for (let entry = claimed?.entry; entry; ) {
      handled.push(Number(entry.id));
      expect(JSON.parse(entry.json)).toEqual({ update_id: Number(entry.id) });
      const after = await queue.ack('7', entry.id, 'a', now, 1_000);
      expect(after.status).toBe(handled.length < 3 ? 'more' : 'done');
      entry = after.status === 'more' ? after.next : undefined;
    }
    expect(handled).toEqual([1, 2, 3]);
    expect(await queue.depth()).toBe(0);
    expect(await queue.claim(now + 10_000, 10, 1_000, 'b')).toEqual([]);
  });

  it('claims an idle chat in the enqueue itself, with its session, for one worker only', async () => {
    await sessions.set(chatSessionKey('e'), { step: 'menu' }, 60_000);
    const lease = { token: 'a', leaseMs: 1_000 };
    const update = { updateId: 81, chat: 'e', json: json(81), flood: flood(8) };
    const taken = await queue.enqueueAndClaim(update, now, lease);
    expect(taken.taken).toBe('queued');
    expect(taken.entry).toMatchObject({ id: '81', attempt: 1, floodHits: 1, json: json(81) });
    expect(JSON.parse(taken.entry?.session ?? 'null')).toEqual({ step: 'menu' });
    // Leased to "a": nobody else claims it, and "a" acknowledges it as if it had claimed it.
    expect(await queue.claim(now, 10, 1_000, 'b')).toEqual([]);
    expect(
      await queue.enqueueAndClaim({ updateId: 82, chat: 'e', json: json(82) }, now, {
        token: 'b',
        leaseMs: 1_000,
      }),
    ).toEqual({ taken: 'queued' });
    expect(await queue.ack('e', '81', 'a', now, 1_000)).toMatchObject({ status: 'more', next: { id: '82' } });
    expect((await queue.ack('e', '82', 'a', now, 1_000)).status).toBe('done');
    // A re-delivery is a duplicate and claims nothing.
    expect(await queue.enqueueAndClaim(update, now, lease)).toEqual({ taken: 'duplicate' });
    expect(await queue.depth()).toBe(0);
  });

  it('does not claim in the enqueue ahead of a chat already waiting for a worker', async () => {
    await queue.enqueue({ updateId: 91, chat: 'w1', json: json(91) }, now);
    const lease = { token: 'a', leaseMs: 1_000 };
    expect(await queue.enqueueAndClaim({ updateId: 92, chat: 'w2', json: json(92) }, now + 1, lease)).toEqual(
      {
        taken: 'queued',
      },
    );
    // The waiting chat goes first, then the new one, in the order they came.
    expect((await queue.claim(now + 2, 1, 1_000, 'b')).map((c) => c.chat)).toEqual(['w1']);
    expect((await queue.claim(now + 2, 1, 1_000, 'b')).map((c) => c.chat)).toEqual(['w2']);
  });

  it('claims in the enqueue only a chat that is due: not one waiting out a retry', async () => {
    await queue.enqueue({ updateId: 85, chat: 'r', json: json(85) }, now);
    await queue.claim(now, 10, 1_000, 'a');
    await queue.release('r', 'a', now + 500);
    expect(
      await queue.enqueueAndClaim({ updateId: 86, chat: 'r', json: json(86) }, now + 100, {
        token: 'b',
        leaseMs: 1_000,
      }),
    ).toEqual({ taken: 'queued' });
    // Once due, the oldest entry comes first, claimed by the enqueue of a newer one.
    const late = await queue.enqueueAndClaim({ updateId: 87, chat: 'r', json: json(87) }, now + 600, {
      token: 'b',
      leaseMs: 1_000,
    });
    expect(late.entry).toMatchObject({ id: '85', attempt: 2, json: json(85) });
  });

  it('removes nothing when an acknowledgement names an entry that is not the oldest', async () => {
    await queue.enqueue({ updateId: 61, chat: 'h', json: json(61) }, now);
    await queue.enqueue({ updateId: 62, chat: 'h', json: json(62) }, now);
    const [claimed] = await queue.claim(now, 10, 1_000, 'a');
    expect(claimed?.entry?.id).toBe('61');
    const after = await queue.ack('h', '62', 'a', now, 1_000);
    expect(after).toMatchObject({ status: 'more', next: { id: '61', json: json(61) } });
    expect(await queue.depth()).toBe(2);
  });

  it('gives an unacknowledged update to the next worker once the lease runs out, counting the tries', async () => {
    await queue.enqueue({ updateId: 5, chat: '8', json: json(5) }, now);
    const [first] = await queue.claim(now, 10, 1_000, 'crashed');
    expect(first?.entry?.attempt).toBe(1);
    // The worker died without acknowledging: nobody else gets the chat before its lease ends.
    expect(await queue.claim(now + 500, 10, 1_000, 'b')).toEqual([]);
    const [again] = await queue.claim(now + 1_001, 10, 1_000, 'b');
    expect(again).toMatchObject({ chat: '8', entry: { id: '5', attempt: 2 } });
    expect((await queue.ack('8', '5', 'crashed', now + 1_100, 1_000)).status).toBe('lost');
    expect((await queue.ack('8', '5', 'b', now + 1_100, 1_000)).status).toBe('done');
  });

  it('does not count a try that could not run, when the worker says so', async () => {
    await queue.enqueue({ updateId: 31, chat: 'f', json: json(31) }, now);
    for (let i = 0; i < 7; i++) {
      const [claimed] = await queue.claim(now + i * 10, 10, 1, 'w');
      expect(claimed?.entry?.attempt).toBe(1);
      await queue.release('f', 'w', now + i * 10, '31');
    }
    await queue.claim(now + 100, 10, 1, 'w');
    await queue.release('f', 'w', now + 100);
    const [counted] = await queue.claim(now + 200, 10, 1, 'w');
    expect(counted?.entry?.attempt).toBe(2);
  });

  it('lets a holder renew its lease, and refuses a renewal after the lease passed to another', async () => {
    await queue.enqueue({ updateId: 9, chat: '9', json: json(9) }, now);
    await queue.claim(now, 10, 1_000, 'a');
    expect(await queue.renew('9', 'a', now + 900, 1_000)).toBe(true);
    expect(await queue.claim(now + 1_500, 10, 1_000, 'b')).toEqual([]);
    expect(await claimedChats(now + 2_000, 'b')).toEqual(['9']);
    expect(await queue.renew('9', 'a', now + 2_001, 1_000)).toBe(false);
  });

  it('keeps chats apart, and a released chat comes back when asked', async () => {
    await queue.enqueue({ updateId: 11, chat: 'x', json: json(11) }, now);
    await queue.enqueue({ updateId: 12, chat: 'y', json: json(12) }, now);
    expect(await claimedChats(now, 'a')).toEqual(['x', 'y']);
    await queue.release('x', 'a', now + 300);
    expect(await queue.claim(now + 200, 10, 1_000, 'b')).toEqual([]);
    const [back] = await queue.claim(now + 300, 10, 1_000, 'b');
    expect(back).toMatchObject({ chat: 'x', entry: { id: '11' } });
    expect(await queue.depth()).toBe(2);
  });

  it('queues what arrives while a chat is being worked, and hands it out with the acknowledgement', async () => {
    await queue.enqueue({ updateId: 21, chat: 'z', json: json(21) }, now);
    await queue.claim(now, 10, 1_000, 'a');
    await queue.enqueue({ updateId: 22, chat: 'z', json: json(22) }, now);
    const after = await queue.ack('z', '21', 'a', now, 1_000);
    expect(after).toMatchObject({ status: 'more', next: { id: '22', attempt: 1 } });
  });

  it("hands out the chat's session with its update, and writes the new one with the acknowledgement", async () => {
    await sessions.set(chatSessionKey('s'), { step: 'menu' }, 60_000);
    await queue.enqueue({ updateId: 41, chat: 's', json: json(41) }, now);
    await queue.enqueue({ updateId: 42, chat: 's', json: json(42) }, now);
    const [claimed] = await queue.claim(now, 10, 1_000, 'a');
    expect(JSON.parse(claimed?.entry?.session ?? 'null')).toEqual({ step: 'menu' });
    const value = JSON.stringify({ step: 'product' });
    const after = await queue.ack('s', '41', 'a', now, 1_000, { value, ttlMs: 60_000 });
    // The next update sees what the previous one kept.
    expect(after.status === 'more' && after.next.session).toBe(value);
    expect(await sessions.get(chatSessionKey('s'))).toEqual({ step: 'product' });
  });

  it("hands out a chat's lasting choices in place of a session it no longer has, and the session over them", async () => {
    const lasting = `${chatSessionKey('p')}${LASTING_CHOICES_SUFFIX}`;
    await sessions.set(lasting, { lasting: 1, locale: 'ms' }, 60_000);
    const first = await queue.enqueueAndClaim({ updateId: 91, chat: 'p', json: json(91) }, now, {
      token: 'a',
      leaseMs: 1_000,
    });
    expect(JSON.parse(first.entry?.session ?? 'null')).toEqual({ lasting: 1, locale: 'ms' });
    await queue.enqueue({ updateId: 92, chat: 'p', json: json(92) }, now);
    // Acknowledged keeping no conversation (the worker then only restarts a session's TTL): no
    // session appears, and the next entry still comes with the lasting choices.
    const next = await queue.ack('p', '91', 'a', now, 1_000, { touchTtlMs: 60_000 });
    expect(await sessions.get(chatSessionKey('p'))).toBeUndefined();
    expect(next.status === 'more' && JSON.parse(next.next.session ?? 'null')).toEqual({
      lasting: 1,
      locale: 'ms',
    });
    await queue.ack('p', '92', 'a', now, 1_000, { value: '{"step":"menu"}', ttlMs: 60_000 });
    await queue.enqueue({ updateId: 93, chat: 'p', json: json(93) }, now);
    const [claimed] = await queue.claim(now + 1, 10, 1_000, 'b');
    expect(JSON.parse(claimed?.entry?.session ?? 'null')).toEqual({ step: 'menu' });
    // The queue never writes or removes them: they are the bot's.
    expect(await sessions.get(lasting)).toEqual({ lasting: 1, locale: 'ms' });
  });

  it('hands out the lasting choices to a claim of a chat without a session', async () => {
    await sessions.set(
      `${chatSessionKey('q')}${LASTING_CHOICES_SUFFIX}`,
      { lasting: 1, locale: 'id' },
      60_000,
    );
    await sessions.set(chatSessionKey('r'), { step: 'menu' }, 60_000);
    await queue.enqueue({ updateId: 95, chat: 'q', json: json(95) }, now);
    await queue.enqueue({ updateId: 96, chat: 'r', json: json(96) }, now);
    const claimed = await queue.claim(now, 10, 1_000, 'a');
    const sessionOf = (chat: string) =>
      JSON.parse(claimed.find((c) => c.chat === chat)?.entry?.session ?? 'null') as unknown;
    expect(sessionOf('q')).toEqual({ lasting: 1, locale: 'id' });
    expect(sessionOf('r')).toEqual({ step: 'menu' });
  });

  it('writes nothing for a worker whose lease passed to another (no lost conversation)', async () => {
    await queue.enqueue({ updateId: 51, chat: 'l', json: json(51) }, now);
    await queue.claim(now, 10, 1_000, 'slow');
    const [taken] = await queue.claim(now + 1_001, 10, 1_000, 'b');
    expect(taken?.chat).toBe('l');
    await queue.ack('l', '51', 'b', now + 1_002, 1_000, { value: '{"by":"b"}', ttlMs: 60_000 });
    const late = await queue.ack('l', '51', 'slow', now + 1_003, 1_000, {
      value: '{"by":"slow"}',
      ttlMs: 60_000,
    });
    expect(late.status).toBe('lost');
    expect(await sessions.get(chatSessionKey('l'))).toEqual({ by: 'b' });
  });

  it('writes a checkpoint of the session only for the worker holding the chat', async () => {
    await queue.enqueue({ updateId: 55, chat: 'c', json: json(55) }, now);
    await queue.claim(now, 10, 1_000, 'a');
    expect(await queue.checkpoint('c', 'a', { value: '{"step":"submitted"}', ttlMs: 60_000 })).toBe(true);
    expect(await sessions.get(chatSessionKey('c'))).toEqual({ step: 'submitted' });
    await queue.claim(now + 1_001, 10, 1_000, 'b');
    expect(await queue.checkpoint('c', 'a', { value: '{"step":"late"}', ttlMs: 60_000 })).toBe(false);
    expect(await sessions.get(chatSessionKey('c'))).toEqual({ step: 'submitted' });
  });

  it('counts each update against its sender as it arrives, duplicates not included', async () => {
    const hits: number[] = [];
    for (const id of [61, 61, 62, 63])
      await queue.enqueue({ updateId: id, chat: 'u', json: json(id), flood: flood(5) }, now);
    await queue.enqueue({ updateId: 64, chat: 'u', json: json(64) }, now);
    await queue.enqueue({ updateId: 65, chat: 'u', json: json(65), flood: flood(6) }, now);
    const [claimed] = await queue.claim(now, 10, 1_000, 'a');
    for (let entry = claimed?.entry; entry; ) {
      hits.push(entry.floodHits);
      const after = await queue.ack('u', entry.id, 'a', now, 1_000);
      entry = after.status === 'more' ? after.next : undefined;
    }
    expect(hits).toEqual([1, 2, 3, 0, 1]);
  });

  it('queues a deferred event behind the waiting updates, and hands it out like one', async () => {
    await queue.enqueue({ updateId: 71, chat: 'd', json: json(71) }, now);
    await queue.defer('d', '{"event":"status"}', now);
    expect(await queue.depth()).toBe(2);
    const [claimed] = await queue.claim(now, 10, 1_000, 'a');
    expect(claimed?.entry?.id).toBe('71');
    const after = await queue.ack('d', '71', 'a', now, 1_000);
    expect(after.status === 'more' && after.next).toMatchObject({ json: '{"event":"status"}', floodHits: 0 });
    if (after.status !== 'more') return;
    expect(after.next.id).toMatch(/^d/);
    expect((await queue.ack('d', after.next.id, 'a', now, 1_000)).status).toBe('done');
  });
});
