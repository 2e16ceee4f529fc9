import { defineConfig } from 'vitest/config';

/**
 * Two projects: `unit` is pure code (no sockets, no Redis, no child processes) and finishes in
 * seconds (`npm run test:unit`); `integration` runs over real HTTP on loopback, a real Redis started
 * by the global setup, and real child processes. `npm test` runs both.
 */
const UNIT_TESTS = ['src/**/*.test.ts', 'sandbox/**/*.test.ts', 'demo/**/*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Logs of the code under test go to captured writers, not the console.
    silent: false,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: UNIT_TESTS, setupFiles: ['test/setup/no-sockets.ts'] },
      },
      {
        extends: true,
        test: { name: 'integration', include: ['test/**/*.test.ts'], globalSetup: ['test/setup/redis.ts'] },
      },
    ],
  },
});
