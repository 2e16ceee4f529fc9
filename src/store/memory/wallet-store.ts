import { type Currency, money } from '../../payments/money.js';
import { type Logger, silentLogger } from '../../platform/logger.js';
import {
  type ApplyResult,
  checkNoticeHold,
  type LedgerEntry,
  type NewLedgerEntry,
  type NoticeHold,
  noticeMember,
  parseNoticeMember,
  type WalletNotices,
  type WalletStore,
} from '../../wallet/ledger.js';
import { auditLedger, newEntryJson, readStoredEntry } from '../../wallet/stored-entry.js';
import { claimDueMembers, type MemoryLeases } from './due-claims.js';

export interface MemoryWalletStoreOptions {
  /** Where unreadable entries are reported; without one they are still refused, silently. */
  logger?: Logger;
}

/**
 * The memory wallet store, with one more verb for the memory order store: `applyNow` does what
 * `apply` does synchronously, so the order store can debit or return in the same step (no await in
 * between) as it writes the order, which is what makes it atomic in one process.
 */
export interface MemoryWalletStore extends WalletStore {
  applyNow(entry: NewLedgerEntry, options?: { notify?: NoticeHold }): ApplyResult;
  /** The stored wallet itself, for tests that corrupt it by hand. */
  raw(userId: number): MemoryWallet;
}

export interface MemoryWallet {
  /** Kept as text, as Redis keeps it, so a test can corrupt it the same way. */
  balance: string;
  /** Entry JSON, oldest first. */
  ledger: string[];
  ids: Map<string, string>;
}

/**
 * Buyer wallets in process memory, with the same semantics as the Redis store: entries kept as the
 * JSON Redis would hold and checked when read back. For the demo and single-process development
 * only: a restart forgets every wallet.
 */
export function createMemoryWalletStore(
  currency: Currency,
  options: MemoryWalletStoreOptions = {},
): MemoryWalletStore {
  const log = (options.logger ?? silentLogger).child({ component: 'wallet-store' });
  const wallets = new Map<number, MemoryWallet>();

  const wallet = (userId: number): MemoryWallet => {
    let found = wallets.get(userId);
    if (!found) {
      found = { balance: '0', ledger: [], ids: new Map() };
      wallets.set(userId, found);
    }
    return found;
  };
  const balanceOf = (userId: number): number => {
    const raw = wallets.get(userId)?.balance ?? '0';
    if (!/^-?\d+$/.test(raw)) {
      log.error('unreadable wallet balance', { userId });
      throw new Error(`the wallet balance of user ${userId} is not an integer`);
    }
    return Number(raw);
  };
  const readBack = (json: string, entryId: string): LedgerEntry => {
    const read = readStoredEntry(json);
    if (read.ok) return read.entry;
    log.error('unreadable ledger entry left alone', { entryId, problem: read.problem });
    throw new Error(`ledger entry ${entryId} is stored but not readable`);
  };

  /** The notices outbox: "userId:entryId" -> due ms, and who leases each. */
  const waiting = new Map<string, number>();
  const leases: MemoryLeases = new Map();
  const notices: WalletNotices = {
    async claimDue(nowMs, limit, leaseMs, token) {
      const claimed: LedgerEntry[] = [];
      for (const member of claimDueMembers(waiting, leases, nowMs, limit, leaseMs, token)) {
        const named = parseNoticeMember(member);
        const json = named ? wallets.get(named.userId)?.ids.get(named.entryId) : undefined;
        if (!named || json === undefined) {
          log.error('wallet notice without an entry dropped', { notice: member });
          waiting.delete(member);
          leases.delete(member);
          continue;
        }
        const read = readStoredEntry(json);
        if (read.ok) claimed.push(read.entry);
        else
          log.error('unreadable ledger entry left alone', { entryId: named.entryId, problem: read.problem });
      }
      return claimed;
    },
    async release(userId, entryId, token, nowMs) {
      const member = noticeMember(userId, entryId);
      if (leases.get(member)?.token !== token) return;
      leases.delete(member);
      if (waiting.has(member)) waiting.set(member, nowMs);
    },
    async delivered(userId, entryId) {
      const member = noticeMember(userId, entryId);
      waiting.delete(member);
      leases.delete(member);
    },
  };

  const applyNow = (entry: NewLedgerEntry, options: { notify?: NoticeHold } = {}): ApplyResult => {
    const json = newEntryJson(entry, currency);
    const hold = options.notify;
    checkNoticeHold(entry.id, hold);
    const balance = balanceOf(entry.userId);
    const stored = wallets.get(entry.userId)?.ids.get(entry.id);
    if (stored !== undefined)
      return { result: 'duplicate', balance: money(balance, currency), entry: readBack(stored, entry.id) };
    if (entry.amount < 0 && balance + entry.amount < 0)
      return { result: 'insufficient', balance: money(balance, currency) };
    const after = balance + entry.amount;
    const written = `${json.slice(0, -1)},"balanceAfter":${after}}`;
    const target = wallet(entry.userId);
    target.balance = String(after);
    target.ledger.push(written);
    target.ids.set(entry.id, written);
    if (hold) {
      const member = noticeMember(entry.userId, entry.id);
      const until = Math.round(entry.at) + hold.holdMs;
      waiting.set(member, until);
      leases.set(member, { token: hold.holder, expiresMs: until });
    }
    return { result: 'applied', balance: money(after, currency), entry: readBack(written, entry.id) };
  };

  return {
    currency,
    applyNow,
    raw: wallet,

    async balance(userId) {
      return money(balanceOf(userId), currency);
    },

    async apply(entry, options) {
      return applyNow(entry, options);
    },

    notices,

    async entries(userId, page) {
      const ledger = wallets.get(userId)?.ledger ?? [];
      const offset = Math.max(0, Math.floor(page.offset));
      const limit = Math.max(0, Math.floor(page.limit));
      const newestFirst = [...ledger].reverse().slice(offset, offset + limit);
      const entries: LedgerEntry[] = [];
      for (const json of newestFirst) {
        const read = readStoredEntry(json);
        if (read.ok) entries.push(read.entry);
        else log.error('unreadable ledger entry left alone', { userId, problem: read.problem });
      }
      return { entries, total: ledger.length };
    },

    async audit(userId) {
      const found = wallets.get(userId);
      const raw = found?.balance ?? '0';
      return auditLedger({
        userId,
        currency,
        balance: /^-?\d+$/.test(raw) ? Number(raw) : raw,
        ledger: found?.ledger ?? [],
        ids: found?.ids.size ?? 0,
      });
    },

    async users() {
      return [...wallets.entries()]
        .filter(([, w]) => w.ledger.length > 0)
        .map(([userId]) => userId)
        .sort((a, b) => a - b);
    },
  };
}
