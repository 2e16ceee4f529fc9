import { describe, expect, it } from 'vitest';
import {
  ALL_PRODUCTS,
  HOTLINK_PLANS,
  invalidBill,
  NRIC,
  PHONE,
  PRODUCTS,
  PTPTN_ACCOUNTS,
  TNB_BILL,
} from '../../../test/support/bot/fixtures.js';
import {
  billerPages,
  createHarness,
  type FakeBackend,
  type Harness,
} from '../../../test/support/bot/harness.js';
import type { Product } from '../../payments/types.js';
import { MESSAGES } from '../i18n/index.js';
import { billCard } from './bill-card.js';
import { escapeHtml } from './html.js';
import { toInlineKeyboardMarkup, urlButton, view } from './view.js';

function shop(backend: FakeBackend = {}): Harness {
  const h = createHarness({ products: ALL_PRODUCTS, ...backend });
  h.command('start');
  return h;
}

const labels = (h: Harness) =>
  h
    .view()
    .keyboard.flat()
    .map((b) => b.text);

describe('escaping provider text', () => {
  const evil: Product = {
    ...PRODUCTS.tnb,
    code: 'EVIL',
    name: 'Evil <b>& Co</b>',
    category: 'Bills <script>',
    accountLabel: 'Acc <No>',
    instructions: 'Pay <i>now</i> & relax',
  };

  it('escapes names, labels, categories and instructions', () => {
    const h = createHarness({
      products: [evil, PRODUCTS.digi],
      bill: () => ({
        ...TNB_BILL,
        customerName: 'A <b>B</b>',
        otherFields: [['<Meter>', '5 & 6']],
      }),
    });
    h.command('start');
    expect(labels(h)).toContain('Bills <script>');
    h.press('Bills');
    const account = h.view().text;
    expect(account).toContain('Evil &lt;b&gt;&amp; Co&lt;/b&gt;');
    expect(account).toContain('Acc &lt;No&gt;');
    expect(account).toContain('Pay &lt;i&gt;now&lt;/i&gt; &amp; relax');
    h.type('220012345678');
    const amount = h.view().text;
    expect(amount).toContain('A &lt;b&gt;B&lt;/b&gt;');
    expect(amount).toContain('&lt;Meter&gt;: <b>5 &amp; 6</b>');
    expect(amount).not.toMatch(/<(?!\/?(b|i|code)>)/);
  });

  it('tells how long the credit lasts, in the buyer’s language', () => {
    const lasting: Product = { ...PRODUCTS.digi, validityDays: 30 };
    for (const [languageCode, said] of [
      ['en', 'Valid for 30 days.'],
      ['ms', 'Sah selama 30 hari.'],
    ] as const) {
      const h = createHarness({ products: [lasting] }, { languageCode });
      h.command('start');
      // The only product of its category opens straight at the account screen.
      h.press(languageCode === 'ms' ? 'Prabayar' : 'Prepaid');
      expect(h.view().text).toContain(said);
    }
  });

  it('escapes the provider’s refusal and the buyer’s search', () => {
    const h = shop({ bill: () => invalidBill('Bad <account> & more') });
    h.press('Utilities');
    h.press('Tenaga');
    h.type('220012345678');
    expect(h.view().text).toContain('Bad &lt;account&gt; &amp; more');
    const j = shop({ options: billerPages });
    j.press('JomPAY');
    j.type('<b>x</b>');
    expect(j.view().text).toContain('&lt;b&gt;x&lt;/b&gt;');
  });

  it('escapes quotes and ampersands', () => {
    expect(escapeHtml(`<a href="x">&</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;');
  });
});

describe('bill card', () => {
  const m = MESSAGES.en;

  it('shows the due date read from dueDate, in the buyer’s language', () => {
    const bill = { outcome: 'valid' as const, message: '', dueDate: '2025-11-16', otherFields: [] };
    expect(billCard(bill, m, 'en')).toContain('Due date: <b>16 Nov 2025</b>');
    expect(billCard(bill, MESSAGES.ms, 'ms')).toContain('Tarikh akhir: <b>16 Nov 2025</b>');
    const unreadable = { outcome: 'valid' as const, message: '', dueDateText: '31/02/2025', otherFields: [] };
    expect(billCard(unreadable, m, 'en')).toContain('Due date: <b>31/02/2025</b>');
  });

  it('shows custom fields under their own label, or a translated one when the biller sent none', () => {
    const bill = {
      outcome: 'valid' as const,
      message: '',
      customFields: [{ label: 'Policy <type>', value: 'Life' }, { value: 'ABC-123' }],
      otherFields: [],
    };
    const card = billCard(bill, MESSAGES.ms, 'ms');
    expect(card).toContain('Policy &lt;type&gt;: <b>Life</b>');
    expect(card).toContain('Butiran: <b>ABC-123</b>');
    expect(card).not.toMatch(/CustomField|DueDate/);
  });

  it('shows only the fields the provider returned', () => {
    const card = billCard(
      {
        outcome: 'valid',
        message: 'Account no is valid',
        outstanding: TNB_BILL.outstanding,
        otherFields: [],
      },
      m,
      'en',
    );
    expect(card).toContain('Outstanding: <b>RM 123.45</b>');
    for (const label of ['Biller', 'Name', 'Balance', 'Data balance', 'Address'])
      expect(card).not.toContain(`${label}:`);
  });

  it('shows every returned field, extra ones included', () => {
    const card = billCard(
      { ...TNB_BILL, balanceText: 'RM 0.00', dataBalance: '2GB', otherFields: [['Due date', '2025-01-31']] },
      m,
      'en',
    );
    for (const text of [
      'Biller:',
      'Name:',
      'Outstanding:',
      'Balance:',
      'Data balance:',
      'Address:',
      'Due date:',
    ]) {
      expect(card).toContain(text);
    }
  });

  it('offers the e-bill as a link button only when it is a web address', () => {
    const h = shop({ bill: () => TNB_BILL });
    h.press('Utilities');
    h.press('Tenaga');
    h.type('220012345678');
    expect(
      h
        .view()
        .keyboard.flat()
        .find((b) => b.kind === 'url'),
    ).toMatchObject({ url: TNB_BILL.eBillUrl });
    const bad = shop({ bill: () => ({ ...TNB_BILL, eBillUrl: 'javascript:alert(1)' }) });
    bad.press('Utilities');
    bad.press('Tenaga');
    bad.type('220012345678');
    expect(
      bad
        .view()
        .keyboard.flat()
        .some((b) => b.kind === 'url'),
    ).toBe(false);
  });
});

describe('confirm screen', () => {
  it('shows product, account and amount for a reload, and nothing it does not know', () => {
    const h = shop();
    h.press('Prepaid');
    h.press('Digi Prepaid');
    h.type(PHONE.typed);
    h.press('RM 10.00');
    const text = h.view().text;
    expect(text).toContain('Product: <b>Digi Prepaid</b>');
    expect(text).toContain(`Mobile Number: <b>${PHONE.even}</b>`);
    expect(text).toContain('Amount: <b>RM 10.00</b>');
    for (const absent of ['Name:', 'Plan:', 'Ref-2:', 'Payer', 'Biller:']) expect(text).not.toContain(absent);
    expect(labels(h)).toEqual(['✅ Confirm and pay', '✏️ Change', '✖️ Cancel', '⬅️ Back']);
  });

  it('shows the customer name when the bill gave one', () => {
    const h = shop({ bill: () => TNB_BILL });
    h.press('Utilities');
    h.press('Tenaga');
    h.type('220012345678');
    h.type('50');
    expect(h.view().text).toContain('Name: <b>NURUL AINI BINTI AHMAD</b>');
  });

  it('shows the plan and its validity for mobile data', () => {
    const h = shop({ options: () => ({ items: HOTLINK_PLANS }) });
    h.press('Internet');
    h.type(PHONE.typed);
    h.press('RM 35.00');
    const text = h.view().text;
    expect(text).toContain('Plan: <b>Unlimited Monthly Pass RM35</b>');
    expect(text).toContain('Validity: <b>30 day</b>');
  });

  it('shows biller, Ref-2 and the verified payer, masked, for JomPAY', () => {
    const h = shop({
      options: billerPages,
      bill: (q) => (q.ref2 ? TNB_BILL : invalidBill('Ref-2 is required')),
      payer: { status: 'verified', payerId: 'A1234567' },
    });
    h.press('JomPAY');
    h.type('30023');
    h.type('POL-1');
    h.type('R-2');
    h.type('10');
    const text = h.view().text;
    expect(text).toContain('Biller: <b>Seri Cahaya Insurance Berhad (30023)</b>');
    expect(text).toContain('Ref-2: <b>R-2</b>');
    expect(text).toContain('Payer IC / passport: <b>••••4567</b>');
    expect(text).not.toContain('A1234567');
  });

  it('shows the NRIC and the chosen account for PTPTN', () => {
    const h = shop({ options: () => ({ items: PTPTN_ACCOUNTS }) });
    h.press('Education');
    h.type(NRIC.typed);
    h.press('DIPLOMA');
    h.type('50');
    const text = h.view().text;
    expect(text).toContain('IC Number: <b>••••••-••-5678</b>');
    expect(text).toContain('Account: <b>PTPTN · DIPLOMA SEPENUH MASA (12345678)</b>');
  });

  it('never shows the whole IC on the PTPTN screens or their buttons, only its last four digits', () => {
    const h = shop({ options: () => ({ items: PTPTN_ACCOUNTS }) });
    h.press('Education');
    // Not the hint's example IC (900101-14-5566), which the account screen shows on purpose.
    h.type('880202-10-5566');
    expect(h.view().text).toContain('Accounts registered to IC <b>••••••-••-5566</b>');
    h.press('Back');
    // The account screen again, with its one-tap button to keep the IC typed before.
    expect(
      h
        .view()
        .keyboard.flat()
        .map((b) => b.text),
    ).toContain('↩️ Use ••••••-••-5566');
    h.press('Use ••••••-••-5566');
    h.press('DIPLOMA');
    expect(h.view().text).toContain('IC Number: <b>••••••-••-5566</b>');
    h.type('50');
    expect(h.view().text).toContain('IC Number: <b>••••••-••-5566</b>');
    const shown = JSON.stringify(h.messages.map((message) => message.view));
    expect(shown).not.toContain('880202105566');
    expect(shown).not.toContain('880202-10-5566');
  });
});

describe('screens', () => {
  it('numbers plans so cut-short names stay distinct, with price and validity on the button', () => {
    const h = shop({ options: () => ({ items: HOTLINK_PLANS }) });
    h.press('Internet');
    h.type(PHONE.typed);
    expect(labels(h).slice(0, 2)).toEqual([
      '1. Everything Unlimited with U… · RM 12.00 · 7 day',
      '2. Unlimited Monthly Pass RM35 · RM 35.00 · 30 day',
    ]);
  });

  it('shows Processing… with no buttons, since that message now belongs to the order', () => {
    const h = shop({ confirm: () => 'hold' });
    h.press('Travel eSIM');
    h.type(PHONE.typed);
    h.press('Confirm');
    expect(h.view().text).toContain('Processing your order');
    expect(h.view().keyboard).toEqual([]);
  });

  it('marks the current language', () => {
    const h = shop();
    h.command('lang');
    expect(labels(h)).toEqual(['✓ English', 'Bahasa Melayu', 'Bahasa Indonesia', '⬅️ Back']);
  });

  it('the home screen leads everywhere', () => {
    const h = createHarness({ products: ALL_PRODUCTS });
    h.type('hi');
    expect(labels(h)).toEqual([
      '🛒 Shop',
      '👛 My wallet',
      '➕ Top up',
      '🧾 My orders',
      '❓ Help',
      '🌐 Language',
    ]);
  });

  it('a loading screen can be left', () => {
    const h = shop({ bill: () => 'hold' });
    h.press('Utilities');
    h.press('Tenaga');
    h.type('220012345678');
    expect(h.view().text).toContain('Checking the account');
    expect(labels(h)).toEqual(['⬅️ Back', '✖️ Cancel']);
  });
});

describe('button model', () => {
  it('converts to Bot API markup, copy_text included', () => {
    const markup = toInlineKeyboardMarkup([
      [{ kind: 'callback', text: 'A', data: 'g:m' }],
      [
        { kind: 'url', text: 'B', url: 'https://example.com' },
        { kind: 'copy_text', text: 'C', copyText: '1234' },
      ],
    ]);
    expect(markup).toEqual({
      inline_keyboard: [
        [{ text: 'A', callback_data: 'g:m' }],
        [
          { text: 'B', url: 'https://example.com' },
          { text: 'C', copy_text: { text: '1234' } },
        ],
      ],
    });
  });

  it('drops unsafe links and empty rows', () => {
    expect(urlButton('x', 'javascript:alert(1)')).toBeUndefined();
    expect(urlButton('x', 'tg://resolve?domain=x')).toBeUndefined();
    expect(urlButton('x', 'not a url')).toBeUndefined();
    expect(view('t', [[], [{ kind: 'callback', text: 'a', data: 'g:m' }]]).keyboard).toHaveLength(1);
  });
});
