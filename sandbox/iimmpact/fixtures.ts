/**
 * Everything the sandbox knows about products, accounts and billers, as plain data. Route handlers
 * render these into the provider's various response shapes, and tests elsewhere import the named
 * constants (SANDBOX_FIXTURES) instead of repeating magic numbers. Amounts are integer sen.
 */

export type AmountRule =
  /** A fixed list of face values (reloads, gift cards, eSIMs). */
  | { kind: 'fixed'; denominationsSen: readonly number[]; commonSen: readonly number[] }
  /** Any amount in a range (bills). `Integer` products reject fractional ringgit. */
  | {
      kind: 'range';
      minSen: number;
      maxSen: number;
      dataType: 'Integer' | 'Decimal';
      commonSen: readonly number[];
    }
  /** The price comes from the chosen sub-product (mobile-data plans). */
  | { kind: 'plan' };

/** Which `extras` a topup for the product must carry (spec §11.1). */
export type ExtrasRule = 'none' | 'mobile-data' | 'ptptn' | 'jompay';

/** What a successful transaction hands back: reloads and bills a serial, vouchers and eSIMs more. */
export type FulfilmentKind = 'reload' | 'bill' | 'voucher' | 'esim';

export type BillPresentmentMode = 'unavailable' | 'service-down' | 'tnb' | 'postpaid' | 'jompay';

export interface SandboxProduct {
  code: string;
  name: string;
  status: 'Active' | 'Inactive';
  remarks: string;
  accountLabel: string;
  keyboardType: 'Numeric' | 'Default';
  /** product-list `account_type`: the docs show only "phone_number"; the rest is the sandbox's. */
  accountType: 'phone_number' | 'account_number';
  /** product-list `product_group` and `category`. */
  productGroup: string;
  category: string;
  catalogCategoryId: string;
  /** Catalog `product_type`; the provider's values beyond "standard" are not documented. */
  productType: 'standard' | 'bill' | 'plan' | 'voucher' | 'esim';
  processingTime: string;
  /** Hidden products appear in /v2/catalog only with include_hidden=true. */
  hiddenInCatalog: boolean;
  amount: AmountRule;
  extras: ExtrasRule;
  fulfilment: FulfilmentKind;
  /** Wholesale discount off face value, in basis points (200 = 2%). */
  discountBasisPoints: number;
  networkStatus: 'Healthy' | 'Interruption';
  billPresentment: BillPresentmentMode;
  isRefundable: boolean;
}

const RELOAD_REMARKS = 'Top up will be credited to the mobile number.';

function prepaid(code: string, name: string, denominationsRm: number[], commonRm: number[]): SandboxProduct {
  return {
    code,
    name,
    status: 'Active',
    remarks: RELOAD_REMARKS,
    accountLabel: 'Mobile Number',
    keyboardType: 'Numeric',
    accountType: 'phone_number',
    productGroup: 'Mobile Reload',
    category: 'Prepaid',
    catalogCategoryId: 'cat_prepaid',
    productType: 'standard',
    processingTime: 'instant',
    hiddenInCatalog: false,
    amount: {
      kind: 'fixed',
      denominationsSen: denominationsRm.map((rm) => rm * 100),
      commonSen: commonRm.map((rm) => rm * 100),
    },
    extras: 'none',
    fulfilment: 'reload',
    discountBasisPoints: 200,
    networkStatus: 'Healthy',
    billPresentment: 'unavailable',
    isRefundable: false,
  };
}

function mobileData(code: string, name: string): SandboxProduct {
  return {
    ...prepaid(code, name, [], []),
    remarks: 'The plan is activated on the mobile number right after payment.',
    productGroup: 'Mobile Data',
    category: 'Internet',
    catalogCategoryId: 'cat_mobile_data',
    productType: 'plan',
    amount: { kind: 'plan' },
    extras: 'mobile-data',
    discountBasisPoints: 300,
  };
}

