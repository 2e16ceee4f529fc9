import { createHash } from 'node:crypto';
import type { Clock } from '../platform/clock.js';
import type { TopupClaim, TopupClaimStore, TopupEvidence } from './topup-claims.js';

/**
 * One bank transfer claimed twice. Every claim's evidence is fingerprinted when it is created (the
 * transfer reference, normalised, and the receipt photo's Telegram `file_unique_id`), and the store
 * remembers, per fingerprint, the claims that used it in the order they arrived (atomically, so two
 * claims sent at the same moment see each other and exactly one of them is first). A claim sharing
 * a fingerprint with another claim is flagged on its admin card, and approving it takes an explicit
 * "Approve anyway" (topup-decisions.ts): a re-send after a rejection is legitimate, so it is a warning,
 * not a refusal. The buyer is never told that their proof matched another.
 */

export type ProofKind = 'reference' | 'photo';

/** Where another claim stands now, as an admin reads it. */
export type ClaimStanding = 'pending' | 'approved' | 'rejected' | 'expired';

/** How long a fingerprint is remembered after a claim last used it: far longer than any dispute. */
export const PROOF_MEMORY_MS = 180 * 24 * 3_600_000;

/**
 * Most claims remembered per fingerprint. A proof used this often is flagged anyway (its first
 * claims are kept), and the bound keeps one abused reference from growing a key without limit.
 */
export const MAX_CLAIMS_PER_PROOF = 20;

/** The claims that used each fingerprint, in Redis or in memory (src/store). */
export interface ProofFingerprintStore {
  /**
   * Adds `claimId` to each fingerprint's claims unless it is there already (or the fingerprint holds
   * MAX_CLAIMS_PER_PROOF), keeping the fingerprint `ttlMs` from now, atomically per fingerprint.
   * Answers, for each fingerprint in order, its claim ids oldest first. Repeating a call is harmless.
   */
  remember(input: {
    fingerprints: readonly string[];
    claimId: string;
    nowMs: number;
    ttlMs: number;
  }): Promise<string[][]>;
}

/**
 * A transfer reference reduced to what identifies the transfer: Unicode compatibility forms folded
 * (full-width digits), case ignored, and whitespace and the separators a reference may be typed with
 * (`# / . _ : -`, the ones parseTransferReference accepts) removed. Banks' references are letters
 * and digits only; the separators are how a person formats them ("MBB 1234-5678" is MBB12345678),
 * so only text that spells the same letters and digits in the same order maps to the same value.
 * Nothing else is dropped: no prefix such as "Ref", no leading zeros. Undefined when nothing is left.
 */
export function normaliseReference(reference: string): string | undefined {
  const letters = reference
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s#/._:-]+/gu, '');
  return letters === '' ? undefined : letters;
}

/**
 * The fingerprints of a claim's evidence, each an opaque hash: the store never holds a reference
 * in clear, and a reference and a photo id cannot be mistaken for each other.
 */
export function proofFingerprints(evidence: TopupEvidence): Array<{ kind: ProofKind; fingerprint: string }> {
  const found: Array<{ kind: ProofKind; fingerprint: string }> = [];
  const reference = evidence.reference === undefined ? undefined : normaliseReference(evidence.reference);
  if (reference) found.push({ kind: 'reference', fingerprint: digest('reference', reference) });
  // file_unique_id, not file_id: the same file sent again gets a new file_id but keeps this one.
  if (evidence.photoUniqueId)
    found.push({ kind: 'photo', fingerprint: digest('photo', evidence.photoUniqueId) });
  return found;
}

function digest(kind: ProofKind, value: string): string {
  return createHash('sha256').update(`${kind}\n${value}`).digest('base64url');
}

/** Another claim that used some of this claim's proof. */
export interface ProofMatch {
  claimId: string;
  /** True when that claim came first (it used the proof before this one). */
  earlier: boolean;
  /** What the two claims share, reference before photo. */
  shared: ProofKind[];
  /** That claim's buyer and where it stands now; absent when it cannot be read. */
  other?: { userId: number; standing: ClaimStanding };
}

export function claimStanding(claim: TopupClaim, nowMs: number): ClaimStanding {
  if (claim.state !== 'awaiting_review') return claim.state;
  return nowMs >= claim.expiresAt ? 'expired' : 'pending';
}

export interface ProofMatcher {
  /**
   * Remembers the claim's fingerprints (again, harmlessly, if it was done before: so a claim whose
   * fingerprints were never written, after a crash, gets them before it can be approved) and answers
   * every other claim that used one of them, earlier ones first.
   */
  matchesOf(claim: Pick<TopupClaim, 'id' | 'evidence'>): Promise<ProofMatch[]>;
}

export interface ProofMatcherDeps {
  store: ProofFingerprintStore;
  claims: Pick<TopupClaimStore, 'get'>;
  clock: Clock;
  ttlMs?: number;
}

export function createProofMatcher(deps: ProofMatcherDeps): ProofMatcher {
  const ttlMs = deps.ttlMs ?? PROOF_MEMORY_MS;

  const describe = async (claimId: string): Promise<ProofMatch['other']> => {
    // An unreadable claim still counts as a match: the warning is what matters, not its details.
    const other = await deps.claims.get(claimId).catch(() => undefined);
    return other ? { userId: other.userId, standing: claimStanding(other, deps.clock.nowMs()) } : undefined;
  };

  return {
    async matchesOf(claim) {
      const prints = proofFingerprints(claim.evidence);
      if (prints.length === 0) return [];
      const users = await deps.store.remember({
        fingerprints: prints.map((p) => p.fingerprint),
        claimId: claim.id,
        nowMs: deps.clock.nowMs(),
        ttlMs,
      });
      const found = collectMatches(
        claim.id,
        prints.map((p, i) => ({ kind: p.kind, claimIds: users[i] ?? [] })),
      );
      return Promise.all(
        found.map(async (match) => {
          const other = await describe(match.claimId);
          return other ? { ...match, other } : match;
        }),
      );
    },
  };
}

/**
 * The other claims in each fingerprint's list, merged by claim id. A claim is earlier when it stands
 * before `claimId` in a list, or when `claimId` is missing from a full list (then all came first).
 */
export function collectMatches(
  claimId: string,
  uses: ReadonlyArray<{ kind: ProofKind; claimIds: readonly string[] }>,
): ProofMatch[] {
  const byId = new Map<string, ProofMatch>();
  for (const { kind, claimIds } of uses) {
    const own = claimIds.indexOf(claimId);
    claimIds.forEach((id, position) => {
      if (id === claimId) return;
      const earlier = own === -1 || position < own;
      const match = byId.get(id) ?? { claimId: id, earlier, shared: [] };
      if (!match.shared.includes(kind)) match.shared.push(kind);
      byId.set(id, match);
    });
  }
  return [...byId.values()].sort((a, b) => Number(b.earlier) - Number(a.earlier));
}
