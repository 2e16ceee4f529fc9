import type { Telegram } from 'telegraf';
import { describe, expect, it } from 'vitest';
import { rm, sampleOrder } from '../../../test/support/bot/fixtures.js';
import { money } from '../../payments/money.js';
import type { Order } from '../../payments/orders/order.js';
import { silentLogger } from '../../platform/logger.js';
import { createMemoryCounterStore } from '../../store/memory/kv-stores.js';
import { type AdminAlertsOptions, createAdminAlerts } from './admin-alerts.js';

/** The alerts against a recording Bot API and a scripted wallet; time is ours to move. */
function setup(overrides: Partial<AdminAlertsOptions> & { balances?: Array<number | Error> } = {}) {
  const sent: Array<{ chatId: number; text: string }> = [];
  const clock = { now: Date.UTC(2025, 0, 5, 6, 0), nowMs: () => clock.now };
  const balances = [...(overrides.balances ?? [])];
  let balanceReads = 0;
  const telegram = {
    async sendMessage(chatId: number, text: string) {
      if (chatId === 666) throw new Error('Forbidden: bot was blocked by the user');
      sent.push({ chatId, text });
      return { message_id: sent.length };
    },
  } as unknown as Telegram;
  const provider = {
    async getBalance() {
      balanceReads += 1;
      const next = balances.shift() ?? 1_000_000_00;
      if (next instanceof Error) throw next;
      return { account: 'A', name: 'N', level: '1', readOnly: false, balance: money(next, 'MYR') };
    },
  };
  const alerts = createAdminAlerts({
    telegram,
    adminUserIds: [1, 2],
    provider,
    clock,
    sleep: async () => {},
    logger: silentLogger,
    ...overrides,
  });
  return { alerts, sent, clock, reads: () => balanceReads };
}

const paid = (overrides: Partial<Order> = {}) =>
  sampleOrder({ state: 'succeeded', notifiedState: 'succeeded', ...overrides });