function utility(
  code: string,
  name: string,
  maxRm: number,
  billPresentment: BillPresentmentMode,
  accountLabel = 'Account Number',
): SandboxProduct {
  return {
    code,
    name,
    status: 'Active',
    remarks: 'Payment is posted to the bill account within one working day.',
    accountLabel,
    keyboardType: 'Numeric',
    accountType: 'account_number',
    productGroup: 'Bill Payment',
    category: 'Utilities',
    catalogCategoryId: 'cat_utilities',
    productType: 'bill',
    processingTime: '1 working day',
    hiddenInCatalog: false,
    amount: {
      kind: 'range',
      minSen: 100,
      maxSen: maxRm * 100,
      dataType: 'Decimal',
      commonSen: [5000, 10000, 20000],
    },
    extras: 'none',
    fulfilment: 'bill',
    discountBasisPoints: 0,
    networkStatus: 'Healthy',
    billPresentment,
    isRefundable: false,
  };
}

const prepaidD = prepaid('D', 'Digi Prepaid', [5, 10, 15, 20, 30, 50, 100], [10, 30, 50]);
const prepaidM = prepaid('M', 'Hotlink Prepaid', [5, 10, 20, 30, 50, 60, 100], [10, 30, 50]);
const prepaidC = prepaid('C', 'Celcom Xpax Prepaid', [5, 10, 20, 30, 50, 100], [10, 30, 50]);
const prepaidU = prepaid('U', 'U Mobile Prepaid', [5, 10, 15, 20, 30, 50, 100], [10, 20, 50]);

/** Staging's FP product always reports an interruption; it is hidden from the catalog by default. */
const prepaidFP: SandboxProduct = {
  ...prepaid('FP', 'FP Prepaid (interruption test)', [10, 20, 50], [10, 20]),
  networkStatus: 'Interruption',
  hiddenInCatalog: true,
};

/** Listed but switched off, so clients can prove they hide Inactive products. */
const prepaidTT: SandboxProduct = {
  ...prepaid('TT', 'Tune Talk Prepaid', [5, 10, 20, 30, 50], [10, 30]),
  status: 'Inactive',
};

const postpaidDB: SandboxProduct = {
  ...utility('DB', 'Digi Postpaid', 3000, 'postpaid', 'Mobile Number'),
  remarks: 'Payment is applied to the postpaid account of the mobile number.',
  accountType: 'phone_number',
  productGroup: 'Mobile Reload',
  // The category seed 002's product list gives postpaid bills (see CB below).
  category: 'Mobile Postpaid',
  catalogCategoryId: 'cat_postpaid',
};

/** Listed in the older product-list form, exactly as seed 002 prints it (doc-examples.ts). */
const postpaidCB: SandboxProduct = {
  ...utility('CB', 'Celcom Postpaid', 1000, 'postpaid', 'Mobile Number/Account Number'),
  remarks: '',
  keyboardType: 'Default',
  productGroup: 'Mobile',
  category: 'Mobile Postpaid',
  catalogCategoryId: 'cat_postpaid',
  discountBasisPoints: 0,
};

const ptptn: SandboxProduct = {
  ...utility('PTPTN', 'PTPTN / SSPN', 10000, 'unavailable', 'IC Number'),
  remarks: 'Look up the loan or savings account by NRIC, then pay any amount.',
  // The docs never show an account_type for PTPTN; clients know it by its product code.
  accountType: 'account_number',
  productGroup: 'Bill Payment',
  category: 'Education',
  catalogCategoryId: 'cat_education',
  extras: 'ptptn',
};

const jompay: SandboxProduct = {
  ...utility('JOMPAY', 'JomPAY', 10000, 'jompay', 'Ref-1'),
  remarks: 'Pay any JomPAY biller with its biller code and your Ref-1.',
  keyboardType: 'Default',
  category: 'JomPAY',
  catalogCategoryId: 'cat_jompay',
  extras: 'jompay',
};

const giftCardGC: SandboxProduct = {
  code: 'GC',
  name: 'Grab Gift Code',
  status: 'Active',
  remarks: 'Redeem the code in the Grab app under Gifts before it expires.',
  accountLabel: 'Mobile Number',
  keyboardType: 'Numeric',
  accountType: 'phone_number',
  productGroup: 'Vouchers',
  category: 'Gift Card',
  catalogCategoryId: 'cat_gift_cards',
  productType: 'voucher',
  processingTime: 'instant',
  hiddenInCatalog: false,
  amount: { kind: 'fixed', denominationsSen: [500, 1000, 2500, 5000], commonSen: [1000, 2500] },
  extras: 'none',
  fulfilment: 'voucher',
  discountBasisPoints: 100,
  networkStatus: 'Healthy',
  billPresentment: 'unavailable',
  isRefundable: false,
};

