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
 * - Every look at a due bill moves it: it leaves the schedule when nothing more can happen, or comes
 *   back later. An expired bill Billplz will not let us end (unreachable, 429, DELETE refused) backs
 *   off, waits doubling up to `lateRecheckMs`, and is given up after `lateWindowMs`: a few stuck
 *   bills can never fill the sweep's batch and starve the others, nor spend the GET rate limit.
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

/** A read-back, with what the sweep needs next: the unpaid bill as Billplz holds it, or the failure. */
type ReadBack =
  | { outcome: 'unpaid'; bill: Bill }
  | { outcome: 'unavailable'; error: unknown }
  | { outcome: Exclude<SettleOutcome, 'unpaid' | 'unavailable'> };

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

  /**
   * Reads the bill back and credits it if Billplz says it is paid. Schedules nothing: whoever asked
   * decides when to look again (the sweep backs off; a callback asks for a re-read soon).
   */
  const readBack = async (topup: Topup, source: string): Promise<ReadBack> => {
    if (topup.state === 'credited' || topup.state === 'reversed') return { outcome: 'already' };
    if (topup.state === 'rejected' || !topup.payerId) return { outcome: 'unknown' };
    let bill: Bill;
    try {
      bill = await client.getBill(topup.payerId);
    } catch (error) {
      return { outcome: 'unavailable', error };
    }
    if (!(bill.paid && bill.state === 'paid')) return { outcome: 'unpaid', bill };
    const problem = problemWith(topup, bill);
    if (problem) return { outcome: await recordMismatch(topup, bill, problem) };
    return { outcome: await creditPaid(topup, bill, source) };
  };

  const recordMismatch = async (topup: Topup, bill: Bill, problem: string): Promise<'mismatch'> => {
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
  };

  /** The credit is keyed by top-up and bill id in the store: a second caller finds it `duplicate`. */
  const creditPaid = async (
    topup: Topup,
    bill: Bill,
    source: string,
  ): Promise<'credited' | 'already' | 'unknown'> => {
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
    if (result.result === 'duplicate') return 'already';
    // Paid at Billplz, yet the store will not credit it (rejected, reversed, bill id taken): money
    // an admin has to look at; no re-read can change it.
    log.error('a paid bill could not be credited to its top-up', {
      topupId: topup.id,
      billId: bill.id,
      result: result.result,
    });
    return 'unknown';
  };

  /** A read-back a callback, redirect or operator asked for; if Billplz cannot answer, the schedule looks soon. */
  const settleTopup = async (topup: Topup, source: string): Promise<SettleOutcome> => {
    const read = await readBack(topup, source);
    if (read.outcome === 'unavailable') {
      log.warn('could not read a bill back; the schedule tries again', {
        topupId: topup.id,
        billId: topup.payerId,
        source,
        err: read.error,
      });
      await topups.schedule(topup.id, 'billplz', clock.nowMs() + recheckMs);
    }
    return read.outcome;
  };

  const settle = async (topupId: string, source: string): Promise<SettleOutcome> => {
    const topup = await topups.get(topupId);
    return topup ? settleTopup(topup, source) : 'unknown';
  };

  /**
   * How long to wait before trying again to end an expired bill the sweep could not end (Billplz
   * unreachable, rate-limited, refusing the DELETE): the time since expiry plus `recheckMs`, so each
   * wait is longer than the one before (roughly doubling: 1, 2, 4, 8... x recheckMs) up to the
   * late re-read interval. Derived from the expiry, it needs no counter stored and survives restarts.
   */
  const backoffMs = (topup: Topup, now: number): number =>
    Math.min(Math.max(recheckMs, lateRecheckMs), now - topup.expiresAt + recheckMs);

  /** One warn per step, with the bill id (not a secret; the key is never in an error message). */
  const retryLater = async (topup: Topup, now: number, problem: string, error?: unknown) => {
    const pastExpiry = topup.state === 'awaiting_payment' && now >= topup.expiresAt;
    if (pastExpiry && now >= topup.expiresAt + lateWindowMs) return giveUp(topup, now, problem);
    // Before expiry (or once deleted) the usual schedule already spaces re-reads out.
    const next = pastExpiry ? now + backoffMs(topup, now) : nextCheck(topup, now);
    log.warn('a bill re-read did not finish; backing off', {
      topupId: topup.id,
      billId: topup.payerId,
      problem,
      retryInMs: next === undefined ? null : next - now,
      err: error,
    });
    return next;
  };

  /**
   * An expired bill that could not be deleted for as long as a deleted one is re-read: stop. The
   * top-up expires here; should the bill be paid after all, its callback still credits it.
   */
  const giveUp = async (topup: Topup, now: number, problem: string) => {
    log.error('gave up deleting an expired bill; a callback for it still credits', {
      topupId: topup.id,
      billId: topup.payerId,
      problem,
    });
    await topups.expire(topup.id, now, `bill not deleted at Billplz (${problem})`);
    return undefined;
  };

  /** The bill is gone at Billplz: the top-up expires, and is re-read late in case it is paid anyway. */
  const expireDeleted = async (topup: Topup, now: number, note: string) => {
    await topups.expire(topup.id, now, note);
    log.info('unpaid bill ended', { topupId: topup.id, billId: topup.payerId, note });
    const after = await topups.get(topup.id);
    // Credited in between (a callback won the race): nothing is left to look at.
    return after?.state === 'expired' ? nextCheck(after, now) : undefined;
  };

  /** Deletes the bill; answers the error, or undefined when it is gone (deleted now, or unknown). */
  const deleteBill = async (billId: string): Promise<unknown> => {
    try {
      await client.deleteBill(billId);
      return undefined;
    } catch (error) {
      return error instanceof BillplzError && error.kind === 'not-found' ? undefined : error;
    }
  };

  /** An unpaid bill past its lifetime: make sure it is deleted at Billplz, then expire the top-up. */
  const endExpired = async (topup: Topup, bill: Bill, now: number): Promise<number | undefined> => {
    // Deleted already (from the dashboard): Billplz would refuse the DELETE with 422 (§4).
    if (bill.state === 'deleted') return expireDeleted(topup, now, 'bill deleted at Billplz');
    const failed = await deleteBill(bill.id);
    if (failed === undefined) return expireDeleted(topup, now, 'bill deleted unpaid');
    if (!(failed instanceof BillplzError && failed.kind === 'invalid'))
      return retryLater(topup, now, 'the bill could not be deleted', failed);
    // Only a due bill can be deleted: it was paid (or deleted) in between. Read it again.
    const again = await readBack(topup, 'delete-refused');
    if (again.outcome === 'unpaid' && again.bill.state === 'deleted')
      return expireDeleted(topup, now, 'bill deleted at Billplz');
    if (again.outcome === 'unpaid')
      return retryLater(topup, now, 'Billplz refused to delete a due bill', failed);
    if (again.outcome === 'unavailable')
      return retryLater(topup, now, 'the bill could not be read', again.error);
    return undefined;
  };

  /**
   * One due entry: answers when to look at it next, or undefined when nothing more can happen
   * (credited, mismatched, not creditable, or deleted and past its late window). Every path moves
   * the entry, so one bill Billplz will not end can never hold the head of the due set.
   */
  const sweepOne = async (topup: Topup, now: number): Promise<number | undefined> => {
    const read = await readBack(topup, 'schedule');
    if (read.outcome === 'unavailable')
      return retryLater(topup, now, 'the bill could not be read', read.error);
    if (read.outcome !== 'unpaid') return undefined;
    if (topup.state === 'awaiting_payment' && now >= topup.expiresAt)
      return endExpired(topup, read.bill, now);
    return nextCheck(topup, now);
  };

  const sweepEntry = async (topup: Topup) => {
    const now = clock.nowMs();
    let next: number | undefined;
    try {
      next = await sweepOne(topup, now);
    } catch (error) {
      // Our own store or code failed: back off as well rather than retry it every sweep.
      next = await retryLater(topup, now, 'the re-read failed', error).catch(
        () => now + Math.max(recheckMs, backoffMs(topup, now)),
      );
    }
    await topups.schedule(topup.id, 'billplz', next);
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
          await sweepEntry(topup);
        } catch (error) {
          log.warn('could not reschedule a bill re-read', { topupId: topup.id, err: error });
        }
      }
      return due.length;
    },
  };
}
