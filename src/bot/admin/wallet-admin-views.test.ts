import { describe, expect, it } from 'vitest';
import { money } from '../../payments/money.js';
import type { LedgerEntry, WalletAudit } from '../../wallet/ledger.js';
import { byteLength, CALLBACK_DATA_MAX_BYTES, decodeCallbackData } from '../callback-data.js';
import type { Adjustment } from './money-commands.js';
import {
  ADMIN_STATEMENT_PAGE,
  AUDIT_LISTED,
  renderAdjustmentApplied,
  renderAdjustmentPreview,
  renderAdminWallet,
  renderAuditAll,
  renderBuyerAdjustment,
  renderMoneyCommandProblem,
  renderPricingPending,
  renderWalletAudit,
} from './wallet-admin-views.js';

const rm = (sen: number) => money(sen, 'MYR');
const action = { id: 'A'.repeat(32), createdAt: 0, expiresAt: 10 * 60_000 };
const credit: Adjustment = {
  direction: 'credit',
  userId: 4242,
  amount: rm(1_050),
  note: 'sorry <b>late</b>',
};

function buttonData(keyboard: ReturnType<typeof renderAdjustmentPreview>['keyboard']) {
  return keyboard.flat().map((b) => (b.kind === 'callback' ? b.data : ''));
}

describe('credit and debit confirmations', () => {
  it('show the buyer, the amount, the escaped note and the balance before → after, with Confirm and Cancel', () => {
    const shown = renderAdjustmentPreview(action, credit, rm(2_000), 'en');
    expect(shown.text).toContain('Credit a buyer’s wallet?');
    expect(shown.text).toContain('Buyer: <code>4242</code>');
    expect(shown.text).toContain('Amount: <b>RM 10.50</b>');
    expect(shown.text).toContain('<i>sorry &lt;b&gt;late&lt;/b&gt;</i>');
    expect(shown.text).toContain('Balance: RM 20.00 → <b>RM 30.50</b>');
    expect(shown.text).toContain('valid for 10 min');
    const data = buttonData(shown.keyboard);
    expect(data).toEqual([`a:y:${action.id}`, `a:n:${action.id}`]);
    // The longest action id still fits, and the data carries no amount.
    for (const wire of data) {
      expect(byteLength(wire)).toBeLessThanOrEqual(CALLBACK_DATA_MAX_BYTES);
      expect(wire).not.toContain('10.50');
      expect(decodeCallbackData(wire)).toMatchObject({ scope: 'admin', actionId: action.id });
    }
  });

  it('refuse a debit beyond the balance at once, without buttons', () => {
    const shown = renderAdjustmentPreview(action, { ...credit, direction: 'debit' }, rm(500), 'en');
    expect(shown.text).toContain('Not debited.');
    expect(shown.text).toContain('holds RM 5.00, less than RM 10.50');
    expect(shown.keyboard).toEqual([]);
  });

  it('speak Malay', () => {
    const shown = renderAdjustmentPreview(action, { ...credit, direction: 'debit' }, rm(5_000), 'ms');
    expect(shown.text).toContain('Debit dompet pembeli?');
    expect(shown.keyboard.flat().map((b) => b.text)).toEqual(['✅ Sahkan', '✖️ Batal']);
  });

  it('once applied, say who did it and the new balance, and whether the buyer was told', () => {
    const applied = renderAdjustmentApplied(
      credit,
      { balance: rm(3_050), adminId: 9, buyerTold: false },
      'en',
    );
    expect(applied.text).toContain('Credited</b> RM 10.50 to <code>4242</code> by <code>9</code>');
    expect(applied.text).toContain('New balance: <b>RM 30.50</b>');
    expect(applied.text).toContain('could not be told');
    expect(applied.keyboard).toEqual([]);
  });

  it('tell the buyer in their language', () => {
    expect(renderBuyerAdjustment(credit, rm(3_050), 'en').text).toBe(
      '➕ <b>RM 10.50</b> was added to your wallet by the shop.\nBalance: <b>RM 30.50</b>\n\nNote: <i>sorry &lt;b&gt;late&lt;/b&gt;</i>',
    );
    expect(renderBuyerAdjustment({ ...credit, direction: 'debit' }, rm(950), 'ms').text).toContain(
      'telah diambil daripada dompet anda',
    );
  });

  it('word parse problems with the usage', () => {
    const text = renderMoneyCommandProblem(
      {
        code: 'badAmount',
        command: 'debit',
        word: '<10.555>',
        error: { code: 'amount-too-precise', digits: 2 },
      },
      'en',
    ).text;
    expect(text).toContain('“&lt;10.555&gt;”: Too many decimal places: at most 2.');
    expect(text).toContain('/debit &lt;user id&gt;');
  });

  it('names the fat-finger guard and the setting that raises it, in every language', () => {
    const problem = {
      code: 'aboveAdjustLimit' as const,
      command: 'credit' as const,
      word: '99999999999',
      limit: rm(1_000_000),
    };
    const en = renderMoneyCommandProblem(problem, 'en');
    expect(en.text).toContain(
      '“99999999999” is above the most one /credit or /debit may move: <b>RM 10,000.00</b>',
    );
    expect(en.text).toContain('Nothing was changed');
    expect(en.keyboard).toEqual([]);
    for (const locale of ['en', 'ms', 'id'] as const) {
      const text = renderMoneyCommandProblem(problem, locale).text;
      expect(text).toContain('<b>RM 10,000.00</b>');
      expect(text).toContain('<code>ADMIN_ADJUST_MAX_AMOUNT</code>');
    }
  });
});

