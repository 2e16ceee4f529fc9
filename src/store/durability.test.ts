import { describe, expect, it } from 'vitest';
import { durabilityMode } from './durability.js';

describe('how an order reaches disk before its payment', () => {
  it.each([
    [{ version: '7.2.4', appendonly: 'yes', appendfsync: 'everysec' }, 'waitaof'],
    [{ version: '8.0.1', appendonly: 'yes', appendfsync: 'no' }, 'waitaof'],
    [{ version: '7.0.15', appendonly: 'yes', appendfsync: 'always' }, 'fsync-always'],
    [{ version: '7.4.0', appendonly: 'yes', appendfsync: 'always' }, 'fsync-always'],
    // Before 7.2 there is no WAITAOF: only "always" guarantees it.
    [{ version: '7.0.15', appendonly: 'yes', appendfsync: 'everysec' }, 'not-guaranteed'],
    [{ version: '7.4.0', appendonly: 'no', appendfsync: 'always' }, 'not-guaranteed'],
    // A managed server that will not say.
    [{ version: '7.2.0', appendonly: undefined, appendfsync: undefined }, 'not-guaranteed'],
  ] as const)('%o → %s', (server, mode) => {
    expect(durabilityMode(server)).toBe(mode);
  });
});
