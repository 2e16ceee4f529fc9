import { z } from 'zod';
import { parseJson, safeDecode, sandboxFaultSchema } from '../kit/control.js';
import type { FaultQueue } from '../kit/faults.js';
import { jsonResponse, messageResponse, type SandboxResponse } from '../kit/http-io.js';
import { findProduct } from './fixtures.js';
import type { Ledger } from './ledger.js';
import { STATUS_REFUND, STATUS_SUCCESSFUL } from './status-codes.js';
import { senToWire } from './wire-format.js';

/**
 * An unauthenticated side door under /__sandbox, outside the provider's /v2 namespace, so tests
 * running in another process (and the demo) can inject faults, inspect transactions and settle them.
 * It exists only in the sandbox; nothing like it is part of IIMMPACT's API.
 */

export const CONTROL_PREFIX = '/__sandbox';

const settleSchema = z.strictObject({ statusCode: z.number().int().min(0).max(999) });
const holdSchema = z.strictObject({
  refid: z.string().min(1).max(50),
  product: z.string().min(1),
  account: z.string().min(1),
  amountSen: z.number().int().positive(),
  costSen: z.number().int().nonnegative().optional(),
  statusCode: z.number().int().min(0).max(999).optional(),
  createdAt: z.number().int().positive().optional(),
});

function invalidInput(error: z.ZodError): SandboxResponse {
  return messageResponse(400, `Invalid input: ${z.prettifyError(error)}`);
}

export interface ControlPlaneDeps {
  faults: FaultQueue;
  ledger: Ledger;
}

export interface ControlPlane {
  handle(method: string, path: string, body: Uint8Array): SandboxResponse;
}

export function createControlPlane(deps: ControlPlaneDeps): ControlPlane {
  function withJson(body: Uint8Array, use: (value: unknown) => SandboxResponse): SandboxResponse {
    const parsed = parseJson(body);
    if (!parsed.ok) return messageResponse(400, 'Request body must be valid JSON');
    return use(parsed.value);
  }

  return {
    handle(method, path, body) {
      const route = path.slice(CONTROL_PREFIX.length);
      if (route === '/faults' && method === 'POST') {
        return withJson(body, (value) => {
          const result = sandboxFaultSchema.safeParse(value);
          if (!result.success) return invalidInput(result.error);
          deps.faults.inject(result.data);
          return jsonResponse(200, { ok: true, pending: deps.faults.pending() });
        });
      }
      if (route === '/faults' && method === 'DELETE') {
        deps.faults.clear();
        return jsonResponse(200, { ok: true });
      }
      if (route === '/faults' && method === 'GET') {
        return jsonResponse(200, deps.faults.pending());
      }
      if (route === '/transactions' && method === 'GET') {
        return jsonResponse(200, deps.ledger.list());
      }
      if (route === '/balance' && method === 'GET') {
        const sen = deps.ledger.balanceSen();
        return jsonResponse(200, { balanceSen: sen, balance: senToWire(sen) });
      }
      // Holds a transaction the bot never sent (a shop that lost an order): Succesful by default.
      if (route === '/transactions' && method === 'POST') {
        return withJson(body, (value) => {
          const result = holdSchema.safeParse(value);
          if (!result.success) return invalidInput(result.error);
          const product = findProduct(result.data.product);
          if (!product) return messageResponse(400, `Unknown product ${result.data.product}`);
          if (deps.ledger.has(result.data.refid))
            return messageResponse(409, `refid ${result.data.refid} is already on the books`);
          const { costSen, statusCode, createdAt, ...rest } = result.data;
          return jsonResponse(
            200,
            deps.ledger.hold({
              ...rest,
              product,
              costSen: costSen ?? rest.amountSen,
              statusCode: statusCode ?? STATUS_SUCCESSFUL,
              ...(createdAt === undefined ? {} : { createdAt }),
            }),
          );
        });
      }
      // A late Refund: only a Succesful transaction is turned into one.
      const refund = /^\/transactions\/([^/]+)\/refund$/.exec(route);
      if (refund !== null && method === 'POST') {
        const refid = safeDecode(refund[1] ?? '');
        if (refid === undefined)
          return messageResponse(400, 'The refid in the path is not valid percent-encoding');
        const transaction = deps.ledger.get(refid);
        if (!transaction) return messageResponse(404, `No transaction with refid ${refid}`);
        if (transaction.statusCode !== STATUS_SUCCESSFUL)
          return messageResponse(409, `Transaction ${refid} is ${transaction.status}, not Succesful`);
        deps.ledger.settle(refid, STATUS_REFUND);
        return jsonResponse(200, deps.ledger.get(refid));
      }
      const settle = /^\/transactions\/([^/]+)\/settle$/.exec(route);
      if (settle !== null && method === 'POST') {
        const refid = safeDecode(settle[1] ?? '');
        if (refid === undefined)
          return messageResponse(400, 'The refid in the path is not valid percent-encoding');
        if (!deps.ledger.has(refid)) return messageResponse(404, `No transaction with refid ${refid}`);
        return withJson(body, (value) => {
          const result = settleSchema.safeParse(value);
          if (!result.success) return invalidInput(result.error);
          deps.ledger.settle(refid, result.data.statusCode);
          return jsonResponse(200, deps.ledger.get(refid));
        });
      }
      const single = /^\/transactions\/([^/]+)$/.exec(route);
      if (single !== null && method === 'GET') {
        const refid = safeDecode(single[1] ?? '');
        if (refid === undefined)
          return messageResponse(400, 'The refid in the path is not valid percent-encoding');
        const transaction = deps.ledger.get(refid);
        return transaction === undefined
          ? messageResponse(404, 'No such transaction')
          : jsonResponse(200, transaction);
      }
      return messageResponse(404, `No sandbox control route for ${method} ${path}`);
    },
  };
}
