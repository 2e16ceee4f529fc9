import type { TestProject } from 'vitest/node';
import { startThrowawayRedis, waitForRedis } from '../support/redis-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

/**
 * Gives every test file a real Redis: REDIS_URL when set, otherwise a throwaway redis-server from
 * PATH. Without either, the run stops at once: tests that need Redis are never skipped.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.REDIS_URL?.trim();
  if (external) {
    await waitForRedis(external, 5_000);
    project.provide('redisUrl', external);
    return async () => {};
  }
  const server = await startThrowawayRedis();
  project.provide('redisUrl', server.url);
  return () => server.stop();
}
