import { type Money, money } from '../../payments/money.js';
import type { LedgerEntry } from '../../wallet/ledger.js';
import type { OnlineMethod } from '../../wallet/online-topups.js';
import type { TopupEvidence } from '../../wallet/topup-claims.js';
import { parseAmountInput } from '../input.js';
import type { FlowEvent } from './events.js';
import { WALLET_PAGE_SIZE } from './paging.js';
import type { Display, FlowState, Screen, StatementLine } from './state.js';
import {
  awaited,
  type FlowContext,
  type FlowResult,
  goTo,
  renotice,
  resultDisplay,
  returnPoint,
  SEND,
  show,
  startRequest,
  stay,
  withNotice,
} from './transition.js';

/**
 * The buyer's wallet: the statement (/wallet), and a top-up by bank transfer. A top-up is only a
 * claim: the buyer says how much they sent and proves it (a receipt photo or the transfer
 * reference); nothing is credited until an admin approves it (see wallet/topup-claims.ts).
 *
 *   Top up → amount (a suggestion, or typed) → instructions, waiting for evidence → claim sent
 */

/** /wallet or the Wallet button: the balance and the newest entries. */
export function openWallet(state: FlowState, ctx: FlowContext, display: Display, offset = 0): FlowResult {
  return startRequest(
    state,
    (requestId) => ({
      type: 'load-wallet',
      requestId,
      userId: state.userId,
      offset: Math.max(0, offset),
      limit: WALLET_PAGE_SIZE,
    }),
    ctx,
    display,
  );
}

/** Next or Previous on the statement; undefined when there is no such page. */
export function turnWalletPage(
  state: FlowState,
  direction: 'next' | 'prev',
  ctx: FlowContext,
  display: Display,
): FlowResult | undefined {
  const screen = state.screen;
  if (screen.kind !== 'wallet') return undefined;
  if (direction === 'next') {
    const offset = screen.offset + screen.lines.length;
    return offset < screen.total ? openWallet(state, ctx, display, offset) : undefined;
  }
  if (screen.offset <= 0) return undefined;
  return openWallet(state, ctx, display, screen.offset - WALLET_PAGE_SIZE);
}

export function onWalletLoaded(
  state: FlowState,
  event: Extract<FlowEvent, { type: 'wallet-loaded' }>,
  ctx: FlowContext,
): FlowResult {
  const request = awaited(state, event.requestId);
  if (request?.type !== 'load-wallet' || state.screen.kind !== 'loading') return stay(state);
  const back = state.screen.from;
  const lines = event.page.entries
    .filter((entry) => entry.userId === state.userId)
    .slice(0, WALLET_PAGE_SIZE)
    .map(toStatementLine);
  const screen: Screen = {
    kind: 'wallet',
    balance: event.balance,
    lines,
    offset: request.offset,
    total: event.page.total,
    back,
  };
  return goTo({ ...state, shownBalance: event.balance }, screen, ctx, resultDisplay(state));
}

function toStatementLine(entry: LedgerEntry): StatementLine {
  const line: StatementLine = {
    kind: entry.kind,
    amount: money(entry.amount, entry.currency),
    balanceAfter: money(entry.balanceAfter, entry.currency),
    at: entry.at,
  };
  if (entry.note) line.note = entry.note;
  return line;
}

// ---------------------------------------------------------------- top up by transfer

/** Top up: the amount screen, or a word that top-ups are not available here. */
export function openTopup(state: FlowState, ctx: FlowContext, display: Display): FlowResult {
  const policy = ctx.topup;
  if (!policy) return show(withNotice(state, { kind: 'topup-unavailable' }), display);
  const suggested = policy.suggested.filter(
    (amount) =>
      amount.currency === policy.min.currency &&
      amount.minor >= policy.min.minor &&
      amount.minor <= policy.max.minor,
  );
  // From the statement, Back returns to it; from elsewhere, to where that screen would return.
  const back = state.screen.kind === 'wallet' ? state.screen : returnPoint(state.screen);
  return goTo(
    state,
    { kind: 'topup-amount', min: policy.min, max: policy.max, suggested, back },
    ctx,
    display,
  );
}

/** A suggested amount's button (an index into the amounts the screen showed). */
export function chooseTopupAmount(
  state: FlowState,
  index: number,
  ctx: FlowContext,
  display: Display,
): FlowResult | undefined {
  const screen = state.screen;
  if (screen.kind !== 'topup-amount') return undefined;
  const amount = screen.suggested[index];
  return amount ? toEvidence(state, amount, ctx, display) : undefined;
}

/** A typed amount: read like purchase amounts (never rounded), within the top-up limits. */
export function onTopupAmountText(state: FlowState, text: string, ctx: FlowContext): FlowResult {
  const screen = state.screen;
  if (screen.kind !== 'topup-amount') return stay(state);
  const rule = { kind: 'range' as const, min: screen.min, max: screen.max, wholeUnitsOnly: false };
  const parsed = parseAmountInput(text, rule, screen.min.currency);
  if (!parsed.ok) return renotice(state, { kind: 'input', error: parsed.error });
  return toEvidence(state, parsed.value, ctx, SEND);
}

