import { describe, expect, it } from 'vitest';
import {
  ALL_PRODUCTS,
  HOTLINK_PLANS,
  invalidBill,
  NRIC,
  PHONE,
  PTPTN_ACCOUNTS,
  rm,
  TNB_BILL,
  UNAVAILABLE_BILL,
  VERIFIED_PAYER,
} from '../../../test/support/bot/fixtures.js';
import {
  billerPages,
  createHarness,
  type FakeBackend,
  type Harness,
} from '../../../test/support/bot/harness.js';
import type { Money } from '../../payments/money.js';

/** Whole purchases, one per product family, driven through the screens as a buyer would. */

function shop(backend: FakeBackend = {}): Harness {
  const h = createHarness({ products: ALL_PRODUCTS, ...backend });
  h.command('start');
  return h;
}

function onlyDraft(h: Harness) {
  expect(h.drafts).toHaveLength(1);
  const draft = h.drafts[0];
  if (!draft) throw new Error('no draft');
  return draft;
}

describe('prepaid reload', () => {
  it('goes category → product → number → denomination → confirm → processing', () => {
    const h = shop();
    expect(h.state.screen.kind).toBe('categories');
    h.press('Prepaid');
    expect(h.state.screen.kind).toBe('products');
    h.press('Digi Prepaid');
    expect(h.state.screen.kind).toBe('account');
    expect(h.view().text).toContain('Mobile Number');
    h.type(PHONE.typed);
    expect(h.state.screen.kind).toBe('amount');
    h.press('RM 10.00');
    expect(h.state.screen.kind).toBe('confirm');
    const quoteId = h.state.purchase?.quoteId;
    h.press('Confirm');

    const draft = onlyDraft(h);
    expect(draft).toMatchObject({
      quoteId,
      userId: 42,
      chatId: 42,
      locale: 'en',
      request: { product: 'D', account: PHONE.even, amount: rm(10) },
      display: {
        productName: 'Digi Prepaid',
        accountLabel: 'Mobile Number',
        account: PHONE.even,
        amount: rm(10),
      },
    });
    expect(draft.request.extras).toBeUndefined();
    // The confirm message becomes "Processing…" and is handed to the order as its status message.
    const processing = h.messages.find((m) => m.view.text.includes('Processing your order'));
    expect(processing?.how).toBe('edit');
    expect(draft.statusMessage).toEqual({ chatId: 42, messageId: processing?.messageId });
    expect(h.state.screen).toEqual({ kind: 'done', refid: 'oTEST0000000000001' });
    expect(h.state.purchase).toBeUndefined();
    expect(h.state.screenMessageId).toBeUndefined();
  });

  it('runs the bill presentment for it too, and carries on when there is none', () => {
    const queries: string[] = [];
    const h = shop({
      bill: (q) => {
        queries.push(q.product);
        return UNAVAILABLE_BILL;
      },
    });
    h.press('Prepaid');
    h.press('Digi Prepaid');
    h.type(PHONE.typed);
    expect(queries).toEqual(['D']);
    expect(h.view().text).not.toContain('Bill details');
  });

  it('asks again, with the reason, when the number is not a mobile number', () => {
    const h = shop();
    h.press('Prepaid');
    h.press('Digi Prepaid');
    const token = h.state.token;
    h.type('03-2345 6789');
    expect(h.state.screen.kind).toBe('account');
    expect(h.view().text).toContain('doesn’t look like a mobile number');
    // Same screen, same token: its buttons stay valid.
    expect(h.state.token).toBe(token);
    h.type('+60 12-345 6780');
    expect(h.state.purchase?.account).toBe(PHONE.even);
  });
});

describe('gift card', () => {
  it('buys a Grab code with a fixed denomination typed or tapped', () => {
    const h = shop();
    h.press('Gift Card');
    // A category with one product opens the product directly.
    expect(h.state.screen.kind).toBe('account');
    expect(h.view().text).toContain('Redeem the code in the Grab app');
    h.type(PHONE.typed);
    h.type('7');
    expect(h.view().text).toContain('Please choose one of: RM 5.00, RM 10.00, RM 25.00, RM 50.00');
    h.type('25');
    expect(h.state.screen.kind).toBe('confirm');
    h.press('Confirm');
    expect(onlyDraft(h).request).toMatchObject({ product: 'GC', account: PHONE.even, amount: rm(25) });
  });
});

