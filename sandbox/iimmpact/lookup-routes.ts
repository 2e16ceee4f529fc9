import { jsonResponse, messageResponse, type SandboxResponse } from '../kit/http-io.js';
import {
  findProduct,
  JOMPAY_BILLERS,
  type JompayBiller,
  type MobileDataPlan,
  PTPTN_ACCOUNTS,
  type PtptnAccount,
  plansForNumber,
  type SandboxProduct,
} from './fixtures.js';
import type { RouteHandler } from './router.js';
import { senToMoneyObject, senToWire } from './wire-format.js';

/**
 * The per-account lookups that precede a payment: mobile-data plans by phone number, PTPTN/SSPN
 * accounts by NRIC and the JomPAY biller directory. Two endpoints serve the same data in two
 * shapes: the legacy /v2/subproducts and its replacement /v2/options.
 */

type Lookup =
  | { kind: 'plans'; plans: MobileDataPlan[] }
  | { kind: 'ptptn'; accounts: readonly PtptnAccount[] }
  | { kind: 'billers'; billers: readonly JompayBiller[] }
  | { kind: 'none' };

/** Resolves what a product offers for one account, or a 400 message when the account is needed. */
function lookup(product: SandboxProduct, accountNumber: string | null): Lookup | string {
  const account = accountNumber?.trim() ?? '';
  switch (product.extras) {
    case 'mobile-data':
      if (account === '') return 'The account number field is required.';
      return { kind: 'plans', plans: plansForNumber(product.code, account) };
    case 'ptptn':
      if (account === '') return 'The account number field is required.';
      return { kind: 'ptptn', accounts: PTPTN_ACCOUNTS[account] ?? [] };
    case 'jompay':
      return { kind: 'billers', billers: JOMPAY_BILLERS };
    case 'none':
      return { kind: 'none' };
  }
}

/** Reads a positive integer query parameter; undefined when absent, null when malformed. */
function readPositiveInt(value: string | null): number | undefined | null {
  if (value === null || value.trim() === '') return undefined;
  if (!/^\d+$/.test(value.trim())) return null;
  const parsed = Number(value.trim());
  return parsed >= 1 ? parsed : null;
}

function pageOf<T>(items: readonly T[], perPage: number, page: number): { slice: T[]; lastPage: number } {
  const lastPage = Math.max(1, Math.ceil(items.length / perPage));
  return { slice: items.slice((page - 1) * perPage, page * perPage), lastPage };
}

function resolveProduct(code: string | null): SandboxProduct | SandboxResponse {
  if (code === null || code.trim() === '') return messageResponse(400, 'The product code field is required.');
  return findProduct(code.trim()) ?? messageResponse(400, `Invalid product code ${code}`);
}

function isResponse(value: SandboxProduct | SandboxResponse): value is SandboxResponse {
  return 'status' in value && 'body' in value;
}

// ---------------------------------------------------------------- /v2/subproducts (legacy)

function planSubproduct(product: SandboxProduct, plan: MobileDataPlan) {
  return {
    subproduct_code: plan.code,
    display_name: product.name,
    denomination: senToWire(plan.priceSen),
    face_value: senToWire(plan.priceSen),
    validity: plan.validity,
    description: plan.code,
    account_number: null,
    additional_description: plan.description,
    min: null,
    max: null,
  };
}

function ptptnSubproduct(account: PtptnAccount) {
  return {
    subproduct_code: account.subproductCode,
    display_name: account.displayName,
    denomination: null,
    face_value: null,
    validity: null,
    description: account.category,
    account_number: account.accountNumber,
    additional_description: null,
    min: null,
    max: null,
  };
}

function billerSubproduct(biller: JompayBiller) {
  return {
    subproduct_code: biller.code,
    display_name: biller.name,
    denomination: null,
    face_value: null,
    validity: null,
    description: 'JomPAY',
    account_number: null,
    additional_description: biller.requiresRef2 ? 'Ref-2 is required for this biller' : null,
    min: senToMoneyObject(biller.minSen).amount,
    max: senToMoneyObject(biller.maxSen).amount,
  };
}

