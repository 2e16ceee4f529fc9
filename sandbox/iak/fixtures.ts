/**
 * Everything the IAK sandbox knows, as plain data: the price list, the operators' number prefixes,
 * the PLN meter and the other inquiry test cases of spec §9.1, and test numbers that force a
 * top-up outcome. Route handlers render these into IAK's wire shapes; tests import the named
 * constants (IAK_SANDBOX_FIXTURES) instead of repeating magic values. Amounts are integer rupiah.
 */

/** What a successful top-up hands back (spec §5.11, "SN format"). */
export type IakFulfilmentKind = 'reload' | 'pln-token' | 'game-voucher' | 'voucher' | 'emoney';

/** How `customer_id` is checked (spec §5.1). */
export type CustomerIdRule =
  /** An Indonesian mobile number whose prefix must belong to the product's operator. */
  | 'msisdn'
  /** An 11-digit prepaid electricity meter number, known to the sandbox. */
  | 'meter'
  /** Any Indonesian mobile number (vouchers and game vouchers: IAK sends no SMS). */
  | 'phone'
  /** Free text (international products: "CountryCode_PhoneNumber|Name"). */
  | 'any';

export interface IakSandboxProduct {
  code: string;
  /** `product_description`: the operator or brand. */
  description: string;
  /** `product_nominal`. */
  nominal: string;
  details: string;
  /** `product_price`, integer rupiah: what the partner's deposit is charged. */
  price: number;
  /** `product_type`, also the `:type` of the price-list path. */
  type: string;
  /** `product_category`. */
  category: string;
  /** The `:operator` of the price-list path. */
  operator: string;
  /** `active_period` in days as a string; "0" when not applicable. */
  activePeriod: string;
  status: 'active' | 'non active';
  iconUrl: string;
  customerId: CustomerIdRule;
  /** For 'msisdn' products: the operator whose prefixes apply (keys of OPERATOR_PREFIXES). */
  prefixOperator?: OperatorName;
  fulfilment: IakFulfilmentKind;
}

export type OperatorName = 'INDOSAT' | 'XL' | 'AXIS' | 'TELKOMSEL' | 'SMARTFREN' | 'THREE' | 'by.U';

/** Spec §5.11. by.U's six-digit prefixes overlap Telkomsel's 0851 and win over it. */
export const OPERATOR_PREFIXES: Readonly<Record<OperatorName, readonly string[]>> = {
  'by.U': ['085154', '085155', '085156', '085157', '085158'],
  INDOSAT: ['0814', '0815', '0816', '0855', '0856', '0857', '0858'],
  XL: ['0817', '0818', '0819', '0859', '0878', '0877'],
  AXIS: ['0838', '0837', '0831', '0832'],
  TELKOMSEL: ['0812', '0813', '0852', '0853', '0821', '0823', '0822', '0851'],
  SMARTFREN: ['0881', '0882', '0883', '0884', '0885', '0886', '0887', '0888'],
  THREE: ['0896', '0897', '0898', '0899', '0895'],
};

/** The operator of a mobile number, longest prefix first; undefined when none matches. */
export function operatorOf(msisdn: string): OperatorName | undefined {
  let best: { name: OperatorName; length: number } | undefined;
  for (const [name, prefixes] of Object.entries(OPERATOR_PREFIXES) as Array<[OperatorName, string[]]>) {
    for (const prefix of prefixes) {
      if (msisdn.startsWith(prefix) && (best === undefined || prefix.length > best.length)) {
        best = { name, length: prefix.length };
      }
    }
  }
  return best?.name;
}

const ICON = (name: string) => `https://cdn.sandbox.example/iak/${name}.png`;

