import { describe, expect, it } from 'vitest';
import {
  ALL_PRODUCTS,
  HOTLINK_PLANS,
  invalidBill,
  NRIC,
  PHONE,
  PTPTN_ACCOUNTS,
  TNB_BILL,
  UNAVAILABLE_BILL,
} from '../../../test/support/bot/fixtures.js';
import {
  billerPages,
  createHarness,
  type FakeBackend,
  type Harness,
} from '../../../test/support/bot/harness.js';
import { encodeCallbackData } from '../callback-data.js';
import { USER_MENU_COMMANDS } from './events.js';
import type { ScreenKind } from './state.js';

/** Every family's path, step by step, with the screen each step lands on. */
interface Step {
  run: (h: Harness) => void;
  screen: ScreenKind;
}

const backend: FakeBackend = {
  products: ALL_PRODUCTS,
  options: (effect) => {
    if (effect.purpose === 'billers') return billerPages(effect);
    return effect.query.product === 'HI' ? { items: HOTLINK_PLANS } : { items: PTPTN_ACCOUNTS };
  },
  bill: (q) => {
    if (q.product === 'TNB') return TNB_BILL;
    if (q.product === 'JOMPAY' && q.billerCode === '30023' && !q.ref2)
      return invalidBill('Ref-2 is required');
    return UNAVAILABLE_BILL;
  },
};

const start: Step = { run: (h) => h.command('start'), screen: 'categories' };
const press = (label: string, screen: ScreenKind): Step => ({ run: (h) => h.press(label), screen });
const type = (text: string, screen: ScreenKind): Step => ({ run: (h) => h.type(text), screen });

const FAMILIES: Record<string, Step[]> = {
  'prepaid reload': [
    start,
    press('Prepaid', 'products'),
    press('Digi Prepaid', 'account'),
    type(PHONE.typed, 'amount'),
    press('RM 10.00', 'confirm'),
  ],
  'gift card': [
    start,
    press('Gift Card', 'account'),
    type(PHONE.typed, 'amount'),
    press('RM 25.00', 'confirm'),
  ],
  'mobile data': [
    start,
    press('Internet', 'account'),
    type(PHONE.typed, 'options'),
    press('RM 12.00', 'confirm'),
  ],
  'utility bill': [
    start,
    press('Utilities', 'products'),
    press('Tenaga', 'account'),
    type('220012345678', 'amount'),
    press('outstanding', 'confirm'),
  ],
  jompay: [
    start,
    press('JomPAY', 'billers'),
    press('Seri Cahaya', 'account'),
    type('POL-1', 'ref2'),
    type('R2', 'amount'),
    type('250', 'confirm'),
  ],
  ptptn: [
    start,
    press('Education', 'account'),
    type(NRIC.typed, 'options'),
    press('SSPN PRIME', 'amount'),
    type('100', 'confirm'),
  ],
  esim: [start, press('Travel eSIM', 'account'), type(PHONE.typed, 'confirm')],
};

function walk(steps: Step[], upTo: number): Harness {
  const h = createHarness(backend);
  steps.slice(0, upTo + 1).forEach((step, i) => {
    step.run(h);
    expect(h.state.screen.kind, `step ${i}`).toBe(step.screen);
  });
  return h;
}

const cases = Object.entries(FAMILIES).flatMap(([family, steps]) =>
  steps.map((step, index) => ({ family, steps, index, screen: step.screen })),
);

describe.each(cases)('$family, at step $index ($screen)', ({ steps, index }) => {
  it('/cancel drops the purchase and shows the home screen', () => {
    const h = walk(steps, index);
    h.command('cancel');
    expect(h.state.screen.kind).toBe('home');
    expect(h.state.purchase).toBeUndefined();
    expect(h.view().text).toContain('Cancelled. Nothing was charged.');
    expect(h.lastMessage()?.how).toBe('send');
    expect(h.drafts).toHaveLength(0);
  });

  it('Back returns to the previous screen', () => {
    const h = walk(steps, index);
    h.press('Back');
    expect(h.toasts.at(-1)).toBeUndefined();
    expect(h.state.screen.kind).toBe(index === 0 ? 'home' : steps[index - 1]?.screen);
  });

  it('the screen has a way on and a way back', () => {
    const h = walk(steps, index);
    const labels = h
      .view()
      .keyboard.flat()
      .map((b) => b.text);
    expect(labels.some((l) => l.includes('Back'))).toBe(true);
    if (index > 0 && h.state.purchase) expect(labels.some((l) => l.includes('Cancel'))).toBe(true);
  });

  it('the Cancel button does what /cancel does', () => {
    const h = walk(steps, index);
    if (!h.state.purchase) return;
    h.press('Cancel');
    expect(h.state.screen.kind).toBe('home');
    expect(h.state.purchase).toBeUndefined();
    expect(h.lastMessage()?.how).toBe('edit');
  });
});

