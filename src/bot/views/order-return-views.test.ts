import { describe, expect, it } from 'vitest';
import { sampleOrder } from '../../../test/support/orders.js';
import { money } from '../../payments/money.js';
import { renderOrderStatus } from './order-views.js';

describe('a receipt says what happened to the buyer’s money', () => {
  const returned = (state: 'failed' | 'rejected' | 'cancelled' | 'refunded') =>
    sampleOrder({ state, charge: { price: money(1050, 'MYR'), returned: true } });

  it.each(['failed', 'rejected', 'cancelled', 'refunded'] as const)(
    'a %s order paid from the wallet says the price went back, with the new balance',
    (state) => {
      const balance = { walletBalance: money(4200, 'MYR') };
      expect(renderOrderStatus(returned(state), 'en', balance).text).toContain(
        'RM 10.50 returned to your wallet; balance RM 42.00.',
      );
      expect(renderOrderStatus(returned(state), 'ms', balance).text).toContain(
        'RM 10.50 dikembalikan ke dompet anda; baki RM 42.00.',
      );
      expect(renderOrderStatus(returned(state), 'en').text).toContain('RM 10.50 returned to your wallet.');
    },
  );

  it('a delivered order says what it cost from the wallet and the balance left', () => {
    const success = sampleOrder({ state: 'succeeded', charge: { price: money(1050, 'MYR') } });
    expect(renderOrderStatus(success, 'en', { walletBalance: money(3150, 'MYR') }).text).toContain(
      'Paid RM 10.50 from your wallet; balance RM 31.50.',
    );
    expect(renderOrderStatus(success, 'ms', { walletBalance: money(3150, 'MYR') }).text).toContain(
      'RM 10.50 dibayar daripada dompet anda; baki RM 31.50.',
    );
    // A shop whose buyers pay nothing says nothing about a wallet.
    expect(renderOrderStatus(sampleOrder({ state: 'succeeded' }), 'en').text).not.toMatch(/wallet/);
  });

  it('says nothing about a return when nothing was returned', () => {
    const paid = sampleOrder({ state: 'failed', charge: { price: money(1050, 'MYR') } });
    expect(renderOrderStatus(paid, 'en', { walletBalance: money(0, 'MYR') }).text).not.toContain(
      'RM 10.50 returned to your wallet',
    );
    const success = sampleOrder({ state: 'succeeded', charge: { price: money(1050, 'MYR') } });
    expect(renderOrderStatus(success, 'en').text).not.toMatch(/returned/);
  });
});
