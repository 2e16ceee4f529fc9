import { type Currency, type Money, money } from '../payments/money.js';

/**
 * A buyer's wallet at the shop: a balance in the shop's currency and the append-only ledger that
 * explains it. The balance always equals the sum of the entries and never goes below zero.
 *
 * Every entry has an id that is unique per buyer and derived from what caused it, so the same cause
 * can write it only once, whatever crashes, retries or races happen:
 *
 * | cause                                   | kind                | id                      | amount |
 * | --------------------------------------- | ------------------- | ----------------------- | ------ |
 * | an order is created (Confirm)           | `purchase`          | `purchase:<refid>`      | -price |
 * | that order fails, is rejected/cancelled | `purchase_returned` | `return:<refid>`        | +price |
 * |   or refunded                           |                     |                         |        |
 * | a top-up is credited                    | `topup`             | `topup:<top-up id>`     | +      |
 * | an admin credits or debits              | `admin_credit` /    | `admin:<action id>`     | + / -  |
 * |                                         | `admin_debit`       |                         |        |
 * | a credited top-up is reversed           | `reversal`          | `reversal:<top-up id>`  | -      |
 * |   (its n-th refund, n > 1)              |                     | `reversal:<id>:<n>`     |        |
 * | that refund refused: the credit back    | `reversal_undone`   | `restore:<top-up id>`   | +      |
 * |                                         |                     |   (`restore:<id>:<n>`)  |        |
 */
export type LedgerEntryKind =
  | 'topup'
  | 'purchase'
  | 'purchase_returned'
  | 'admin_credit'
  | 'admin_debit'
  | 'reversal'
  | 'reversal_undone';

export const LEDGER_ENTRY_KINDS: readonly LedgerEntryKind[] = [
  'topup',
  'purchase',
  'purchase_returned',
  'admin_credit',
  'admin_debit',
  'reversal',
  'reversal_undone',
];

export interface LedgerEntry {
  /** Unique per buyer; see the table above. */
  id: string;
  userId: number;
  kind: LedgerEntryKind;
  /** Signed, in minor units of `currency`: negative takes money out of the wallet. */
  amount: number;
  currency: Currency;
  /** The balance right after this entry, in minor units. */
  balanceAfter: number;
  /** What it refers to: a refid, a top-up id, an admin's Telegram user id. */
  reference: string;
  note?: string;
  /** Epoch ms. */
  at: number;
}

/** An entry to write; the store fills in the balance after it. */
export type NewLedgerEntry = Omit<LedgerEntry, 'balanceAfter' | 'currency'>;

export type ApplyResult =
  /** Written; `balance` is the new balance. */
  | { result: 'applied'; balance: Money; entry: LedgerEntry }
  /** An entry with this id was written before; nothing changed. */
  | { result: 'duplicate'; balance: Money; entry: LedgerEntry }
  /** A debit larger than the balance; nothing changed. */
  | { result: 'insufficient'; balance: Money };

export interface LedgerPage {
  /** Newest first. */
  entries: LedgerEntry[];
  total: number;
}

export interface WalletAudit {
  userId: number;
  balance: Money;
  /** The sum of every entry's amount. */
  sum: Money;
  entries: number;
  /** Balance equals the sum, no entry's balanceAfter disagrees with the running sum, never negative. */
  ok: boolean;
  /** What disagrees, for the admin who asked; empty when ok. */
  problems: string[];
}

/**
 * Buyer wallets. Implementations (Redis, memory) live in `src/store`; every change is one atomic
 * step, so the balance and the ledger can never disagree.
 */
export interface WalletStore {
  readonly currency: Currency;
  balance(userId: number): Promise<Money>;
  /**
   * Writes one entry exactly once (by its id); a debit beyond the balance is refused. With `notify`,
   * the step that writes the entry also puts a notice of it in the wallet's outbox (`notices`), held
   * by `notify.holder` until `holdMs` after the entry's time: the writer tells the buyer itself and
   * marks it delivered, and if it dies first the notice worker sends it once the hold runs out. A
   * duplicate or refused entry adds no notice.
   */
  apply(entry: NewLedgerEntry, options?: { notify?: NoticeHold }): Promise<ApplyResult>;
  /** Notices of entries the buyer is still to be told about. */
  readonly notices: WalletNotices;
  entries(userId: number, page: { offset: number; limit: number }): Promise<LedgerPage>;
  /** Re-adds the ledger and compares it with the balance. */
  audit(userId: number): Promise<WalletAudit>;
  /** Every buyer who has a wallet, for an audit of all of them. */
  users(): Promise<number[]>;
}

