import type { TimerRegistry } from '../kit/timers.js';
import { HOLD_ACCOUNT, type SandboxProduct, TEST_ACCOUNT_OUTCOMES } from './fixtures.js';
import { createFulfilment, EMPTY_FULFILMENT } from './fulfilment.js';
import {
  failureMeaning,
  returnsCost,
  STATUS_ACCEPTED,
  STATUS_PROCESSING,
  STATUS_SUCCESSFUL,
  statusTextFor,
} from './status-codes.js';
import { formatYearFirst, senToWire } from './wire-format.js';

/**
 * The merchant wallet and every transaction, with the Accepted -> Processing -> final lifecycle
 * driven by timers. Money is integer sen throughout; the wallet is debited when a transaction is
 * created (so the balance includes pending ones, as documented) and credited back when it fails or
 * is refunded.
 */

/** A public, read-only copy of one transaction. */
export interface SandboxTransaction {
  refid: string;
  product: string;
  account: string;
  amountSen: number;
  costSen: number;
  statusCode: number;
  status: string;
  createdAt: number;
  extras: Record<string, string>;
  sn: string;
  pin: string;
  expiry: string;
  note: string;
  voucherlink: string;
  remarks: string;
}

/** The `data` object of a topup response and of a callback: identical by design. */
export interface TopupData {
  statusCode: number;
  status: string;
  account: string;
  product: string;
  productName: string;
  amount: number;
  sn: string;
  pin: string;
  expiry: string;
  cost: number;
  balance: number;
  remarks: string;
  refid: string;
  timestamp: string;
  note: string;
  voucherlink: string;
}

/** One movement of the merchant wallet, as the balance statement lists it. */
export interface WalletMovement {
  id: number;
  at: number;
  /** Signed sen. */
  amountSen: number;
  balanceAfterSen: number;
  type: 'DEPOSIT' | 'TRANSACTION' | 'REFUND' | 'COMMISSION';
  remarks: string;
}

/** A transaction the bot never sent, placed on the books by the control plane. */
export interface HeldTransaction {
  refid: string;
  product: SandboxProduct;
  account: string;
  amountSen: number;
  costSen: number;
  statusCode: number;
  createdAt?: number;
}

export interface NewTransaction {
  refid: string;
  product: SandboxProduct;
  account: string;
  amountSen: number;
  costSen: number;
  remarks: string;
  extras: Record<string, string>;
}

interface TransactionRecord extends SandboxTransaction {
  productName: string;
  fulfilmentKind: SandboxProduct['fulfilment'];
  requestRemarks: string;
  updatedAt: number;
  balanceAfterSen: number;
  costReturned: boolean;
  cancelPending: Array<() => void>;
}

export interface LedgerOptions {
  initialBalanceSen: number;
  timing: { acceptedMs: number; processingMs: number };
  timers: TimerRegistry;
  /** Called for every status the transaction enters except Accepted (the creation answer says that). */
  onStatusChange: (data: TopupData) => void;
  log: (line: string) => void;
  now?: () => number;
}

export interface Ledger {
  balanceSen(): number;
  has(refid: string): boolean;
  /** Debits the wallet, stores the transaction and starts its lifecycle; returns the creation state. */
  create(input: NewTransaction): TopupData;
  /** The current state of a known refid. */
  current(refid: string): TopupData | undefined;
  /** Forces a status now; throws for an unknown refid. */
  settle(refid: string, statusCode: number): TopupData;
  list(): SandboxTransaction[];
  get(refid: string): SandboxTransaction | undefined;
  /** Every movement of the wallet, oldest first. */
  movements(): WalletMovement[];
  /** Puts a transaction on the books directly, in a final state, without a callback. */
  hold(input: HeldTransaction): SandboxTransaction;
  /** The product name and `topup`-style timestamp of a transaction, for the history endpoint. */
  details(refid: string): { productName: string; updatedAt: number } | undefined;
}