const esimJP: SandboxProduct = {
  ...giftCardGC,
  code: 'ESIMJP',
  name: 'Japan eSIM 5GB 7 days',
  remarks: 'Install the eSIM before departure; the 7 days start when it first connects in Japan.',
  productGroup: 'eSIM',
  category: 'Travel eSIM',
  catalogCategoryId: 'cat_travel_esim',
  productType: 'esim',
  amount: { kind: 'fixed', denominationsSen: [3500], commonSen: [3500] },
  fulfilment: 'esim',
  discountBasisPoints: 500,
};

/** Every product, in product-list order. */
export const SANDBOX_PRODUCTS: readonly SandboxProduct[] = [
  prepaidD,
  prepaidM,
  prepaidC,
  prepaidU,
  prepaidFP,
  prepaidTT,
  postpaidDB,
  postpaidCB,
  mobileData('HI', 'Hotlink Internet'),
  mobileData('CEL', 'Celcom Internet'),
  mobileData('DI', 'Digi Internet'),
  utility('TNB', 'Tenaga Nasional Berhad', 5000, 'tnb'),
  utility('IW', 'Indah Water Konsortium', 1000, 'unavailable'),
  // AKSB is the second product in an interruption, and its bill lookup is "down" to match.
  { ...utility('AKSB', 'Air Kelantan Sdn Bhd', 2000, 'service-down'), networkStatus: 'Interruption' },
  ptptn,
  jompay,
  giftCardGC,
  esimJP,
];

const PRODUCTS_BY_CODE = new Map(SANDBOX_PRODUCTS.map((p) => [p.code, p]));

export function findProduct(code: string): SandboxProduct | undefined {
  return PRODUCTS_BY_CODE.get(code);
}

export interface CatalogCategory {
  id: string;
  name: string;
}

export interface CatalogGroup {
  id: string;
  name: string;
  iconUrl: string;
  categories: readonly CatalogCategory[];
}

/** The catalog tree; product codes are filled in from SANDBOX_PRODUCTS by category id. */
export const CATALOG_GROUPS: readonly CatalogGroup[] = [
  {
    id: 'grp_mobile',
    name: 'Mobile',
    iconUrl: 'https://cdn.iimmpact.com/icons/mobile.png',
    categories: [
      { id: 'cat_prepaid', name: 'Prepaid Reload' },
      { id: 'cat_postpaid', name: 'Postpaid Bills' },
      { id: 'cat_mobile_data', name: 'Mobile Data' },
    ],
  },
  {
    id: 'grp_bills',
    name: 'Bills',
    iconUrl: 'https://cdn.iimmpact.com/icons/bills.png',
    categories: [
      { id: 'cat_utilities', name: 'Utilities' },
      { id: 'cat_jompay', name: 'JomPAY' },
      { id: 'cat_education', name: 'Education' },
    ],
  },
  {
    id: 'grp_vouchers',
    name: 'Vouchers',
    iconUrl: 'https://cdn.iimmpact.com/icons/vouchers.png',
    categories: [{ id: 'cat_gift_cards', name: 'Gift Cards' }],
  },
  {
    id: 'grp_esim',
    name: 'eSIM',
    iconUrl: 'https://cdn.iimmpact.com/icons/esim.png',
    categories: [{ id: 'cat_travel_esim', name: 'Travel eSIM' }],
  },
];

export interface MobileDataPlan {
  /** Sent back as extras.subproduct_code; real codes are human-readable and contain spaces. */
  code: string;
  priceSen: number;
  validity: string;
  description: string;
  /** Offered only to numbers whose last digit is odd, so plan lists visibly depend on the number. */
  oddNumbersOnly: boolean;
}

