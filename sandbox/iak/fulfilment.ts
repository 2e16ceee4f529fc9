import { randomDigits, randomPin } from '../kit/random.js';
import type { IakFulfilmentKind, IakSandboxProduct } from './fixtures.js';
import { PLN_VALID_METER } from './fixtures.js';

/**
 * What a successful top-up hands over, in IAK's SN formats (spec §5.11). Serials, PINs and tokens
 * are random per transaction so a client cannot pass a test by hard-coding them; they are secrets in
 * the product sense and never logged.
 */
export interface IakFulfilment {
  sn: string;
  /** Game vouchers only; empty otherwise. */
  pin: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function group(text: string, size: number, separator: string): string {
  return text.match(new RegExp(`.{1,${size}}`, 'g'))?.join(separator) ?? text;
}

function isoDate(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

export function createIakFulfilment(product: IakSandboxProduct, nowMs: number): IakFulfilment {
  const kind: IakFulfilmentKind = product.fulfilment;
  switch (kind) {
    case 'reload':
      return { sn: randomDigits(18), pin: '' };
    case 'pln-token': {
      // "Token/CustomerName/SegmentPower/kWh"; the 20-digit token is what the buyer keys into the meter.
      const nominal = Number(product.nominal) || product.price;
      const kwh = (nominal / 1_444.7).toFixed(1);
      const name = PLN_VALID_METER.name.toUpperCase();
      return {
        sn: `${group(randomDigits(20), 4, '-')}/${name}/${PLN_VALID_METER.segmentPower}/${kwh}`,
        pin: '',
      };
    }
    case 'game-voucher':
      return { sn: group(randomPin(16), 4, '-'), pin: randomDigits(12) };
    case 'voucher':
      return { sn: `${randomPin(12)} / ${isoDate(nowMs + 180 * DAY_MS)}`, pin: '' };
    case 'emoney':
      return { sn: `SANDBOX USER ${randomDigits(15)}`, pin: '' };
  }
}
