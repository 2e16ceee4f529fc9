import { describe, expect, it } from 'vitest';
import {
  ALL_PRODUCTS,
  HOTLINK_PLANS,
  PRODUCTS,
  PTPTN_ACCOUNTS,
  rm,
  TNB_BILL,
  UNAVAILABLE_BILL,
} from '../../../test/support/bot/fixtures.js';
import { createHarness, type FakeBackend, type Harness } from '../../../test/support/bot/harness.js';
import type { Product } from '../../payments/types.js';
import type { TopupPolicy } from './transition.js';

/**
 * The shop's per-order maximum (MAX_ORDER_AMOUNT) on the amount prompts, and the wallet's shortfall
 * on the confirm screen: what Confirm would refuse is said before Confirm.
 */

/** A bill whose provider states no amount rule. */
const OPEN_BILL: Product = {
  ...PRODUCTS.tnb,
  code: 'SYABAS',
  name: 'Air Selangor',
  amount: { kind: 'open', wholeUnitsOnly: false },
};

function shop(backend: FakeBackend = {}): Harness {
  const h = createHarness({ products: [...ALL_PRODUCTS, OPEN_BILL], maxOrderAmount: rm(1000), ...backend });
  h.command('start');
  return h;
}

function toTnbAmount(h: Harness) {
  h.press('Utilities');
  h.press('Tenaga');
  h.type('220012345678');
  expect(h.state.screen.kind).toBe('amount');
}

const captions = (h: Harness) =>
  h
    .view()
    .keyboard.flat()
    .map((b) => b.text);