export const MOBILE_DATA_PLANS: Readonly<Record<string, readonly MobileDataPlan[]>> = {
  HI: [
    {
      code: 'Unlimited Weekly Pass RM12',
      priceSen: 1200,
      validity: '7 day',
      description: 'Unlimited data for 7 days',
      oddNumbersOnly: false,
    },
    {
      code: 'Unlimited Monthly Pass RM35',
      priceSen: 3500,
      validity: '30 day',
      description: 'Unlimited data for 30 days',
      oddNumbersOnly: false,
    },
    {
      code: 'Unlimited Hotspot 30 Days RM40',
      priceSen: 4000,
      validity: '30 day',
      description: 'Unlimited data with hotspot for 30 days',
      oddNumbersOnly: true,
    },
  ],
  CEL: [
    {
      code: 'Internet 10GB 7 Days RM10',
      priceSen: 1000,
      validity: '7 day',
      description: '10GB of data for 7 days',
      oddNumbersOnly: false,
    },
    {
      code: 'Internet 50GB 30 Days RM30',
      priceSen: 3000,
      validity: '30 day',
      description: '50GB of data for 30 days',
      oddNumbersOnly: false,
    },
    {
      code: 'Unlimited Turbo 30 Days RM45',
      priceSen: 4500,
      validity: '30 day',
      description: 'Unlimited high-speed data for 30 days',
      oddNumbersOnly: true,
    },
  ],
  DI: [
    {
      code: 'Internet 15GB 7 Days RM10',
      priceSen: 1000,
      validity: '7 day',
      description: '15GB of data for 7 days',
      oddNumbersOnly: false,
    },
    {
      code: 'Unlimited 30 Days RM35',
      priceSen: 3500,
      validity: '30 day',
      description: 'Unlimited data for 30 days',
      oddNumbersOnly: false,
    },
    {
      code: 'Booster 5GB 1 Day RM3',
      priceSen: 300,
      validity: '1 day',
      description: '5GB of data for 1 day',
      oddNumbersOnly: true,
    },
  ],
};

/** The plans offered to one phone number. */
export function plansForNumber(productCode: string, phoneNumber: string): MobileDataPlan[] {
  const plans = MOBILE_DATA_PLANS[productCode] ?? [];
  const lastDigit = Number(phoneNumber.trim().slice(-1));
  const odd = Number.isInteger(lastDigit) && lastDigit % 2 === 1;
  return plans.filter((plan) => odd || !plan.oddNumbersOnly);
}

export interface PtptnAccount {
  subproductCode: 'K' | 'U' | 'S' | 'SP';
  displayName: string;
  /** The grouping key clients use (`description` on the wire). */
  category: 'PTPTN' | 'SSPN';
  accountNumber: string;
}

export const PTPTN_SUBPRODUCT_CODES: readonly string[] = ['K', 'U', 'S', 'SP'];

export const PTPTN_ACCOUNTS: Readonly<Record<string, readonly PtptnAccount[]>> = {
  '900101145678': [
    {
      subproductCode: 'K',
      displayName: 'DIPLOMA SEPENUH MASA',
      category: 'PTPTN',
      accountNumber: '12345678',
    },
    { subproductCode: 'S', displayName: 'SSPN PRIME', category: 'SSPN', accountNumber: '87654321' },
  ],
  '880202085432': [
    { subproductCode: 'U', displayName: 'IJAZAH SARJANA MUDA', category: 'PTPTN', accountNumber: '11223344' },
  ],
};

export interface JompayBiller {
  code: string;
  name: string;
  requiresRef2: boolean;
  minSen: number;
  maxSen: number;
}

/** Fictitious billers: the codes are sandbox-only and match no real JomPAY biller. */
export const JOMPAY_BILLERS: readonly JompayBiller[] = [
  { code: '10009', name: 'Bandar Utama Water Services', requiresRef2: false, minSen: 100, maxSen: 1_000_000 },
  {
    code: '20016',
    name: 'Kota Damai Municipal Council',
    requiresRef2: false,
    minSen: 100,
    maxSen: 1_000_000,
  },
  {
    code: '30023',
    name: 'Seri Cahaya Insurance Berhad',
    requiresRef2: true,
    minSen: 1000,
    maxSen: 1_000_000,
  },
  { code: '40030', name: 'Lembah Hijau Broadband', requiresRef2: false, minSen: 100, maxSen: 500_000 },
  { code: '50047', name: 'Pantai Timur Card Services', requiresRef2: false, minSen: 100, maxSen: 1_000_000 },
  {
    code: '60054',
    name: 'Taman Permai Property Management',
    requiresRef2: true,
    minSen: 100,
    maxSen: 1_000_000,
  },
  { code: '70061', name: 'Desa Indah Education Fund', requiresRef2: false, minSen: 500, maxSen: 1_000_000 },
];

export function findBiller(code: string): JompayBiller | undefined {
  return JOMPAY_BILLERS.find((b) => b.code === code);
}

