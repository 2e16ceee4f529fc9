import type { Redis } from 'ioredis';
import { type Currency, money } from '../../payments/money.js';
import { type Logger, silentLogger } from '../../platform/logger.js';
import { checkNoticeHold } from '../../wallet/ledger.js';
import { newEntryJson } from '../../wallet/stored-entry.js';
import {
  type CreditResult,
  payerKey,
  type SettleRefundResult,
  type SourceRefundResult,
  type StartRefundResult,
  type Topup,
  type TopupStore,
} from '../../wallet/topups.js';
import type { Keys } from '../keys.js';
import {
  countRows,
  creditEntry,
  fixedJson,
  readTopup,
  restoreEntry,
  reversalEntry,
  unmatchedSchema,
} from '../topup-record.js';
import {
  CREATE_TOPUP,
  CREDIT_TOPUP,
  END_TOPUP,
  FINISH_REFUND,
  OPEN_TOPUP,
  RECORD_UNMATCHED,
  REFUNDED_AT_SOURCE,
  START_REFUND,
  UNDO_REFUND,
} from './topup-scripts.js';
import { walletKeyList } from './wallet-store.js';

/** Reads of a top-up that a concurrent refund moved on before the script ran, before giving up. */
const STALE_RETRIES = 5;

/**
 * Top-up records in Redis (see wallet/topups.ts): one hash per top-up, a payer-id index, a due
 * zset per method for the gateway re-reads, and counts by method and state. A credit or a reversal
 * is one script together with the buyer's wallet entry, so the two can never disagree.
 */