export function createSubproductsHandler(): RouteHandler {
  return (context) => {
    const product = resolveProduct(context.query.get('product_code'));
    if (isResponse(product)) return product;
    const found = lookup(product, context.query.get('account_number'));
    if (typeof found === 'string') return messageResponse(400, found);

    switch (found.kind) {
      case 'plans':
        return jsonResponse(200, {
          message: 'success',
          data: found.plans.map((p) => planSubproduct(product, p)),
        });
      case 'ptptn':
        return jsonResponse(200, { message: 'success', data: found.accounts.map(ptptnSubproduct) });
      case 'none':
        return jsonResponse(200, { message: 'success', data: [] });
      case 'billers': {
        // Blank limit returns everything; otherwise Laravel-style pages linked by a path in links.next.
        const limit = readPositiveInt(context.query.get('limit'));
        const page = readPositiveInt(context.query.get('page'));
        if (limit === null) return messageResponse(400, 'The limit must be a positive integer.');
        if (page === null) return messageResponse(400, 'The page must be a positive integer.');
        const perPage = limit ?? found.billers.length;
        const current = page ?? 1;
        const { slice, lastPage } = pageOf(found.billers, perPage, current);
        const link = (target: number) =>
          `/v2/subproducts?product_code=${encodeURIComponent(product.code)}&limit=${perPage}&page=${target}`;
        return jsonResponse(200, {
          message: 'success',
          data: slice.map(billerSubproduct),
          links: {
            prev: limit !== undefined && current > 1 ? link(current - 1) : null,
            next: limit !== undefined && current < lastPage ? link(current + 1) : null,
          },
        });
      }
    }
  };
}

// ---------------------------------------------------------------- /v2/options

interface OptionItem {
  code: string;
  label: string;
  description: string;
  price: { amount: string; currency: 'MYR' } | null;
  validity: string | null;
  account_number: string | null;
  [extra: string]: unknown;
}

export const OPTIONS_DEFAULT_LIMIT = 100;
export const OPTIONS_MAX_LIMIT = 1000;

/** Which field_id values each product answers, mirroring the subproducts migration table. */
function optionItems(
  product: SandboxProduct,
  fieldId: string,
  accountNumber: string | null,
  billerFilter: string,
) {
  const expected: Record<SandboxProduct['extras'], string> = {
    'mobile-data': 'plan',
    ptptn: 'loan_account',
    jompay: 'biller',
    none: 'amount',
  };
  if (fieldId === 'amount' && product.amount.kind === 'fixed') {
    return product.amount.denominationsSen.map<OptionItem>((sen) => ({
      code: String(senToWire(sen)),
      label: `RM ${senToMoneyObject(sen).amount}`,
      description: product.name,
      price: senToMoneyObject(sen),
      validity: null,
      account_number: null,
    }));
  }
  if (fieldId !== expected[product.extras]) {
    return `field_id ${fieldId} is not available for product ${product.code}`;
  }
  const found = lookup(product, accountNumber);
  if (typeof found === 'string') return found;
  switch (found.kind) {
    case 'plans':
      return found.plans.map<OptionItem>((plan) => ({
        code: plan.code,
        label: plan.code,
        description: plan.description,
        price: senToMoneyObject(plan.priceSen),
        validity: plan.validity,
        account_number: null,
      }));
    case 'ptptn':
      return found.accounts.map<OptionItem>((account) => ({
        code: account.subproductCode,
        label: account.displayName,
        description: account.category,
        price: null,
        validity: null,
        account_number: account.accountNumber,
      }));
    case 'billers':
      return found.billers
        .filter((biller) => biller.code.startsWith(billerFilter))
        .map<OptionItem>((biller) => ({
          code: biller.code,
          label: biller.name,
          description: biller.requiresRef2 ? 'Ref-2 is required for this biller' : '',
          price: null,
          validity: null,
          account_number: null,
          min_amount: senToMoneyObject(biller.minSen),
          max_amount: senToMoneyObject(biller.maxSen),
          requires_ref2: biller.requiresRef2,
        }));
    case 'none':
      return `field_id ${fieldId} is not available for product ${product.code}`;
  }
}

export function createOptionsHandler(): RouteHandler {
  return (context) => {
    const { query } = context;
    const product = resolveProduct(query.get('product_code'));
    if (isResponse(product)) return product;
    const fieldId = query.get('field_id')?.trim() ?? '';
    if (fieldId === '') return messageResponse(400, 'The field id field is required.');

    const limit = readPositiveInt(query.get('limit') ?? query.get('per_page'));
    const page = readPositiveInt(query.get('page'));
    if (limit === null) return messageResponse(400, 'The limit must be a positive integer.');
    if (page === null) return messageResponse(400, 'The page must be a positive integer.');
    const perPage = Math.min(limit ?? OPTIONS_DEFAULT_LIMIT, OPTIONS_MAX_LIMIT);
    const current = page ?? 1;

    const items = optionItems(product, fieldId, query.get('account_number'), query.get('biller_code') ?? '');
    if (typeof items === 'string') return messageResponse(400, items);
    const { slice, lastPage } = pageOf(items, perPage, current);
    return jsonResponse(200, {
      product_code: product.code,
      field_id: fieldId,
      items: slice,
      meta: { current_page: current, last_page: lastPage, per_page: perPage, total: items.length },
    });
  };
}
