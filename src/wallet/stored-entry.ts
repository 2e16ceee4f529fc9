import { z } from 'zod';
import type { Currency } from '../payments/money.js';
import { LEDGER_ENTRY_KINDS, type LedgerEntry, type NewLedgerEntry, type WalletAudit } from './ledger.js';

/**
 * A ledger entry as the wallet stores write it (`JSON.stringify`, with `balanceAfter` appended by the
 * script that applied it), checked when it is read back: an entry edited by hand or half restored is
 * reported and never used, since a balance or a receipt would be computed from it.
 *
 * Loose on purpose, as the stored order is: keys this version does not know are kept.
 */
export const storedEntrySchema: z.ZodType<LedgerEntry> = z.looseObject({
  id: z.string().min(1),
  userId: z.number().int(),
  kind: z.enum(LEDGER_ENTRY_KINDS as [LedgerEntry['kind'], ...LedgerEntry['kind'][]]),
  amount: z.number().int(),
  currency: z.enum(['MYR', 'IDR']),
  balanceAfter: z.number().int(),
  reference: z.string(),
  note: z.string().optional(),
  at: z.number(),
});

export type StoredEntryRead = { ok: true; entry: LedgerEntry } | { ok: false; problem: string };

/** Reads one stored entry. The problem names what is wrong and where, never a value. */
export function readStoredEntry(json: string): StoredEntryRead {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { ok: false, problem: 'not JSON' };
  }
  const parsed = storedEntrySchema.safeParse(value);
  if (!parsed.success) {
    const where = parsed.error.issues.map(
      (issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.code}`,
    );
    return { ok: false, problem: `not a ledger entry (${where.join('; ')})` };
  }
  return { ok: true, entry: parsed.data };
}

/**
 * The audit of one wallet, from its balance and its ledger (oldest first, as stored). Pure, so the
 * Redis and memory stores compute it the same way.
 */
export function auditLedger(input: {
  userId: number;
  currency: LedgerEntry['currency'];
  /** The stored balance: minor units, or the raw text when it is not an integer. */
  balance: number | string;
  ledger: string[];
  /** How many entry ids are recorded as written (the once-only index). */
  ids: number;
}): WalletAudit {
  const problems: string[] = [];
  const balance = typeof input.balance === 'number' ? input.balance : Number.NaN;
  if (!Number.isSafeInteger(balance)) problems.push('balance is not an integer');
  let sum = 0;
  let negative = false;
  const seen = new Set<string>();
  input.ledger.forEach((json, index) => {
    const read = readStoredEntry(json);
    if (!read.ok) {
      problems.push(`entry ${index}: ${read.problem}`);
      return;
    }
    const { entry } = read;
    sum += entry.amount;
    if (entry.balanceAfter !== sum)
      problems.push(`entry ${index} (${entry.id}): balanceAfter ${entry.balanceAfter}, running sum ${sum}`);
    if (sum < 0 && !negative) {
      negative = true;
      problems.push(`entry ${index} (${entry.id}): the running balance goes negative`);
    }
    if (entry.currency !== input.currency)
      problems.push(`entry ${index} (${entry.id}): currency ${entry.currency}`);
    if (entry.userId !== input.userId) problems.push(`entry ${index} (${entry.id}): another user's entry`);
    if (seen.has(entry.id)) problems.push(`entry ${index} (${entry.id}): id written twice`);
    seen.add(entry.id);
  });
  if (Number.isSafeInteger(balance) && balance !== sum) problems.push(`balance ${balance} != sum ${sum}`);
  if (Number.isSafeInteger(balance) && balance < 0) problems.push(`balance ${balance} is negative`);
  if (input.ids !== input.ledger.length)
    problems.push(`${input.ids} entry ids recorded for ${input.ledger.length} entries`);
  return {
    userId: input.userId,
    balance: { minor: Number.isSafeInteger(balance) ? balance : 0, currency: input.currency },
    sum: { minor: sum, currency: input.currency },
    entries: input.ledger.length,
    ok: problems.length === 0,
    problems,
  };
}

/**
 * The JSON a store writes for a new entry, without `balanceAfter` (the atomic step that applies it
 * appends that). Refuses what no caller should ask for: an amount that is not a non-zero integer, an
 * empty id.
 */
export function newEntryJson(entry: NewLedgerEntry, currency: Currency): string {
  if (!Number.isSafeInteger(entry.amount) || entry.amount === 0)
    throw new RangeError(`ledger entry ${entry.id}: the amount must be a non-zero integer`);
  if (entry.id === '') throw new RangeError('ledger entry without an id');
  if (!Number.isSafeInteger(entry.userId)) throw new RangeError(`ledger entry ${entry.id}: bad user id`);
  const written: Omit<LedgerEntry, 'balanceAfter'> = {
    id: entry.id,
    userId: entry.userId,
    kind: entry.kind,
    amount: entry.amount,
    currency,
    reference: entry.reference,
    ...(entry.note !== undefined ? { note: entry.note } : {}),
    at: entry.at,
  };
  return JSON.stringify(written);
}
