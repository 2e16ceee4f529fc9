import type { Money } from '../payments/money.js';
import { type HeldNotice, NOTICE_HOLD_MS, type NoticeHold } from './ledger.js';

/**
 * The top-up port: every way money enters a wallet (a transfer claim an admin approved, a Billplz
 * bill, a Telegram Stars payment, an admin's credit) is one top-up record with one state machine, so
 * the wallet never knows which method paid and nothing is credited twice.
 *
 *   created ──► awaiting_payment ──► credited ──────────────────────────► reversed
 *      │               │  │               │  ▲                                ▲
 *      │               │  │               │  └─(Telegram refused)─┐           │
 *      │               │  │               ├──► refunding ─────────┴─(refunded)┘
 *      │               │  │               └──► refund_short (refunded elsewhere; balance short)
 *      │               │  └──► expired ──(payment confirmed at its source anyway)──► credited
 *      └───────────────┴──► rejected
 *
 * - `created`: written before anything leaves for the gateway (a Billplz bill to be created).
 * - `awaiting_payment`: the payer can pay (a bill URL, a Stars invoice, a claim with an admin).
 * - `credited`: the ledger entry `topup:<top-up id>` is written, in the same atomic step as the state.
 * - `expired`: not paid in time (a bill deleted, an invoice past its time, a claim past review). A
 *   Billplz bill that is paid after it was deleted reappears (spec §4), so a payment confirmed at
 *   its source still credits an expired top-up: the money did arrive.
 * - `rejected`: never payable (an admin rejected the claim, the gateway refused the bill).
 * - `refunding`: a Stars refund was asked for. The credit is taken back first (`reversal:<id>`),
 *   so the buyer cannot spend it while the refund is in flight; then Telegram is asked. A refusal
 *   puts the credit back (`restore:<id>`, → credited); an answer that never came leaves it here,
 *   and asking again finishes it (→ reversed) without touching the wallet a second time.
 * - `reversed`: the Stars went back and the credit was taken back (a Stars refund).
 * - `refund_short`: Telegram refunded the Stars elsewhere (a `refunded_payment` we did not ask for)
 *   and the buyer's balance no longer covered the credit: nothing was taken (a wallet never goes
 *   negative) and the admins were told, to settle it by hand.
 *
 * Each reversal of one top-up is numbered (`refundAttempt`): a refund refused and asked again later
 * writes `reversal:<id>:2` and, if refused again, `restore:<id>:2`, so every entry stays write-once.
 *
 * Keyed by the payer's own id: each top-up records its method's id for the payment (claim id,
 * Billplz bill id, Telegram charge id), and one payer id can belong to one top-up only. The credit
 * is one step in the store (state, payer id and ledger entry together), so a crash leaves either
 * nothing or everything: the next callback, re-read or redelivered update credits what is left, once.
 */
export type TopupMethod = 'transfer' | 'billplz' | 'stars' | 'admin';
export const TOPUP_METHODS: readonly TopupMethod[] = ['transfer', 'billplz', 'stars', 'admin'];

export type TopupState =
  | 'created'
  | 'awaiting_payment'
  | 'credited'
  | 'expired'
  | 'rejected'
  | 'refunding'
  | 'reversed'
  | 'refund_short';
export const TOPUP_STATES: readonly TopupState[] = [
  'created',
  'awaiting_payment',
  'credited',
  'expired',
  'rejected',
  'refunding',
  'reversed',
  'refund_short',
];

/** States a payment confirmed at its source may still credit. */
export const CREDITABLE_STATES: readonly TopupState[] = ['created', 'awaiting_payment', 'expired'];

/**
 * States a top-up reaches only after its credit was written: a payment confirmed again (a
 * redelivered successful_payment) is a duplicate here, whatever its refund did since.
 */
export const WAS_CREDITED: readonly TopupState[] = ['credited', 'refunding', 'reversed', 'refund_short'];

/** Top-up ids are ours: random and URL-safe; they travel in Stars payloads and Billplz references. */
export const TOPUP_ID_PATTERN = /^[A-Za-z0-9_-]{6,40}$/;

