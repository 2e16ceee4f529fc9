import { describe, expect, it } from 'vitest';
import { money } from '../../payments/money.js';
import {
  type AccessPolicy,
  accessPolicyFromConfig,
  amountFromConfig,
  limitsFor,
  mayBuy,
  OPEN_POLICY,
} from './policy.js';

const LIMITS = { amount: money(50_00, 'MYR'), count: 3 };
const allowlist: AccessPolicy = {
  mode: 'allowlist',
  allowedUserIds: [1, 2],
  adminUserIds: [9],
  dailyLimits: LIMITS,
};
const open: AccessPolicy = { ...allowlist, mode: 'open' };

describe('who may buy', () => {
  it.each<[string, AccessPolicy, number, boolean]>([
    ['allowlisted buyer', allowlist, 1, true],
    ['buyer not on the list', allowlist, 3, false],
    ['admin not on the list', allowlist, 9, true],
    ['anyone, when open', open, 3, true],
    ['admin, when open', open, 9, true],
    ['anyone, with the open default', OPEN_POLICY, 12345, true],
    ['nobody on an empty allowlist', { ...allowlist, allowedUserIds: [], adminUserIds: [] }, 1, false],
  ])('%s', (_name, policy, userId, allowed) => {
    expect(mayBuy(policy, userId)).toBe(allowed);
  });

  it('limits buyers but never admins (it is their wallet)', () => {
    expect(limitsFor(allowlist, 1)).toEqual(LIMITS);
    expect(limitsFor(open, 3)).toEqual(LIMITS);
    expect(limitsFor(allowlist, 9)).toEqual({});
  });
});

describe('the policy from the configuration', () => {
  it.each([
    [
      { ACCESS_MODE: 'allowlist' as const, ALLOWED_USER_IDS: [5, 6] },
      'MYR' as const,
      {
        mode: 'allowlist',
        allowedUserIds: [5, 6],
        adminUserIds: [9],
        dailyLimits: {},
        maxOrderAmount: money(1_000_00, 'MYR'),
      },
    ],
    [
      {
        ACCESS_MODE: 'open' as const,
        ALLOWED_USER_IDS: [],
        USER_DAILY_LIMIT_AMOUNT: '200.50',
        USER_DAILY_LIMIT_COUNT: 5,
      },
      'MYR' as const,
      {
        mode: 'open',
        allowedUserIds: [],
        adminUserIds: [9],
        dailyLimits: { amount: money(200_50, 'MYR'), count: 5 },
        maxOrderAmount: money(1_000_00, 'MYR'),
      },
    ],
    [
      { ACCESS_MODE: 'allowlist' as const, ALLOWED_USER_IDS: [], USER_DAILY_LIMIT_AMOUNT: '500000' },
      'IDR' as const,
      {
        mode: 'allowlist',
        allowedUserIds: [],
        adminUserIds: [9],
        dailyLimits: { amount: money(500_000, 'IDR') },
        maxOrderAmount: money(5_000_000, 'IDR'),
      },
    ],
    [
      { ACCESS_MODE: 'allowlist' as const, ALLOWED_USER_IDS: [], MAX_ORDER_AMOUNT: '250.50' },
      'MYR' as const,
      {
        mode: 'allowlist',
        allowedUserIds: [],
        adminUserIds: [9],
        dailyLimits: {},
        maxOrderAmount: money(250_50, 'MYR'),
      },
    ],
  ])('%o in %s', (shop, currency, expected) => {
    expect(accessPolicyFromConfig(shop, { adminUserIds: [9], currency })).toEqual(expected);
  });

  it.each([
    ['500', 'MYR', money(500_00, 'MYR')],
    ['0.5', 'MYR', money(50, 'MYR')],
    ['25000', 'IDR', money(25_000, 'IDR')],
    [undefined, 'MYR', undefined],
    [' ', 'MYR', undefined],
  ] as const)('amount %s in %s', (value, currency, expected) => {
    expect(amountFromConfig(value, currency)).toEqual(expected);
  });

  it('refuses an unreadable amount loudly', () => {
    expect(() => amountFromConfig('lots', 'MYR')).toThrow(RangeError);
    expect(() => amountFromConfig('-5', 'MYR')).toThrow(RangeError);
  });
});
