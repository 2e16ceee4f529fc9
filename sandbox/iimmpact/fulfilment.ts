import { randomBytes } from 'node:crypto';
import { randomDigits, randomPin } from '../kit/random.js';
import type { FulfilmentKind } from './fixtures.js';
import { formatCompactDate } from './wire-format.js';

/**
 * What a successful transaction hands over. Serials and PINs are random per transaction so a client
 * cannot pass a test by hard-coding them; they are secrets in the product sense and never logged.
 */
export interface FulfilmentFields {
  sn: string;
  pin: string;
  expiry: string;
  note: string;
  voucherlink: string;
}

export const EMPTY_FULFILMENT: FulfilmentFields = { sn: '', pin: '', expiry: '', note: '', voucherlink: '' };

const DAY_MS = 24 * 60 * 60 * 1000;
export function createFulfilment(kind: FulfilmentKind, nowMs: number): FulfilmentFields {
  switch (kind) {
    case 'reload':
      return { ...EMPTY_FULFILMENT, sn: randomDigits(12) };
    case 'bill':
      return { ...EMPTY_FULFILMENT, sn: `BP${randomDigits(10)}` };
    case 'voucher':
      return {
        sn: randomDigits(9),
        pin: randomPin(10),
        expiry: formatCompactDate(nowMs + 180 * DAY_MS),
        note: 'Open the Grab app, go to Gifts and enter this code at checkout.',
        voucherlink: `https://gifts.sandbox.example/redeem?id=${randomBytes(16).toString('hex')}`,
      };
    case 'esim': {
      const activation = [randomPin(4), randomPin(4), randomPin(4), randomPin(4)].join('-');
      return {
        // eSIM serials are ICCIDs: 89 (telecom) + 60 (Malaysia) + digits.
        sn: `8960${randomDigits(15)}`,
        pin: `LPA:1$smdp.sandbox.example$ACT-${activation}`,
        expiry: formatCompactDate(nowMs + 30 * DAY_MS),
        note: 'Scan the QR code from the link, or add the eSIM manually with the activation code, before you travel.',
        voucherlink: `https://esim.sandbox.example/install/${randomBytes(16).toString('hex')}`,
      };
    }
  }
}
