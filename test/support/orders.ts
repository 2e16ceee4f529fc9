import { randomUUID } from 'node:crypto';
import { money } from '../../src/payments/money.js';
import type { Order } from '../../src/payments/orders/order.js';

/** A freshly confirmed order with sensible defaults, for store and engine tests. */
export function sampleOrder(overrides: Partial<Order> = {}): Order {
  const refid = overrides.refid ?? `r-${randomUUID().slice(0, 12)}`;
  const createdAt = overrides.createdAt ?? Date.now();
  return {
    refid,
    quoteId: `q-${refid}`,
    userId: 1001,
    chatId: 1001,
    locale: 'en',
    provider: 'iimmpact',
    request: { refid, product: 'D', account: '60123456780', amount: money(1000, 'MYR') },
    display: {
      productName: 'Digi Prepaid',
      accountLabel: 'Mobile number',
      account: '60123456780',
      amount: money(1000, 'MYR'),
    },
    state: 'confirmed',
    version: 1,
    createdAt,
    updatedAt: createdAt,
    attempts: 0,
    history: [{ at: createdAt, state: 'confirmed', note: 'confirmed by buyer' }],
    ...overrides,
  };
}
