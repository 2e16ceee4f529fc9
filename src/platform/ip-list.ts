import { BlockList, isIP } from 'node:net';

/**
 * Lists of IP addresses and CIDR ranges (IPv4 and IPv6), as the configuration gives them: the
 * provider callback allowlist and the reverse proxies whose X-Forwarded-For we believe. Built on
 * `node:net`'s BlockList, so matching follows Node's own address parsing.
 */
export interface AddressList {
  /** True when `address` (IPv4, IPv6 or IPv4-mapped IPv6) is one of the entries or in one of the ranges. */
  has(address: string): boolean;
  readonly size: number;
  readonly entries: readonly string[];
}

/** `::ffff:203.0.113.7` (how a dual-stack socket reports an IPv4 peer) as `203.0.113.7`. */
export function normalizeAddress(address: string): string {
  const lower = address.trim().toLowerCase();
  if (lower.startsWith('::ffff:') && isIP(lower.slice(7)) === 4) return lower.slice(7);
  return lower;
}

type Entry =
  | { kind: 'address'; address: string; family: 'ipv4' | 'ipv6' }
  | { kind: 'subnet'; network: string; prefix: number; family: 'ipv4' | 'ipv6' };

/** Reads one entry ("203.0.113.7", "10.0.0.0/8", "2001:db8::/32"); undefined when malformed. */
export function parseAddressEntry(text: string): Entry | undefined {
  const entry = text.trim();
  const slash = entry.indexOf('/');
  if (slash < 0) {
    const address = normalizeAddress(entry);
    const version = isIP(address);
    if (version === 0) return undefined;
    return { kind: 'address', address, family: version === 4 ? 'ipv4' : 'ipv6' };
  }
  const network = normalizeAddress(entry.slice(0, slash));
  const prefixText = entry.slice(slash + 1);
  const version = isIP(network);
  if (version === 0 || !/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (prefix > (version === 4 ? 32 : 128)) return undefined;
  return { kind: 'subnet', network, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

/** The entries of a comma-separated list that are not addresses or CIDR ranges (empty: all good). */
export function malformedAddressEntries(entries: readonly string[]): string[] {
  return entries.filter((entry) => parseAddressEntry(entry) === undefined);
}

/** Splits "a, b,c" into trimmed, non-empty entries. */
export function splitAddressList(text: string): string[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/** Builds a list; throws a RangeError naming the first malformed entry (configuration checks them first). */
export function createAddressList(entries: readonly string[]): AddressList {
  const blocks = new BlockList();
  for (const text of entries) {
    const entry = parseAddressEntry(text);
    if (!entry) throw new RangeError(`not an IP address or CIDR range: "${text}"`);
    if (entry.kind === 'address') blocks.addAddress(entry.address, entry.family);
    else blocks.addSubnet(entry.network, entry.prefix, entry.family);
  }
  return {
    size: entries.length,
    entries: [...entries],
    has(address) {
      const normalized = normalizeAddress(address);
      const version = isIP(normalized);
      if (version === 0) return false;
      return blocks.check(normalized, version === 4 ? 'ipv4' : 'ipv6');
    },
  };
}

export const NO_ADDRESSES: AddressList = createAddressList([]);
