import { describe, expect, it } from 'vitest';
import { money } from '../money.js';
import type { Order } from '../orders/order.js';
import { compareDay, hasFindings, maskAccount } from './compare.js';
import type { ProviderTransaction } from './ports.js';
import { previousShopDay, shopDayOf, shopDayRange } from './shop-day.js';

const order = (refid: string, state: Order['state'], extra: Partial<Order> = {}): Order =>
  ({
    refid,
    userId: 1,
    state,
    request: { refid, product: 'D', account: '60123456780', amount: money(1000, 'MYR') },
    charge: { price: money(1050, 'MYR') },
    outcome: { refid, state: 'succeeded', providerStatus: 'Succesful', providerCode: '20' },
    ...extra,
  }) as Order;
const tx = (
  refid: string,
  state: ProviderTransaction['state'],
  extra: Partial<ProviderTransaction> = {},
) => ({
  refid,
  product: 'D',
  account: '60123456780',
  amount: money(1000, 'MYR'),
  cost: money(970, 'MYR'),
  state,
  providerStatus: state,
  ...extra,
});
const run = (orders: Order[], transactions: ProviderTransaction[]) =>
  compareDay({
    provider: 'iimmpact',
    day: '2025-01-15',
    ranAt: 0,
    currency: 'MYR',
    orders,
    transactions,
    listsUnknown: true,
  });

describe('comparing a day', () => {
  it('agrees when both sides agree', () => {
    const report = run([order('a', 'succeeded')], [tx('a', 'succeeded')]);
    expect(hasFindings(report)).toBe(false);
  });

  it('finds each kind of disagreement', () => {
    const report = run(
      [
        order('late', 'succeeded'),
        order('double', 'failed'),
        order('lost-there', 'succeeded'),
        order('never-sent', 'rejected', { outcome: undefined }),
        order('amount', 'succeeded'),
      ],
      [
        tx('late', 'refunded'),
        tx('double', 'succeeded'),
        tx('amount', 'succeeded', { amount: money(2000, 'MYR'), product: 'M' }),
        tx('ghost', 'succeeded', { account: '60199998888' }),
        tx('never-sent', 'pending'),
      ],
    );
    expect(report.lateRefunds).toEqual([{ refid: 'late', userId: 1, price: money(1050, 'MYR') }]);
    expect(report.states).toEqual([
      expect.objectContaining({ refid: 'double', kind: 'provider-success-shop-failure' }),
    ]);
    expect(report.values.map((v) => v.field)).toEqual(['amount', 'product']);
    expect(report.unknown).toEqual([
      expect.objectContaining({ refid: 'ghost', account: '601*****888', amount: money(1000, 'MYR') }),
    ]);
    expect(report.missingAtProvider).toEqual([{ refid: 'lost-there', shop: 'succeeded' }]);
  });

  it('does nothing more once the late refund is recorded', () => {
    expect(run([order('late', 'refunded')], [tx('late', 'refunded')]).lateRefunds).toEqual([]);
  });

  it('checks the wallet movements against the costs of what was delivered', () => {
    const report = compareDay({
      provider: 'iimmpact',
      day: '2025-01-15',
      ranAt: 0,
      currency: 'MYR',
      orders: [],
      transactions: [tx('a', 'succeeded'), tx('b', 'failed')],
      listsUnknown: true,
      movements: [
        { id: '1', amount: money(-970, 'MYR'), type: 'TRANSACTION', remarks: '' },
        { id: '2', amount: money(-970, 'MYR'), type: 'TRANSACTION', remarks: '' },
        { id: '3', amount: money(970, 'MYR'), type: 'REFUND', remarks: '' },
        { id: '4', amount: money(50_000, 'MYR'), type: 'DEPOSIT', remarks: '' },
      ],
    });
    expect(report.balance?.difference).toEqual(money(0, 'MYR'));
  });
});

describe('shop days and masking', () => {
  it('cuts days at the shop midnight', () => {
    const { startMs, endMs } = shopDayRange('2025-01-15', 480);
    expect(new Date(startMs).toISOString()).toBe('2025-01-14T16:00:00.000Z');
    expect(shopDayOf(endMs - 1, 480)).toBe('2025-01-15');
    expect(shopDayOf(endMs, 480)).toBe('2025-01-16');
    expect(shopDayOf(Date.parse('2025-01-15T17:30:00Z'), 420)).toBe('2025-01-16');
    expect(previousShopDay('2025-03-01')).toBe('2025-02-28');
  });

  it('masks accounts', () => {
    expect(maskAccount('60123456780')).toBe('601*****780');
    expect(maskAccount('1234567')).toBe('12***67');
    expect(maskAccount('123')).toBe('***');
    expect(maskAccount('900101145678')).toBe('********5678');
    expect(maskAccount('220012345678901')).toBe('***********8901');
  });
});
