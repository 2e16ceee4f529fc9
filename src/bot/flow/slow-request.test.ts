import { describe, expect, it } from 'vitest';
import { ALL_PRODUCTS } from '../../../test/support/bot/fixtures.js';
import type { FlowEffect } from './effects.js';
import type { FlowEvent } from './events.js';
import { reduceFlow } from './reducer.js';
import { createFlowState, type FlowState } from './state.js';
import type { FlowContext } from './transition.js';

/** A request started quietly ("Loading…" not shown) that turns slow: the glue sends `request-slow`. */

let ids = 0;
const ctx: FlowContext = { now: 1_700_000_000_000, newId: () => `id-${++ids}` };
const fresh = () => createFlowState({ userId: 7, chatId: 7, newId: ctx.newId });
const requestOf = (effects: FlowEffect[]) => {
  const request = effects.find((effect) => 'requestId' in effect);
  if (!request || !('requestId' in request)) throw new Error('no request');
  return request;
};
const step = (state: FlowState, event: FlowEvent) => reduceFlow(state, event, ctx);

describe('a quiet request that turns slow', () => {
  it('shows its "Loading…" screen, and the answer then edits that message', () => {
    const started = step(fresh(), { type: 'command', command: 'start' });
    const request = requestOf(started.effects);
    expect(request.type).toBe('load-catalog');
    // Quiet: nothing is shown yet.
    expect(started.effects.some((effect) => effect.type === 'show-screen')).toBe(false);

    const slow = step(started.state, { type: 'request-slow', requestId: request.requestId });
    expect(slow.effects).toEqual([{ type: 'show-screen', display: { how: 'send' } }]);
    expect(slow.state.screen).toMatchObject({ kind: 'loading', shown: true });

    const sent = step(slow.state, { type: 'screen-sent', messageId: 501 });
    const loaded = step(sent.state, {
      type: 'catalog-loaded',
      requestId: request.requestId,
      products: ALL_PRODUCTS,
      currency: 'MYR',
    });
    expect(loaded.state.screen.kind).toBe('categories');
    expect(loaded.effects).toContainEqual({ type: 'show-screen', display: { how: 'edit', messageId: 501 } });
  });

  it('changes nothing once the request was answered, or for another request', () => {
    const started = step(fresh(), { type: 'command', command: 'start' });
    const request = requestOf(started.effects);
    const other = step(started.state, { type: 'request-slow', requestId: 'another-request' });
    expect(other).toEqual({ state: started.state, effects: [] });
    const loaded = step(started.state, {
      type: 'catalog-loaded',
      requestId: request.requestId,
      products: ALL_PRODUCTS,
      currency: 'MYR',
    });
    const late = step(loaded.state, { type: 'request-slow', requestId: request.requestId });
    expect(late).toEqual({ state: loaded.state, effects: [] });
  });
});
