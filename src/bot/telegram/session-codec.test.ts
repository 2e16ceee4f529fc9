import { describe, expect, it } from 'vitest';
import type { Clock } from '../../platform/clock.js';
import { createMemoryCacheStore } from '../../store/memory/kv-stores.js';
import { type CatalogEntry, createFlowState, type FlowState } from '../flow/state.js';
import { createSessionCodec } from './session-codec.js';

const clock: Clock = { nowMs: () => 1_700_000_000_000 };
const catalog: CatalogEntry[] = [
  { code: 'D', name: 'Digi Prepaid', category: 'Prepaid' },
  { code: 'TNB', name: 'Tenaga Nasional Berhad', category: 'Utilities', unavailable: true },
];
const stateWith = (entries?: CatalogEntry[]): FlowState => ({
  ...createFlowState({ userId: 7, chatId: 7, newId: () => 'id' }),
  ...(entries ? { catalog: entries } : {}),
});
/** The stored form as Redis would hand it back: through JSON. */
const roundTrip = (stored: unknown) => JSON.parse(JSON.stringify(stored)) as unknown;

describe('the session codec', () => {
  it('keeps the product list out of each session and gives back exactly the list the menu was drawn from', async () => {
    const cache = createMemoryCacheStore(clock);
    const codec = createSessionCodec({ cache, clock });
    const stored = roundTrip(await codec.encode(stateWith(catalog)));
    expect(JSON.stringify(stored)).not.toContain('Digi Prepaid');
    expect((await codec.decode(stored, 7))?.catalog).toEqual(catalog);
    // Another replica (an empty memory) reads the same snapshot from the shared cache.
    const other = createSessionCodec({ cache, clock });
    expect((await other.decode(stored, 7))?.catalog).toEqual(catalog);
  });

  it('tells different lists apart, so a session drawn from an older list keeps that list', async () => {
    const cache = createMemoryCacheStore(clock);
    const codec = createSessionCodec({ cache, clock });
    const older = roundTrip(await codec.encode(stateWith(catalog)));
    const reordered = [...catalog].reverse();
    const newer = roundTrip(await codec.encode(stateWith(reordered)));
    expect((await codec.decode(older, 7))?.catalog).toEqual(catalog);
    expect((await codec.decode(newer, 7))?.catalog).toEqual(reordered);
  });

  it('leaves a session whose snapshot is gone or unreadable without a list (the next menu loads one)', async () => {
    const codec = createSessionCodec({ cache: createMemoryCacheStore(clock), clock });
    const stored = roundTrip(await codec.encode(stateWith(catalog)));
    const elsewhere = createSessionCodec({ cache: createMemoryCacheStore(clock), clock });
    const restored = await elsewhere.decode(stored, 7);
    expect(restored?.userId).toBe(7);
    expect(restored?.catalog).toBeUndefined();

    const corruptCache = createMemoryCacheStore(clock);
    const writer = createSessionCodec({ cache: corruptCache, clock });
    const hash = (roundTrip(await writer.encode(stateWith(catalog))) as { catalogSnapshot: string })
      .catalogSnapshot;
    await corruptCache.set(`catalog-snapshot:${hash}`, [{ code: 5 }], 60_000);
    const reader = createSessionCodec({ cache: corruptCache, clock });
    expect((await reader.decode(stored, 7))?.catalog).toBeUndefined();
  });

  it("reads sessions stored with their list inline, and refuses another user's session", async () => {
    const codec = createSessionCodec({ cache: createMemoryCacheStore(clock), clock });
    const inline = roundTrip(stateWith(catalog));
    expect((await codec.decode(inline, 7))?.catalog).toEqual(catalog);
    expect(await codec.decode(inline, 8)).toBeUndefined();
    expect(await codec.decode('nonsense', 7)).toBeUndefined();
  });
});
