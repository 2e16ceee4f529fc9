import { parseArgs } from 'node:util';
import { PAYMENT_PROVIDERS, type PaymentProviderName } from '../src/config/env.js';
import { runDemo } from './run-demo.js';

/**
 * `npm run demo`: the whole bot in this terminal (see demo/run-demo.ts).
 * `npm run demo -- --provider iak` sells through the IAK sandbox instead of IIMMPACT's.
 */
const { values } = parseArgs({
  options: { provider: { type: 'string', default: 'iimmpact' } },
  strict: true,
});
if (!(PAYMENT_PROVIDERS as readonly string[]).includes(values.provider)) {
  process.stderr.write(`error: --provider must be one of ${PAYMENT_PROVIDERS.join(', ')}\n`);
  process.exit(2);
}
const interactive = process.stdin.isTTY === true;
await runDemo({
  input: process.stdin,
  provider: values.provider as PaymentProviderName,
  write: (text) => process.stdout.write(text),
  writeLog: (line) => process.stderr.write(`${line}\n`),
  color: process.stdout.isTTY === true,
  ...(process.env.REDIS_URL ? { redisUrl: process.env.REDIS_URL } : {}),
  ...(interactive ? { prompt: () => process.stdout.write('> ') } : {}),
});