describe('amount prompts under the shop’s per-order maximum', () => {
  it('a bill prompt shows the provider’s range narrowed to the maximum, and refuses above it there', () => {
    // A fee on top: the maximum is on the face value, as Confirm compares it (access/admission.ts).
    const h = shop({ bill: () => UNAVAILABLE_BILL, price: (effect) => rm(effect.base.minor / 100 + 1.5) });
    toTnbAmount(h);
    expect(h.view().text).toContain('from <b>RM 1.00</b> to <b>RM 1,000.00</b>');
    const token = h.state.token;
    h.type('1,234.50');
    // Still the prompt (same screen, same buttons), with the reason.
    expect(h.state.screen.kind).toBe('amount');
    expect(h.state.token).toBe(token);
    expect(h.view().text).toContain('above the maximum of RM 1,000.00');
    expect(h.drafts).toEqual([]);
    h.type('1,000');
    expect(h.state.screen.kind).toBe('confirm');
    expect(h.state.purchase?.price).toEqual(rm(1001.5));
    h.press('Confirm');
    expect(h.drafts[0]?.request.amount).toEqual(rm(1000));
  });

  it('an outstanding balance above the maximum is not offered as a one-tap amount', () => {
    const h = shop({ bill: () => ({ ...TNB_BILL, outstanding: rm(1500) }) });
    toTnbAmount(h);
    expect(captions(h).some((caption) => caption.includes('Pay the outstanding'))).toBe(false);
    expect(h.view().text).toContain('to <b>RM 1,000.00</b>');
  });

  it('a PTPTN account’s amount is capped too', () => {
    const h = shop({ options: () => ({ items: PTPTN_ACCOUNTS }), bill: () => UNAVAILABLE_BILL });
    h.press('Education');
    h.type('900101-14-5678');
    h.press('SSPN PRIME');
    expect(h.view().text).toContain('from <b>RM 1.00</b> to <b>RM 1,000.00</b>');
    h.type('5000');
    expect(h.view().text).toContain('above the maximum of RM 1,000.00');
    expect(h.state.screen.kind).toBe('amount');
  });

  it('an amount the provider leaves open gets the maximum as its limit', () => {
    const h = shop({ bill: () => UNAVAILABLE_BILL });
    h.press('Utilities');
    h.press('Air Selangor');
    h.type('220012345678');
    expect(h.view().text).toContain('Type the amount to pay, up to <b>RM 1,000.00</b>:');
    h.type('1000.01');
    expect(h.view().text).toContain('above the maximum of RM 1,000.00');
    h.type('999.99');
    expect(h.state.screen.kind).toBe('confirm');
  });

  it('digits too many to count are above the prompt’s maximum, not a malformed amount', () => {
    const h = shop({ bill: () => UNAVAILABLE_BILL });
    toTnbAmount(h);
    h.type('99999999999999999999');
    expect(h.view().text).toContain('above the maximum of RM 1,000.00');
    expect(h.view().text).not.toContain('Please type an amount like');
  });

  it('a product whose minimum is above the maximum says plainly that it cannot be ordered, and the way back', () => {
    // The provider takes RM 100.00 to RM 5,000.00; the shop allows RM 50.00 an order.
    const bulky: Product = {
      ...PRODUCTS.tnb,
      amount: { kind: 'range', min: rm(100), max: rm(5000), wholeUnitsOnly: false },
    };
    const h = createHarness({ products: [bulky], maxOrderAmount: rm(50), bill: () => UNAVAILABLE_BILL });
    h.command('start');
    h.press('Utilities');
    h.type('220012345678');
    expect(h.state.screen.kind).toBe('amount');
    const text = h.view().text;
    expect(text).toContain(
      'The smallest amount for this is <b>RM 100.00</b>, above the most one order may cost in this shop, <b>RM 50.00</b>, so it cannot be ordered here. Tap <b>Back</b> to choose something else.',
    );
    expect(text).not.toContain('Type the amount');
    expect(text).not.toContain('from <b>RM 100.00</b> to <b>RM 50.00</b>');
    expect(captions(h)).toEqual(expect.arrayContaining(['⬅️ Back']));
    // Whatever is typed stays on the prompt with a true reason; nothing reaches Confirm.
    h.type('60');
    expect(h.view().text).toContain('below the minimum of RM 100.00');
    h.type('120');
    expect(h.view().text).toContain('above the maximum of RM 50.00');
    expect(h.view().text).toContain('cannot be ordered here');
    expect(h.state.screen.kind).toBe('amount');
    h.press('Back');
    expect(h.state.screen.kind).toBe('account');
    for (const [locale, words] of [
      ['ms', 'tidak boleh dipesan di sini. Tekan <b>Kembali</b>'],
      ['id', 'tidak bisa dipesan di sini. Ketuk <b>Kembali</b>'],
    ] as const) {
      const other = createHarness(
        { products: [bulky], maxOrderAmount: rm(50), bill: () => UNAVAILABLE_BILL },
        { languageCode: locale },
      );
      other.command('start');
      other.press(locale === 'ms' ? 'Utiliti' : 'Utilitas');
      other.type('220012345678');
      expect(other.view().text).toContain('<b>RM 100.00</b>');
      expect(other.view().text).toContain(words);
    }
  });

  function toDigiAmount(maxRinggit: number, products: Product[] = ALL_PRODUCTS): Harness {
    const h = createHarness({ products, maxOrderAmount: rm(maxRinggit) });
    h.command('start');
    h.press('Prepaid');
    h.press('Digi Prepaid');
    h.type('012-345 6780');
    expect(h.state.screen.kind).toBe('amount');
    return h;
  }

  it('a list of denominations offers only those within the maximum; a typed one above it is refused', () => {
    // Digi's choices are RM 5 to RM 100; the shop allows RM 25.00 an order.
    const h = toDigiAmount(25);
    const amounts = captions(h).filter((caption) => caption.startsWith('RM '));
    expect(amounts).toEqual(['RM 5.00', 'RM 10.00', 'RM 15.00', 'RM 20.00']);
    h.type('30');
    expect(h.state.screen.kind).toBe('amount');
    expect(h.view().text).toContain('Please choose one of: RM 5.00, RM 10.00, RM 15.00, RM 20.00.');
    h.press('RM 20.00');
    expect(h.state.screen.kind).toBe('confirm');
    expect(h.state.purchase?.amount).toEqual(rm(20));
    h.press('Confirm');
    expect(h.drafts[0]?.request.amount).toEqual(rm(20));
  });

  it('a button names the same amount with or without the maximum, so an older keyboard cannot buy another', () => {
    // The provider lists RM 100.00 first: narrowing the list must not shift the buttons after it.
    const unordered: Product = {
      ...PRODUCTS.digi,
      amount: { kind: 'fixed', choices: [rm(100), rm(5), rm(10), rm(30)], suggested: [] },
    };
    const keyboards = [undefined, 50].map((max) => {
      const h = createHarness({
        products: [unordered, PRODUCTS.hotlink],
        ...(max ? { maxOrderAmount: rm(max) } : {}),
      });
      h.command('start');
      h.press('Prepaid');
      h.press('Digi Prepaid');
      h.type('012-345 6780');
      return h;
    });
    const [whole, narrowed] = keyboards as [Harness, Harness];
    expect(captions(narrowed).filter((caption) => caption.startsWith('RM '))).toEqual([
      'RM 5.00',
      'RM 10.00',
      'RM 30.00',
    ]);
    for (const caption of ['RM 5.00', 'RM 10.00', 'RM 30.00'])
      expect(narrowed.button(caption).data).toBe(whole.button(caption).data);
    narrowed.press('RM 5.00');
    expect(narrowed.state.purchase?.amount).toEqual(rm(5));
  });

  it('a list narrowed to one denomination is still asked, not chosen for the buyer', () => {
    const h = toDigiAmount(5);
    expect(captions(h).filter((caption) => caption.startsWith('RM '))).toEqual(['RM 5.00']);
    h.press('RM 5.00');
    expect(h.state.screen.kind).toBe('confirm');
  });

  it('a list with every denomination above the maximum says it cannot be ordered, with no amount to tap', () => {
    const dear: Product = {
      ...PRODUCTS.digi,
      amount: { kind: 'fixed', choices: [rm(50), rm(100)], suggested: [] },
    };
    const h = toDigiAmount(25, [dear, PRODUCTS.hotlink]);
    expect(h.view().text).toContain(
      'The smallest amount for this is <b>RM 50.00</b>, above the most one order may cost in this shop, <b>RM 25.00</b>',
    );
    expect(captions(h).filter((caption) => caption.startsWith('RM '))).toEqual([]);
    expect(captions(h)).toEqual(expect.arrayContaining(['⬅️ Back']));
    // A denomination typed anyway stays on the prompt with the reason; nothing reaches Confirm.
    h.type('50');
    expect(h.state.screen.kind).toBe('amount');
    expect(h.view().text).toContain('above the maximum of RM 25.00');
    expect(h.drafts).toEqual([]);
    h.press('Back');
    expect(h.state.screen.kind).toBe('account');
  });

  it('a product of one price above the maximum says so on the tap, and stays on the menu', () => {
    // The eSIM is RM 35.00 and asks for no amount; the shop allows RM 25.00 an order.
    const h = createHarness({ products: ALL_PRODUCTS, maxOrderAmount: rm(25) });
    h.command('start');
    h.press('Travel eSIM');
    expect(h.state.screen.kind).toBe('categories');
    expect(h.state.purchase).toBeUndefined();
    expect(h.view().text).toContain('That costs more than one order may cost in this shop, <b>RM 25.00</b>');
    // Within the maximum it goes on as before.
    const roomy = createHarness({ products: ALL_PRODUCTS, maxOrderAmount: rm(35) });
    roomy.command('start');
    roomy.press('Travel eSIM');
    expect(roomy.state.screen.kind).toBe('account');
  });

  it('a plan priced above the maximum says so on the tap, and the cheaper plan can still be bought', () => {
    const h = createHarness({
      products: ALL_PRODUCTS,
      maxOrderAmount: rm(20),
      options: () => ({ items: HOTLINK_PLANS }),
    });
    h.command('start');
    h.press('Internet');
    h.type('0123456780');
    expect(h.state.screen.kind).toBe('options');
    h.press('RM 35.00');
    expect(h.state.screen.kind).toBe('options');
    expect(h.view().text).toContain('That costs more than one order may cost in this shop, <b>RM 20.00</b>');
    h.press('RM 12.00');
    expect(h.state.screen.kind).toBe('confirm');
    expect(h.view().text).not.toContain('costs more than one order');
  });

  it('a maximum in another currency leaves an open amount alone (Confirm refuses it whole)', () => {
    const openIdr: Product = { ...OPEN_BILL, amount: { kind: 'open', wholeUnitsOnly: true } };
    const h = createHarness({
      currency: 'IDR',
      products: [openIdr],
      maxOrderAmount: rm(1000),
      bill: () => UNAVAILABLE_BILL,
    });
    h.command('start');
    h.press('Utilities');
    h.type('220012345678');
    expect(h.view().text).toContain('Type the amount to pay:');
    expect(h.view().text).not.toContain('RM 1,000.00');
    h.type('50000');
    expect(h.state.screen.kind).toBe('confirm');
  });

  it('says it in Malay and Indonesian too', () => {
    const ms = createHarness(
      { products: ALL_PRODUCTS, maxOrderAmount: rm(1000), bill: () => UNAVAILABLE_BILL },
      { languageCode: 'ms' },
    );
    ms.command('start');
    ms.press('Utiliti');
    ms.press('Tenaga');
    ms.type('220012345678');
    expect(ms.view().text).toContain('dari <b>RM 1.00</b> hingga <b>RM 1,000.00</b>');
    const id = createHarness(
      { products: [OPEN_BILL], maxOrderAmount: rm(1000), bill: () => UNAVAILABLE_BILL },
      { languageCode: 'id' },
    );
    id.command('start');
    id.press('Utilitas');
    id.type('220012345678');
    expect(id.view().text).toContain('maksimal <b>RM 1,000.00</b>');
  });
});

