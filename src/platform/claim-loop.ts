/**
 * The loop both background workers run (the re-query scheduler over orders, the update workers over
 * chats): claim as much work as there is room for, run each claimed item concurrently, and when idle
 * or full wait for a free slot, a wake-up or the next poll. What is claimed, and the lease that makes
 * claiming safe across replicas, is the caller's.
 */
export interface ClaimLoop<T = unknown> {
  start(): void;
  /** Whether the loop is running with a free slot: an item claimed elsewhere may then be `adopt`ed. */
  hasRoom(): boolean;
  /**
   * Works on an item claimed outside the loop (in the same step that queued it), like a claimed one,
   * and `stop` waits for it too; false, doing nothing, once the loop is stopping.
   */
  adopt(item: T): boolean;
  /** Stops claiming and waits for the work in hand. */
  stop(): Promise<void>;
  /** Looks for work now instead of at the next poll. */
  wake(): void;
  /** Items being worked on right now. */
  active(): number;
}

export interface ClaimLoopOptions<T> {
  concurrency: number;
  pollIntervalMs: number;
  /** Claims up to `room` items; a throw is reported to `onClaimError` and tried at the next poll. */
  claim(room: number): Promise<T[]>;
  /** Works on one item; it must not throw (report its own failures). */
  work(item: T): Promise<void>;
  onClaimError(error: unknown): void;
}

export function createClaimLoop<T>(options: ClaimLoopOptions<T>): ClaimLoop<T> {
  const { concurrency } = options;
  const inFlight = new Set<Promise<void>>();
  let running = false;
  let loop: Promise<void> | undefined;
  let wakeUp: (() => void) | undefined;
  /** A wake-up that came while a claim was under way: the next pause is skipped, not slept through. */
  let wokenMeanwhile = false;

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

  const begin = (item: T) => {
    const task = options.work(item).finally(() => {
      inFlight.delete(task);
      wakeUp?.();
    });
    inFlight.add(task);
  };

  const run = async () => {
    while (running) {
      wokenMeanwhile = false;
      const room = concurrency - inFlight.size;
      let claimed: T[] = [];
      if (room > 0) {
        try {
          claimed = await options.claim(room);
        } catch (error) {
          options.onClaimError(error);
        }
      }
      for (const item of claimed) begin(item);
      // Full or idle: wait for a slot, a wake-up, or the next poll.
      const full = inFlight.size >= concurrency;
      if (full || (claimed.length === 0 && !wokenMeanwhile)) await pause(options.pollIntervalMs);
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
      if (wakeUp) wakeUp();
      else wokenMeanwhile = true;
    },
    hasRoom: () => running && inFlight.size < concurrency,
    adopt(item) {
      if (!running) return false;
      begin(item);
      return true;
    },
    active: () => inFlight.size,
  };
}
