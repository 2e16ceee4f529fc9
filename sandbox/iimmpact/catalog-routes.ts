import { jsonResponse, messageResponse } from '../kit/http-io.js';
import { DOC_PRODUCT_LIST_ITEM } from './doc-examples.js';
import { CATALOG_GROUPS, findProduct, SANDBOX_PRODUCTS, type SandboxProduct } from './fixtures.js';
import type { RouteHandler } from './router.js';
import {
  formatDayFirst,
  formatIsoSeconds,
  senListToWire,
  senToMoneyObject,
  senToWire,
} from './wire-format.js';

/**
 * The product-description endpoints, all rendered from the same fixtures: the legacy product-list,
 * the newer catalog, and network status.
 */

export function productImageUrl(code: string): string {
  return `https://dashboard.iimmpact.com/img/${code}.png`;
}

/**
 * product-list `denomination`: a comma list for fixed amounts. For free amounts the provider's form
 * is undocumented; the sandbox writes "min-max" (e.g. "1-5000") and marks decimals with
 * denomination_data_type "Decimal". Plan products carry "" because the price comes from the plan.
 */
export function denominationText(product: SandboxProduct): {
  denomination: string;
  common: string;
  dataType: string;
} {
  const rule = product.amount;
  switch (rule.kind) {
    case 'fixed':
      return {
        denomination: senListToWire(rule.denominationsSen),
        common: senListToWire(rule.commonSen),
        dataType: 'Integer',
      };
    case 'range':
      return {
        denomination: `${senToWire(rule.minSen)}-${senToWire(rule.maxSen)}`,
        common: senListToWire(rule.commonSen),
        dataType: rule.dataType,
      };
    case 'plan':
      return { denomination: '', common: '', dataType: 'Decimal' };
  }
}

function productListItem(product: SandboxProduct): Record<string, unknown> {
  // Seed 002's example product is listed exactly as the document prints it.
  if (product.code === DOC_PRODUCT_LIST_ITEM.product_code) return DOC_PRODUCT_LIST_ITEM;
  const { denomination, common, dataType } = denominationText(product);
  return {
    status: product.status,
    has_subproduct: product.extras !== 'none',
    product_code: product.code,
    product_name: product.name,
    product_remarks: product.remarks,
    account_label: product.accountLabel,
    keyboard_type: product.keyboardType,
    denomination,
    common_denominations: common,
    denomination_data_type: dataType,
    denomination_currency: 'MYR',
    product_group: product.productGroup,
    category: product.category,
    image_url: productImageUrl(product.code),
    account_type: product.accountType,
    is_refundable: product.isRefundable,
  };
}

export function createProductListHandler(): RouteHandler {
  return () => jsonResponse(200, { data: SANDBOX_PRODUCTS.map(productListItem) });
}

/**
 * Catalog `fields[]` is undocumented; this is the sandbox's design. Each field says where its value
 * goes in the topup body (`maps_to`), and option-backed fields name the /v2/options field_id to call.
 */
export function catalogFields(product: SandboxProduct): Array<Record<string, unknown>> {
  const account = (label: string, mapsTo = 'account') => ({
    id: 'account',
    type: 'text',
    label,
    required: true,
    keyboard: product.keyboardType === 'Numeric' ? 'numeric' : 'text',
    maps_to: mapsTo,
  });
  const amount = (): Record<string, unknown> => {
    const rule = product.amount;
    if (rule.kind === 'fixed') {
      return {
        id: 'amount',
        type: 'select',
        label: 'Amount',
        required: true,
        options_source: 'inline',
        choices: rule.denominationsSen.map((sen) => senToMoneyObject(sen)),
        maps_to: 'amount',
      };
    }
    if (rule.kind === 'range') {
      return {
        id: 'amount',
        type: 'amount',
        label: 'Amount',
        required: true,
        min_amount: senToMoneyObject(rule.minSen),
        max_amount: senToMoneyObject(rule.maxSen),
        decimals: rule.dataType === 'Integer' ? 0 : 2,
        maps_to: 'amount',
      };
    }
    return {
      id: 'amount',
      type: 'derived',
      label: 'Amount',
      required: true,
      derived_from: 'plan',
      maps_to: 'amount',
    };
  };
  switch (product.extras) {
    case 'mobile-data':
      return [
        account(product.accountLabel),
        {
          id: 'plan',
          type: 'select',
          label: 'Plan',
          required: true,
          options_source: 'options',
          depends_on: ['account'],
          maps_to: 'extras.subproduct_code',
        },
        amount(),
      ];
    case 'ptptn':
      return [
        {
          id: 'ic_number',
          type: 'text',
          label: 'IC Number (without dashes)',
          required: true,
          keyboard: 'numeric',
          maps_to: 'extras.ic_number',
        },
        {
          id: 'loan_account',
          type: 'select',
          label: 'Account',
          required: true,
          options_source: 'options',
          depends_on: ['ic_number'],
          maps_to: 'extras.subproduct_code',
          account_from: 'account_number',
        },
        amount(),
      ];
    case 'jompay':
      return [
        {
          id: 'biller',
          type: 'select',
          label: 'Biller',
          required: true,
          options_source: 'options',
          searchable: true,
          allow_manual_entry: true,
          maps_to: 'extras.biller_code',
        },
        account('Ref-1'),
        {
          id: 'ref2',
          type: 'text',
          label: 'Ref-2',
          required: false,
          keyboard: 'text',
          maps_to: 'extras.ref2',
        },
        {
          id: 'ic_number',
          type: 'text',
          label: 'IC or passport number',
          required: true,
          keyboard: 'text',
          maps_to: 'extras.ic_number',
        },
        amount(),
      ];
    case 'none':
      return [account(product.accountLabel), amount()];
  }
}

