import { describe, expect, it } from 'vitest';
import { createLogger, maskIcNumbers, REDACTED } from './logger.js';

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

  it('scrubs a short secret too, but only where it stands as a whole token', () => {
    const { logger, lines } = capture('debug', ['k3y']);
    logger.warn('GET /balance?key=k3y failed', { note: 'k3y', words: 'k3yboard ak3y k3y9' });
    const record = JSON.parse(lines[0] ?? '');
    expect(lines[0]).not.toMatch(/(?<![A-Za-z0-9])k3y(?![A-Za-z0-9])/);
    expect(record.msg).toBe(`GET /balance?key=${REDACTED} failed`);
    expect(record.note).toBe(REDACTED);
    // Inside longer words it is not the secret: the text stays readable.
    expect(record.words).toBe('k3yboard ak3y k3y9');
  });

  it('scrubs a one-character secret and leaves the rest of the line alone', () => {
    const { logger, lines } = capture('debug', ['x']);
    logger.info('max value exceeded', { value: 'x', ip: '10.0.0.1' });
    const record = JSON.parse(lines[0] ?? '');
    expect(record).toMatchObject({ msg: 'max value exceeded', value: REDACTED, ip: '10.0.0.1' });
  });

  it('scrubs a long secret even when a short one is part of it', () => {
    const { logger, lines } = capture('debug', ['abc', 'abc-long-secret-value']);
    logger.info('leak abc-long-secret-value and abc');
    expect(JSON.parse(lines[0] ?? '').msg).toBe(`leak ${REDACTED} and ${REDACTED}`);
  });

  it('does not mask fields that only report whether a secret was present or matched', () => {
    const { logger, lines } = capture();
    logger.warn('bad webhook', {
      hasToken: false,
      tokenStatus: 'mismatch',
      secretState: 'absent',
      token: 't',
    });
    const record = JSON.parse(lines[0] ?? '');
    expect(record).toMatchObject({ hasToken: false, tokenStatus: 'mismatch', secretState: 'absent' });
    expect(record.token).toBe(REDACTED);
  });
});

describe('IC numbers in log lines', () => {
  it('keeps only the last four digits of an IC number, with or without dashes', () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'info', write: (line) => lines.push(line) });
    logger.warn('payment call did not settle the order', {
      err: { message: 'Invalid IC 900101-14-5678 for account 900101145678' },
    });
    expect(lines[0]).not.toMatch(/900101/);
    expect(lines[0]).toContain('********5678');
  });

  it('leaves phone numbers, refids and amounts alone', () => {
    expect(maskIcNumbers('60123456789 oAB12 1000 2025-05-20T13:09:34')).toBe(
      '60123456789 oAB12 1000 2025-05-20T13:09:34',
    );
  });
});
