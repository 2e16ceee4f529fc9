import type { Telegram } from 'telegraf';
import type { Money } from '../../payments/money.js';
import type { Clock } from '../../platform/clock.js';
import type { Logger } from '../../platform/logger.js';
import type { Sleep } from '../../platform/sleep.js';
import type { WalletNotices } from '../../wallet/ledger.js';
import type { AdminCopy, TopupClaim, TopupClaimStore, TopupEvidence } from '../../wallet/topup-claims.js';
import type { TopupDecisions } from '../../wallet/topup-decisions.js';
import type { ProofMatch, ProofMatcher } from '../../wallet/topup-proofs.js';
import { topupNotice } from '../../wallet/topups.js';
import { renderClaimDecisionForBuyer, renderClaimForAdmin } from '../admin/topup-views.js';
import type { CallbackData } from '../callback-data.js';
import { messagesFor } from '../i18n/index.js';
import { DEFAULT_LOCALE, type Locale, localeFromLanguageCode } from '../i18n/locale.js';
import { editView, sendView, withRetryAfter } from './telegram-io.js';
import { tellHeldNotice } from './wallet-notices.js';

/**
 * Top-up claims between the buyer and the admins, over Telegram: a new claim goes to every admin
 * (the receipt photo re-sent by file id, then the claim with Approve and Reject); a press is
 * decided once (topup-decisions.ts), the other admins' copies are edited to say who decided, and the
 * buyer is told the result and their new balance.
 *
 * A claim whose reference or receipt photo another claim used too (`proofs`) reaches the admins with
 * a warning naming that claim, and with "Approve anyway" in place of Approve; when a new claim
 * matches claims still awaiting review, their copies are edited to say so too, and so they are
 * after every decision of a claim they match, so no card keeps calling a decided claim "pending".
 * "Approve anyway" on a card drawn before one of its matching claims was approved is refused and
 * the card redrawn. The buyer is told nothing of it.
 */
export interface TopupReviewDeps {
  telegram: Telegram;
  claims: TopupClaimStore;
  decisions: TopupDecisions;
  /**
   * The wallet's outbox: an approval's credit holds the buyer's notice for the press that decided
   * it, which tells the buyer and settles it (the notice worker tells them should that fail).
   */
  notices: WalletNotices;
  adminUserIds: readonly number[];
  clock: Clock;
  /** A fresh, URL-safe random id of 6 to 32 characters (the claim id travels in callback_data). */
  newClaimId: () => string;
  claimTtlMs: number;
  sleep: Sleep;
  logger: Logger;
  /** Recognises proof used by more than one claim; without it no card is flagged. */
  proofs?: ProofMatcher;
}

export interface TopupReview {
  /** Records the buyer's claim and sends it to the admins. */
  submit(input: {
    userId: number;
    chatId: number;
    amount: Money;
    evidence: TopupEvidence;
    locale?: Locale;
  }): Promise<{ claimId: string; expiresAt: number }>;
  /** An Approve / Reject press; answers the callback query with what happened. */
  onButton(press: {
    data: Extract<CallbackData, { scope: 'topup' }>;
    fromId: number;
    languageCode: string | undefined;
    callbackQueryId: string;
  }): Promise<void>;
}

