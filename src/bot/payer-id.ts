/**
 * JomPAY payer numbers (IC or passport) as people read them. The full number is shown only where
 * the buyer or an admin types it; everywhere else (screens, receipts, admin replies, the stored
 * order's display, logs) it is masked to its last four characters.
 */
export function maskPayerId(id: string): string {
  const compact = id.replace(/[\s-]/g, '');
  if (compact.length <= 4) return '•'.repeat(compact.length);
  const tail = compact.slice(-4);
  // A Malaysian IC keeps its familiar shape: ••••••-••-5678.
  if (/^\d{12}$/.test(compact)) return `••••••-••-${tail}`;
  return `${'•'.repeat(compact.length - 4)}${tail}`;
}
