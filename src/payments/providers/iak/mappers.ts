import { type Money, money, parseDecimalToMinor } from '../../money.js';
import type {
  AccountFormat,
  BillPresentment,
  ElectricityToken,
  PaymentOutcome,
  Product,
  WalletBalance,
} from '../../types.js';
import { exclusivePrefixes, operatorOfProductCode } from './operators.js';
import { IAK_REQUEST_RC, iakFailure, mapIakStatus } from './rc.js';
import type { WirePlnInquiry, WirePriceItem, WireTransaction } from './schemas.js';

/** Wire-to-domain conversions for IAK. Every amount is IDR: integer rupiah, no minor digits. */

/** Drops undefined properties, so optional domain fields are absent rather than present-but-undefined. */
export function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function toRupiah(value: string | number | undefined): Money | undefined {
  if (value === undefined) return undefined;
  const minor = parseDecimalToMinor(value, 'IDR');
  return minor === undefined ? undefined : money(minor, 'IDR');
}

/** A voucher serial is "SerialNumber / ExpiredDate" (spec §5.11): the date becomes the expiry. */
const SERIAL_WITH_EXPIRY = /^(.+?)\s*\/\s*(\d{4}-\d{2}-\d{2})$/;

/**
 * One transaction answer (top-up, check-status or callback) as a payment outcome. IAK quotes one
 * price per product code: it is both what the product costs and what the wallet is debited, so it
 * fills `amount` and `cost`. Deliverables (serial, PIN, eSIM activation code) are only passed on
 * with a success: a PIN next to a pending or failed status is never shown.
 */
export function toPaymentOutcome(refId: string, wire: WireTransaction): PaymentOutcome {
  const state = mapIakStatus(wire.status, wire.rc);
  const outcome: PaymentOutcome = {
    refid: refId,
    state,
    providerStatus: wire.message ?? (wire.status === undefined ? '' : String(wire.status)),
    providerCode: wire.rc ?? '',
  };
  const delivered = state === 'succeeded';
  const expiry = delivered && wire.sn ? SERIAL_WITH_EXPIRY.exec(wire.sn)?.[2] : undefined;
  const electricityToken = delivered ? parsePlnSerial(wire.sn) : undefined;
  return Object.assign(
    outcome,
    withoutUndefined({
      amount: toRupiah(wire.price),
      cost: toRupiah(wire.price),
      balanceAfter: toRupiah(wire.balance),
      // A PLN serial starts with the token itself: its parts live in `electricityToken` (sealed at
      // rest, hidden from admins), so the raw text must not be kept beside it as a plain serial.
      serialNumber: delivered && !electricityToken ? wire.sn : undefined,
      // An eSIM's activation code is what the buyer types, like a PIN.
      pin: delivered ? (wire.pin ?? wire.activationCode) : undefined,
      expiry,
      electricityToken,
      remarks: wire.message,
      failure: state === 'failed' ? iakFailure(wire.rc, wire.message) : undefined,
      aboutRequest: state === 'failed' && IAK_REQUEST_RC.has(wire.rc ?? '') ? true : undefined,
    }),
  );
}

/**
 * A PLN token serial, `Token/CustomerName/SegmentPower/kWh` (spec §5.11:
 * `0123-4567-8901-2345-6789/PT INDOBEST ARTHA KREASI/R1 /000001300/66.2`), in labelled parts. The
 * segment-power part holds a "/" itself, so the name is the second part, the kWh the last when it is
 * a number, and the tariff/power what lies between. Undefined when the serial is not of that shape
 * (the first part must be a token: at least 16 digits, in dash-separated groups).
 */
export function parsePlnSerial(serial: string | undefined): ElectricityToken | undefined {
  if (serial === undefined) return undefined;
  const parts = serial.split('/');
  const token = parts[0]?.trim() ?? '';
  if (parts.length < 2 || !/^\d+(?:-\d+)*$/.test(token) || token.replace(/-/g, '').length < 16)
    return undefined;
  const result: ElectricityToken = { token };
  const name = parts[1]?.trim();
  if (name) result.customerName = name;
  let rest = parts.slice(2);
  const last = rest.at(-1)?.trim() ?? '';
  // The segment power is itself two parts ("R1 " and "000001300"): a third is the kWh; with two, only
  // a decimal last part ("13.8") is taken for kWh rather than the power.
  const kwhPlace = rest.length >= 3 || (rest.length === 2 && last.includes('.'));
  if (kwhPlace && /^\d+(?:\.\d+)?$/.test(last)) {
    result.kwh = last;
    rest = rest.slice(0, -1);
  }
  const tariffPower = rest.join('/').trim();
  if (tariffPower) result.tariffPower = tariffPower;
  return result;
}

