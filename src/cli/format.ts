import { formatMoney, type Money, toDecimalString } from '../payments/money.js';
import type {
  AmountRule,
  BillPresentment,
  NetworkStatus,
  Product,
  SubProductPage,
  WalletBalance,
} from '../payments/types.js';

/** Plain-text renderings of provider data for the operator CLI. */

export function formatBalance(balance: WalletBalance): string {
  const access = balance.readOnly ? 'read-only' : 'full access';
  return [
    `Account:  ${balance.account} (${balance.name})`,
    `Balance:  ${formatMoney(balance.balance)}`,
    `Level:    ${balance.level}`,
    `Access:   ${access}`,
  ].join('\n');
}

export function formatProducts(products: Product[]): string {
  if (products.length === 0) return 'No products.';
  const width = Math.max(...products.map((p) => p.code.length));
  return products
    .map((p) => {
      const flags = [
        p.unsellable
          ? `not sellable: ${p.unsellable.reason} "${p.unsellable.detail}"`
          : p.active
            ? ''
            : 'inactive',
        p.hasSubproducts ? 'has sub-products' : '',
      ].filter(Boolean);
      const extra = flags.length > 0 ? `  [${flags.join(', ')}]` : '';
      return `${p.code.padEnd(width)}  ${p.name}  (${p.category})  ${describeAmountRule(p.amount)}${extra}`;
    })
    .join('\n');
}

export function describeAmountRule(rule: AmountRule): string {
  switch (rule.kind) {
    case 'fixed':
      return `amounts: ${rule.choices.map(toDecimalString).join(', ')}`;
    case 'range':
      return `amount ${toDecimalString(rule.min)} to ${toDecimalString(rule.max)}${rule.wholeUnitsOnly ? ' (whole units)' : ''}`;
    case 'open':
      return 'amount set by plan';
  }
}

export function formatBill(bill: BillPresentment): string {
  const lines = [`Result:   ${bill.outcome}${bill.message ? ` (${bill.message})` : ''}`];
  const field = (label: string, value: string | undefined) => {
    if (value !== undefined) lines.push(`${`${label}:`.padEnd(10)}${value}`);
  };
  field('Biller', bill.billerName);
  field('Customer', bill.customerName);
  field('Due', bill.outstanding && formatMoney(bill.outstanding));
  field('Balance', bill.balanceText);
  field('Data', bill.dataBalance);
  field('Address', bill.address);
  field('E-Bill', bill.eBillUrl);
  field('Due date', bill.dueDate ?? bill.dueDateText);
  for (const custom of bill.customFields ?? []) field(custom.label ?? 'Detail', custom.value);
  for (const [label, value] of bill.otherFields) field(label, value);
  if (bill.validity) {
    const verdict = bill.validity.allowed ? 'payable' : 'not payable';
    field('Validity', `${verdict}${bill.validity.message ? ` (${bill.validity.message})` : ''}`);
  }
  if (bill.ref2Required) field('Ref-2', 'required: add --ref2');
  return lines.join('\n');
}

export function formatSubProducts(page: SubProductPage, nextCommand?: (cursor: string) => string): string {
  if (page.items.length === 0) return 'No sub-products for this product and account.';
  const lines = page.items.map((item) => {
    const parts = [item.code, item.name];
    const price = item.price ?? item.faceValue;
    if (price) parts.push(formatMoney(price));
    if (item.min && item.max) parts.push(`${formatMoney(item.min)} to ${formatMoney(item.max)}`);
    if (item.validity) parts.push(item.validity);
    if (item.description && item.description !== item.name) parts.push(item.description);
    if (item.accountNumber) parts.push(`account ${item.accountNumber}`);
    return parts.join('  |  ');
  });
  if (page.next) lines.push(`(more: ${nextCommand ? nextCommand(page.next) : `--page ${page.next}`})`);
  return lines.join('\n');
}

export function formatNetworkStatus(status: NetworkStatus): string {
  return `${status.product} ${status.name}: ${status.status}${status.healthy ? '' : ' (purchases may be slow or fail)'}`;
}

/** JSON with money as both minor units and a decimal string, so scripts need not know the currency rules. */
export function toJson(data: unknown): string {
  return JSON.stringify(
    data,
    (_key, value: unknown) => (isMoney(value) ? { ...value, decimal: toDecimalString(value) } : value),
    2,
  );
}

function isMoney(value: unknown): value is Money {
  return (
    typeof value === 'object' &&
    value !== null &&
    'minor' in value &&
    'currency' in value &&
    Object.keys(value).length === 2
  );
}
