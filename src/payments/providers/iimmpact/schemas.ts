import { z } from 'zod';

/**
 * Zod schemas of IIMMPACT's wire formats, tolerant of the documented legacy quirks: numbers sent as
 * strings, nulls where a field does not apply, `metadata` versus `@metadata`, PascalCase bill fields.
 * They only check shape; turning values into domain types is `mappers.ts`'s job.
 */

/** A number or a numeric string, kept as sent so money can be parsed exactly. */
const decimal = z.union([z.number(), z.string()]);

/** Text that may be missing, null, empty or numeric; empty means "not applicable". */
const optionalText = z
  .union([z.string(), z.number(), z.null()])
  .optional()
  .transform((value) => (value === null || value === undefined || value === '' ? undefined : String(value)));

const optionalInteger = z
  .union([z.number(), z.string(), z.null()])
  .optional()
  .transform((value, ctx) => {
    if (value === null || value === undefined || value === '') return undefined;
    const parsed = typeof value === 'number' ? value : Number(value.trim());
    if (!Number.isInteger(parsed)) {
      ctx.addIssue({ code: 'custom', message: 'expected an integer' });
      return z.NEVER;
    }
    return parsed;
  });

const optionalDecimal = z
  .union([decimal, z.null()])
  .optional()
  .transform((value) => (value === null || value === '' ? undefined : value));

const optionalBoolean = z
  .union([z.boolean(), z.string(), z.number(), z.null()])
  .optional()
  .transform((value) => value === true || value === 'true' || value === 1 || value === '1');

export const balanceResponseSchema = z.object({
  data: z.object({
    account: optionalText,
    name: optionalText,
    balance: decimal,
    level: optionalText,
    access: optionalInteger,
  }),
});

/**
 * The transaction object returned by /topup and sent in callbacks. The older docs (seed 002) spell
 * the code `statuscode`, lowercase, and send it as a string; it is read when `statusCode` is absent.
 */
const transactionFields = z.object({
  statusCode: optionalInteger,
  statuscode: optionalInteger,
  status: optionalText,
  account: optionalText,
  product: optionalText,
  productName: optionalText,
  amount: optionalDecimal,
  sn: optionalText,
  pin: optionalText,
  expiry: optionalText,
  cost: optionalDecimal,
  balance: optionalDecimal,
  remarks: optionalText,
  refid: optionalText,
  timestamp: optionalText,
  note: optionalText,
  voucherlink: optionalText,
});
const withStatusCode = ({ statuscode, ...rest }: z.output<typeof transactionFields>) => ({
  ...rest,
  statusCode: rest.statusCode ?? statuscode,
});
export const transactionSchema = transactionFields.transform(withStatusCode);
export type WireTransaction = z.output<typeof transactionSchema>;

/**
 * `{data: transaction}`, as today's docs show it; or the bare transaction of the older docs (seed
 * 002), accepted only when it names its refid and a status, so an unrelated body is never read as one.
 */
export const topupResponseSchema = z.union([
  z.object({ data: transactionSchema }),
  transactionFields
    .refine((t) => t.refid !== undefined && (t.status !== undefined || t.statuscode !== undefined))
    .transform((flat) => ({ data: withStatusCode(flat) })),
]);

/** HTTP 400 on /topup: a validation failure; no transaction was created. */
export const topupRejectionSchema = z.object({
  data: z.object({
    status: optionalText,
    statusCode: optionalInteger,
    remarks: optionalText,
    message: optionalText,
  }),
});

export const productSchema = z.object({
  status: optionalText,
  has_subproduct: optionalBoolean,
  product_code: z.string().min(1),
  product_name: optionalText,
  product_remarks: optionalText,
  account_label: optionalText,
  keyboard_type: optionalText,
  denomination: optionalText,
  common_denominations: optionalText,
  denomination_data_type: optionalText,
  denomination_currency: optionalText,
  product_group: optionalText,
  category: optionalText,
  image_url: optionalText,
  account_type: optionalText,
  is_refundable: optionalBoolean,
  // The older product list (seed 002) names some fields differently.
  datatype: optionalText,
  note: optionalText,
  product_img: optionalText,
  group_type: optionalText,
  api_parameter: optionalText,
  display_name: optionalText,
  operator_code: optionalText,
});
export type WireProduct = z.infer<typeof productSchema>;

export const productListResponseSchema = z.object({ data: z.array(productSchema) });

export const subproductSchema = z.object({
  subproduct_code: z.union([z.string().min(1), z.number()]).transform(String),
  display_name: optionalText,
  denomination: optionalDecimal,
  face_value: optionalDecimal,
  validity: optionalText,
  description: optionalText,
  account_number: optionalText,
  additional_description: optionalText,
  min: optionalDecimal,
  max: optionalDecimal,
});
export type WireSubproduct = z.infer<typeof subproductSchema>;

