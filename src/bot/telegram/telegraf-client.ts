import { Telegraf } from 'telegraf';

/**
 * The Telegraf instance, made before anything that talks to Telegram: the order notifier and the
 * admin alerts use its Bot API client, and the shop bot registers its handlers on it. Building it
 * first is what lets the composition root wire engine and bot without a cycle.
 */
export interface TelegrafClientOptions {
  token: string;
  /** A local Bot API server (tests, the demo, self-hosted); Telegram's by default. */
  apiRoot?: string;
}

export function createTelegrafClient(options: TelegrafClientOptions): Telegraf {
  return new Telegraf(options.token, {
    // Answers go out as their own requests, never as the webhook's reply: the webhook must answer fast.
    telegram: { webhookReply: false, ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}) },
    // The reducer never waits on a payment; this only bounds a slow provider lookup.
    handlerTimeout: 90_000,
  });
}
