import { checkNoticeHold } from '../../wallet/ledger.js';
import {
  type CreditResult,
  payerKey,
  type SettleRefundResult,
  type SourceRefundResult,
  type StartRefundResult,
  type Topup,
  type TopupMethod,
  type TopupState,
  type TopupStore,
  topupCreditEntryId,
  type UnmatchedPayment,
  WAS_CREDITED,
} from '../../wallet/topups.js';
import { creditEntry, fixedJson, restoreEntry, reversalEntry } from '../topup-record.js';
import type { MemoryWalletStore } from './wallet-store.js';

/**
 * Top-up records in process memory, with the Redis store's semantics. Each verb is one synchronous
 * step (the wallet's `applyNow` included), so it is as atomic as the scripts within one process.
 */
export function createMemoryTopupStore(wallets: MemoryWalletStore): TopupStore {
  const topups = new Map<string, Topup>();
  const payers = new Map<string, string>();
  const due = new Map<TopupMethod, Map<string, number>>();
  const unmatched: UnmatchedPayment[] = [];
  const unmatchedIds = new Set<string>();
  /** Top-ups whose refund Telegram reported (`refundedAtSource`), as Redis's `refundSeen` field. */
  const refundSeen = new Set<string>();
  const copy = (t: Topup): Topup => structuredClone(t);
  const dueOf = (method: TopupMethod) => {
    let found = due.get(method);
    if (!found) {
      found = new Map();
      due.set(method, found);
    }
    return found;
  };
  const move = (t: Topup, state: TopupState, nowMs: number) => {
    t.state = state;
    t.updatedAt = nowMs;
  };
  /** Whether `t` is refunding under `attempt`: only then may that attempt be settled. */
  const refundingUnder = (t: Topup, attempt: number) =>
    t.state === 'refunding' && t.refundAttempt === attempt;
  const end = (id: string, state: 'expired' | 'rejected', nowMs: number, note?: string) => {
    const t = topups.get(id);
    if (!t || (t.state !== 'created' && t.state !== 'awaiting_payment')) return false;
    move(t, state, nowMs);
    if (note) t.note = note;
    if (state === 'rejected') dueOf(t.method).delete(id);
    return true;
  };

  return {
    async create(input) {
      const existing = topups.get(input.id);
      if (existing) return copy(existing);
      fixedJson(input); // the same checks as the Redis store
      if (input.payerId !== undefined) {
        const key = payerKey(input.method, input.payerId);
        const bound = payers.get(key);
        if (bound && bound !== input.id) throw new Error(`payer id ${key} belongs to another top-up`);
        payers.set(key, input.id);
      }
      const topup: Topup = {
        ...structuredClone(input),
        state: input.state ?? 'created',
        updatedAt: input.createdAt,
      };
      topups.set(topup.id, topup);
      return copy(topup);
    },
    async get(id) {
      const t = topups.get(id);
      return t ? copy(t) : undefined;
    },
    async byPayer(method, payerId) {
      const id = payers.get(payerKey(method, payerId));
      const t = id === undefined ? undefined : topups.get(id);
      return t ? copy(t) : undefined;
    },
    async open(id, change, nowMs) {
      const t = topups.get(id);
      if (!t) return { ok: false };
      if (t.state !== 'created') return { ok: false, topup: copy(t) };
      if (change.payerId !== undefined) {
        const key = payerKey(t.method, change.payerId);
        const bound = payers.get(key);
        if (bound && bound !== id) throw new Error(`payer id of top-up ${id} belongs to another top-up`);
        payers.set(key, id);
        t.payerId = change.payerId;
      }
      if (change.billUrl !== undefined) t.billUrl = change.billUrl;
      if (change.expiresAt !== undefined) t.expiresAt = change.expiresAt;
      if (change.nextCheckAt !== undefined) dueOf(t.method).set(id, change.nextCheckAt);
      move(t, 'awaiting_payment', nowMs);
      return { ok: true, topup: copy(t) };
    },
    async credit(id, payment, nowMs, notify): Promise<CreditResult> {
      const t = topups.get(id);
      if (!t) return { result: 'missing' };
      const payerId = payment.payerId ?? t.payerId;
      if (!payerId) throw new Error(`top-up ${id} has no payer id to credit under`);
      checkNoticeHold(topupCreditEntryId(id), notify); // refused before anything, as in Redis
      const key = payerKey(t.method, payerId);
      const bound = payers.get(key);
      if (bound && bound !== id) return { result: 'payer-taken', otherTopupId: bound };
      if (WAS_CREDITED.includes(t.state))
        return t.payerId === payerId
          ? { result: 'duplicate', topup: copy(t) }
          : { result: 'refused', topup: copy(t) };
      if (t.state === 'rejected' || (t.payerId && t.payerId !== payerId))
        return { result: 'refused', topup: copy(t) };
      const applied = wallets.applyNow(creditEntry(t, nowMs), notify ? { notify } : {});
      if (applied.result === 'insufficient') throw new Error('a top-up credit was refused by the wallet');
      payers.set(key, id);
      t.payerId = payerId;
      move(t, 'credited', nowMs);
      dueOf(t.method).delete(id);
      return { result: 'credited', topup: copy(t), balance: applied.balance };
    },
    async expire(id, nowMs, note) {
      return end(id, 'expired', nowMs, note);
    },
    async reject(id, nowMs, note) {
      return end(id, 'rejected', nowMs, note);
    },
    async startRefund(id, nowMs, note): Promise<StartRefundResult> {
      const t = topups.get(id);
      if (!t) return { result: 'missing' };
      if (t.state === 'refunding')
        return { result: 'refunding', topup: copy(t), attempt: t.refundAttempt ?? 0 };
      if (t.state !== 'credited') return { result: 'not-credited', topup: copy(t) };
      const attempt = (t.refundAttempt ?? 0) + 1;
      const applied = wallets.applyNow(reversalEntry(t, nowMs, note, attempt));
      if (applied.result === 'insufficient')
        return { result: 'insufficient', topup: copy(t), balance: applied.balance };
      if (applied.result === 'duplicate') throw new Error(`reversal of top-up ${id} was written before`);
      move(t, 'refunding', nowMs);
      t.refundAttempt = attempt;
      t.note = note;
      return { result: 'started', topup: copy(t), attempt, balance: applied.balance };
    },
    async finishRefund(id, attempt, nowMs): Promise<SettleRefundResult> {
      const t = topups.get(id);
      if (!t) return { result: 'missing' };
      if (!refundingUnder(t, attempt)) return { result: 'not-refunding', topup: copy(t) };
      move(t, 'reversed', nowMs);
      return { result: 'done', topup: copy(t) };
    },
    async undoRefund(id, attempt, nowMs, note): Promise<SettleRefundResult> {
      const t = topups.get(id);
      if (!t) return { result: 'missing' };
      if (!refundingUnder(t, attempt)) return { result: 'not-refunding', topup: copy(t) };
      const applied = wallets.applyNow(restoreEntry(t, nowMs, note, attempt));
      if (applied.result !== 'applied') throw new Error(`restore of top-up ${id} was written before`);
      move(t, 'credited', nowMs);
      t.note = note;
      return { result: 'done', topup: copy(t), balance: applied.balance };
    },
    async refundedAtSource(id, nowMs, note): Promise<SourceRefundResult> {
      const t = topups.get(id);
      if (!t) return { result: 'missing' };
      if (refundSeen.has(id)) return { result: 'duplicate', topup: copy(t) };
      if (t.state === 'credited') {
        const attempt = (t.refundAttempt ?? 0) + 1;
        const applied = wallets.applyNow(reversalEntry(t, nowMs, note, attempt));
        if (applied.result === 'duplicate') throw new Error(`reversal of top-up ${id} was written before`);
        refundSeen.add(id);
        t.note = note;
        if (applied.result === 'insufficient') {
          move(t, 'refund_short', nowMs);
          return { result: 'short', topup: copy(t), balance: applied.balance };
        }
        move(t, 'reversed', nowMs);
        t.refundAttempt = attempt;
        return { result: 'reversed', topup: copy(t), balance: applied.balance };
      }
      if (t.state === 'refunding') {
        refundSeen.add(id);
        move(t, 'reversed', nowMs);
        return { result: 'completed', topup: copy(t) };
      }
      if (t.state === 'reversed') {
        refundSeen.add(id);
        return { result: 'already', topup: copy(t) };
      }
      return { result: 'not-credited', topup: copy(t) };
    },
    async listDue(method, nowMs, limit) {
      return [...dueOf(method).entries()]
        .filter(([, at]) => at <= nowMs)
        .sort((a, b) => a[1] - b[1])
        .slice(0, limit)
        .flatMap(([id]) => {
          const t = topups.get(id);
          return t ? [copy(t)] : [];
        });
    },
    async schedule(id, method, nextCheckAt) {
      if (nextCheckAt === undefined) dueOf(method).delete(id);
      else dueOf(method).set(id, nextCheckAt);
    },
    async recordUnmatched(payment) {
      const key = payerKey(payment.method, payment.payerId);
      if (unmatchedIds.has(key)) return 'duplicate';
      unmatchedIds.add(key);
      unmatched.push({ ...payment });
      return 'recorded';
    },
    async listUnmatched(limit) {
      return unmatched.slice(-limit).map((p) => ({ ...p }));
    },
    async counts() {
      const rows = new Map<string, { method: TopupMethod; state: TopupState; count: number }>();
      for (const t of topups.values()) {
        const key = `${t.method}:${t.state}`;
        const row = rows.get(key) ?? { method: t.method, state: t.state, count: 0 };
        row.count += 1;
        rows.set(key, row);
      }
      return [...rows.values()];
    },
  };
}
