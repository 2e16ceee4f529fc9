import { createHash } from 'node:crypto';
import { jsonResponse, messageResponse } from '../kit/http-io.js';
import {
  findBiller,
  findProduct,
  type SandboxProduct,
  TNB_INVALID_ACCOUNT,
  TNB_VALID_BILL,
} from './fixtures.js';
import type { RouteHandler } from './router.js';
import { parseAmountSen } from './topup-validation.js';
import { formatDayFirst, senToWire } from './wire-format.js';

/**
 * GET /v2/bill-presentment: the bill card shown before paying. The provider keys its outcomes on
 * `data.message` and returns only the fields that apply (PascalCase, legacy), so every branch below
 * builds exactly the fields a real answer of that kind would carry.
 */

export const BILL_MESSAGES = {
  valid: 'Account no is valid',
  invalid: 'Invalid account no',
  unavailable: 'Bill presentment is unavailable for this product',
  serviceDown: 'Service unavailable. Please try again later',
} as const;

const GENERATED_NAMES = [
  'MUHAMMAD HAFIZ BIN ISMAIL',
  'TAN MEI LING',
  'RAJESH A/L SUBRAMANIAM',
  'SITI AISYAH BINTI OMAR',
  'LIM WEI JIE',
  'KAVITHA A/P RAMASAMY',
];

/** Deterministic per account, so repeated lookups of one account agree with each other. */
function generatedBill(account: string): { customerName: string; outstandingSen: number } {
  const digest = createHash('sha256').update(account).digest();
  const name = GENERATED_NAMES[digest.readUInt8(0) % GENERATED_NAMES.length] ?? 'SANDBOX CUSTOMER';
  return { customerName: name, outstandingSen: 1000 + (digest.readUInt32BE(1) % 50_000) };
}

type BillData = Record<string, string | number>;

function invalid(errorMessage: string): BillData {
  return { message: BILL_MESSAGES.invalid, error_message: errorMessage };
}

function tnbBill(account: string): BillData {
  if (!/^\d{12}$/.test(account) || account === TNB_INVALID_ACCOUNT) return invalid('Invalid account no');
  if (account === TNB_VALID_BILL.account) {
    return {
      message: BILL_MESSAGES.valid,
      BillerName: TNB_VALID_BILL.billerName,
      CustomerName: TNB_VALID_BILL.customerName,
      Outstanding: senToWire(TNB_VALID_BILL.outstandingSen),
      Address: TNB_VALID_BILL.address,
      'E-Bill': TNB_VALID_BILL.eBill,
    };
  }
  const generated = generatedBill(account);
  return {
    message: BILL_MESSAGES.valid,
    BillerName: TNB_VALID_BILL.billerName,
    CustomerName: generated.customerName,
    Outstanding: senToWire(generated.outstandingSen),
  };
}

function postpaidBill(product: SandboxProduct, account: string): BillData {
  if (!/^\d{9,12}$/.test(account)) return invalid('Invalid account no');
  const generated = generatedBill(`${product.code}:${account}`);
  return {
    message: BILL_MESSAGES.valid,
    BillerName: product.name,
    Outstanding: senToWire(generated.outstandingSen),
  };
}

function jompayBill(account: string, query: URLSearchParams): BillData {
  const biller = findBiller(query.get('biller_code')?.trim() ?? '');
  if (biller === undefined) return invalid('The provided biller code is invalid');
  const ref2 = query.get('ref2')?.trim() ?? '';
  if (biller.requiresRef2 && ref2 === '') return invalid('Ref-2 is required');
  const amountText = query.get('amount');
  if (amountText !== null && amountText !== '') {
    const amountSen = parseAmountSen(amountText);
    if (amountSen === undefined || amountSen < biller.minSen || amountSen > biller.maxSen) {
      return invalid('The provided amount is invalid');
    }
  }
  const generated = generatedBill(`${biller.code}:${account}:${ref2}`);
  return {
    message: BILL_MESSAGES.valid,
    BillerName: biller.name,
    CustomerName: generated.customerName,
    Outstanding: senToWire(generated.outstandingSen),
  };
}

export function createBillPresentmentHandler(): RouteHandler {
  return (context) => {
    const { query } = context;
    const account = query.get('account')?.trim() ?? '';
    const code = query.get('product')?.trim() ?? '';
    if (code === '') return messageResponse(400, 'The product field is required.');
    if (account === '') return messageResponse(400, 'The account field is required.');
    const product = findProduct(code);
    if (product === undefined) return messageResponse(400, `Invalid product ${code}`);

    let data: BillData;
    switch (product.billPresentment) {
      case 'tnb':
        data = tnbBill(account);
        break;
      case 'postpaid':
        data = postpaidBill(product, account);
        break;
      case 'jompay':
        data = jompayBill(account, query);
        break;
      case 'service-down':
        data = { message: BILL_MESSAGES.serviceDown };
        break;
      case 'unavailable':
        data = { message: BILL_MESSAGES.unavailable };
        break;
    }
    return jsonResponse(200, {
      data,
      metadata: { status_code: 200, last_updated: formatDayFirst(Date.now()) },
    });
  };
}
