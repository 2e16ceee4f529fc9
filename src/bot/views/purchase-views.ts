import { formatMoney, type Money, money } from '../../payments/money.js';
import type { SubProduct } from '../../payments/types.js';
import { optionNameOf } from '../flow/draft.js';
import { PAGE_SIZE, pageCount, pageSlice } from '../flow/paging.js';
import { accountInputKind, purchaseNatureOf } from '../flow/product-kind.js';
import {
  chosenOption,
  effectiveAmountRule,
  faceValueOf,
  minimumAboveOrderMax,
  offeredChoices,
  optionLabel,
  optionPrice,
  outstandingOffer,
} from '../flow/purchase.js';
import type { BillerList, Purchase } from '../flow/state.js';
import type { Locale } from '../i18n/locale.js';
import type { Messages } from '../i18n/messages.js';
import { maskIdNumber, shownAccount } from '../id-numbers.js';
import { phoneCountryFor } from '../input.js';
import { billCard } from './bill-card.js';
import { blocks, clip, escapeHtml, field, lines } from './html.js';
import { PHONE_EXAMPLES } from './notices.js';
import { type Button, type Keyboard, present, rows, type ScreenButtons, urlButton } from './view.js';

/** The purchase screens. Each returns its body text and keyboard; screen.ts adds the notice on top. */

export interface Body {
  text: string;
  keyboard: Keyboard;
}

const MAX_INSTRUCTIONS = 500;

/** The interruption warning, when the product's network is down, worded for what is bought. */
function networkWarning(purchase: Purchase, m: Messages): string | undefined {
  return purchase.networkWarning ? m.purchase.networkWarning[purchaseNatureOf(purchase.product)] : undefined;
}

/** Product name and, when the network is down, the warning: on top of every purchase screen. */
function header(purchase: Purchase, m: Messages, withInstructions = false): string {
  const { validityDays } = purchase.product;
  const instructions = [
    purchase.product.instructions?.trim(),
    validityDays === undefined ? undefined : m.purchase.validForDays(validityDays),
  ]
    .filter(Boolean)
    .join(' ');
  return lines(
    `<b>${escapeHtml(purchase.product.name)}</b>`,
    networkWarning(purchase, m),
    withInstructions && instructions
      ? `<i>${escapeHtml(clip(instructions, MAX_INSTRUCTIONS))}</i>`
      : undefined,
  );
}

function billerLine(purchase: Purchase, m: Messages): string | undefined {
  const biller = purchase.biller;
  if (!biller) return undefined;
  const name = biller.name ? `${biller.name} (${biller.code})` : biller.code;
  return m.purchase.biller(escapeHtml(name));
}

/** "IC Number: ••••••-••-5678", "Mobile Number: 0123456780": the account as typed, an IC masked. */
function accountLine(purchase: Purchase): string | undefined {
  if (!purchase.account) return undefined;
  return field(escapeHtml(purchase.product.accountLabel), shownAccount(purchase.product, purchase.account));
}

function backAndCancel(sb: ScreenButtons, m: Messages): Button[] {
  return [sb.plain(m.buttons.back, 'back'), sb.plain(m.buttons.cancel, 'cancel')];
}

function keepRow(sb: ScreenButtons, m: Messages, value: string | undefined): Button[] {
  return value ? [sb.plain(m.buttons.keep(value), 'keep')] : [];
}

function pageRow(sb: ScreenButtons, m: Messages, page: number, pages: number): Button[] {
  const buttons: Button[] = [];
  if (page > 0) buttons.push(sb.indexed(m.buttons.prevPage, 'page', page - 1));
  if (page < pages - 1) buttons.push(sb.indexed(m.buttons.nextPage, 'page', page + 1));
  return buttons;
}

function pageLine(m: Messages, page: number, pages: number): string | undefined {
  return pages > 1 ? m.menu.page(page + 1, pages) : undefined;
}

export function accountBody(purchase: Purchase, m: Messages, sb: ScreenButtons): Body {
  const label = escapeHtml(purchase.product.accountLabel);
  let hint: string | undefined;
  switch (accountInputKind(purchase.product)) {
    case 'phone':
      hint = m.purchase.phoneHint(PHONE_EXAMPLES[phoneCountryFor(purchase.currency)]);
      break;
    case 'nric':
      hint = m.purchase.nricHint;
      break;
    case 'account':
      hint = purchase.product.keyboard === 'numeric' ? m.purchase.digitsHint : undefined;
      break;
  }
  const text = blocks(
    header(purchase, m, purchase.kind !== 'biller'),
    billerLine(purchase, m),
    lines(m.purchase.typeAccount(label), hint),
  );
  return {
    text,
    keyboard: [
      keepRow(sb, m, purchase.account && shownAccount(purchase.product, purchase.account)),
      backAndCancel(sb, m),
    ],
  };
}

