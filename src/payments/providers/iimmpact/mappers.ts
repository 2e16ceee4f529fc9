import { type Money, money, parseDecimalToMinor } from '../../money.js';
import type {
  AmountRule,
  BillPresentment,
  NetworkStatus,
  PaymentOutcome,
  Product,
  SubProduct,
  WalletBalance,
} from '../../types.js';
import type { WireProduct, WireSubproduct, WireTransaction } from './schemas.js';
import { iimmpactFailure, mapIimmpactStatus } from './status.js';
import { parseCompactDate, parseIsoOrderedTimestamp } from './wire-time.js';

/** Wire-to-domain conversions for IIMMPACT. Every amount is MYR and becomes integer sen here. */

/** Drops undefined properties, so optional domain fields are absent rather than present-but-undefined. */
export function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function toSen(value: string | number | undefined): Money | undefined {
  if (value === undefined) return undefined;
  const minor = parseDecimalToMinor(value, 'MYR');
  return minor === undefined ? undefined : money(minor, 'MYR');
}

export function toWalletBalance(data: {
  account?: string | undefined;
  name?: string | undefined;
  balance: string | number;
  level?: string | undefined;
  access?: number | undefined;
}): WalletBalance | undefined {
  const balance = toSen(data.balance);
  if (!balance) return undefined;
  return {
    account: data.account ?? '',
    name: data.name ?? '',
    balance,
    level: data.level ?? '',
    // 0 is full access; 50 is read-only. Anything other than 0 cannot pay.
    readOnly: data.access !== undefined && data.access !== 0,
  };
}

export function toPaymentOutcome(refid: string, wire: WireTransaction): PaymentOutcome {
  const outcome: PaymentOutcome = {
    refid,
    state: mapIimmpactStatus(wire.statusCode, wire.status),
    providerStatus: wire.status ?? '',
    providerCode: wire.statusCode === undefined ? '' : String(wire.statusCode),
  };
  return Object.assign(
    outcome,
    withoutUndefined({
      amount: toSen(wire.amount),
      cost: toSen(wire.cost),
      balanceAfter: toSen(wire.balance),
      productName: wire.productName,
      serialNumber: wire.sn,
      pin: wire.pin,
      expiry: parseCompactDate(wire.expiry),
      voucherLink: wire.voucherlink,
      note: wire.note,
      remarks: wire.remarks,
      providerTime: parseIsoOrderedTimestamp(wire.timestamp),
      failure:
        outcome.state === 'failed' || outcome.state === 'refunded'
          ? iimmpactFailure(wire.statusCode, wire.remarks)
          : undefined,
    }),
  );
}

/**
 * The product list states amounts as a comma-separated list ("5,10,30"). Free-amount products are
 * not shown in the docs; we read "min-max" (e.g. "1-5000") as a range and an empty value as open.
 */
export function toAmountRule(wire: WireProduct): AmountRule {
  const wholeUnitsOnly = (wire.denomination_data_type ?? 'Integer').toLowerCase() === 'integer';
  const text = wire.denomination?.replace(/\s+/g, '') ?? '';
  const range = /^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$/.exec(text);
  if (range) {
    const min = toSen(range[1]);
    const max = toSen(range[2]);
    if (min && max) return { kind: 'range', min, max, wholeUnitsOnly };
  }
  const choices = parseAmountList(text);
  if (choices.length > 0) {
    const suggested = parseAmountList(wire.common_denominations?.replace(/\s+/g, '') ?? '').filter((s) =>
      choices.some((c) => c.minor === s.minor),
    );
    return { kind: 'fixed', choices, suggested };
  }
  return { kind: 'open', wholeUnitsOnly };
}

function parseAmountList(text: string): Money[] {
  if (!text) return [];
  const amounts = text.split(',').map((part) => toSen(part));
  return amounts.every((a) => a !== undefined) ? (amounts as Money[]) : [];
}

