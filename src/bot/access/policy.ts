import type { ShopPolicyConfig } from '../../config/env.js';
import { type Currency, type Money, money, parseDecimalToMinor } from '../../payments/money.js';

/**
 * Who may buy, and how much. Anyone who finds a bot can talk to it and every purchase spends the
 * owner's wallet, so the default is an allowlist; admins are always allowed.
 */
export type AccessMode = 'allowlist' | 'open';

/** Per buyer, per Malaysia day (UTC+8). Absent means no limit of that kind. */
export interface DailyLimits {
  /** Total of the day's orders, in the provider's currency. */
  amount?: Money;
  /** Number of the day's orders. */
  count?: number;
}

export interface AccessPolicy {
  mode: AccessMode;
  /** Buyers allowed in allowlist mode. */
  allowedUserIds: readonly number[];
  /** Always allowed, whatever the mode, and never limited. */
  adminUserIds: readonly number[];
  dailyLimits: DailyLimits;
  /** The most one order may cost, admins included. Absent only in hand-built test policies. */
  maxOrderAmount?: Money;
}

/**
 * The per-order maximum when MAX_ORDER_AMOUNT is unset: a typo of one zero, or a buyer with a
 * stolen account, must not empty the owner's wallet in one order.
 */
export const DEFAULT_MAX_ORDER_AMOUNT: Record<Currency, Money> = {
  MYR: money(1_000_00, 'MYR'),
  IDR: money(5_000_000, 'IDR'),
};

/** Everyone may buy without limits: what the bot did before access control existed. */
export const OPEN_POLICY: AccessPolicy = {
  mode: 'open',
  allowedUserIds: [],
  adminUserIds: [],
  dailyLimits: {},
};

export function isAdmin(policy: Pick<AccessPolicy, 'adminUserIds'>, userId: number): boolean {
  return policy.adminUserIds.includes(userId);
}

/** Whether this Telegram user may use the shop at all. */
export function mayBuy(policy: AccessPolicy, userId: number): boolean {
  if (isAdmin(policy, userId)) return true;
  return policy.mode === 'open' || policy.allowedUserIds.includes(userId);
}

/** The limits that apply to this user: none for admins (it is their wallet). */
export function limitsFor(policy: AccessPolicy, userId: number): DailyLimits {
  return isAdmin(policy, userId) ? {} : policy.dailyLimits;
}

/**
 * A configured decimal amount ("500", "500.00") as Money in the provider's currency; undefined
 * when not configured. The configuration schema has already checked the format, so an unreadable
 * value here is a programming error.
 */
export function amountFromConfig(value: string | undefined, currency: Currency): Money | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const minor = parseDecimalToMinor(value, currency);
  if (minor === undefined || minor < 0) throw new RangeError(`not an amount: ${value}`);
  return money(minor, currency);
}

/**
 * The policy from ACCESS_MODE, ALLOWED_USER_IDS, the USER_DAILY_LIMIT_* settings and
 * MAX_ORDER_AMOUNT (its currency's default when unset).
 */
export function accessPolicyFromConfig(
  shop: Pick<
    ShopPolicyConfig,
    'ACCESS_MODE' | 'ALLOWED_USER_IDS' | 'USER_DAILY_LIMIT_AMOUNT' | 'USER_DAILY_LIMIT_COUNT'
  > &
    Partial<Pick<ShopPolicyConfig, 'MAX_ORDER_AMOUNT'>>,
  options: { adminUserIds: readonly number[]; currency: Currency },
): AccessPolicy {
  const amount = amountFromConfig(shop.USER_DAILY_LIMIT_AMOUNT, options.currency);
  return {
    mode: shop.ACCESS_MODE,
    allowedUserIds: [...shop.ALLOWED_USER_IDS],
    adminUserIds: [...options.adminUserIds],
    dailyLimits: {
      ...(amount ? { amount } : {}),
      ...(shop.USER_DAILY_LIMIT_COUNT === undefined ? {} : { count: shop.USER_DAILY_LIMIT_COUNT }),
    },
    maxOrderAmount:
      amountFromConfig(shop.MAX_ORDER_AMOUNT, options.currency) ?? DEFAULT_MAX_ORDER_AMOUNT[options.currency],
  };
}
