import type { VerifiedPayer, VerifiedPayerStore } from '../ports.js';

/** Verified JomPAY payers in process memory (tests, the demo); a restart forgets them. */
export function createMemoryVerifiedPayerStore(): VerifiedPayerStore {
  const payers = new Map<number, VerifiedPayer>();
  return {
    async get(userId) {
      const payer = payers.get(userId);
      return payer ? { ...payer } : undefined;
    },
    async set(payer) {
      payers.set(payer.userId, { ...payer });
    },
    async remove(userId) {
      return payers.delete(userId);
    },
  };
}
