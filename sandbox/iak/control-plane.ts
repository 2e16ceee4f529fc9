import { z } from 'zod';
import { parseJson, safeDecode, sandboxFaultSchema } from '../kit/control.js';
import type { FaultQueue } from '../kit/faults.js';
import { jsonResponse, messageResponse, type SandboxResponse } from '../kit/http-io.js';
import type { IakLedger } from './ledger.js';

/**
 * An unauthenticated side door under /__sandbox, outside IAK's /api namespace: it stands in for the
 * developer portal's sandbox report (settle a transaction, add deposit, set the callback URL) and
 * lets tests in another process inject faults and inspect transactions. Nothing like it is part of
 * IAK's API.
 */

export const IAK_CONTROL_PREFIX = '/__sandbox';

const settleSchema = z.strictObject({ rc: z.string().regex(/^\d{2,3}$/, 'rc must be 2 or 3 digits') });
const depositSchema = z.strictObject({ amount: z.number().int().min(1).max(1_000_000_000_000) });
const callbackSchema = z.strictObject({
  url: z
    .string()
    .refine(
      (value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol),
      'must be an http(s) URL',
    )
    .nullable(),
});

export interface IakControlPlaneDeps {
  faults: FaultQueue;
  ledger: IakLedger;
  callbackUrl(): string | undefined;
  setCallbackUrl(url: string | undefined): void;
}

export interface IakControlPlane {
  handle(method: string, path: string, body: Uint8Array): SandboxResponse;
}

export function createIakControlPlane(deps: IakControlPlaneDeps): IakControlPlane {
  function withBody<T>(
    body: Uint8Array,
    schema: z.ZodType<T>,
    use: (value: T) => SandboxResponse,
  ): SandboxResponse {
    const parsed = parseJson(body);
    if (!parsed.ok) return messageResponse(400, 'Request body must be valid JSON');
    const result = schema.safeParse(parsed.value);
    if (!result.success) return messageResponse(400, `Invalid input: ${z.prettifyError(result.error)}`);
    return use(result.data);
  }

  return {
    handle(method, path, body) {
      const route = path.slice(IAK_CONTROL_PREFIX.length);
      if (route === '/faults' && method === 'POST') {
        return withBody(body, sandboxFaultSchema, (fault) => {
          deps.faults.inject(fault);
          return jsonResponse(200, { ok: true, pending: deps.faults.pending() });
        });
      }
      if (route === '/faults' && method === 'DELETE') {
        deps.faults.clear();
        return jsonResponse(200, { ok: true });
      }
      if (route === '/faults' && method === 'GET') return jsonResponse(200, deps.faults.pending());
      if (route === '/transactions' && method === 'GET') return jsonResponse(200, deps.ledger.list());
      if (route === '/balance' && method === 'GET')
        return jsonResponse(200, { balance: deps.ledger.balance() });
      if (route === '/deposit' && method === 'POST') {
        return withBody(body, depositSchema, ({ amount }) =>
          jsonResponse(200, { balance: deps.ledger.deposit(amount) }),
        );
      }
      if (route === '/callback-url' && method === 'GET') {
        return jsonResponse(200, { url: deps.callbackUrl() ?? null });
      }
      if (route === '/callback-url' && method === 'POST') {
        return withBody(body, callbackSchema, ({ url }) => {
          deps.setCallbackUrl(url ?? undefined);
          return jsonResponse(200, { url });
        });
      }
      const settle = /^\/transactions\/([^/]+)\/settle$/.exec(route);
      if (settle !== null && method === 'POST') {
        const refId = safeDecode(settle[1] ?? '');
        if (refId === undefined)
          return messageResponse(400, 'The ref_id in the path is not valid percent-encoding');
        if (!deps.ledger.has(refId)) return messageResponse(404, `No transaction with ref_id ${refId}`);
        return withBody(body, settleSchema, ({ rc }) => jsonResponse(200, deps.ledger.settle(refId, rc)));
      }
      const single = /^\/transactions\/([^/]+)$/.exec(route);
      if (single !== null && method === 'GET') {
        const refId = safeDecode(single[1] ?? '');
        if (refId === undefined)
          return messageResponse(400, 'The ref_id in the path is not valid percent-encoding');
        const transaction = deps.ledger.get(refId);
        return transaction === undefined
          ? messageResponse(404, 'No such transaction')
          : jsonResponse(200, transaction);
      }
      return messageResponse(404, `No sandbox control route for ${method} ${path}`);
    },
  };
}
