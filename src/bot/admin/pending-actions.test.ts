import { describe, expect, it } from 'vitest';
import { money } from '../../payments/money.js';
import { createMemoryCacheStore, createMemoryLockStore } from '../../store/memory/kv-stores.js';
import { createPendingActions, type PendingWork } from './pending-actions.js';

function setup() {
  const clock = { now: 1_000, nowMs: () => clock.now };
  const cache = createMemoryCacheStore(clock);
  let n = 0;
  const actions = createPendingActions({
    cache,
    locks: createMemoryLockStore(clock),
    clock,
    sleep: async (ms) => {
      clock.now += ms;
    },
    newId: () => `action-id-${String(++n).padStart(4, '0')}`,
    ttlMs: 60_000,
  });
  return { clock, cache, actions };
}

const work: PendingWork = { kind: 'adjust', direction: 'credit', userId: 7, amount: money(100, 'MYR') };

describe('pending admin actions', () => {
  it('decides once: a second press is told it was decided, by whom', async () => {
    const { actions } = setup();
    const action = await actions.create(1, work);
    let runs = 0;
    const decide = async () => {
      runs += 1;
      return { state: 'applied' as const, result: 'ok' };
    };
    const [a, b] = await Promise.all([
      actions.press(action.id, 1, decide),
      actions.press(action.id, 2, decide),
    ]);
    expect(runs).toBe(1);
    expect([a.kind, b.kind].sort()).toEqual(['decided', 'handled']);
    expect((await actions.get(action.id))?.state).toBe('applied');
  });

  it('leaves an action pending when the decision says so (or throws)', async () => {
    const { actions } = setup();
    const action = await actions.create(1, work);
    await expect(
      actions.press(action.id, 1, async () => {
        throw new Error('redis down');
      }),
    ).rejects.toThrow('redis down');
    expect((await actions.get(action.id))?.state).toBe('pending');
    expect(await actions.press(action.id, 1, async () => ({ result: 'later' }))).toMatchObject({
      kind: 'handled',
    });
    expect((await actions.get(action.id))?.state).toBe('pending');
  });

  it('finds nothing for an expired, unknown, malformed or damaged id', async () => {
    const { actions, clock, cache } = setup();
    const action = await actions.create(1, work);
    clock.now += 60_000;
    expect(await actions.press(action.id, 1, async () => ({ state: 'applied', result: 1 }))).toEqual({
      kind: 'missing',
    });
    expect(await actions.get('unknown-id-0000')).toBeUndefined();
    expect(await actions.get('bad id')).toBeUndefined();
    await cache.set('admin-action:damaged-00001', { id: 'damaged-00001', state: 'pending' }, 60_000);
    expect(await actions.get('damaged-00001')).toBeUndefined();
  });
});
