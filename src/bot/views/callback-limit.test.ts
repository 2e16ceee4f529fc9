import { describe, expect, it } from 'vitest';
import { ALL_PRODUCTS, NRIC, PHONE, rm, sampleOrder, TNB_BILL } from '../../../test/support/bot/fixtures.js';
import { createHarness, type Harness } from '../../../test/support/bot/harness.js';
import type { Product, SubProduct } from '../../payments/types.js';
import { renderClaimForAdmin } from '../admin/topup-views.js';
import { byteLength, CALLBACK_DATA_MAX_BYTES, decodeCallbackData } from '../callback-data.js';
import { renderOrderStatus } from './order-views.js';
import type { View } from './view.js';

/**
 * Every button of every screen fits Telegram's 64 bytes and carries no code, even when product
 * codes and sub-product codes are long human-readable strings (as IIMMPACT's plan codes are).
 */

const LONG = 'Everything Unlimited with Unlimited Weekly Pass RM12 plus Extra Hotspot Quota 30 Days';
const long = (code: string) => `${code}_${'X'.repeat(80)}`;

const products: Product[] = ALL_PRODUCTS.map((product) => ({
  ...product,
  code: long(product.code),
  name: `${product.name} ${'with a very long marketing name '.repeat(3)}`,
  category: `${product.category} ${'and more '.repeat(6)}`,
}));

const plans: SubProduct[] = Array.from({ length: 14 }, (_, i) => ({
  code: `${LONG} variant ${i}`,
  name: products.find((p) => p.code.startsWith('HI_'))?.name ?? '',
  description: `${LONG} variant ${i}`,
  price: rm(10 + i),
  validity: '30 day',
}));

const accounts: SubProduct[] = [
  {
    code: `${LONG} K`,
    name: 'DIPLOMA SEPENUH MASA '.repeat(4),
    description: 'PTPTN',
    accountNumber: '1'.repeat(40),
  },
  { code: `${LONG} S`, name: 'SSPN PRIME', description: 'SSPN', accountNumber: '87654321' },
];

const billers: SubProduct[] = Array.from({ length: 30 }, (_, i) => ({
  code: `${String(10_000 + i)}${'9'.repeat(6)}`,
  name: `Biller ${i} ${'Sdn Bhd '.repeat(8)}`,
  min: rm(1),
  max: rm(10_000),
}));

const codes = [
  ...products.map((p) => p.code),
  ...plans.map((p) => p.code),
  ...accounts.map((a) => a.code),
  ...billers.map((b) => b.code),
];

function shop(): Harness {
  return createHarness({
    products,
    options: (effect) => {
      if (effect.purpose === 'billers') {
        const offset = Number(effect.query.cursor ?? '0');
        const items = billers.slice(offset, offset + (effect.query.limit ?? 8));
        const next = offset + items.length < billers.length ? String(offset + items.length) : undefined;
        return next ? { items, next } : { items };
      }
      return effect.query.account === NRIC.twoAccounts ? { items: accounts } : { items: plans };
    },
    bill: () => ({ ...TNB_BILL, otherFields: [['Meter', 'A'.repeat(300)]] }),
    network: (product) => ({ product, name: product, healthy: false, status: 'Interruption' }),
    orders: [sampleOrder({ refid: 'r'.repeat(50) })],
    topup: {
      min: rm(10),
      max: rm(100_000),
      suggested: [rm(20), rm(50), rm(100_000)],
      instructions: 'Bank '.repeat(300),
    },
    menuBalance: () => rm(1_234_567.89),
    wallet: ({ offset, limit }) => ({
      balance: rm(1_234_567.89),
      page: {
        entries: Array.from({ length: limit }, (_, i) => ({
          id: `admin:${i}`,
          userId: 42,
          kind: 'admin_credit' as const,
          amount: 100_000_00,
          currency: 'MYR' as const,
          balanceAfter: 100_000_00 * (i + 1),
          reference: '9001',
          note: 'N'.repeat(200),
          at: Date.UTC(2025, 0, 1) + (offset + i) * 60_000,
        })),
        total: 30,
      },
    }),
  });
}

/** Every screen of every family, plus the side screens. */
function everyView(): View[] {
  const views: View[] = [];
  const journeys: Array<(h: Harness) => void> = [
    (h) => {
      h.press('Prepaid');
      h.press('Digi');
      h.type(PHONE.typed);
      h.press('RM 10.00');
    },
    (h) => {
      h.press('Internet');
      h.type(PHONE.typed);
      h.press('Next');
      h.press('RM 17.00');
    },
    (h) => {
      h.press('Education');
      h.type(NRIC.typed);
      h.press('DIPLOMA');
      h.type('10');
    },
    (h) => {
      h.press('JomPAY');
      h.press('Next');
      h.press('Biller 9');
      h.type('REF');
      h.type(NRIC.typed);
      h.press('outstanding');
    },
    (h) => {
      h.press('Utilities');
      h.press('Tenaga');
      h.type('220012345678');
      h.press('outstanding');
      h.command('lang');
      h.press('Bahasa');
      h.command('help');
      h.command('history');
    },
    (h) => {
      h.command('wallet');
      h.press('Next');
      h.press('Top up');
      h.press('RM 20.00');
      h.type('REF 1234567890');
      h.command('wallet');
      h.press('Top up');
      h.type('99999.99');
      h.dispatch({
        type: 'photo',
        fileId: 'F'.repeat(120),
        fileUniqueId: 'U'.repeat(40),
        caption: `${'R'.repeat(60)}1`,
      });
    },
  ];
  for (const journey of journeys) {
    const h = shop();
    h.command('start');
    if (
      h.state.screen.kind === 'categories' &&
      h
        .view()
        .keyboard.flat()
        .some((b) => b.text.includes('Next'))
    ) {
      h.press('Next');
      h.press('Previous');
    }
    journey(h);
    views.push(...h.messages.map((m) => m.view), h.view());
  }
  return views;
}

