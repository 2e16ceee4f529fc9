import type { Telegram } from 'telegraf';
import { type ClaimLoop, createClaimLoop } from '../../platform/claim-loop.js';
import type { Clock } from '../../platform/clock.js';
import type { IdSource } from '../../platform/ids.js';
import type { Logger } from '../../platform/logger.js';
import type { Sleep } from '../../platform/sleep.js';
import type { HeldNotice, LedgerEntry, WalletNotices } from '../../wallet/ledger.js';
import { renderEntryNotice } from '../admin/wallet-admin-views.js';
import { DEFAULT_LOCALE, type Locale } from '../i18n/locale.js';
import { cannotReachChat, sendView } from './telegram-io.js';

/**
 * Tells buyers of wallet entries the shop wrote for them (an admin's /credit or /debit, a credited
 * top-up) whose notice is still in the wallet's outbox: the writer died between the ledger write and
 * the Telegram send, or Telegram refused it. The notice was written in the same atomic step as the
 * entry, so none is lost; each is leased to one sender at a time and removed once sent, so the buyer
 * is told once (twice only if a sender dies between Telegram's answer and the removal). Every
 * replica runs one.
 */
export interface WalletNoticeWorkerDeps {
  telegram: Telegram;
  notices: WalletNotices;
  /** The buyer's language, when their conversation remembers it. */
  buyerLocale: (userId: number) => Promise<Locale | undefined>;
  clock: Clock;
  ids: IdSource;
  sleep: Sleep;
  logger: Logger;
  /** How long one sender holds a notice; a failed send is tried again after it (60 s). */
  leaseMs?: number;
  /** How often to look for notices left behind (5 s). */
  pollIntervalMs?: number;
  /** Sends that fail before a notice is given up on, with an error logged (10). */
  maxAttempts?: number;
}

export type WalletNoticeWorker = ClaimLoop;

export function createWalletNoticeWorker(deps: WalletNoticeWorkerDeps): WalletNoticeWorker {
  const { notices, clock } = deps;
  const log = deps.logger.child({ component: 'wallet-notices' });
  const leaseMs = deps.leaseMs ?? 60_000;
  const maxAttempts = deps.maxAttempts ?? 10;
  /** Failed sends per notice in this process. */
  const failures = new Map<string, number>();

  const send = async ({ entry }: { entry: LedgerEntry }) => {
    const key = `${entry.userId}:${entry.id}`;
    try {
      const locale = (await deps.buyerLocale(entry.userId).catch(() => undefined)) ?? DEFAULT_LOCALE;
      const shown = renderEntryNotice(entry, locale);
      if (shown) await sendView(deps.telegram, entry.userId, shown, deps.sleep);
      else log.warn('no notice is written for this kind of entry; dropped', { entryId: entry.id });
      failures.delete(key);
      await notices.delivered(entry.userId, entry.id);
      log.info('buyer told of a wallet entry', { userId: entry.userId, entryId: entry.id });
    } catch (error) {
      if (cannotReachChat(error)) {
        log.warn('buyer cannot be reached; wallet notice dropped', {
          userId: entry.userId,
          entryId: entry.id,
        });
        await notices.delivered(entry.userId, entry.id).catch(() => {});
        return;
      }
      const failed = (failures.get(key) ?? 0) + 1;
      failures.set(key, failed);
      if (failed < maxAttempts) {
        // Left leased: claimed again once the lease runs out.
        log.warn('could not tell a buyer of a wallet entry; tried again later', {
          userId: entry.userId,
          entryId: entry.id,
          err: error,
        });
        return;
      }
      failures.delete(key);
      log.error('gave up telling a buyer of a wallet entry', {
        userId: entry.userId,
        entryId: entry.id,
        attempts: failed,
        err: error,
      });
      await notices.delivered(entry.userId, entry.id).catch(() => {});
    }
  };

  return createClaimLoop<{ entry: LedgerEntry }>({
    concurrency: 4,
    pollIntervalMs: deps.pollIntervalMs ?? 5_000,
    async claim(room) {
      const entries = await notices.claimDue(clock.nowMs(), room, leaseMs, deps.ids.nonce());
      return entries.map((entry) => ({ entry }));
    },
    work: (item) => send(item).catch((error) => log.error('wallet notice failed', { err: error })),
    onClaimError: (error) => log.error('could not claim wallet notices', { err: error }),
  });
}

/**
 * Tells the buyer of a notice the caller holds (it wrote the entry with a hold, see `NoticeHold`) and
 * settles the notice: delivered once Telegram took the message, or when the chat can never be
 * reached; given back to the outbox, due at once for the notice worker, when Telegram refused it for
 * now. True when it was sent. Should marking it delivered fail, the worker sends it again once the
 * hold runs out: told twice, never not told.
 */
export async function tellHeldNotice(
  deps: { notices: WalletNotices; clock: Clock; logger: Logger },
  notice: HeldNotice,
  send: () => Promise<unknown>,
): Promise<boolean> {
  const { userId, entryId } = notice;
  try {
    await send();
  } catch (error) {
    deps.logger.warn('could not tell the buyer of a wallet entry now', { err: error, userId, entryId });
    const settled = cannotReachChat(error)
      ? deps.notices.delivered(userId, entryId)
      : deps.notices.release(userId, entryId, notice.holder, deps.clock.nowMs());
    await settled.catch((problem: unknown) =>
      deps.logger.warn('could not hand the buyer notice back', { err: problem, userId, entryId }),
    );
    return false;
  }
  await deps.notices
    .delivered(userId, entryId)
    .catch((error: unknown) =>
      deps.logger.warn('could not mark the buyer notice delivered', { err: error, userId, entryId }),
    );
  return true;
}
