/**
 * The load generator of bench:webhook, a process of its own (forked with an IPC channel) so that its
 * HTTP client is not the bot's CPU. It also hosts the fake Bot API both the bot and the reference
 * talk to: that is where it sees each update's answer, reads the keyboard to tap next, and times
 * the update as handled.
 *
 * A phase is a closed loop of N buyers at a time: each of the N slots takes a fresh buyer (a new
 * user id, a private chat) and walks a path, posting one update and waiting for both the webhook's
 * answer and the bot's next screen before the next step, then takes the next fresh buyer, until the
 * phase's update count is sent. So at most N webhook posts, and N updates, are in flight. The same
 * order (count, path, concurrency) sent to the bot and to the reference is the same load. A
 * pipelined phase instead keeps N posts in flight without waiting for screens (one update per
 * buyer), to see the webhook's intake apart from the handling behind it.
 *
 * Messages in: PhaseOrder, { type: 'stop' }. Messages out: { type: 'ready', apiRoot, token },
 * PhaseResult.
 */
import { Pool } from 'undici';
import {
  type Buyer,
  CONFIRM,
  callbackUpdate,
  messageUpdate,
  PATHS,
  type PathName,
  RECEIPT,
  setFirstUpdateId,
} from './buyer-paths.js';
import { type Screen, startLeanBotApi, wallMs } from './lean-bot-api.js';
import { type Summary, summarize } from './stats.js';

export interface PhaseOrder {
  type: 'phase';
  /** Webhook URL of the bot or the reference. */
  url: string;
  secret: string;
  path: PathName;
  concurrency: number;
  updates: number;
  firstBuyerId: number;
  /** Buyers tap Confirm at the end of the path and their receipts are awaited. */
  confirm: boolean;
  /**
   * At most this many Confirm taps per second across all buyers: each order costs two calls from the
   * provider's payment budget (the payment, and the re-query its callback triggers), and orders
   * faster than that budget measure its waits, not the bot.
   */
  confirmsPerS?: number;
  /** Tap the first button when the label is not on the screen (the reference's screens). */
  anyButton: boolean;
  /**
   * Posts do not wait for the bot's answer (each buyer then sends one update): how fast the webhook
   * takes updates, apart from how fast the bot handles them.
   */
  pipelined?: boolean;
}

export interface PhaseResult {
  type: 'result';
  sent: number;
  /** Updates whose webhook answered 200 and whose screen arrived. */
  completed: number;
  buyers: number;
  problems: Record<string, number>;
  statuses: Record<string, number>;
  /** Post → webhook answer. */
  webhookMs: Summary;
  /** Post → the update's screen arriving at the fake Bot API. */
  handledMs: Summary;
  startedAtMs: number;
  /** When the last webhook post was answered. */
  postsDoneAtMs: number;
  /** When the last step's screen arrived (receipts not included). */
  doneAtMs: number;
  /** Bot API calls by method, receipts included. */
  botApiCalls: Record<string, number>;
  /** Receipts of confirmed orders: when the receipt edit arrived, by refid. */
  receipts: Array<{ refid: string; atMs: number }>;
  receiptsMissing: number;
  loadCpuMs: number;
}

const TOKEN = '7000000001:bench-webhook-token-00000000';
const SCREEN_TIMEOUT_MS = 30_000;
const RECEIPT_TIMEOUT_MS = 30_000;

const waiters = new Map<number, (screen: Screen) => void>();
const buyers = new Map<number, Buyer>();
/** A progress screen, edited into the real answer moments later. */
const PROGRESS = /^⏳/;
/** Buyers whose Confirm tap is in flight: its progress screen is the answer (the receipt comes later). */
const confirming = new Set<number>();
/** Buyers who confirmed and whose receipt has not arrived yet. */
const awaitingReceipt = new Set<number>();
let receipts: PhaseResult['receipts'] = [];

const api = await startLeanBotApi(
  TOKEN,
  (screen) => {
    const buyer = buyers.get(screen.chatId);
    if (buyer && screen.buttons.length > 0) buyer.screen = screen;
    const waiter = waiters.get(screen.chatId);
    // "⏳ Checking the account…" comes before the step's real answer, which edits it.
    if (waiter && (!PROGRESS.test(screen.text) || confirming.has(screen.chatId))) {
      waiters.delete(screen.chatId);
      waiter(screen);
    } else if (awaitingReceipt.has(screen.chatId)) noteReceipt(screen);
  },
  process.env.BENCH_TRACE ? (line) => process.stderr.write(`bot api: ${line}\n`) : undefined,
);

function noteReceipt(screen: Screen): boolean {
  if (!RECEIPT.test(screen.text)) return false;
  const refid = /Reference: <code>([^<]+)<\/code>/.exec(screen.text)?.[1] ?? `chat-${screen.chatId}`;
  receipts.push({ refid, atMs: screen.atMs });
  awaitingReceipt.delete(screen.chatId);
  buyers.delete(screen.chatId);
  api.forget(screen.chatId);
  return true;
}

const pools = new Map<string, Pool>();
const poolFor = (origin: string) => {
  let pool = pools.get(origin);
  if (!pool) {
    // One connection per in-flight post, kept alive across phases (the largest phase is 128).
    pool = new Pool(origin, { connections: 128, pipelining: 1, keepAliveTimeout: 60_000 });
    pools.set(origin, pool);
  }
  return pool;
};