/** The final code a transaction reaches on its own; undefined means it waits for settle(). */
function plannedOutcome(account: string): number | undefined {
  if (account === HOLD_ACCOUNT) return undefined;
  return TEST_ACCOUNT_OUTCOMES[account] ?? STATUS_SUCCESSFUL;
}

function publicCopy(record: TransactionRecord): SandboxTransaction {
  return {
    refid: record.refid,
    product: record.product,
    account: record.account,
    amountSen: record.amountSen,
    costSen: record.costSen,
    statusCode: record.statusCode,
    status: record.status,
    createdAt: record.createdAt,
    extras: { ...record.extras },
    sn: record.sn,
    pin: record.pin,
    expiry: record.expiry,
    note: record.note,
    voucherlink: record.voucherlink,
    remarks: record.remarks,
  };
}

function wireData(record: TransactionRecord): TopupData {
  return {
    statusCode: record.statusCode,
    status: record.status,
    account: record.account,
    product: record.product,
    productName: record.productName,
    amount: senToWire(record.amountSen),
    sn: record.sn,
    pin: record.pin,
    expiry: record.expiry,
    cost: senToWire(record.costSen),
    balance: senToWire(record.balanceAfterSen),
    remarks: record.remarks,
    refid: record.refid,
    timestamp: formatYearFirst(record.updatedAt),
    note: record.note,
    voucherlink: record.voucherlink,
  };
}

