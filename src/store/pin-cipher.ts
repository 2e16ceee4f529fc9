import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { Order } from '../payments/orders/order.js';
import type { Logger } from '../platform/logger.js';

/**
 * Voucher PINs (and PLN tokens, which are as good as cash) at rest: the order store seals them with
 * AES-256-GCM before an order is written to Redis and opens them when it is read, so a Redis dump, a
 * backup or a replica's disk holds no usable PIN. The rest of the order stays readable (the Lua
 * scripts compare its version and state).
 *
 * A sealed value is `enc:v1:<key id>:<iv>:<ciphertext+tag>` (Base64url). The key id (the first 8 hex
 * digits of the key's SHA-256) says which key sealed it, so keys can rotate: put the new key in
 * DATA_ENCRYPTION_KEY and the old one in DATA_ENCRYPTION_PREVIOUS_KEYS; new writes use the new key,
 * old records still open, and each is re-sealed with the new key the next time it is written.
 */
export interface PinCipher {
  seal(order: Order): Order;
  open(order: Order): Order;
}

const PREFIX = 'enc:v1:';

/** Stores PINs as they are: the in-memory store, and Redis when no key is configured (development). */
export const PLAIN_PINS: PinCipher = { seal: (order) => order, open: (order) => order };

export function createPinCipher(options: {
  key: Buffer;
  previousKeys?: Buffer[];
  logger: Logger;
}): PinCipher {
  const log = options.logger.child({ component: 'pin-cipher' });
  const keyId = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 8);
  const currentId = keyId(options.key);
  const keys = new Map([options.key, ...(options.previousKeys ?? [])].map((key) => [keyId(key), key]));

  const sealText = (text: string): string => {
    if (text.startsWith(PREFIX)) return text;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', options.key, iv);
    const sealed = Buffer.concat([cipher.update(text, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `${PREFIX}${currentId}:${iv.toString('base64url')}:${sealed.toString('base64url')}`;
  };

  /** The plain text, or undefined (reported by refid) when no configured key opens it. */
  const openText = (text: string, refid: string): string | undefined => {
    if (!text.startsWith(PREFIX)) return text;
    const [id = '', iv = '', body = ''] = text.slice(PREFIX.length).split(':');
    const key = keys.get(id);
    try {
      if (!key) throw new Error('unknown key');
      const bytes = Buffer.from(body, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(bytes.subarray(bytes.length - 16));
      return Buffer.concat([
        decipher.update(bytes.subarray(0, bytes.length - 16)),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      log.error('a sealed PIN could not be opened: is its key in DATA_ENCRYPTION_PREVIOUS_KEYS?', {
        refid,
        keyId: id,
      });
      return undefined;
    }
  };

  /**
   * Opens what a configured key opens. A secret no key opens is left out of what the order shows (no
   * ciphertext on a receipt) and kept, as sealed, in `unopenedSecrets` for `seal` to put back.
   */
  const open = (order: Order): Order => {
    const outcome = order.outcome;
    if (!outcome || (outcome.pin === undefined && outcome.electricityToken === undefined)) return order;
    const next = { ...outcome };
    const unopened: NonNullable<Order['unopenedSecrets']> = {};
    if (next.pin !== undefined) {
      const pin = openText(next.pin, order.refid);
      if (pin === undefined) {
        unopened.pin = next.pin;
        delete next.pin;
      } else next.pin = pin;
    }
    if (next.electricityToken) {
      const sealed = next.electricityToken.token;
      const token = openText(sealed, order.refid);
      if (token === undefined) unopened.token = sealed;
      next.electricityToken = { ...next.electricityToken, token: token ?? '' };
    }
    const opened: Order = { ...order, outcome: next };
    if (unopened.pin !== undefined || unopened.token !== undefined) opened.unopenedSecrets = unopened;
    return opened;
  };

  /** Seals the order's secrets; one it could not open goes back as it was sealed. */
  const seal = (order: Order): Order => {
    const { unopenedSecrets: unopened, ...rest } = order;
    const outcome = rest.outcome;
    if (!outcome || (outcome.pin === undefined && outcome.electricityToken === undefined && !unopened))
      return rest;
    const next = { ...outcome };
    const pin = next.pin ?? unopened?.pin;
    if (pin !== undefined) next.pin = sealText(pin);
    if (next.electricityToken) {
      const token = next.electricityToken.token === '' ? unopened?.token : next.electricityToken.token;
      // An IAK order stored before the token was read out of the serial holds it there too, in clear.
      if (token && !token.startsWith(PREFIX) && next.serialNumber?.includes(token)) delete next.serialNumber;
      next.electricityToken = { ...next.electricityToken, token: token === undefined ? '' : sealText(token) };
    }
    return { ...rest, outcome: next };
  };

  return { seal, open };
}

/** A DATA_ENCRYPTION_KEY value: Base64 of exactly 32 bytes (`openssl rand -base64 32`). */
export function decodeDataKey(text: string): Buffer | undefined {
  const bytes = Buffer.from(text.trim(), 'base64');
  return bytes.length === 32 && /^[A-Za-z0-9+/]+={0,2}$/.test(text.trim()) ? bytes : undefined;
}
