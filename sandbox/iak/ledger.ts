import type { TimerRegistry } from '../kit/timers.js';
import type { IakSandboxProduct } from './fixtures.js';
import { createIakFulfilment } from './fulfilment.js';
import { messageFor, statusForRc } from './wire.js';

/**
 * The partner deposit and every prepaid transaction, keyed by ref_id. A ref_id is recorded once,
 * whatever happens to it: a top-up that reuses it is answered with its current state (spec §5.1).
 * The deposit is debited when a top-up is accepted (the docs show the same balance in the PROCESS
 * answer and in the later success) and credited back once if it fails.
 */

/** A public, read-only copy of one transaction. */
export interface IakSandboxTransaction {
  refId: string;
  trId: number;
  productCode: string;
  customerId: string;
  price: number;
  status: 0 | 1 | 2;
  rc: string;
  message: string;
  sn: string;
  pin: string;
  /** Rupiah taken from the deposit for it right now (0 once a failure gave it back). */
  debited: number;
  createdAt: number;
  updatedAt: number;
}

/** `data` of a top-up or check-status answer: numbers stay numbers. */
export interface IakTransactionData {
  ref_id: string;
  status: number;
  product_code: string;
  customer_id: string;
  price: number;
  message: string;
  balance: number;
  tr_id: number;
  rc: string;
  sn?: string;
  pin?: string;
}

interface TransactionRecord {
  refId: string;
  trId: number;
  product: IakSandboxProduct;
  customerId: string;
  status: 0 | 1 | 2;
  rc: string;
  sn: string;
  pin: string;
  debited: number;
  balanceAfter: number;
  createdAt: number;
  updatedAt: number;
  cancelPending: Array<() => void>;
}

export interface IakLedgerOptions {
  initialBalance: number;
  processMs: number;
  timers: TimerRegistry;
  /** Called whenever a transaction reaches status 1 or 2 (the only states IAK calls back for). */
  onFinal: (data: IakTransactionData) => void;
  log: (line: string) => void;
  now?: () => number;
}

/** How an accepted top-up ends on its own: an rc after processMs, or never (held). */
export type PlannedEnd = { rc: string } | 'held';

export interface IakLedger {
  balance(): number;
  deposit(amount: number): number;
  has(refId: string): boolean;
  /** Accepts a top-up: debits the price and answers PROCESS; `plan` decides how it ends. */
  accept(refId: string, product: IakSandboxProduct, customerId: string, plan: PlannedEnd): IakTransactionData;
  /** Records a top-up refused at once (status 2): nothing is debited, but the ref_id is used. */
  refuse(
    refId: string,
    product: IakSandboxProduct | undefined,
    productCode: string,
    customerId: string,
    rc: string,
  ): IakTransactionData;
  current(refId: string): IakTransactionData | undefined;
  /** Forces an rc now and calls back if it is final; throws for an unknown ref_id. */
  settle(refId: string, rc: string): IakTransactionData;
  list(): IakSandboxTransaction[];
  get(refId: string): IakSandboxTransaction | undefined;
}

/** A product for refusals whose code IAK does not know: priced at 0 so nothing can be debited. */
function unknownProduct(code: string): IakSandboxProduct {
  return {
    code,
    description: '',
    nominal: '',
    details: '',
    price: 0,
    type: '',
    category: '',
    operator: '',
    activePeriod: '0',
    status: 'non active',
    iconUrl: '-',
    customerId: 'any',
    fulfilment: 'reload',
  };
}

