import type { Money } from '../payments/money.js';
import type { Clock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import type { WalletStore } from './ledger.js';
import { type TopupClaim, type TopupClaimStore, type TopupDecision, topupEntryId } from './topup-claims.js';
import { approvedMatchCount, type ProofMatch, type ProofMatcher } from './topup-proofs.js';
import { type TopupStore, topupNoticeHold } from './topups.js';

/**
 * An admin's Approve or Reject, carried out exactly once (see topup-claims.ts): the claim store
 * decides atomically, then an approval is credited with the once-only entry `topup:<claim id>`, then
 * the credit is recorded. Any step may be repeated after a crash without a second credit.
 */
export type DecisionOutcome =
  /** This press decided. `balance` is the buyer's balance after an approval's credit. */
  | { kind: 'decided'; claim: TopupClaim; balance?: Money }
  /** Decided before (by this admin or another); nothing changed. */
  | { kind: 'already-decided'; claim: TopupClaim }
  | { kind: 'expired'; claim: TopupClaim }
  /** A buyer may not approve their own claim (unless self-approval is allowed, as in the demo). */
  | { kind: 'own-claim'; claim: TopupClaim }
  /**
   * An approval of a claim whose proof another claim used too, without `despiteMatches`: nothing
   * changed; the admin is to check and approve again explicitly (topup-proofs.ts).
   */
  | { kind: 'needs-confirmation'; claim: TopupClaim; matches: ProofMatch[] }
  /**
   * An "Approve anyway" made on what is no longer true: more of the matching claims are approved now
   * than the admin was shown (`approvedSeen`). Nothing changed; the admin is to look again.
   */
  | { kind: 'matches-changed'; claim: TopupClaim; matches: ProofMatch[] }
  | { kind: 'missing' };

export interface TopupDecisionsDeps {
  claims: TopupClaimStore;
  wallets: Pick<WalletStore, 'apply' | 'balance'>;
  clock: Clock;
  logger: Logger;
  allowSelfApproval?: boolean;
  /**
   * The shared top-up record (wallet/topups.ts). With it, a claim is a `transfer` top-up whose id
   * and payer id are the claim id, and its credit goes through that record (the same entry id,
   * `topup:<claim id>`); without it, the claim is credited straight into the wallet.
   */
  topups?: TopupStore;
  /**
   * Recognises a transfer claimed twice. With it, an approval of a claim that shares its reference
   * or receipt photo with another claim needs `despiteMatches`, and is logged at warn.
   */
  proofs?: ProofMatcher;
}

export interface DecideOptions {
  /** The admin saw that the claim's proof matches another claim's and approves it anyway. */
  despiteMatches?: boolean;
  /**
   * With `despiteMatches`: how many of the matching claims the admin was shown as approved (absent:
   * none). When more are approved now, say another admin approved one of them since, the approval
   * is refused as `matches-changed`: the admin approved anyway believing that claim still open.
   */
  approvedSeen?: number;
}

export interface TopupDecisions {
  decide(
    claimId: string,
    adminId: number,
    decision: TopupDecision,
    options?: DecideOptions,
  ): Promise<DecisionOutcome>;
  /** Credits approved claims whose credit is not recorded (after a crash); returns how many. */
  repair(limit?: number): Promise<number>;
  /** Records a new claim as a `transfer` top-up awaiting payment (no-op without the top-up store). */
  track(claim: TopupClaim): Promise<void>;
}

export function createTopupDecisions(deps: TopupDecisionsDeps): TopupDecisions {
  const { claims, wallets, clock } = deps;
  const log = deps.logger.child({ component: 'topup-decisions' });

  /** The claim's top-up record, written once (claims made before the record existed get one now). */
  const recordOf = (claim: TopupClaim) =>
    deps.topups?.create({
      id: claim.id,
      method: 'transfer',
      userId: claim.userId,
      chatId: claim.chatId,
      amount: claim.amount,
      createdAt: claim.createdAt,
      expiresAt: claim.expiresAt,
      payerId: claim.id,
      state: 'awaiting_payment',
    });

  /**
   * Writes the claim's credit (once, by its entry id) and records it; answers the balance. The
   * buyer's notice of it goes into the wallet's outbox in the same step, held for the press that
   * decided the claim (it tells the buyer, topup-review.ts) until two minutes after the decision.
   * A repair that finishes the credit later (`repair`, a later press) writes the same hold: due at
   * once when the decision is long past, and never ahead of a deciding press still at work, which
   * would tell the buyer a second time.
   */
  const credit = async (claim: TopupClaim): Promise<Money> => {
    const notify = topupNoticeHold(claim.id);
    if (deps.topups) {
      await recordOf(claim);
      const result = await deps.topups.credit(
        claim.id,
        { payerId: claim.id },
        claim.decidedAt ?? clock.nowMs(),
        notify,
      );
      if (result.result === 'missing' || result.result === 'payer-taken' || result.result === 'refused')
        throw new Error(`credit of top-up ${claim.id} refused (${result.result})`);
      await claims.markCredited(claim.id);
      return result.result === 'credited' ? result.balance : await deps.wallets.balance(claim.userId);
    }
    const applied = await wallets.apply(
      {
        id: topupEntryId(claim.id),
        userId: claim.userId,
        kind: 'topup',
        amount: claim.amount.minor,
        reference: claim.id,
        at: claim.decidedAt ?? clock.nowMs(),
      },
      { notify },
    );
    if (applied.result === 'insufficient') throw new Error(`credit of top-up ${claim.id} refused`);
    await claims.markCredited(claim.id);
    return applied.balance;
  };

  /**
   * The other claims sharing an approvable claim's proof, read before the decision: a claim decided
   * or expired already is left to the claim store to answer, unflagged.
   */
  const matchesBeforeApproval = async (claim: TopupClaim): Promise<ProofMatch[]> => {
    if (!deps.proofs || claim.state !== 'awaiting_review' || clock.nowMs() >= claim.expiresAt) return [];
    return deps.proofs.matchesOf(claim);
  };

  /** Never the references themselves: only which claims matched, how, and where they stand. */
  const warnApprovedDespite = (claim: TopupClaim, adminId: number, matches: ProofMatch[]) =>
    log.warn('top-up claim approved although its proof matches other claims', {
      claimId: claim.id,
      adminId,
      userId: claim.userId,
      amount: claim.amount.minor,
      matches: matches.map((m) => ({
        claimId: m.claimId,
        earlier: m.earlier,
        shared: m.shared,
        userId: m.other?.userId,
        standing: m.other?.standing,
      })),
    });

  return {
    async decide(claimId, adminId, decision, options = {}) {
      const current = await claims.get(claimId);
      if (!current) return { kind: 'missing' };
      if (decision === 'approve' && current.userId === adminId && !deps.allowSelfApproval)
        return { kind: 'own-claim', claim: current };
      const matches = decision === 'approve' ? await matchesBeforeApproval(current) : [];
      if (matches.length > 0 && !options.despiteMatches)
        return { kind: 'needs-confirmation', claim: current, matches };
      if (matches.length > 0 && approvedMatchCount(matches) > (options.approvedSeen ?? 0))
        return { kind: 'matches-changed', claim: current, matches };
      const result = await claims.decide(claimId, adminId, decision, clock.nowMs());
      switch (result.result) {
        case 'missing':
          return { kind: 'missing' };
        case 'expired':
          return { kind: 'expired', claim: result.claim };
        case 'already-decided':
          // The repair path: an approval whose credit was interrupted is completed by any later read.
          if (result.claim.state === 'approved' && !result.claim.credited) await credit(result.claim);
          return { kind: 'already-decided', claim: result.claim };
        case 'decided': {
          log.info('top-up claim decided', { claimId, adminId, decision });
          if (result.claim.state !== 'approved') {
            if (deps.topups) {
              await recordOf(result.claim);
              await deps.topups.reject(claimId, clock.nowMs(), `rejected by ${adminId}`);
            }
            return { kind: 'decided', claim: result.claim };
          }
          if (matches.length > 0) warnApprovedDespite(result.claim, adminId, matches);
          const balance = await credit(result.claim);
          return { kind: 'decided', claim: { ...result.claim, credited: true }, balance };
        }
      }
    },

    async repair(limit = 100) {
      let repaired = 0;
      for (const claim of await claims.listUncredited(limit)) {
        try {
          await credit(claim);
          repaired += 1;
        } catch (error) {
          log.warn('could not credit an approved top-up yet', { claimId: claim.id, err: error });
        }
      }
      if (repaired > 0) log.warn('credited approved top-ups left uncredited', { count: repaired });
      return repaired;
    },

    async track(claim) {
      await recordOf(claim);
    },
  };
}
