import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from './net.js';

/**
 * A throwaway redis-server from PATH on a free loopback port, with no persistence and its own
 * temporary directory; for the test setup and the benchmarks.
 */
export async function startThrowawayRedis(): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const binary = findRedisServer();
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'shop-bot-redis-'));
  const child: ChildProcess = spawn(
    binary,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += String(chunk);
  });
  const url = `redis://127.0.0.1:${port}/0`;
  try {
    await waitForRedis(url, 10_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`redis-server did not start on port ${port}: ${stderr || String(error)}`);
  }
  return {
    url,
    pid: child.pid ?? 0,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function findRedisServer(): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(dir, 'redis-server');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  throw new Error(
    'The tests need Redis: install it (Debian/Ubuntu: `apt-get install -y redis-server`) or set REDIS_URL to a server you own.',
  );
}

export async function waitForRedis(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.ping();
      return;
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      client.disconnect();
    }
  }
  throw new Error(`Redis at ${url} is not answering: ${String(lastError)}`);
}
