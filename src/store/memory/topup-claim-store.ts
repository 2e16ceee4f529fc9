import type {
  AdminCopy,
  DecideResult,
  NewTopupClaim,
  TopupClaim,
  TopupClaimStore,
  TopupDecision,
} from '../../wallet/topup-claims.js';

/**
 * Top-up claims in process memory, for development and tests. Each change happens in one
 * synchronous step, so it is as atomic as the Redis scripts within one process.
 */
export function createMemoryTopupClaimStore(): TopupClaimStore {
  const claims = new Map<string, TopupClaim>();
  const copy = (claim: TopupClaim): TopupClaim => structuredClone(claim);

  return {
    async create(input: NewTopupClaim) {
      const existing = claims.get(input.id);
      if (existing) return copy(existing);
      const claim: TopupClaim = {
        ...structuredClone(input),
        state: 'awaiting_review',
        credited: false,
        adminCopies: [],
      };
      claims.set(claim.id, claim);
      return copy(claim);
    },
    async get(id) {
      const claim = claims.get(id);
      return claim ? copy(claim) : undefined;
    },
    async addAdminCopies(id, copies: AdminCopy[]) {
      const claim = claims.get(id);
      if (!claim) return;
      const others = claim.adminCopies.filter((c) => !copies.some((n) => n.adminId === c.adminId));
      claim.adminCopies = [...others, ...copies.map((c) => ({ ...c }))];
    },
    async decide(id, adminId, decision: TopupDecision, nowMs): Promise<DecideResult> {
      const claim = claims.get(id);
      if (!claim) return { result: 'missing' };
      if (claim.state !== 'awaiting_review') return { result: 'already-decided', claim: copy(claim) };
      if (decision === 'approve' && nowMs >= claim.expiresAt)
        return { result: 'expired', claim: copy(claim) };
      claim.state = decision === 'approve' ? 'approved' : 'rejected';
      claim.decidedBy = adminId;
      claim.decidedAt = nowMs;
      return { result: 'decided', claim: copy(claim) };
    },
    async markCredited(id) {
      const claim = claims.get(id);
      if (claim?.state === 'approved') claim.credited = true;
    },
    async listOpen(nowMs, limit) {
      return [...claims.values()]
        .filter((c) => c.state === 'awaiting_review' && c.expiresAt > nowMs)
        .sort((a, b) => a.createdAt - b.createdAt)
        .slice(0, limit)
        .map(copy);
    },
    async listUncredited(limit) {
      return [...claims.values()]
        .filter((c) => c.state === 'approved' && !c.credited)
        .slice(0, limit)
        .map(copy);
    },
  };
}
