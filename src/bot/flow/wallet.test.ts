import { describe, expect, it } from 'vitest';
import { ALL_PRODUCTS, PHONE, rm } from '../../../test/support/bot/fixtures.js';
import { createHarness, type FakeBackend, type Harness } from '../../../test/support/bot/harness.js';
import type { Money } from '../../payments/money.js';
import type { LedgerEntry } from '../../wallet/ledger.js';
import { encodeCallbackData } from '../callback-data.js';
import { renderScreen } from '../views/screen.js';
import { parseTransferReference } from './wallet.js';

/** The buyer's side of the wallet: prices at Confirm, the balance, the statement and top-ups. */

const TOPUP = {
  min: rm(10),
  max: rm(1000),
  suggested: [rm(20), rm(50), rm(100), rm(5000)],
  instructions: 'Maybank 5123 4567 8901 (Kedai <Contoh> Sdn Bhd)',
};

function entry(i: number, overrides: Partial<LedgerEntry> = {}): LedgerEntry {
  return {
    id: `topup:c${i}`,
    userId: 42,
    kind: 'topup',
    amount: 1000,
    currency: 'MYR',
    balanceAfter: 1000 * (i + 1),
    reference: `c${i}`,
    at: Date.UTC(2025, 0, 1 + i, 2),
    ...overrides,
  };
}

const LEDGER = Array.from({ length: 19 }, (_, i) => entry(i)).reverse();

function shop(backend: FakeBackend = {}, languageCode?: string): Harness {
  return createHarness(
    {
      products: ALL_PRODUCTS,
      topup: TOPUP,
      wallet: ({ offset, limit }) => ({
        balance: rm(190),
        page: { entries: LEDGER.slice(offset, offset + limit), total: LEDGER.length },
      }),
      ...backend,
    },
    languageCode ? { languageCode } : {},
  );
}

function toConfirm(h: Harness) {
  h.command('start');
  h.press(h.state.locale === 'ms' ? 'Prabayar' : 'Prepaid');
  h.press('Digi Prepaid');
  h.type(PHONE.typed);
  h.press('RM 10.00');
}

describe('the price at Confirm', () => {
  it('is quoted when the buyer reaches the confirm screen, and shown with the face value when they differ', () => {
    const quotes: Array<{ product: unknown; base: Money }> = [];
    const h = shop({
      price: (effect) => {
        quotes.push({ product: effect.product, base: effect.base });
        return rm(10.5);
      },
    });
    toConfirm(h);
    expect(quotes).toEqual([
      {
        product: { code: 'D', group: 'Mobile Reload', category: 'Prepaid', freeAmount: false },
        base: rm(10),
      },
    ]);
    expect(h.state.screen.kind).toBe('confirm');
    const text = h.view().text;
    expect(text).toContain('Face value: <b>RM 10.00</b>');
    expect(text).toContain('You pay: <b>RM 10.50</b>');
    h.press('Confirm');
    expect(h.drafts[0]?.charge).toEqual({ price: rm(10.5) });
    expect(h.drafts[0]?.request.amount).toEqual(rm(10));
  });

  it('shows one amount line when the price is the face value', () => {
    const h = shop();
    toConfirm(h);
    expect(h.view().text).toContain('Amount: <b>RM 10.00</b>');
    expect(h.view().text).not.toContain('You pay');
  });

  it('marks a typed amount as a free amount, in Malay too', () => {
    const products: Array<{ freeAmount: boolean }> = [];
    const h = shop(
      {
        price: (e) => {
          products.push(e.product);
          return rm(1.2);
        },
      },
      'ms',
    );
    h.command('start');
    h.press('Utiliti');
    h.press('Tenaga');
    h.type('220012345678');
    h.type('1');
    expect(products).toEqual([expect.objectContaining({ freeAmount: true })]);
    expect(h.view().text).toContain('Nilai muka: <b>RM 1.00</b>');
    expect(h.view().text).toContain('Anda bayar: <b>RM 1.20</b>');
  });

  it('is a snapshot: a rule changed later never alters the quote on screen or the draft', () => {
    let price = rm(11);
    const h = shop({ price: () => price });
    toConfirm(h);
    price = rm(99);
    h.command('help');
    h.press('Back');
    expect(h.view().text).toContain('You pay: <b>RM 11.00</b>');
    h.press('Confirm');
    expect(h.drafts[0]?.charge?.price).toEqual(rm(11));
  });

  it('a stale quote is quoted again, and says so', () => {
    let price = rm(11);
    const h = shop({ price: () => price });
    toConfirm(h);
    price = rm(12);
    h.clock.now += 16 * 60_000;
    h.press('Confirm');
    expect(h.drafts).toHaveLength(0);
    expect(h.view().text).toMatch(/open for a while/);
    expect(h.view().text).toContain('You pay: <b>RM 12.00</b>');
  });

  it('a failed quote offers Try again and never shows a confirm screen', () => {
    let fail = true;
    const h = shop({ price: (e) => (fail ? { fail: 'try-later' } : e.base) });
    toConfirm(h);
    expect(h.state.screen.kind).toBe('error');
    fail = false;
    h.press('Try again');
    expect(h.state.screen.kind).toBe('confirm');
  });

  it('refuses a price in another currency as our own bug', () => {
    const h = shop({ price: () => ({ minor: 1000, currency: 'IDR' }) });
    toConfirm(h);
    expect(h.state.screen.kind).toBe('error');
    expect(h.state.purchase?.price).toBeUndefined();
  });
});

