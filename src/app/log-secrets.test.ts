import { describe, expect, it } from 'vitest';
import { loadBotConfig } from '../config/env.js';
import { REDACTED } from '../platform/logger.js';
import { logSecrets, openParts } from './create-app.js';

/*
 * The logger `npm start` opens scrubs every secret of the configuration by value, wherever it ends
 * up in a line (an error message, a URL, a field whose name does not look secret).
 */

const BILLPLZ_API_KEY = 'billplz-api-key-0f3a9c21-7d4e';
const BILLPLZ_X_SIGNATURE_KEY = 'S-billplz-x-signature-Zq81hT';

const env = {
  IIMMPACT_BASE_URL: 'http://127.0.0.1:9/v2',
  IIMMPACT_API_KEY: 'iimmpact-key-for-log-test',
  IIMMPACT_HMAC_SECRET: Buffer.from('iimmpact hmac for the log test').toString('base64'),
  TELEGRAM_BOT_TOKEN: '123456:log-secrets-test-token',
  // Billplz's callback URL defaults from it.
  WEBHOOK_URL: 'https://shop.example/',
  WEBHOOK_SECRET: 'log-secrets-test-webhook-secret',
  LOG_LEVEL: 'debug',
};

const withBillplz = {
  ...env,
  BILLPLZ_API_KEY,
  BILLPLZ_X_SIGNATURE_KEY,
  BILLPLZ_COLLECTION_ID: 'logcoll',
  BILLPLZ_EMAIL: 'shop@example.com',
};

describe('secrets registered with the logger', () => {
  it('scrubs the Billplz API key and X Signature key from any log line', async () => {
    const lines: string[] = [];
    const parts = await openParts(loadBotConfig(withBillplz), { writeLog: (l) => lines.push(l) });
    try {
      parts.logger.warn(`GET https://${BILLPLZ_API_KEY}:@www.billplz.com/api/v3/bills/abc failed`, {
        note: BILLPLZ_X_SIGNATURE_KEY,
        err: new Error(`hmac key ${BILLPLZ_X_SIGNATURE_KEY} rejected`),
      });
    } finally {
      await parts.stores.close();
      await parts.provider.close();
    }
    const line = lines.at(-1) ?? '';
    expect(line).not.toContain(BILLPLZ_API_KEY);
    expect(line).not.toContain(BILLPLZ_X_SIGNATURE_KEY);
    const record = JSON.parse(line);
    expect(record.msg).toBe(`GET https://${REDACTED}:@www.billplz.com/api/v3/bills/abc failed`);
    expect(record.note).toBe(REDACTED);
    expect(record.err.message).toBe(`hmac key ${REDACTED} rejected`);
  });

  it('lists the Billplz keys only when Billplz is configured', () => {
    expect(logSecrets(loadBotConfig(withBillplz))).toEqual(
      expect.arrayContaining([BILLPLZ_API_KEY, BILLPLZ_X_SIGNATURE_KEY]),
    );
    const without = logSecrets(loadBotConfig(env));
    expect(without).toContain(env.TELEGRAM_BOT_TOKEN);
    expect(without.some((s) => s.includes('billplz'))).toBe(false);
  });
});