describe('mobile data plan', () => {
  it('offers the plans for that number, with price and validity, and pays with the plan code', () => {
    const accounts: Array<string | undefined> = [];
    const h = shop({
      options: (effect) => {
        accounts.push(effect.query.account);
        return { items: HOTLINK_PLANS };
      },
    });
    h.press('Internet');
    h.type('0123456780');
    expect(accounts).toEqual([PHONE.even]);
    expect(h.state.screen.kind).toBe('options');
    const plan = h.button('RM 12.00');
    expect(plan.text).toContain('7 day');
    // The long plan code never travels in the button.
    expect(plan.data).not.toContain('Weekly');
    h.press('RM 12.00');
    // A priced plan fixes the amount: straight to confirm.
    expect(h.state.screen.kind).toBe('confirm');
    expect(h.view().text).toContain('Plan: <b>Everything Unlimited with Unlimited Weekly Pass RM12</b>');
    h.press('Confirm');
    expect(onlyDraft(h).request).toEqual({
      product: 'HI',
      account: PHONE.even,
      amount: rm(12),
      extras: { subproductCode: 'Everything Unlimited with Unlimited Weekly Pass RM12' },
    });
  });

  it('says so when no plan is offered, with a way back to the number', () => {
    const h = shop({ options: () => ({ items: [] }) });
    h.press('Internet');
    h.type('0123456780');
    expect(h.view().text).toContain('No plans are available for this number');
    h.press('Back');
    expect(h.state.screen.kind).toBe('account');
  });
});

describe('utility bill with presentment', () => {
  it('shows only the returned bill fields and offers the outstanding amount as the default', () => {
    const h = shop({ bill: () => TNB_BILL });
    h.press('Utilities');
    h.press('Tenaga');
    h.type('2200 1234 5678');
    expect(h.state.screen.kind).toBe('amount');
    const text = h.view().text;
    expect(text).toContain('NURUL AINI BINTI AHMAD');
    expect(text).toContain('RM 123.45');
    expect(text).not.toContain('Data balance');
    expect(text).not.toContain('Balance:');
    h.press('Pay the outstanding RM 123.45');
    expect(h.view().text).toContain('Name: <b>NURUL AINI BINTI AHMAD</b>');
    h.press('Confirm');
    expect(onlyDraft(h)).toMatchObject({
      request: { product: 'TNB', account: '220012345678', amount: rm(123.45) },
      display: { customerName: 'NURUL AINI BINTI AHMAD', accountLabel: 'Account Number' },
    });
  });

  it('takes a typed amount instead, checked against the range', () => {
    const h = shop({ bill: () => TNB_BILL });
    h.press('Utilities');
    h.press('Tenaga');
    h.type('220012345678');
    h.type('6000');
    expect(h.view().text).toContain('above the maximum of RM 5,000.00');
    h.type('0.50');
    expect(h.view().text).toContain('below the minimum of RM 1.00');
    h.type('50.20');
    expect(h.state.purchase?.amount).toEqual(rm(50.2));
  });

  it('lets the buyer pay without details when presentment is unavailable, whole ringgit only for IW', () => {
    const h = shop({ bill: () => UNAVAILABLE_BILL });
    h.press('Utilities');
    h.press('Indah Water');
    h.type('1234567890');
    expect(h.state.screen.kind).toBe('amount');
    expect(h.view().text).not.toContain('Bill details');
    expect(h.view().text).toContain('Whole amounts only');
    h.type('10.50');
    expect(h.view().text).toContain('whole amount, without cents');
    h.type('10');
    expect(h.state.screen.kind).toBe('confirm');
  });

  it('stops on an invalid account with the provider’s words and lets the buyer re-enter it', () => {
    const h = shop({
      bill: (q) => (q.account === '220000000000' ? invalidBill('Invalid account no') : TNB_BILL),
    });
    h.press('Utilities');
    h.press('Tenaga');
    h.type('220000000000');
    expect(h.state.screen.kind).toBe('account');
    expect(h.view().text).toContain('The provider says: Invalid account no');
    // The refused account is not offered back with a "Use …" button.
    expect(
      h
        .view()
        .keyboard.flat()
        .some((b) => b.text.includes('Use')),
    ).toBe(false);
    h.type('220012345678');
    expect(h.state.screen.kind).toBe('amount');
    expect(h.state.purchase?.bill?.customerName).toBe('NURUL AINI BINTI AHMAD');
  });
});

