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

  it('holds slots for items claimed elsewhere: never more than its concurrency, however many ask at once', async () => {
    const worked: number[] = [];
    const finishers: Array<() => void> = [];
    const claimRooms: number[] = [];
    const loop = createClaimLoop<number>({
      concurrency: 2,
      pollIntervalMs: 60_000,
      claim: async (room) => {
        claimRooms.push(room);
        return [];
      },
      work: (item) =>
        new Promise<void>((resolve) => {
          worked.push(item);
          finishers.push(resolve);
        }),
      onClaimError: () => {},
    });
    expect(loop.reserve()).toBeUndefined();
    loop.start();
    await tick();
    const first = loop.reserve();
    const second = loop.reserve();
    expect(first && second).toBeTruthy();
    expect(loop.reserve()).toBeUndefined();
    second?.cancel();
    const third = loop.reserve();
    expect(third).toBeDefined();
    expect(first?.adopt(7)).toBe(true);
    expect(third?.adopt(8)).toBe(true);
    // A slot is taken once: a second adopt of the same reservation runs nothing.
    expect(first?.adopt(9)).toBe(false);
    expect(worked).toEqual([7, 8]);
    expect(loop.reserve()).toBeUndefined();
    // While slots are reserved or busy, the loop's own claims ask for no more than what is left.
    expect(claimRooms.every((room) => room <= 2)).toBe(true);

    finishers.shift()?.();
    await tick();
    const late = loop.reserve();
    expect(late).toBeDefined();
    let stopped = false;
    const stopping = loop.stop().then(() => {
      stopped = true;
    });
    await tick();
    expect(stopped).toBe(false);
    // Stopped meanwhile: the reserved slot adopts nothing.
    expect(late?.adopt(10)).toBe(false);
    finishers.shift()?.();
    await stopping;
    expect(worked).toEqual([7, 8]);
  });

  it('claims when a busy slot comes free, but not when an item finishes while nothing is queued', async () => {
    const queued = [1, 2, 3];
    const claimRooms: number[] = [];
    const finishers: Array<() => void> = [];
    const loop = createClaimLoop<number>({
      concurrency: 2,
      pollIntervalMs: 60_000,
      claim: async (room) => {
        claimRooms.push(room);
        return queued.splice(0, room);
      },
      work: () => new Promise<void>((resolve) => finishers.push(resolve)),
      onClaimError: () => {},
    });
    loop.start();
    await tick();
    // Both slots taken by the first claim: the loop sleeps until one comes free, then claims again.
    expect(claimRooms).toEqual([2]);
    finishers.shift()?.();
    await tick();
    expect(claimRooms).toEqual([2, 1]);
    expect(loop.active()).toBe(2);
    // Item 3 took the freed slot; the queue is empty now. The next freed slot finds nothing...
    finishers.shift()?.();
    await tick();
    expect(claimRooms).toEqual([2, 1, 1]);
    // ...and from then on the loop sleeps as idle: a finished item is not worth another claim.
    const extra = loop.reserve();
    expect(extra?.adopt(4)).toBe(true);
    finishers.shift()?.();
    finishers.shift()?.();
    await tick();
    expect(claimRooms).toEqual([2, 1, 1]);
    expect(loop.active()).toBe(0);
    // Work queued meanwhile is announced with wake(), which claims at once (and, having found
    // some, once more with the room left).
    queued.push(5);
    loop.wake();
    await tick();
    expect(claimRooms).toEqual([2, 1, 1, 2, 1]);
    expect(loop.active()).toBe(1);
    finishers.shift()?.();
    await loop.stop();
  });
});
