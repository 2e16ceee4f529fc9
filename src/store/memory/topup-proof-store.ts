import { MAX_CLAIMS_PER_PROOF, type ProofFingerprintStore } from '../../wallet/topup-proofs.js';

/**
 * Proof fingerprints in process memory, for development and tests: each call runs in one
 * synchronous step, as atomic as the Redis script within one process, and expires like its TTL.
 */
export function createMemoryProofFingerprintStore(): ProofFingerprintStore {
  const lists = new Map<string, { claimIds: string[]; expiresAt: number }>();
  return {
    async remember({ fingerprints, claimId, nowMs, ttlMs }) {
      return fingerprints.map((fingerprint) => {
        const kept = lists.get(fingerprint);
        const live = kept && kept.expiresAt > nowMs ? kept : { claimIds: [], expiresAt: 0 };
        if (!live.claimIds.includes(claimId) && live.claimIds.length < MAX_CLAIMS_PER_PROOF) {
          live.claimIds.push(claimId);
          live.expiresAt = nowMs + ttlMs;
        }
        lists.set(fingerprint, live);
        return [...live.claimIds];
      });
    },
  };
}
