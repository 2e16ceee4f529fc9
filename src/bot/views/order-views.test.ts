import { describe, expect, it } from 'vitest';
import { LEGACY_PTPTN_DISPLAY, rm, sampleOrder } from '../../../test/support/bot/fixtures.js';
import { money } from '../../payments/money.js';
import type { Order } from '../../payments/orders/order.js';
import type { PaymentOutcome } from '../../payments/types.js';
import { decodeCallbackData } from '../callback-data.js';
import { JAKARTA_TIME, MALAYSIA_TIME, shopTimeZone } from '../i18n/dates.js';
import { renderPrivateOnly, renderToast } from './misc-views.js';
import { renderOrderStatus } from './order-views.js';
import type { Button, View } from './view.js';

const outcome = (fields: Partial<PaymentOutcome>): PaymentOutcome => ({
  refid: 'oTEST0000000000001',
  state: 'succeeded',
  providerStatus: 'Succesful',
  providerCode: '20',
  ...fields,
});

const voucher: Order = sampleOrder({
  state: 'succeeded',
  outcome: outcome({
    pin: '8842-1123-7781',
    serialNumber: 'SN<001>',
    expiry: '2025-11-16',
    voucherLink: 'https://gift.example/v/abc',
    note: 'Redeem in the Grab app & enjoy',
    providerTime: '2025-01-05T14:03:09+08:00',
  }),
});

const buttons = (v: View) => v.keyboard.flat();
const byKind = <K extends Button['kind']>(v: View, kind: K) =>
  buttons(v).filter((b): b is Extract<Button, { kind: K }> => b.kind === kind);

describe('an IC number on the receipt', () => {
  it('shows only its last four digits, also for an order stored before the display was masked', () => {
    const order = sampleOrder({
      state: 'succeeded',
      outcome: outcome({ serialNumber: 'BP0713650260' }),
      display: LEGACY_PTPTN_DISPLAY,
    });
    const v = renderOrderStatus(order, 'en', {}, { reportIssue: true });
    expect(v.text).toContain('IC Number: <b>••••••-••-5678</b>');
    expect(JSON.stringify(v)).not.toContain('900101145678');
  });
});

describe('receipt', () => {
  const v = renderOrderStatus(voucher, 'en');

  it('shows every field the provider returned', () => {
    expect(v.text).toContain('Successful');
    expect(v.text).toContain('PIN: <code>8842-1123-7781</code>');
    expect(v.text).toContain('Serial number: <code>SN&lt;001&gt;</code>');
    expect(v.text).toContain('Expires: <b>16 Nov 2025</b>');
    expect(v.text).toContain('Note: <i>Redeem in the Grab app &amp; enjoy</i>');
    expect(v.text).toContain('Amount: <b>RM 25.00</b>');
    expect(v.text).toContain('Reference: <code>oTEST0000000000001</code>');
    expect(v.text).toContain('Time: <b>5 Jan 2025, 14:03</b>');
    expect(v.parseMode).toBe('HTML');
  });

  it('has a copy button for the PIN, the voucher link, a share link and a way to shop again', () => {
    expect(byKind(v, 'copy_text')).toEqual([
      { kind: 'copy_text', text: '📋 Copy PIN', copyText: '8842-1123-7781' },
      { kind: 'copy_text', text: '📋 Copy serial number', copyText: 'SN<001>' },
    ]);
    const urls = byKind(v, 'url');
    expect(urls[0]).toEqual({ kind: 'url', text: '🎁 Open voucher', url: 'https://gift.example/v/abc' });
    const share = urls.find((b) => b.text.includes('Share'));
    expect(share?.url.startsWith('https://t.me/share/url?url=')).toBe(true);
    const shared = decodeURIComponent(share?.url.split('url=')[1] ?? '');
    expect(shared).toContain('Grab Gift Code – RM 25.00');
    expect(shared).toContain('PIN: 8842-1123-7781');
    // Plain text: the provider's words as they are, not HTML-escaped.
    expect(shared).toContain('Serial number: SN<001>');
    expect(shared).not.toContain('&lt;');
    expect(byKind(v, 'callback').map((b) => decodeCallbackData(b.data))).toEqual([
      { scope: 'global', action: 'menu' },
    ]);
  });

  it('leaves out what the provider did not return', () => {
    const reload = renderOrderStatus(
      sampleOrder({ state: 'succeeded', outcome: outcome({ serialNumber: '123456' }) }),
      'en',
    );
    expect(reload.text).toContain('Serial number');
    for (const absent of ['PIN', 'Expires', 'Note']) expect(reload.text).not.toContain(absent);
    expect(byKind(reload, 'copy_text').map((b) => b.text)).toEqual(['📋 Copy serial number']);
    expect(byKind(reload, 'url').map((b) => b.text)).toEqual(['📤 Share']);
  });

  it('drops a voucher link that is not a web address', () => {
    const odd = renderOrderStatus(
      sampleOrder({ state: 'succeeded', outcome: outcome({ voucherLink: 'javascript:alert(1)' }) }),
      'en',
    );
    expect(byKind(odd, 'url').map((b) => b.text)).toEqual(['📤 Share']);
  });

  it('reads an unreadable expiry as given, escaped', () => {
    const odd = renderOrderStatus(
      sampleOrder({ state: 'succeeded', outcome: outcome({ expiry: '<soon>' }) }),
      'en',
    );
    expect(odd.text).toContain('Expires: <b>&lt;soon&gt;</b>');
  });

  it('speaks Malay', () => {
    const ms = renderOrderStatus(voucher, 'ms');
    expect(ms.text).toContain('Berjaya');
    expect(ms.text).toContain('Tamat tempoh: <b>16 Nov 2025</b>');
    expect(byKind(ms, 'copy_text')[0]?.text).toBe('📋 Salin PIN');
  });
});

