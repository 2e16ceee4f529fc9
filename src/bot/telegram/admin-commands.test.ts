import { describe, expect, it } from 'vitest';
import { rm, sampleOrder } from '../../../test/support/bot/fixtures.js';
import { ProviderUnavailableError } from '../../payments/errors.js';
import type { Order } from '../../payments/orders/order.js';
import { silentLogger } from '../../platform/logger.js';
import { type AdminCommandDeps, createAdminCommands } from './admin-commands.js';

const NOW = Date.UTC(2025, 0, 5, 6, 0);

function setup(orders: Order[], overrides: Partial<AdminCommandDeps> = {}) {
  const requeried: string[] = [];
  const sinceAsked: number[] = [];
  const deps: AdminCommandDeps = {
    provider: {
      currency: 'MYR',
      getBalance: async () => ({ account: '31', name: 'Shop', level: '1', readOnly: false, balance: rm(80) }),
    },
    orders: {
      get: async (refid) => orders.find((o) => o.refid === refid),
      settle: async (refid) => {
        requeried.push(refid);
        const order = orders.find((o) => o.refid === refid);
        return order && { ...order, attempts: order.attempts + 1, state: 'needs_attention' };
      },
    },
    store: {
      listOpen: async () => orders,
      listCreatedSince: async (since) => {
        sinceAsked.push(since);
        return orders.filter((o) => o.createdAt >= since);
      },
    },
    clock: { nowMs: () => NOW },
    logger: silentLogger,
    lowBalanceThreshold: rm(100),
    ...overrides,
  };
  return { run: createAdminCommands(deps), requeried, sinceAsked };
}

describe('admin commands', () => {
  const pending = sampleOrder({ refid: 'P-1', state: 'pending', createdAt: NOW - 60_000 });
  const done = sampleOrder({ refid: 'D-1', state: 'succeeded', createdAt: NOW - 120_000 });

  it('/balance reads the wallet and compares it with the threshold', async () => {
    const { run } = setup([]);
    const text = (await run({ name: 'balance' }, 'en')).text;
    expect(text).toContain('RM 80.00');
    expect(text).toMatch(/Below the low-balance alert threshold/);
  });

  it('/order re-queries an open order and shows it afterwards', async () => {
    const { run, requeried } = setup([pending]);
    const text = (await run({ name: 'order', refid: 'P-1' }, 'en')).text;
    expect(requeried).toEqual(['P-1']);
    expect(text).toMatch(/Needs attention/);
    expect(text).toMatch(/Re-queried with the provider just now/);
  });

  it('/order says so when another worker held the order', async () => {
    const { run } = setup([pending], {
      orders: { get: async () => pending, settle: async () => pending },
    });
    expect((await run({ name: 'order', refid: 'P-1' }, 'en')).text).toMatch(/at this very moment/);
  });

  it('/order does not re-query a final order', async () => {
    const { run, requeried } = setup([done]);
    expect((await run({ name: 'order', refid: 'D-1' }, 'en')).text).toMatch(
      /final, so it was not re-queried/,
    );
    expect(requeried).toEqual([]);
  });

  it('/order shows the order even when the re-query fails', async () => {
    const { run } = setup([pending], {
      orders: {
        get: async () => pending,
        settle: async () => {
          throw new ProviderUnavailableError('HTTP 503 from provider');
        },
      },
    });
    const text = (await run({ name: 'order', refid: 'P-1' }, 'en')).text;
    expect(text).toContain('<code>P-1</code>');
    expect(text).toMatch(/re-query failed: ProviderUnavailableError: HTTP 503 from provider/);
  });

  it('/order without a usable reference, or with an unknown one', async () => {
    const { run } = setup([]);
    expect((await run({ name: 'order', refid: undefined }, 'en')).text).toMatch(
      /followed by an order reference/,
    );
    expect((await run({ name: 'order', refid: 'X' }, 'en')).text).toMatch(/No order has the reference/);
  });

  it('/pending leaves out final orders still waiting to notify the buyer', async () => {
    const { run } = setup([pending, done]);
    const text = (await run({ name: 'pending' }, 'en')).text;
    expect(text).toMatch(/Orders not final: 1/);
    expect(text).not.toContain('D-1');
  });

  it('/stats reads the orders since the Malaysia midnight', async () => {
    const yesterday = sampleOrder({ refid: 'Y', state: 'succeeded', createdAt: NOW - 86_400_000 });
    const { run, sinceAsked } = setup([pending, done, yesterday]);
    const text = (await run({ name: 'stats' }, 'en')).text;
    expect(sinceAsked).toEqual([Date.UTC(2025, 0, 4, 16, 0)]);
    expect(text).toContain('Orders: <b>2</b>');
  });

  it('reports a failure to the admin instead of throwing', async () => {
    const { run } = setup([], {
      provider: {
        currency: 'MYR',
        getBalance: async () => {
          throw new ProviderUnavailableError('balance endpoint down');
        },
      },
    });
    expect((await run({ name: 'balance' }, 'en')).text).toMatch(/did not work: ProviderUnavailableError/);
  });
});