describe('Confirm without enough balance', () => {
  it('says the balance and the shortfall, offers Top up and Back to the confirm screen, and makes nothing', () => {
    const h = shop({ confirm: () => 'hold', price: () => rm(10.5) });
    toConfirm(h);
    h.press('Confirm');
    const held = h.held[0];
    if (held?.type !== 'confirm-order') throw new Error('expected a held confirm');
    h.answer(held, {
      type: 'order-refused',
      requestId: held.requestId,
      refusal: { kind: 'insufficient-balance', balance: rm(4), price: rm(10.5) },
    });
    const text = h.view().text;
    expect(text).toContain('Not enough in your wallet');
    expect(text).toContain('<b>RM 10.50</b>');
    expect(text).toContain('holds <b>RM 4.00</b>');
    expect(text).toContain('need <b>RM 6.50</b> more');
    expect(h.orders).toHaveLength(0);
    h.press('Top up');
    expect(h.state.screen.kind).toBe('topup-amount');
    // Back from the top-up goes where the refusal's Back goes: the order's confirm screen.
    h.press('Back');
    expect(h.state.screen.kind).toBe('confirm');
    expect(h.view().text).toContain('You pay: <b>RM 10.50</b>');
  });

  it('in Malay', () => {
    const h = shop({ confirm: () => 'hold' }, 'ms');
    toConfirm(h);
    h.press('Sahkan');
    const held = h.held[0];
    if (held?.type !== 'confirm-order') throw new Error('expected a held confirm');
    h.answer(held, {
      type: 'order-refused',
      requestId: held.requestId,
      refusal: { kind: 'insufficient-balance', balance: rm(0), price: rm(10) },
    });
    expect(h.view().text).toContain('Baki dompet tidak mencukupi');
    expect(h.view().text).toContain('perlukan <b>RM 10.00</b> lagi');
    expect(h.button('Tambah nilai')).toBeDefined();
  });
});

describe('the balance on the main menu', () => {
  it('shows it with the catalog (one request) and keeps it on the home screen', () => {
    const h = shop({ menuBalance: () => rm(25) });
    h.command('start');
    const loads = h.effects.filter((e) => e.type === 'load-catalog');
    expect(loads).toEqual([expect.objectContaining({ walletOf: 42 })]);
    expect(h.view().text).toContain('Wallet balance: <b>RM 25.00</b>');
    h.command('cancel');
    expect(h.state.screen.kind).toBe('home');
    expect(h.view().text).toContain('Wallet balance: <b>RM 25.00</b>');
  });

  it('leaves the line out when the balance could not be read', () => {
    const h = shop();
    h.command('start');
    expect(h.view().text).not.toContain('Wallet balance');
  });
});

