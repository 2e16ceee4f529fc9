import { describe, expect, it } from 'vitest';
import {
  ALL_PRODUCTS,
  HOTLINK_PLANS,
  orderFromDraft,
  PHONE,
  rm,
  sampleOrder,
  TNB_BILL,
} from '../../../test/support/bot/fixtures.js';
import {
  createHarness,
  type Failure,
  type FakeBackend,
  type Harness,
} from '../../../test/support/bot/harness.js';
import {
  AuthenticationError,
  ProviderRejectedError,
  ProviderUnavailableError,
} from '../../payments/errors.js';
import { encodeCallbackData } from '../callback-data.js';
import { renderOrderStatus } from '../views/order-views.js';
import { requestFailedEvent } from './errors.js';
import { createFlowState, FLOW_STATE_VERSION, restoreFlowState } from './state.js';
import { QUOTE_TTL_MS } from './steps.js';

/** Answers to effects: failures by kind, late answers, orders and history. */

function toConfirm(backend: FakeBackend = {}): Harness {
  const h = createHarness({ products: ALL_PRODUCTS, ...backend });
  h.command('start');
  h.press('Prepaid');
  h.press('Digi Prepaid');
  h.type(PHONE.typed);
  h.press('RM 10.00');
  expect(h.state.screen.kind).toBe('confirm');
  return h;
}

describe('request failures, by kind', () => {
  it.each<[Failure, string, boolean]>([
    [{ fail: 'try-later' }, 'busy or cannot be reached', true],
    [{ fail: 'report' }, 'could not read', true],
    [{ fail: 'internal' }, 'went wrong on our side', true],
    [
      { fail: 'tell-user', reason: 'Invalid product <X>' },
      'could not do this: Invalid product &lt;X&gt;',
      true,
    ],
    [{ fail: 'fix-config' }, 'cannot take orders right now', false],
  ])('a catalog failure %o says "%s" (retry offered: %s)', (failure, words, retry) => {
    const h = createHarness({ products: ALL_PRODUCTS, catalog: () => failure });
    h.command('start');
    expect(h.state.screen.kind).toBe('error');
    const view = h.view();
    expect(view.text).toContain(words);
    expect(view.keyboard.flat().some((b) => b.text.includes('Try again'))).toBe(retry);
    expect(view.keyboard.flat().some((b) => b.text.includes('Back'))).toBe(true);
  });

  it('Try again repeats the request and carries on', () => {
    let calls = 0;
    const h = createHarness({
      products: ALL_PRODUCTS,
      catalog: () => {
        calls += 1;
        return calls === 1 ? { fail: 'try-later' } : ALL_PRODUCTS;
      },
    });
    h.command('start');
    h.press('Try again');
    expect(h.state.screen.kind).toBe('categories');
    expect(calls).toBe(2);
  });

  it('an options failure goes back to the number on Back', () => {
    const h = createHarness({ products: ALL_PRODUCTS, options: () => ({ fail: 'try-later' }) });
    h.command('start');
    h.press('Internet');
    h.type(PHONE.typed);
    expect(h.state.screen.kind).toBe('error');
    h.press('Back');
    expect(h.state.screen.kind).toBe('account');
  });

  it('a bill presentment outage never blocks: the buyer pays without details', () => {
    const h = createHarness({ products: ALL_PRODUCTS, bill: () => ({ fail: 'try-later' }) });
    h.command('start');
    h.press('Utilities');
    h.press('Tenaga');
    h.type('220012345678');
    expect(h.state.screen.kind).toBe('amount');
    expect(h.view().text).toContain('Bill details could not be fetched right now');
  });

  it('a bill presentment refusal is about the account: re-enter it', () => {
    const h = createHarness({
      products: ALL_PRODUCTS,
      bill: () => ({ fail: 'tell-user', reason: 'The account field is required.' }),
    });
    h.command('start');
    h.press('Utilities');
    h.press('Tenaga');
    h.type('220012345678');
    expect(h.state.screen.kind).toBe('account');
    expect(h.view().text).toContain('The account field is required.');
  });

  it('maps thrown errors to kinds, keeping the provider’s reason only for tell-user', () => {
    const refused = new ProviderRejectedError({
      code: 'product_unavailable',
      providerCode: '58',
      providerText: 'Invalid denomination',
    });
    expect(requestFailedEvent('r', refused)).toEqual({
      type: 'request-failed',
      requestId: 'r',
      error: 'tell-user',
      reason: 'Invalid denomination',
    });
    // Without the provider's words there is nothing to quote: the screen says the provider refused.
    expect(requestFailedEvent('r', new ProviderRejectedError({ code: 'provider_declined' }))).toEqual({
      type: 'request-failed',
      requestId: 'r',
      error: 'tell-user',
    });
    expect(requestFailedEvent('r', new ProviderUnavailableError('down')).error).toBe('try-later');
    expect(requestFailedEvent('r', new AuthenticationError('bad key')).error).toBe('fix-config');
    expect(requestFailedEvent('r', new TypeError('oops'))).toEqual({
      type: 'request-failed',
      requestId: 'r',
      error: 'internal',
    });
  });
});