describe('the confirm screen and the wallet', () => {
  function toTnbConfirm(balance: number | undefined, topup?: TopupPolicy) {
    const h = shop({
      bill: () => UNAVAILABLE_BILL,
      ...(topup ? { topup } : {}),
      ...(balance === undefined ? {} : { quoteBalance: () => rm(balance) }),
    });
    toTnbAmount(h);
    h.type('150');
    expect(h.state.screen.kind).toBe('confirm');
    return h;
  }

  it('says how much the wallet is short and offers Top up, keeping Confirm (Confirm still decides)', () => {
    const h = toTnbConfirm(100);
    const text = h.view().text;
    expect(text).toContain('Your wallet holds <b>RM 100.00</b>, <b>RM 50.00</b> short of this price');
    expect(text).not.toContain('Tap <b>Confirm and pay</b>');
    expect(captions(h)).toEqual(expect.arrayContaining(['➕ Top up', '✅ Confirm and pay']));
    h.press('Confirm');
    expect(h.drafts).toHaveLength(1);
    // Enough in the wallet, or a wallet not read: the usual words and no Top up.
    for (const enough of [150, undefined]) {
      const other = toTnbConfirm(enough);
      expect(other.view().text).toContain('Tap <b>Confirm and pay</b>');
      expect(captions(other)).not.toContain('➕ Top up');
    }
  });

  it('Top up from there opens the top-up, and Back returns to the order', () => {
    const h = toTnbConfirm(100, {
      min: rm(10),
      max: rm(1000),
      suggested: [rm(50)],
      instructions: 'Transfer to Maybank 5123 4567 8901.',
    });
    h.press('Top up');
    expect(h.state.screen.kind).toBe('topup-amount');
    h.press('Back');
    expect(h.state.screen.kind).toBe('confirm');
  });
});