async function runPhase(order: PhaseOrder): Promise<PhaseResult> {
  const target = new URL(order.url);
  const pool = poolFor(target.origin);
  const problems: Record<string, number> = {};
  const problem = (what: string) => {
    problems[what] = (problems[what] ?? 0) + 1;
  };
  const statuses: Record<string, number> = {};
  const webhookMs: number[] = [];
  const handledMs: number[] = [];
  /** Pipelined: the answers still to come. */
  const answers: Array<Promise<unknown>> = [];
  receipts = [];
  let sent = 0;
  let completed = 0;
  let nextBuyer = order.firstBuyerId;
  api.takeCounts();
  const cpuBefore = process.cpuUsage();
  const startedAtMs = wallMs();

  /** One update: post it, wait for the webhook's answer and for the screen it leads to. */
  const step = async (buyer: Buyer, update: Record<string, unknown>): Promise<Screen | undefined> => {
    let timer: NodeJS.Timeout | undefined;
    const screen = new Promise<Screen | undefined>((resolve) => {
      waiters.set(buyer.id, resolve);
      timer = setTimeout(() => {
        waiters.delete(buyer.id);
        resolve(undefined);
      }, SCREEN_TIMEOUT_MS);
    });
    const postedAt = wallMs();
    try {
      const response = await pool.request({
        path: target.pathname,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': order.secret },
        body: JSON.stringify(update),
      });
      // Telegram runs the Bot API call the webhook's answer names (the bot's answer to a press).
      api.takeWebhookAnswer(await response.body.text());
      statuses[response.statusCode] = (statuses[response.statusCode] ?? 0) + 1;
      webhookMs.push(wallMs() - postedAt);
      if (response.statusCode !== 200) {
        problem(`webhook ${response.statusCode}`);
        waiters.delete(buyer.id);
        clearTimeout(timer);
        return undefined;
      }
    } catch (error) {
      problem(`post failed: ${error instanceof Error ? error.message : String(error)}`);
      waiters.delete(buyer.id);
      clearTimeout(timer);
      return undefined;
    }
    const handled = screen.then((shown) => {
      clearTimeout(timer);
      if (!shown) {
        problem('no screen within 30 s');
        return undefined;
      }
      handledMs.push(shown.atMs - postedAt);
      completed += 1;
      return shown;
    });
    if (!order.pipelined) return handled;
    answers.push(
      handled.then(() => {
        buyers.delete(buyer.id);
        api.forget(buyer.id);
      }),
    );
    return undefined;
  };

  let nextConfirmAtMs = 0;
  /** Waits for this Confirm's turn under `confirmsPerS`. */
  const paceConfirm = async () => {
    if (!order.confirmsPerS) return;
    const now = performance.now();
    const at = Math.max(now, nextConfirmAtMs);
    nextConfirmAtMs = at + 1000 / order.confirmsPerS;
    if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
  };

  const walk = async (buyer: Buyer) => {
    const steps = order.confirm ? [...PATHS[order.path], CONFIRM] : PATHS[order.path];
    for (const [index, next] of steps.entries()) {
      if (sent >= order.updates) return;
      const update =
        'say' in next ? messageUpdate(buyer, next.say) : callbackUpdate(buyer, next.press, order.anyButton);
      if (!update) {
        const label = 'press' in next ? next.press.source : '';
        problem(`no button ${label} on: ${buyer.screen?.text.slice(0, 60) ?? 'no screen'}`);
        return;
      }
      const confirms = order.confirm && index === steps.length - 1;
      if (confirms) await paceConfirm();
      sent += 1;
      if (confirms) confirming.add(buyer.id);
      const shown = await step(buyer, update);
      confirming.delete(buyer.id);
      if (!shown) return;
      if (confirms && !noteReceipt(shown)) awaitingReceipt.add(buyer.id);
    }
  };

  const slot = async () => {
    while (sent < order.updates) {
      const buyer: Buyer = { id: nextBuyer++, screen: undefined, nextMessageId: 1 };
      buyers.set(buyer.id, buyer);
      await walk(buyer);
      if (!order.pipelined && !awaitingReceipt.has(buyer.id)) {
        buyers.delete(buyer.id);
        api.forget(buyer.id);
      }
    }
  };
  await Promise.all(Array.from({ length: order.concurrency }, slot));
  const postsDoneAtMs = wallMs();
  await Promise.all(answers);
  const doneAtMs = wallMs();

  // Receipts come after the provider's callback, on their own time.
  const receiptDeadline = Date.now() + RECEIPT_TIMEOUT_MS;
  while (awaitingReceipt.size > 0 && Date.now() < receiptDeadline)
    await new Promise((resolve) => setTimeout(resolve, 20));
  const receiptsMissing = awaitingReceipt.size;
  for (const id of awaitingReceipt) {
    buyers.delete(id);
    api.forget(id);
  }
  awaitingReceipt.clear();
  const cpu = process.cpuUsage(cpuBefore);
  return {
    type: 'result',
    sent,
    completed,
    buyers: nextBuyer - order.firstBuyerId,
    problems,
    statuses,
    webhookMs: summarize(webhookMs),
    handledMs: summarize(handledMs),
    startedAtMs,
    postsDoneAtMs,
    doneAtMs,
    botApiCalls: api.takeCounts(),
    receipts,
    receiptsMissing,
    loadCpuMs: (cpu.user + cpu.system) / 1000,
  };
}

setFirstUpdateId(Number(process.argv[2] ?? 1));
const send = (message: unknown) => process.send?.(message);
process.on('message', (message: PhaseOrder | { type: 'stop' }) => {
  if (message.type === 'stop') {
    void Promise.all([api.close(), ...[...pools.values()].map((pool) => pool.close())]).then(() =>
      process.exit(0),
    );
    return;
  }
  runPhase(message).then(send, (error: unknown) => {
    process.stderr.write(`load phase failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
});
send({ type: 'ready', apiRoot: api.apiRoot, token: api.token });
