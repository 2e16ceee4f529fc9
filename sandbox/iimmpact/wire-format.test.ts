import { describe, expect, it } from 'vitest';
import { createNonceCache } from './nonce-cache.js';
import {
  formatCompactDate,
  formatDayFirst,
  formatIsoSeconds,
  formatYearFirst,
  senListToWire,
  senToMoneyObject,
  senToWire,
} from './wire-format.js';

describe('wire formats', () => {
  // 2025-01-15 06:30:45 UTC is 14:30:45 in Malaysia (GMT+8).
  const instant = Date.UTC(2025, 0, 15, 6, 30, 45, 123);

  it('writes each endpoint family its own GMT+8 timestamp format', () => {
    expect(formatDayFirst(instant)).toBe('15-01-2025 14:30:45');
    expect(formatYearFirst(instant)).toBe('2025-01-15 14:30:45');
    expect(formatIsoSeconds(instant)).toBe('2025-01-15T06:30:45Z');
  });

  it('rolls the date over at midnight Malaysia time, not UTC', () => {
    expect(formatCompactDate(Date.UTC(2025, 11, 31, 16, 0, 0))).toBe('20260101');
    expect(formatCompactDate(Date.UTC(2025, 11, 31, 15, 59, 59))).toBe('20251231');
  });

  it('writes sen as exact JSON numbers and Money objects', () => {
    expect(senToWire(1000)).toBe(10);
    expect(senToWire(1010)).toBe(10.1);
    expect(senToWire(999_990_20)).toBe(999990.2);
    expect(senToWire(-5)).toBe(-0.05);
    expect(senToMoneyObject(4000)).toEqual({ amount: '40.00', currency: 'MYR' });
    expect(senListToWire([500, 1000, 1550])).toBe('5,10,15.5');
  });
});

describe('nonce cache', () => {
  it('refuses a repeat within the window and forgets it afterwards', () => {
    let now = 0;
    const cache = createNonceCache(1000, () => now);
    expect(cache.remember('a')).toBe(true);
    expect(cache.remember('a')).toBe(false);
    now = 999;
    expect(cache.remember('a')).toBe(false);
    now = 1000;
    expect(cache.remember('b')).toBe(true);
    expect(cache.size()).toBe(1);
    expect(cache.remember('a')).toBe(true);
  });
});
