import { describe, expect, it } from 'vitest';
import { LEGACY_PTPTN_DISPLAY, rm, sampleOrder } from '../../../test/support/bot/fixtures.js';
import { money } from '../../payments/money.js';
import { JAKARTA_TIME } from '../i18n/dates.js';
import { MESSAGES } from '../i18n/index.js';
import { summarizeDay } from './stats.js';
import {
  formatDuration,
  formatPercent,
  formatShopDate,
  PENDING_SHOWN,
  renderAdminFailure,
  renderAdminOrder,
  renderAttentionAlert,
  renderBalance,
  renderLowBalanceAlert,
  renderPending,
  renderProviderErrorAlert,
  renderStats,
} from './views.js';

const NOW = Date.UTC(2025, 0, 5, 6, 0);
const wallet = {
  account: '3100528',
  name: 'Sandbox <Merchant> Sdn Bhd',
  balance: rm(500_000),
  level: '12',
  readOnly: false,
};

describe('small formats', () => {
  it.each([
    [0, '0 min'],
    [59_999, '0 min'],
    [5 * 60_000, '5 min'],
    [61 * 60_000, '1 h 1 min'],
    [26 * 60 * 60_000, '1 d 2 h'],
    [-5_000, '0 min'],
  ])('%d ms is %s', (ms, text) => {
    expect(formatDuration(ms, MESSAGES.en)).toBe(text);
  });

  it.each([
    [1, '100%'],
    [0.875, '87.5%'],
    [2 / 3, '66.7%'],
    [0, '0%'],
  ])('%d is %s', (ratio, text) => {
    expect(formatPercent(ratio)).toBe(text);
  });

  it('dates the Malaysia day', () => {
    expect(formatShopDate(Date.UTC(2025, 0, 4, 16, 0), 'en')).toBe('5 Jan 2025');
    expect(formatShopDate(Date.UTC(2025, 7, 4, 16, 0), 'ms')).toBe('5 Ogo 2025');
    // 16:00 UTC is still 4 Aug in Jakarta (23:00 WIB); its midnight is at 17:00 UTC.
    expect(formatShopDate(Date.UTC(2025, 7, 4, 16, 0), 'id', JAKARTA_TIME)).toBe('4 Agu 2025');
    expect(formatShopDate(Date.UTC(2025, 7, 4, 17, 0), 'id', JAKARTA_TIME)).toBe('5 Agu 2025');
  });
});

describe('/balance', () => {
  it('shows the balance and the account, escaped', () => {
    const text = renderBalance(wallet, 'en').text;
    expect(text).toContain('Balance: <b>RM 500,000.00</b>');
    expect(text).toContain('<code>3100528</code>');
    expect(text).toContain('Sandbox &lt;Merchant&gt; Sdn Bhd');
    expect(text).not.toMatch(/Alert below|Below the/);
  });

  it('warns below the threshold and for a read-only key', () => {
    const text = renderBalance({ ...wallet, readOnly: true }, 'en', rm(1_000_000)).text;
    expect(text).toContain('Alert below: <b>RM 1,000,000.00</b>');
    expect(text).toMatch(/Below the low-balance alert threshold/);
    expect(text).toMatch(/may only read/);
    expect(renderBalance(wallet, 'en', rm(100)).text).not.toMatch(/Below the/);
  });

  it('speaks Malay', () => {
    expect(renderBalance(wallet, 'ms').text).toMatch(/Dompet pembekal/);
  });
});

