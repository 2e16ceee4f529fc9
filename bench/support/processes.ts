import { type ChildProcess, spawn } from 'node:child_process';
import { trackPid } from './proc-stats.js';

/**
 * The benchmark's child processes (the built bot, the reference handler): spawned with exactly the
 * environment given (nothing inherited but PATH, so a REDIS_URL in the shell cannot leak in), their
 * log lines tallied by message so the report can say what they complained about, and stopped with
 * SIGTERM by their own pid.
 */
export interface Service {
  readonly name: string;
  readonly pid: number;
  /** Log lines so far, counted by their `msg` (JSON logs) or their first 80 characters. */
  lines(): Map<string, number>;
  /** The first whole line of each kind counted by `lines`. */
  sample(kind: string): string | undefined;
  /** Resolves with the first stdout line matching `pattern`. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  stop(): Promise<void>;
}

export function startService(
  name: string,
  args: string[],
  env: Record<string, string>,
  cwd = process.cwd(),
): Service {
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  trackPid(child.pid ?? 0);
  const tally = new Map<string, number>();
  const samples = new Map<string, string>();
  const listeners = new Set<(line: string) => void>();
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  const take = (chunk: Buffer, carry: { rest: string }) => {
    const text = carry.rest + String(chunk);
    const lines = text.split('\n');
    carry.rest = lines.pop() ?? '';
    for (const line of lines) {
      if (line.trim() === '') continue;
      let key = line.slice(0, 80);
      try {
        const record = JSON.parse(line) as { msg?: unknown; level?: unknown };
        if (typeof record.msg === 'string') key = `${String(record.level ?? '')} ${record.msg}`.trim();
      } catch {
        // not a JSON log line
      }
      tally.set(key, (tally.get(key) ?? 0) + 1);
      if (!samples.has(key)) samples.set(key, line);
      for (const listener of listeners) listener(line);
    }
  };
  const out = { rest: '' };
  const err = { rest: '' };
  child.stdout?.on('data', (chunk: Buffer) => take(chunk, out));
  child.stderr?.on('data', (chunk: Buffer) => take(chunk, err));

  return {
    name,
    pid: child.pid ?? 0,
    lines: () => tally,
    sample: (kind) => samples.get(kind),
    waitForLine(pattern, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          listeners.delete(listener);
          reject(
            new Error(
              `${name} did not print ${pattern} in ${timeoutMs} ms: ${[...tally.keys()].join(' | ')}`,
            ),
          );
        }, timeoutMs);
        const listener = (line: string) => {
          if (!pattern.test(line)) return;
          clearTimeout(timer);
          listeners.delete(listener);
          resolve(line);
        };
        listeners.add(listener);
        child.once('exit', (code) => {
          clearTimeout(timer);
          reject(
            new Error(
              `${name} exited (${code}) before printing ${pattern}: ${[...tally.keys()].join(' | ')}`,
            ),
          );
        });
      });
    },
    async stop() {
      if (exited) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await gone;
      clearTimeout(force);
    },
  };
}

/** Polls `url` until it answers 200. */
export async function waitForHttp(url: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url);
      await response.text();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
