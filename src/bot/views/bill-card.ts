import { formatMoney } from '../../payments/money.js';
import type { BillPresentment } from '../../payments/types.js';
import { formatIsoDate } from '../i18n/dates.js';
import type { Locale } from '../i18n/locale.js';
import type { Messages } from '../i18n/messages.js';
import { clip, escapeHtml, field, lines } from './html.js';

/** Provider-supplied extra fields are shown, but a runaway list must not fill the message. */
const MAX_OTHER_FIELDS = 8;
const MAX_FIELD_CHARS = 200;

/**
 * The bill card: only the fields the provider returned, in a fixed order, then any others in the
 * provider's order. No label without a value (spec §12).
 */
export function billCard(bill: BillPresentment, m: Messages, locale: Locale): string {
  const l = m.labels;
  const value = (text: string | undefined) => (text === undefined ? undefined : clip(text, MAX_FIELD_CHARS));
  const optional = (label: string, text: string | undefined) => {
    const shown = value(text);
    return shown === undefined || shown === '' ? undefined : field(label, shown);
  };
  return lines(
    m.bill.title,
    optional(l.biller, bill.billerName),
    optional(l.customerName, bill.customerName),
    bill.outstanding ? field(l.outstanding, formatMoney(bill.outstanding)) : undefined,
    optional(l.balance, bill.balanceText),
    optional(l.dataBalance, bill.dataBalance),
    optional(l.address, bill.address),
    optional(l.dueDate, bill.dueDate ? formatIsoDate(bill.dueDate, locale) : bill.dueDateText),
    ...(bill.customFields ?? [])
      .slice(0, MAX_OTHER_FIELDS)
      .map((custom) =>
        optional(custom.label?.trim() ? escapeHtml(clip(custom.label, 40)) : l.detail, custom.value),
      ),
    ...bill.otherFields
      .slice(0, MAX_OTHER_FIELDS)
      .map(
        ([label, text]: [string, string]) =>
          `${escapeHtml(clip(label, 40))}: <b>${escapeHtml(clip(text, MAX_FIELD_CHARS))}</b>`,
      ),
  );
}
