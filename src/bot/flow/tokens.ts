/**
 * Screen tokens: 6 base-36 characters derived from a fresh id. They only need to tell the current
 * screen from earlier ones (a forged button is the buyer's own input and is validated anyway), so a
 * short hash of a random id is plenty and keeps callback_data small.
 */
export function screenToken(id: string): string {
  // FNV-1a, 32 bits.
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i += 1) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36).padStart(6, '0').slice(-6);
}
