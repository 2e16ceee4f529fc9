import { describe, expect, it } from 'vitest';
import { createClaimLoop } from './claim-loop.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('the claim loop', () => {
  it('claims again at once when woken while a claim was under way, instead of sleeping a whole poll', async () => {
    const answers: Array<(items: number[]) => void> = [];
    const loop = createClaimLoop<number>({
      concurrency: 4,
      pollIntervalMs: 60_000,
      claim: () => new Promise<number[]>((resolve) => answers.push(resolve)),
      work: async () => {},
      onClaimError: () => {},
    });
    loop.start();
    await tick();
    expect(answers).toHaveLength(1);
    // Work is queued while the first claim is in flight; that claim found nothing.
    loop.wake();
    answers[0]?.([]);
    await tick();
    expect(answers).toHaveLength(2);
    // Without a wake-up, an empty claim is followed by a pause.
    answers[1]?.([]);
    await tick();
    expect(answers).toHaveLength(2);
    const stopped = loop.stop();
    await tick();
    answers[2]?.([]);
    await stopped;
  });

  it('works on an item claimed elsewhere while it runs, waits for it on stop, and refuses one after', async () => {
    const worked: number[] = [];
    let finish: (() => void) | undefined;
    const loop = createClaimLoop<number>({
      concurrency: 1,
      pollIntervalMs: 60_000,
      claim: async () => [],
      work: (item) =>
        new Promise<void>((resolve) => {
          worked.push(item);
          finish = resolve;
        }),
      onClaimError: () => {},
    });
    expect(loop.hasRoom()).toBe(false);
    loop.start();
    expect(loop.hasRoom()).toBe(true);
    expect(loop.adopt(7)).toBe(true);
    expect(worked).toEqual([7]);
    expect(loop.hasRoom()).toBe(false);
    let stopped = false;
    const stopping = loop.stop().then(() => {
      stopped = true;
    });
    await tick();
    expect(stopped).toBe(false);
    expect(loop.adopt(8)).toBe(false);
    finish?.();
    await stopping;
    expect(worked).toEqual([7]);
  });
});
