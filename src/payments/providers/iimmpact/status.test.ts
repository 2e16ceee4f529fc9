import { describe, expect, it } from 'vitest';
import { iimmpactFailure, mapIimmpactStatus } from './status.js';

describe('IIMMPACT status mapping', () => {
  it.each([
    [0, 'Accepted', 'pending'],
    [1, 'Processing', 'pending'],
    [20, 'Succesful', 'succeeded'],
    [20, 'Successful', 'succeeded'],
    [53, 'Refund', 'refunded'],
    ...[40, 41, 43, 44, 45, 47, 48, 52, 54, 55, 56, 57, 58, 61].map(
      (code) => [code, 'Failed', 'failed'] as const,
    ),
  ] as const)('code %d with "%s" is %s', (code, word, state) => {
    expect(mapIimmpactStatus(code, word)).toBe(state);
  });

  it('keeps unknown codes pending, never failed', () => {
    expect(mapIimmpactStatus(99, 'Pending')).toBe('pending');
    expect(mapIimmpactStatus(99, undefined)).toBe('pending');
    expect(mapIimmpactStatus(2, 'Failed')).toBe('pending');
    expect(mapIimmpactStatus(undefined, 'Queued')).toBe('pending');
    expect(mapIimmpactStatus(undefined, undefined)).toBe('pending');
  });

  it('stays pending when code and word disagree', () => {
    expect(mapIimmpactStatus(20, 'Processing')).toBe('pending');
    expect(mapIimmpactStatus(48, 'Succesful')).toBe('pending');
    expect(mapIimmpactStatus(1, 'Failed')).toBe('pending');
  });

  it('uses whichever of the two is present', () => {
    expect(mapIimmpactStatus(20, undefined)).toBe('succeeded');
    expect(mapIimmpactStatus(20, '')).toBe('succeeded');
    expect(mapIimmpactStatus(undefined, 'Failed')).toBe('failed');
    expect(mapIimmpactStatus(undefined, 'succesful')).toBe('succeeded');
  });

  it.each([
    [40, 'invalid_account'],
    [41, 'shop_unavailable'],
    [43, 'shop_unavailable'],
    [44, 'product_unavailable'],
    [45, 'product_unavailable'],
    [47, 'provider_unavailable'],
    [48, 'provider_declined'],
    [52, 'invalid_account'],
    [53, 'refunded'],
    [54, 'limit_reached'],
    [55, 'provider_unavailable'],
    [56, 'invalid_account'],
    [57, 'invalid_account'],
    [58, 'product_unavailable'],
    [61, 'product_unavailable'],
  ] as const)('names status %d as the failure %s', (statusCode, code) => {
    expect(iimmpactFailure(statusCode, undefined)).toEqual({ code, providerCode: String(statusCode) });
  });

  it('keeps the provider’s remarks as its own words, beside the code', () => {
    expect(iimmpactFailure(52, ' Number barred by telco ')).toEqual({
      code: 'invalid_account',
      providerCode: '52',
      providerText: 'Number barred by telco',
    });
    expect(iimmpactFailure(45, '  ')).toEqual({ code: 'product_unavailable', providerCode: '45' });
  });

  it('calls an undocumented failure code, or none, a plain decline', () => {
    expect(iimmpactFailure(49, undefined)).toEqual({ code: 'provider_declined', providerCode: '49' });
    expect(iimmpactFailure(undefined, 'Rejected')).toEqual({
      code: 'provider_declined',
      providerText: 'Rejected',
    });
  });
});