describe('confirming', () => {
  it('a failed confirm can be retried with the same quote, so it cannot make two orders', () => {
    let calls = 0;
    const h = toConfirm({
      confirm: (draft) => {
        calls += 1;
        return calls === 1 ? { fail: 'try-later' } : orderFromDraft(draft);
      },
    });
    h.press('Confirm');
    expect(h.state.screen.kind).toBe('error');
    expect(h.view().text).toContain('Your order could not be confirmed');
    expect(h.view().text).toContain('will not charge you twice');
    h.press('Try again');
    expect(h.drafts).toHaveLength(2);
    expect(h.drafts[1]?.quoteId).toBe(h.drafts[0]?.quoteId);
    expect(h.state.screen.kind).toBe('done');
  });

  it('Cancel after a failed confirm does not promise that nothing was charged', () => {
    const h = toConfirm({ confirm: () => ({ fail: 'try-later' }) });
    h.press('Confirm');
    h.press('Cancel');
    expect(h.view().text).toContain('/history shows how it stands');
    expect(h.view().text).not.toContain('Nothing was charged');
  });

  it('Back after a failed confirm shows the same quote, even after a long pause', () => {
    const h = toConfirm({ confirm: () => ({ fail: 'internal' }) });
    h.press('Confirm');
    h.press('Back');
    expect(h.state.screen.kind).toBe('confirm');
    h.clock.now += QUOTE_TTL_MS * 2;
    h.press('Confirm');
    expect(h.drafts.map((d) => d.quoteId)).toEqual([h.drafts[0]?.quoteId, h.drafts[0]?.quoteId]);
  });

  it('re-quotes a confirm screen left open too long instead of paying from it', () => {
    const h = toConfirm();
    const firstQuote = h.state.purchase?.quoteId;
    h.clock.now += QUOTE_TTL_MS + 1;
    h.press('Confirm');
    expect(h.drafts).toHaveLength(0);
    expect(h.state.screen.kind).toBe('confirm');
    expect(h.view().text).toContain('Please check it again');
    expect(h.state.purchase?.quoteId).not.toBe(firstQuote);
    h.press('Confirm');
    expect(h.drafts).toHaveLength(1);
    expect(h.drafts[0]?.quoteId).not.toBe(firstQuote);
  });

  it('Change goes back to the account with the typed value offered', () => {
    const h = toConfirm();
    h.press('Change');
    expect(h.state.screen.kind).toBe('account');
    h.press(`Use ${PHONE.even}`);
    expect(h.state.screen.kind).toBe('amount');
  });

  it('/cancel while the order is being placed says it is too late, without touching its message', () => {
    const h = toConfirm({ confirm: () => 'hold' });
    h.press('Confirm');
    expect(h.state.screen.kind).toBe('processing');
    const processingMessage = h.state.screenMessageId;
    h.command('cancel');
    expect(h.state.screen.kind).toBe('home');
    expect(h.lastMessage()).toMatchObject({ how: 'send' });
    expect(h.lastMessage()?.messageId).not.toBe(processingMessage);
    expect(h.view().text).toContain('can no longer be cancelled');
    // The engine's late answer changes nothing here; the notifier owns the status message.
    const held = h.held[0];
    if (held?.type !== 'confirm-order') throw new Error('expected a held confirm');
    h.answer(held, { type: 'order-confirmed', requestId: held.requestId, order: orderFromDraft(held.draft) });
    expect(h.state.screen.kind).toBe('home');
  });

  it('typing while the order is placed is ignored', () => {
    const h = toConfirm({ confirm: () => 'hold' });
    h.press('Confirm');
    const messages = h.messages.length;
    h.type('hello?');
    expect(h.messages.length).toBe(messages);
  });
});