export function toProduct(wire: WireProduct): Product {
  const product: Product = {
    code: wire.product_code,
    name: wire.product_name ?? wire.product_code,
    active: (wire.status ?? 'Active').toLowerCase() === 'active',
    group: wire.product_group ?? 'Other',
    category: wire.category ?? wire.product_group ?? 'Other',
    accountLabel: wire.account_label ?? 'Account Number',
    accountType: wire.account_type ?? 'account_number',
    keyboard: (wire.keyboard_type ?? '').toLowerCase() === 'numeric' ? 'numeric' : 'text',
    hasSubproducts: wire.has_subproduct,
    amount: toAmountRule(wire),
    refundable: wire.is_refundable,
  };
  if (wire.product_remarks) product.instructions = wire.product_remarks;
  if (wire.image_url) product.imageUrl = wire.image_url;
  return product;
}

export function toSubProduct(wire: WireSubproduct): SubProduct {
  const item: SubProduct = { code: wire.subproduct_code, name: wire.display_name ?? wire.subproduct_code };
  return Object.assign(
    item,
    withoutUndefined({
      price: toSen(wire.denomination),
      faceValue: toSen(wire.face_value),
      validity: wire.validity,
      description: wire.description,
      accountNumber: wire.account_number,
      additionalDescription: wire.additional_description,
      min: toSen(wire.min),
      max: toSen(wire.max),
    }),
  );
}

const BILL_VALID = 'account no is valid';
const BILL_INVALID = 'invalid account no';

/** Known bill fields, by every spelling seen (v2 PascalCase, legacy camelCase). */
const BILL_FIELDS = {
  billerName: ['BillerName', 'billerName'],
  customerName: ['CustomerName', 'customerName'],
  outstanding: ['Outstanding', 'outstanding'],
  balanceText: ['Balance', 'balance'],
  dataBalance: ['Data', 'data'],
  address: ['Address', 'address'],
  eBillUrl: ['E-Bill', 'eBill', 'EBill'],
} as const;
const IGNORED_BILL_KEYS = new Set(['message', 'error_message', 'errorMessage', 'customField']);

/**
 * Only "Invalid account no" stops the buyer; every other message, known or not, lets them pay
 * without bill details. Only fields the provider returned are kept.
 */
export function toBillPresentment(data: Record<string, unknown>): BillPresentment {
  const message = textOf(data.message) ?? '';
  const normalized = message.trim().toLowerCase();
  const known = new Set<string>(IGNORED_BILL_KEYS);
  const pick = (names: readonly string[]) => {
    for (const name of names) {
      known.add(name);
      const value = textOf(data[name]);
      if (value !== undefined) return value;
    }
    return undefined;
  };
  const picked = {
    billerName: pick(BILL_FIELDS.billerName),
    customerName: pick(BILL_FIELDS.customerName),
    outstanding: toSen(pick(BILL_FIELDS.outstanding)),
    balanceText: pick(BILL_FIELDS.balanceText),
    dataBalance: pick(BILL_FIELDS.dataBalance),
    address: pick(BILL_FIELDS.address),
    eBillUrl: pick(BILL_FIELDS.eBillUrl),
  };
  if (normalized === BILL_INVALID) {
    const reason = textOf(data.error_message) ?? textOf(data.errorMessage) ?? message;
    return { outcome: 'invalid', message: reason, otherFields: [] };
  }
  if (normalized !== BILL_VALID) return { outcome: 'unavailable', message, otherFields: [] };
  const bill: BillPresentment = Object.assign(
    { outcome: 'valid' as const, message, otherFields: [] as BillPresentment['otherFields'] },
    withoutUndefined(picked),
  );
  for (const [key, value] of Object.entries(data)) {
    const text = textOf(value);
    if (!known.has(key) && text !== undefined) bill.otherFields.push([key, text]);
  }
  return bill;
}

function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

export function toNetworkStatus(
  product: string,
  data: { product_code?: string; product_name?: string; product_img?: string; network_status: string },
): NetworkStatus {
  const status: NetworkStatus = {
    product: data.product_code ?? product,
    name: data.product_name ?? product,
    healthy: data.network_status.trim().toLowerCase() === 'healthy',
    status: data.network_status,
  };
  if (data.product_img) status.imageUrl = data.product_img;
  return status;
}