export function billersBody(purchase: Purchase, list: BillerList, m: Messages, sb: ScreenButtons): Body {
  const search = list.search === undefined ? undefined : escapeHtml(list.search);
  let listLine: string | undefined;
  if (search !== undefined) {
    listLine =
      list.items.length === 0 ? m.purchase.noBillers(search) : m.purchase.billerSearchResults(search);
  }
  const text = blocks(
    header(purchase, m, true),
    m.purchase.chooseBiller,
    lines(listLine, search !== undefined && list.items.length > 0 ? m.purchase.narrowSearch : undefined),
  );
  const billers = list.items.map((biller, index) =>
    sb.indexed(biller.name ? `${biller.name} · ${biller.code}` : biller.code, 'option', index),
  );
  const nav: Button[] = [];
  if (list.page > 0) nav.push(sb.plain(m.buttons.prevPage, 'prevPage'));
  if (list.next !== undefined) nav.push(sb.plain(m.buttons.nextPage, 'nextPage'));
  return {
    text,
    keyboard: [
      ...rows(billers, 1),
      nav,
      search !== undefined ? [sb.plain(m.buttons.clearSearch, 'clearSearch')] : [],
      backAndCancel(sb, m),
    ],
  };
}

export function ref2Body(purchase: Purchase, m: Messages, sb: ScreenButtons): Body {
  const text = blocks(
    header(purchase, m),
    lines(billerLine(purchase, m), accountLine(purchase)),
    m.purchase.ref2Prompt,
  );
  return { text, keyboard: [keepRow(sb, m, purchase.ref2), backAndCancel(sb, m)] };
}

/**
 * Indices of `options` in display order: accounts grouped by their category (description), groups
 * in order of first appearance; plans as the provider sent them.
 */
export function displayOrder(purchase: Purchase): number[] {
  const options = purchase.options ?? [];
  const indices = options.map((_, index) => index);
  if (purchase.kind !== 'account-lookup') return indices;
  const groups = [...new Set(options.map((option) => groupOf(option)))];
  return groups.flatMap((group) => indices.filter((index) => groupOf(options[index]) === group));
}

function groupOf(option: SubProduct | undefined): string {
  return option?.description?.trim() ?? '';
}

export function optionsBody(purchase: Purchase, page: number, m: Messages, sb: ScreenButtons): Body {
  const options = purchase.options ?? [];
  const account = escapeHtml(shownAccount(purchase.product, purchase.account ?? ''));
  const accounts = purchase.kind === 'account-lookup';
  const intro = accounts ? m.purchase.accountsFor(account) : m.purchase.plansFor(account);
  if (options.length === 0) {
    return {
      text: blocks(header(purchase, m), accounts ? m.purchase.noAccounts : m.purchase.noPlans),
      keyboard: [backAndCancel(sb, m)],
    };
  }
  const order = displayOrder(purchase);
  const pages = pageCount(order.length, PAGE_SIZE.options);
  const shown = pageSlice(order, page, PAGE_SIZE.options);
  const listing: string[] = [];
  const buttons: Button[] = [];
  let lastGroup: string | undefined;
  for (const { item: index, index: position } of shown) {
    const option = options[index];
    if (!option) continue;
    // Numbered, so two long names cut short on their buttons can still be told apart.
    const n = `${position + 1}.`;
    const label = optionLabel(option, purchase.product);
    if (accounts) {
      const group = groupOf(option);
      if (group !== lastGroup && group !== '') listing.push(`<b>${escapeHtml(group)}</b>`);
      lastGroup = group;
      const number = option.accountNumber ? ` — ${escapeHtml(option.accountNumber)}` : '';
      listing.push(`${n} ${escapeHtml(label)}${number}`);
      const caption = option.accountNumber
        ? `${n} ${clip(label, 30)} · ${option.accountNumber}`
        : `${n} ${label}`;
      buttons.push(sb.indexed(caption, 'option', index));
    } else {
      const price = optionPrice(option);
      const facts = [price ? formatMoney(price) : undefined, option.validity].filter(Boolean).join(' · ');
      const detail = option.additionalDescription?.trim();
      listing.push(
        lines(
          `${n} <b>${escapeHtml(label)}</b>${facts ? ` — ${escapeHtml(facts)}` : ''}`,
          detail ? `    <i>${escapeHtml(clip(detail, 120))}</i>` : undefined,
        ),
      );
      buttons.push(
        sb.indexed(facts ? `${n} ${clip(label, 28)} · ${facts}` : `${n} ${label}`, 'option', index),
      );
    }
  }
  return {
    text: blocks(header(purchase, m), intro, lines(...listing), pageLine(m, page, pages)),
    keyboard: [...rows(buttons, 1), pageRow(sb, m, Math.min(page, pages - 1), pages), backAndCancel(sb, m)],
  };
}

/** What the buyer chose before the amount, as "Plan: …" (or account, biller). */
function choiceLine(purchase: Purchase, m: Messages): string | undefined {
  const name = optionNameOf(purchase);
  if (!name) return undefined;
  const label =
    purchase.kind === 'biller'
      ? m.labels.biller
      : purchase.kind === 'plan'
        ? m.labels.plan
        : m.labels.account;
  return field(label, name);
}

