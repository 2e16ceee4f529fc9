import { runCli } from '../cli/run-cli.js';
import type { PaymentProvider } from '../payments/provider.js';
import { createIakProvider } from '../payments/providers/iak/provider.js';
import { createIimmpactProvider } from '../payments/providers/iimmpact/provider.js';
import { createLogger } from '../platform/logger.js';

/** Composition root of the operator CLI: wires the real environment, provider and terminal. */
const exitCode = await runCli(process.argv.slice(2), {
  env: process.env,
  createProvider: (config): PaymentProvider => {
    const secrets =
      config.provider === 'iimmpact'
        ? [config.iimmpact.apiKey, config.iimmpact.hmacSecret]
        : [config.iak.apiKey];
    // Logs go to stderr so `--json` output on stdout stays clean; quiet unless asked.
    const logger = createLogger({
      level: process.env.LOG_LEVEL ? config.logLevel : 'error',
      secrets,
      write: (line) => process.stderr.write(`${line}\n`),
    });
    return config.provider === 'iimmpact'
      ? createIimmpactProvider({ ...config.iimmpact, logger })
      : createIakProvider({ ...config.iak, logger });
  },
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
});
process.exitCode = exitCode;