export function createRedisTopupStore(
  redis: Redis,
  keys: Keys,
  currency: Currency,
  options: { logger?: Logger } = {},
): TopupStore {
  const log = (options.logger ?? silentLogger).child({ component: 'topup-store' });

  const get = async (id: string): Promise<Topup | undefined> => {
    const fields = await redis.hgetall(keys.topupRecord(id));
    if (!fields.fixed) return undefined;
    try {
      return readTopup(fields);
    } catch (error) {
      log.error('unreadable top-up left alone', { topupId: id, err: error });
      throw new Error(`top-up ${id} is stored but not readable`);
    }
  };
  const must = async (id: string): Promise<Topup> => {
    const topup = await get(id);
    if (!topup) throw new Error(`top-up ${id} vanished`);
    return topup;
  };

  /**
   * Runs a script that takes a top-up's credit back as its next numbered reversal (KEYS: record,
   * counts, the wallet's keys). The entry id carries the attempt; the script checks that nobody took
   * this number meanwhile and answers 'stale' if someone did.
   */
  const runReversal = async (
    script: string,
    current: Topup,
    nowMs: number,
    note: string,
    leadingArgs: string[],
  ): Promise<{ attempt: number; reply: [string, string?] }> => {
    const attempt = (current.refundAttempt ?? 0) + 1;
    const entry = reversalEntry(current, nowMs, note, attempt);
    const reply = (await redis.eval(
      script,
      6,
      keys.topupRecord(current.id),
      keys.topupCounts,
      ...walletKeyList(keys, current.userId),
      ...leadingArgs,
      String(nowMs),
      String(current.userId),
      String(attempt),
      entry.id,
      String(entry.amount),
      newEntryJson(entry, currency),
      note,
    )) as [string, string?];
    return { attempt, reply };
  };

  return {
    async create(input) {
      const state = input.state ?? 'created';
      const payer = input.payerId ?? '';
      const reply = await redis.eval(
        CREATE_TOPUP,
        3,
        keys.topupRecord(input.id),
        keys.topupPayer(input.method, payer),
        keys.topupCounts,
        fixedJson(input),
        input.id,
        payer,
        input.method,
        state,
        String(input.createdAt),
        String(input.expiresAt),
        input.billUrl ?? '',
      );
      if (reply === -1)
        throw new Error(`payer id ${payerKey(input.method, payer)} belongs to another top-up`);
      return must(input.id);
    },
    get,
    async byPayer(method, payerId) {
      const id = await redis.get(keys.topupPayer(method, payerId));
      return id ? get(id) : undefined;
    },
    async open(id, change, nowMs) {
      const current = await get(id);
      if (!current) return { ok: false };
      const reply = await redis.eval(
        OPEN_TOPUP,
        4,
        keys.topupRecord(id),
        keys.topupPayer(current.method, change.payerId ?? ''),
        keys.topupDue(current.method),
        keys.topupCounts,
        id,
        change.payerId ?? '',
        change.billUrl ?? '',
        change.expiresAt === undefined ? '' : String(change.expiresAt),
        change.nextCheckAt === undefined ? '' : String(change.nextCheckAt),
        String(nowMs),
      );
      if (reply === -1) throw new Error(`payer id of top-up ${id} belongs to another top-up`);
      return { ok: reply === 1, topup: await must(id) };
    },
    async credit(id, payment, nowMs, notify): Promise<CreditResult> {
      const current = await get(id);
      if (!current) return { result: 'missing' };
      const payerId = payment.payerId ?? current.payerId;
      if (!payerId) throw new Error(`top-up ${id} has no payer id to credit under`);
      const entry = creditEntry(current, nowMs);
      checkNoticeHold(entry.id, notify);
      const walletKeys = walletKeyList(keys, current.userId);
      const reply = (await redis.eval(
        CREDIT_TOPUP,
        10,
        keys.topupRecord(id),
        keys.topupPayer(current.method, payerId),
        keys.topupDue(current.method),
        keys.topupCounts,
        ...walletKeys,
        keys.walletNotices,
        keys.walletNoticeLeases,
        id,
        payerId,
        String(nowMs),
        String(current.userId),
        entry.id,
        String(entry.amount),
        newEntryJson(entry, currency),
        notify ? notify.holder : '',
        notify ? String(Math.round(entry.at) + notify.holdMs) : '',
      )) as [string, string?];
      switch (reply[0]) {
        case 'missing':
          return { result: 'missing' };
        case 'payer-taken':
          return { result: 'payer-taken', otherTopupId: String(reply[1]) };
        case 'duplicate':
          return { result: 'duplicate', topup: await must(id) };
        case 'refused':
          return { result: 'refused', topup: await must(id) };
        case 'credited':
          return { result: 'credited', topup: await must(id), balance: money(Number(reply[1]), currency) };
        default:
          throw new Error(`credit_topup answered ${String(reply[0])}`);
      }
    },
    async expire(id, nowMs, note) {
      const current = await get(id);
      if (!current) return false;
      const reply = await redis.eval(
        END_TOPUP,
        3,
        keys.topupRecord(id),
        keys.topupDue(current.method),
        keys.topupCounts,
        id,
        'expired',
        String(nowMs),
        note ?? '',
      );
      return reply === 1;
    },
    async reject(id, nowMs, note) {
      const current = await get(id);
      if (!current) return false;
      const reply = await redis.eval(
        END_TOPUP,
        3,
        keys.topupRecord(id),
        keys.topupDue(current.method),
        keys.topupCounts,
        id,
        'rejected',
        String(nowMs),
        note ?? '',
      );
      return reply === 1;
    },
    async startRefund(id, nowMs, note): Promise<StartRefundResult> {
      for (let read = 0; read < STALE_RETRIES; read += 1) {
        const current = await get(id);
        if (!current) return { result: 'missing' };
        const { attempt, reply } = await runReversal(START_REFUND, current, nowMs, note, [id]);
        switch (reply[0]) {
          case 'stale':
            continue;
          case 'missing':
            return { result: 'missing' };
          case 'not-credited':
            return { result: 'not-credited', topup: await must(id) };
          case 'refunding':
            return { result: 'refunding', topup: await must(id), attempt: Number(reply[1]) };
          case 'insufficient':
            return {
              result: 'insufficient',
              topup: await must(id),
              balance: money(Number(reply[1]), currency),
            };
          case 'started':
            return {
              result: 'started',
              topup: await must(id),
              attempt,
              balance: money(Number(reply[1]), currency),
            };
          default:
            throw new Error(`start_refund answered ${String(reply[0])}`);
        }
      }
      throw new Error(`top-up ${id}: its refund kept changing under this call`);
    },
    async finishRefund(id, attempt, nowMs): Promise<SettleRefundResult> {
      const reply = (await redis.eval(
        FINISH_REFUND,
        2,
        keys.topupRecord(id),
        keys.topupCounts,
        String(attempt),
        String(nowMs),
      )) as [string];
      if (reply[0] === 'missing') return { result: 'missing' };
      if (reply[0] === 'not-refunding') return { result: 'not-refunding', topup: await must(id) };
      if (reply[0] === 'done') return { result: 'done', topup: await must(id) };
      throw new Error(`finish_refund answered ${String(reply[0])}`);
    },
    async undoRefund(id, attempt, nowMs, note): Promise<SettleRefundResult> {
      const current = await get(id);
      if (!current) return { result: 'missing' };
      const entry = restoreEntry(current, nowMs, note, attempt);
      const reply = (await redis.eval(
        UNDO_REFUND,
        6,
        keys.topupRecord(id),
        keys.topupCounts,
        ...walletKeyList(keys, current.userId),
        String(attempt),
        String(nowMs),
        String(current.userId),
        entry.id,
        String(entry.amount),
        newEntryJson(entry, currency),
        note,
      )) as [string, string?];
      if (reply[0] === 'missing') return { result: 'missing' };
      if (reply[0] === 'not-refunding') return { result: 'not-refunding', topup: await must(id) };
      if (reply[0] === 'done')
        return { result: 'done', topup: await must(id), balance: money(Number(reply[1]), currency) };
      throw new Error(`undo_refund answered ${String(reply[0])}`);
    },
    async refundedAtSource(id, nowMs, note): Promise<SourceRefundResult> {
      for (let read = 0; read < STALE_RETRIES; read += 1) {
        const current = await get(id);
        if (!current) return { result: 'missing' };
        const { reply } = await runReversal(REFUNDED_AT_SOURCE, current, nowMs, note, []);
        const balance = money(Number(reply[1] ?? 0), currency);
        switch (reply[0]) {
          case 'stale':
            continue;
          case 'missing':
            return { result: 'missing' };
          case 'reversed':
            return { result: 'reversed', topup: await must(id), balance };
          case 'short':
            return { result: 'short', topup: await must(id), balance };
          case 'completed':
          case 'already':
          case 'duplicate':
          case 'not-credited':
            return { result: reply[0], topup: await must(id) };
          default:
            throw new Error(`refunded_at_source answered ${String(reply[0])}`);
        }
      }
      throw new Error(`top-up ${id}: its refund kept changing under this call`);
    },
    async listDue(method, nowMs, limit) {
      const ids = await redis.zrangebyscore(keys.topupDue(method), '-inf', nowMs, 'LIMIT', 0, limit);
      const found = await Promise.all(ids.map((id) => get(id).catch(() => undefined)));
      return found.filter((t): t is Topup => t !== undefined);
    },
    async schedule(id, method, nextCheckAt) {
      if (nextCheckAt === undefined) await redis.zrem(keys.topupDue(method), id);
      else await redis.zadd(keys.topupDue(method), nextCheckAt, id);
    },
    async recordUnmatched(payment) {
      const reply = await redis.eval(
        RECORD_UNMATCHED,
        2,
        keys.topupUnmatched,
        keys.topupUnmatchedIds,
        payerKey(payment.method, payment.payerId),
        JSON.stringify(payment),
      );
      return reply === 1 ? 'recorded' : 'duplicate';
    },
    async listUnmatched(limit) {
      const raw = await redis.lrange(keys.topupUnmatched, -limit, -1);
      return raw.flatMap((json) => {
        const parsed = unmatchedSchema.safeParse(JSON.parse(json));
        return parsed.success ? [parsed.data] : [];
      });
    },
    async counts() {
      return countRows(await redis.hgetall(keys.topupCounts));
    },
  };
}
