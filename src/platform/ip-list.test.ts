import { describe, expect, it } from 'vitest';
import { createAddressList, malformedAddressEntries, normalizeAddress } from './ip-list.js';

describe('address lists', () => {
  const list = createAddressList(['203.0.113.7', '10.0.0.0/8', '2001:db8::/32', '::1']);

  it.each([
    ['203.0.113.7', true],
    ['203.0.113.8', false],
    ['10.200.3.4', true],
    ['11.0.0.1', false],
    ['::ffff:10.1.2.3', true],
    ['2001:db8:1::5', true],
    ['2001:db9::5', false],
    ['::1', true],
    ['not-an-ip', false],
    ['', false],
  ])('%s is in it: %s', (address, expected) => {
    expect(list.has(address)).toBe(expected);
  });

  it('names malformed entries', () => {
    expect(malformedAddressEntries(['1.2.3.4', 'abc', '10.0.0.0/33', '::/129', '1.2.3.4/x', '::/0'])).toEqual(
      ['abc', '10.0.0.0/33', '::/129', '1.2.3.4/x'],
    );
    expect(() => createAddressList(['abc'])).toThrow(/"abc"/);
  });

  it('reads IPv4-mapped IPv6 as IPv4', () => {
    expect(normalizeAddress('::FFFF:192.0.2.1')).toBe('192.0.2.1');
    expect(normalizeAddress('2001:DB8::1')).toBe('2001:db8::1');
  });
});