describe('/wallet', () => {
  it('shows the balance and the newest entries, pages Next and Previous, and offers Top up', () => {
    const h = shop();
    h.command('wallet');
    let text = h.view().text;
    expect(text).toContain('Balance: <b>RM 190.00</b>');
    expect(text).toContain('Entries 1–8 of 19, newest first');
    expect(text.indexOf('19 Jan')).toBeLessThan(text.indexOf('18 Jan'));
    expect(text).toContain('Top-up · <b>+RM 10.00</b> → RM 190.00');
    expect(
      h
        .view()
        .keyboard.flat()
        .map((b) => b.text),
    ).not.toContain('◀️ Previous');
    h.press('Next');
    h.press('Next');
    text = h.view().text;
    expect(text).toContain('Entries 17–19 of 19');
    expect(
      h
        .view()
        .keyboard.flat()
        .map((b) => b.text),
    ).not.toContain('Next ▶️');
    h.press('Previous');
    expect(h.view().text).toContain('Entries 9–16 of 19');
    h.press('Top up');
    expect(h.state.screen.kind).toBe('topup-amount');
  });

  it('words every kind of entry, signed, with its note, in Malay', () => {
    const h = shop(
      {
        wallet: () => ({
          balance: rm(5),
          page: {
            entries: [
              entry(3, { kind: 'admin_debit', amount: -500, balanceAfter: 500, note: 'Pembetulan <x>' }),
              entry(2, { kind: 'purchase_returned', amount: 1000, balanceAfter: 1000 }),
              entry(1, { kind: 'purchase', amount: -1000, balanceAfter: 0 }),
            ],
            total: 3,
          },
        }),
      },
      'ms',
    );
    h.command('wallet');
    const text = h.view().text;
    expect(text).toContain('Ditolak oleh kedai · <b>−RM 5.00</b> → RM 5.00 · <i>Pembetulan &lt;x&gt;</i>');
    expect(text).toContain('Dipulangkan');
    expect(text).toContain('Pembelian · <b>−RM 10.00</b>');
  });

  it('shows the shop’s own notes as words, never the stored names (billplz, stars, failed, refunded)', () => {
    const notes = (locale: string) => {
      const h = shop(
        {
          wallet: () => ({
            balance: rm(30),
            page: {
              entries: [
                entry(5, {
                  kind: 'reversal',
                  amount: -1000,
                  balanceAfter: 3000,
                  note: 'stars refund by 9001',
                }),
                entry(4, { kind: 'purchase_returned', amount: 1000, balanceAfter: 4000, note: 'refunded' }),
                entry(3, { kind: 'purchase_returned', amount: 1000, balanceAfter: 3000, note: 'failed' }),
                entry(2, { kind: 'topup', amount: 1000, balanceAfter: 2000, note: 'stars' }),
                entry(1, { kind: 'topup', amount: 1000, balanceAfter: 1000, note: 'billplz' }),
              ],
              total: 5,
            },
          }),
        },
        locale,
      );
      h.command('wallet');
      return h.view().text;
    };
    const en = notes('en');
    for (const label of [
      'Online banking (Billplz)',
      'Telegram Stars',
      'Order failed',
      'Order reversed by the provider',
      'Stars refunded through Telegram',
    ]) {
      expect(en).toContain(`<i>${label}</i>`);
    }
    // The buyer is not shown which admin refunded.
    expect(en).not.toContain('9001');
    expect(notes('ms')).toContain('<i>Pesanan gagal</i>');
    expect(notes('id')).toContain('<i>Perbankan online (Billplz)</i>');
    for (const text of [en, notes('ms'), notes('id')]) {
      expect(text).not.toMatch(/<i>(billplz|stars|failed|refunded|stars refund by \d+)<\/i>/);
    }
  });

  it('an empty wallet says how to add money; a shop without wallets says it is not set up', () => {
    const h = shop({ wallet: () => ({ balance: rm(0), page: { entries: [], total: 0 } }) });
    h.command('wallet');
    expect(h.view().text).toMatch(/No payments in or out yet/);
    const bare = createHarness({ products: ALL_PRODUCTS });
    bare.command('wallet');
    expect(bare.state.screen.kind).toBe('error');
  });

  it('ignores another buyer’s entries and a stale page button', () => {
    const h = shop({
      wallet: () => ({ balance: rm(1), page: { entries: [entry(1, { userId: 7 }), entry(2)], total: 2 } }),
    });
    h.command('wallet');
    expect(h.view().text).toContain('Entries 1–1 of 2');
    const old = h.view();
    h.command('help');
    h.press('Next', old);
    expect(h.toasts.at(-1)).toBe('expired');
  });
});