export function toWalletBalance(
  username: string,
  data: { balance: string | number; message?: string | undefined },
): WalletBalance | undefined {
  const balance = toRupiah(data.balance);
  if (!balance) return undefined;
  // IAK has no account name, level or read-only keys: the username (a phone number) names the wallet.
  return { account: username, name: 'IAK prepaid deposit', balance, level: '', readOnly: false };
}

/** A price-list entry with its values checked and typed. */
export interface IakPriceItem {
  code: string;
  /** Operator or brand ("XL", "Alfamart Voucher"). */
  description: string;
  /** Denomination as IAK words it ("25000", "Voucher Alfamart Rp 100.000"). */
  nominal: string;
  details: string | undefined;
  price: Money;
  /** pulsa, data, pln, game, voucher, etoll, or a country name for international products. */
  type: string;
  category: string | undefined;
  /** Validity in days, for pulsa and data; undefined when IAK says "0". */
  activePeriodDays: number | undefined;
  active: boolean;
  iconUrl: string | undefined;
}

const PLACEHOLDER = new Set(['-', '']);

function meaningful(text: string | undefined): string | undefined {
  return text === undefined || PLACEHOLDER.has(text.trim()) ? undefined : text.trim();
}

/** Undefined when the price is not a plain decimal: such a product cannot be sold. */
export function toPriceItem(wire: WirePriceItem): IakPriceItem | undefined {
  const price = toRupiah(wire.product_price);
  if (!price || price.minor <= 0) return undefined;
  const days = Number(wire.active_period ?? '0');
  const iconUrl = meaningful(wire.icon_url);
  return {
    code: wire.product_code,
    description: meaningful(wire.product_description) ?? wire.product_code,
    nominal: meaningful(wire.product_nominal) ?? '',
    details: meaningful(wire.product_details),
    price,
    type: (wire.product_type ?? '').toLowerCase(),
    category: meaningful(wire.product_category)?.toLowerCase(),
    activePeriodDays: Number.isInteger(days) && days > 0 ? days : undefined,
    active: (wire.status ?? 'active').trim().toLowerCase() === 'active',
    iconUrl: iconUrl && /^https?:\/\//.test(iconUrl) ? iconUrl : undefined,
  };
}

interface TypeRule {
  group: string;
  accountLabel: string;
  accountType: string;
  keyboard: Product['keyboard'];
  accountFormat: AccountFormat;
}

/** How each product type is presented (spec §5.1 lists what customer_id means per type). */
const TYPE_RULES: Readonly<Record<string, TypeRule>> = {
  pulsa: {
    group: 'Mobile Reload',
    accountLabel: 'Mobile Number',
    accountType: 'phone_number',
    keyboard: 'numeric',
    accountFormat: 'id-phone',
  },
  data: {
    group: 'Mobile Data',
    accountLabel: 'Mobile Number',
    accountType: 'phone_number',
    keyboard: 'numeric',
    accountFormat: 'id-phone',
  },
  pln: {
    group: 'Electricity',
    accountLabel: 'Meter Number',
    accountType: 'meter_number',
    keyboard: 'numeric',
    accountFormat: 'meter',
  },
  etoll: {
    group: 'E-Money',
    accountLabel: 'Phone or Card Number',
    accountType: 'account_number',
    keyboard: 'numeric',
    accountFormat: 'free-text',
  },
  voucher: {
    group: 'Vouchers',
    accountLabel: 'Mobile Number',
    accountType: 'phone_number',
    keyboard: 'numeric',
    accountFormat: 'id-phone',
  },
  // Game vouchers take a phone number (no SMS is sent); direct top-ups take the game ID ("123|456").
  game: {
    group: 'Games',
    accountLabel: 'Phone Number or Game ID',
    accountType: 'game_id',
    keyboard: 'text',
    accountFormat: 'game-id',
  },
};

/**
 * A number of another country (altel10: "Malaysia Topup"). Not an Indonesian number, so its account
 * type is not `phone_number`: the bot's Indonesian phone check must not refuse it.
 */
const INTERNATIONAL: TypeRule = {
  group: 'International',
  accountLabel: 'Mobile Number',
  accountType: 'international_phone',
  keyboard: 'text',
  accountFormat: 'international-phone',
};

/** Alipay takes IAK's combined form (seed 004): see `checkAccountFormat`. */
const ALIPAY: TypeRule = {
  group: 'International',
  accountLabel: 'CountryCode|PhoneNumber_Name',
  accountType: 'alipay_account',
  keyboard: 'text',
  accountFormat: 'alipay',
};

/** "esim-international: Random Number with format 08xxx (12 digits)" (seed 004). */
const ESIM: TypeRule = {
  group: 'eSIM',
  accountLabel: 'Mobile Number',
  accountType: 'phone_number',
  keyboard: 'numeric',
  accountFormat: 'id-phone',
};

const OTHER: TypeRule = {
  group: 'Other',
  accountLabel: 'Customer ID',
  accountType: 'customer_id',
  keyboard: 'text',
  accountFormat: 'free-text',
};