describe('late answers', () => {
  it('ignores options that arrive after the buyer went back', () => {
    const h = createHarness({ products: ALL_PRODUCTS, options: () => 'hold' });
    h.command('start');
    h.press('Internet');
    h.type(PHONE.typed);
    expect(h.state.screen.kind).toBe('loading');
    h.press('Back');
    expect(h.state.screen.kind).toBe('account');
    const held = h.held[0];
    if (held?.type !== 'load-options') throw new Error('expected held options');
    const before = h.state;
    h.answer(held, { type: 'options-loaded', requestId: held.requestId, page: { items: HOTLINK_PLANS } });
    expect(h.state).toEqual(before);
  });

  it('ignores a bill for an earlier request', () => {
    const h = createHarness({ products: ALL_PRODUCTS, bill: () => 'hold' });
    h.command('start');
    h.press('Utilities');
    h.press('Tenaga');
    h.type('220012345678');
    const first = h.held[0];
    h.press('Back');
    h.type('220012345679');
    if (first?.type !== 'inquire-bill') throw new Error('expected a held inquiry');
    h.answer(first, { type: 'bill-loaded', requestId: first.requestId, bill: TNB_BILL });
    expect(h.state.screen.kind).toBe('loading');
    expect(h.state.purchase?.bill).toBeUndefined();
  });
});

