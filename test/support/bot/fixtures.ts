import { type Money, money } from '../../../src/payments/money.js';
import type { Order, OrderDraft } from '../../../src/payments/orders/order.js';
import type { BillPresentment, Product, SubProduct } from '../../../src/payments/types.js';

/**
 * Provider-neutral products, plans and bills for the bot's tests, shaped after the IIMMPACT sandbox
 * fixtures (sandbox/iimmpact/fixtures.ts) without importing a concrete provider. Amounts in sen.
 */

export const rm = (ringgit: number): Money => money(Math.round(ringgit * 100), 'MYR');

function product(overrides: Partial<Product> & Pick<Product, 'code' | 'name' | 'category'>): Product {
  return {
    active: true,
    group: 'Mobile Reload',
    accountLabel: 'Mobile Number',
    accountType: 'phone_number',
    keyboard: 'numeric',
    hasSubproducts: false,
    amount: { kind: 'fixed', choices: [rm(10)], suggested: [] },
    refundable: false,
    ...overrides,
  };
}

const fixed = (ringgit: number[], suggested: number[] = []) =>
  ({ kind: 'fixed', choices: ringgit.map(rm), suggested: suggested.map(rm) }) as const;

export const PRODUCTS = {
  digi: product({
    code: 'D',
    name: 'Digi Prepaid',
    category: 'Prepaid',
    amount: fixed([5, 10, 15, 20, 30, 50, 100], [10, 30, 50]),
    instructions: 'Top up will be credited to the mobile number.',
  }),
  hotlink: product({ code: 'M', name: 'Hotlink Prepaid', category: 'Prepaid', amount: fixed([5, 10, 20]) }),
  tuneTalk: product({ code: 'TT', name: 'Tune Talk Prepaid', category: 'Prepaid', active: false }),
  digiPostpaid: product({
    code: 'DB',
    name: 'Digi Postpaid',
    category: 'Postpaid',
    amount: { kind: 'range', min: rm(1), max: rm(3000), wholeUnitsOnly: false },
  }),
  hotlinkInternet: product({
    code: 'HI',
    name: 'Hotlink Internet',
    group: 'Mobile Data',
    category: 'Internet',
    hasSubproducts: true,
    amount: { kind: 'open', wholeUnitsOnly: false },
  }),
  tnb: product({
    code: 'TNB',
    name: 'Tenaga Nasional Berhad',
    group: 'Bill Payment',
    category: 'Utilities',
    accountLabel: 'Account Number',
    accountType: 'account_number',
    amount: { kind: 'range', min: rm(1), max: rm(5000), wholeUnitsOnly: false },
  }),
  indahWater: product({
    code: 'IW',
    name: 'Indah Water Konsortium',
    group: 'Bill Payment',
    category: 'Utilities',
    accountLabel: 'Account Number',
    accountType: 'account_number',
    amount: { kind: 'range', min: rm(1), max: rm(1000), wholeUnitsOnly: true },
  }),
  ptptn: product({
    code: 'PTPTN',
    name: 'PTPTN / SSPN',
    group: 'Bill Payment',
    category: 'Education',
    accountLabel: 'IC Number',
    accountType: 'ic_number',
    hasSubproducts: true,
    amount: { kind: 'range', min: rm(1), max: rm(10000), wholeUnitsOnly: false },
  }),
  jompay: product({
    code: 'JOMPAY',
    name: 'JomPAY',
    group: 'Bill Payment',
    category: 'JomPAY',
    accountLabel: 'Ref-1',
    accountType: 'account_number',
    keyboard: 'text',
    hasSubproducts: true,
    amount: { kind: 'range', min: rm(1), max: rm(10000), wholeUnitsOnly: false },
  }),
  grab: product({
    code: 'GC',
    name: 'Grab Gift Code',
    group: 'Vouchers',
    category: 'Gift Card',
    amount: fixed([5, 10, 25, 50], [10, 25]),
    instructions: 'Redeem the code in the Grab app under Gifts before it expires.',
  }),
  esim: product({
    code: 'ESIMJP',
    name: 'Japan eSIM 5GB 7 days',
    group: 'eSIM',
    category: 'Travel eSIM',
    amount: fixed([35]),
  }),
} as const satisfies Record<string, Product>;

export const ALL_PRODUCTS: Product[] = Object.values(PRODUCTS);

export const PHONE = { even: '60123456780', odd: '60123456781', typed: '012-345 6780' } as const;

