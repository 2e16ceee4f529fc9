import type { Money } from '../payments/money.js';
import type { Clock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import { type Bill, type BillplzClient, BillplzError } from './gateways/billplz/client.js';
import { type SignedParams, verifyXSignature } from './gateways/billplz/signature.js';
import { type Topup, type TopupStore, topupNoticeHold } from './topups.js';

/**
 * Top-ups paid online through Billplz bills (FPX online banking). The money rules, as the spec and
 * DESIGN.md ask:
 * - A bill is created for a top-up already on record (`created`), and only once Billplz answered
 *   with its id does the top-up become `awaiting_payment` with that bill id as its payer id.
 * - Nothing the payer's side sends is believed: a callback must carry a valid X-Signature and match
 *   the bill's amount and collection, and even then it is only a hint. The bill is read back with
 *   GET and credited only when Billplz itself says `paid` for our amount and collection.
 * - The redirect (the buyer's browser) is never trusted: with a valid signature it only triggers the
 *   same read-back.
 * - The first of callback, redirect, scheduled re-read to see `paid` credits (the store's credit is
 *   once per top-up and bill id); every other one finds it credited and does nothing.
 * - Unpaid bills are re-read on a schedule (callbacks get lost) and deleted after their lifetime;
 *   a deleted bill that is paid anyway (it reappears, spec §4) still credits, through its callback
 *   or a few late re-reads.
 */
export interface BillplzTopupsOptions {
  client: BillplzClient;
  topups: TopupStore;
  clock: Clock;
  logger: Logger;
  /** A fresh top-up id (URL-safe, 6 to 40 characters). */
  newId: () => string;
  collectionId: string;
  xSignatureKey: string;
  /** The shop's e-mail put on bills (Billplz requires an e-mail or a mobile; bills are not delivered). */
  email: string;
  /** The bot's Billplz callback route, absolute. */
  callbackUrl: string;
  redirectUrl?: string;
  /** How long an unpaid bill stays payable before it is deleted. */
  billLifetimeMs: number;
  /** Shortest wait between re-reads of one unpaid bill; they space out as the bill ages. */
  recheckMs?: number;
  /** After a bill was deleted, re-read it this often for `lateWindowMs` in case it was paid anyway. */
  lateRecheckMs?: number;
  lateWindowMs?: number;
  /** Tells the buyer their wallet was credited (the Telegram side). Failures are only logged. */
  onCredited?: (topup: Topup, balance: Money) => Promise<void>;
  /** A bill that says paid but disagrees with our record: for the admins. */
  onMismatch?: (topup: Topup, bill: Bill, problem: string) => Promise<void>;
}

export type StartResult =
  | { ok: true; topup: Topup; url: string }
  /** Billplz could not be reached or refused the bill; nothing is owed and nothing was shown. */
  | { ok: false; reason: 'unavailable' | 'refused' };

export type CallbackAnswer = { status: number; body: { status?: string; error?: string } };

export type SettleOutcome = 'credited' | 'already' | 'unpaid' | 'mismatch' | 'unavailable' | 'unknown';

export interface BillplzTopups {
  start(input: { userId: number; chatId: number; amount: Money }): Promise<StartResult>;
  /** A form-encoded X-Signature callback, already read; answers what to reply. */
  onCallback(params: SignedParams): Promise<CallbackAnswer>;
  /** The browser's redirect, with its `billplz[...]` query parameters. Only ever triggers a re-read. */
  onRedirect(params: SignedParams): Promise<'rechecked' | 'ignored'>;
  /** Reads the bill back and credits it if Billplz says it is paid. */
  settle(topupId: string, source: string): Promise<SettleOutcome>;
  /** Re-reads due bills (and deletes expired ones); returns how many were looked at. */
  sweep(limit?: number): Promise<number>;
}

const DEFAULT_RECHECK_MS = 60_000;
const MAX_RECHECK_MS = 15 * 60_000;
const DEFAULT_LATE_RECHECK_MS = 6 * 3_600_000;
const DEFAULT_LATE_WINDOW_MS = 48 * 3_600_000;

const get = (params: SignedParams, key: string) => params.find(([k]) => k === key)?.[1];

export function createBillplzTopups(options: BillplzTopupsOptions): BillplzTopups {
  const { client, topups, clock } = options;
  const log = options.logger.child({ component: 'billplz-topups' });
  const recheckMs = options.recheckMs ?? DEFAULT_RECHECK_MS;
  const lateRecheckMs = options.lateRecheckMs ?? DEFAULT_LATE_RECHECK_MS;
  const lateWindowMs = options.lateWindowMs ?? DEFAULT_LATE_WINDOW_MS;

  /** Waits between re-reads grow with the bill's age: most are paid within minutes. */
  const nextCheck = (topup: Topup, now: number): number | undefined => {
    if (topup.state === 'expired') {
      const next = now + lateRecheckMs;
      return next <= topup.expiresAt + lateWindowMs ? next : undefined;
    }
    const age = now - topup.createdAt;
    const wait = Math.min(MAX_RECHECK_MS, Math.max(recheckMs, Math.floor(age / 4)));
    return Math.min(now + wait, Math.max(topup.expiresAt, now + 1));
  };

  const problemWith = (topup: Topup, bill: Bill): string | undefined => {
    if (bill.id !== topup.payerId) return 'the bill id differs';
    if (bill.collection_id !== options.collectionId) return 'the collection differs';
    if (bill.amount !== topup.amount.minor) return `the amount differs (${bill.amount} sen)`;
    return undefined;
  };

  const settleTopup = async (topup: Topup, source: string): Promise<SettleOutcome> => {
    if (topup.state === 'credited' || topup.state === 'reversed') return 'already';
    if (topup.state === 'rejected' || !topup.payerId) return 'unknown';
    let bill: Bill;
    try {
      bill = await client.getBill(topup.payerId);
    } catch (error) {
      log.warn('could not read a bill back; the schedule tries again', {
        topupId: topup.id,
        source,
        err: error,
      });
      await topups.schedule(topup.id, 'billplz', clock.nowMs() + recheckMs);
      return 'unavailable';
    }
    if (!(bill.paid && bill.state === 'paid')) return 'unpaid';
    const problem = problemWith(topup, bill);
    if (problem) {
      log.error('a paid bill disagrees with its top-up; not credited', { topupId: topup.id, problem });
      await topups.recordUnmatched({
        method: 'billplz',
        payerId: bill.id,
        userId: topup.userId,
        reference: topup.id,
        amount: bill.amount,
        currency: 'MYR',
        reason: problem,
        at: clock.nowMs(),
      });
      await topups.schedule(topup.id, 'billplz', undefined);
      await options.onMismatch?.(topup, bill, problem).catch(() => {});
      return 'mismatch';
    }
    // The buyer's notice is held for onCredited, which tells them (createTopupNotifier).
    const result = await topups.credit(
      topup.id,
      { payerId: bill.id },
      clock.nowMs(),
      topupNoticeHold(topup.id),
    );
    if (result.result === 'credited') {
      log.info('top-up credited from a paid bill', { topupId: topup.id, source, amount: topup.amount.minor });
      await options
        .onCredited?.(result.topup, result.balance)
        .catch((error: unknown) => log.warn('could not tell the buyer about their top-up', { err: error }));
      return 'credited';
    }
    return result.result === 'duplicate' ? 'already' : 'unknown';
  };

  const settle = async (topupId: string, source: string): Promise<SettleOutcome> => {
    const topup = await topups.get(topupId);
    return topup ? settleTopup(topup, source) : 'unknown';
  };

  const sweepOne = async (topup: Topup) => {
    const now = clock.nowMs();
    const outcome = await settleTopup(topup, 'schedule');
    if (outcome !== 'unpaid') return;
    if (topup.state === 'awaiting_payment' && now >= topup.expiresAt && topup.payerId) {
      try {
        await client.deleteBill(topup.payerId);
      } catch (error) {
        if (error instanceof BillplzError && error.kind === 'invalid') {
          // Only a due bill can be deleted: this one was paid in between. Read it again.
          await settleTopup(topup, 'delete-refused');
          return;
        }
        if (!(error instanceof BillplzError && error.kind === 'not-found')) {
          log.warn('could not delete an expired bill; trying again later', { topupId: topup.id, err: error });
          await topups.schedule(topup.id, 'billplz', now + recheckMs);
          return;
        }
      }
      await topups.expire(topup.id, now, 'bill deleted unpaid');
      log.info('unpaid bill deleted', { topupId: topup.id });
      const expired = await topups.get(topup.id);
      await topups.schedule(topup.id, 'billplz', expired ? nextCheck(expired, now) : undefined);
      return;
    }
    await topups.schedule(topup.id, 'billplz', nextCheck(topup, now));
  };

  return {
    async start(input) {
      const now = clock.nowMs();
      const topup = await topups.create({
        id: options.newId(),
        method: 'billplz',
        userId: input.userId,
        chatId: input.chatId,
        amount: input.amount,
        createdAt: now,
        expiresAt: now + options.billLifetimeMs,
      });
      let bill: Bill;
      try {
        bill = await client.createBill({
          collectionId: options.collectionId,
          email: options.email,
          name: `Buyer ${input.userId}`,
          amount: input.amount.minor,
          callbackUrl: options.callbackUrl,
          ...(options.redirectUrl ? { redirectUrl: options.redirectUrl } : {}),
          description: `Wallet top-up ${topup.id}`,
          reference: topup.id,
        });
      } catch (error) {
        // A bill Billplz may have made is one nobody has the link to (bills are not delivered): nothing
        // can be paid, so nothing is owed. The top-up ends here.
        const kind = error instanceof BillplzError ? error.kind : 'unavailable';
        log.warn('Billplz did not create a bill', { topupId: topup.id, kind, err: error });
        await topups.reject(topup.id, clock.nowMs(), `bill not created (${kind})`);
        return { ok: false, reason: kind === 'unavailable' ? 'unavailable' : 'refused' };
      }
      if (bill.amount !== input.amount.minor || bill.collection_id !== options.collectionId) {
        log.error('Billplz created a bill that differs from the top-up', { topupId: topup.id });
        await topups.reject(topup.id, clock.nowMs(), 'bill differs');
        await client.deleteBill(bill.id).catch(() => {});
        return { ok: false, reason: 'refused' };
      }
      const opened = await topups.open(
        topup.id,
        { payerId: bill.id, billUrl: bill.url, nextCheckAt: clock.nowMs() + recheckMs },
        clock.nowMs(),
      );
      if (!opened.topup) throw new Error(`top-up ${topup.id} vanished`);
      log.info('bill created', { topupId: topup.id, amount: input.amount.minor });
      return { ok: true, topup: opened.topup, url: bill.url };
    },

    async onCallback(params) {
      if (!verifyXSignature(params, get(params, 'x_signature'), options.xSignatureKey)) {
        log.warn('Billplz callback with a missing or wrong X-Signature refused');
        return { status: 403, body: { error: 'bad signature' } };
      }
      const billId = get(params, 'id') ?? '';
      const topup = billId ? await topups.byPayer('billplz', billId) : undefined;
      if (!topup) {
        log.warn('Billplz callback for a bill that is not ours');
        return { status: 404, body: { error: 'unknown bill' } };
      }
      if (
        get(params, 'amount') !== String(topup.amount.minor) ||
        get(params, 'collection_id') !== options.collectionId
      ) {
        log.error('Billplz callback disagrees with its top-up; ignored', { topupId: topup.id });
        return { status: 400, body: { error: 'does not match the bill' } };
      }
      // Only a claim of payment is worth a GET (the read-back is rate-limited); the rest is noted.
      if (get(params, 'paid') === 'true') {
        const outcome = await settleTopup(topup, 'callback');
        return { status: 200, body: { status: outcome } };
      }
      return { status: 200, body: { status: 'noted' } };
    },

    async onRedirect(params) {
      if (!verifyXSignature(params, get(params, 'billplz[x_signature]'), options.xSignatureKey))
        return 'ignored';
      const billId = get(params, 'billplz[id]') ?? '';
      const topup = billId ? await topups.byPayer('billplz', billId) : undefined;
      if (!topup || get(params, 'billplz[paid]') !== 'true') return 'ignored';
      await settleTopup(topup, 'redirect');
      return 'rechecked';
    },

    settle,

    async sweep(limit = 20) {
      const due = await topups.listDue('billplz', clock.nowMs(), limit);
      for (const topup of due) {
        try {
          await sweepOne(topup);
        } catch (error) {
          log.warn('bill re-read failed', { topupId: topup.id, err: error });
        }
      }
      return due.length;
    },
  };
}
