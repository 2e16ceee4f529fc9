/**
 * The loop both background workers run (the re-query scheduler over orders, the update workers over
 * chats): claim as much work as there is room for, run each claimed item concurrently, and when idle
 * or full wait for a free slot, a wake-up or the next poll. What is claimed, and the lease that makes
 * claiming safe across replicas, is the caller's.
 */
export interface ClaimLoop<T = unknown> {
  start(): void;
  /**
   * Holds a free slot for an item to be claimed outside the loop (in the same step that queues it),
   * so that however many are claimed at once, no more than `concurrency` run; undefined when the
   * loop is full or not running. The slot is the loop's again once adopted or cancelled.
   */
  reserve(): SlotReservation<T> | undefined;
  /** Stops claiming and waits for the work in hand. */
  stop(): Promise<void>;
  /** Looks for work now instead of at the next poll. */
  wake(): void;
  /** Items being worked on right now. */
  active(): number;
}

export interface SlotReservation<T> {
  /**
   * Works on the item in the reserved slot, like a claimed one (`stop` waits for it too); false,
   * doing nothing, when the loop stopped meanwhile.
   */
  adopt(item: T): boolean;
  /** Nothing was claimed: the slot is free again. */
  cancel(): void;
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
  /** Slots held by `reserve` for claims under way outside the loop. */
  let reserved = 0;
  /**
   * The loop sleeps because every slot is taken: a slot coming free is then worth a claim. When it
   * sleeps because the last claim found nothing, a finished item adds no work (whatever queues work
   * calls `wake`), so it does not cost a claim that would find nothing again.
   */
  let waitingForSlot = false;

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
      if (waitingForSlot) wakeUp?.();
    });
    inFlight.add(task);
  };

  const run = async () => {
    while (running) {
      wokenMeanwhile = false;
      const room = concurrency - inFlight.size - reserved;
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
      waitingForSlot = inFlight.size + reserved >= concurrency;
      if (waitingForSlot || (claimed.length === 0 && !wokenMeanwhile)) await pause(options.pollIntervalMs);
      waitingForSlot = false;
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
    reserve() {
      if (!running || inFlight.size + reserved >= concurrency) return undefined;
      reserved += 1;
      let held = true;
      const free = () => {
        if (!held) return false;
        held = false;
        reserved -= 1;
        return true;
      };
      return {
        adopt(item) {
          if (!free() || !running) return false;
          begin(item);
          return true;
        },
        cancel() {
          if (free() && waitingForSlot) wakeUp?.();
        },
      };
    },
    active: () => inFlight.size,
  };
}