/** Entries read per page, and at most, by `balanceAfterEntry`. */
const FIND_PAGE = 50;
const FIND_MAX = 200;

/**
 * The balance right after one entry of a buyer (a purchase, to show again on its receipt), looked
 * for among their newest entries down to `notBeforeMs` (the entry's own time); undefined when it is
 * not among the newest few hundred, so the caller leaves the balance out.
 */
export async function balanceAfterEntry(
  wallets: Pick<WalletStore, 'entries'>,
  userId: number,
  entryId: string,
  notBeforeMs: number,
): Promise<Money | undefined> {
  for (let offset = 0; offset < FIND_MAX; offset += FIND_PAGE) {
    const page = await wallets.entries(userId, { offset, limit: FIND_PAGE });
    for (const entry of page.entries) {
      if (entry.id === entryId) return money(entry.balanceAfter, entry.currency);
      if (entry.at < notBeforeMs) return undefined;
    }
    if (page.entries.length < FIND_PAGE) return undefined;
  }
  return undefined;
}

/**
 * How long the writer of an entry (an admin's press, whoever credits a top-up) holds its buyer notice
 * while telling the buyer itself: longer than a send waits out Telegram's retry_after, so the notice
 * worker does not send it at the same time. If the writer dies, the buyer is told this long after
 * the entry.
 */
export const NOTICE_HOLD_MS = 120_000;

/** Who holds a new entry's notice, and for how long after the entry's time (the writer, to send it). */
export interface NoticeHold {
  holder: string;
  holdMs: number;
}

/** Refuses a hold no sender could ever take over: a notice needs a holder and a hold of 0 ms or more. */
export function checkNoticeHold(entryId: string, hold: NoticeHold | undefined): void {
  if (hold && (hold.holder === '' || !Number.isSafeInteger(hold.holdMs) || hold.holdMs < 0))
    throw new RangeError(`ledger entry ${entryId}: a notice needs a holder and a hold of 0 ms or more`);
}

/** A notice in the outbox that the writer of its entry holds, to tell the buyer itself. */
export interface HeldNotice {
  userId: number;
  entryId: string;
  holder: string;
}

/**
 * The outbox of buyer notices: one per entry written with `apply(entry, { notify })`, kept until it is
 * marked delivered. The writer holds it from the write on and tells the buyer at once; a notice left
 * behind (the writer crashed, or gave it back when Telegram refused) is claimed by the notice worker
 * with `claimDue`. Holds are leases, so a notice is sent by one holder at a time; a holder that dies
 * after sending and before `delivered` leaves it to be sent again, so the buyer is told at least once
 * and, short of that crash, exactly once.
 */
export interface WalletNotices {
  /**
   * Leases up to `limit` notices that are due and not leased, to `token` for `leaseMs`, pushing each
   * notice looked at past the lease; returns their entries, oldest first. An entry that cannot be
   * read is reported and not handed out; a notice whose entry is gone is dropped.
   */
  claimDue(nowMs: number, limit: number, leaseMs: number, token: string): Promise<LedgerEntry[]>;
  /** Gives the notice back undelivered, due again at `nowMs`, if `token` still holds it. */
  release(userId: number, entryId: string, token: string, nowMs: number): Promise<void>;
  /** The buyer was told (or never can be): the notice leaves the outbox. */
  delivered(userId: number, entryId: string): Promise<void>;
}

/** How a notice is named in the outbox: the buyer and the entry id (unique per buyer). */
export function noticeMember(userId: number, entryId: string): string {
  return `${userId}:${entryId}`;
}

/** The buyer and entry id of an outbox member; undefined for one that is not shaped like one. */
export function parseNoticeMember(member: string): { userId: number; entryId: string } | undefined {
  const match = /^(\d{1,15}):(.+)$/s.exec(member);
  if (!match) return undefined;
  return { userId: Number(match[1]), entryId: match[2] ?? '' };
}