export function amountBody(purchase: Purchase, m: Messages, sb: ScreenButtons, locale: Locale): Body {
  const rule = effectiveAmountRule(purchase);
  const offer = outstandingOffer(purchase);
  const unreachable = minimumAboveOrderMax(purchase);
  let prompt: string;
  const buttons: Button[] = [];
  switch (rule.kind) {
    case 'fixed':
      prompt = unreachable ? unreachablePrompt(unreachable, m) : m.purchase.chooseAmount;
      // None above the shop's maximum; each carries its index in the provider's list.
      for (const { amount, index } of offeredChoices(purchase)) {
        buttons.push(sb.indexed(formatMoney(amount), 'amount', index));
      }
      break;
    case 'range': {
      prompt = unreachable
        ? unreachablePrompt(unreachable, m)
        : lines(
            m.purchase.typeAmountRange(formatMoney(rule.min), formatMoney(rule.max)),
            rule.wholeUnitsOnly ? m.purchase.wholeUnitsOnly : undefined,
          );
      break;
    }
    case 'open':
      prompt = lines(
        rule.max ? m.purchase.typeAmountUpTo(formatMoney(rule.max)) : m.purchase.typeAmountOpen,
        rule.wholeUnitsOnly ? m.purchase.wholeUnitsOnly : undefined,
      );
      break;
  }
  const text = blocks(
    header(purchase, m),
    purchase.bill ? billCard(purchase.bill, m, locale) : undefined,
    lines(
      // The biller line already names a biller; plans and accounts get their own line.
      purchase.kind === 'biller' ? billerLine(purchase, m) : undefined,
      // The number being topped up (or the account paid), so a typo shows before the amount.
      accountLine(purchase),
      purchase.kind === 'biller' ? undefined : choiceLine(purchase, m),
    ),
    prompt,
  );
  return {
    text,
    keyboard: [
      offer ? [sb.plain(m.buttons.payOutstanding(formatMoney(offer)), 'outstanding')] : [],
      ...rows(buttons, 3),
      present(urlButton(m.buttons.viewEbill, purchase.bill?.eBillUrl)),
      backAndCancel(sb, m),
    ],
  };
}

function unreachablePrompt(unreachable: { min: Money; max: Money }, m: Messages): string {
  return m.purchase.minimumAboveOrderMax(formatMoney(unreachable.min), formatMoney(unreachable.max));
}

/**
 * What the buyer pays: the amount line as before when the price is the face value; otherwise the
 * face value and, in bold, the price taken from the wallet.
 */
function amountLines(purchase: Purchase, m: Messages): Array<string | undefined> {
  // The face value, not the provider's charge when they differ (IAK): that is what the buyer gets.
  const amount = faceValueOf(purchase);
  if (!amount) return [];
  const price = purchase.price;
  if (!price || (price.minor === amount.minor && price.currency === amount.currency)) {
    return [field(m.labels.amount, formatMoney(amount))];
  }
  return [field(m.wallet.faceValue, formatMoney(amount)), field(m.wallet.youPay, formatMoney(price))];
}

/** How much the wallet, as read with the quote, lacks for the price; undefined when it is enough. */
function shortfall(purchase: Purchase): Money | undefined {
  const { price, walletBalance: balance } = purchase;
  if (!price || !balance || balance.currency !== price.currency || balance.minor >= price.minor)
    return undefined;
  return money(price.minor - balance.minor, price.currency);
}

export function confirmBody(purchase: Purchase, m: Messages, sb: ScreenButtons): Body {
  const l = m.labels;
  const option = chosenOption(purchase);
  const summary = lines(
    field(l.product, purchase.product.name),
    accountLine(purchase),
    purchase.bill?.customerName ? field(l.customerName, purchase.bill.customerName) : undefined,
    choiceLine(purchase, m),
    option?.validity ? field(l.validity, option.validity) : undefined,
    purchase.ref2 ? field(l.ref2, purchase.ref2) : undefined,
    purchase.payerId ? field(l.payerId, maskIdNumber(purchase.payerId)) : undefined,
    ...amountLines(purchase, m),
  );
  const short = shortfall(purchase);
  const text = blocks(
    lines(m.purchase.checkOrder, networkWarning(purchase, m)),
    summary,
    short && purchase.walletBalance
      ? m.purchase.balanceShort(formatMoney(purchase.walletBalance), formatMoney(short))
      : m.purchase.tapConfirm,
  );
  return {
    text,
    keyboard: [
      // Confirm stays: the balance may have grown since it was read, and Confirm decides.
      short ? [sb.plain(m.wallet.buttons.topup, 'topup')] : [],
      [sb.plain(m.buttons.confirm, 'confirm')],
      [sb.plain(m.buttons.change, 'change'), sb.plain(m.buttons.cancel, 'cancel')],
      [sb.plain(m.buttons.back, 'back')],
    ],
  };
}