export const subproductsResponseSchema = z.object({
  message: optionalText,
  data: z.array(subproductSchema),
  links: z.object({ next: optionalText }).nullish(),
});

const metadataSchema = z.object({ status_code: optionalInteger, last_updated: optionalText }).nullish();

/** Bill fields are PascalCase in v2 and camelCase in the legacy SDK; both are read. */
export const billPresentmentResponseSchema = z.object({
  data: z.record(z.string(), z.unknown()),
  metadata: metadataSchema,
  '@metadata': metadataSchema,
  // Top level in today's docs (seed 003); inside `data`, as strings, in the older ones (seed 002).
  transaction_validity: z.unknown().optional(),
  transaction_message: z.unknown().optional(),
  error_message: z.unknown().optional(),
});
export type WireBillPresentment = z.output<typeof billPresentmentResponseSchema>;

/** HTTP 400 from bill presentment (seed 003): `error_message` at the top level is the buyer's reason. */
export const billRefusalSchema = z.object({
  data: z.record(z.string(), z.unknown()).nullish(),
  error_message: optionalText,
});

export const networkStatusResponseSchema = z.object({
  data: z.object({
    product_code: optionalText,
    product_name: optionalText,
    product_img: optionalText,
    network_status: z.string(),
  }),
  metadata: metadataSchema,
});

const moneyObject = z.object({ amount: decimal, currency: optionalText }).nullish();

export const catalogResponseSchema = z.object({
  last_updated: optionalText,
  tree: z.object({
    groups: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        icon_url: optionalText,
        categories: z.array(
          z.object({ id: z.string(), name: z.string(), product_codes: z.array(z.string()).default([]) }),
        ),
      }),
    ),
  }),
  products: z.record(
    z.string(),
    z.object({
      code: z.string(),
      name: optionalText,
      product_type: optionalText,
      image_url: optionalText,
      processing_time: optionalText,
      is_active: z.boolean().optional(),
      fields: z.array(z.unknown()).optional(),
    }),
  ),
});

export const optionsResponseSchema = z.object({
  product_code: optionalText,
  field_id: optionalText,
  items: z.array(
    z.object({
      code: z.union([z.string().min(1), z.number()]).transform(String),
      label: optionalText,
      description: optionalText,
      price: moneyObject,
      validity: optionalText,
      account_number: optionalText,
      min_amount: moneyObject,
      max_amount: moneyObject,
    }),
  ),
  meta: z
    .object({
      current_page: optionalInteger,
      last_page: optionalInteger,
      per_page: optionalInteger,
      total: optionalInteger,
    })
    .nullish(),
});

export const callbackUrlResponseSchema = z.object({
  data: z.object({ Status: optionalText, CallbackUrl: optionalText, Method: optionalText }),
  '@metadata': metadataSchema,
  metadata: metadataSchema,
});

/** 401/403 bodies: `{error, message}`, or a gateway's bare `{message}`. */
export const errorBodySchema = z.object({ error: optionalText, message: optionalText });

/** Lists where a body failed its schema, never the values (a body may carry a PIN). */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}

/**
 * GET /v2/transactions (spec 6.12). The documents cut the field list off: `refid`, `status` and
 * `cost` are read when present, and the pagination `meta` is optional (paging is by `offset`).
 */
export const historyTransactionSchema = z.object({
  trxid: optionalText,
  refid: optionalText,
  date: optionalText,
  product_code: optionalText,
  product_name: optionalText,
  amount: optionalDecimal,
  cost: optionalDecimal,
  account: optionalText,
  status_code: optionalInteger,
  status: optionalText,
  response_date: optionalText,
});
export type WireHistoryTransaction = z.output<typeof historyTransactionSchema>;

export const transactionsResponseSchema = z.object({
  data: z.array(historyTransactionSchema),
  meta: z.object({ total: optionalInteger }).loose().optional(),
});

/** GET /v2/balance-statement (spec 6.11): Laravel-style `links` and `meta`. */
export const balanceStatementResponseSchema = z.object({
  data: z.array(
    z.object({
      id: z.union([z.number(), z.string()]).transform(String),
      date: optionalText,
      amount: decimal,
      balance: optionalDecimal,
      remarks: optionalText,
      type: optionalText,
    }),
  ),
  links: z.object({ next: z.string().nullable().optional() }).loose().optional(),
  meta: z.object({ current_page: optionalInteger, last_page: optionalInteger }).loose().optional(),
});

/** POST /v2/transactions/check (spec 6.13). */
export const transactionCheckResponseSchema = z.object({
  data: z.object({ refid: optionalText, status: optionalText, message: optionalText }),
});
