/**
 * Fixed, public credentials of the local sandbox, so `npm run sandbox` and `npm run demo` work with no
 * set-up. They open nothing but the sandbox itself; the real provider has never seen them.
 */
export const SANDBOX_DEV_CREDENTIALS = {
  apiKey: 'sandbox-local-api-key',
  readOnlyApiKey: 'sandbox-local-read-only-key',
  // Base64 of "local sandbox hmac secret, not for production".
  hmacSecret: Buffer.from('local sandbox hmac secret, not for production').toString('base64'),
} as const;

/**
 * The same for the local IAK sandbox (`npm run sandbox -- --provider iak`): a username in IAK's
 * phone-number form and a key that only the sandbox knows.
 */
export const IAK_SANDBOX_DEV_CREDENTIALS = {
  username: '081200000000',
  apiKey: 'iak-sandbox-local-key-not-for-production',
} as const;

/**
 * The same for the local Billplz sandbox (`npm run sandbox -- --billplz`): an API key, an X-Signature
 * key and a collection that only the sandbox knows.
 */
export const BILLPLZ_SANDBOX_DEV_CREDENTIALS = {
  apiKey: 'billplz-sandbox-local-key-not-for-production',
  xSignatureKey: 'S-billplz-sandbox-local-x-signature-key',
  collectionId: 'sandboxcol',
} as const;