describe('stale and forged buttons', () => {
  it('answers a button from an earlier screen with "this menu has expired" and changes nothing', () => {
    const h = createHarness(backend);
    h.command('start');
    const oldMenu = h.view();
    h.press('Prepaid');
    h.press('Digi Prepaid');
    const before = h.state;
    const messages = h.messages.length;
    h.press('Utilities', oldMenu);
    expect(h.toasts.at(-1)).toBe('expired');
    expect(h.state).toEqual(before);
    expect(h.messages.length).toBe(messages);
  });

  it.each([
    ['garbage', 'not-callback-data'],
    ['a wrong token', 's:zzzzzz:ok'],
    ['a price', 's:abcdef:a:10.00'],
  ])('treats %s as expired', (_, raw) => {
    const h = createHarness(backend);
    h.command('start');
    const before = h.state;
    h.pressRaw(raw);
    expect(h.toasts.at(-1)).toBe('expired');
    expect(h.state).toEqual(before);
  });

  it('refuses an action the current screen does not offer, even with the right token', () => {
    const h = createHarness(backend);
    h.command('start');
    h.pressRaw(encodeCallbackData({ scope: 'screen', token: h.state.token, action: 'confirm' }));
    expect(h.toasts.at(-1)).toBe('expired');
    h.pressRaw(encodeCallbackData({ scope: 'screen', token: h.state.token, action: 'category', index: 99 }));
    expect(h.toasts.at(-1)).toBe('expired');
    expect(h.state.screen.kind).toBe('categories');
  });

  it('after the session expired, an old button gets the home screen, not a dead end', () => {
    const h = createHarness(backend);
    h.pressRaw('s:abc123:p:0');
    expect(h.toasts.at(-1)).toBe('expired');
    expect(h.state.screen.kind).toBe('home');
    expect(h.lastMessage()?.view.text).toContain('That menu has expired');
  });

  it('a double tap on Confirm makes one draft', () => {
    const h = walk(FAMILIES['prepaid reload'] ?? [], 4);
    const confirmScreen = h.view();
    h.press('Confirm', confirmScreen);
    h.press('Confirm', confirmScreen);
    expect(h.drafts).toHaveLength(1);
    expect(h.toasts).toContain('expired');
  });

  it('paging keeps the token, so buttons of the previous page still work', () => {
    const many = Array.from({ length: 12 }, (_, i) => ({
      ...ALL_PRODUCTS[0],
      code: `P${i}`,
      name: `Product ${i}`,
      category: 'Big',
    }));
    const h = createHarness({ products: many as typeof ALL_PRODUCTS });
    h.command('start');
    h.press('Big');
    const firstPage = h.view();
    h.press('Next');
    h.press('Product 3', firstPage);
    expect(h.state.purchase?.product.code).toBe('P3');
  });
});

