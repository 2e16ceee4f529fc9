/**
 * The IIMMPACT documents' own example bodies (seeds 000-003), kept as data so the sandbox answers
 * with exactly what the provider documents and the contract tests feed them through the real client.
 * Only the JSON is here; what the documents say about it lives in the spec, not in the project.
 */

/** Seed 003, bill presentment "Response 200" example (product AKSB). */
export const DOC_BILL_VALID_200 = {
  data: {
    message: 'Account no is valid',
    BillerName: 'Air Kelantan',
    CustomerName: 'EN. MOHD MOKHTAR B.AWANG',
    Outstanding: 45.94,
    Balance: '',
    Data: '',
    Address: 'KG. TUALANG KUDONG, 18500 LABIK, MACHANG.',
    'E-Bill': null,
    CustomField: '',
    DueDate: '13/06/2025',
  },
  metadata: { status_code: 200, product_code: 'AKSB', last_updated: '19-05-2025 15:37:28' },
  transaction_validity: true,
  transaction_message: 'Account validation successful with AKSB.',
  error_message: '',
} as const;

/** Seed 003, bill presentment "Response 400" example (JomPAY, an unknown biller code). */
export const DOC_BILL_INVALID_400 = {
  data: {
    message: 'Invalid account no',
    CustomerName: '',
    Outstanding: null,
    Balance: '',
    Data: '',
    Address: '',
    'E-Bill': '',
    CustomField: '',
    DueDate: '',
  },
  metadata: { status_code: 400, product_code: 'JOMPAY', last_updated: '21-05-2025 13:40:23' },
  transaction_validity: null,
  transaction_message: null,
  error_message: 'The provided biller code is invalid',
} as const;

/** Seed 002, the older bill presentment example: validity inside `data`, as strings (product TNB). */
export const DOC_BILL_VALIDITY_FALSE = {
  data: {
    message: 'Account no is valid',
    CustomerName: '',
    Outstanding: '0',
    Balance: '',
    Data: '',
    Address: '',
    'E-Bill': '',
    CustomField: '',
    DueDate: '25/10/2023',
    metadata: { status_code: '200', product_code: 'TNB', last_updated: '22-10-2023 12:34:07' },
    transaction_validity: 'false',
    transaction_message: 'TNB Maximum count per acc/month exceeded',
  },
} as const;

/** Seed 002, the older product-list item: `datatype`, `note`, `product_img`, strings for booleans. */
export const DOC_PRODUCT_LIST_ITEM = {
  status: 'Active',
  category: 'Mobile Postpaid',
  product_code: 'CB',
  operator_code: 'B',
  product_name: 'Celcom Postpaid',
  denomination: '1-1000',
  unit_price: '1.0',
  discount: '0%',
  api_parameter: 'account: Mobile Number/Account Number',
  update_time: 'INSTANT',
  note: '',
  datatype: 'Decimal',
  display_name: 'Celcom',
  group_type: 'Mobile',
  category_code: 'B',
  has_subproduct: 'false',
  should_sync: 'true',
  product_img: 'https://dashboard.iimmpact.com/img/CB.png',
} as const;

/** Seed 002, the older topup answer: a bare object, lowercase `statuscode` as a string, "Successful". */
export const DOC_TOPUP_LEGACY = {
  statuscode: '20',
  status: 'Successful',
  account: '0113242124',
  product: 'C',
  amount: '10',
  sn: '123456',
  pin: '',
  expiry: '',
  cost: '9.70',
  balance: '151.10',
  remarks: '',
  refid: 'UID-123',
  timestamp: '2023-10-01 00:11:54',
  note: '',
} as const;

/**
 * The sandbox accounts that answer with a documented example verbatim (the documents name no account
 * numbers, so these are the sandbox's). Each is valid for its product's own checks.
 */
export const DOC_EXAMPLE_ACCOUNTS = {
  /** AKSB: seed 003's 200 example. */
  billValid: { product: 'AKSB', account: '010203040506' },
  /** TNB: seed 002's validity "false" example. */
  billValidityFalse: { product: 'TNB', account: '220099999999' },
} as const;
