import { createApp } from '../app/create-app.js';
import { ConfigError, loadBotConfig } from '../config/env.js';
import { PricingRulesError } from '../wallet/pricing.js';

/**
 * `npm start`: the bot. Long polling when WEBHOOK_URL is unset, webhook mode when it is set; the HTTP
 * server (provider callbacks, /healthz, /readyz, /metrics) runs on PORT either way.
 */
let config: ReturnType<typeof loadBotConfig>;
try {
  config = loadBotConfig(process.env);
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(2);
}

let app: Awaited<ReturnType<typeof createApp>>;
try {
  app = await createApp(config);
} catch (error) {
  // A bad PRICING_RULES_FILE: say what is wrong, once, without a stack trace.
  if (!(error instanceof PricingRulesError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(2);
}
const { port } = await app.start();
app.logger.info('bot started', { port, provider: app.provider.id, store: app.stores.kind });

let stopping = false;
const shutdown = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  app.logger.info('shutting down', { signal });
  // A stuck dependency must not keep the process (and the deploy) waiting forever.
  const force = setTimeout(() => process.exit(1), 60_000);
  force.unref();
  try {
    await app.stop();
    process.exit(0);
  } catch (error) {
    app.logger.error('shutdown failed', { err: error });
    process.exit(1);
  }
};
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
