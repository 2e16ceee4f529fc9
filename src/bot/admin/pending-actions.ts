import { z } from 'zod';
import type { Money } from '../../payments/money.js';
import type { Clock } from '../../platform/clock.js';
import type { Sleep } from '../../platform/sleep.js';
import type { CacheStore, LockStore } from '../../store/ports.js';
import type { PricingRules, RuleChange } from '../../wallet/pricing.js';
import { ADMIN_ACTION_ID_PATTERN } from '../callback-data.js';

/**
 * Admin actions waiting for Confirm (a wallet credit or debit) or Apply (a price rule change). The
 * action is made, with its id, when the command is parsed; the buttons carry only that id, and what
 * the action does is kept here, in the shared cache (Redis in production) with a TTL, so any replica
 * can take the press and a forged or stale id finds nothing.
 *
 * A press is decided under a lock on the action shared by the replicas, and the decision (applied,
 * refused, cancelled, stale) is kept with the action, so a second tap or a second admin is told what
 * happened instead of acting again. The money itself does not depend on the lock: a credit or debit
 * is the ledger entry `admin:<action id>`, which the wallet store writes at most once.
 */

export type PendingWork =
  | {
      kind: 'adjust';
      direction: 'credit' | 'debit';
      userId: number;
      /** Positive. */
      amount: Money;
      note?: string;
    }
  | {
      kind: 'pricing';
      change: RuleChange;
      /** The stored rules' version when the preview was made; Apply writes only over that one. */
      version: number;
      /** The rules after the change, as previewed. */
      after: PricingRules;
      /** The preview as the admin read it (HTML), kept for the message once decided. */
      previewText: string;
    };

export type ActionState = 'pending' | 'applied' | 'refused' | 'cancelled' | 'stale';

export interface PendingAction {
  id: string;
  /** The admin who gave the command. */
  adminId: number;
  createdAt: number;
  expiresAt: number;
  state: ActionState;
  /** Who decided it, once decided. */
  decidedBy?: number;
  work: PendingWork;
}

const moneySchema = z.object({ minor: z.number().int(), currency: z.enum(['MYR', 'IDR']) });

/** Read back from the cache and checked: a damaged record is treated as missing, never acted on. */
const pendingActionSchema = z.object({
  id: z.string().regex(ADMIN_ACTION_ID_PATTERN),
  adminId: z.number().int().positive(),
  createdAt: z.number(),
  expiresAt: z.number(),
  state: z.enum(['pending', 'applied', 'refused', 'cancelled', 'stale']),
  decidedBy: z.number().int().positive().optional(),
  work: z.union([
    z.object({
      kind: z.literal('adjust'),
      direction: z.enum(['credit', 'debit']),
      userId: z.number().int().positive(),
      amount: moneySchema.refine((m) => m.minor > 0, { error: 'must be positive' }),
      note: z.string().optional(),
    }),
    z.object({
      kind: z.literal('pricing'),
      // The rules are validated again by the pricing store when they are written.
      change: z.custom<RuleChange>((value) => typeof value === 'object' && value !== null),
      version: z.number().int().min(0),
      after: z.custom<PricingRules>((value) => typeof value === 'object' && value !== null),
      previewText: z.string(),
    }),
  ]),
});

export interface PendingActionsDeps {
  cache: CacheStore;
  locks: LockStore;
  clock: Clock;
  sleep: Sleep;
  /** A fresh, URL-safe random id matching ADMIN_ACTION_ID_PATTERN. */
  newId: () => string;
  /** How long an action waits for its press. */
  ttlMs: number;
}

/** What a press's handler decides: the new state (or none to leave it pending) and its answer. */
export interface Decision<T> {
  state?: Exclude<ActionState, 'pending'>;
  result: T;
}

export type PressOutcome<T> =
  /** No such action: forged, expired, or never made. */
  | { kind: 'missing' }
  /** Another press holds the action right now. */
  | { kind: 'busy' }
  /** Decided before (by this admin or another). */
  | { kind: 'decided'; action: PendingAction }
  | { kind: 'handled'; action: PendingAction; result: T };

export interface PendingActions {
  /** Keeps a new action (state pending) and returns it with its id. */
  create(adminId: number, work: PendingWork): Promise<PendingAction>;
  get(id: string): Promise<PendingAction | undefined>;
  /**
   * Runs `decide` on a pending action under its lock and keeps the state it returns. A decided,
   * missing or locked action is reported without calling `decide`.
   */
  press<T>(
    id: string,
    by: number,
    decide: (action: PendingAction) => Promise<Decision<T>>,
  ): Promise<PressOutcome<T>>;
}

const KEY = (id: string) => `admin-action:${id}`;
/** A decision is remembered at least this long, so late taps are told what happened. */
const DECIDED_TTL_MS = 60 * 60_000;
const LOCK_TTL_MS = 15_000;
const LOCK_WAIT_MS = 3_000;

export function createPendingActions(deps: PendingActionsDeps): PendingActions {
  const { cache, locks, clock } = deps;

  const get = async (id: string): Promise<PendingAction | undefined> => {
    if (!ADMIN_ACTION_ID_PATTERN.test(id)) return undefined;
    const parsed = pendingActionSchema.safeParse(await cache.get<unknown>(KEY(id)));
    if (!parsed.success || parsed.data.id !== id) return undefined;
    const action = parsed.data as PendingAction;
    // The cache's TTL removes it soon; until then an expired pending action is as good as gone.
    if (action.state === 'pending' && clock.nowMs() >= action.expiresAt) return undefined;
    return action;
  };

  const lock = async (id: string): Promise<string | undefined> => {
    const deadline = clock.nowMs() + LOCK_WAIT_MS;
    for (;;) {
      const token = await locks.acquire(KEY(id), LOCK_TTL_MS);
      if (token || clock.nowMs() > deadline) return token;
      await deps.sleep(50);
    }
  };

  return {
    async create(adminId, work) {
      const now = clock.nowMs();
      const id = deps.newId();
      if (!ADMIN_ACTION_ID_PATTERN.test(id)) throw new RangeError('pending action ids must be URL-safe');
      const action: PendingAction = {
        id,
        adminId,
        createdAt: now,
        expiresAt: now + deps.ttlMs,
        state: 'pending',
        work,
      };
      await cache.set(KEY(id), action, deps.ttlMs);
      return action;
    },

    get,

    async press(id, by, decide) {
      const first = await get(id);
      if (!first) return { kind: 'missing' };
      if (first.state !== 'pending') return { kind: 'decided', action: first };
      const token = await lock(id);
      if (!token) return { kind: 'busy' };
      try {
        // Read again under the lock: another press may have decided it meanwhile.
        const action = await get(id);
        if (!action) return { kind: 'missing' };
        if (action.state !== 'pending') return { kind: 'decided', action };
        const decision = await decide(action);
        if (decision.state === undefined) return { kind: 'handled', action, result: decision.result };
        const decided: PendingAction = { ...action, state: decision.state, decidedBy: by };
        const ttlMs = Math.max(action.expiresAt - clock.nowMs(), DECIDED_TTL_MS);
        await cache.set(KEY(id), decided, ttlMs);
        return { kind: 'handled', action: decided, result: decision.result };
      } finally {
        await locks.release(KEY(id), token);
      }
    },
  };
}
