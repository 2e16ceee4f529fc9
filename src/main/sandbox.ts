import { ConfigError, commonEnvShape, parseEnv, sandboxEnvShape } from '../config/env.js';
import { SANDBOX_DEV_CREDENTIALS } from '../sandbox/dev-credentials.js';
import { startIimmpactSandbox } from '../sandbox/iimmpact/index.js';

/** `npm run sandbox`: the IIMMPACT simulator on SANDBOX_PORT, with the fixed development credentials. */
let settings: ReturnType<typeof parseEnv<typeof sandboxEnvShape & typeof commonEnvShape>>;
try {
  settings = parseEnv({ ...sandboxEnvShape, ...commonEnvShape }, process.env);
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(2);
}

const sandbox = await startIimmpactSandbox({
  port: settings.SANDBOX_PORT,
  ...SANDBOX_DEV_CREDENTIALS,
  log:
    settings.LOG_LEVEL === 'debug' || settings.LOG_LEVEL === 'info'
      ? (line) => process.stdout.write(`${line}\n`)
      : () => {},
});

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

const stop = async () => {
  await sandbox.close();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
