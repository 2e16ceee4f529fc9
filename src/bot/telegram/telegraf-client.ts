import { Telegraf } from 'telegraf';
import { createBotApiClient } from './bot-api-client.js';

/**
 * The Telegraf instance, made before anything that talks to Telegram: the order notifier and the
 * admin alerts use its Bot API client, and the shop bot registers its handlers on it. Building it
 * first is what lets the composition root wire engine and bot without a cycle.
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
    // The reducer never waits on a payment; this only bounds a slow provider lookup.
    handlerTimeout: 90_000,
  });
  // JSON calls go over a keep-alive undici pool instead of node-fetch (a third of the CPU per
  // call); uploads stay Telegraf's. Telegraf makes a fresh Telegram for every update's context, so the
  // first middleware routes that one too, before any handler can call it.
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