export function createTopupReview(deps: TopupReviewDeps): TopupReview {
  const { telegram, claims, decisions, clock, sleep } = deps;
  const log = deps.logger.child({ component: 'topup-review' });
  const admins = [...new Set(deps.adminUserIds)];
  /** The buyer's language for the result; claims keep none, so a small map per process. */
  const buyerLocales = new Map<string, Locale>();

  const answer = (id: string, text: string) =>
    telegram
      .answerCbQuery(id, text)
      .catch((error: unknown) => log.warn('could not answer a press', { err: error }));

  const matchesOf = (claim: TopupClaim): Promise<ProofMatch[]> =>
    deps.proofs ? deps.proofs.matchesOf(claim) : Promise.resolve([]);

  /** Sends the claim (its photo first) to every admin; answers where each copy went. */
  const sendToAdmins = async (claim: TopupClaim, matches: ProofMatch[]): Promise<AdminCopy[]> => {
    const copies: AdminCopy[] = [];
    for (const adminId of admins) {
      try {
        if (claim.evidence.photoFileId) {
          const photo = claim.evidence.photoFileId;
          await withRetryAfter(() => telegram.sendPhoto(adminId, photo), sleep);
        }
        const messageId = await sendView(
          telegram,
          adminId,
          renderClaimForAdmin(claim, DEFAULT_LOCALE, matches),
          sleep,
        );
        copies.push({ adminId, chatId: adminId, messageId });
      } catch (error) {
        // One unreachable admin must not stop the others from seeing the claim.
        log.warn('could not send a top-up claim to an admin', { adminId, err: error });
      }
    }
    return copies;
  };

  /** Redraws every admin's copy of the claim as it stands, with the claims matching its proof. */
  const redrawCopies = async (claim: TopupClaim, matches: ProofMatch[]) => {
    const copies = (await claims.get(claim.id))?.adminCopies ?? claim.adminCopies;
    for (const copy of copies) {
      await editView(
        telegram,
        copy.chatId,
        copy.messageId,
        renderClaimForAdmin(claim, DEFAULT_LOCALE, matches),
        sleep,
      ).catch((error: unknown) => log.warn('could not edit an admin’s copy of a claim', { err: error }));
    }
  };

  /**
   * Claims still awaiting review that share a claim's proof are redrawn with their matches as they
   * stand now: after a new claim, so neither of two claims of one transfer keeps a plain Approve, and
   * after a decision, so their cards show it. Best effort: a failure is logged, and an approval
   * checks again (topup-decisions.ts).
   */
  const warnOpenMatches = async (matches: ProofMatch[]) => {
    for (const match of matches) {
      if (match.other?.standing !== 'pending') continue;
      try {
        const other = await claims.get(match.claimId);
        if (other) await redrawCopies(other, await matchesOf(other));
      } catch (error) {
        log.warn('could not flag an open claim sharing a proof', { claimId: match.claimId, err: error });
      }
    }
  };

  /** What a press that decided does next: every copy redrawn, the buyer told. */
  const afterDecision = async (claim: TopupClaim, balance: Money | undefined, matches: ProofMatch[]) => {
    await redrawCopies(claim, matches);
    const locale = buyerLocales.get(claim.id) ?? DEFAULT_LOCALE;
    buyerLocales.delete(claim.id);
    const tell = () =>
      sendView(telegram, claim.chatId, renderClaimDecisionForBuyer(claim, balance, locale), sleep);
    if (claim.state === 'approved')
      await tellHeldNotice({ notices: deps.notices, clock, logger: log }, topupNotice(claim), tell);
    else
      await tell().catch((error: unknown) =>
        log.warn('could not tell the buyer about their top-up', { err: error }),
      );
  };

  return {
    async submit(input) {
      const now = clock.nowMs();
      const claim = await claims.create({
        id: deps.newClaimId(),
        userId: input.userId,
        chatId: input.chatId,
        amount: input.amount,
        evidence: input.evidence,
        createdAt: now,
        expiresAt: now + deps.claimTtlMs,
      });
      if (input.locale) buyerLocales.set(claim.id, input.locale);
      await decisions.track(claim);
      // After the claim is written, so whichever of two racing claims is remembered first exists.
      const matches = await matchesOf(claim);
      log.info('top-up claim created', {
        claimId: claim.id,
        userId: claim.userId,
        amount: claim.amount.minor,
        ...(matches.length > 0 ? { proofMatches: matches.map((m) => m.claimId) } : {}),
      });
      await claims.addAdminCopies(claim.id, await sendToAdmins(claim, matches));
      await warnOpenMatches(matches);
      return { claimId: claim.id, expiresAt: claim.expiresAt };
    },

    async onButton(press) {
      const t = messagesFor(localeFromLanguageCode(press.languageCode)).topupReview;
      if (!admins.includes(press.fromId)) {
        await answer(press.callbackQueryId, t.toastNotAdmin);
        return;
      }
      const { action, claimId } = press.data;
      const decision = action === 'reject' ? 'reject' : 'approve';
      const outcome = await decisions.decide(claimId, press.fromId, decision, {
        despiteMatches: action === 'approveAnyway',
        approvedSeen: press.data.approvedSeen ?? 0,
      });
      // Admin cards are drawn in DEFAULT_LOCALE: a toast names a button as the card shows it.
      const onCard = messagesFor(DEFAULT_LOCALE).topupReview;
      switch (outcome.kind) {
        case 'missing':
          await answer(press.callbackQueryId, t.toastMissing);
          return;
        case 'own-claim':
          await answer(press.callbackQueryId, t.toastOwnClaim);
          return;
        case 'expired':
          await answer(press.callbackQueryId, t.toastExpired);
          return;
        case 'already-decided':
          await answer(press.callbackQueryId, t.toastAlreadyDecided);
          return;
        case 'needs-confirmation':
          // A plain Approve on a card drawn before the match was known: show the warning instead.
          await answer(press.callbackQueryId, t.toastConfirmNeeded(onCard.approveAnyway));
          await redrawCopies(outcome.claim, outcome.matches);
          return;
        case 'matches-changed':
          // Approve anyway on a card that showed a matching claim open which is approved now.
          await answer(press.callbackQueryId, t.toastMatchesChanged(onCard.approveAnyway));
          await redrawCopies(outcome.claim, outcome.matches);
          return;
        case 'decided': {
          await answer(press.callbackQueryId, decision === 'approve' ? t.toastApproved : t.toastRejected);
          const matches = await matchesOf(outcome.claim).catch((error: unknown) => {
            log.warn('could not read the claims matching a decided claim', { claimId, err: error });
            return [];
          });
          await afterDecision(outcome.claim, outcome.balance, matches);
          await warnOpenMatches(matches);
          return;
        }
      }
    },
  };
}