describe('admin alerts', () => {
  it('tells every admin about an order needing attention', async () => {
    const { alerts, sent } = setup();
    alerts.emit('needs_attention', sampleOrder({ refid: 'R-1', state: 'needs_attention' }));
    await alerts.idle();
    expect(sent.map((s) => s.chatId)).toEqual([1, 2]);
    expect(sent[0]?.text).toMatch(/needs attention[\s\S]*R-1/);
  });

  it('goes on to the other admins when one cannot be reached', async () => {
    const { alerts, sent } = setup({ adminUserIds: [666, 2] });
    alerts.emit('needs_attention', sampleOrder({ state: 'needs_attention' }));
    await alerts.idle();
    expect(sent.map((s) => s.chatId)).toEqual([2]);
  });

  it('alerts once for a burst of provider errors', async () => {
    const { alerts, sent } = setup();
    for (let i = 0; i < 6; i++) alerts.emit('provider_error', sampleOrder(), 'ProviderUnavailableError: 503');
    await alerts.idle();
    expect(sent).toHaveLength(2);
    expect(sent[0]?.text).toMatch(/3 calls to the provider failed in the last 10 min/);
    expect(sent[0]?.text).toContain('ProviderUnavailableError: 503');
  });

  it('sends a shared alert once however many replicas see the trouble', async () => {
    const counters = createMemoryCounterStore({ nowMs: () => 0 });
    const replicas = [setup({ counters }), setup({ counters })];
    for (const { alerts } of replicas)
      for (let i = 0; i < 3; i++) alerts.emit('provider_error', sampleOrder());
    for (const { alerts } of replicas) await alerts.idle();
    expect(replicas.map(({ sent }) => sent.length)).toEqual([2, 0]);
  });

  it('uses the balance a payment reports, without asking the provider', async () => {
    const { alerts, sent, reads } = setup({ lowBalanceThreshold: rm(100) });
    const outcome = { refid: 'r', state: 'succeeded' as const, providerStatus: 'S', providerCode: '00' };
    alerts.emit('finalized', paid({ outcome: { ...outcome, balanceAfter: rm(99) } }));
    await alerts.idle();
    expect(reads()).toBe(0);
    expect(sent).toHaveLength(2);
    expect(sent[0]?.text).toMatch(/Low wallet balance[\s\S]*RM 99\.00[\s\S]*RM 100\.00/);
  });

  it('reads the wallet after a payment when the provider does not report it, and rarely', async () => {
    const { alerts, sent, reads, clock } = setup({
      lowBalanceThreshold: rm(100),
      balances: [500_00, 101_00, 99_00],
    });
    alerts.emit('finalized', paid());
    await alerts.idle();
    expect(reads()).toBe(1);
    // Far above the threshold: the next payments within a minute need no read...
    alerts.emit('finalized', paid({ request: { refid: 'r', product: 'D', account: '1', amount: rm(10) } }));
    await alerts.idle();
    expect(reads()).toBe(1);
    // ...until one may have taken the wallet below it.
    alerts.emit('finalized', paid({ request: { refid: 'r', product: 'D', account: '1', amount: rm(400) } }));
    await alerts.idle();
    expect(reads()).toBe(2);
    expect(sent).toHaveLength(0);
    clock.now += 60_000;
    alerts.emit('finalized', paid());
    await alerts.idle();
    expect(reads()).toBe(3);
    expect(sent).toHaveLength(2);
  });

  it('tells the admins once per product when the provider charged more than the buyer paid', async () => {
    const { alerts, sent } = setup();
    const sold = (refid: string, price: number, cost: number, product = 'D') =>
      paid({
        refid,
        request: { refid, product, account: '60123456789', amount: rm(10) },
        charge: { price: rm(price) },
        outcome: {
          refid,
          state: 'succeeded',
          providerStatus: 'Succesful',
          providerCode: '20',
          cost: rm(cost),
        },
      });
    alerts.emit('finalized', sold('R-EVEN', 10.5, 10.5));
    alerts.emit('finalized', sold('R-PROFIT', 10.5, 9.8));
    alerts.emit('finalized', paid({ refid: 'R-FREE', charge: undefined }));
    await alerts.idle();
    expect(sent).toEqual([]);
    alerts.emit('finalized', sold('R-LOSS', 10.5, 11.2));
    alerts.emit('finalized', sold('R-LOSS-2', 10.5, 11.2));
    await alerts.idle();
    expect(sent.map((s) => s.chatId)).toEqual([1, 2]);
    expect(sent[0]?.text).toContain('Sold at a loss');
    expect(sent[0]?.text).toContain('<code>R-LOSS</code>');
    expect(sent[0]?.text).toContain(
      'the buyer paid <b>RM 10.50</b> and the provider charged <b>RM 11.20</b>',
    );
    // Another product is its own alert.
    alerts.emit('finalized', sold('R-LOSS-3', 5, 6, 'M'));
    await alerts.idle();
    expect(sent).toHaveLength(4);
  });

  it('ignores orders that did not succeed, and has nothing to do without a threshold', async () => {
    const withThreshold = setup({ lowBalanceThreshold: rm(100), balances: [1] });
    withThreshold.alerts.emit('finalized', sampleOrder({ state: 'failed' }));
    await withThreshold.alerts.idle();
    expect(withThreshold.reads()).toBe(0);
    const without = setup({ balances: [1] });
    without.alerts.emit('finalized', paid());
    await without.alerts.idle();
    expect(without.reads()).toBe(0);
  });

  it('never throws into the engine, whatever fails', async () => {
    const { alerts, sent } = setup({ lowBalanceThreshold: rm(100), balances: [new Error('balance down')] });
    expect(() => alerts.emit('finalized', paid())).not.toThrow();
    expect(() => alerts.emit('needs_attention', null as unknown as Order)).not.toThrow();
    await alerts.idle();
    expect(sent).toEqual([]);
  });

  it('returns at once: the engine never waits for Telegram', () => {
    const slow = {
      sendMessage: () => new Promise(() => {}),
    } as unknown as Telegram;
    const { alerts } = setup({ telegram: slow });
    const started = performance.now();
    alerts.emit('needs_attention', sampleOrder({ state: 'needs_attention' }));
    expect(performance.now() - started).toBeLessThan(50);
  });
});
