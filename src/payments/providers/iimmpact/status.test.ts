import { describe, expect, it } from 'vitest';
import { describeIimmpactFailure, mapIimmpactStatus } from './status.js';

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

  it('prefers the provider remarks as the failure reason', () => {
    expect(describeIimmpactFailure(48, 'Number barred by telco')).toBe('Number barred by telco');
    expect(describeIimmpactFailure(45, '  ')).toBe('Product out of stock');
    expect(describeIimmpactFailure(77, undefined)).toBe('The payment could not be completed');
  });
});
