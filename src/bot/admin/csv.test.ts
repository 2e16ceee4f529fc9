import { describe, expect, it } from 'vitest';
import { sampleOrder } from '../../../test/support/orders.js';
import { ordersCsv } from './csv.js';

const IC = '900101145678';

const accountColumn = (csv: string) => {
  const [header, row] = csv.split('\r\n');
  const index = header?.split(',').indexOf('account') ?? -1;
  return row?.split(',')[index];
};

describe('ordersCsv', () => {
  it('masks an IC paid as the account to its last four, like every screen', () => {
    const order = sampleOrder();
    const ptptn = sampleOrder({
      request: {
        ...order.request,
        product: 'PTPTN',
        account: IC,
        extras: { subproductCode: 'S1', icNumber: IC },
      },
    });
    const csv = ordersCsv([ptptn]);
    expect(csv).not.toContain(IC);
    expect(accountColumn(csv)).toBe('••••••-••-5678');
  });

  it('keeps the first and last characters of any other account', () => {
    const order = sampleOrder();
    const loan = sampleOrder({
      request: { ...order.request, account: '1234567890', extras: { subproductCode: 'S1', icNumber: IC } },
    });
    expect(accountColumn(ordersCsv([order]))).toBe('601*****780');
    expect(accountColumn(ordersCsv([loan]))).toBe('123****890');
    expect(ordersCsv([loan])).not.toContain(IC);
  });
});
