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