function entry(n: number): LedgerEntry {
  return {
    id: `topup:t${n}`,
    userId: 4242,
    kind: 'topup',
    amount: 100,
    currency: 'MYR',
    balanceAfter: 100 * n,
    reference: `t${n}`,
    at: Date.UTC(2025, 0, 5),
  };
}

describe('a buyer’s wallet for an admin', () => {
  it('pages the statement with buttons carrying the user id and the page', () => {
    const entries = Array.from({ length: ADMIN_STATEMENT_PAGE }, (_, i) => entry(20 - i));
    const shown = renderAdminWallet(
      { userId: 4242, balance: rm(2_000), page: { entries, total: 25 }, pageIndex: 1 },
      'en',
    );
    expect(shown.text).toContain('Wallet of <code>4242</code>');
    expect(shown.text).toContain('Entries 11–20 of 25, newest first:');
    expect(shown.text).toContain('Top-up · <b>+RM 1.00</b> → RM 20.00 · <code>t20</code>');
    expect(buttonData(shown.keyboard)).toEqual(['a:w:4242:0', 'a:w:4242:2']);
  });

  it('words the shop’s own notes, and names the admin who refunded Stars', () => {
    const shown = renderAdminWallet(
      {
        userId: 4242,
        balance: rm(0),
        page: {
          entries: [
            { ...entry(2), id: 'reversal:t1', kind: 'reversal', amount: -100, note: 'stars refund by 9001' },
            { ...entry(1), note: 'billplz' },
          ],
          total: 2,
        },
        pageIndex: 0,
      },
      'en',
    );
    expect(shown.text).toContain('<i>Online banking (Billplz)</i>');
    expect(shown.text).toContain('<i>Stars refunded through Telegram by 9001</i>');
  });

  it('says when there is nothing', () => {
    const shown = renderAdminWallet(
      { userId: 1, balance: rm(0), page: { entries: [], total: 0 }, pageIndex: 0 },
      'en',
    );
    expect(shown.keyboard).toEqual([]);
    expect(shown.text).toContain('Balance: <b>RM 0.00</b>');
    // The admin has no Top up button: they are told how to credit instead.
    expect(shown.text).not.toContain('Top up');
    expect(shown.text).toContain(
      'No entries yet. To add money to this wallet, send <code>/credit 1 &lt;amount&gt;</code>.',
    );
    for (const locale of ['ms', 'id'] as const) {
      const text = renderAdminWallet(
        { userId: 999, balance: rm(0), page: { entries: [], total: 0 }, pageIndex: 0 },
        locale,
      ).text;
      expect(text).toContain('<code>/credit 999 &lt;amount&gt;</code>');
      expect(text).not.toMatch(/Tambah nilai|Isi saldo/);
    }
  });
});

