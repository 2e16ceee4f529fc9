import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IimmpactSandbox } from '../../sandbox/iimmpact/index.js';
import { CHECK_ACCEPTED_MESSAGE } from '../../sandbox/iimmpact/report-routes.js';
import type { IimmpactClient } from '../../src/payments/providers/iimmpact/client.js';
import { clientFor, startTestSandbox, testRefid } from '../support/iimmpact.js';

/** The reporting endpoints (spec 6.11-6.13) through the real signed client against the sandbox. */
let sandbox: IimmpactSandbox;
let client: IimmpactClient;
const day = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

beforeAll(async () => {
  sandbox = await startTestSandbox();
  client = clientFor(sandbox);
  for (let i = 0; i < 23; i++)
    sandbox.hold({
      refid: testRefid('h'),
      product: 'D',
      account: `6012345${String(i).padStart(4, '0')}`,
      amountSen: 1000,
    });
  sandbox.hold({
    refid: testRefid('f'),
    product: 'D',
    account: '60111111111',
    amountSen: 500,
    statusCode: 44,
  });
});
afterAll(async () => {
  await client.close();
  await sandbox.close();
});

describe('GET /v2/transactions', () => {
  it('pages through all of the day by offset', async () => {
    const all = await client.listTransactions({ date: day(), pageSize: 5 });
    expect(all).toHaveLength(24);
    expect(new Set(all.map((t) => t.refid)).size).toBe(24);
    expect(sandbox.requestCount('/v2/transactions')).toBe(5);
    expect(all[0]).toMatchObject({
      product: 'D',
      state: 'succeeded',
      amount: { minor: 1000, currency: 'MYR' },
    });
    expect(all.at(-1)).toMatchObject({ state: 'failed' });
    expect(all[0]?.at).toMatch(/\+08:00$/);
  });

  it('filters by repeated status keys, signed', async () => {
    const failed = await client.listTransactions({ date: day(), status: ['FAILED', 'REFUND'] });
    expect(failed).toHaveLength(1);
  });

  it('finds nothing on another day', async () => {
    expect(await client.listTransactions({ date: '2020-01-01' })).toEqual([]);
  });
});

describe('GET /v2/balance-statement', () => {
  it('follows links.next through every page; movements add up to the wallet', async () => {
    const movements = await client.balanceStatement({ date: `${day()} - ${day()}`, pageSize: 7 });
    // 24 purchases and one refund of the failed one.
    expect(movements).toHaveLength(25);
    const total = movements.reduce((sum, m) => sum + m.amount.minor, 0);
    expect(total).toBe(-23 * 1000);
    expect(movements.at(-1)?.balanceAfter?.minor).toBe(sandbox.balanceSen());
  });
});

describe('POST /v2/transactions/check', () => {
  it('accepts a Succesful transaction once, with the documented message, then refuses a duplicate', async () => {
    const refid = sandbox.transactions()[0]?.refid ?? '';
    expect(await client.checkTransaction(refid)).toEqual({
      outcome: 'accepted',
      message: CHECK_ACCEPTED_MESSAGE,
    });
    expect((await client.checkTransaction(refid)).outcome).toBe('refused');
  });

  it('refuses a failed transaction', async () => {
    const failed = sandbox.transactions().find((t) => t.statusCode === 44)?.refid ?? '';
    expect((await client.checkTransaction(failed)).outcome).toBe('refused');
  });
});
