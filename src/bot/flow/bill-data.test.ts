import { describe, expect, it } from 'vitest';
import { ALL_PRODUCTS, invalidBill, PRODUCTS, TNB_BILL } from '../../../test/support/bot/fixtures.js';
import { createHarness, type FakeBackend, type Harness } from '../../../test/support/bot/harness.js';
import { money } from '../../payments/money.js';
import type { Product } from '../../payments/types.js';

/** The provider-neutral data of bill presentment and the product list, as the conversation uses it. */

const idr = (rupiah: number) => money(rupiah, 'IDR');

const XL_PULSA: Product = {
  ...PRODUCTS.digi,
  code: 'xld10000',
  name: 'XL 10.000',
  category: 'Pulsa',
  amount: { kind: 'fixed', choices: [idr(10_000)], suggested: [] },
  accountFormat: 'id-phone',
  operator: 'XL',
  operatorPrefixes: ['0817', '0818', '0819', '0859', '0877', '0878'],
};

const ALIPAY: Product = {
  ...PRODUCTS.digi,
  code: 'alipay50',
  name: 'Alipay 50',
  category: 'E-Money',
  keyboard: 'text',
  accountType: 'account_number',
  amount: { kind: 'fixed', choices: [idr(50_000)], suggested: [] },
  accountFormat: 'alipay',
};

function shop(backend: FakeBackend = {}): Harness {
  const h = createHarness({ products: ALL_PRODUCTS, ...backend });
  h.command('start');
  return h;
}

describe('bill presentment data', () => {
  it('validity false blocks the payment with the provider’s message, before any amount', () => {
    const h = shop({
      bill: () => ({
        ...invalidBill('TNB Maximum count per acc/month exceeded'),
        validity: { allowed: false, message: 'TNB Maximum count per acc/month exceeded' },
      }),
    });
    h.press('Utilities');
    h.press('Tenaga');
    h.type('220012345678');
    expect(h.state.screen.kind).toBe('account');
    expect(h.view().text).toContain(
      'cannot be made right now. The provider says: TNB Maximum count per acc/month exceeded',
    );
    expect(h.state.purchase?.amount).toBeUndefined();
  });

  it('a refused amount on the first look-up goes on to the amount, keeping the account', () => {
    const h = shop({
      bill: () => ({ ...invalidBill('The provided amount is invalid'), refusal: 'product_unavailable' }),
    });
    h.press('Utilities');
    h.press('Tenaga');
    h.type('220012345678');
    expect(h.state.screen.kind).toBe('amount');
    expect(h.state.purchase?.account).toBe('220012345678');
  });

  it('the amount screen shows the number being paid and the bill’s due date', () => {
    const h = shop({ bill: () => ({ ...TNB_BILL, dueDate: '2025-02-14' }) });
    h.press('Utilities');
    h.press('Tenaga');
    h.type('220012345678');
    const text = h.view().text;
    expect(text).toContain('Due date: <b>14 Feb 2025</b>');
    expect(text).toContain('Account Number: <b>220012345678</b>');
  });

  it('the reload amount screen shows the number being topped up', () => {
    const h = shop();
    h.press('Prepaid');
    h.press('Digi Prepaid');
    h.type('012-345 6780');
    expect(h.state.screen.kind).toBe('amount');
    expect(h.view().text).toContain('Mobile Number: <b>60123456780</b>');
  });
});

describe('account formats from the price list', () => {
  it('refuses a number of another operator before Confirm, naming the operator', () => {
    const h = createHarness({ currency: 'IDR', products: [XL_PULSA] });
    h.command('start');
    h.press('Pulsa');
    h.type('0812-3456-7890');
    expect(h.state.screen.kind).toBe('account');
    expect(h.view().text).toContain('That number is not an XL number. Please type an XL number');
    h.type('0817 1234 5678');
    expect(h.state.screen.kind).toBe('confirm');
    expect(h.state.purchase?.account).toBe('081712345678');
  });

  it('takes Alipay’s form instead of the Indonesian phone check', () => {
    const h = createHarness({ currency: 'IDR', products: [ALIPAY] });
    h.command('start');
    h.press('E-Money');
    h.type('0812345678');
    expect(h.view().text).toContain('That is not an Alipay account');
    h.type('62|62812345678_IDSL');
    expect(h.state.screen.kind).toBe('confirm');
  });
});

describe('unsellable products', () => {
  it('are listed as unavailable and cannot be bought', () => {
    const broken: Product = {
      ...PRODUCTS.hotlink,
      active: false,
      unsellable: { reason: 'unreadable-denomination', detail: '5;10;x' },
    };
    const h = createHarness({ products: [PRODUCTS.digi, broken] });
    h.command('start');
    h.press('Prepaid');
    expect(h.button('Hotlink Prepaid').text).toBe('🚫 Hotlink Prepaid (unavailable)');
    h.press('Hotlink Prepaid');
    expect(h.view().text).toContain('not available right now');
    expect(h.state.purchase).toBeUndefined();
  });
});