function toEvidence(state: FlowState, amount: Money, ctx: FlowContext, display: Display): FlowResult {
  const screen = state.screen;
  const policy = ctx.topup;
  if (screen.kind !== 'topup-amount' || !policy) return stay(state);
  return goTo(
    state,
    {
      kind: 'topup-evidence',
      amount,
      instructions: policy.instructions,
      back: screen,
      ...(policy.online?.length ? { online: [...policy.online] } : {}),
      ...(policy.transfer === false ? { transfer: false } : {}),
    },
    ctx,
    display,
    // The QR image (if any) goes first, so the instructions end up under it.
    [{ type: 'send-topup-qr' }],
  );
}

/** Longest reference kept; bank references are far shorter. */
export const MAX_REFERENCE_LENGTH = 64;

/** A transfer reference as typed: 4 to 64 letters, digits and common separators; undefined otherwise. */
export function parseTransferReference(text: string): string | undefined {
  const reference = text.trim().replace(/\s+/g, ' ');
  if (reference.length < 4 || reference.length > MAX_REFERENCE_LENGTH) return undefined;
  if (!/^[\p{L}\p{N}][\p{L}\p{N} #/._:-]*$/u.test(reference)) return undefined;
  return /\p{N}/u.test(reference) ? reference : undefined;
}

type EvidenceEvent = Extract<FlowEvent, { type: 'photo' | 'other-message' }> | { type: 'text'; text: string };

/**
 * What the buyer sent on the evidence step: a photo (its caption kept as the reference when it
 * reads as one) or a typed reference become the claim; anything else gets a clear prompt.
 */
export function onTopupEvidence(state: FlowState, event: EvidenceEvent, ctx: FlowContext): FlowResult {
  const screen = state.screen;
  // Photos only count on this step (the glue drops them elsewhere; this is the second guard).
  if (screen.kind !== 'topup-evidence') return stay(state);
  // Without transfers there is no evidence to send: the buttons are the way on.
  if (screen.transfer === false) return renotice(state, { kind: 'use-buttons' });
  let evidence: TopupEvidence;
  switch (event.type) {
    case 'photo': {
      const reference = event.caption === undefined ? undefined : parseTransferReference(event.caption);
      evidence = {
        photoFileId: event.fileId,
        photoUniqueId: event.fileUniqueId,
        ...(reference ? { reference } : {}),
      };
      break;
    }
    case 'text': {
      const reference = parseTransferReference(event.text);
      if (!reference) return renotice(state, { kind: 'topup-reference-invalid' });
      evidence = { reference };
      break;
    }
    case 'other-message':
      return renotice(state, { kind: 'topup-evidence-needed' });
  }
  const amount = screen.amount;
  return startRequest(
    state,
    (requestId) => ({
      type: 'create-topup-claim',
      requestId,
      userId: state.userId,
      chatId: state.chatId,
      amount,
      evidence,
    }),
    ctx,
    SEND,
  );
}

export function onTopupClaimCreated(
  state: FlowState,
  event: Extract<FlowEvent, { type: 'topup-claim-created' }>,
  ctx: FlowContext,
): FlowResult {
  const request = awaited(state, event.requestId);
  if (request?.type !== 'create-topup-claim') return stay(state);
  return goTo(
    state,
    {
      kind: 'topup-sent',
      amount: request.amount,
      claimId: event.claimId,
      expiresAt: event.expiresAt,
      evidence: request.evidence,
    },
    ctx,
    resultDisplay(state),
  );
}

// ---------------------------------------------------------------- top-ups that settle themselves

/** Pay online (Billplz) or Pay with Stars on the payment screen: for the amount the screen holds. */
export function startOnlineTopup(
  state: FlowState,
  method: OnlineMethod,
  ctx: FlowContext,
  display: Display,
): FlowResult | undefined {
  const screen = state.screen;
  if (screen.kind !== 'topup-evidence' || !screen.online?.includes(method)) return undefined;
  const amount = screen.amount;
  return startRequest(
    state,
    (requestId) => ({
      type: 'start-online-topup',
      requestId,
      method,
      userId: state.userId,
      chatId: state.chatId,
      amount,
    }),
    ctx,
    display,
  );
}

export function onOnlineTopupStarted(
  state: FlowState,
  event: Extract<FlowEvent, { type: 'online-topup-started' }>,
  ctx: FlowContext,
): FlowResult {
  const request = awaited(state, event.requestId);
  if (request?.type !== 'start-online-topup') return stay(state);
  return goTo(
    state,
    {
      kind: 'topup-online',
      method: event.method,
      amount: request.amount,
      expiresAt: event.expiresAt,
      ...(event.url ? { url: event.url } : {}),
      ...(event.stars ? { stars: event.stars } : {}),
    },
    ctx,
    resultDisplay(state),
  );
}
