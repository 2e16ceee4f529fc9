import { describe, expect, it } from 'vitest';
import { sampleOrder } from '../../../test/support/bot/fixtures.js';
import { FAILURE_CODES, type FailureCode } from '../../payments/failure.js';
import type { Order, OrderState } from '../../payments/orders/order.js';
import { MESSAGES } from '../i18n/index.js';
import { LOCALES, type Locale } from '../i18n/locale.js';
import { renderOrderStatus } from './order-views.js';

/** The final state each failure code ends an order in (the engine's choice; see order-engine.ts). */
const STATE_OF: Record<FailureCode, OrderState> = {
  provider_declined: 'failed',
  invalid_account: 'failed',
  limit_reached: 'failed',
  product_unavailable: 'failed',
  provider_unavailable: 'failed',
  shop_unavailable: 'rejected',
  not_sent_in_time: 'cancelled',
  refunded: 'refunded',
};

const failedOrder = (code: FailureCode): Order =>
  sampleOrder({ state: STATE_OF[code], failure: { code, providerCode: '52' } });

/** Every sentence of a locale's order screens that says what happened, to look for in the other. */
function orderSentences(locale: Locale): string[] {
  const m = MESSAGES[locale];
  const o = m.orders;
  return [
    ...Object.values(m.failures),
    o.failedBody,
    o.noReason,
    o.refundedBody,
    o.cancelledBody,
    `${m.labels.reason}:`,
    `${m.labels.providerNote}:`,
  ];
}

const other = (locale: Locale): Locale => (locale === 'en' ? 'ms' : 'en');

describe('a failed order in the buyer’s language', () => {
  it('has a sentence for every failure code in every locale', () => {
    for (const locale of LOCALES) {
      expect(Object.keys(MESSAGES[locale].failures).sort(), locale).toEqual([...FAILURE_CODES].sort());
    }
    // One sentence per code: two codes worded alike would tell the buyer nothing different.
    for (const locale of LOCALES) {
      expect(new Set(Object.values(MESSAGES[locale].failures)).size, locale).toBe(FAILURE_CODES.length);
    }
  });

  describe.each(LOCALES)('in %s', (locale) => {
    const m = MESSAGES[locale];

    it.each(FAILURE_CODES.filter((code) => STATE_OF[code] !== 'cancelled'))(
      '%s gives its reason in this language and none in the other',
      (code) => {
        const text = renderOrderStatus(failedOrder(code), locale).text;
        expect(text).toContain(`${m.labels.reason}: <b>${m.failures[code]}</b>`);
        for (const sentence of orderSentences(other(locale))) expect(text).not.toContain(sentence);
      },
    );

    it('not_sent_in_time says it was never sent, in this language only', () => {
      const text = renderOrderStatus(failedOrder('not_sent_in_time'), locale).text;
      expect(text).toContain(m.orders.cancelledBody);
      for (const sentence of orderSentences(other(locale))) expect(text).not.toContain(sentence);
    });

    it('quotes the provider’s own remark under a label of this language', () => {
      const order = sampleOrder({
        state: 'failed',
        failure: {
          code: 'invalid_account',
          providerCode: '14',
          providerText: 'INCORRECT DESTINATION NUMBER',
        },
      });
      const text = renderOrderStatus(order, locale).text;
      expect(text).toContain(`${m.labels.providerNote}: <i>INCORRECT DESTINATION NUMBER</i>`);
    });
  });

  it('words the same failure differently for an English and a Malay buyer', () => {
    const order = failedOrder('limit_reached');
    expect(renderOrderStatus(order, 'en').text).toContain('reached its top-up limit');
    expect(renderOrderStatus(order, 'ms').text).toContain('mencapai had tambah nilai');
  });
});

describe('orders stored before failure codes', () => {
  /** As an older version wrote it to Redis: an English `failureReason`, no `failure`. */
  const stored = (fields: Record<string, unknown>): Order =>
    JSON.parse(JSON.stringify({ ...sampleOrder({ state: 'failed' }), ...fields })) as Order;

  it('still show the reason they were stored with', () => {
    const order = stored({ failureReason: 'Invalid or barred <mobile> number' });
    expect(renderOrderStatus(order, 'en').text).toContain(
      'Reason: <b>Invalid or barred &lt;mobile&gt; number</b>',
    );
    // Its words cannot be translated, but the screen around them is the buyer's language.
    const ms = renderOrderStatus(order, 'ms').text;
    expect(ms).toContain('Sebab: <b>Invalid or barred &lt;mobile&gt; number</b>');
    expect(ms).toContain(MESSAGES.ms.orders.failedBody);
  });

  it('fall back to the reason stored on the outcome, before raw remarks', () => {
    const order = stored({
      outcome: {
        refid: 'oTEST0000000000001',
        state: 'failed',
        providerStatus: 'Failed',
        providerCode: '52',
        remarks: 'ERR_52',
        failureReason: 'Invalid or barred mobile number',
      },
    });
    const text = renderOrderStatus(order, 'en').text;
    expect(text).toContain('Reason: <b>Invalid or barred mobile number</b>');
    expect(text).not.toContain('ERR_52');
  });
});
