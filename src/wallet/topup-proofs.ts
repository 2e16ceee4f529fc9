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

/** The separators a reference may be typed with (the ones parseTransferReference accepts). */
const SEPARATOR = '[\\s#/._:-]';

/**
 * Labels a buyer may type before the reference itself, as words (upper case), longest first. Only
 * these: a label is dropped when it starts the reference and is followed by a separator, a digit or
 * the end ("Ref 998877", "REF998877", "No. Rujukan: 998877" are all 998877), never when a letter
 * follows ("REFUND1234", "TRXABC9" keep theirs). Bank references do not start with these words.
 */
export const REFERENCE_LABELS: readonly (readonly string[])[] = [
  ['REFERENCE', 'NO'],
  ['REFERENCE'],
  ['REF', 'NO'],
  ['REF'],
  ['NO', 'RUJUKAN'],
  ['NO', 'RUJ'],
  ['RUJUKAN'],
  ['TRANSACTION', 'ID'],
  ['TRX', 'ID'],
  ['TRX'],
];

const LABEL = new RegExp(
  `^(?:${REFERENCE_LABELS.map((words) => words.join(`${SEPARATOR}*`)).join('|')})(?=${SEPARATOR}|\\d|$)${SEPARATOR}*`,
  'u',
);

/** An amount alone: "RM20", "Paid RM 50", "Rp 10.000", "20.00", "Bayar 50". */
const CURRENCY = '(?:RM|MYR|RP|IDR)';
const NUMBER = '\\d+(?:[.,]\\d+)*';
const PAID = '(?:PAID|PAY|PAYMENT|BAYAR|DIBAYAR|TRANSFER|TF|TOP ?UP|AMOUNT|JUMLAH|TOTAL)';
const AMOUNT = new RegExp(
  [
    `^(?:${PAID} ?)?(?:${CURRENCY} ?${NUMBER}|${NUMBER} ?${CURRENCY})$`,
    `^${PAID} ?${NUMBER}$`,
    // Without a currency, only what reads as money: two decimals, or thousands grouped.
    '^\\d+[.,]\\d{2}$',
    '^\\d{1,3}(?:[.,]\\d{3})+(?:[.,]\\d{2})?$',
  ].join('|'),
  'u',
);

/** A date alone: "2/12", "02/12/2026", "2.12.26", "2026-12-02" (day and month in range, either order). */
const DAY = '(?:0?[1-9]|[12]\\d|3[01])';
const MONTH = '(?:0?[1-9]|1[0-2])';
const YEAR = '(?:\\d{2}|\\d{4})';
const DATE = new RegExp(
  `^(?:(?:${DAY}[/.-]${MONTH}|${MONTH}[/.-]${DAY})(?:[/.-]${YEAR})?|\\d{4}[/.-]${MONTH}[/.-]${DAY})$`,
  'u',
);

/** Shortest reference fingerprinted, counted in letters and digits once its label is dropped. */
export const MIN_REFERENCE_CHARS = 4;

/**
 * A transfer reference reduced to what identifies the transfer: Unicode compatibility forms folded
 * (full-width digits), case ignored, a leading label from REFERENCE_LABELS dropped, and whitespace
 * and the separators a reference may be typed with (`# / . _ : -`) removed. Banks' references are
 * letters and digits only; the separators are how a person formats them ("MBB 1234-5678" is
 * MBB12345678), so only text that spells the same letters and digits in the same order maps to the
 * same value. Nothing else is dropped: no leading zeros, no bank name.
 *
 * Undefined (not fingerprinted) when what is left is not a reference: shorter than
 * MIN_REFERENCE_CHARS, without a digit, or only an amount or a date. Those are what many buyers
 * type for unrelated transfers ("RM20", "2/12"), so matching them would flag strangers' claims and
 * teach admins to press "Approve anyway" without looking.
 */
export function normaliseReference(reference: string): string | undefined {
  const typed = reference.normalize('NFKC').toUpperCase().replace(/\s+/gu, ' ').trim();
  const rest = typed.replace(LABEL, '');
  if (AMOUNT.test(rest) || DATE.test(rest)) return undefined;
  const letters = rest.replace(new RegExp(`${SEPARATOR}+`, 'gu'), '');
  if (letters.length < MIN_REFERENCE_CHARS || !/\p{N}/u.test(letters)) return undefined;
  return letters;
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

/**
 * How many of the matches are approved: what an "Approve anyway" button records it was shown, so
 * an approval made on a card drawn before another of them was approved is refused.
 */
export function approvedMatchCount(matches: readonly ProofMatch[]): number {
  return matches.filter((m) => m.other?.standing === 'approved').length;
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