function pulsa(
  code: string,
  operator: OperatorName,
  nominal: number,
  price: number,
  days: number,
): IakSandboxProduct {
  return {
    code,
    description: operator === 'TELKOMSEL' ? 'Telkomsel' : operator === 'THREE' ? 'Tri' : operator,
    nominal: String(nominal),
    details: '-',
    price,
    type: 'pulsa',
    category: 'pulsa',
    operator: operator.toLowerCase(),
    activePeriod: String(days),
    status: 'active',
    iconUrl: ICON(operator.toLowerCase()),
    customerId: 'msisdn',
    prefixOperator: operator,
    fulfilment: 'reload',
  };
}

/** The price list, in the order api/pricelist returns it. Codes follow IAK's naming where the docs show one. */
export const IAK_SANDBOX_PRODUCTS: readonly IakSandboxProduct[] = [
  pulsa('xld10000', 'XL', 10_000, 10_850, 15),
  // The docs' own example product and price.
  pulsa('xld25000', 'XL', 25_000, 25_000, 30),
  pulsa('xld50000', 'XL', 50_000, 50_000, 45),
  pulsa('htelkomsel5000', 'TELKOMSEL', 5_000, 5_950, 7),
  pulsa('hindosat10000', 'INDOSAT', 10_000, 11_100, 15),
  // Listed but switched off: a top-up answers rc 106.
  { ...pulsa('hthree5000', 'THREE', 5_000, 5_900, 7), status: 'non active' },
  {
    code: 'xldata10gb',
    description: 'XL Paket Internet',
    nominal: 'XL Data 10GB 30 Hari',
    details: 'Kuota 10GB berlaku 30 hari',
    price: 45_000,
    type: 'data',
    category: 'data',
    operator: 'xl_paket_internet',
    activePeriod: '30',
    status: 'active',
    iconUrl: ICON('xl'),
    customerId: 'msisdn',
    prefixOperator: 'XL',
    fulfilment: 'reload',
  },
  {
    code: 'tseldata5gb',
    description: 'Telkomsel Paket Internet',
    nominal: 'Telkomsel Data 5GB 30 Hari',
    details: 'Kuota 5GB berlaku 30 hari',
    price: 52_000,
    type: 'data',
    category: 'data',
    operator: 'telkomsel_paket_internet',
    activePeriod: '30',
    status: 'active',
    iconUrl: ICON('telkomsel'),
    customerId: 'msisdn',
    prefixOperator: 'TELKOMSEL',
    fulfilment: 'reload',
  },
  {
    code: 'hpln20000',
    description: 'PLN',
    nominal: '20000',
    details: 'Token listrik prabayar',
    price: 20_500,
    type: 'pln',
    category: 'pln',
    operator: 'pln',
    activePeriod: '0',
    status: 'active',
    iconUrl: ICON('pln'),
    customerId: 'meter',
    fulfilment: 'pln-token',
  },
  {
    code: 'hpln50000',
    description: 'PLN',
    nominal: '50000',
    details: 'Token listrik prabayar',
    price: 50_500,
    type: 'pln',
    category: 'pln',
    operator: 'pln',
    activePeriod: '0',
    status: 'active',
    iconUrl: ICON('pln'),
    customerId: 'meter',
    fulfilment: 'pln-token',
  },
  {
    // The docs' game callback example: product hsteam12000, price 16500, with sn and pin.
    code: 'hsteam12000',
    description: 'Steam Wallet (SEA)',
    nominal: 'Steam Wallet IDR 12.000',
    details: 'Redeem the code in Steam under Games > Redeem a Steam Wallet Code',
    price: 16_500,
    type: 'game',
    category: 'game',
    operator: 'steam_sea',
    activePeriod: '0',
    status: 'active',
    iconUrl: ICON('steam'),
    customerId: 'phone',
    fulfilment: 'game-voucher',
  },
  {
    code: 'googleplay20000',
    description: 'Google Play Indonesia',
    nominal: 'Google Play IDR 20.000',
    details: 'Redeem the code in the Play Store under Payments & subscriptions > Redeem code',
    price: 20_750,
    type: 'game',
    category: 'game',
    operator: 'google_play_indonesia',
    activePeriod: '0',
    status: 'active',
    iconUrl: ICON('google-play'),
    customerId: 'phone',
    fulfilment: 'game-voucher',
  },
  {
    // The docs' price-list example.
    code: 'alfamart100',
    description: 'Alfamart Voucher',
    nominal: 'Voucher Alfamart Rp 100.000',
    details: '-',
    price: 100_000,
    type: 'voucher',
    category: 'voucher',
    operator: 'alfamart',
    activePeriod: '0',
    status: 'active',
    // As the docs' example prints it.
    iconUrl: 'https://cdn.mobileproduct.net/img/product/operator_list/140119034649-Alfa-01.png',
    customerId: 'phone',
    fulfilment: 'voucher',
  },
  {
    code: 'dana25000',
    description: 'DANA',
    nominal: '25000',
    details: 'Saldo DANA',
    price: 25_800,
    type: 'etoll',
    category: 'etoll',
    operator: 'dana',
    activePeriod: '0',
    status: 'active',
    iconUrl: ICON('dana'),
    customerId: 'phone',
    fulfilment: 'emoney',
  },
  {
    // The docs' international example: type "malaysia", category "international".
    code: 'altel10',
    description: 'Malaysia Topup',
    nominal: '10',
    details: '-',
    price: 39_750,
    type: 'malaysia',
    category: 'international',
    operator: 'malaysia_topup',
    activePeriod: '0',
    status: 'active',
    iconUrl: '-',
    customerId: 'any',
    fulfilment: 'reload',
  },
  {
    // Seed 004: Alipay takes "CountryCode_PhoneNumber|Name" (its example: 62|62812345678_IDSL).
    code: 'alipay50',
    description: 'Alipay',
    nominal: '50',
    details: '-',
    price: 112_500,
    type: 'china',
    category: 'international',
    operator: 'china_topup',
    activePeriod: '0',
    status: 'active',
    iconUrl: '-',
    customerId: 'any',
    fulfilment: 'reload',
  },
];

