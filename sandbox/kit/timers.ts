/**
 * Every timer the sandbox starts (status transitions, callback retries, fault delays) goes through
 * one registry, so close() can cancel all of them at once and a test run never leaves a timer behind
 * that fires into a closed server.
 */

/** Rejects pending sleeps when the sandbox closes; request handlers treat it as "stop quietly". */
export class SandboxClosedError extends Error {
  constructor() {
    super('IIMMPACT sandbox closed');
    this.name = 'SandboxClosedError';
  }
}

export interface TimerRegistry {
  /** Runs fn after ms; returns a function that cancels it. Does nothing once closed. */
  after(ms: number, fn: () => void): () => void;
  /** Resolves after ms, or rejects with SandboxClosedError when the registry is cleared. */
  sleep(ms: number): Promise<void>;
  /** Cancels every pending timer and sleep; later calls to after/sleep are refused. */
  clearAll(): void;
}

export function createTimerRegistry(): TimerRegistry {
  const pending = new Map<NodeJS.Timeout, (() => void) | undefined>();
  let closed = false;

  function after(ms: number, fn: () => void): () => void {
    if (closed) return () => {};
    const handle = setTimeout(() => {
      pending.delete(handle);
      fn();
    }, ms);
    pending.set(handle, undefined);
    return () => {
      clearTimeout(handle);
      pending.delete(handle);
    };
  }

  function sleep(ms: number): Promise<void> {
    if (closed) return Promise.reject(new SandboxClosedError());
    return new Promise((resolve, reject) => {
      const handle = setTimeout(() => {
        pending.delete(handle);
        resolve();
      }, ms);
      pending.set(handle, () => reject(new SandboxClosedError()));
    });
  }

  function clearAll(): void {
    closed = true;
    for (const [handle, onCancel] of pending) {
      clearTimeout(handle);
      onCancel?.();
    }
    pending.clear();
  }

  return { after, sleep, clearAll };
}
