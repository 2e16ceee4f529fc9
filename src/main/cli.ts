import { runCli } from '../cli/run-cli.js';
import { createIimmpactClient } from '../payments/providers/iimmpact/client.js';
import { createLogger } from '../platform/logger.js';

/** Composition root of the operator CLI: wires the real environment, client and terminal. */
const exitCode = await runCli(process.argv.slice(2), {
  env: process.env,
  createClient: ({ iimmpact, logLevel }) =>
    createIimmpactClient({
      ...iimmpact,
      // Logs go to stderr so `--json` output on stdout stays clean; quiet unless asked.
      logger: createLogger({
        level: process.env.LOG_LEVEL ? logLevel : 'error',
        secrets: [iimmpact.apiKey, iimmpact.hmacSecret],
        write: (line) => process.stderr.write(`${line}\n`),
      }),
    }),
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
});
process.exitCode = exitCode;
