import { describe, expect, it } from 'vitest';
import { money } from '../../payments/money.js';
import { JAKARTA_TIME } from '../i18n/dates.js';
import { messagesFor } from '../i18n/index.js';
import { refusalText } from './access-views.js';

describe('refusals in the shop’s time zone', () => {
  // Midnight in Jakarta that began 6 Jan 2025: 17:00 UTC on 5 Jan.
  const resetsAt = Date.UTC(2025, 0, 5, 17, 0);

  it('an IAK shop tells the buyer the limits reset at midnight WIB', () => {
    const text = refusalText(
      { kind: 'daily-count', limit: 3, resetsAt },
      messagesFor('id'),
      'id',
      JAKARTA_TIME,
    );
    expect(text).toContain('batas 3 pesanan');
    expect(text).toContain('tengah malam waktu toko (6 Jan 2025, 00:00 WIB)');
    const amount = refusalText(
      { kind: 'daily-amount', limit: money(500_000, 'IDR'), remaining: money(0, 'IDR'), resetsAt },
      messagesFor('id'),
      'id',
      JAKARTA_TIME,
    );
    expect(amount).toContain('00:00 WIB');
  });

  it('without a zone, the time is Malaysia’s, as before', () => {
    const text = refusalText({ kind: 'daily-count', limit: 3, resetsAt }, messagesFor('en'), 'en');
    expect(text).toContain('midnight shop time (6 Jan 2025, 01:00)');
  });
});