describe('callback_data on every screen', () => {
  const views = everyView();

  it('covers the screens it claims to', () => {
    const texts = views.map((v) => v.text).join('\n');
    for (const words of [
      'Choose a product',
      'Plans available',
      'Accounts registered',
      'biller code',
      'Ref-1',
      'check your order',
      'Bill details',
      'Cara membeli',
      'Pesanan',
      'Choose an amount',
      'Your wallet',
      'Top up your wallet',
      'Transfer RM 20.00',
      'Top-up sent for checking',
    ]) {
      expect(texts).toContain(words);
    }
  });

  it('is at most 64 bytes, decodes, and names no product or sub-product code', () => {
    let buttons = 0;
    for (const view of views) {
      for (const button of view.keyboard.flat()) {
        if (button.kind !== 'callback') continue;
        buttons += 1;
        expect(byteLength(button.data), button.data).toBeLessThanOrEqual(CALLBACK_DATA_MAX_BYTES);
        expect(decodeCallbackData(button.data), button.data).toBeDefined();
        for (const code of codes) expect(button.data).not.toContain(code.slice(0, 12));
      }
    }
    expect(buttons).toBeGreaterThan(100);
  });

  it('holds for order status messages with the longest refid', () => {
    for (const state of [
      'pending',
      'needs_attention',
      'succeeded',
      'failed',
      'refunded',
      'cancelled',
    ] as const) {
      const view = renderOrderStatus(sampleOrder({ refid: 'r'.repeat(50), state }), 'ms');
      for (const button of view.keyboard.flat()) {
        if (button.kind === 'callback')
          expect(byteLength(button.data)).toBeLessThanOrEqual(CALLBACK_DATA_MAX_BYTES);
      }
    }
  });

  it('holds for the admins’ claim buttons with the longest claim id, which decode to the claim', () => {
    const claim = {
      id: 'c'.repeat(32),
      userId: 9_999_999_999,
      chatId: 9_999_999_999,
      amount: rm(1000),
      evidence: { reference: 'R'.repeat(64) },
      createdAt: 0,
      expiresAt: 1,
      state: 'awaiting_review' as const,
      credited: false,
      adminCopies: [],
    };
    const match = { claimId: 'd'.repeat(32), earlier: true, shared: ['reference' as const] };
    for (const locale of ['en', 'ms', 'id'] as const) {
      const plain = renderClaimForAdmin(claim, locale).keyboard.flat();
      const flagged = renderClaimForAdmin(claim, locale, [match]).keyboard.flat();
      expect(plain).toHaveLength(2);
      expect(flagged).toHaveLength(2);
      for (const button of [...plain, ...flagged]) {
        if (button.kind !== 'callback') throw new Error('expected callback buttons');
        expect(byteLength(button.data)).toBeLessThanOrEqual(CALLBACK_DATA_MAX_BYTES);
        expect(decodeCallbackData(button.data)).toMatchObject({ scope: 'topup', claimId: claim.id });
        expect(button.data).not.toContain('1000');
      }
    }
    expect(decodeCallbackData('t:a:short')).toBeUndefined();
    expect(decodeCallbackData(`t:x:${'c'.repeat(10)}`)).toBeUndefined();

    // Approve anyway carries how many matches the card showed approved; a card of an earlier
    // version carries none. Only Approve anyway takes a count, and only digits.
    const approved = { ...match, other: { userId: 1, standing: 'approved' as const } };
    const anyway = renderClaimForAdmin(claim, 'en', [approved, { ...match, claimId: 'e'.repeat(32) }])
      .keyboard.flat()
      .find((b) => b.kind === 'callback' && b.text.includes('Approve anyway'));
    if (anyway?.kind !== 'callback') throw new Error('expected Approve anyway');
    expect(decodeCallbackData(anyway.data)).toEqual({
      scope: 'topup',
      action: 'approveAnyway',
      claimId: claim.id,
      approvedSeen: 1,
    });
    expect(decodeCallbackData(`t:y:${claim.id}`)).toEqual({
      scope: 'topup',
      action: 'approveAnyway',
      claimId: claim.id,
    });
    for (const forged of [
      `t:a:${claim.id}:1`,
      `t:r:${claim.id}:0`,
      `t:y:${claim.id}:1e1`,
      `t:y:${claim.id}:100`,
    ])
      expect(decodeCallbackData(forged), forged).toBeUndefined();
  });

  it('keeps messages under Telegram’s 4096 characters', () => {
    for (const view of views) expect([...view.text].length).toBeLessThan(4096);
  });
});