describe('/order', () => {
  const order = sampleOrder({
    state: 'succeeded',
    createdAt: NOW,
    updatedAt: NOW + 5_000,
    outcome: {
      refid: 'oTEST0000000000001',
      state: 'succeeded',
      providerStatus: 'Succesful',
      providerCode: '00',
      cost: rm(24.5),
      pin: '1234-5678-SECRET',
      serialNumber: 'SN-1',
    },
    history: [
      { at: NOW, state: 'confirmed', note: 'confirmed by buyer' },
      { at: NOW + 1_000, state: 'submitted', note: 'sending to provider' },
      { at: NOW + 5_000, state: 'succeeded', note: 'provider: <Succesful> 00' },
    ],
  });

  it('shows what support needs, with the history, and never the PIN', () => {
    const text = renderAdminOrder(order, 'en', { kind: 'final' }).text;
    expect(text).toContain('<code>oTEST0000000000001</code>');
    expect(text).toContain('Successful');
    expect(text).toContain('Buyer: <code>42</code>');
    expect(text).toContain('Grab Gift Code (GC)');
    expect(text).toContain('Amount: <b>RM 25.00</b>');
    expect(text).toContain('Cost: <b>RM 24.50</b>');
    expect(text).toContain('fake · Succesful · 00');
    expect(text).toContain('<code>SN-1</code>');
    expect(text).toContain('PIN: delivered to the buyer (not shown here)');
    expect(text).not.toContain('1234-5678-SECRET');
    expect(text).toMatch(
      /<b>History<\/b>\n• 5 Jan 2025, 14:00 · Confirmed, not sent yet · <i>confirmed by buyer<\/i>/,
    );
    expect(text).toContain('<i>provider: &lt;Succesful&gt; 00</i>');
    expect(text).toMatch(/final, so it was not re-queried/);
  });

  /** The docs' PLN serial (spec §5.11): its first part is the electricity token. */
  const PLN_SERIAL = '0123-4567-8901-2345-6789/PT INDOBEST ARTHA KREASI/R1 /000001300/66.2';
  const pln = (outcome: Partial<NonNullable<ReturnType<typeof sampleOrder>['outcome']>>) =>
    sampleOrder({
      state: 'succeeded',
      outcome: { refid: 'r', state: 'succeeded', providerStatus: 'SUCCESS', providerCode: '00', ...outcome },
    });
  const TOKEN_FORMS = ['0123-4567-8901-2345-6789', '01234567890123456789'];

  it('says a PLN token was delivered without showing it', () => {
    const order = pln({ electricityToken: { token: '0123-4567-8901-2345-6789', kwh: '66.2' } });
    const text = renderAdminOrder(order, 'en', { kind: 'final' }).text;
    expect(text).toContain('PLN token: delivered to the buyer (not shown here)');
    for (const form of TOKEN_FORMS) expect(text).not.toContain(form);
  });

  it('masks the token in the serial of an order stored when the serial still held it', () => {
    // Before the token was kept apart, a PLN order had both: the parsed token and the raw serial.
    const both = pln({ serialNumber: PLN_SERIAL, electricityToken: { token: '0123-4567-8901-2345-6789' } });
    const text = renderAdminOrder(both, 'en', { kind: 'final' }).text;
    expect(text).toContain(
      'Serial number: <code>••••-••••-••••-••••-6789/PT INDOBEST ARTHA KREASI/R1 /000001300/66.2</code>',
    );
    for (const form of TOKEN_FORMS) expect(text).not.toContain(form);
    // A serial whose token was never read out is masked by its shape alone.
    const bare = renderAdminOrder(pln({ serialNumber: '01234567890123456789/BUDI/R1 /000000900' }), 'en', {
      kind: 'final',
    }).text;
    expect(bare).toContain('<code>••••••••••••••••6789/BUDI/R1 /000000900</code>');
    for (const form of TOKEN_FORMS) expect(bare).not.toContain(form);
  });

  it('leaves serials that hold no token as they are', () => {
    for (const serial of ['123456789012345678', 'BA4B52862X7P / 2018-12-07', '12345/NAME']) {
      const text = renderAdminOrder(pln({ serialNumber: serial }), 'en', { kind: 'final' }).text;
      expect(text).toContain(`Serial number: <code>${serial}</code>`);
    }
  });

  it('shows a failure’s code, its meaning and what the provider said, for support', () => {
    const failed = sampleOrder({
      state: 'failed',
      failure: { code: 'invalid_account', providerCode: '52', providerText: 'Barred <number>' },
    });
    const text = renderAdminOrder(failed, 'en', { kind: 'final' }).text;
    expect(text).toContain('Reason: <code>invalid_account</code> The number or account is wrong');
    expect(text).toContain('Provider said: <b>52 · Barred &lt;number&gt;</b>');
    const ms = renderAdminOrder(failed, 'ms', { kind: 'final' }).text;
    expect(ms).toContain(`Sebab: <code>invalid_account</code> ${MESSAGES.ms.failures.invalid_account}`);
  });

  it('shows the English reason of an order stored before failure codes', () => {
    const legacy = { ...sampleOrder({ state: 'rejected' }), failureReason: 'The shop cannot take payments' };
    const text = renderAdminOrder(legacy, 'en', { kind: 'final' }).text;
    expect(text).toContain('Reason: <b>The shop cannot take payments</b>');
    expect(text).not.toContain('Provider said');
  });

  it.each([
    [{ kind: 'requeried' } as const, /Re-queried with the provider just now/],
    [{ kind: 'busy' } as const, /being checked with the provider at this very moment/],
    [
      { kind: 'failed', reason: 'ProviderUnavailableError: <down>' } as const,
      /re-query failed: ProviderUnavailableError: &lt;down&gt;/,
    ],
  ])('says what the re-query did: %o', (note, pattern) => {
    expect(renderAdminOrder({ ...order, state: 'pending' }, 'en', note).text).toMatch(pattern);
  });

  it('keeps only the latest history and stays within a Telegram message', () => {
    const long = {
      ...order,
      history: Array.from({ length: 200 }, (_, i) => ({
        at: NOW + i,
        state: 'pending' as const,
        note: 'x'.repeat(500),
      })),
    };
    const text = renderAdminOrder(long, 'en', { kind: 'requeried' }).text;
    expect(text.split('\n').filter((line) => line.startsWith('• '))).toHaveLength(12);
    expect(text.length).toBeLessThan(4096);
  });
});

