import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sampleOrder } from '../../test/support/orders.js';
import { createLogger } from '../platform/logger.js';
import { createPinCipher, decodeDataKey } from './pin-cipher.js';

const PIN = 'GIFT-7730-1184-5521';
const withPin = () =>
  sampleOrder({
    state: 'succeeded',
    outcome: { refid: 'r', state: 'succeeded', providerStatus: 'Succesful', providerCode: '20', pin: PIN },
  });

describe('voucher PINs at rest', () => {
  const lines: string[] = [];
  const logger = createLogger({ level: 'info', write: (line) => lines.push(line) });

  it('seals a PIN so the stored record does not hold it, and opens it again', () => {
    const cipher = createPinCipher({ key: randomBytes(32), logger });
    const sealed = cipher.seal(withPin());
    expect(JSON.stringify(sealed)).not.toContain(PIN);
    expect(sealed.outcome?.pin).toMatch(/^enc:v1:[0-9a-f]{8}:/);
    expect(cipher.open(sealed).outcome?.pin).toBe(PIN);
    // Sealing twice does not wrap it twice; two seals of one PIN differ (a fresh IV each time).
    expect(cipher.seal(sealed).outcome?.pin).toBe(sealed.outcome?.pin);
    expect(cipher.seal(withPin()).outcome?.pin).not.toBe(sealed.outcome?.pin);
  });

  it('opens PINs sealed with a previous key after a rotation, and seals new ones with the new key', () => {
    const oldKey = randomBytes(32);
    const sealedBefore = createPinCipher({ key: oldKey, logger }).seal(withPin());
    const rotated = createPinCipher({ key: randomBytes(32), previousKeys: [oldKey], logger });
    expect(rotated.open(sealedBefore).outcome?.pin).toBe(PIN);
    expect(rotated.seal(rotated.open(sealedBefore)).outcome?.pin?.slice(0, 16)).not.toBe(
      sealedBefore.outcome?.pin?.slice(0, 16),
    );
  });

  it('leaves the PIN out, and says why by refid, when no configured key opens it', () => {
    const sealed = createPinCipher({ key: randomBytes(32), logger }).seal(withPin());
    const opened = createPinCipher({ key: randomBytes(32), logger }).open(sealed);
    expect(opened.outcome?.pin).toBeUndefined();
    expect(lines.join('\n')).toMatch(/a sealed PIN could not be opened/);
    expect(lines.join('\n')).not.toContain(PIN);
  });

  it('keeps a PIN no configured key opens as it was sealed when the order is written back', () => {
    const sealed = createPinCipher({ key: randomBytes(32), logger }).seal(withPin());
    const other = createPinCipher({ key: randomBytes(32), logger });
    const written = other.seal({ ...other.open(sealed), notifiedState: 'succeeded' });
    expect(written.outcome?.pin).toBe(sealed.outcome?.pin);
    expect(written).not.toHaveProperty('unopenedSecrets');
    expect(written.notifiedState).toBe('succeeded');
  });

  it('drops the serial of an older PLN order that still holds the token in clear, on its next write', () => {
    const token = '0123-4567-8901-2345-6789';
    const order = sampleOrder({
      state: 'succeeded',
      outcome: {
        refid: 'r',
        state: 'succeeded',
        providerStatus: 'SUCCESS',
        providerCode: '00',
        serialNumber: `${token}/PT INDOBEST ARTHA KREASI/R1 /000001300/66.2`,
        electricityToken: { token, customerName: 'PT INDOBEST ARTHA KREASI' },
      },
    });
    const cipher = createPinCipher({ key: randomBytes(32), logger });
    const sealed = cipher.seal(order);
    expect(JSON.stringify(sealed)).not.toContain('0123-4567');
    expect(cipher.open(sealed).outcome?.electricityToken?.token).toBe(token);
  });

  it('takes a key only as Base64 of exactly 32 bytes', () => {
    expect(decodeDataKey(randomBytes(32).toString('base64'))).toHaveLength(32);
    expect(decodeDataKey(randomBytes(16).toString('base64'))).toBeUndefined();
    expect(decodeDataKey('not base64 at all!')).toBeUndefined();
  });
});
