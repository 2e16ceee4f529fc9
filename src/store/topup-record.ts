import { z } from 'zod';
import type { Currency } from '../payments/money.js';
import type { NewLedgerEntry } from '../wallet/ledger.js';
import {
  type NewTopup,
  TOPUP_METHODS,
  TOPUP_STATES,
  type Topup,
  type TopupMethod,
  type TopupState,
  topupCreditEntryId,
  topupRestoreEntryId,
  topupReversalEntryId,
  type UnmatchedPayment,
} from '../wallet/topups.js';

/** What both top-up stores share: the fixed part as written once, read back through a schema. */

const fixedSchema = z.object({
  id: z.string().min(1),
  method: z.enum(TOPUP_METHODS as [TopupMethod, ...TopupMethod[]]),
  userId: z.number().int(),
  chatId: z.number().int(),
  amount: z.object({ minor: z.number().int().positive(), currency: z.enum(['MYR', 'IDR']) }),
  createdAt: z.number(),
  stars: z.object({ amount: z.number().int().positive(), perUnit: z.number().positive() }).optional(),
});

export type TopupFixed = z.infer<typeof fixedSchema>;

export function fixedJson(topup: NewTopup): string {
  if (!Number.isSafeInteger(topup.amount.minor) || topup.amount.minor <= 0)
    throw new RangeError(`top-up ${topup.id}: the amount must be a positive integer`);
  const fixed: TopupFixed = {
    id: topup.id,
    method: topup.method,
    userId: topup.userId,
    chatId: topup.chatId,
    amount: { minor: topup.amount.minor, currency: topup.amount.currency },
    createdAt: topup.createdAt,
    ...(topup.stars ? { stars: { ...topup.stars } } : {}),
  };
  return JSON.stringify(fixed);
}

/** A stored top-up (its hash fields) as a Topup; throws on a record that does not read back. */
export function readTopup(fields: Record<string, string>): Topup {
  const fixed = fixedSchema.parse(JSON.parse(fields.fixed ?? 'null'));
  const state = TOPUP_STATES.find((s) => s === fields.state);
  if (!state) throw new Error(`top-up ${fixed.id} has no readable state`);
  const topup: Topup = {
    ...fixed,
    state,
    updatedAt: Number(fields.updatedAt ?? fixed.createdAt),
    expiresAt: Number(fields.expiresAt ?? fixed.createdAt),
  };
  if (fields.payerId) topup.payerId = fields.payerId;
  if (fields.billUrl) topup.billUrl = fields.billUrl;
  if (fields.note) topup.note = fields.note;
  const attempt = Number(fields.refundAttempt ?? 0);
  if (Number.isSafeInteger(attempt) && attempt > 0) topup.refundAttempt = attempt;
  return topup;
}

export function creditEntry(topup: Topup, nowMs: number): NewLedgerEntry {
  return {
    id: topupCreditEntryId(topup.id),
    userId: topup.userId,
    kind: 'topup',
    amount: topup.amount.minor,
    reference: topup.id,
    note: topup.method,
    at: nowMs,
  };
}

/** The credit taken back for the top-up's `attempt`-th refund. */
export function reversalEntry(topup: Topup, nowMs: number, note: string, attempt: number): NewLedgerEntry {
  return {
    id: topupReversalEntryId(topup.id, attempt),
    userId: topup.userId,
    kind: 'reversal',
    amount: -topup.amount.minor,
    reference: topup.id,
    ...(note ? { note } : {}),
    at: nowMs,
  };
}

/** That credit put back: the `attempt`-th refund was refused. */
export function restoreEntry(topup: Topup, nowMs: number, note: string, attempt: number): NewLedgerEntry {
  return {
    id: topupRestoreEntryId(topup.id, attempt),
    userId: topup.userId,
    kind: 'reversal_undone',
    amount: topup.amount.minor,
    reference: topup.id,
    ...(note ? { note } : {}),
    at: nowMs,
  };
}

export const unmatchedSchema: z.ZodType<UnmatchedPayment> = z.object({
  method: z.enum(TOPUP_METHODS as [TopupMethod, ...TopupMethod[]]),
  payerId: z.string(),
  userId: z.number().int().optional(),
  reference: z.string(),
  amount: z.number(),
  currency: z.string(),
  reason: z.string(),
  at: z.number(),
});

/** "method:state" count fields as rows, zero rows left out. */
export function countRows(
  fields: Record<string, string>,
): Array<{ method: TopupMethod; state: TopupState; count: number }> {
  return Object.entries(fields).flatMap(([key, value]) => {
    const [method, state] = key.split(':') as [TopupMethod, TopupState];
    const count = Number(value);
    if (!TOPUP_METHODS.includes(method) || !TOPUP_STATES.includes(state) || !(count > 0)) return [];
    return [{ method, state, count }];
  });
}

export type { Currency };