describe('JomPAY', () => {
  const backend: FakeBackend = {
    options: billerPages,
    bill: (q) =>
      q.billerCode === '30023' && q.ref2 === undefined
        ? invalidBill('Ref-2 is required')
        : {
            ...TNB_BILL,
            billerName: 'Seri Cahaya Insurance Berhad',
            address: undefined,
            eBillUrl: undefined,
          },
  };

  it('pays a biller that needs Ref-2 as the buyer’s verified payer, who types no IC', () => {
    const asked: Array<Money | undefined> = [];
    const h = shop({
      ...backend,
      bill: (q) => {
        asked.push(q.amount);
        return backend.bill?.(q) ?? UNAVAILABLE_BILL;
      },
    });
    h.press('JomPAY');
    expect(h.state.screen.kind).toBe('billers');
    h.type('seri cahaya');
    h.press('Seri Cahaya Insurance Berhad');
    expect(h.state.screen.kind).toBe('account');
    expect(h.view().text).toContain('Ref-1');
    h.type('POL-778899');
    expect(h.state.screen.kind).toBe('ref2');
    expect(h.view().text).toContain('Ref-2 is required');
    h.type('2025');
    expect(h.state.screen.kind).toBe('amount');
    h.type('250');
    // Looked up again once the amount is known (JomPAY billers check it).
    expect(asked.at(-1)).toEqual(rm(250));
    expect(h.view().text).toContain('Payer IC / passport: <b>••••••-••-5566</b>');
    expect(h.view().text).not.toContain(VERIFIED_PAYER);
    h.press('Confirm');
    expect(onlyDraft(h)).toMatchObject({
      request: {
        product: 'JOMPAY',
        account: 'POL-778899',
        amount: rm(250),
        extras: { billerCode: '30023', ref2: '2025', icNumber: VERIFIED_PAYER },
      },
      display: {
        optionName: 'Seri Cahaya Insurance Berhad (30023)',
        optionKind: 'biller',
        accountLabel: 'Ref-1',
        ref2: '2025',
        payer: '••••••-••-5566',
      },
    });
  });

  it('knows Ref-2 is needed from the provider’s flag, whatever the message says', () => {
    const h = shop({
      ...backend,
      bill: (q) =>
        q.ref2 === undefined
          ? { ...invalidBill('Please provide the second reference'), ref2Required: true }
          : UNAVAILABLE_BILL,
    });
    h.press('JomPAY');
    h.press('Seri Cahaya Insurance Berhad');
    h.type('POL-1');
    expect(h.state.screen.kind).toBe('ref2');
  });

  it('takes a typed biller code from the list, and skips Ref-2 when not needed', () => {
    const h = shop(backend);
    h.press('JomPAY');
    h.type('10009');
    expect(h.state.purchase?.biller).toMatchObject({ code: '10009', name: 'Bandar Utama Water Services' });
    h.type('ACC-1');
    expect(h.state.screen.kind).toBe('amount');
    h.type('20');
    h.press('Confirm');
    expect(onlyDraft(h).request.extras).toEqual({ billerCode: '10009', icNumber: VERIFIED_PAYER });
  });

  it('checks a typed code against the biller list before Ref-1, and names the biller', () => {
    const h = shop(backend);
    h.press('JomPAY');
    // On the second page only: looked up, not taken on trust.
    h.type('80007');
    expect(h.state.screen.kind).toBe('account');
    expect(h.view().text).toContain('Sample Biller 2');
    h.press('Back');
    h.type('99999');
    expect(h.state.screen.kind).toBe('billers');
    expect(h.view().text).toContain('No JomPAY biller has the code <b>99999</b>');
  });

  it('refuses a buyer no admin has verified, saying why and with their user id', () => {
    const h = shop({ ...backend, payer: { status: 'unverified' } });
    h.press('JomPAY');
    expect(h.state.screen.kind).toBe('refused');
    expect(h.view().text).toMatch(/JomPAY needs a verified payer/);
    expect(h.view().text).toContain('<code>42</code>');
    expect(h.view().text).toContain('Nothing was charged');
  });

  it('shows JomPAY as unavailable when the shop has it off', () => {
    const h = shop({ ...backend, payer: { status: 'disabled' } });
    h.press('JomPAY');
    expect(h.view().text).toMatch(/not available right now/);
    expect(h.state.purchase).toBeUndefined();
  });

  it('asks for the amount again when the biller refuses the amount, not the account', () => {
    const h = shop({
      ...backend,
      bill: (q) =>
        q.amount && q.amount.minor > 10_000
          ? { ...invalidBill('The provided amount is invalid'), refusal: 'product_unavailable' }
          : UNAVAILABLE_BILL,
    });
    h.press('JomPAY');
    h.type('10009');
    h.type('ACC-1');
    h.type('500');
    expect(h.state.screen.kind).toBe('amount');
    expect(h.state.purchase?.account).toBe('ACC-1');
    expect(h.view().text).toContain('The provider refused this amount: The provided amount is invalid');
    h.type('50');
    expect(h.state.screen.kind).toBe('confirm');
  });

  it('pages through the biller list and back', () => {
    const h = shop(backend);
    h.press('JomPAY');
    h.press('Next');
    expect(h.view().text).not.toContain('Bandar Utama');
    expect(h.button('Sample Biller 2').text).toContain('80007');
    h.press('Next');
    h.press('Previous');
    expect(h.button('Sample Biller 2')).toBeDefined();
    h.press('Previous');
    expect(h.button('Bandar Utama')).toBeDefined();
  });

  it('says when a search finds nothing and clears it', () => {
    const h = shop(backend);
    h.press('JomPAY');
    h.type('nothing like this');
    expect(h.view().text).toContain('No biller matches');
    h.press('Clear search');
    expect(h.button('Bandar Utama')).toBeDefined();
  });
});