/** The one TNB account with hand-written bill details; other valid accounts get generated ones. */
export const TNB_VALID_BILL = {
  account: '220012345678',
  billerName: 'Tenaga Nasional Berhad',
  customerName: 'NURUL AINI BINTI AHMAD',
  outstandingSen: 12345,
  address: 'No. 12, Jalan Sandbox 3/1, 40150 Shah Alam, Selangor',
  eBill: 'https://ebill.sandbox.example/tnb/220012345678.pdf',
} as const;

export const TNB_INVALID_ACCOUNT = '220000000000';

/** Staging test accounts (spec §7): sent as `account`, they force the final status code. */
export const TEST_ACCOUNT_OUTCOMES: Readonly<Record<string, number>> = {
  '60123450052': 52,
  '60123450041': 41,
  '60123450043': 43,
  '60123450044': 44,
  '60123450045': 45,
  '60123450047': 47,
  '60123450048': 48,
  '60123450464': 54,
  '60123450055': 55,
  '60123450056': 56,
  '60123450057': 57,
  '60123450861': 61,
  // Sandbox-only additions.
  '60123450053': 53,
  '60123450099': 99,
};

/** Stays Processing until settle() (or the control plane) decides its fate. */
export const HOLD_ACCOUNT = '60123450001';

/** Named constants for tests and the demo. Amounts here are in ringgit, as a human would type them. */
export const SANDBOX_FIXTURES = {
  merchant: { account: '3100528', name: 'Sandbox Merchant Sdn Bhd', level: '12' },
  prepaid: {
    product: 'D',
    products: ['D', 'M', 'C', 'U'],
    denominations: [5, 10, 15, 20, 30, 50, 100],
    amount: 10,
    /** 2% discount: RM 10 costs RM 9.80. */
    discountPercent: 2,
    successAccount: '60123456780',
  },
  postpaid: { product: 'DB', account: '0123456789', invalidAccount: 'ABC' },
  /** Seed 002's product-list example: a 1-1000 Decimal range, listed in the older form. */
  legacyListed: { product: 'CB', min: 1, max: 1000, dataType: 'Decimal' },
  tnb: {
    product: 'TNB',
    validAccount: TNB_VALID_BILL.account,
    invalidAccount: TNB_INVALID_ACCOUNT,
    customerName: TNB_VALID_BILL.customerName,
    outstanding: 123.45,
  },
  billPresentmentUnavailable: { product: 'IW' },
  billPresentmentServiceDown: { product: 'AKSB' },
  mobileData: {
    products: ['HI', 'CEL', 'DI'],
    product: 'HI',
    evenNumber: '60123456780',
    oddNumber: '60123456781',
    planCode: 'Unlimited Weekly Pass RM12',
    planPrice: 12,
    oddOnlyPlanCode: 'Unlimited Hotspot 30 Days RM40',
  },
  ptptn: {
    product: 'PTPTN',
    nric: '900101145678',
    singleAccountNric: '880202085432',
    unknownNric: '770707070707',
    account: '12345678',
    subproductCode: 'K',
  },
  jompay: {
    product: 'JOMPAY',
    billerCode: '10009',
    ref2BillerCode: '30023',
    ref2BillerCodes: ['30023', '60054'],
    unknownBillerCode: '99999',
    billerCount: JOMPAY_BILLERS.length,
    icNumber: '900101145678',
  },
  giftCard: { product: 'GC', denominations: [5, 10, 25, 50] },
  esim: { product: 'ESIMJP', name: 'Japan eSIM 5GB 7 days', price: 35 },
  freeAmount: { product: 'TNB', min: 1, max: 5000, dataType: 'Decimal', denomination: '1-5000' },
  interruption: { products: ['FP', 'AKSB'] },
  inactive: { product: 'TT' },
  hiddenInCatalog: { product: 'FP' },
  testAccounts: {
    invalidNumber: '60123450052',
    suspended: '60123450041',
    insufficientCredit: '60123450043',
    invalidProduct: '60123450044',
    outOfStock: '60123450045',
    serviceUnavailable: '60123450047',
    rejected: '60123450048',
    duplicate: '60123450464',
    timeout: '60123450055',
    blacklisted: '60123450056',
    activated: '60123450057',
    invalidDenomination: '60123450861',
    refund: '60123450053',
    hold: HOLD_ACCOUNT,
    unknownStatus: '60123450099',
  },
} as const;
