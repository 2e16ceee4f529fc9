import type { Redis } from 'ioredis';
import { type Currency, type Money, money } from '../../payments/money.js';
import { type Logger, silentLogger } from '../../platform/logger.js';
import {
  type ApplyResult,
  checkNoticeHold,
  type LedgerEntry,
  noticeMember,
  parseNoticeMember,
  type WalletNotices,
  type WalletStore,
} from '../../wallet/ledger.js';
import { auditLedger, newEntryJson, readStoredEntry } from '../../wallet/stored-entry.js';
import type { Keys } from '../keys.js';
import { APPLY_ENTRY, CLAIM_DUE, RELEASE_NOTICE } from './scripts.js';

export interface RedisWalletStoreOptions {
  /** Where unreadable entries are reported; without one they are still refused, silently. */
  logger?: Logger;
}

/** The four keys of one buyer's wallet, in the order every wallet-touching script takes them. */
export function walletKeyList(keys: Keys, userId: number): string[] {
  return [keys.wallet(userId), keys.ledger(userId), keys.ledgerIds(userId), keys.wallets];
}

/**
 * What apply_entry (alone, or inside create_order and cas_order) answered, as an ApplyResult. An
 * entry that does not read back as one is reported and never handed out: the caller gets an error.
 */
export function applyReply(reply: unknown, currency: Currency, entryId: string, log: Logger): ApplyResult {
  if (!Array.isArray(reply) || typeof reply[0] !== 'string' || typeof reply[1] !== 'string')
    throw new Error(`apply_entry answered ${String(reply)} for ${entryId}`);
  const [word, balanceText, json] = reply as [string, string, unknown];
  const balance = money(Number(balanceText), currency);
  if (word === 'insufficient') return { result: 'insufficient', balance };
  if ((word !== 'applied' && word !== 'duplicate') || typeof json !== 'string')
    throw new Error(`apply_entry answered ${word} for ${entryId}`);
  const read = readStoredEntry(json);
  if (!read.ok) {
    log.error('unreadable ledger entry left alone', { entryId, problem: read.problem });
    throw new Error(`ledger entry ${entryId} is stored but not readable`);
  }
  return { result: word, balance, entry: read.entry };
}

/**
 * Buyer wallets in Redis: the balance as an integer string, the ledger as an append-only list of
 * entry JSON, a hash of entry ids that makes every entry once-only, and the set of wallet owners.
 * Every change is apply_entry (one script); reads of more than one key are one MULTI, so an audit
 * compares a balance and a ledger from the same moment. The notices outbox is a sorted set of
 * "userId:entryId" by due time, leased like the order schedule (claim_due).
 */
export function createRedisWalletStore(
  redis: Redis,
  keys: Keys,
  currency: Currency,
  options: RedisWalletStoreOptions = {},
): WalletStore {
  const log = (options.logger ?? silentLogger).child({ component: 'wallet-store' });

  const parseBalance = (userId: number, raw: string | null): Money => {
    if (raw === null) return money(0, currency);
    if (!/^-?\d+$/.test(raw)) {
      log.error('unreadable wallet balance', { userId });
      throw new Error(`the wallet balance of user ${userId} is not an integer`);
    }
    return money(Number(raw), currency);
  };

  /** Results of a MULTI, each checked: ioredis reports a failed command in place. */
  const results = (replies: Array<[Error | null, unknown]> | null): unknown[] => {
    if (!replies) throw new Error('wallet read was aborted');
    return replies.map(([error, value]) => {
      if (error) throw error;
      return value;
    });
  };

  const noticeKeys = [keys.walletNotices, keys.walletNoticeLeases];
  const dropNotice = async (member: string) => {
    results(
      await redis.multi().zrem(keys.walletNotices, member).hdel(keys.walletNoticeLeases, member).exec(),
    );
  };
  const notices: WalletNotices = {
    async claimDue(nowMs, limit, leaseMs, token) {
      const members = (await redis.eval(
        CLAIM_DUE,
        noticeKeys.length,
        ...noticeKeys,
        String(nowMs),
        String(limit),
        String(leaseMs),
        token,
      )) as string[];
      const claimed: LedgerEntry[] = [];
      for (const member of members) {
        const named = parseNoticeMember(member);
        const json = named ? await redis.hget(keys.ledgerIds(named.userId), named.entryId) : null;
        if (!named || json === null) {
          // A notice always comes with its entry; one without is dropped, not retried forever.
          log.error('wallet notice without an entry dropped', { notice: member });
          await dropNotice(member);
          continue;
        }
        const read = readStoredEntry(json);
        if (read.ok) claimed.push(read.entry);
        // Left in place: claimed again (and reported) once per lease, until someone repairs it.
        else
          log.error('unreadable ledger entry left alone', { entryId: named.entryId, problem: read.problem });
      }
      return claimed;
    },
    async release(userId, entryId, token, nowMs) {
      await redis.eval(
        RELEASE_NOTICE,
        noticeKeys.length,
        ...noticeKeys,
        noticeMember(userId, entryId),
        token,
        String(nowMs),
      );
    },
    async delivered(userId, entryId) {
      await dropNotice(noticeMember(userId, entryId));
    },
  };

  return {
    currency,

    async balance(userId) {
      return parseBalance(userId, await redis.get(keys.wallet(userId)));
    },

    async apply(entry, options = {}) {
      const json = newEntryJson(entry, currency);
      const hold = options.notify;
      checkNoticeHold(entry.id, hold);
      const keyList = [...walletKeyList(keys, entry.userId), keys.walletNotices, keys.walletNoticeLeases];
      const reply = await redis.eval(
        APPLY_ENTRY,
        keyList.length,
        ...keyList,
        String(entry.userId),
        entry.id,
        String(entry.amount),
        json,
        hold ? hold.holder : '',
        hold ? String(Math.round(entry.at) + hold.holdMs) : '',
      );
      return applyReply(reply, currency, entry.id, log);
    },

    notices,

    async entries(userId, page) {
      const offset = Math.max(0, Math.floor(page.offset));
      const limit = Math.max(0, Math.floor(page.limit));
      const ledger = keys.ledger(userId);
      if (limit === 0) return { entries: [], total: await redis.llen(ledger) };
      // Newest first: count back from the end of the list.
      const [raw, total] = results(
        await redis
          .multi()
          .lrange(ledger, -(offset + limit), -(offset + 1))
          .llen(ledger)
          .exec(),
      ) as [string[], number];
      const entries: LedgerEntry[] = [];
      // lrange clamps a start before the head, so the page can be shorter than asked.
      for (const json of raw.reverse()) {
        const read = readStoredEntry(json);
        if (read.ok) entries.push(read.entry);
        else log.error('unreadable ledger entry left alone', { userId, problem: read.problem });
      }
      return { entries: offset >= total ? [] : entries, total };
    },

    async audit(userId) {
      const [balance, ledger, ids] = results(
        await redis
          .multi()
          .get(keys.wallet(userId))
          .lrange(keys.ledger(userId), 0, -1)
          .hlen(keys.ledgerIds(userId))
          .exec(),
      ) as [string | null, string[], number];
      const stored = balance === null ? 0 : /^-?\d+$/.test(balance) ? Number(balance) : balance;
      return auditLedger({ userId, currency, balance: stored, ledger, ids });
    },

    async users() {
      const members = await redis.smembers(keys.wallets);
      return members
        .map(Number)
        .filter(Number.isSafeInteger)
        .sort((a, b) => a - b);
    },
  };
}
