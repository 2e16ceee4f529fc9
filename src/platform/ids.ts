import { randomBytes, randomUUID } from 'node:crypto';

/** Random values, injected so signing and order creation are reproducible in tests. */
export interface IdSource {
  /** A request nonce: 16 to 128 characters, unique per request. */
  nonce(): string;
  /**
   * A payment reference: unique per order, at most 50 characters (the provider's limit), and safe in
   * a URL, a Redis key and callback_data.
   */
  refid(): string;
}

export const randomIds: IdSource = {
  nonce: () => randomUUID(),
  refid: () => `o${Date.now().toString(36)}${randomBytes(9).toString('base64url')}`,
};