const PRODUCTS_BY_CODE = new Map(IAK_SANDBOX_PRODUCTS.map((p) => [p.code, p]));

export function findIakProduct(code: string): IakSandboxProduct | undefined {
  return PRODUCTS_BY_CODE.get(code);
}

export interface PlnMeter {
  customerId: string;
  meterNo: string;
  subscriberId: string;
  name: string;
  segmentPower: string;
}

/** Spec §9.1: the one meter IAK's sandbox answers; every other number is INCORRECT DESTINATION NUMBER. */
export const PLN_VALID_METER: PlnMeter = {
  customerId: '12345678901',
  meterNo: '548933889287',
  subscriberId: '12345678901',
  name: 'Sintya Oktaviani',
  segmentPower: 'R1 /000001300',
};

/** Spec §9.1: the OVO account the sandbox knows. */
export const OVO_VALID_ACCOUNT = { customerId: '082179374708', name: 'OVO shXXXy' } as const;

/** Spec §9.1 game cases. */
export const GAME_FIXTURES = {
  /** Mobile Legend: the only game code the player inquiry answers. */
  playerGameCode: '103',
  playerCustomerId: '156378300|8483',
  playerName: 'budi',
  formats: {
    '103': '[userid]|[zoneid]',
    '135': '[userid]',
    '140': '[rolename]|[userid]|[zoneid]',
    '127': '[userid]|[serverId]',
    '142': '[rolename]|[serverId]',
  } as Readonly<Record<string, string>>,
  /** A voucher-type game: its format inquiry answers rc 143. */
  inquiryNotNeeded: '104',
  servers: {
    '103': [],
    '142': [
      { name: 'Test 1', value: '90001' },
      { name: 'Test 2', value: '90002' },
    ],
  } as Readonly<Record<string, ReadonlyArray<{ name: string; value: string }>>>,
} as const;

/** How a test number drives a top-up. */
export type TestOutcome =
  /** Refused at once with status 2 and this rc; nothing is debited. */
  | { kind: 'immediate'; rc: string }
  /** Accepted (status 0, rc 39), then settled with this rc after the processing time. */
  | { kind: 'settled'; rc: string }
  /** Accepted, and stays PROCESS until settle() or the control plane decides. */
  | { kind: 'held' };