describe('history and receipts', () => {
  const mine = [
    sampleOrder({
      refid: 'oA',
      state: 'succeeded',
      outcome: {
        refid: 'oA',
        state: 'succeeded',
        providerStatus: 'Succesful',
        providerCode: '20',
        pin: '1234',
      },
    }),
    sampleOrder({ refid: 'oB', state: 'failed', failure: { code: 'invalid_account', providerCode: '52' } }),
  ];
  const theirs = sampleOrder({ refid: 'oC', userId: 7, chatId: 7 });

  it('lists the buyer’s recent orders with their status, and shows a receipt on tap', () => {
    const h = createHarness({ products: ALL_PRODUCTS, orders: [...mine, theirs] });
    h.command('history');
    expect(h.state.screen.kind).toBe('history');
    const labels = h
      .view()
      .keyboard.flat()
      .map((b) => b.text);
    expect(labels.filter((l) => l.includes('Grab Gift Code'))).toHaveLength(2);
    expect(labels[0]).toContain('✅');
    expect(labels[1]).toContain('❌');
    const listMessage = h.state.screenMessageId;
    h.press('❌');
    expect(h.shownOrders.map((s) => s.order.refid)).toEqual(['oB']);
    // The receipt replaces the list in its message, and has a Back button to the list.
    expect(h.shownOrders[0]?.display).toEqual({ how: 'edit', messageId: listMessage });
    expect(h.state.screen.kind).toBe('history');
    const shown = h.shownOrders[0];
    if (!shown) throw new Error('no receipt');
    const receipt = renderOrderStatus(shown.order, 'en', {}, shown.back ? { back: shown.back } : {});
    const sent = h.messages.length;
    h.press('Back', receipt, listMessage);
    expect(h.state.screen.kind).toBe('history');
    expect(h.messages.slice(sent).map((m) => m.how)).toEqual(['edit']);
    expect(h.lastMessage()?.view.text).toContain('Your recent orders');
    h.press('Back');
    expect(h.state.screen.kind).toBe('home');
  });

  it('rows show the number and the time', () => {
    const h = createHarness({ products: ALL_PRODUCTS, orders: mine });
    h.command('history');
    const label = h.button('✅').text;
    // sampleOrder is made at 06:03 UTC: 14:03 in Malaysia.
    expect(label).toContain('14:03');
    expect(label).toContain(PHONE.even);
  });

  it('pages through more than one page of orders, Next and Previous', () => {
    const many = Array.from({ length: 23 }, (_, i) =>
      sampleOrder({
        refid: `o${String(i).padStart(2, '0')}`,
        createdAt: Date.UTC(2025, 0, 5, 6, 0) - i * 60_000,
      }),
    );
    const h = createHarness({ products: ALL_PRODUCTS, orders: many });
    h.command('history');
    const refids = () => {
      const screen = h.state.screen;
      return screen.kind === 'history' ? screen.orders.map((o) => o.refid) : [];
    };
    expect(refids()).toEqual(many.slice(0, 10).map((o) => o.refid));
    expect(() => h.button('Previous')).toThrow();
    h.press('Next');
    expect(h.state.screen.kind).toBe('history');
    expect(refids()).toEqual(many.slice(10, 20).map((o) => o.refid));
    h.press('Next');
    expect(refids()).toEqual(many.slice(20).map((o) => o.refid));
    expect(() => h.button('Next')).toThrow();
    h.press('Previous');
    expect(refids()).toEqual(many.slice(10, 20).map((o) => o.refid));
    // A receipt opened on page 2 leads back to page 2.
    h.pressRaw(encodeCallbackData({ scope: 'screen', token: h.state.token, action: 'order', index: 2 }));
    expect(h.shownOrders.map((o) => o.order.refid)).toEqual(['o12']);
    const shown = h.shownOrders[0];
    if (!shown?.back) throw new Error('no Back on the receipt');
    h.press('Back', renderOrderStatus(shown.order, 'en', {}, { back: shown.back }));
    expect(refids()).toEqual(many.slice(10, 20).map((o) => o.refid));
    h.press('Back');
    expect(h.state.screen.kind).toBe('home');
  });

  it('says so when there are no orders', () => {
    const h = createHarness({ products: ALL_PRODUCTS });
    h.command('history');
    expect(h.view().text).toContain('You have no orders yet');
  });

  it('Refresh on a receipt re-renders that message in place', () => {
    const h = createHarness({ products: ALL_PRODUCTS, orders: mine });
    h.pressRaw(encodeCallbackData({ scope: 'order', action: 'view', refid: 'oA' }), 555);
    expect(h.toasts).toEqual([undefined]);
    expect(h.shownOrders[0]).toMatchObject({
      order: { refid: 'oA' },
      display: { how: 'edit', messageId: 555 },
    });
  });

  it('Refresh on an order in progress brings one check forward per spacing, whatever its session holds', () => {
    const pending = sampleOrder({ refid: 'oP', state: 'pending', userId: 42 });
    const h = createHarness({ products: ALL_PRODUCTS, orders: [pending], recheckSpacingMs: 5_000 });
    const refresh = () => {
      h.effects.length = 0;
      h.pressRaw(encodeCallbackData({ scope: 'order', action: 'view', refid: 'oP' }), 555);
      return h.effects.find((effect) => effect.type === 'recheck-order');
    };
    expect(refresh()).toMatchObject({ refid: 'oP', nudge: true });
    expect(refresh()).toMatchObject({ nudge: false });
    h.clock.now += 5_000;
    expect(refresh()).toMatchObject({ nudge: true });
    // A stored time from the future (another clock) or garbage does not stop Refresh for good.
    for (const stored of [h.clock.now + 3_600_000, 'x' as unknown as number]) {
      h.state = { ...h.state, recheckedAt: stored };
      expect(refresh()).toMatchObject({ nudge: true });
    }
  });

  it('never shows another buyer’s order, whatever the button says', () => {
    const h = createHarness({ products: ALL_PRODUCTS, orders: [theirs] });
    h.command('start');
    h.pressRaw(encodeCallbackData({ scope: 'order', action: 'view', refid: 'oC' }), 555);
    expect(h.shownOrders).toHaveLength(0);
    expect(h.view().text).toContain('could not find that order');
  });

  it('Try again on a failed receipt starts a new order of the same product', () => {
    const h = createHarness({ products: ALL_PRODUCTS, orders: mine });
    h.command('start');
    h.press('Prepaid');
    h.pressRaw(encodeCallbackData({ scope: 'order', action: 'tryAgain', refid: 'oB' }), 777);
    expect(h.state.screen.kind).toBe('account');
    expect(h.state.purchase?.product.code).toBe('GC');
    expect(h.lastMessage()?.how).toBe('send');
  });

  it('the Shop button of a receipt opens a fresh menu as a new message', () => {
    const h = createHarness({ products: ALL_PRODUCTS });
    h.pressRaw(encodeCallbackData({ scope: 'global', action: 'menu' }), 777);
    expect(h.state.screen.kind).toBe('categories');
    expect(h.lastMessage()?.how).toBe('send');
  });
});

describe('session', () => {
  it('restores only a state of this version and this user', () => {
    const state = createFlowState({ userId: 5, chatId: 5, newId: () => 'x' });
    expect(restoreFlowState(JSON.parse(JSON.stringify(state)), 5)).toEqual(state);
    expect(restoreFlowState(state, 6)).toBeUndefined();
    expect(restoreFlowState({ ...state, v: FLOW_STATE_VERSION + 1 }, 5)).toBeUndefined();
    expect(restoreFlowState('nope', 5)).toBeUndefined();
    expect(restoreFlowState(null, 5)).toBeUndefined();
  });

  it('does not restore a session saved on the removed payer-id screen (payers are verified by admins now)', () => {
    const state = createFlowState({ userId: 5, chatId: 5, newId: () => 'x' });
    const old = { ...JSON.parse(JSON.stringify(state)), screen: { kind: 'payer-id' } };
    expect(restoreFlowState(old, 5)).toBeUndefined();
  });

  it('stays plain JSON through a whole purchase', () => {
    const h = toConfirm({ bill: () => TNB_BILL });
    expect(JSON.parse(JSON.stringify(h.state))).toEqual(h.state);
    expect(h.state.purchase?.amount).toEqual(rm(10));
  });
});