/** IIMMPACT puts the product name in a plan's display name and the plan in its description. */
export const HOTLINK_PLANS: SubProduct[] = [
  {
    code: 'Everything Unlimited with Unlimited Weekly Pass RM12',
    name: 'Hotlink Internet',
    price: rm(12),
    faceValue: rm(12),
    validity: '7 day',
    description: 'Everything Unlimited with Unlimited Weekly Pass RM12',
    additionalDescription: 'Unlimited data for 7 days',
  },
  {
    code: 'Unlimited Monthly Pass RM35',
    name: 'Hotlink Internet',
    price: rm(35),
    faceValue: rm(35),
    validity: '30 day',
    description: 'Unlimited Monthly Pass RM35',
  },
];

export const NRIC = { twoAccounts: '900101145678', typed: '900101-14-5678' } as const;

/** The IC an admin verified for the harness's buyer (JomPAY eKYC). */
export const VERIFIED_PAYER = '880202105566';

/** Three accounts, listed with the groups interleaved, so grouping has to reorder them. */
export const PTPTN_ACCOUNTS: SubProduct[] = [
  { code: 'K', name: 'DIPLOMA SEPENUH MASA', description: 'PTPTN', accountNumber: '12345678' },
  { code: 'S', name: 'SSPN PRIME', description: 'SSPN', accountNumber: '87654321' },
  { code: 'U', name: 'IJAZAH SARJANA MUDA', description: 'PTPTN', accountNumber: '11223344' },
];

export function biller(code: string, name: string, requiresRef2 = false): SubProduct {
  return {
    code,
    name,
    description: 'JomPAY',
    min: rm(1),
    max: rm(10000),
    ...(requiresRef2 ? { additionalDescription: 'Ref-2 is required for this biller' } : {}),
  };
}

export const BILLERS: SubProduct[] = [
  biller('10009', 'Bandar Utama Water Services'),
  biller('20016', 'Kota Damai Municipal Council'),
  biller('30023', 'Seri Cahaya Insurance Berhad', true),
  biller('40030', 'Lembah Hijau Broadband'),
  biller('50047', 'Pantai Timur Card Services'),
  biller('60054', 'Taman Permai Property Management', true),
  biller('70061', 'Desa Indah Education Fund'),
  ...Array.from({ length: 13 }, (_, i) => biller(String(80000 + i * 7), `Sample Biller ${i + 1}`)),
];

export const TNB_BILL: BillPresentment = {
  outcome: 'valid',
  message: 'Account no is valid',
  billerName: 'Tenaga Nasional Berhad',
  customerName: 'NURUL AINI BINTI AHMAD',
  outstanding: rm(123.45),
  address: 'No. 12, Jalan Sandbox 3/1, 40150 Shah Alam, Selangor',
  eBillUrl: 'https://ebill.sandbox.example/tnb/220012345678.pdf',
  otherFields: [],
};

export const UNAVAILABLE_BILL: BillPresentment = {
  outcome: 'unavailable',
  message: 'Bill presentment is unavailable for this product',
  otherFields: [],
};

export const invalidBill = (message = 'Invalid account no'): BillPresentment => ({
  outcome: 'invalid',
  message,
  otherFields: [],
});

export function orderFromDraft(draft: OrderDraft, overrides: Partial<Order> = {}): Order {
  return {
    refid: 'oTEST0000000000001',
    quoteId: draft.quoteId,
    userId: draft.userId,
    chatId: draft.chatId,
    locale: draft.locale,
    provider: 'fake',
    request: { ...draft.request, refid: 'oTEST0000000000001' },
    display: draft.display,
    ...(draft.charge ? { charge: draft.charge } : {}),
    state: 'submitted',
    version: 1,
    createdAt: Date.UTC(2025, 0, 5, 6, 3),
    updatedAt: Date.UTC(2025, 0, 5, 6, 3),
    attempts: 1,
    history: [],
    ...overrides,
  };
}

/** An order of `userId` in the given state, for views and /history. */
export function sampleOrder(overrides: Partial<Order> = {}): Order {
  const draft: OrderDraft = {
    quoteId: 'q-1',
    userId: 42,
    chatId: 42,
    locale: 'en',
    request: { product: 'GC', account: PHONE.even, amount: rm(25) },
    display: {
      productName: 'Grab Gift Code',
      accountLabel: 'Mobile Number',
      account: PHONE.even,
      amount: rm(25),
    },
  };
  return orderFromDraft(draft, overrides);
}

/** A PTPTN order's display as stored before displays were masked: its IC (a test IC) is whole. */
export const LEGACY_PTPTN_DISPLAY: Order['display'] = {
  productName: 'PTPTN / SSPN',
  accountLabel: 'IC Number',
  account: '900101145678',
  optionName: 'PTPTN · DIPLOMA SEPENUH MASA (12345678)',
  optionKind: 'account',
  amount: rm(50),
};
