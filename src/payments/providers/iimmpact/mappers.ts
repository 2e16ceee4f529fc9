import { type Money, money, parseDecimalToMinor } from '../../money.js';
import type { ProviderTransaction } from '../../reconciliation/ports.js';
import type {
  AmountRule,
  BillPresentment,
  NetworkStatus,
  PaymentOutcome,
  Product,
  ProductProblem,
  SubProduct,
  WalletBalance,
} from '../../types.js';
import type { WireHistoryTransaction, WireProduct, WireSubproduct, WireTransaction } from './schemas.js';
import { DUPLICATE_CODE, iimmpactFailure, mapIimmpactStatus } from './status.js';
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
      duplicate: outcome.state === 'failed' && wire.statusCode === DUPLICATE_CODE ? true : undefined,
    }),
  );
}

/**
 * The product list states amounts as a comma-separated list ("5,10,30") or, for bills, a range
 * ("1-1000", seed 002). Whether sen are allowed is `denomination_data_type` (spec §6.5) or, in the
 * older list, `datatype` ("Decimal" | "Integer"). When neither is sent we allow sen: the docs say
 * /topup parses `amount` as a decimal, and the one documented range is Decimal; a wrong amount is
 * refused with HTTP 400 and no transaction, never charged.
 *
 * A denomination we cannot read is not guessed at: the rule becomes an empty fixed list (nothing can
 * be chosen) and `readAmountRule` reports the problem, which makes the product unsellable.
 */
export function readAmountRule(wire: WireProduct): { rule: AmountRule; problem?: ProductProblem } {
  const dataType = (wire.denomination_data_type ?? wire.datatype ?? '').trim().toLowerCase();
  const wholeUnitsOnly = dataType === 'integer';
  const text = wire.denomination?.replace(/\s+/g, '') ?? '';
  if (text === '') return { rule: { kind: 'open', wholeUnitsOnly } };
  const range = /^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$/.exec(text);
  if (range) {
    const min = toSen(range[1]);
    const max = toSen(range[2]);
    if (min && max && min.minor > 0 && min.minor <= max.minor) {
      return { rule: { kind: 'range', min, max, wholeUnitsOnly } };
    }
  }
  const choices = range ? [] : parseAmountList(text);
  if (choices.length > 0) {
    const suggested = parseAmountList(wire.common_denominations?.replace(/\s+/g, '') ?? '').filter((s) =>
      choices.some((c) => c.minor === s.minor),
    );
    return { rule: { kind: 'fixed', choices, suggested } };
  }
  return {
    rule: { kind: 'fixed', choices: [], suggested: [] },
    problem: { reason: 'unreadable-denomination', detail: (wire.denomination ?? '').slice(0, 200) },
  };
}

export function toAmountRule(wire: WireProduct): AmountRule {
  return readAmountRule(wire).rule;
}

function parseAmountList(text: string): Money[] {
  if (!text) return [];
  const amounts = text.split(',').map((part) => toSen(part));
  return amounts.every((a) => a !== undefined && a.minor > 0) ? (amounts as Money[]) : [];
}

/**
 * PTPTN is known by its product code, as the docs know it: its accounts are looked up by the payer's
 * NRIC and paid with a sub-product code (seed 002, spec §6.6, §6.15). The docs show no `account_type`
 * value for it, so none is relied on.
 */
const PTPTN_CODES = new Set(['PTPTN']);
/** JomPAY needs a biller (a sub-product) before anything else (spec §6.15). */
const BILLER_CODES = new Set(['JOMPAY']);

/** The older list's "account: Mobile Number/Account Number" names the account field's label. */
function labelFromApiParameter(text: string | undefined): string | undefined {
  const match = /^\s*account\s*:\s*(.+?)\s*$/i.exec(text ?? '');
  return match?.[1] || undefined;
}