describe('PTPTN', () => {
  it('looks up accounts by NRIC, groups them, and pays the chosen account', () => {
    const looked: Array<string | undefined> = [];
    const h = shop({
      options: (effect) => {
        looked.push(effect.query.account);
        return { items: PTPTN_ACCOUNTS };
      },
      bill: () => UNAVAILABLE_BILL,
    });
    h.press('Education');
    h.type(NRIC.typed);
    expect(looked).toEqual([NRIC.twoAccounts]);
    const text = h.view().text;
    // Grouped by description: both PTPTN accounts come before SSPN.
    expect(text.indexOf('DIPLOMA')).toBeLessThan(text.indexOf('IJAZAH'));
    expect(text.indexOf('IJAZAH')).toBeLessThan(text.indexOf('<b>SSPN</b>'));
    h.press('SSPN PRIME');
    expect(h.state.screen.kind).toBe('amount');
    h.type('100');
    expect(h.view().text).toContain('SSPN · SSPN PRIME (87654321)');
    h.press('Confirm');
    expect(onlyDraft(h)).toMatchObject({
      request: {
        product: 'PTPTN',
        account: '87654321',
        amount: rm(100),
        extras: { subproductCode: 'S', icNumber: NRIC.twoAccounts },
      },
      // The IC travels whole in the request only: the display kept with the order is masked.
      display: { account: '••••••-••-5678', optionName: 'SSPN · SSPN PRIME (87654321)' },
    });
  });

  it('runs the bill presentment on the looked-up account', () => {
    const accounts: string[] = [];
    const h = shop({
      options: () => ({ items: PTPTN_ACCOUNTS }),
      bill: (q) => {
        accounts.push(q.account);
        return UNAVAILABLE_BILL;
      },
    });
    h.press('Education');
    h.type(NRIC.typed);
    h.press('DIPLOMA');
    expect(accounts).toEqual(['12345678']);
  });

  it('when no accounts are found, takes a newly typed IC there, and Back does not offer the one that failed', () => {
    const looked: Array<string | undefined> = [];
    const h = shop({
      options: (effect) => {
        looked.push(effect.query.account);
        return { items: effect.query.account === NRIC.twoAccounts ? PTPTN_ACCOUNTS : [] };
      },
      bill: () => UNAVAILABLE_BILL,
    });
    h.press('Education');
    h.type('880202-10-5566');
    expect(h.view().text).toContain('No accounts were found for this IC number');
    h.type(NRIC.typed);
    expect(looked).toEqual(['880202105566', NRIC.twoAccounts]);
    expect(h.state.screen.kind).toBe('options');
    expect(h.view().text).not.toContain('Please use the buttons');
    h.press('DIPLOMA');
    expect(h.state.screen.kind).toBe('amount');

    h.command('cancel');
    h.command('start');
    h.press('Education');
    h.type('880202-10-5566');
    h.press('Back');
    expect(h.state.screen.kind).toBe('account');
    expect(h.state.purchase?.account).toBeUndefined();
    const labels = h
      .view()
      .keyboard.flat()
      .map((b) => b.text);
    expect(labels.some((l) => l.includes('880202'))).toBe(false);
  });

  it('refuses a malformed NRIC before asking the provider', () => {
    const h = shop({ options: () => ({ items: PTPTN_ACCOUNTS }) });
    h.press('Education');
    h.type('90010114567');
    expect(h.state.screen.kind).toBe('account');
    expect(h.view().text).toContain('An IC number has 12 digits');
  });
});

