import { formatMoney } from '../../payments/money.js';
import type { TopupClaim } from '../../wallet/topup-claims.js';
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

/** An admin's copy: the claim, with Approve and Reject while it awaits review, or who decided. */
export function renderClaimForAdmin(claim: TopupClaim, locale: Locale): View {
  const t = messagesFor(locale).topupReview;
  const decided =
    claim.state === 'awaiting_review' || claim.decidedBy === undefined
      ? undefined
      : (claim.state === 'approved' ? t.approvedBy : t.rejectedBy)(
          String(claim.decidedBy),
          formatDateTime(claim.decidedAt ?? claim.createdAt, locale),
        );
  const keyboard =
    claim.state === 'awaiting_review'
      ? [
          [
            callbackButton(t.approve, { scope: 'topup', action: 'approve', claimId: claim.id }),
            callbackButton(t.reject, { scope: 'topup', action: 'reject', claimId: claim.id }),
          ],
        ]
      : [];
  return view(blocks(t.claimTitle, claimLines(claim, locale), decided), keyboard);
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
