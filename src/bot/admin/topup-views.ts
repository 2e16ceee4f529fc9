import { formatMoney } from '../../payments/money.js';
import type { TopupClaim } from '../../wallet/topup-claims.js';
import { approvedMatchCount, type ProofMatch } from '../../wallet/topup-proofs.js';
import { MAX_APPROVED_SEEN } from '../callback-data.js';
import { formatDateTime } from '../i18n/dates.js';
import { messagesFor } from '../i18n/index.js';
import type { Locale } from '../i18n/locale.js';
import { blocks, escapeHtml, lines } from '../views/html.js';
import { callbackButton, type View, view } from '../views/view.js';

/** Top-up claims as the admins see them (the copy each admin gets, /topups) and the buyer's answer. */

function claimLines(claim: TopupClaim, locale: Locale): string {
  const t = messagesFor(locale).topupReview;
  return lines(
    t.buyer(String(claim.userId)),
    t.amount(formatMoney(claim.amount)),
    claim.evidence.reference ? t.reference(escapeHtml(claim.evidence.reference)) : t.noReference,
    claim.evidence.photoFileId ? t.photoAbove : undefined,
    t.sent(formatDateTime(claim.createdAt, locale)),
    t.expires(formatDateTime(claim.expiresAt, locale)),
  );
}

/** Which other claims used this claim's proof, and where they stand; undefined when none did. */
function proofWarning(matches: readonly ProofMatch[], locale: Locale): string | undefined {
  if (matches.length === 0) return undefined;
  const t = messagesFor(locale).topupReview;
  return lines(
    t.proofWarning,
    ...matches.map((m) =>
      t.proofMatch(
        m.shared.length > 1 ? t.proofShared.both : t.proofShared[m.shared[0] ?? 'reference'],
        escapeHtml(m.claimId),
        m.other ? String(m.other.userId) : '?',
        t.standings[m.other?.standing ?? 'unknown'],
        m.earlier,
      ),
    ),
  );
}

/**
 * Approve and Reject while the claim awaits review. A claim whose proof matches another claim's has
 * no plain Approve: its approval is a distinct "Approve anyway" on its own row, under Reject, so a
 * double tap on where Approve was never approves it. Approve anyway carries how many of the matches
 * the card shows approved: pressed after another of them was approved, it is refused and the card
 * redrawn (topup-decisions.ts), so nobody approves on a card that still says "pending".
 */
function claimKeyboard(claim: TopupClaim, matches: readonly ProofMatch[], locale: Locale) {
  if (claim.state !== 'awaiting_review') return [];
  const t = messagesFor(locale).topupReview;
  const reject = callbackButton(t.reject, { scope: 'topup', action: 'reject', claimId: claim.id });
  if (matches.length > 0)
    return [
      [reject],
      [
        callbackButton(t.approveAnyway, {
          scope: 'topup',
          action: 'approveAnyway',
          claimId: claim.id,
          approvedSeen: Math.min(approvedMatchCount(matches), MAX_APPROVED_SEEN),
        }),
      ],
    ];
  return [[callbackButton(t.approve, { scope: 'topup', action: 'approve', claimId: claim.id }), reject]];
}

/**
 * An admin's copy: the claim, with Approve and Reject while it awaits review, or who decided; a
 * warning above it all when other claims used the same proof (`matches`).
 */
export function renderClaimForAdmin(
  claim: TopupClaim,
  locale: Locale,
  matches: readonly ProofMatch[] = [],
): View {
  const t = messagesFor(locale).topupReview;
  const decided =
    claim.state === 'awaiting_review' || claim.decidedBy === undefined
      ? undefined
      : (claim.state === 'approved' ? t.approvedBy : t.rejectedBy)(
          String(claim.decidedBy),
          formatDateTime(claim.decidedAt ?? claim.createdAt, locale),
        );
  return view(
    blocks(t.claimTitle, proofWarning(matches, locale), claimLines(claim, locale), decided),
    claimKeyboard(claim, matches, locale),
  );
}

/** What the buyer is told once an admin decided. */
export function renderClaimDecisionForBuyer(
  claim: TopupClaim,
  balance: TopupClaim['amount'] | undefined,
  locale: Locale,
): View {
  const t = messagesFor(locale).topupReview;
  if (claim.state === 'approved' && balance)
    return view(t.buyerApproved(formatMoney(claim.amount), formatMoney(balance)));
  return view(t.buyerRejected(formatMoney(claim.amount)));
}

/** /topups: the claims awaiting review, oldest first. */
export function renderOpenClaims(claims: TopupClaim[], locale: Locale): View {
  const t = messagesFor(locale).topupReview;
  if (claims.length === 0) return view(t.openNone);
  return view(
    blocks(
      t.openTitle(claims.length),
      ...claims.map((claim) =>
        lines(
          `<code>${escapeHtml(claim.id)}</code>`,
          t.buyer(String(claim.userId)),
          t.amount(formatMoney(claim.amount)),
          claim.evidence.reference ? t.reference(escapeHtml(claim.evidence.reference)) : t.photoAbove,
          t.expires(formatDateTime(claim.expiresAt, locale)),
        ),
      ),
    ),
  );
}