export interface Topup {
  id: string;
  method: TopupMethod;
  userId: number;
  chatId: number;
  /** What the wallet is credited: the shop's currency. */
  amount: Money;
  state: TopupState;
  /** The method's own id for the payment: claim id, Billplz bill id, Telegram charge id. */
  payerId?: string;
  /** Epoch ms. */
  createdAt: number;
  updatedAt: number;
  /** Epoch ms after which the payer should no longer pay (a bill is deleted, an invoice declined). */
  expiresAt: number;
  /** Billplz: the bill page the buyer was sent to. */
  billUrl?: string;
  /** Stars: the quoted price in Stars and the rate it was computed at (checked at pre-checkout). */
  stars?: { amount: number; perUnit: number };
  /** Why it ended as it did (a rejection reason, a refund), for admins. */
  note?: string;
  /** Stars: how many times its credit was taken back for a refund (numbers the ledger entries). */
  refundAttempt?: number;
}

export type NewTopup = Pick<
  Topup,
  'id' | 'method' | 'userId' | 'chatId' | 'amount' | 'createdAt' | 'expiresAt'
> &
  Partial<Pick<Topup, 'payerId' | 'billUrl' | 'stars' | 'state'>>;

export type CreditResult =
  /** This call wrote the credit; `balance` is the buyer's balance after it. */
  | { result: 'credited'; topup: Topup; balance: Money }
  /** Already credited (by this payer id); nothing changed. */
  | { result: 'duplicate'; topup: Topup }
  /** Not creditable: rejected or reversed, or credited under another payer id. Nothing changed. */
  | { result: 'refused'; topup: Topup }
  /** The payer id belongs to another top-up; nothing changed. */
  | { result: 'payer-taken'; otherTopupId: string }
  | { result: 'missing' };

export type StartRefundResult =
  /** This call took the credit back (`attempt` numbers it); now `refunding`. */
  | { result: 'started'; topup: Topup; attempt: number; balance: Money }
  /** A refund of it was started before and not finished: ask Telegram again for `attempt`. */
  | { result: 'refunding'; topup: Topup; attempt: number }
  /** The balance no longer covers the credit; nothing changed. */
  | { result: 'insufficient'; topup: Topup; balance: Money }
  /** In another state (never credited, reversed, refund_short); nothing changed. */
  | { result: 'not-credited'; topup: Topup }
  | { result: 'missing' };

export type SettleRefundResult =
  /** `finishRefund`: refunding → reversed; `undoRefund`: refunding → credited, with the balance after. */
  | { result: 'done'; topup: Topup; balance?: Money }
  /** Not `refunding` under this attempt any more (another call settled it); nothing changed. */
  | { result: 'not-refunding'; topup: Topup }
  | { result: 'missing' };

export type SourceRefundResult =
  /** It was credited: this call took the credit back (→ reversed). */
  | { result: 'reversed'; topup: Topup; balance: Money }
  /** It was `refunding` (a /refundstars whose answer never came): → reversed, wallet untouched. */
  | { result: 'completed'; topup: Topup }
  /** Reversed already by /refundstars; nothing changed. */
  | { result: 'already'; topup: Topup }
  /** It was credited but the balance is short: → refund_short, wallet untouched. */
  | { result: 'short'; topup: Topup; balance: Money }
  /** This refund was handled before (a redelivery, another replica); nothing changed. */
  | { result: 'duplicate'; topup: Topup }
  /** Never credited (cannot happen for a charge id we bound, kept for safety); nothing changed. */
  | { result: 'not-credited'; topup: Topup }
  | { result: 'missing' };

/** A payment that arrived and matched no open top-up: kept for the admins, never dropped. */
export interface UnmatchedPayment {
  method: TopupMethod;
  /** The payer's id for it (a Telegram charge id, a Billplz bill id). */
  payerId: string;
  userId?: number;
  /** What the payer said it was for (a Stars payload). */
  reference: string;
  /** In the payment's own unit (Stars, sen). */
  amount: number;
  currency: string;
  reason: string;
  at: number;
}

/**
 * Top-up records, in Redis or memory (src/store). They have no TTL: they are money records. Every
 * change is one atomic step; every verb is safe to repeat.
 */
