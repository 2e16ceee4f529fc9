import { parseDecimalToMinor } from '../../src/payments/money.js';
import {
  findBiller,
  findProduct,
  PTPTN_SUBPRODUCT_CODES,
  plansForNumber,
  type SandboxProduct,
} from './fixtures.js';
import type { NewTransaction } from './ledger.js';
import { senListToWire, senToWire } from './wire-format.js';

/**
 * The checks IIMMPACT makes before it creates a transaction. A failure here is the HTTP 400 + Failed
 * answer: nothing is stored, the refid stays free, and the client may fix the input and retry with
 * the same refid (spec §8).
 */

export type TopupValidation =
  | { ok: true; transaction: NewTransaction }
  | { ok: false; statusCode: number; remarks: string };

export const REFID_MAX_LENGTH = 50;
const AMOUNT_PATTERN = /^\d+(\.\d{1,2})?$/;
const IC_PATTERN = /^[A-Za-z0-9]{6,20}$/;

function reject(statusCode: number, remarks: string): TopupValidation {
  return { ok: false, statusCode, remarks };
}

/** Reads the refid alone, so a known refid can be answered before anything else is judged. */
export function readRefid(body: Record<string, unknown>): string | undefined {
  const refid = body.refid;
  if (typeof refid !== 'string') return undefined;
  if (refid.length < 1 || refid.length > REFID_MAX_LENGTH || refid.trim() !== refid) return undefined;
  return refid;
}

/** Accepts "10", "10.5", 10 or 10.5; refuses more than 2 decimals, signs, exponents and non-numbers. */
export function parseAmountSen(amount: unknown): number | undefined {
  let text: string;
  if (typeof amount === 'number') {
    if (!Number.isFinite(amount)) return undefined;
    text = String(amount);
  } else if (typeof amount === 'string') {
    text = amount.trim();
  } else {
    return undefined;
  }
  if (!AMOUNT_PATTERN.test(text)) return undefined;
  return parseDecimalToMinor(text, 'MYR');
}

function readExtras(value: unknown): Record<string, string> | undefined {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) return undefined;
  const extras: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined || item === null || item === '') continue;
    if (typeof item !== 'string') return undefined;
    extras[key] = item;
  }
  return extras;
}

function checkIcNumber(ic: string | undefined, who: string): TopupValidation | undefined {
  if (ic === undefined) return reject(44, `extras.ic_number is required (${who})`);
  if (ic.includes('-')) return reject(44, 'extras.ic_number must be sent without dashes');
  if (!IC_PATTERN.test(ic)) return reject(44, 'extras.ic_number is not a valid IC or passport number');
  return undefined;
}

function invalidDenomination(detail: string): TopupValidation {
  return reject(58, `Invalid denomination: ${detail}`);
}

/** Checks extras and the amount for one product; returns a rejection or undefined when fine. */
function checkProductRules(
  product: SandboxProduct,
  account: string,
  amountSen: number,
  extras: Record<string, string>,
): TopupValidation | undefined {
  switch (product.extras) {
    case 'mobile-data': {
      const code = extras.subproduct_code;
      if (code === undefined) return reject(44, 'extras.subproduct_code is required for mobile data');
      const plan = plansForNumber(product.code, account).find((p) => p.code === code);
      if (plan === undefined) return reject(44, `Plan "${code}" is not offered to this number`);
      if (plan.priceSen !== amountSen) {
        return invalidDenomination(`the plan costs ${senToWire(plan.priceSen)}`);
      }
      return undefined;
    }
    case 'ptptn': {
      const code = extras.subproduct_code;
      if (code === undefined) return reject(44, 'extras.subproduct_code is required for PTPTN');
      if (!PTPTN_SUBPRODUCT_CODES.includes(code))
        return reject(44, `Unknown PTPTN subproduct_code "${code}"`);
      const icProblem = checkIcNumber(extras.ic_number, 'recipient IC for PTPTN');
      if (icProblem !== undefined) return icProblem;
      break;
    }
    case 'jompay': {
      const billerCode = extras.biller_code;
      if (billerCode === undefined) return reject(44, 'extras.biller_code is required for JomPAY');
      const biller = findBiller(billerCode);
      if (biller === undefined) return reject(44, 'The provided biller code is invalid');
      const icProblem = checkIcNumber(extras.ic_number, 'payee IC for JomPAY');
      if (icProblem !== undefined) return icProblem;
      if (biller.requiresRef2 && extras.ref2 === undefined) return reject(44, 'Ref-2 is required');
      if (amountSen < biller.minSen || amountSen > biller.maxSen) {
        return invalidDenomination(
          `${biller.name} accepts ${senToWire(biller.minSen)}-${senToWire(biller.maxSen)}`,
        );
      }
      return undefined;
    }
    case 'none':
      break;
  }

  const rule = product.amount;
  if (rule.kind === 'fixed' && !rule.denominationsSen.includes(amountSen)) {
    return invalidDenomination(`allowed amounts are ${senListToWire(rule.denominationsSen)}`);
  }
  if (rule.kind === 'range') {
    if (amountSen < rule.minSen || amountSen > rule.maxSen) {
      return invalidDenomination(`allowed range is ${senToWire(rule.minSen)}-${senToWire(rule.maxSen)}`);
    }
    if (rule.dataType === 'Integer' && amountSen % 100 !== 0) {
      return invalidDenomination('whole ringgit amounts only');
    }
  }
  return undefined;
}

export interface ValidateTopupOptions {
  /** The refid, already read by readRefid. */
  refid: string;
  walletSen: number;
}

export function validateTopup(body: Record<string, unknown>, options: ValidateTopupOptions): TopupValidation {
  const { product: productCode, account, remarks } = body;
  if (typeof productCode !== 'string' || productCode === '') return reject(44, 'product is required');
  if (typeof account !== 'string' || account.trim() === '') return reject(44, 'account is required');
  if (account.length > 50) return reject(44, 'account is too long');
  if (body.amount === undefined || body.amount === null || body.amount === '') {
    return reject(44, 'amount is required');
  }
  if (remarks !== undefined && remarks !== null && typeof remarks !== 'string') {
    return reject(44, 'remarks must be a string');
  }
  const extras = readExtras(body.extras);
  if (extras === undefined) return reject(44, 'extras must be an object of strings');

  const product = findProduct(productCode);
  if (product === undefined) return reject(44, `Invalid product ${productCode}`);
  if (product.status !== 'Active') return reject(44, `Product ${productCode} is inactive`);

  const amountSen = parseAmountSen(body.amount);
  if (amountSen === undefined || amountSen <= 0) return invalidDenomination('amount is not a valid decimal');

  const problem = checkProductRules(product, account, amountSen, extras);
  if (problem !== undefined) return problem;

  const discountSen = Math.round((amountSen * product.discountBasisPoints) / 10_000);
  const costSen = amountSen - discountSen;
  if (costSen > options.walletSen) return reject(43, 'Insufficient credit in client wallet');

  return {
    ok: true,
    transaction: {
      refid: options.refid,
      product,
      account,
      amountSen,
      costSen,
      remarks: typeof remarks === 'string' ? remarks : '',
      extras,
    },
  };
}