describe('an IC number on admin views', () => {
  // A PTPTN order stored before its display was masked still holds the IC whole.
  const ptptn = sampleOrder({
    refid: 'R-IC',
    state: 'needs_attention',
    createdAt: NOW - 20 * 60_000,
    display: LEGACY_PTPTN_DISPLAY,
  });

  it('/order and the needs-attention alert show only its last four digits', () => {
    const order = renderAdminOrder(ptptn, 'en', { kind: 'busy' }).text;
    const alert = renderAttentionAlert(ptptn, 'en', { nowMs: NOW, suppressed: 0 }).text;
    expect(order).toContain('Account: <b>••••••-••-5678</b>');
    expect(alert).toContain('PTPTN / SSPN · ••••••-••-5678');
    for (const text of [order, alert]) expect(text).not.toContain('900101145678');
  });
});

describe('/pending', () => {
  it('says so when every order is final', () => {
    expect(renderPending([], NOW, 'en').text).toMatch(/Every order is final/);
  });

  it('lists open orders with their age, marking those needing attention', () => {
    const text = renderPending(
      [
        sampleOrder({ refid: 'old-one', state: 'needs_attention', createdAt: NOW - 3 * 60 * 60_000 }),
        sampleOrder({ refid: 'new-one', state: 'pending', createdAt: NOW - 2 * 60_000, userId: 7 }),
      ],
      NOW,
      'en',
    ).text;
    expect(text).toMatch(/Orders not final: 2/);
    const [first, second] = text.split('\n').slice(2);
    expect(first).toBe(
      '🕓 <code>old-one</code> · 3 h 0 min · RM 25.00 · Grab Gift Code · Buyer <code>42</code> · <b>Needs attention</b>',
    );
    expect(second).toBe('⏳ <code>new-one</code> · 2 min · RM 25.00 · Grab Gift Code · Buyer <code>7</code>');
  });

  it('shows the oldest ones and counts the rest', () => {
    const orders = Array.from({ length: PENDING_SHOWN + 7 }, (_, i) =>
      sampleOrder({ refid: `o-${i}`, state: 'pending' }),
    );
    const text = renderPending(orders, NOW, 'en').text;
    expect(text).toMatch(/Orders not final: 27/);
    expect(text).toContain('<code>o-19</code>');
    expect(text).not.toContain('<code>o-20</code>');
    expect(text).toMatch(/…and 7 more\./);
    expect(text.length).toBeLessThan(4096);
  });
});

