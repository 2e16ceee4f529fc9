import { z } from 'zod';
import type { FailureCode } from '../failure.js';
import type { Money } from '../money.js';
import type { Order, OrderState } from './order.js';

/**
 * The stored order, as the order stores write it (`JSON.stringify(order)`), checked when it is read
 * back: a record an operator edited by hand, a half-restored backup or a bug must never be taken
 * for an order, since the engine would pay, re-query or refund on its word.
 *
 * Objects are loose on purpose: keys this version does not know are kept, not stripped, so a
 * read-modify-write by an older replica during a rolling deploy does not drop a newer field.
 */

const ORDER_STATES = [
  'confirmed',
  'submitted',
  'pending',
  'needs_attention',
  'succeeded',
  'failed',
  'refunded',
  'rejected',
  'cancelled',
] as const satisfies readonly OrderState[];

const moneySchema: z.ZodType<Money> = z.looseObject({
  // zod's int() admits safe integers only, which is what `money()` demands.
  minor: z.number().int(),
  currency: z.enum(['MYR', 'IDR']),
});

const orderStateSchema = z.enum(ORDER_STATES);

const paymentRequestSchema = z.looseObject({
  refid: z.string().min(1),
  product: z.string(),
  account: z.string(),
  amount: moneySchema,
  extras: z
    .looseObject({
      subproductCode: z.string().optional(),
      icNumber: z.string().optional(),
      billerCode: z.string().optional(),
      ref2: z.string().optional(),
    })
    .optional(),
  remarks: z.string().optional(),
});

/**
 * Any string is accepted as a code: a record written by a newer version (before a rollback) may carry
 * a code this one does not know, and the receipt then says so rather than the record being refused.
 */
const failureSchema = z.looseObject({
  code: z.custom<FailureCode>((value) => typeof value === 'string' && value !== ''),
  providerCode: z.string().optional(),
  providerText: z.string().optional(),
});

const paymentOutcomeSchema = z.looseObject({
  refid: z.string(),
  state: z.enum(['pending', 'succeeded', 'failed', 'refunded']),
  providerStatus: z.string(),
  providerCode: z.string(),
  amount: moneySchema.optional(),
  cost: moneySchema.optional(),
  balanceAfter: moneySchema.optional(),
  productName: z.string().optional(),
  serialNumber: z.string().optional(),
  pin: z.string().optional(),
  expiry: z.string().optional(),
  voucherLink: z.string().optional(),
  note: z.string().optional(),
  remarks: z.string().optional(),
  failureReason: z.string().optional(),
  failure: failureSchema.optional(),
  duplicate: z.boolean().optional(),
  providerTime: z.string().optional(),
});

const displaySchema = z.looseObject({
  productName: z.string(),
  accountLabel: z.string(),
  account: z.string(),
  customerName: z.string().optional(),
  optionName: z.string().optional(),
  optionKind: z.enum(['plan', 'account', 'biller']).optional(),
  validity: z.string().optional(),
  ref2: z.string().optional(),
  payer: z.string().optional(),
  amount: moneySchema,
  faceValue: moneySchema.optional(),
});

/**
 * Typed as `Order` so the schema cannot drift from the type: a field added to `Order` and not here
 * (or typed differently) fails the build.
 */
export const storedOrderSchema: z.ZodType<Order> = z.looseObject({
  refid: z.string().min(1),
  quoteId: z.string(),
  userId: z.number().int(),
  chatId: z.number().int(),
  locale: z.string(),
  provider: z.string(),
  request: paymentRequestSchema,
  display: displaySchema,
  charge: z.looseObject({ price: moneySchema, returned: z.boolean().optional() }).optional(),
  state: orderStateSchema,
  version: z.number().int().positive(),
  createdAt: z.number(),
  updatedAt: z.number(),
  attempts: z.number().int().nonnegative(),
  outcome: paymentOutcomeSchema.optional(),
  mayExist: z.boolean().optional(),
  retryAfterUntil: z.number().optional(),
  // Both ways of saying why an order failed are accepted while the structured `failure` replaces
  // the `failureReason` sentence, so records written by either version stay readable.
  failureReason: z.string().optional(),
  failure: failureSchema.optional(),
  statusMessage: z.looseObject({ chatId: z.number().int(), messageId: z.number().int() }).optional(),
  notifiedState: orderStateSchema.optional(),
  issueReport: z
    .looseObject({
      outcome: z.enum(['accepted', 'refused']),
      message: z.string(),
      at: z.number(),
      by: z.number().int(),
    })
    .optional(),
  history: z.array(z.looseObject({ at: z.number(), state: orderStateSchema, note: z.string() })),
});

export type StoredOrderRead = { ok: true; order: Order } | { ok: false; problem: string };

/**
 * Reads the record stored under `refid`. The problem it reports names what is wrong and where, never
 * a value: the record may hold a voucher PIN, so neither it nor the parser's excerpt of it is quoted.
 */
export function readStoredOrder(json: string, refid: string): StoredOrderRead {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { ok: false, problem: 'not JSON' };
  }
  const parsed = storedOrderSchema.safeParse(value);
  if (!parsed.success) {
    const where = parsed.error.issues.map(
      (issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.code}`,
    );
    return { ok: false, problem: `not an order (${where.join('; ')})` };
  }
  if (parsed.data.refid !== refid) return { ok: false, problem: 'holds another refid' };
  return { ok: true, order: parsed.data };
}
