import { createHash, timingSafeEqual } from 'node:crypto';
import { jsonResponse, type SandboxResponse } from '../kit/http-io.js';

/**
 * The sandbox's own copy of IAK's wire facts (spec §3, §7.1): the md5 sign and the message of every
 * rc it sends. It deliberately does not import the client's signer or rc table, so a mistake in
 * either shows up as a disagreement between client and sandbox instead of cancelling out.
 */

export const RC_MESSAGES: Readonly<Record<string, string>> = {
  '00': 'SUCCESS',
  '06': 'TRANSACTION NOT FOUND',
  '07': 'FAILED',
  '10': 'REACH TOP UP LIMIT USING SAME DESTINATION NUMBER IN 1 DAY',
  '12': 'BALANCE MAXIMUM LIMIT EXCEEDED',
  '13': 'CUSTOMER NUMBER BLOCKED',
  '14': 'INCORRECT DESTINATION NUMBER',
  '16': 'NUMBER NOT MATCH WITH OPERATOR',
  '17': 'INSUFFICIENT DEPOSIT',
  '20': 'CODE NOT FOUND',
  '39': 'PROCESS',
  '106': 'PRODUCT IS TEMPORARILY OUT OF SERVICE',
  '107': 'ERROR IN XML FORMAT',
  '110': 'SYSTEM UNDER MAINTENANCE',
  '117': 'PAGE NOT FOUND',
  '121': 'MONTHLY TOP UP LIMIT EXCEEDED',
  '143': 'INQUIRY NOT NEEDED',
  '201': 'UNDEFINED RESPONSE CODE',
  '202': 'MAXIMUM 1 NUMBER 1 TIME IN 1 DAY',
  '203': 'NUMBER IS TOO LONG',
  '204': 'WRONG AUTHENTICATION',
  '206': 'THIS DESTINATION NUMBER HAS BEEN BLOCKED',
  '207': 'MAXIMUM 1 NUMBER WITH ANY CODE 1 TIME IN 1 DAY',
};

/** The `message` of a transaction in a given state: PROCESS, SUCCESS, FAILED or the rc's own words. */
export function messageFor(rc: string): string {
  if (rc === '00') return 'SUCCESS';
  if (rc === '39') return 'PROCESS';
  if (rc === '07') return 'FAILED';
  return RC_MESSAGES[rc] ?? 'FAILED';
}

/** status 1 for 00, 0 for the pending codes, 2 for everything else (an undocumented rc included). */
export function statusForRc(rc: string): 0 | 1 | 2 {
  if (rc === '00') return 1;
  if (rc === '39' || rc === '201') return 0;
  return 2;
}

export function md5Sign(username: string, apiKey: string, additional: string): string {
  return createHash('md5').update(`${username}${apiKey}${additional}`, 'utf8').digest('hex');
}

/** Exact, constant-time comparison with the expected lowercase hex sign. */
export function signMatches(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** `{"data": {...}}`, the envelope of every IAK answer. */
export function dataResponse(data: unknown, status = 200): SandboxResponse {
  return jsonResponse(status, { data });
}

/** A refusal that names only its rc: `{"data":{"rc","message","status":2}}`. */
export function rcResponse(
  rc: string,
  httpStatus = 200,
  extra: Record<string, unknown> = {},
): SandboxResponse {
  return dataResponse({ ...extra, rc, message: RC_MESSAGES[rc] ?? 'FAILED', status: 2 }, httpStatus);
}

/** HTTP 400 for a missing or malformed parameter, with `error_details` as field -> messages. */
export function badRequest(errorDetails: Record<string, string[]>): SandboxResponse {
  return rcResponse('107', 400, { error_details: errorDetails });
}
