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

  it('keeps every letter and digit of the reference itself, so references that differ in one never meet', () => {
    const distinct = [
      'MBB 7788 1234',
      'MBB 7788 12345',
      'MBB 7788 1235',
      'MBB 07788 1234',
      'MBB 7788 1243',
      'CIMB 7788 1234',
      'REFUND 7788 1234',
    ];
    expect(new Set(distinct.map(normaliseReference)).size).toBe(distinct.length);
    expect(normaliseReference(' - / ')).toBeUndefined();
  });

  it('drops one leading label from the documented list, so "Ref 998877" and "998877" are one transfer', () => {
    const same = [
      '998877',
      'Ref 998877',
      'REF998877',
      'Ref: 998877',
      'ref.998877',
      'Ref No. 998877',
      'Reference 998877',
      'Reference No: 998877',
      'No. Rujukan 998877',
      'no rujukan: 998877',
      'Rujukan 998877',
      'No. Ruj 998877',
      'TRX 998877',
      'Trx ID: 998877',
      'Transaction ID 998877',
      'Transaction ID # 99-88-77',
    ];
    for (const typed of same) expect(normaliseReference(typed), typed).toBe('998877');
    expect(normaliseReference('Ref MBB 7788 1234')).toBe('MBB77881234');
    // Only a label followed by a separator, a digit or nothing: a word that begins like one stays.
    expect(normaliseReference('REFUND1234')).toBe('REFUND1234');
    expect(normaliseReference('TRXABC9')).toBe('TRXABC9');
    expect(normaliseReference('Ref Nova 1234')).toBe('NOVA1234');
    // Not a list of every word: other text in front is part of the reference.
    expect(normaliseReference('Paid 998877 thanks')).toBe('PAID998877THANKS');
  });

  it('fingerprints nothing that is too short, has no digit, or is only an amount or a date', () => {
    const notReferences = [
      'Ref 12-3',
      'Ref',
      'No. Rujukan',
      'ABCD',
      'RM20',
      'RM 20',
      'rm20.00',
      'Paid RM 50',
      'Bayar 50',
      'MYR 1,234.50',
      'Rp 10.000',
      '50 RM',
      '20.00',
      '1.000.000',
      'Ref RM20',
      '2/12',
      '02/12/2026',
      '2.12.26',
      '2026-12-02',
    ];
    for (const typed of notReferences) expect(normaliseReference(typed), typed).toBeUndefined();
    // A number alone is a reference: many banks' are digits only.
    expect(normaliseReference('2000')).toBe('2000');
    expect(normaliseReference('998877')).toBe('998877');
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