describe('eSIM', () => {
  it('skips the amount when there is a single price, and Back from confirm returns to the number', () => {
    const h = shop();
    h.press('Travel eSIM');
    h.type(PHONE.typed);
    expect(h.state.screen.kind).toBe('confirm');
    expect(h.view().text).toContain('RM 35.00');
    h.press('Back');
    expect(h.state.screen.kind).toBe('account');
    h.press(`Use ${PHONE.even}`);
    expect(h.state.screen.kind).toBe('confirm');
    h.press('Confirm');
    expect(onlyDraft(h).request).toMatchObject({ product: 'ESIMJP', amount: rm(35) });
  });
});

describe('network interruption', () => {
  it('words the warning for what is bought: a top-up, a bill payment, or an order', () => {
    // A category of one product opens that product at once.
    const warning = (category: string, product?: string) => {
      const h = shop({
        network: (code) => ({ product: code, name: code, healthy: false, status: 'Interruption' }),
      });
      h.press(category);
      if (product) h.press(product);
      return h.view().text;
    };
    expect(warning('Prepaid', 'Digi Prepaid')).toContain('Your top-up might be slow');
    for (const [category, product] of [
      ['Utilities', 'Tenaga Nasional'],
      ['Postpaid'],
      ['Education'],
    ] as const) {
      const text = warning(category, product);
      expect(text).toContain('Your payment might be slow');
      expect(text).not.toMatch(/top-up/i);
    }
    expect(warning('Gift Card')).toContain('Your order might be slow');
  });

  it('warns on every step but never blocks', () => {
    const h = shop({
      network: (product) => ({ product, name: product, healthy: false, status: 'Interruption' }),
    });
    h.press('Prepaid');
    h.press('Digi Prepaid');
    expect(h.state.purchase?.networkWarning).toBe(true);
    expect(h.view().text).toContain('Interruption!');
    // The warning re-drew the screen in place, keeping its token.
    expect(h.lastMessage()?.how).toBe('edit');
    h.type(PHONE.typed);
    expect(h.view().text).toContain('Interruption!');
    h.press('RM 5.00');
    expect(h.view().text).toContain('Interruption!');
    h.press('Confirm');
    expect(h.drafts).toHaveLength(1);
  });

  it('ignores a healthy status and one for another product', () => {
    const h = createHarness({ products: ALL_PRODUCTS });
    h.command('start');
    h.press('Prepaid');
    h.press('Digi Prepaid');
    const before = h.messages.length;
    h.dispatch({
      type: 'network-status',
      product: 'D',
      status: { product: 'D', name: 'D', healthy: true, status: 'Healthy' },
    });
    h.dispatch({
      type: 'network-status',
      product: 'M',
      status: { product: 'M', name: 'M', healthy: false, status: 'Interruption' },
    });
    expect(h.messages.length).toBe(before);
    expect(h.state.purchase?.networkWarning).toBeUndefined();
  });
});

describe('menu', () => {
  it('hides inactive products', () => {
    const h = shop();
    h.press('Prepaid');
    const labels = h
      .view()
      .keyboard.flat()
      .map((b) => b.text);
    expect(labels).toContain('Digi Prepaid');
    expect(labels).not.toContain('Tune Talk Prepaid');
  });

  it('paginates categories and products', () => {
    const many = Array.from({ length: 20 }, (_, i) => ({
      ...ALL_PRODUCTS[0],
      code: `P${i}`,
      name: `Product ${i}`,
      category: i < 10 ? 'Big' : `Cat ${i}`,
    }));
    const h = createHarness({ products: many as typeof ALL_PRODUCTS });
    h.command('start');
    expect(h.view().text).toContain('Page 1 of 2');
    h.press('Next');
    expect(h.view().text).toContain('Page 2 of 2');
    h.press('Previous');
    h.press('Big');
    expect(
      h
        .view()
        .keyboard.flat()
        .filter((b) => b.text.startsWith('Product')),
    ).toHaveLength(8);
    h.press('Next');
    h.press('Product 9');
    expect(h.state.purchase?.product.code).toBe('P9');
    h.press('Back');
    // Back lands on the page that holds the product.
    expect(h.state.screen).toMatchObject({ kind: 'products', category: 'Big', page: 1 });
  });

  it('says when nothing is on sale', () => {
    const h = createHarness({ products: [] });
    h.command('start');
    expect(h.view().text).toContain('Nothing is on sale');
    expect(h.button('Back')).toBeDefined();
  });
});
