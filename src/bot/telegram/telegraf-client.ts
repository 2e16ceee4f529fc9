import { Telegraf } from 'telegraf';
import { createBotApiClient } from './bot-api-client.js';

/**
 * The Telegraf instance, made before anything that talks to Telegram: the order notifier, the admin
 * alerts and the shop bot (which runs updates itself, see `update-pipeline.ts`) use its Bot API
 * client. Building it first is what lets the composition root wire engine and bot without a cycle.
 */
export interface TelegrafClientOptions {
  token: string;
  /** A local Bot API server (tests, the demo, self-hosted); Telegram's by default. */
  apiRoot?: string;
  /** Sockets kept open to the Bot API (`BOT_API_CONNECTIONS`, 80, by default). */
  connections?: number;
}

export function createTelegrafClient(options: TelegrafClientOptions): Telegraf {
  const bot = new Telegraf(options.token, {
    // Answers go out as their own requests, never as the webhook's reply: the webhook must answer fast.
    telegram: { webhookReply: false, ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}) },
    // Only for Telegraf's own handleUpdate, which the shop bot does not use (update-pipeline.ts).
    handlerTimeout: 90_000,
  });
  // JSON calls go over a keep-alive undici pool instead of node-fetch (a third of the CPU per
  // call); uploads stay Telegraf's. Telegraf's own handleUpdate makes a fresh Telegram for every
  // update's context, so its first middleware routes that one too (the shop bot's contexts share
  // this one client).
  const client = createBotApiClient({
    ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}),
    ...(options.connections ? { connections: options.connections } : {}),
  });
  client.install(bot.telegram);
  bot.use((ctx, next) => {
    client.install(ctx.telegram);
    return next();
  });
  return bot;
}