export interface TopupStore {
  /** Writes a new top-up (in `created` unless told otherwise); an existing id is returned unchanged. */
  create(topup: NewTopup): Promise<Topup>;
  get(id: string): Promise<Topup | undefined>;
  /** The top-up a payer id belongs to. */
  byPayer(method: TopupMethod, payerId: string): Promise<Topup | undefined>;
  /**
   * created → awaiting_payment, binding `payerId` (a bill id) when given; `patch` adds the bill URL
   * and expiry. Answers the top-up as it is afterwards; false when it was not in `created`.
   */
  open(
    id: string,
    change: { payerId?: string; billUrl?: string; expiresAt?: number; nextCheckAt?: number },
    nowMs: number,
  ): Promise<{ ok: boolean; topup?: Topup }>;
  /**
   * The payment is confirmed at its source: writes `topup:<id>` to the buyer's wallet and the state
   * `credited` in one step, binding `payerId` if the top-up has none yet (a Stars charge id). With
   * `notify`, the same step puts the buyer's notice of the credit into the wallet's outbox, held as
   * with `WalletStore.apply` (`topupNoticeHold`), so a crash before the buyer is told loses nothing.
   */
  credit(
    id: string,
    payment: { payerId?: string },
    nowMs: number,
    notify?: NoticeHold,
  ): Promise<CreditResult>;
  /** → expired (from created or awaiting_payment); false when it was in another state. */
  expire(id: string, nowMs: number, note?: string): Promise<boolean>;
  /** → rejected (from created or awaiting_payment); false when it was in another state. */
  reject(id: string, nowMs: number, note?: string): Promise<boolean>;
  /**
   * credited → refunding, taking the credit back (`reversal:<id>[:n]`) only when the balance allows;
   * a top-up already `refunding` is answered with its attempt, for the caller to ask Telegram again.
   */
  startRefund(id: string, nowMs: number, note: string): Promise<StartRefundResult>;
  /** refunding (this attempt) → reversed: Telegram refunded the Stars. The wallet is not touched. */
  finishRefund(id: string, attempt: number, nowMs: number): Promise<SettleRefundResult>;
  /**
   * refunding (this attempt) → credited, putting the credit back (`restore:<id>[:n]`): Telegram
   * refused the refund, so the buyer keeps what they paid for.
   */
  undoRefund(id: string, attempt: number, nowMs: number, note: string): Promise<SettleRefundResult>;
  /**
   * Telegram says the Stars were refunded (`refunded_payment`), however that came about. Once per
   * top-up: credited → reversed (or → refund_short when the balance is short), refunding → reversed
   * without a wallet entry, reversed stays. A second call answers `duplicate` and changes nothing.
   */
  refundedAtSource(id: string, nowMs: number, note: string): Promise<SourceRefundResult>;
  /** Top-ups of `method` whose next gateway check is due at `nowMs`, soonest first. */
  listDue(method: TopupMethod, nowMs: number, limit: number): Promise<Topup[]>;
  /** When the gateway should next be asked about this top-up; undefined: never again. */
  schedule(id: string, method: TopupMethod, nextCheckAt: number | undefined): Promise<void>;
  /** Keeps a payment that matched nothing, for the admins. Once per (method, payerId). */
  recordUnmatched(payment: UnmatchedPayment): Promise<'recorded' | 'duplicate'>;
  listUnmatched(limit: number): Promise<UnmatchedPayment[]>;
  /** How many top-ups are in each method and state (for /metrics). */
  counts(): Promise<Array<{ method: TopupMethod; state: TopupState; count: number }>>;
}

/** The ledger entry id of a top-up's credit: written at most once per top-up. */
export function topupCreditEntryId(topupId: string): string {
  return `topup:${topupId}`;
}

/**
 * The hold on a top-up credit's notice, until `NOTICE_HOLD_MS` after the credit entry's time: whoever
 * credits it tells the buyer at once; should it die first, the wallet's notice worker tells them.
 * Only the one call that writes the credit ever holds it, so the holder is named by the top-up alone.
 */
export function topupNoticeHold(topupId: string): NoticeHold {
  return { holder: `topup:${topupId}`, holdMs: NOTICE_HOLD_MS };
}

/** The notice of a top-up's credit, as its writer holds it (`topupNoticeHold`). */
export function topupNotice(topup: Pick<Topup, 'id' | 'userId'>): HeldNotice {
  return {
    userId: topup.userId,
    entryId: topupCreditEntryId(topup.id),
    holder: topupNoticeHold(topup.id).holder,
  };
}

/** The ledger entry id of a top-up's credit taken back for its `attempt`-th refund (1 first). */
export function topupReversalEntryId(topupId: string, attempt = 1): string {
  return attempt === 1 ? `reversal:${topupId}` : `reversal:${topupId}:${attempt}`;
}

/** The ledger entry id of that credit put back, when Telegram refused the refund. */
export function topupRestoreEntryId(topupId: string, attempt = 1): string {
  return attempt === 1 ? `restore:${topupId}` : `restore:${topupId}:${attempt}`;
}

/** Where a top-up's payer id is indexed: method and id together, so two methods never collide. */
export function payerKey(method: TopupMethod, payerId: string): string {
  return `${method}:${payerId}`;
}
