import type { ServerResponse } from 'node:http';
import { jsonResponse, resetConnection, type SandboxResponse, serialiseBody } from './http-io.js';

/**
 * Injected failures, so clients can be tested against the ways a payment API misbehaves: slow
 * answers, gateway errors, dropped connections after the money moved, garbage bodies and the 29 s
 * integration cap. Each fault is consumed by the next `times` matching requests, in injection order.
 */

export type SandboxFault = (
  | { kind: 'delay'; ms: number }
  | { kind: 'status'; status: 429 | 500 | 502 | 503; retryAfterSeconds?: number }
  | { kind: 'reset-after-create' }
  | { kind: 'reset' }
  | { kind: 'malformed-json' }
  | { kind: 'gateway-timeout' }
) & { path?: string; times?: number };

export interface FaultQueue {
  inject(fault: SandboxFault): void;
  clear(): void;
  /** Consumes one use of the first fault that matches the request path, if any. */
  take(path: string): SandboxFault | undefined;
  pending(): SandboxFault[];
}

interface QueuedFault {
  fault: SandboxFault;
  remaining: number;
}

export function createFaultQueue(): FaultQueue {
  let queue: QueuedFault[] = [];
  return {
    inject(fault) {
      const times = fault.times ?? 1;
      if (!Number.isInteger(times) || times < 1)
        throw new RangeError(`fault.times must be a positive integer`);
      queue.push({ fault: { ...fault }, remaining: times });
    },
    clear() {
      queue = [];
    },
    take(path) {
      const index = queue.findIndex((q) => q.fault.path === undefined || q.fault.path === path);
      const entry = queue[index];
      if (entry === undefined) return undefined;
      entry.remaining -= 1;
      if (entry.remaining === 0) queue.splice(index, 1);
      return entry.fault;
    },
    pending() {
      return queue.map((q) => ({ ...q.fault, times: q.remaining }));
    },
  };
}

const STATUS_TEXT: Record<number, string> = {
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

export function faultStatusText(status: number): string {
  return STATUS_TEXT[status] ?? 'Error';
}

/**
 * Cuts a JSON text roughly in half so it can never parse, which is what a client sees when a proxy
 * truncates a response.
 */
export function truncateJson(text: string): string {
  const cut = Math.max(1, Math.floor(text.length / 2));
  return text.slice(0, cut);
}

export interface FaultAnswer {
  res: ServerResponse;
  /** "METHOD /path", for the sandbox log. */
  label: string;
  send(res: ServerResponse, label: string, response: SandboxResponse, rawBody?: string): void;
  log(line: string): void;
  sleep(ms: number): Promise<void>;
  gatewayTimeoutMs: number;
  /** What this provider's gateway answers after the integration cap. */
  gatewayTimeoutResponse: SandboxResponse;
  /** How this provider words an injected status (its own error body); the generic one if absent. */
  statusResponse?: (status: number, retryAfterSeconds: number | undefined) => SandboxResponse;
}

/**
 * Answers a request through the fault injected for it, if any. `reset`, `status` and `delay` act
 * before the request is processed; `reset-after-create`, `malformed-json` and `gateway-timeout`
 * after, so whatever the request changed (a top-up created, a wallet debited) has happened.
 */
export async function answerWithFault(
  fault: SandboxFault | undefined,
  answer: FaultAnswer,
  process: () => SandboxResponse | Promise<SandboxResponse>,
): Promise<void> {
  const { res, label, send } = answer;
  if (fault?.kind === 'reset') {
    answer.log(`${label} -> connection reset (fault)`);
    resetConnection(res);
    return;
  }
  if (fault?.kind === 'status') {
    const retryAfter = fault.retryAfterSeconds ?? (fault.status === 429 ? 1 : undefined);
    const headers = retryAfter === undefined ? undefined : { 'Retry-After': String(retryAfter) };
    send(
      res,
      `${label} (fault)`,
      answer.statusResponse?.(fault.status, retryAfter) ??
        jsonResponse(fault.status, { message: faultStatusText(fault.status) }, headers),
    );
    return;
  }
  if (fault?.kind === 'delay') await answer.sleep(fault.ms);

  const response = await process();

  switch (fault?.kind) {
    case 'reset-after-create':
      answer.log(`${label} -> processed, then connection reset (fault)`);
      resetConnection(res);
      return;
    case 'malformed-json':
      send(
        res,
        `${label} (malformed fault)`,
        { status: 200, body: null },
        truncateJson(serialiseBody(response.body)),
      );
      return;
    case 'gateway-timeout':
      await answer.sleep(answer.gatewayTimeoutMs);
      send(res, `${label} (gateway timeout fault)`, answer.gatewayTimeoutResponse);
      return;
    default:
      send(res, label, response);
  }
}
