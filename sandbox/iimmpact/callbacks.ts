import { Agent, request } from 'undici';
import type { TimerRegistry } from '../kit/timers.js';

/**
 * Delivers transaction callbacks the way IIMMPACT documents them (spec §9): GET or POST as the
 * merchant chose, no signature header, a fixed delay between attempts, 3 retries on 5xx, 429, 408 and
 * network errors, and no retry on other 4xx. A failed delivery is logged and dropped; it never throws
 * into the transaction lifecycle that triggered it.
 */

export interface CallbackTarget {
  url: string;
  method: 'GET' | 'POST';
}

/** The fields a GET callback flattens into its query string. */
export interface CallbackPayload {
  refid: string;
  statusCode: number;
  cost: number;
}

export interface CallbackSenderOptions {
  timers: TimerRegistry;
  retryDelayMs: number;
  retries?: number;
  /** Per-attempt timeout; the provider documents 30 s. */
  attemptTimeoutMs?: number;
  log: (line: string) => void;
}

export interface CallbackSender {
  send(target: CallbackTarget, data: CallbackPayload & Record<string, unknown>): void;
  /** Aborts in-flight deliveries and releases pooled connections. Pending retries die with the timers. */
  close(): Promise<void>;
}

type AttemptOutcome = 'delivered' | 'retry' | 'give-up';

function classify(statusCode: number): AttemptOutcome {
  if (statusCode >= 200 && statusCode < 300) return 'delivered';
  if (statusCode >= 500 || statusCode === 429 || statusCode === 408) return 'retry';
  return 'give-up';
}

/**
 * GET form: refid, status (numeric code), price (cost) and message (URL-encoded JSON of the data).
 * encodeURIComponent writes spaces as %20, which every decoder reads back; '+' would not survive a
 * receiver that decodes with decodeURIComponent.
 */
export function buildGetCallbackUrl(
  baseUrl: string,
  data: CallbackPayload & Record<string, unknown>,
): string {
  const params = [
    ['refid', data.refid],
    ['status', String(data.statusCode)],
    ['price', String(data.cost)],
    ['message', JSON.stringify(data)],
  ]
    .map(([key, value]) => `${key}=${encodeURIComponent(value ?? '')}`)
    .join('&');
  const hashIndex = baseUrl.indexOf('#');
  const base = hashIndex === -1 ? baseUrl : baseUrl.slice(0, hashIndex);
  const separator = base.includes('?') ? (base.endsWith('?') || base.endsWith('&') ? '' : '&') : '?';
  return `${base}${separator}${params}`;
}

export function createCallbackSender(options: CallbackSenderOptions): CallbackSender {
  const retries = options.retries ?? 3;
  const attemptTimeoutMs = options.attemptTimeoutMs ?? 30_000;
  // A private pool, so close() can tear down exactly the sockets the sandbox opened.
  const agent = new Agent({ keepAliveTimeout: 1_000, connect: { timeout: attemptTimeoutMs } });
  const inFlight = new Set<AbortController>();
  let closed = false;

  async function attempt(target: CallbackTarget, data: CallbackPayload & Record<string, unknown>) {
    const controller = new AbortController();
    inFlight.add(controller);
    try {
      const common = {
        dispatcher: agent,
        signal: controller.signal,
        headersTimeout: attemptTimeoutMs,
        bodyTimeout: attemptTimeoutMs,
      };
      const response =
        target.method === 'POST'
          ? await request(target.url, {
              ...common,
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ data }),
            })
          : await request(buildGetCallbackUrl(target.url, data), { ...common, method: 'GET' });
      await response.body.dump();
      return { outcome: classify(response.statusCode), detail: `HTTP ${response.statusCode}` };
    } catch (error) {
      const detail = error instanceof Error ? `${error.name}: ${error.message}` : 'network error';
      return { outcome: 'retry' as const, detail };
    } finally {
      inFlight.delete(controller);
    }
  }

  async function deliver(
    target: CallbackTarget,
    data: CallbackPayload & Record<string, unknown>,
    attemptNumber: number,
  ): Promise<void> {
    if (closed) return;
    const { outcome, detail } = await attempt(target, data);
    if (closed) return;
    const label = `callback ${target.method} refid=${data.refid} status=${data.statusCode} attempt=${attemptNumber}`;
    if (outcome === 'delivered') {
      options.log(`${label} delivered (${detail})`);
      return;
    }
    if (outcome === 'give-up' || attemptNumber > retries) {
      options.log(`${label} failed permanently (${detail})`);
      return;
    }
    options.log(`${label} failed (${detail}); retrying in ${options.retryDelayMs} ms`);
    options.timers.after(options.retryDelayMs, () => {
      void deliver(target, data, attemptNumber + 1);
    });
  }

  return {
    send(target, data) {
      if (closed) return;
      // Snapshot the payload: the transaction may move on before a retry goes out, and a retry must
      // repeat what the first attempt said.
      const snapshot = { ...data };
      deliver(target, snapshot, 1).catch((error: unknown) => {
        options.log(`callback sender error: ${error instanceof Error ? error.message : String(error)}`);
      });
    },
    async close() {
      closed = true;
      for (const controller of inFlight) controller.abort();
      inFlight.clear();
      await agent.destroy().catch(() => {});
    },
  };
}
