import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createAddressList } from '../platform/ip-list.js';
import { clientAddress } from './request-io.js';

function request(peer: string, forwarded?: string): IncomingMessage {
  return {
    socket: { remoteAddress: peer },
    headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded },
  } as unknown as IncomingMessage;
}

describe('the caller’s address', () => {
  const proxies = createAddressList(['10.0.0.0/8', 'fd00::/8']);

  it('is the socket peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(clientAddress(request('198.51.100.9', '203.0.113.7'))).toBe('198.51.100.9');
  });

  it('is the socket peer when the peer is not a trusted proxy', () => {
    expect(clientAddress(request('::ffff:198.51.100.9', '203.0.113.7'), proxies)).toBe('198.51.100.9');
  });

  it('is the right-most untrusted hop behind trusted proxies; the client’s own claims are ignored', () => {
    expect(clientAddress(request('10.0.0.2', '203.0.113.7, 198.51.100.9, 10.1.1.1'), proxies)).toBe(
      '198.51.100.9',
    );
    expect(clientAddress(request('fd00::2', '2001:db8::7'), proxies)).toBe('2001:db8::7');
  });

  it('treats garbage in the header as the caller (matching no allowlist)', () => {
    expect(clientAddress(request('10.0.0.2', '203.0.113.7, junk'), proxies)).toBe('junk');
  });

  it('falls back to the left-most hop, or the peer, when every hop is a trusted proxy', () => {
    expect(clientAddress(request('10.0.0.2', '10.9.9.9, 10.1.1.1'), proxies)).toBe('10.9.9.9');
    expect(clientAddress(request('10.0.0.2'), proxies)).toBe('10.0.0.2');
  });
});