/**
 * Sandbox test numbers: `customer_id` values that force a top-up outcome, for any product whose
 * customer id is a mobile number. IAK documents none for prepaid (spec §9.1; only a white-label copy
 * mentions "test case numbers in the last 8 digits"), so these are the sandbox's own: XL numbers
 * whose last digits spell the rc. Every other valid number succeeds.
 */
export const IAK_TEST_NUMBERS: Readonly<Record<string, TestOutcome>> = {
  '081700000007': { kind: 'settled', rc: '07' },
  '081700000010': { kind: 'immediate', rc: '10' },
  '081700000012': { kind: 'immediate', rc: '12' },
  '081700000013': { kind: 'immediate', rc: '13' },
  '081700000017': { kind: 'immediate', rc: '17' },
  '081700000110': { kind: 'immediate', rc: '110' },
  '081700000121': { kind: 'immediate', rc: '121' },
  '081700000202': { kind: 'immediate', rc: '202' },
  '081700000206': { kind: 'immediate', rc: '206' },
  '081700000207': { kind: 'immediate', rc: '207' },
  '081700000039': { kind: 'held' },
  // Stays status 0 with IAK's "undefined response code": pending, never a callback.
  '081700000201': { kind: 'settled', rc: '201' },
  // Not in IAK's table: status 2 with an unknown rc, which a client must keep pending.
  '081700000299': { kind: 'settled', rc: '299' },
};

/** Named constants for tests, the demo and the README. Prices are integer rupiah. */
export const IAK_SANDBOX_FIXTURES = {
  pulsa: {
    product: 'xld25000',
    price: 25_000,
    products: ['xld10000', 'xld25000', 'xld50000', 'htelkomsel5000', 'hindosat10000'],
    /** The docs' example number (XL). */
    successNumber: '0817777215',
    telkomselNumber: '081234567890',
  },
  data: { product: 'xldata10gb', price: 45_000, successNumber: '0817777215' },
  pln: {
    products: ['hpln20000', 'hpln50000'],
    product: 'hpln20000',
    price: 20_500,
    validMeter: PLN_VALID_METER.customerId,
    customerName: PLN_VALID_METER.name,
    meterNo: PLN_VALID_METER.meterNo,
    segmentPower: PLN_VALID_METER.segmentPower,
    invalidMeter: '10987654321',
  },
  gameVoucher: { product: 'hsteam12000', price: 16_500, products: ['hsteam12000', 'googleplay20000'] },
  voucher: { product: 'alfamart100', price: 100_000 },
  emoney: { product: 'dana25000', price: 25_800 },
  international: { product: 'altel10', price: 39_750, malaysianNumber: '60123456789' },
  /** Seed 004's own example of the Alipay account form. */
  alipay: { product: 'alipay50', price: 112_500, account: '62|62812345678_IDSL' },
  inactive: { product: 'hthree5000' },
  unknownProduct: 'xld99999',
  /** Any mobile number works for vouchers and game vouchers; this is the one the tests use. */
  voucherNumber: '081298765432',
  ovo: OVO_VALID_ACCOUNT,
  game: GAME_FIXTURES,
  testNumbers: {
    failed: '081700000007',
    dailyLimit: '081700000010',
    balanceLimit: '081700000012',
    blocked: '081700000013',
    insufficientDeposit: '081700000017',
    maintenance: '081700000110',
    monthlyLimit: '081700000121',
    oncePerDay: '081700000202',
    blacklisted: '081700000206',
    oncePerDayAnyCode: '081700000207',
    hold: '081700000039',
    undefinedCode: '081700000201',
    unknownCode: '081700000299',
  },
  /** Malformed or wrong-operator numbers for the real validations. */
  invalidNumbers: { notANumber: '08-ABC', tooLong: '08170000000000001', otherOperator: '081234567890' },
} as const;
