import type { Redis } from 'ioredis';
import { MAX_CLAIMS_PER_PROOF, type ProofFingerprintStore } from '../../wallet/topup-proofs.js';
import type { Keys } from '../keys.js';
import { runLua } from './lua-script.js';
import { REMEMBER_TOPUP_PROOFS } from './scripts.js';

/**
 * Proof fingerprints in Redis: one list per fingerprint (`topupproof:{fingerprint}`) of the claim
 * ids that used it, changed by one script so concurrent claims get one order (see scripts.ts).
 */
export function createRedisProofFingerprintStore(redis: Redis, keys: Keys): ProofFingerprintStore {
  return {
    async remember({ fingerprints, claimId, ttlMs }) {
      if (fingerprints.length === 0) return [];
      const lists = (await runLua(
        redis,
        REMEMBER_TOPUP_PROOFS,
        fingerprints.map((f) => keys.topupProof(f)),
        [claimId, String(Math.max(1, Math.round(ttlMs))), String(MAX_CLAIMS_PER_PROOF)],
      )) as unknown;
      if (!Array.isArray(lists) || lists.length !== fingerprints.length)
        throw new Error('remember_topup_proofs answered an unexpected shape');
      return lists.map((list) => (Array.isArray(list) ? list.map(String) : []));
    },
  };
}
