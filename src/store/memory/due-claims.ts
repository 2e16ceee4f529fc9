/** A member's lease in the memory stores: who holds it, and until when. */
export type MemoryLeases = Map<string, { token: string; expiresMs: number }>;

/**
 * The memory twin of the claim_due script (redis/scripts.ts), for the stores that schedule members
 * by due time (orders, wallet notices): up to `limit` due members, oldest first, each leased to
 * `token` and pushed past the new lease; a member someone else holds is pushed to the end of the
 * holder's lease instead, so it comes back exactly when a crashed holder's lease runs out.
 */
export function claimDueMembers(
  due: Map<string, number>,
  leases: MemoryLeases,
  nowMs: number,
  limit: number,
  leaseMs: number,
  token: string,
): string[] {
  const ready = [...due.entries()]
    .filter(([, at]) => at <= nowMs)
    .sort((a, b) => a[1] - b[1])
    .slice(0, limit);
  const claimed: string[] = [];
  for (const [member] of ready) {
    const held = leases.get(member);
    if (held && held.expiresMs > nowMs) {
      due.set(member, held.expiresMs);
      continue;
    }
    leases.set(member, { token, expiresMs: nowMs + leaseMs });
    due.set(member, nowMs + leaseMs);
    claimed.push(member);
  }
  return claimed;
}
