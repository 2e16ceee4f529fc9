import { parseArgs } from 'node:util';
import {
  ConfigError,
  commonEnvShape,
  PAYMENT_PROVIDERS,
  type PaymentProviderName,
  parseEnv,
  sandboxEnvShape,
} from '../src/config/env.js';
import { startBillplzSandbox } from './billplz/index.js';
import {
  BILLPLZ_SANDBOX_DEV_CREDENTIALS,
  IAK_SANDBOX_DEV_CREDENTIALS,
  SANDBOX_DEV_CREDENTIALS,
} from './dev-credentials.js';
import { startIakSandbox } from './iak/index.js';
import { startIimmpactSandbox } from './iimmpact/index.js';

/**
 * `npm run sandbox`: a provider simulator on SANDBOX_PORT, with the fixed development credentials.
 * IIMMPACT by default; `npm run sandbox -- --provider iak` (or SANDBOX_PROVIDER=iak) starts IAK's.
 * `--billplz` also starts the Billplz sandbox on BILLPLZ_SANDBOX_PORT.
 */
function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

let settings: ReturnType<typeof parseEnv<typeof sandboxEnvShape & typeof commonEnvShape>>;
let provider: PaymentProviderName;
let withBillplz = false;
try {
  settings = parseEnv({ ...sandboxEnvShape, ...commonEnvShape }, process.env);
  const { values } = parseArgs({
    options: { provider: { type: 'string' }, billplz: { type: 'boolean' } },
    strict: true,
  });
  withBillplz = values.billplz === true;
  const chosen = values.provider ?? settings.SANDBOX_PROVIDER;
  if (!(PAYMENT_PROVIDERS as readonly string[]).includes(chosen)) {
    fail(`error: --provider must be one of ${PAYMENT_PROVIDERS.join(', ')}, got "${chosen}"`);
  }
  provider = chosen as PaymentProviderName;
} catch (error) {
  fail(error instanceof ConfigError ? error.message : `error: ${(error as Error).message}`);
}

const log =
  settings.LOG_LEVEL === 'debug' || settings.LOG_LEVEL === 'info'
    ? (line: string) => process.stdout.write(`${line}\n`)
    : () => {};

/** A start-up failure (most often a port in use) is one line, not a stack trace. */
function startFailure(error: unknown): never {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') {
    fail(
      `error: port ${settings.SANDBOX_PORT} is already in use (another sandbox?); stop it or set SANDBOX_PORT to a free port`,
    );
  }
  if (code === 'EACCES')
    fail(`error: not allowed to listen on port ${settings.SANDBOX_PORT}; set SANDBOX_PORT`);
  fail(
    `error: the sandbox could not start: ${String((error as Error)?.message ?? error).replace(/\s*\n\s*/g, ' ')}`,
  );
}

let close: () => Promise<void>;
if (provider === 'iak') {
  const sandbox = await startIakSandbox({
    port: settings.SANDBOX_PORT,
    ...IAK_SANDBOX_DEV_CREDENTIALS,
    log,
  }).catch(startFailure);
  close = () => sandbox.close();
  process.stdout.write(
    [
      `IAK sandbox listening on ${sandbox.url}`,
      '',
      'Point the bot at it with:',
      '  export PAYMENT_PROVIDER=iak',
      `  export IAK_BASE_URL=${sandbox.url}`,
      `  export IAK_USERNAME=${IAK_SANDBOX_DEV_CREDENTIALS.username}`,
      `  export IAK_API_KEY=${IAK_SANDBOX_DEV_CREDENTIALS.apiKey}`,
      '',
      `Test controls: ${sandbox.origin}/__sandbox/transactions, /__sandbox/faults, /__sandbox/callback-url. Ctrl+C stops it.`,
      '',
    ].join('\n'),
  );
} else {
  const sandbox = await startIimmpactSandbox({
    port: settings.SANDBOX_PORT,
    ...SANDBOX_DEV_CREDENTIALS,
    log,
  }).catch(startFailure);
  close = () => sandbox.close();
  process.stdout.write(
    [
      `IIMMPACT sandbox listening on ${sandbox.url}`,
      '',
      'Point the bot or the CLI at it with:',
      `  export IIMMPACT_BASE_URL=${sandbox.url}`,
      `  export IIMMPACT_API_KEY=${SANDBOX_DEV_CREDENTIALS.apiKey}`,
      `  export IIMMPACT_HMAC_SECRET=${SANDBOX_DEV_CREDENTIALS.hmacSecret}`,
      `(read-only key: ${SANDBOX_DEV_CREDENTIALS.readOnlyApiKey})`,
      '',
      `Test controls: ${sandbox.origin}/__sandbox/transactions, /__sandbox/faults. Ctrl+C stops it.`,
      '',
    ].join('\n'),
  );
}

if (withBillplz) {
  const billplz = await startBillplzSandbox({
    port: settings.BILLPLZ_SANDBOX_PORT,
    apiKey: BILLPLZ_SANDBOX_DEV_CREDENTIALS.apiKey,
    xSignatureKey: BILLPLZ_SANDBOX_DEV_CREDENTIALS.xSignatureKey,
    collections: [BILLPLZ_SANDBOX_DEV_CREDENTIALS.collectionId],
    log,
  }).catch(startFailure);
  const providerClose = close;
  close = async () => {
    await billplz.close();
    await providerClose();
  };
  process.stdout.write(
    [
      `Billplz sandbox listening on ${billplz.url}`,
      `  export BILLPLZ_BASE_URL=${billplz.url}`,
      `  export BILLPLZ_API_KEY=${BILLPLZ_SANDBOX_DEV_CREDENTIALS.apiKey}`,
      `  export BILLPLZ_X_SIGNATURE_KEY=${BILLPLZ_SANDBOX_DEV_CREDENTIALS.xSignatureKey}`,
      `  export BILLPLZ_COLLECTION_ID=${BILLPLZ_SANDBOX_DEV_CREDENTIALS.collectionId}`,
      `Pay a bill: curl -X POST ${billplz.origin}/__sandbox/bills/<bill id>/pay`,
      '',
    ].join('\n'),
  );
}

const stop = async () => {
  await close();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
