import { describe, expect, it } from 'vitest';
import { money } from '../payments/money.js';
import type { TopupClaim } from './topup-claims.js';
import { claimStanding, collectMatches, normaliseReference, proofFingerprints } from './topup-proofs.js';

describe('normaliseReference', () => {
  it('ignores case, whitespace and the separators a reference is typed with', () => {
    const same = ['MBB 7788 1234', 'mbb-7788-1234', 'Mbb7788/1234', ' MBB.7788_1234 ', 'MBB#7788:1234'];
    for (const typed of same) expect(normaliseReference(typed)).toBe('MBB77881234');
    // Full-width digits and letters (a phone keyboard) are the same characters.
    expect(normaliseReference('ＭＢＢ ７７８８ １２３４')).toBe('MBB77881234');
  });

  it('keeps every letter and digit, so references that differ in one never meet', () => {
    const distinct = [
      'MBB 7788 1234',
      'MBB 7788 12345',
      'MBB 7788 1235',
      'MBB 07788 1234',
      'Ref MBB 7788 1234',
      'MBB 7788 1243',
      'CIMB 7788 1234',
    ];
    expect(new Set(distinct.map(normaliseReference)).size).toBe(distinct.length);
    expect(normaliseReference(' - / ')).toBeUndefined();
  });
});

describe('proofFingerprints', () => {
  it('hashes the normalised reference and the photo’s file_unique_id, never its file_id', () => {
    const first = proofFingerprints({ reference: 'MBB 7788 1234', photoFileId: 'A1', photoUniqueId: 'U1' });
    const again = proofFingerprints({ reference: 'mbb77881234', photoFileId: 'B2', photoUniqueId: 'U1' });
    expect(again).toEqual(first);
    expect(first.map((f) => f.kind)).toEqual(['reference', 'photo']);
    expect(JSON.stringify(first)).not.toMatch(/7788|U1/);
    // A photo id that spells a reference is still another kind of proof.
    expect(proofFingerprints({ photoUniqueId: 'MBB77881234' })[0]?.fingerprint).not.toBe(
      first[0]?.fingerprint,
    );
    // A photo kept before file_unique_id was (file_id only) has no fingerprint.
    expect(proofFingerprints({ photoFileId: 'A1' })).toEqual([]);
  });
});

describe('collectMatches', () => {
  it('merges what two claims share, earlier claims first; a claim left out of a full list came last', () => {
    expect(
      collectMatches('c2', [
        { kind: 'reference', claimIds: ['c1', 'c2', 'c3'] },
        { kind: 'photo', claimIds: ['c3', 'c2'] },
      ]),
    ).toEqual([
      { claimId: 'c1', earlier: true, shared: ['reference'] },
      { claimId: 'c3', earlier: false, shared: ['reference', 'photo'] },
    ]);
    expect(collectMatches('c9', [{ kind: 'reference', claimIds: ['c1'] }])).toEqual([
      { claimId: 'c1', earlier: true, shared: ['reference'] },
    ]);
    expect(collectMatches('c1', [{ kind: 'photo', claimIds: ['c1'] }])).toEqual([]);
  });
});

describe('claimStanding', () => {
  const claim: TopupClaim = {
    id: 'c1',
    userId: 1,
    chatId: 1,
    amount: money(100, 'MYR'),
    evidence: {},
    createdAt: 0,
    expiresAt: 10,
    state: 'awaiting_review',
    credited: false,
    adminCopies: [],
  };
  it('is pending until the claim expires, then expired; a decided claim is its decision', () => {
    expect(claimStanding(claim, 9)).toBe('pending');
    expect(claimStanding(claim, 10)).toBe('expired');
    expect(claimStanding({ ...claim, state: 'rejected' }, 99)).toBe('rejected');
    expect(claimStanding({ ...claim, state: 'approved' }, 99)).toBe('approved');
  });
});