export function createIakLedger(options: IakLedgerOptions): IakLedger {
  const now = options.now ?? Date.now;
  const records = new Map<string, TransactionRecord>();
  let deposit = options.initialBalance;
  let nextTrId = 3482;

  function wireData(record: TransactionRecord): IakTransactionData {
    const data: IakTransactionData = {
      ref_id: record.refId,
      status: record.status,
      product_code: record.product.code,
      customer_id: record.customerId,
      price: record.product.price,
      message: messageFor(record.rc),
      balance: record.balanceAfter,
      tr_id: record.trId,
      rc: record.rc,
    };
    // sn only on success (spec §5.2); pin only where the product has one.
    if (record.status === 1 && record.sn !== '') data.sn = record.sn;
    if (record.status === 1 && record.pin !== '') data.pin = record.pin;
    return data;
  }

  function publicCopy(record: TransactionRecord): IakSandboxTransaction {
    return {
      refId: record.refId,
      trId: record.trId,
      productCode: record.product.code,
      customerId: record.customerId,
      price: record.product.price,
      status: record.status,
      rc: record.rc,
      message: messageFor(record.rc),
      sn: record.sn,
      pin: record.pin,
      debited: record.debited,
      createdAt: record.createdAt,
      updatedAt: record.updatedAt,
    };
  }

  function apply(record: TransactionRecord, rc: string): void {
    const status = statusForRc(rc);
    // Money first: a failure gives the price back once; moving a failed transaction to success or
    // process again (a manual reversal through settle) takes it again.
    if (status === 2 && record.debited > 0) {
      deposit += record.debited;
      record.debited = 0;
    } else if (status !== 2 && record.debited === 0 && record.product.price > 0) {
      deposit -= record.product.price;
      record.debited = record.product.price;
    }
    if (status === 1 && record.sn === '') Object.assign(record, createIakFulfilment(record.product, now()));
    if (status !== 1) Object.assign(record, { sn: '', pin: '' });
    record.status = status;
    record.rc = rc;
    record.updatedAt = now();
    record.balanceAfter = deposit;
    options.log(`transaction ${record.refId} -> status ${status} rc ${rc}`);
    if (status !== 0) options.onFinal(wireData(record));
  }

  function cancelTimers(record: TransactionRecord): void {
    for (const cancel of record.cancelPending) cancel();
    record.cancelPending = [];
  }

  function store(refId: string, product: IakSandboxProduct, customerId: string, status: 0 | 2, rc: string) {
    const createdAt = now();
    const record: TransactionRecord = {
      refId,
      trId: nextTrId++,
      product,
      customerId,
      status,
      rc,
      sn: '',
      pin: '',
      debited: 0,
      balanceAfter: deposit,
      createdAt,
      updatedAt: createdAt,
      cancelPending: [],
    };
    records.set(refId, record);
    return record;
  }

  return {
    balance: () => deposit,
    deposit(amount) {
      if (!Number.isSafeInteger(amount) || amount <= 0)
        throw new RangeError('deposit must be a positive integer');
      deposit += amount;
      return deposit;
    },
    has: (refId) => records.has(refId),
    accept(refId, product, customerId, plan) {
      const record = store(refId, product, customerId, 0, '39');
      deposit -= product.price;
      record.debited = product.price;
      record.balanceAfter = deposit;
      options.log(`transaction ${refId} accepted: ${product.code} price ${product.price}`);
      if (plan !== 'held') {
        record.cancelPending.push(options.timers.after(options.processMs, () => apply(record, plan.rc)));
      }
      return wireData(record);
    },
    refuse(refId, product, productCode, customerId, rc) {
      const record = store(refId, product ?? unknownProduct(productCode), customerId, 2, rc);
      options.log(`transaction ${refId} refused: rc ${rc}`);
      return wireData(record);
    },
    current(refId) {
      const record = records.get(refId);
      return record === undefined ? undefined : wireData(record);
    },
    settle(refId, rc) {
      const record = records.get(refId);
      if (record === undefined) throw new Error(`IAK sandbox has no transaction with ref_id ${refId}`);
      if (!/^\d{2,3}$/.test(rc)) throw new RangeError(`rc must be 2 or 3 digits, got ${rc}`);
      cancelTimers(record);
      apply(record, rc);
      return wireData(record);
    },
    list: () => [...records.values()].map(publicCopy),
    get(refId) {
      const record = records.get(refId);
      return record === undefined ? undefined : publicCopy(record);
    },
  };
}
