import { createHash } from 'node:crypto';
import { jsonResponse, messageResponse } from '../kit/http-io.js';
import {
  DOC_BILL_INVALID_400,
  DOC_BILL_VALID_200,
  DOC_BILL_VALIDITY_FALSE,
  DOC_EXAMPLE_ACCOUNTS,
} from './doc-examples.js';
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

/** A refusal: seed 003's 400 shape, `error_message` at the top level being the buyer's reason. */
class BillRefusal {
  constructor(readonly errorMessage: string) {}
}

function invalid(errorMessage: string): BillRefusal {
  return new BillRefusal(errorMessage);
}

function tnbBill(account: string): BillData | BillRefusal {
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

function postpaidBill(product: SandboxProduct, account: string): BillData | BillRefusal {
  if (!/^\d{9,12}$/.test(account)) return invalid('Invalid account no');
  const generated = generatedBill(`${product.code}:${account}`);
  return {
    message: BILL_MESSAGES.valid,
    BillerName: product.name,
    Outstanding: senToWire(generated.outstandingSen),
  };
}

function jompayBill(account: string, query: URLSearchParams): BillData | BillRefusal {
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

function metadata(status: number, product: string) {
  return { status_code: status, product_code: product, last_updated: formatDayFirst(Date.now()) };
}

/** Seed 003's 400 body: every bill field present and empty, validity null, the reason on top. */
function refusalBody(product: string, refusal: BillRefusal) {
  return {
    ...DOC_BILL_INVALID_400,
    metadata: metadata(400, product),
    error_message: refusal.errorMessage,
  };
}

/** Seed 003's 200 body: the bill fields in `data`, the validity verdict at the top level. */
function answerBody(product: string, data: BillData) {
  const valid = data.message === BILL_MESSAGES.valid;
  return {
    data,
    metadata: metadata(200, product),
    transaction_validity: valid ? true : null,
    transaction_message: valid ? `Account validation successful with ${product}.` : null,
    error_message: '',
  };
}

/** Accounts that answer with a documented example body, exactly as the documents print it. */
function documentedExample(product: string, account: string): unknown {
  const { billValid, billValidityFalse } = DOC_EXAMPLE_ACCOUNTS;
  if (product === billValid.product && account === billValid.account) return DOC_BILL_VALID_200;
  if (product === billValidityFalse.product && account === billValidityFalse.account) {
    return DOC_BILL_VALIDITY_FALSE;
  }
  return undefined;
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
    const example = documentedExample(product.code, account);
    if (example !== undefined) return jsonResponse(200, example);

    let data: BillData | BillRefusal;
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
    if (data instanceof BillRefusal) return jsonResponse(400, refusalBody(product.code, data));
    return jsonResponse(200, answerBody(product.code, data));
  };
}
