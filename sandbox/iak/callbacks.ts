import { Agent, request } from 'undici';
import type { TimerRegistry } from '../kit/timers.js';
import type { IakTransactionData } from './ledger.js';
import { md5Sign } from './wire.js';

/**
 * Delivers IAK prepaid callbacks (spec §8): a POST of `{"data":{...}}` with every value a string and
 * `sign = md5(username + api_key + ref_id)`, only for success and failure. IAK documents no retry
 * policy; the sandbox retries 5xx, 429, 408 and network errors a few times with a fixed delay, and
 * gives up on other 4xx. A failed delivery is logged and dropped; it never throws into the
 * transaction lifecycle that triggered it.
 */

export interface IakCallbackSenderOptions {
  username: string;
  apiKey: string;
  timers: TimerRegistry;
  retryDelayMs: number;
  retries?: number;
  attemptTimeoutMs?: number;
  log: (line: string) => void;
}

export interface IakCallbackSender {
  send(url: string, data: IakTransactionData): void;
  close(): Promise<void>;
}

/** The callback body for a transaction: v2 field names, values as strings, the sign last. */
export function callbackBody(data: IakTransactionData, username: string, apiKey: string): string {
  const fields: Record<string, string> = {
    ref_id: data.ref_id,
    status: String(data.status),
    product_code: data.product_code,
    customer_id: data.customer_id,
    price: String(data.price),
    message: data.message,
  };
  if (data.sn !== undefined) fields.sn = data.sn;
  if (data.pin !== undefined) fields.pin = data.pin;
  Object.assign(fields, {
    balance: String(data.balance),
    tr_id: String(data.tr_id),
    rc: data.rc,
    sign: md5Sign(username, apiKey, data.ref_id),
  });
  return JSON.stringify({ data: fields });
}

type AttemptOutcome = 'delivered' | 'retry' | 'give-up';

function classify(statusCode: number): AttemptOutcome {
  if (statusCode >= 200 && statusCode < 300) return 'delivered';
  if (statusCode >= 500 || statusCode === 429 || statusCode === 408) return 'retry';
  return 'give-up';
}

export function createIakCallbackSender(options: IakCallbackSenderOptions): IakCallbackSender {
  const retries = options.retries ?? 3;
  const attemptTimeoutMs = options.attemptTimeoutMs ?? 30_000;
  const agent = new Agent({ keepAliveTimeout: 1_000, connect: { timeout: attemptTimeoutMs } });
  const inFlight = new Set<AbortController>();
  let closed = false;

  async function attempt(url: string, body: string) {
    const controller = new AbortController();
    inFlight.add(controller);
    try {
      const response = await request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        dispatcher: agent,
        signal: controller.signal,
        headersTimeout: attemptTimeoutMs,
        bodyTimeout: attemptTimeoutMs,
      });
      await response.body.dump();
      return { outcome: classify(response.statusCode), detail: `HTTP ${response.statusCode}` };
    } catch (error) {
      const detail = error instanceof Error ? error.name : 'network error';
      return { outcome: 'retry' as const, detail };
    } finally {
      inFlight.delete(controller);
    }
  }

  async function deliver(url: string, refId: string, body: string, attemptNumber: number): Promise<void> {
    if (closed) return;
    const { outcome, detail } = await attempt(url, body);
    if (closed) return;
    const label = `callback ref_id=${refId} attempt=${attemptNumber}`;
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
      void deliver(url, refId, body, attemptNumber + 1);
    });
  }

  return {
    send(url, data) {
      if (closed) return;
      // Rendered once: a retry repeats exactly what the first attempt said.
      const body = callbackBody(data, options.username, options.apiKey);
      deliver(url, data.ref_id, body, 1).catch((error: unknown) => {
        options.log(`callback sender error: ${error instanceof Error ? error.name : 'unknown'}`);
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
