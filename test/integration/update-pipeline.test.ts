import { type Context, type MiddlewareFn, TelegramError } from 'telegraf';
import type { Update } from 'telegraf/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BotApiStandIn, STAND_IN_BOT, startBotApiStandIn } from '../../demo/bot-api-stand-in.js';
import { createTelegrafClient } from '../../src/bot/telegram/telegraf-client.js';
import { createUpdatePipeline } from '../../src/bot/telegram/update-pipeline.js';

/*
 * The shop bot's own update runner, against the Bot API stand-in over loopback: the middleware in
 * order on one context, the bot's name asked once, and errors handed on as telegraf.catch would.
 */

const TOKEN = '7000000002:TEST-token-for-the-pipeline-00';

const textUpdate = (updateId: number, text: string): Update => ({
  update_id: updateId,
  message: {
    message_id: updateId,
    date: 0,
    chat: { id: 77, type: 'private', first_name: 'B' },
    from: { id: 77, is_bot: false, first_name: 'B' },
    text,
  },
});

describe('update pipeline', () => {
  let api: BotApiStandIn;
  beforeAll(async () => {
    api = await startBotApiStandIn(TOKEN);
  });
  afterAll(() => api.close());

  const noErrors = async (error: unknown) => {
    throw error;
  };

  it('runs the middleware in order on one context that speaks through the bot client; a step without next() ends it', async () => {
    const telegraf = createTelegrafClient({ token: TOKEN, apiRoot: api.apiRoot });
    const seen: string[] = [];
    const contexts = new Set<Context>();
    const step =
      (name: string, passOn: boolean): MiddlewareFn<Context> =>
      async (ctx, next) => {
        seen.push(`${name}:${ctx.text ?? ''}`);
        contexts.add(ctx);
        if (passOn) await next();
        seen.push(`${name} done`);
      };
    const replying: MiddlewareFn<Context> = async (ctx) => {
      seen.push('reply');
      expect(ctx.telegram).toBe(telegraf.telegram);
      await ctx.telegram.sendMessage(77, `echo ${ctx.text ?? ''}`);
    };
    const run = createUpdatePipeline(
      telegraf,
      [step('first', true), step('second', true), replying, step('never', true)],
      noErrors,
    );

    await run(textUpdate(1, 'hi'));
    expect(seen).toEqual(['first:hi', 'second:hi', 'reply', 'second done', 'first done']);
    expect(contexts.size).toBe(1);
    expect([...api.messages(77).values()].map((m) => m.text)).toContain('echo hi');

    seen.length = 0;
    await createUpdatePipeline(telegraf, [step('only', false), replying], noErrors)(textUpdate(2, 'x'));
    expect(seen).toEqual(['only:x', 'only done']);
  });

  it("asks getMe once for the bot's name, and again on the next update when the ask failed", async () => {
    const telegraf = createTelegrafClient({ token: TOKEN, apiRoot: api.apiRoot });
    const names: string[] = [];
    const run = createUpdatePipeline(
      telegraf,
      [
        async (ctx) => {
          names.push(ctx.botInfo.username);
        },
      ],
      noErrors,
    );
    const before = api.callsOf('getMe').length;
    api.failNext('getMe', 502, 'Bad Gateway');

    await expect(run(textUpdate(3, 'a'))).rejects.toThrow();
    expect(names).toEqual([]);
    await Promise.all([run(textUpdate(4, 'b')), run(textUpdate(5, 'c'))]);
    await run(textUpdate(6, 'd'));

    expect(names).toEqual([STAND_IN_BOT.username, STAND_IN_BOT.username, STAND_IN_BOT.username]);
    expect(telegraf.botInfo?.id).toBe(STAND_IN_BOT.id);
    // The failed ask and one good one: the two updates that came together shared it.
    expect(api.callsOf('getMe').length - before).toBe(2);
  });

  it("hands a step's error to onError with the update's context; what onError throws reaches the caller", async () => {
    const telegraf = createTelegrafClient({ token: TOKEN, apiRoot: api.apiRoot });
    const handed: Array<{ error: unknown; updateId: number }> = [];
    const failing: MiddlewareFn<Context> = async (ctx) => {
      await ctx.telegram.sendMessage(77, 'refused');
    };
    const run = createUpdatePipeline(
      telegraf,
      [async (_ctx, next) => next(), failing],
      async (error, ctx) => {
        handed.push({ error, updateId: ctx.update.update_id });
        if (error instanceof TelegramError && error.code === 429) throw error;
      },
    );

    api.failNext('sendMessage', 400, 'Bad Request: chat not found');
    await run(textUpdate(7, 'e'));
    expect(handed).toHaveLength(1);
    expect(handed[0]).toMatchObject({ updateId: 7, error: { code: 400 } });
    expect(handed[0]?.error).toBeInstanceOf(TelegramError);

    api.failNext('sendMessage', 429, 'Too Many Requests: retry after 3', 3);
    const rethrown = await run(textUpdate(8, 'f')).catch((error: unknown) => error);
    expect(rethrown).toBeInstanceOf(TelegramError);
    expect((rethrown as TelegramError).parameters?.retry_after).toBe(3);
    expect(handed.map((h) => h.updateId)).toEqual([7, 8]);
  });
});