export function toProduct(wire: WireProduct): Product {
  const code = wire.product_code;
  const { rule, problem } = readAmountRule(wire);
  const isPtptn = PTPTN_CODES.has(code.toUpperCase());
  const product: Product = {
    code,
    name: wire.product_name ?? wire.display_name ?? code,
    active: problem === undefined && (wire.status ?? 'Active').toLowerCase() === 'active',
    group: wire.product_group ?? wire.group_type ?? 'Other',
    category: wire.category ?? wire.product_group ?? wire.group_type ?? 'Other',
    accountLabel: wire.account_label ?? labelFromApiParameter(wire.api_parameter) ?? 'Account Number',
    accountType: isPtptn ? 'ic_number' : (wire.account_type ?? 'account_number'),
    keyboard: (wire.keyboard_type ?? '').toLowerCase() === 'numeric' ? 'numeric' : 'text',
    hasSubproducts: wire.has_subproduct || isPtptn || BILLER_CODES.has(code.toUpperCase()),
    amount: rule,
    refundable: wire.is_refundable,
  };
  const instructions = wire.product_remarks ?? wire.note;
  if (instructions) product.instructions = instructions;
  const imageUrl = wire.image_url ?? wire.product_img;
  if (imageUrl) product.imageUrl = imageUrl;
  if (problem) product.unsellable = problem;
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
const BILL_UNAVAILABLE_FOR_PRODUCT = 'bill presentment is unavailable for this product';
/** The error_message that asks for Ref-2 (seed 003); matched on its words so a rewording still asks. */
const REF2_REQUIRED = /\bref[\s-]?2\b.*\brequired\b/i;

export function asksForRef2(errorMessage: string | undefined): boolean {
  return errorMessage !== undefined && REF2_REQUIRED.test(errorMessage);
}

/** Known bill fields, by every spelling seen (v2 PascalCase, legacy camelCase). */
const BILL_FIELDS = {
  billerName: ['BillerName', 'billerName'],
  customerName: ['CustomerName', 'customerName'],
  outstanding: ['Outstanding', 'outstanding'],
  balanceText: ['Balance', 'balance'],
  dataBalance: ['Data', 'data'],
  address: ['Address', 'address'],
  eBillUrl: ['E-Bill', 'eBill', 'EBill'],
  dueDate: ['DueDate', 'dueDate'],
} as const;
const CUSTOM_FIELD_KEYS = ['CustomField', 'customField'] as const;
/** Keys that are not bill details: the outcome, its envelope, and seed 002's in-`data` copies of it. */
const IGNORED_BILL_KEYS = new Set([
  'message',
  'error_message',
  'errorMessage',
  'metadata',
  '@metadata',
  'transaction_validity',
  'transaction_message',
  ...CUSTOM_FIELD_KEYS,
]);

/** The top-level fields of a bill presentment answer, next to `data` (seed 003). */
export interface BillEnvelope {
  transaction_validity?: unknown;
  transaction_message?: unknown;
  error_message?: unknown;
}

/**
 * A bill presentment answer (HTTP 200) as data. Only "Invalid account no" stops the buyer; every other
 * message, known or not, lets them pay without bill details (seed 003's table). Only fields the
 * provider returned are kept.
 *
 * `transaction_validity` / `transaction_message` say whether paying this account will go through:
 * top level and boolean in seed 003, inside `data` and as strings ("false") in seed 002. Both are
 * read; `false` makes the outcome `invalid` with the provider's message, so no buyer is led into a
 * payment the provider said will fail.
 */
export function toBillPresentment(
  data: Record<string, unknown>,
  envelope: BillEnvelope = {},
): BillPresentment {
  const message = textOf(data.message) ?? '';
  const normalized = message.trim().toLowerCase();
  const errorMessage =
    textOf(envelope.error_message) ?? textOf(data.error_message) ?? textOf(data.errorMessage);
  if (normalized === BILL_INVALID || (normalized !== BILL_VALID && asksForRef2(errorMessage))) {
    const reason = errorMessage ?? message;
    return asksForRef2(reason)
      ? { outcome: 'invalid', message: reason, ref2Required: true, otherFields: [] }
      : { outcome: 'invalid', message: reason, otherFields: [] };
  }
  const validity = readValidity(
    envelope.transaction_validity ?? data.transaction_validity,
    envelope.transaction_message ?? data.transaction_message,
  );
  if (normalized !== BILL_VALID) {
    if (validity?.allowed === false) {
      return { outcome: 'invalid', message: validity.message ?? message, validity, otherFields: [] };
    }
    return normalized === BILL_UNAVAILABLE_FOR_PRODUCT
      ? { outcome: 'unavailable', message, productWide: true, otherFields: [] }
      : { outcome: 'unavailable', message, otherFields: [] };
  }

  const known = new Set<string>(IGNORED_BILL_KEYS);
  const pick = (names: readonly string[]) => {
    for (const name of names) {
      known.add(name);
      const value = textOf(data[name]);
      if (value !== undefined) return value;
    }
    return undefined;
  };
  const dueText = pick(BILL_FIELDS.dueDate);
  const dueDate = parseBillDate(dueText);
  const customFields = readCustomFields(CUSTOM_FIELD_KEYS.map((key) => data[key]));
  const picked = {
    billerName: pick(BILL_FIELDS.billerName),
    customerName: pick(BILL_FIELDS.customerName),
    outstanding: toSen(pick(BILL_FIELDS.outstanding)),
    balanceText: pick(BILL_FIELDS.balanceText),
    dataBalance: pick(BILL_FIELDS.dataBalance),
    address: pick(BILL_FIELDS.address),
    eBillUrl: pick(BILL_FIELDS.eBillUrl),
    dueDate,
    dueDateText: dueDate === undefined ? dueText : undefined,
    customFields: customFields.length > 0 ? customFields : undefined,
    validity,
  };
  const refused = validity?.allowed === false;
  const bill: BillPresentment = Object.assign(
    {
      outcome: refused ? ('invalid' as const) : ('valid' as const),
      message: refused ? (validity.message ?? message) : message,
      otherFields: [] as BillPresentment['otherFields'],
    },
    withoutUndefined(picked),
  );
  for (const [key, value] of Object.entries(data)) {
    const text = textOf(value);
    if (!known.has(key) && text !== undefined) bill.otherFields.push([key, text]);
  }
  return bill;
}

/** true/false, as booleans or the strings "true"/"false"; null, empty or anything else: not said. */
function readValidity(value: unknown, message: unknown): BillPresentment['validity'] {
  const word = typeof value === 'string' ? value.trim().toLowerCase() : value;
  const allowed =
    word === true || word === 'true' ? true : word === false || word === 'false' ? false : undefined;
  if (allowed === undefined) return undefined;
  const text = textOf(message);
  return text === undefined ? { allowed } : { allowed, message: text };
}

/**
 * "13/06/2025" (dd/MM/yyyy, seeds 002 and 003) as "2025-06-13"; an ISO date is kept. Undefined when
 * it is neither, or not a real date.
 */
export function parseBillDate(text: string | undefined): string | undefined {
  const trimmed = text?.trim() ?? '';
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  const dayFirst = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$/.exec(trimmed);
  const parts = iso
    ? [iso[3], iso[2], iso[1]]
    : dayFirst
      ? [dayFirst[1], dayFirst[2], dayFirst[3]]
      : undefined;
  if (!parts) return undefined;
  const [day, month, year] = parts.map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return undefined;
  }
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The most custom fields kept from one bill; a runaway biller must not fill the card. */
const MAX_CUSTOM_FIELDS = 20;

/**
 * CustomField "may be a string, number, object, array, or null" (seed 003): a bare value becomes one
 * unlabelled field, an object's entries labelled fields, an array each of its items.
 */
function readCustomFields(values: unknown[]): Array<{ label?: string; value: string }> {
  const fields: Array<{ label?: string; value: string }> = [];
  const add = (value: unknown, label?: string, depth = 0) => {
    if (fields.length >= MAX_CUSTOM_FIELDS) return;
    const text = textOf(value);
    if (text !== undefined) {
      fields.push(label === undefined ? { value: text } : { label, value: text });
      return;
    }
    if (typeof value === 'boolean') {
      fields.push(label === undefined ? { value: String(value) } : { label, value: String(value) });
      return;
    }
    if (depth > 1 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) add(item, label, depth + 1);
      return;
    }
    for (const [key, item] of Object.entries(value)) add(item, key.trim() || label, depth + 1);
  };
  for (const value of values) add(value);
  return fields;
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

/**
 * One row of the transaction history. Undefined without a refid: such a row cannot be matched to an
 * order, and the reconciliation reports it by trxid instead (see the client).
 */
export function toProviderTransaction(wire: WireHistoryTransaction): ProviderTransaction {
  const tx: ProviderTransaction = {
    refid: wire.refid ?? '',
    product: wire.product_code ?? '',
    account: wire.account ?? '',
    state: mapIimmpactStatus(wire.status_code, wire.status),
    providerStatus: wire.status ?? (wire.status_code === undefined ? '' : String(wire.status_code)),
  };
  return Object.assign(
    tx,
    withoutUndefined({
      providerId: wire.trxid,
      productName: wire.product_name,
      amount: toSen(wire.amount),
      cost: toSen(wire.cost),
      at: parseIsoOrderedTimestamp(wire.date),
    }),
  );
}