describe('a page past the end of a wallet that has entries', () => {
  const past = (locale: 'en' | 'ms' | 'id') =>
    renderAdminWallet(
      // `/wallet 4242 7`: 25 entries fill 3 pages.
      { userId: 4242, balance: rm(2_000), page: { entries: [], total: 25 }, pageIndex: 6 },
      locale,
    );

  it('says there is no such page and how many entries and pages there are, not that the wallet is empty', () => {
    const shown = past('en');
    expect(shown.text).toContain('Balance: <b>RM 20.00</b>');
    expect(shown.text).toContain('There is no page 7: this wallet has 25 entries on 3 pages.');
    expect(shown.text).not.toContain('No entries yet');
    expect(shown.text).not.toContain('/credit');
    // Previous leads to the last page, not to page 6.
    expect(buttonData(shown.keyboard)).toEqual(['a:w:4242:2']);
    expect(
      renderAdminWallet(
        { userId: 4242, balance: rm(100), page: { entries: [], total: 1 }, pageIndex: 1 },
        'en',
      ).text,
    ).toContain('There is no page 2: this wallet has 1 entry on 1 page.');
  });

  it('in Malay and Indonesian too', () => {
    expect(past('ms').text).toContain('Tiada halaman 7: dompet ini ada 25 catatan dalam 3 halaman.');
    expect(past('id').text).toContain('Tidak ada halaman 7: dompet ini punya 25 catatan dalam 3 halaman.');
    for (const locale of ['ms', 'id'] as const) expect(past(locale).text).not.toContain('/credit');
  });
});

function audit(userId: number, problems: string[] = []): WalletAudit {
  return { userId, balance: rm(100), sum: rm(100), entries: 2, ok: problems.length === 0, problems };
}

describe('audits', () => {
  it('one wallet: consistent, or its problems escaped', () => {
    expect(renderWalletAudit(audit(5), 'en').text).toBe(
      '✅ The wallet of <code>5</code> is consistent: RM 1.00, 2 entries.',
    );
    const bad = renderWalletAudit(audit(6, ['balance 5 != sum <4>']), 'en').text;
    expect(bad).toContain('has 1 problem:');
    expect(bad).toContain('<code>balance 5 != sum &lt;4&gt;</code>');
  });

  it('all wallets: counts, the wallets with problems (capped), and a partial run', () => {
    const audits = [audit(1), ...Array.from({ length: AUDIT_LISTED + 2 }, (_, i) => audit(100 + i, ['x']))];
    const text = renderAuditAll(audits, audits.length + 5, 'en').text;
    expect(text).toContain(`Audit of ${audits.length} wallets`);
    expect(text).toContain(`Consistent: <b>1</b> · With problems: <b>${AUDIT_LISTED + 2}</b>`);
    expect(text).toContain('…and 2 more.');
    expect(text).toContain(`Only the first ${audits.length} of ${audits.length + 5} wallets were audited.`);
    expect(renderAuditAll([], 0, 'en').text).toContain('nothing to audit');
    // One of each, in the singular.
    expect(renderAuditAll([audit(1)], 1, 'en').text).toContain('Audit of 1 wallet</b>');
    expect(renderWalletAudit({ ...audit(5), entries: 1 }, 'en').text).toContain('RM 1.00, 1 entry.');
    expect(renderAuditAll([audit(1)], 1, 'ms').text).toContain('Konsisten: <b>1</b>');
  });
});

describe('a /margin preview awaiting Apply', () => {
  it('adds the expiry and Apply / Cancel', () => {
    const shown = renderPricingPending({ text: 'preview', parseMode: 'HTML', keyboard: [] }, action, 'en');
    expect(shown.text).toBe('preview\n\nNothing changes until you tap Apply (valid for 10 min).');
    expect(shown.keyboard.flat().map((b) => b.text)).toEqual(['✅ Apply', '✖️ Cancel']);
  });
});
