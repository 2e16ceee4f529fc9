import { describe, expect, it } from 'vitest';
import { IAK_ACCESS_RC, IAK_RC, iakFailure, mapIakStatus } from './rc.js';

/**
 * Every prepaid rc of spec §7.1, written out independently of the table under test, with the status
 * IAK pairs it with and the state it must map to.
 */
const SPEC_RC: Array<[rc: string, message: string, status: 0 | 1 | 2, state: string]> = [
  ['00', 'SUCCESS', 1, 'succeeded'],
  ['07', 'FAILED', 2, 'failed'],
  ['10', 'REACH TOP UP LIMIT USING SAME DESTINATION NUMBER IN 1 DAY', 2, 'failed'],
  ['12', 'BALANCE MAXIMUM LIMIT EXCEEDED', 2, 'failed'],
  ['13', 'CUSTOMER NUMBER BLOCKED', 2, 'failed'],
  ['14', 'INCORRECT DESTINATION NUMBER', 2, 'failed'],
  ['16', 'NUMBER NOT MATCH WITH OPERATOR', 2, 'failed'],
  ['17', 'INSUFFICIENT DEPOSIT', 2, 'failed'],
  ['18', 'NUMBER NOT AVAILABLE', 2, 'failed'],
  ['19', 'NUMBER IS ALREADY IN USE', 2, 'failed'],
  ['20', 'CODE NOT FOUND', 2, 'failed'],
  ['39', 'PROCESS', 0, 'pending'],
  ['102', 'INVALID IP ADDRESS', 2, 'failed'],
  ['106', 'PRODUCT IS TEMPORARILY OUT OF SERVICE', 2, 'failed'],
  ['107', 'ERROR IN XML FORMAT', 2, 'failed'],
  ['110', 'SYSTEM UNDER MAINTENANCE', 2, 'failed'],
  ['117', 'PAGE NOT FOUND', 2, 'failed'],
  ['118', 'ACCOUNT SUSPENDED', 2, 'failed'],
  ['121', 'MONTHLY TOP UP LIMIT EXCEEDED', 2, 'failed'],
  ['131', 'TOP UP REGION BLOCKED FOR PLAYER', 2, 'failed'],
  ['141', 'INVALID USER ID / ZONE ID / SERVER ID / ROLENAME', 2, 'failed'],
  ['142', 'INVALID USER ID', 2, 'failed'],
  ['143', 'INQUIRY NOT NEEDED', 2, 'failed'],
  ['201', 'UNDEFINED RESPONSE CODE', 0, 'pending'],
  ['202', 'MAXIMUM 1 NUMBER 1 TIME IN 1 DAY', 2, 'failed'],
  ['203', 'NUMBER IS TOO LONG', 2, 'failed'],
  ['204', 'WRONG AUTHENTICATION', 2, 'failed'],
  ['205', 'WRONG COMMAND', 2, 'failed'],
  ['206', 'THIS DESTINATION NUMBER HAS BEEN BLOCKED', 2, 'failed'],
  ['207', 'MAXIMUM 1 NUMBER WITH ANY CODE 1 TIME IN 1 DAY', 2, 'failed'],
];

describe('IAK rc mapping', () => {
  it.each(SPEC_RC)('rc %s (%s) with status %d is %s', (rc, message, status, state) => {
    expect(mapIakStatus(status, rc)).toBe(state);
    expect(mapIakStatus(undefined, rc)).toBe(state);
    expect(IAK_RC[rc]?.message).toBe(message);
    if (state === 'failed') expect(iakFailure(rc, message).providerCode).toBe(rc);
  });

  it('documents exactly the rc of the spec, plus 06', () => {
    const documented = new Set([...SPEC_RC.map(([rc]) => rc), '06']);
    expect(new Set(Object.keys(IAK_RC))).toEqual(documented);
  });

  it('keeps 06 (transaction not found) pending: it describes a query, not a payment', () => {
    expect(mapIakStatus(2, '06')).toBe('pending');
    expect(mapIakStatus(undefined, '06')).toBe('pending');
  });

  it('keeps unknown codes pending, never failed', () => {
    expect(mapIakStatus(2, '299')).toBe('pending');
    expect(mapIakStatus(2, '05')).toBe('pending');
    expect(mapIakStatus(undefined, '999')).toBe('pending');
    expect(mapIakStatus(0, '299')).toBe('pending');
    expect(mapIakStatus(undefined, undefined)).toBe('pending');
    expect(mapIakStatus(3, undefined)).toBe('pending');
  });

  it('stays pending when status and rc disagree', () => {
    expect(mapIakStatus(1, '39')).toBe('pending');
    expect(mapIakStatus(0, '00')).toBe('pending');
    expect(mapIakStatus(2, '00')).toBe('pending');
    expect(mapIakStatus(1, '07')).toBe('pending');
    expect(mapIakStatus(2, '201')).toBe('pending');
    expect(mapIakStatus(3, '00')).toBe('pending');
  });

  it('uses whichever of the two is present', () => {
    expect(mapIakStatus(1, undefined)).toBe('succeeded');
    expect(mapIakStatus(2, '')).toBe('failed');
    expect(mapIakStatus(0, undefined)).toBe('pending');
    expect(mapIakStatus(undefined, '00')).toBe('succeeded');
    expect(mapIakStatus(undefined, '14')).toBe('failed');
  });

  it('names the codes that mean a configuration problem', () => {
    expect([...IAK_ACCESS_RC].sort()).toEqual(['102', '118', '204']);
  });

  it.each([
    ['07', 'provider_declined'],
    ['10', 'limit_reached'],
    ['12', 'limit_reached'],
    ['13', 'invalid_account'],
    ['14', 'invalid_account'],
    ['16', 'invalid_account'],
    ['17', 'shop_unavailable'],
    ['18', 'product_unavailable'],
    ['20', 'product_unavailable'],
    ['106', 'product_unavailable'],
    ['110', 'provider_unavailable'],
    ['121', 'limit_reached'],
    ['142', 'invalid_account'],
    ['202', 'limit_reached'],
    ['203', 'invalid_account'],
    ['204', 'shop_unavailable'],
    ['206', 'invalid_account'],
  ] as const)('names rc %s as the failure %s', (rc, code) => {
    expect(iakFailure(rc, undefined)).toEqual({ code, providerCode: rc });
  });

  it('keeps IAK’s message as its own words, except a bare FAILED that says nothing more', () => {
    expect(iakFailure('14', 'INCORRECT DESTINATION NUMBER')).toEqual({
      code: 'invalid_account',
      providerCode: '14',
      providerText: 'INCORRECT DESTINATION NUMBER',
    });
    expect(iakFailure('07', 'FAILED')).toEqual({ code: 'provider_declined', providerCode: '07' });
    expect(iakFailure('299', 'OPERATOR REJECTED')).toEqual({
      code: 'provider_declined',
      providerCode: '299',
      providerText: 'OPERATOR REJECTED',
    });
    expect(iakFailure(undefined, undefined)).toEqual({ code: 'provider_declined' });
  });
});
