import { TelegramError } from 'telegraf';
import { describe, expect, it } from 'vitest';
import { refundAnswerOf } from './stars-payments.js';

const telegramError = (error_code: number, description: string) =>
  new TelegramError({ ok: false, error_code, description } as ConstructorParameters<typeof TelegramError>[0]);

describe('refundAnswerOf: what a failed refundStarPayment means for the wallet', () => {
  it('CHARGE_ALREADY_REFUNDED is a refund made earlier', () => {
    expect(refundAnswerOf(telegramError(400, 'Bad Request: CHARGE_ALREADY_REFUNDED'))).toEqual({
      kind: 'already',
    });
  });

  it.each([
    [400, 'Bad Request: CHARGE_NOT_FOUND'],
    [400, 'Bad Request: refund period expired'],
    [403, 'Forbidden: bot was blocked by the user'],
  ])('a %i (%s) is a refusal: nothing was refunded', (code, description) => {
    expect(refundAnswerOf(telegramError(code, description))).toEqual({
      kind: 'refused',
      reason: description,
    });
  });

  it.each([
    [429, 'Too Many Requests: retry after 5'],
    [500, 'Internal Server Error'],
    [502, 'Bad Gateway'],
  ])('a %i is no clear answer: it may have been refunded', (code, description) => {
    expect(refundAnswerOf(telegramError(code, description))).toEqual({
      kind: 'unknown',
      reason: description,
    });
  });

  it('a network error is no clear answer', () => {
    expect(refundAnswerOf(new Error('socket hang up'))).toEqual({
      kind: 'unknown',
      reason: 'socket hang up',
    });
  });
});