describe('language', () => {
  it('defaults from Telegram’s language_code until the buyer chooses', () => {
    const h = createHarness(backend, { languageCode: 'ms-MY' });
    expect(h.state.locale).toBe('ms');
    h.command('start', 'en');
    expect(h.state.locale).toBe('en');
    h.command('lang');
    h.press('Bahasa Melayu');
    expect(h.state.locale).toBe('ms');
    h.command('start', 'en');
    expect(h.state.locale).toBe('ms');
    expect(h.view().text).toContain('Apakah yang anda ingin beli?');
  });

  it('asks for a pick to be kept beyond the conversation, before the screen is drawn', () => {
    const h = createHarness(backend, { languageCode: 'en' });
    h.command('lang');
    const before = h.effects.length;
    h.press('Bahasa Melayu');
    const types = h.effects.slice(before).map((effect) => effect.type);
    expect(types.slice(0, 2)).toEqual(['answer-button', 'remember-language']);
    expect(types).toContain('show-screen');
    expect(h.effects[before + 1]).toEqual({ type: 'remember-language', locale: 'ms' });
    // Opening and leaving the language screen without a pick keeps nothing.
    h.command('lang');
    const opened = h.effects.length;
    h.press('Kembali');
    expect(h.effects.slice(opened).some((effect) => effect.type === 'remember-language')).toBe(false);
  });

  it('switches mid-purchase and returns to the same step', () => {
    const h = walk(FAMILIES['utility bill'] ?? [], 3);
    h.command('lang');
    expect(h.state.screen.kind).toBe('language');
    h.press('Bahasa Melayu');
    expect(h.state.screen.kind).toBe('amount');
    const text = h.view().text;
    expect(text).toContain('Bahasa ditukar kepada Bahasa Melayu');
    expect(text).toContain('Butiran bil');
    expect(h.button('Bayar baki tertunggak RM 123.45')).toBeDefined();
    h.press('Bayar baki');
    h.press('Sahkan');
    expect(h.drafts[0]?.locale).toBe('ms');
  });

  it('after an order finished, /lang does not say the order is being processed', () => {
    const h = createHarness({ products: ALL_PRODUCTS });
    h.command('start');
    h.press('Prepaid');
    h.press('Digi Prepaid');
    h.type(PHONE.typed);
    h.press('RM 10.00');
    h.press('Confirm');
    expect(h.state.screen.kind).toBe('done');
    h.command('lang');
    h.press('Bahasa Melayu');
    const text = h.view().text;
    expect(text).toContain('Bahasa ditukar kepada Bahasa Melayu');
    expect(text).not.toContain('sedang diproses');
    expect(h.state.screen.kind).not.toBe('done');
    h.command('help');
    h.press('Kembali');
    expect(h.view().text).not.toContain('sedang diproses');
  });

  it('names the known categories in Malay, and keeps unknown provider categories as they are', () => {
    const odd = {
      ...(ALL_PRODUCTS[0] as (typeof ALL_PRODUCTS)[number]),
      code: 'ODD',
      category: 'Kedai Runcit X',
    };
    const h = createHarness({ products: [...ALL_PRODUCTS, odd] }, { languageCode: 'ms' });
    h.command('start');
    const labels = h
      .view()
      .keyboard.flat()
      .map((b) => b.text);
    for (const name of ['Prabayar', 'Pascabayar', 'Utiliti', 'Pendidikan', 'Kad Hadiah', 'eSIM Pelancongan'])
      expect(labels).toContain(name);
    expect(labels).not.toContain('Prepaid');
    expect(labels).not.toContain('Gift Card');
    // The ninth category is on the second page.
    h.pressRaw(encodeCallbackData({ scope: 'screen', token: h.state.token, action: 'page', index: 1 }));
    const second = h
      .view()
      .keyboard.flat()
      .map((b) => b.text);
    expect(second).toContain('Kedai Runcit X');
    h.command('start');
    h.press('Prabayar');
    expect(h.state.screen).toMatchObject({ kind: 'products', category: 'Prepaid' });
    expect(h.view().text).toContain('<b>Prabayar</b>');
  });

  it('Back from the language screen changes nothing', () => {
    const h = walk(FAMILIES['prepaid reload'] ?? [], 2);
    h.command('lang');
    h.press('Back');
    expect(h.state.screen.kind).toBe('account');
    expect(h.state.locale).toBe('en');
  });
});

describe('help and text outside input steps', () => {
  it('/help keeps the purchase and Back returns to it', () => {
    const h = walk(FAMILIES['gift card'] ?? [], 2);
    h.command('help');
    expect(h.view().text).toContain('How to buy');
    h.press('Back');
    expect(h.state.screen.kind).toBe('amount');
  });

  it('/help lists every command of the command menu, /wallet included, with its description', () => {
    const h = walk(FAMILIES['gift card'] ?? [], 0);
    h.command('help');
    const text = h.view().text;
    expect(text).toContain('/wallet – Your wallet: balance, statement and top-up');
    for (const command of USER_MENU_COMMANDS) expect(text).toContain(`/${command} – `);
  });

  it('points at the buttons when the buyer types on a menu', () => {
    const h = walk(FAMILIES['prepaid reload'] ?? [], 1);
    h.type('digi');
    expect(h.state.screen.kind).toBe('products');
    expect(h.view().text).toContain('Please use the buttons below');
  });

  it('explains unknown commands', () => {
    const h = walk(FAMILIES['prepaid reload'] ?? [], 2);
    h.type('/topup');
    expect(h.state.screen.kind).toBe('account');
    expect(h.view().text).toContain('I don’t know that command');
  });

  it('greets a buyer who types before /start', () => {
    const h = createHarness(backend);
    h.type('hello');
    expect(h.lastMessage()?.view.text).toContain('Welcome!');
    h.press('Shop');
    expect(h.state.screen.kind).toBe('categories');
  });
});