describe('top up by bank transfer', () => {
  it('a suggested amount, the instructions, a typed reference: one claim, then "an admin will check it"', () => {
    const h = shop();
    h.command('wallet');
    h.press('Top up');
    const labels = h
      .view()
      .keyboard.flat()
      .map((b) => b.text);
    // RM 5,000 is above the maximum per top-up, so it is not offered.
    expect(labels).toEqual(['RM 20.00', 'RM 50.00', 'RM 100.00', '⬅️ Back', '✖️ Cancel']);
    expect(h.view().text).toContain('type an amount from RM 10.00 to RM 1,000.00');
    h.press('RM 50.00');
    expect(h.effects.some((e) => e.type === 'send-topup-qr')).toBe(true);
    const text = h.view().text;
    expect(text).toContain('Transfer RM 50.00');
    expect(text).toContain('Kedai &lt;Contoh&gt; Sdn Bhd');
    expect(text).toContain('photo of the receipt');
    h.type('  MBB 1234 5678  ');
    const claims = h.effects.filter((e) => e.type === 'create-topup-claim');
    expect(claims).toEqual([
      expect.objectContaining({
        userId: 42,
        chatId: 42,
        amount: rm(50),
        evidence: { reference: 'MBB 1234 5678' },
      }),
    ]);
    expect(h.state.screen.kind).toBe('topup-sent');
    expect(h.view().text).toMatch(/An admin will check your transfer of <b>RM 50\.00<\/b>/);
    expect(h.view().text).toContain('Reference: <code>MBB 1234 5678</code>');
    expect(h.view().text).toMatch(/6 Jan 2025/);
  });

  it('a typed amount is never rounded and must be within the limits', () => {
    const h = shop();
    h.command('wallet');
    h.press('Top up');
    h.type('10.005');
    expect(h.lastMessage()?.view.text).toMatch(/2 decimal places|decimal/);
    h.type('5');
    expect(h.lastMessage()?.view.text).toContain('RM 10.00');
    h.type('1000.01');
    expect(h.lastMessage()?.view.text).toContain('RM 1,000.00');
    h.type('abc');
    expect(h.state.screen.kind).toBe('topup-amount');
    h.type('RM 12.34');
    expect(h.state.screen).toMatchObject({ kind: 'topup-evidence', amount: rm(12.34) });
  });

  it('a receipt photo becomes the claim, its caption the reference when it reads as one', () => {
    const h = shop();
    h.command('wallet');
    h.press('Top up');
    h.press('RM 20.00');
    h.dispatch({ type: 'photo', fileId: 'AgACAgFILE', fileUniqueId: 'AQADuniq', caption: 'Ref 998877' });
    expect(h.effects.filter((e) => e.type === 'create-topup-claim')).toEqual([
      expect.objectContaining({
        evidence: { photoFileId: 'AgACAgFILE', photoUniqueId: 'AQADuniq', reference: 'Ref 998877' },
      }),
    ]);
    expect(h.view().text).toContain('Receipt photo: attached');

    const other = shop();
    other.command('wallet');
    other.press('Top up');
    other.press('RM 20.00');
    other.dispatch({ type: 'photo', fileId: 'F2', fileUniqueId: 'U2', caption: 'thanks!' });
    expect(other.effects.filter((e) => e.type === 'create-topup-claim')).toEqual([
      expect.objectContaining({ evidence: { photoFileId: 'F2', photoUniqueId: 'U2' } }),
    ]);
  });

  it('anything else on the evidence step gets a clear prompt and makes no claim', () => {
    const h = shop();
    h.command('wallet');
    h.press('Top up');
    h.press('RM 20.00');
    h.dispatch({ type: 'other-message' });
    expect(h.lastMessage()?.view.text).toMatch(/Please send a <b>photo<\/b>/);
    h.type('hello there');
    expect(h.lastMessage()?.view.text).toMatch(/does not look like a transfer reference/);
    h.type('/frobnicate');
    expect(h.effects.some((e) => e.type === 'create-topup-claim')).toBe(false);
    expect(h.state.screen.kind).toBe('topup-evidence');
  });

  it('photos count only on the evidence step', () => {
    const h = shop();
    h.command('start');
    h.dispatch({ type: 'photo', fileId: 'F', fileUniqueId: 'U' });
    expect(h.effects.some((e) => e.type === 'create-topup-claim')).toBe(false);
  });

  it('Back walks out of every step; a shop without top-ups says so', () => {
    const h = shop();
    h.command('wallet');
    h.press('Top up');
    h.press('RM 20.00');
    h.press('Back');
    expect(h.state.screen.kind).toBe('topup-amount');
    h.press('Back');
    expect(h.state.screen.kind).toBe('wallet');
    const bare = createHarness({ products: ALL_PRODUCTS });
    bare.command('cancel');
    bare.press('Top up');
    expect(bare.view().text).toMatch(/Top-ups are not available/);
  });

  it('a failed claim can be sent again', () => {
    let fail = true;
    const h = shop({
      topupClaim: () => (fail ? { fail: 'try-later' } : { claimId: 'c1', expiresAt: h.clock.now + 1 }),
    });
    h.command('wallet');
    h.press('Top up');
    h.press('RM 20.00');
    h.type('REF12345');
    expect(h.state.screen.kind).toBe('error');
    fail = false;
    h.press('Try again');
    expect(h.state.screen.kind).toBe('topup-sent');
  });

  it('in Malay', () => {
    const h = shop({}, 'ms');
    h.command('wallet');
    expect(h.view().text).toContain('Dompet anda');
    h.press('Tambah nilai');
    expect(h.view().text).toContain('Berapa yang akan anda pindahkan');
    h.press('RM 20.00');
    expect(h.view().text).toContain('Pindahkan RM 20.00');
    h.type('x');
    expect(h.lastMessage()?.view.text).toContain('rujukan pindahan');
    h.type('REF12345');
    expect(h.view().text).toContain('Tambah nilai dihantar untuk semakan');
  });

  it('a forged amount index does nothing', () => {
    const h = shop();
    h.command('wallet');
    h.press('Top up');
    h.pressRaw(
      encodeCallbackData({ scope: 'screen', token: h.state.token, action: 'topupAmount', index: 7 }),
    );
    expect(h.toasts.at(-1)).toBe('expired');
    expect(h.state.screen.kind).toBe('topup-amount');
    expect(renderScreen(h.state).text).toContain('Top up your wallet');
  });
});

describe('transfer references', () => {
  it.each([
    ['MBB1234', 'MBB1234'],
    ['  ref  9988 ', 'ref 9988'],
    ['2025/01/05-778', '2025/01/05-778'],
  ])('%s reads as %s', (typed, reference) => {
    expect(parseTransferReference(typed)).toBe(reference);
  });

  it.each(['abc', 'hello there', '123', `X${'1'.repeat(64)}`, '<b>1234</b>', '-1234'])(
    '%s is refused',
    (typed) => {
      expect(parseTransferReference(typed)).toBeUndefined();
    },
  );
});
