import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/iimmpact.js';
import { type OwnRedisApp, startOwnRedisApp } from '../support/own-redis-app.js';

/*
 * A frozen Redis (SIGSTOP: the process is there, its socket open, but nothing answers) must not hang
 * the webhook: Telegram opens few connections, and a hung one stalls every buyer. The app answers
 * 503 (so Telegram delivers the update again later), pays nothing, and recovers by itself once
 * Redis answers again (SIGCONT). This test owns its Redis, since it freezes it.
 */

let w: OwnRedisApp;

beforeAll(async () => {
  w = await startOwnRedisApp('freeze');
});

afterAll(async () => {
  await w.close();
});

describe('a frozen Redis', () => {
  it('gets 503 from the webhook at once, pays nothing, and the bot recovers after it resumes', async () => {
    expect((await w.deliver(w.startUpdate(8101))).status).toBe(200);
    const paymentsBefore = w.sandbox.requestCount('/v2/topup');

    process.kill(w.redis.pid, 'SIGSTOP');
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => w.deliver(w.startUpdate(8200 + i))),
    );
    const slowest = Math.max(...answers.map((a) => a.ms));
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 503));
    // The command timeout is 1.5 s; the margin is for a loaded machine, not for the design.
    expect(slowest).toBeLessThan(4_000);
    const ready = await fetch(`${w.base}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ store: 'unavailable' });

    process.kill(w.redis.pid, 'SIGCONT');
    const recovered = await waitFor(
      async () => {
        const update = w.startUpdate(8301);
        const { status } = await w.deliver(update);
        return status === 200 ? update : undefined;
      },
      { timeoutMs: 15_000, intervalMs: 250 },
    );
    expect(recovered).toBeDefined();
    await waitFor(() => (w.api.messages(8301).size > 0 ? true : undefined), { timeoutMs: 10_000 });
    expect(w.sandbox.requestCount('/v2/topup')).toBe(paymentsBefore);
  });
});
