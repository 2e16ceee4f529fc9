import type { Money } from '../payments/money.js';

/**
 * Top-ups by bank transfer. The buyer transfers money to the shop outside Telegram and sends a
 * claim: the amount, and a receipt photo or the transfer's reference. An admin checks the bank and
 * approves or rejects it; only an approval credits the wallet, once, with the ledger entry
 * `topup:<claim id>` (kind `topup`, reference the claim id).
 *
 *   awaiting_review ──approve (first decision, before expiresAt)──► approved ──credit──► credited
 *         └────────────reject (first decision)─────────────────────► rejected
 *
 * Exactly once, across admins and bot replicas:
 * - `decide` is one atomic step on the claim: the first decision wins, every later one (another
 *   admin, a second tap, a second replica) is answered `already-decided` and changes nothing; an
 *   expired claim cannot be approved.
 * - The credit is decide-then-apply: the wallet store owns its own atomic script, so the claim
 *   store records the approval (and marks the claim "to credit") and the caller then writes the
 *   ledger entry with `wallets.apply`. The entry id `topup:<claim id>` makes that write idempotent,
 *   so a crash between the two steps is repaired by applying again (`creditApproved`), which every
 *   read of an approved-but-uncredited claim does. A claim is never credited twice, and never
 *   left approved without a credit for longer than the next read.
 */
export type TopupClaimState = 'awaiting_review' | 'approved' | 'rejected';

export type TopupDecision = 'approve' | 'reject';

/** What the buyer sent to prove a transfer: a receipt photo (Telegram file id), a reference, or both. */
export interface TopupEvidence {
  photoFileId?: string;
  /**
   * The photo's `file_unique_id`: the same for every copy of one file, where `file_id` changes when
   * the file is sent again, so it is what recognises a receipt re-sent (see topup-proofs.ts). Claims
   * made before it was kept have none.
   */
  photoUniqueId?: string;
  reference?: string;
}

/** An admin's copy of the claim message, edited once someone decides. */
export interface AdminCopy {
  adminId: number;
  chatId: number;
  messageId: number;
}

export interface TopupClaim {
  id: string;
  userId: number;
  chatId: number;
  amount: Money;
  evidence: TopupEvidence;
  /** Epoch ms. */
  createdAt: number;
  /** Epoch ms; from then on the claim cannot be approved. */
  expiresAt: number;
  state: TopupClaimState;
  /** Who decided, what, and when; set with the state. */
  decidedBy?: number;
  decidedAt?: number;
  /** True once the wallet holds the `topup:<id>` entry. */
  credited: boolean;
  adminCopies: AdminCopy[];
}

export type NewTopupClaim = Pick<
  TopupClaim,
  'id' | 'userId' | 'chatId' | 'amount' | 'evidence' | 'createdAt' | 'expiresAt'
>;

export type DecideResult =
  /** This call made the decision. */
  | { result: 'decided'; claim: TopupClaim }
  /** Someone decided first (or this admin already did); nothing changed. */
  | { result: 'already-decided'; claim: TopupClaim }
  /** Approving after `expiresAt`; nothing changed. (A reject of an expired claim is allowed.) */
  | { result: 'expired'; claim: TopupClaim }
  | { result: 'missing' };

/** Claims, in Redis or in memory (src/store). Claims have no TTL: they are money records. */
export interface TopupClaimStore {
  /** Writes a new claim in `awaiting_review`; an existing id is left as it is and returned. */
  create(claim: NewTopupClaim): Promise<TopupClaim>;
  get(id: string): Promise<TopupClaim | undefined>;
  /** Remembers where each admin's copy of the claim was sent. */
  addAdminCopies(id: string, copies: AdminCopy[]): Promise<void>;
  /** The first decision wins, atomically; see the header. */
  decide(id: string, adminId: number, decision: TopupDecision, nowMs: number): Promise<DecideResult>;
  /** Records that the wallet holds the claim's entry. */
  markCredited(id: string): Promise<void>;
  /** Claims awaiting review and not expired at `nowMs`, oldest first. */
  listOpen(nowMs: number, limit: number): Promise<TopupClaim[]>;
  /** Approved claims whose credit is not recorded yet (the repair path). */
  listUncredited(limit: number): Promise<TopupClaim[]>;
}

/** The ledger entry id of a claim's credit: written at most once per claim. */
export function topupEntryId(claimId: string): string {
  return `topup:${claimId}`;
}
