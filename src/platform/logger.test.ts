import { describe, expect, it } from 'vitest';
import { createLogger, REDACTED } from './logger.js';

function capture(level: 'debug' | 'info' | 'warn' = 'debug', secrets: string[] = []) {
  const lines: string[] = [];
  const logger = createLogger({ level, secrets, write: (l) => lines.push(l), clock: () => 0 });
  return { logger, lines };
}

describe('logger', () => {
  it('writes one JSON object per line with level, message and fields', () => {
    const { logger, lines } = capture();
    logger.child({ component: 'client' }).info('paid', { refid: 'r1' });
    expect(JSON.parse(lines[0] ?? '')).toEqual({
      time: '1970-01-01T00:00:00.000Z',
      level: 'info',
      msg: 'paid',
      component: 'client',
      refid: 'r1',
    });
  });

  it('drops records below the level', () => {
    const { logger, lines } = capture('warn');
    logger.info('quiet');
    logger.warn('loud');
    expect(lines).toHaveLength(1);
  });

  it('masks sensitive field names at any depth', () => {
    const { logger, lines } = capture();
    logger.info('x', { apiKey: 'k', nested: { hmac_secret: 's', pin: '1234-5678', list: [{ token: 't' }] } });
    const record = JSON.parse(lines[0] ?? '');
    expect(record.apiKey).toBe(REDACTED);
    expect(record.nested.hmac_secret).toBe(REDACTED);
    expect(record.nested.pin).toBe(REDACTED);
    expect(record.nested.list[0].token).toBe(REDACTED);
  });

  it('scrubs registered secret values wherever they appear, errors included', () => {
    const secret = 'bot123456:AAsecretvalue';
    const { logger, lines } = capture('debug', [secret]);
    logger.error('request failed', { err: new Error(`GET https://api.telegram.org/${secret}/getMe failed`) });
    expect(lines[0]).not.toContain(secret);
    expect(lines[0]).toContain(`https://api.telegram.org/${REDACTED}/getMe`);
  });

  it('logs an error’s scalar fields but never the request payload attached to it', () => {
    const { logger, lines } = capture();
    const error = Object.assign(new Error('400: Bad Request: message to edit not found'), {
      code: 400,
      description: 'Bad Request: message to edit not found',
      on: { method: 'editMessageText', payload: { text: 'PIN: <code>1234-5678-9999</code>' } },
    });
    logger.warn('could not show order status', { err: error });
    expect(lines[0]).toContain('"code":400');
    expect(lines[0]).toContain('message to edit not found');
    expect(lines[0]).not.toContain('1234-5678-9999');
  });
});
