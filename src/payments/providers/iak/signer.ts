import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * IAK request signing (spec §3): `sign = md5(username + api_key + additional)`, lowercase hex, a
 * plain concatenation with no separator, carried in the JSON body. What `additional` is depends on
 * the call; the constants and helpers below name each one so a caller cannot pick the wrong one.
 * Everything here is pure.
 */

export interface IakCredentials {
  /** The registered phone number, e.g. "081234567890". */
  username: string;
  /** The development or production key from the developer portal (they differ). */
  apiKey: string;
}

/** `additional` for the prepaid balance call. */
export const SIGN_BALANCE = 'bl';
/** `additional` for the prepaid price list (and the postpaid one). */
export const SIGN_PRICE_LIST = 'pl';
/** `additional` for check-operator. */
export const SIGN_CHECK_OPERATOR = 'op';

/** What each prepaid call signs, by call. */
export const iakSignInput = {
  /** Top-up and check-status sign the ref_id, so both signatures are equal for one ref_id. */
  topUp: (refId: string) => refId,
  checkStatus: (refId: string) => refId,
  /** A callback carries the same signature as the top-up it reports. */
  callback: (refId: string) => refId,
  balance: () => SIGN_BALANCE,
  priceList: () => SIGN_PRICE_LIST,
  checkOperator: () => SIGN_CHECK_OPERATOR,
  /** PLN and OVO inquiries sign the customer id (the meter or phone number). */
  inquiryPln: (customerId: string) => customerId,
  inquiryOvo: (customerId: string) => customerId,
  /** Game inquiries sign the game code. */
  game: (gameCode: string) => gameCode,
} as const;

/** md5(username + apiKey + additional) as 32 lowercase hex characters (UTF-8 bytes are hashed). */
export function iakSign(credentials: IakCredentials, additional: string): string {
  return createHash('md5')
    .update(`${credentials.username}${credentials.apiKey}${additional}`, 'utf8')
    .digest('hex');
}

/**
 * Compares a received sign with the expected one in constant time. Hex case is ignored (the docs do
 * not say whether IAK sends lowercase; a digest is the same either way); anything that is not 32 hex
 * characters is refused without comparing.
 */
export function verifyIakSign(credentials: IakCredentials, additional: string, given: string): boolean {
  const normalized = given.trim().toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(normalized)) return false;
  const expected = Buffer.from(iakSign(credentials, additional), 'utf8');
  return timingSafeEqual(expected, Buffer.from(normalized, 'utf8'));
}