export function createLedger(options: LedgerOptions): Ledger {
  const now = options.now ?? Date.now;
  const records = new Map<string, TransactionRecord>();
  let walletSen = options.initialBalanceSen;
  const moves: WalletMovement[] = [];
  const move = (amountSen: number, type: WalletMovement['type'], remarks: string, at = now()) => {
    walletSen += amountSen;
    moves.push({ id: moves.length + 1, at, amountSen, balanceAfterSen: walletSen, type, remarks });
  };

  function applyStatus(record: TransactionRecord, code: number): void {
    // Money first: a failure or refund gives the cost back once; settling a failed transaction to a
    // non-failed status (a manual reversal) takes it again.
    const giveBack = returnsCost(code);
    if (giveBack && !record.costReturned) {
      move(record.costSen, 'REFUND', `Refund ${record.refid}`);
      record.costReturned = true;
    } else if (!giveBack && record.costReturned) {
      move(-record.costSen, 'TRANSACTION', `Transaction ${record.refid}`);
      record.costReturned = false;
    }

    if (code === STATUS_SUCCESSFUL) {
      if (record.sn === '') Object.assign(record, createFulfilment(record.fulfilmentKind, now()));
    } else if (code !== STATUS_ACCEPTED && code !== STATUS_PROCESSING) {
      // Failed, refunded or unknown: nothing deliverable goes out with it.
      Object.assign(record, EMPTY_FULFILMENT);
    }

    record.statusCode = code;
    record.status = statusTextFor(code);
    record.remarks = giveBack ? failureMeaning(code) : record.requestRemarks;
    record.updatedAt = now();
    record.balanceAfterSen = walletSen;
    options.log(`transaction ${record.refid} -> ${record.status} (${code})`);
    if (code !== STATUS_ACCEPTED) options.onStatusChange(wireData(record));
  }

  function cancelTimers(record: TransactionRecord): void {
    for (const cancel of record.cancelPending) cancel();
    record.cancelPending = [];
  }

  function schedule(record: TransactionRecord, ms: number, step: () => void): void {
    if (ms <= 0) {
      step();
      return;
    }
    record.cancelPending.push(options.timers.after(ms, step));
  }

  function finish(record: TransactionRecord): void {
    const outcome = plannedOutcome(record.account);
    if (outcome !== undefined) applyStatus(record, outcome);
  }

  function startProcessing(record: TransactionRecord): void {
    const { processingMs } = options.timing;
    const outcome = plannedOutcome(record.account);
    // Skip the Processing state only when there is no time to spend in it and an outcome is known.
    if (processingMs <= 0 && outcome !== undefined) {
      applyStatus(record, outcome);
      return;
    }
    applyStatus(record, STATUS_PROCESSING);
    if (outcome !== undefined) schedule(record, processingMs, () => finish(record));
  }

  return {
    balanceSen: () => walletSen,
    has: (refid) => records.has(refid),
    create(input) {
      const createdAt = now();
      move(-input.costSen, 'TRANSACTION', `Transaction ${input.refid}`, createdAt);
      const record: TransactionRecord = {
        refid: input.refid,
        product: input.product.code,
        productName: input.product.name,
        fulfilmentKind: input.product.fulfilment,
        account: input.account,
        amountSen: input.amountSen,
        costSen: input.costSen,
        statusCode: STATUS_ACCEPTED,
        status: statusTextFor(STATUS_ACCEPTED),
        createdAt,
        updatedAt: createdAt,
        extras: { ...input.extras },
        ...EMPTY_FULFILMENT,
        remarks: input.remarks,
        requestRemarks: input.remarks,
        balanceAfterSen: walletSen,
        costReturned: false,
        cancelPending: [],
      };
      records.set(record.refid, record);
      options.log(`transaction ${record.refid} created: ${record.product} cost ${record.costSen} sen`);
      schedule(record, options.timing.acceptedMs, () => startProcessing(record));
      return wireData(record);
    },
    current(refid) {
      const record = records.get(refid);
      return record === undefined ? undefined : wireData(record);
    },
    settle(refid, statusCode) {
      const record = records.get(refid);
      if (record === undefined) throw new Error(`IIMMPACT sandbox has no transaction with refid ${refid}`);
      if (!Number.isInteger(statusCode) || statusCode < 0) {
        throw new RangeError(`statusCode must be a non-negative integer, got ${statusCode}`);
      }
      cancelTimers(record);
      applyStatus(record, statusCode);
      return wireData(record);
    },
    list: () => [...records.values()].map(publicCopy),
    movements: () => moves.map((m) => ({ ...m })),
    details(refid) {
      const record = records.get(refid);
      return record === undefined
        ? undefined
        : { productName: record.productName, updatedAt: record.updatedAt };
    },
    hold(input) {
      if (records.has(input.refid)) throw new Error(`refid ${input.refid} is already on the books`);
      const createdAt = input.createdAt ?? now();
      move(-input.costSen, 'TRANSACTION', `Transaction ${input.refid}`, createdAt);
      const record: TransactionRecord = {
        refid: input.refid,
        product: input.product.code,
        productName: input.product.name,
        fulfilmentKind: input.product.fulfilment,
        account: input.account,
        amountSen: input.amountSen,
        costSen: input.costSen,
        statusCode: STATUS_ACCEPTED,
        status: statusTextFor(STATUS_ACCEPTED),
        createdAt,
        updatedAt: createdAt,
        extras: {},
        ...EMPTY_FULFILMENT,
        remarks: '',
        requestRemarks: '',
        balanceAfterSen: walletSen,
        costReturned: false,
        cancelPending: [],
      };
      records.set(record.refid, record);
      const giveBack = returnsCost(input.statusCode);
      if (giveBack) {
        move(record.costSen, 'REFUND', `Refund ${record.refid}`, createdAt);
        record.costReturned = true;
      }
      if (input.statusCode === STATUS_SUCCESSFUL)
        Object.assign(record, createFulfilment(record.fulfilmentKind, createdAt));
      record.statusCode = input.statusCode;
      record.status = statusTextFor(input.statusCode);
      record.balanceAfterSen = walletSen;
      options.log(`transaction ${record.refid} held on the books (${input.statusCode})`);
      return publicCopy(record);
    },
    get(refid) {
      const record = records.get(refid);
      return record === undefined ? undefined : publicCopy(record);
    },
  };
}