function ruleFor(item: IakPriceItem): TypeRule {
  const byType = TYPE_RULES[item.type];
  if (byType) return byType;
  if (item.type.startsWith('esim')) return ESIM;
  // International products have a country as their type ("malaysia") and "international" as category.
  if (item.category === 'international' || item.type === 'international') {
    return /alipay/i.test(`${item.code} ${item.description} ${item.nominal}`) ? ALIPAY : INTERNATIONAL;
  }
  return OTHER;
}

/** "25000" -> "25.000"; anything not a plain number is kept as written. */
function groupDigits(text: string): string {
  return /^\d{4,}$/.test(text) ? text.replace(/\B(?=(\d{3})+(?!\d))/g, '.') : text;
}

/**
 * The denomination in rupiah, when the nominal is a bare number of an Indonesian product ("10000"
 * for XL 10.000). An international product's nominal is in its country's money ("10" for a Malaysia
 * top-up of RM 10), and a descriptive one ("Voucher Alfamart Rp 100.000") is a name: neither is read.
 */
function faceValueOf(item: IakPriceItem, rule: TypeRule): Money | undefined {
  if (rule === INTERNATIONAL || rule === ALIPAY || !/^\d+$/.test(item.nominal)) return undefined;
  const nominal = Number(item.nominal);
  return Number.isSafeInteger(nominal) && nominal > 0 ? money(nominal, 'IDR') : undefined;
}

/**
 * IAK products are fixed-price codes, one denomination each, so the amount rule is a single fixed
 * choice: the price IAK charges the deposit (the shop adds its margin elsewhere); the nominal, when
 * it is a rupiah amount, is the face value the buyer sees. A bare numeric nominal ("25000") is named
 * after its operator ("XL 25.000"); a descriptive one is the name.
 */
export function toProduct(item: IakPriceItem): Product {
  const rule = ruleFor(item);
  const name =
    item.nominal === ''
      ? item.description
      : /^\d+$/.test(item.nominal)
        ? `${item.description} ${groupDigits(item.nominal)}`
        : item.nominal;
  const product: Product = {
    code: item.code,
    name,
    active: item.active,
    group: rule.group,
    category: item.description,
    accountLabel: rule.accountLabel,
    accountType: rule.accountType,
    keyboard: rule.keyboard,
    hasSubproducts: false,
    amount: { kind: 'fixed', choices: [item.price], suggested: [item.price] },
    refundable: false,
  };
  product.accountFormat = rule.accountFormat;
  // A pulsa or data code names its operator (spec §5.11): numbers of other operators are refused (rc 16).
  const operator =
    rule.accountFormat === 'id-phone' && (item.type === 'pulsa' || item.type === 'data')
      ? operatorOfProductCode(item.code)
      : undefined;
  if (operator) {
    product.operator = operator;
    product.operatorPrefixes = exclusivePrefixes(operator);
  }
  const faceValue = faceValueOf(item, rule);
  if (faceValue) product.faceValue = faceValue;
  if (item.details) product.instructions = item.details;
  if (item.activePeriodDays !== undefined) product.validityDays = item.activePeriodDays;
  if (item.iconUrl) product.imageUrl = item.iconUrl;
  return product;
}

/** Codes of a PLN inquiry that say the meter number is wrong: the buyer must re-enter it. */
const INVALID_METER_RC = new Set(['13', '14', '16', '203', '206']);

/**
 * A prepaid PLN meter inquiry as bill presentment: the customer's name and the meter's details, or
 * `invalid` when IAK says the number is wrong. Any other answer lets the buyer continue without
 * details (`unavailable`), as bill presentment does for the other provider.
 */
export function toBillPresentment(wire: WirePlnInquiry): BillPresentment {
  const state = mapIakStatus(wire.status, wire.rc);
  if (state === 'succeeded') {
    const bill: BillPresentment = Object.assign(
      {
        outcome: 'valid' as const,
        message: wire.message ?? 'SUCCESS',
        billerName: 'PLN',
        otherFields: [] as BillPresentment['otherFields'],
      },
      withoutUndefined({ customerName: wire.name }),
    );
    const fields: Array<[string, string | undefined]> = [
      ['Meter number', wire.meterNo],
      ['Customer ID', wire.customerId],
      ['Subscriber ID', wire.subscriberId],
      ['Tariff / power', wire.segmentPower],
    ];
    for (const [label, value] of fields) if (value !== undefined) bill.otherFields.push([label, value]);
    return bill;
  }
  // IAK's own words; the bot words the notice itself when there are none.
  const message = wire.message?.trim() ?? '';
  if (state === 'failed' && wire.rc !== undefined && INVALID_METER_RC.has(wire.rc)) {
    return { outcome: 'invalid', message, otherFields: [] };
  }
  return { outcome: 'unavailable', message, otherFields: [] };
}
