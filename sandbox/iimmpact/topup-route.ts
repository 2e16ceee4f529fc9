import { jsonResponse, parseJsonObject, type SandboxResponse } from '../kit/http-io.js';
import type { Ledger } from './ledger.js';
import type { RouteHandler } from './router.js';
import { readRefid, validateTopup } from './topup-validation.js';

/**
 * POST /v2/topup: idempotent by refid. A known refid answers its current state whatever else the
 * body says (never a second debit); a new refid is validated, and only a valid one is stored.
 */

function validationFailure(refid: string, statusCode: number, remarks: string): SandboxResponse {
  return jsonResponse(400, { data: { status: 'Failed', statusCode, refid, remarks } });
}

export function createTopupHandler(ledger: Ledger): RouteHandler {
  return (context) => {
    if (context.access !== 0) {
      return jsonResponse(403, {
        error: 'forbidden',
        message: 'This API key has read-only access (access 50) and cannot make payments',
      });
    }
    const body = parseJsonObject(context.body);
    if (body === undefined) return validationFailure('', 44, 'Request body must be a JSON object');

    const refid = readRefid(body);
    if (refid === undefined) {
      const echoed = typeof body.refid === 'string' ? body.refid.slice(0, 100) : '';
      return validationFailure(echoed, 44, 'refid is required (1 to 50 characters, no surrounding spaces)');
    }

    const existing = ledger.current(refid);
    if (existing !== undefined) return jsonResponse(200, { data: existing });

    const result = validateTopup(body, { refid, walletSen: ledger.balanceSen() });
    if (!result.ok) return validationFailure(refid, result.statusCode, result.remarks);
    return jsonResponse(200, { data: ledger.create(result.transaction) });
  };
}
