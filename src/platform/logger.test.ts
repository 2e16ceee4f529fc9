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
});
