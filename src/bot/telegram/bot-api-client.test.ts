import { Input } from 'telegraf';
import { describe, expect, it } from 'vitest';
import { includesMedia, jsonWithoutNulls } from './bot-api-client.js';

// Which calls leave the keep-alive pool for Telegraf's multipart path: the same test as Telegraf's.
describe('includesMedia', () => {
  it('is false for JSON calls, including links in previews and buttons', () => {
    expect(includesMedia({ chat_id: 1, text: 'hi' })).toBe(false);
    expect(includesMedia({ chat_id: 1, photo: 'AgACAgIAAxkBAAI-file-id' })).toBe(false);
    // Telegram fetches a URL itself: it goes as a string.
    expect(includesMedia({ chat_id: 1, photo: Input.fromURL('https://x.test/a.png') })).toBe(false);
    expect(
      includesMedia({ chat_id: 1, link_preview_options: { is_disabled: true, url: 'https://x.test' } }),
    ).toBe(false);
    expect(
      includesMedia({
        chat_id: 1,
        reply_markup: { inline_keyboard: [[{ text: 'Open', url: 'https://x.test' }]] },
      }),
    ).toBe(false);
    expect(includesMedia({ chat_id: 1, media: [{ type: 'photo', media: 'file-id' }] })).toBe(false);
    expect(includesMedia({ chat_id: 1, reply_parameters: null, caption: undefined })).toBe(false);
  });

  it('is true for a file to upload: a buffer, a local file, a URL we fetch and re-send, or one in a media item', () => {
    expect(includesMedia({ chat_id: 1, photo: Input.fromBuffer(Buffer.from('png'), 'qr.png') })).toBe(true);
    expect(includesMedia({ chat_id: 1, document: Input.fromLocalFile('/tmp/books.csv') })).toBe(true);
    expect(includesMedia({ chat_id: 1, photo: Input.fromURLStream('https://x.test/a.png', 'a.png') })).toBe(
      true,
    );
    expect(
      includesMedia({ chat_id: 1, media: [{ type: 'photo', media: Input.fromBuffer(Buffer.from('a')) }] }),
    ).toBe(true);
    expect(includesMedia({ media: { type: 'photo', media: Input.fromBuffer(Buffer.from('a')) } })).toBe(true);
  });
});

// The request body: Telegraf's JSON without its replacer's cost when there is nothing to drop.
describe('jsonWithoutNulls', () => {
  it('leaves null and undefined fields out, at any depth, as Telegraf does', () => {
    const payload = {
      chat_id: 1,
      text: 'hi',
      reply_parameters: null,
      extra: { a: null, b: 2, c: undefined },
    };
    expect(JSON.parse(jsonWithoutNulls(payload))).toEqual({ chat_id: 1, text: 'hi', extra: { b: 2 } });
  });

  it('gives the same text as the replacer would for payloads without nulls, and keeps a text saying ":null"', () => {
    const payload = {
      chat_id: 1,
      text: 'status:null, [null]',
      reply_markup: { inline_keyboard: [[{ text: 'A', callback_data: 's:abc123:m' }]] },
    };
    expect(jsonWithoutNulls(payload)).toBe(JSON.stringify(payload));
    expect(jsonWithoutNulls({ ...payload, thread: null })).toBe(JSON.stringify(payload));
  });
});