describe('/stats', () => {
  it('shows the day’s figures', () => {
    const stats = summarizeDay(
      [
        sampleOrder({
          state: 'succeeded',
          outcome: { refid: 'r', state: 'succeeded', providerStatus: 'S', providerCode: '00', cost: rm(24) },
          charge: { price: rm(26.5) },
        }),
        sampleOrder({ state: 'succeeded', charge: { price: rm(26) } }),
        sampleOrder({ state: 'failed', userId: 7 }),
        sampleOrder({ state: 'pending', userId: 7 }),
      ],
      { dayStart: Date.UTC(2025, 0, 4, 16, 0), currency: 'MYR' },
    );
    const text = renderStats(stats, 'en').text;
    expect(text).toContain('📊 <b>Today, 5 Jan 2025</b> (shop time)');
    expect(text).toContain('Orders: <b>4</b> · Buyers: <b>2</b>');
    expect(text).toContain(
      'Successful: <b>2</b> · Failed: <b>1</b> · Refunded: <b>0</b> · Cancelled: <b>0</b>',
    );
    expect(text).toContain('In progress: <b>1</b> · Needs attention: <b>0</b>');
    expect(text).toContain('Success rate: <b>66.7%</b>');
    expect(text).toContain('Sold (successful): <b>RM 50.00</b>');
    expect(text).toContain('Paid by buyers: <b>RM 52.50</b>');
    // 24.00 reported, and 25.00 (the face value) for the order without a reported cost.
    expect(text).toContain('Cost: <b>RM 49.00</b>');
    expect(text).toContain('Margin: <b>RM 3.50</b>');
    expect(text).toMatch(/did not report the cost of 1 successful orders; their face value/);
  });

  it('says when nothing is final yet, and when the figures are partial', () => {
    const stats = summarizeDay([sampleOrder({ state: 'pending' })], {
      dayStart: 0,
      currency: 'MYR',
      truncated: true,
    });
    const text = renderStats(stats, 'ms').text;
    expect(text).toContain('Kadar kejayaan: <b>belum ada yang muktamad</b>');
    expect(text).toMatch(/Hanya 1 pesanan pertama/);
  });
});

describe('alerts', () => {
  it('low balance names the balance and the threshold', () => {
    const text = renderLowBalanceAlert(money(12_345, 'MYR'), money(100_000, 'MYR'), 'en').text;
    expect(text).toMatch(/Low wallet balance/);
    expect(text).toContain('<b>RM 123.45</b>');
    expect(text).toContain('RM 1,000.00');
  });

  it('needs attention names the order, how to check it, and a pause', () => {
    const order = sampleOrder({ refid: 'R-9', state: 'needs_attention', createdAt: NOW - 20 * 60_000 });
    const text = renderAttentionAlert(order, 'en', {
      nowMs: NOW,
      suppressed: 3,
      pausedForMs: 10 * 60_000,
    }).text;
    expect(text).toMatch(/An order needs attention/);
    expect(text).toContain('Reference: <code>R-9</code>');
    expect(text).toContain('<code>/order R-9</code>');
    expect(text).toContain('(20 min)');
    expect(text).toMatch(/3 more orders needed attention/);
    expect(text).toMatch(/paused for 10 min/);
    const plain = renderAttentionAlert(order, 'en', { nowMs: NOW, suppressed: 0 }).text;
    expect(plain).not.toMatch(/more orders|paused/);
  });

  it('provider errors count them and show the latest, escaped', () => {
    const text = renderProviderErrorAlert(
      { errors: 3, windowMs: 10 * 60_000, detail: 'AuthenticationError: <401>' },
      'en',
    ).text;
    expect(text).toMatch(/3 calls to the provider failed in the last 10 min/);
    expect(text).toContain('<i>AuthenticationError: &lt;401&gt;</i>');
    expect(renderProviderErrorAlert({ errors: 3, windowMs: 600_000 }, 'ms').text).toMatch(/Ralat pembekal/);
  });

  it('a failed command says why, escaped', () => {
    expect(renderAdminFailure('Error: <boom>', 'en').text).toBe('⚠️ That did not work: Error: &lt;boom&gt;');
  });
});