function fulfilmentFor(product: SandboxProduct) {
  switch (product.fulfilment) {
    case 'reload':
    case 'bill':
      return { returns: ['sn'] };
    case 'voucher':
    case 'esim':
      return { returns: ['sn', 'pin', 'expiry', 'note', 'voucherlink'] };
  }
}

function catalogProduct(product: SandboxProduct) {
  return {
    code: product.code,
    name: product.name,
    display_name: product.name,
    product_type: product.productType,
    image_url: productImageUrl(product.code),
    processing_time: product.processingTime,
    is_active: product.status === 'Active',
    is_hidden: product.hiddenInCatalog,
    fields: catalogFields(product),
    fulfillment: fulfilmentFor(product),
    pricing: { model: 'percentage_discount', discount_rate: product.discountBasisPoints / 100 },
  };
}

/** "true"/"false"/"1"/"0"; undefined when absent; null when unreadable. */
function readBoolean(value: string | null): boolean | undefined | null {
  if (value === null || value === '') return undefined;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  return null;
}

export function createCatalogHandler(lastUpdatedMs: number): RouteHandler {
  return (context) => {
    const isActive = readBoolean(context.query.get('is_active'));
    const includeHidden = readBoolean(context.query.get('include_hidden'));
    if (isActive === null) return messageResponse(400, 'is_active must be true or false');
    if (includeHidden === null) return messageResponse(400, 'include_hidden must be true or false');
    const code = context.query.get('product_code');
    if (code !== null && code !== '' && findProduct(code) === undefined) {
      return messageResponse(404, `Product ${code} not found`);
    }

    const selected = SANDBOX_PRODUCTS.filter(
      (p) =>
        (code === null || code === '' || p.code === code) &&
        (isActive === undefined || (p.status === 'Active') === isActive) &&
        (includeHidden === true || !p.hiddenInCatalog),
    );
    const groups = CATALOG_GROUPS.map((group) => ({
      id: group.id,
      name: group.name,
      icon_url: group.iconUrl,
      categories: group.categories
        .map((category) => ({
          id: category.id,
          name: category.name,
          product_codes: selected.filter((p) => p.catalogCategoryId === category.id).map((p) => p.code),
        }))
        .filter((category) => category.product_codes.length > 0),
    })).filter((group) => group.categories.length > 0);

    return jsonResponse(200, {
      last_updated: formatIsoSeconds(lastUpdatedMs),
      tree: { groups },
      products: Object.fromEntries(selected.map((p) => [p.code, catalogProduct(p)])),
    });
  };
}

export function createNetworkStatusHandler(): RouteHandler {
  return (context) => {
    const code = context.query.get('product');
    if (code === null || code === '') return messageResponse(400, 'The product field is required.');
    const product = findProduct(code);
    if (product === undefined) return messageResponse(400, `Invalid product ${code}`);
    return jsonResponse(200, {
      data: {
        product_code: product.code,
        product_name: product.name,
        product_img: productImageUrl(product.code),
        network_status: product.networkStatus,
      },
      metadata: { status_code: 200, last_updated: formatDayFirst(Date.now()) },
    });
  };
}
