import { randomBytes } from 'node:crypto';

/** Random serials and PINs for both sandboxes' fulfilments, uniform over their alphabets. */

/** 32 symbols without the look-alikes I, O, 0 and 1, so `byte & 31` picks one without bias. */
const PIN_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function randomDigits(count: number): string {
  let out = '';
  while (out.length < count) {
    for (const byte of randomBytes(count)) {
      // Rejecting 250..255 keeps every digit equally likely.
      if (byte < 250 && out.length < count) out += String(byte % 10);
    }
  }
  return out;
}

export function randomPin(count: number): string {
  let out = '';
  for (const byte of randomBytes(count)) out += PIN_ALPHABET[byte & 31];
  return out;
}