describe('other states', () => {
  it.each(['confirmed', 'submitted', 'pending'] as const)('%s is "processing", with Refresh', (state) => {
    const v = renderOrderStatus(sampleOrder({ state }), 'en');
    expect(v.text).toContain('Processing');
    expect(v.text).not.toContain('PIN');
    expect(decodeCallbackData(byKind(v, 'callback')[0]?.data)).toEqual({
      scope: 'order',
      action: 'view',
      refid: 'oTEST0000000000001',
    });
  });

  it('needs_attention says honestly that we are still checking', () => {
    const v = renderOrderStatus(sampleOrder({ state: 'needs_attention' }), 'en');
    expect(v.text).toContain('Still checking with the provider');
    expect(v.text).toContain('will message you');
    expect(v.text).toContain('Please do not pay again');
  });

  it.each(['failed', 'rejected'] as const)(
    '%s says why in the buyer’s words, quotes the provider, and offers a Try again that starts a new order',
    (state) => {
      const v = renderOrderStatus(
        sampleOrder({
          state,
          failure: { code: 'invalid_account', providerCode: '52', providerText: 'Barred <mobile> number' },
        }),
        'en',
      );
      expect(v.text).toContain('Failed');
      expect(v.text).toContain('Reason: <b>The number or account is wrong, barred or blocked.');
      expect(v.text).toContain('The provider’s note: <i>Barred &lt;mobile&gt; number</i>');
      expect(v.text).not.toContain('52');
      expect(decodeCallbackData(byKind(v, 'callback')[0]?.data)).toEqual({
        scope: 'order',
        action: 'tryAgain',
        refid: 'oTEST0000000000001',
      });
    },
  );

  it('gives the reason without a provider’s note when the provider said nothing', () => {
    const v = renderOrderStatus(
      sampleOrder({ state: 'rejected', failure: { code: 'shop_unavailable' } }),
      'en',
    );
    expect(v.text).toContain(
      'Reason: <b>This service is temporarily unavailable. Please try again later.</b>',
    );
    expect(v.text).toContain('You were not charged.');
    expect(v.text).not.toContain('note');
  });

  it('words a shop-side failure for the buyer and keeps the provider’s real reason from them', () => {
    const v = renderOrderStatus(
      sampleOrder({
        state: 'rejected',
        failure: {
          code: 'shop_unavailable',
          providerCode: '43',
          providerText: 'Insufficient credit in client wallet',
        },
      }),
      'en',
    );
    expect(v.text).toContain('temporarily unavailable');
    expect(v.text).not.toMatch(/Insufficient credit|43/);
  });

  it('says the price went back to the wallet when the order took one', () => {
    const v = renderOrderStatus(
      sampleOrder({ state: 'failed', charge: { price: { minor: 2600, currency: 'MYR' }, returned: true } }),
      'en',
    );
    expect(v.text).toContain('RM 26.00 returned to your wallet.');
  });

  it('an eSIM receipt labels the activation code, copies it and explains how to install', () => {
    const v = renderOrderStatus(
      sampleOrder({
        state: 'succeeded',
        outcome: outcome({ pin: 'LPA:1$smdp.example.com$ABC-123', serialNumber: '8981000000000000001' }),
      }),
      'en',
    );
    expect(v.text).toContain('Activation code: <code>LPA:1$smdp.example.com$ABC-123</code>');
    expect(v.text).not.toMatch(/\bPIN\b/);
    expect(v.text).toContain("📷 The eSIM's QR code is in the picture sent after this receipt.");
    expect(v.text).toMatch(/Add eSIM/);
    expect(byKind(v, 'copy_text').map((b) => b.text)).toContain('📋 Copy activation code');
  });

  it('an eSIM receipt speaks of eSIMs: its install link, one note on the QR code, and the share text', () => {
    const v = renderOrderStatus(
      sampleOrder({
        state: 'succeeded',
        outcome: outcome({
          pin: 'LPA:1$smdp.example.com$ABC-123',
          voucherLink: 'https://esim.example/install/abc',
          note: 'Scan the QR code from the link, or add the eSIM manually with the activation code.',
        }),
      }),
      'en',
    );
    expect(v.text).toContain(
      "📷 The eSIM's QR code is in the picture sent after this receipt, and on its install page (the button below).",
    );
    // The provider's note, which places the QR code elsewhere, is not a second note.
    expect(v.text).not.toContain('from the link');
    const links = byKind(v, 'url');
    expect(links.map((b) => b.text)).toContain('📲 Install the eSIM');
    expect(links.map((b) => b.text)).not.toContain('🎁 Open voucher');
    const shared = decodeURIComponent(links.find((b) => b.text.includes('Share'))?.url ?? '');
    expect(shared).toContain('Activation code: LPA:1$smdp.example.com$ABC-123');
    expect(shared).not.toContain('PIN:');
  });

  it('a PLN receipt labels the token with a copy button and the kWh', () => {
    const v = renderOrderStatus(
      sampleOrder({
        state: 'succeeded',
        outcome: outcome({
          serialNumber: '6710-5765-1881-5574-0256/NAME/R1 /000001300/13.8',
          electricityToken: {
            token: '6710-5765-1881-5574-0256',
            customerName: 'NAME',
            tariffPower: 'R1 /000001300',
            kwh: '13.8',
          },
        }),
      }),
      'en',
    );
    expect(v.text).toContain('PLN token: <code>6710-5765-1881-5574-0256</code>');
    expect(v.text).toContain('kWh: <b>13.8</b>');
    expect(v.text).not.toContain('Serial number');
    expect(byKind(v, 'copy_text')).toContainEqual({
      kind: 'copy_text',
      text: '📋 Copy token',
      copyText: '6710-5765-1881-5574-0256',
    });
    // Shared, the token appears once, under its own label, not again inside the raw serial.
    const shared = decodeURIComponent(byKind(v, 'url').find((b) => b.text.includes('Share'))?.url ?? '');
    expect(shared).toContain('PLN token: 6710-5765-1881-5574-0256');
    expect(shared.split('6710-5765-1881-5574-0256')).toHaveLength(2);
    expect(shared).not.toContain('Serial number');
  });

  it('an IAK PLN receipt in Indonesian labels the token with a copy button and shows the time in WIB', () => {
    const rp = money(50_000, 'IDR');
    const pln = sampleOrder({
      state: 'succeeded',
      locale: 'id',
      request: { refid: 'r', product: 'hpln50000', account: '12345678901', amount: rp },
      display: { productName: 'PLN 50.000', accountLabel: 'Nomor meter', account: '12345678901', amount: rp },
      outcome: outcome({
        serialNumber: '6710-5765-1881-5574-0256/NAME/R1 /000001300/13.8',
        // 06:03 UTC is 13:03 in Jakarta (UTC+7, no daylight saving).
        providerTime: '2025-08-05T06:03:09Z',
        electricityToken: {
          token: '6710-5765-1881-5574-0256',
          customerName: 'NAME',
          tariffPower: 'R1 /000001300',
          kwh: '13.8',
        },
      }),
    });
    const v = renderOrderStatus(pln, 'id', {}, { timeZone: JAKARTA_TIME });
    expect(v.text).toContain('✅ <b>Berhasil</b>');
    expect(v.text).toContain('Token PLN: <code>6710-5765-1881-5574-0256</code>');
    expect(v.text).toContain('kWh: <b>13.8</b>');
    expect(v.text).toContain('Tarif / daya: <b>R1 /000001300</b>');
    expect(v.text).not.toContain('Nomor seri');
    expect(v.text).toContain('Waktu: <b>5 Agu 2025, 13:03 WIB</b>');
    expect(v.text).toMatch(/Rp\s?50[.,]000/);
    expect(byKind(v, 'copy_text')).toContainEqual({
      kind: 'copy_text',
      text: '📋 Salin token',
      copyText: '6710-5765-1881-5574-0256',
    });
    // Malaysian receipts keep their plain UTC+8 time; other Indonesian zones show their own name.
    expect(renderOrderStatus(pln, 'id', {}, { timeZone: MALAYSIA_TIME }).text).toContain(
      'Waktu: <b>5 Agu 2025, 14:03</b>',
    );
    expect(renderOrderStatus(pln, 'id', {}, { timeZone: shopTimeZone('Asia/Jayapura') }).text).toContain(
      '15:03 WIT',
    );
  });

  it('fits Telegram’s limit whatever the provider sends', () => {
    const long = 'X'.repeat(3886);
    const v = renderOrderStatus(
      sampleOrder({
        state: 'succeeded',
        display: { ...sampleOrder().display, customerName: long },
        outcome: outcome({ serialNumber: long, note: long }),
      }),
      'en',
    );
    expect([...v.text].length).toBeLessThanOrEqual(4096);
    const pending = renderOrderStatus(
      sampleOrder({ state: 'pending', display: { ...sampleOrder().display, customerName: long } }),
      'en',
    );
    expect([...pending.text].length).toBeLessThanOrEqual(4096);
  });

  it('labels a plan as a plan, with its validity, on the receipt', () => {
    const v = renderOrderStatus(
      sampleOrder({
        state: 'succeeded',
        display: {
          ...sampleOrder().display,
          optionName: 'Unlimited 30 days',
          optionKind: 'plan',
          validity: '30 days',
        },
        outcome: outcome({}),
      }),
      'en',
    );
    expect(v.text).toContain('Plan: <b>Unlimited 30 days</b>');
    expect(v.text).toContain('Validity: <b>30 days</b>');
    expect(v.text).not.toContain('Option:');
  });

  it('a failure without a reason says so rather than guess', () => {
    const v = renderOrderStatus(sampleOrder({ state: 'failed' }), 'en');
    expect(v.text).toContain('The provider did not say why.');
  });

  it('words a failure recorded only on the outcome, not its raw remarks', () => {
    const v = renderOrderStatus(
      sampleOrder({
        state: 'failed',
        outcome: outcome({
          state: 'failed',
          remarks: 'ERR_52',
          failure: { code: 'invalid_account', providerCode: '52' },
        }),
      }),
      'en',
    );
    expect(v.text).toContain('Reason: <b>The number or account is wrong');
    expect(v.text).not.toContain('ERR_52');
  });

  it('falls back to the provider remarks', () => {
    const v = renderOrderStatus(
      sampleOrder({ state: 'failed', outcome: outcome({ state: 'failed', remarks: 'Out of stock' }) }),
      'en',
    );
    expect(v.text).toContain('Reason: <b>Out of stock</b>');
  });

  it('says a refund plainly', () => {
    const v = renderOrderStatus(
      sampleOrder({ state: 'refunded', display: { ...sampleOrder().display, amount: rm(10) } }),
      'en',
    );
    expect(v.text).toContain('Refunded');
    expect(v.text).toContain('nothing was delivered');
    expect(buttons(v).some((b) => b.text.includes('Try again'))).toBe(true);
  });

  it('says "refunded" once on a refund receipt, where the money went on its own line', () => {
    const price = money(1050, 'MYR');
    for (const order of [
      // Paid from the wallet and returned to it by the refund, with the provider's failure code.
      sampleOrder({
        state: 'refunded',
        charge: { price, returned: true },
        failure: { code: 'refunded', providerCode: '50' },
      }),
      // Never charged to a wallet.
      sampleOrder({ state: 'refunded' }),
    ]) {
      const text = renderOrderStatus(order, 'en', { walletBalance: money(8950, 'MYR') }).text;
      expect(text.match(/refund/gi) ?? []).toHaveLength(1);
    }
    const returned = renderOrderStatus(
      sampleOrder({ state: 'refunded', charge: { price, returned: true } }),
      'en',
      { walletBalance: money(8950, 'MYR') },
    ).text;
    expect(returned).toContain('💰 RM 10.50 returned to your wallet; balance RM 89.50.');
  });

  it('says a cancelled order was never charged', () => {
    const v = renderOrderStatus(sampleOrder({ state: 'cancelled' }), 'en');
    expect(v.text).toContain('nothing was charged');
  });
});

describe('misc views', () => {
  it('has toasts in both languages', () => {
    expect(renderToast('expired', 'en')).toContain('expired');
    expect(renderToast('expired', 'ms')).toContain('tamat tempoh');
  });

  it('sends group users to a private chat', () => {
    const v = renderPrivateOnly('en', 'ShopBot');
    expect(v.text).toContain('private chat');
    expect(byKind(v, 'url')[0]?.url).toBe('https://t.me/ShopBot?start=shop');
    expect(buttons(renderPrivateOnly('ms', 'bad name!'))).toHaveLength(0);
  });
});
