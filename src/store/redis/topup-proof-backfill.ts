import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { Clock } from '../../platform/clock.js';
import type { Logger } from '../../platform/logger.js';
import { PROOF_MEMORY_MS, type ProofFingerprintStore, proofFingerprints } from '../../wallet/topup-proofs.js';
import type { Keys } from '../keys.js';

/**
 * Claims made before proofs were fingerprinted (claims live in Redis for ever) have no entry in any
 * fingerprint list, so a reference approved then and sent again now would not be flagged. This
 * records the fingerprints of every stored claim created within PROOF_MEMORY_MS, once:
 *
 * - claim keys are found with SCAN (COUNT `scanCount`), never KEYS, and read in batches with MGET;
 * - claims are remembered oldest first (by createdAt, then id), so in each list the oldest claim
 *   stays first. Claims made by this version before the backfill reached their fingerprint are
 *   already in the list, ahead of older ones: only the "earlier"/"later" wording of their warning
 *   is then reversed, never whether they are flagged;
 * - `remember` is idempotent, so a backfill cut short (a crash, a stop) is simply run again;
 * - `{p}topupproofs:backfill` is "running" (10 minutes, SET NX: one replica at a time) while it
 *   runs and "done:<counts>" for ever after, so it runs once per deployment of this version.
 *
 * Every list it touches is kept PROOF_MEMORY_MS from now, as a new claim's use would.
 */
export interface ProofBackfillDeps {
  redis: Redis;
  keys: Keys;
  proofs: ProofFingerprintStore;
  clock: Clock;
  logger: Logger;
  /** SCAN's COUNT hint and the MGET batch size. */
  scanCount?: number;
  /** Asked between batches: true stops the backfill (it is not marked done, and runs again). */
  stopping?: () => boolean;
}

export type ProofBackfillResult =
  | { result: 'done'; scanned: number; recorded: number; skipped: number }
  | { result: 'done-before' }
  | { result: 'running-elsewhere' }
  | { result: 'stopped' };

const RUNNING_MS = 10 * 60_000;

/** The part of a stored claim the backfill reads; anything unreadable is skipped and counted. */
const storedClaimSchema = z.object({
  id: z.string(),
  createdAt: z.number(),
  evidence: z.object({ reference: z.string().optional(), photoUniqueId: z.string().optional() }),
});

/** Claim ids are ours: URL-safe, no colon (wallet/topup-claims.ts), so `topup:{id}:state` is not one. */
const CLAIM_ID = /^[A-Za-z0-9_-]{6,32}$/;

function globEscape(text: string): string {
  return text.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}

export async function backfillTopupProofs(deps: ProofBackfillDeps): Promise<ProofBackfillResult> {
  const { redis, keys } = deps;
  const log = deps.logger.child({ component: 'topup-proof-backfill' });
  const count = deps.scanCount ?? 500;
  const marker = keys.topupProofBackfill;

  const before = await redis.get(marker);
  if (before?.startsWith('done')) return { result: 'done-before' };
  if ((await redis.set(marker, 'running', 'PX', RUNNING_MS, 'NX')) !== 'OK')
    return { result: 'running-elsewhere' };

  try {
    return await run();
  } catch (error) {
    // Let the next start try again instead of waiting out the running mark.
    await redis.del(marker).catch(() => undefined);
    throw error;
  }

  async function run(): Promise<ProofBackfillResult> {
    const base = keys.topupClaim('');
    const since = deps.clock.nowMs() - PROOF_MEMORY_MS;
    const found: Array<{ id: string; createdAt: number; fingerprints: string[] }> = [];
    let scanned = 0;
    let skipped = 0;
    let cursor = '0';
    do {
      if (deps.stopping?.()) {
        await redis.del(marker);
        return { result: 'stopped' };
      }
      const [next, batch] = await redis.scan(cursor, 'MATCH', `${globEscape(base)}*`, 'COUNT', count);
      cursor = next;
      const ids = batch.map((key) => key.slice(base.length)).filter((id) => CLAIM_ID.test(id));
      if (ids.length === 0) continue;
      const values = await redis.mget(ids.map((id) => keys.topupClaim(id)));
      values.forEach((json, i) => {
        if (json === null) return;
        scanned += 1;
        let claim: z.infer<typeof storedClaimSchema>;
        try {
          claim = storedClaimSchema.parse(JSON.parse(json));
        } catch {
          skipped += 1;
          log.warn('unreadable top-up claim left out of the proof backfill', { claimId: ids[i] });
          return;
        }
        if (claim.createdAt < since) return;
        const fingerprints = proofFingerprints(claim.evidence).map((p) => p.fingerprint);
        if (fingerprints.length > 0) found.push({ id: claim.id, createdAt: claim.createdAt, fingerprints });
      });
    } while (cursor !== '0');

    // SCAN may return a key twice; remembering twice is harmless, but count each claim once.
    const unique = [...new Map(found.map((claim) => [claim.id, claim])).values()].sort(
      (a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
    let recorded = 0;
    for (const claim of unique) {
      if (deps.stopping?.()) {
        await redis.del(marker);
        return { result: 'stopped' };
      }
      await deps.proofs.remember({
        fingerprints: claim.fingerprints,
        claimId: claim.id,
        nowMs: deps.clock.nowMs(),
        ttlMs: PROOF_MEMORY_MS,
      });
      recorded += 1;
    }
    const counts = { scanned, recorded, skipped };
    await redis.set(marker, `done:${JSON.stringify({ ...counts, at: deps.clock.nowMs() })}`);
    return { result: 'done', ...counts };
  }
}
