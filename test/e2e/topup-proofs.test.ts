import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { money } from '../../src/payments/money.js';
import { type BotWorld, type Buyer, startIimmpactWorld } from '../support/bot-e2e.js';
import { waitFor } from '../support/iimmpact.js';

/*
 * One bank transfer claimed twice, through the real bot: the same reference or the same receipt
 * photo on a second claim flags its admin card, naming the earlier claim, and a plain Approve on it
 * credits nothing until an admin presses "Approve anyway". The buyer is told nothing of it.
 */

const ADMIN = 9201;
const SECOND_ADMIN = 9202;

let world: BotWorld;
let stop: () => Promise<void>;
/** Update ids of the photos this file delivers itself, clear of the buyers' own counter. */
let photoUpdateId = 950_000;

beforeAll(async () => {
  ({ world, close: stop } = await startIimmpactWorld({
    redisUrl: inject('redisUrl'),
    adminIds: [ADMIN, SECOND_ADMIN],
    shop: { BUYER_PAYMENT: 'wallet' },
  }));
});

afterAll(() => stop());

type Markup = { inline_keyboard?: Array<Array<{ text: string; callback_data?: string }>> };

/** An admin's newest copy of a buyer's claim of `amount`: its message, buttons and claim id. */
function cardOf(adminId: number, buyerId: number, amount: string) {
  const [messageId, message] =
    [...world.api.messages(adminId).entries()]
      .filter(
        ([, m]) =>
          m.text.includes('Top-up claim') &&
          m.text.includes(`Buyer: <code>${buyerId}</code>`) &&
          m.text.includes(amount),
      )
      .sort((a, b) => b[0] - a[0])[0] ?? [];
  if (messageId === undefined || message === undefined)
    throw new Error(`no card of ${buyerId} for ${amount}`);
  const rows = (message.replyMarkup as Markup | undefined)?.inline_keyboard ?? [];
  const buttons = rows.flat();
  const reject = buttons.find((b) => b.text.includes('Reject'))?.callback_data ?? '';
  return { messageId, text: message.text, rows, buttons, claimId: reject.split(':')[2] ?? '' };
}

/** The buyer opens Top up, types the amount and lands on the evidence step. */
async function openEvidenceStep(buyer: Buyer, amount: string) {
  await buyer.say('/wallet');
  await buyer.press('Top up');
  await buyer.say(amount);
  expect(buyer.lastText()).toMatch(/Maybank 5123 4567 8901/);
}

async function claimByReference(buyer: Buyer, amount: string, reference: string) {
  await openEvidenceStep(buyer, amount);
  await buyer.say(reference);
  expect(buyer.lastText()).toMatch(/Top-up sent for checking/);
}

async function claimByPhoto(buyer: Buyer, amount: string, fileId: string, fileUniqueId: string) {
  await openEvidenceStep(buyer, amount);
  photoUpdateId += 1;
  await world.deliver({
    update_id: photoUpdateId,
    message: {
      message_id: photoUpdateId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: buyer.id, type: 'private' },
      from: { id: buyer.id, is_bot: false, first_name: 'B', language_code: 'en' },
      photo: [
        { file_id: `${fileId}-thumb`, file_unique_id: `${fileUniqueId}-thumb`, width: 90, height: 160 },
        { file_id: fileId, file_unique_id: fileUniqueId, width: 720, height: 1280 },
      ],
    },
  });
  expect(buyer.lastText()).toMatch(/Top-up sent for checking/);
}

/** Presses callback data on an admin's message and answers the toast it got. */
async function pressAs(
  adminId: number,
  data: string,
  messageId: number,
  languageCode = 'en',
): Promise<string> {
  const before = world.api.callsOf('answerCallbackQuery').length;
  await world.buyer(adminId, languageCode).pressRaw(data, messageId);
  const toast = world.api.callsOf('answerCallbackQuery').slice(before).at(-1);
  return String(toast?.params.text ?? '');
}

/** Nothing the buyer was sent hints that their proof matched another claim. */
function expectBuyerToldNothingOfMatches(buyerId: number) {
  for (const message of world.api.messages(buyerId).values())
    expect(message.text).not.toMatch(/another claim|earlier claim|Approve anyway|used in/i);
}

describe('a transfer claimed twice', () => {
  it('the same reference again: the second card warns, a plain Approve credits nothing, Approve anyway does', async () => {
    const first = world.buyer(7001);
    await claimByReference(first, '41.10', 'MBB 7788 1234');
    const original = cardOf(ADMIN, 7001, 'RM 41.10');
    expect(original.text).not.toContain('another claim');
    expect(await pressAs(ADMIN, `t:a:${original.claimId}`, original.messageId)).toMatch(/^Approved/);
    expect(await world.app.wallets.balance(7001)).toEqual(money(4_110, 'MYR'));

    // Another buyer claims the same transfer, typed in other case and spacing.
    const second = world.buyer(7002);
    await claimByReference(second, '41.10', 'mbb-7788-1234');
    for (const admin of [ADMIN, SECOND_ADMIN]) {
      const card = cardOf(admin, 7002, 'RM 41.10');
      expect(card.text).toContain('⚠️ <b>This proof was used in another claim.</b>');
      expect(card.text).toContain(
        `Same reference as earlier claim <code>${original.claimId}</code> from buyer <code>7001</code>: <b>approved</b>`,
      );
      // No plain Approve: the only approval is its own button, on a row of its own under Reject.
      expect(card.rows.map((row) => row.map((b) => b.text))).toEqual([['❌ Reject'], ['⚠️ Approve anyway']]);
    }
    const flagged = cardOf(ADMIN, 7002, 'RM 41.10');

    // A plain Approve (an older card's button, a forged one) asks for the explicit confirmation.
    expect(await pressAs(ADMIN, `t:a:${flagged.claimId}`, flagged.messageId)).toMatch(
      /matches another claim.*Approve anyway/,
    );
    expect(await world.app.wallets.balance(7002)).toEqual(money(0, 'MYR'));
    expect((await world.app.wallets.entries(7002, { offset: 0, limit: 10 })).total).toBe(0);

    const anyway = flagged.buttons.find((b) => b.text.includes('Approve anyway'))?.callback_data ?? '';
    expect(await pressAs(SECOND_ADMIN, anyway, cardOf(SECOND_ADMIN, 7002, 'RM 41.10').messageId)).toMatch(
      /^Approved/,
    );
    expect(await world.app.wallets.balance(7002)).toEqual(money(4_110, 'MYR'));
    // The decided card keeps the warning and says who approved it.
    expect(cardOf(ADMIN, 7002, 'RM 41.10').text).toMatch(/another claim[\s\S]*Approved<\/b> by <code>9202/);

    const warning = world.logs.find((line) => line.includes('approved although its proof matches'));
    expect(warning).toBeDefined();
    const record = JSON.parse(warning ?? '{}') as Record<string, unknown>;
    expect(record).toMatchObject({ level: 'warn', claimId: flagged.claimId, adminId: SECOND_ADMIN });
    expect(record.matches).toEqual([expect.objectContaining({ claimId: original.claimId, earlier: true })]);
    // References are the buyer's banking details: no log line carries them.
    expect(world.logs.filter((line) => /7788/.test(line))).toEqual([]);
    expectBuyerToldNothingOfMatches(7002);
    await second.waitForText(/Top-up approved/);
  });

  it('the same receipt photo again (same file_unique_id, a new file_id) is flagged, naming the rejected one', async () => {
    const buyer = world.buyer(7011);
    await claimByPhoto(buyer, '52.20', 'AgACAgFILE-first-send', 'AQADreceipt01');
    const original = cardOf(ADMIN, 7011, 'RM 52.20');
    expect(original.text).not.toContain('another claim');
    expect(await pressAs(ADMIN, `t:r:${original.claimId}`, original.messageId)).toMatch(/^Rejected/);

    // A legitimate re-send after a rejection looks the same: flagged, and still approvable.
    await claimByPhoto(buyer, '52.20', 'AgACAgFILE-sent-again', 'AQADreceipt01');
    const photos = world.api.callsOf('sendPhoto').filter((c) => Number(c.params.chat_id) === ADMIN);
    expect(photos.at(-1)?.params.photo).toBe('AgACAgFILE-sent-again');
    const again = cardOf(ADMIN, 7011, 'RM 52.20');
    expect(again.claimId).not.toBe(original.claimId);
    expect(again.text).toContain(
      `Same receipt photo as earlier claim <code>${original.claimId}</code> from buyer <code>7011</code>: <b>rejected</b>`,
    );
    expect(await pressAs(ADMIN, `t:a:${again.claimId}`, again.messageId)).toMatch(/Approve anyway/);
    expect(await world.app.wallets.balance(7011)).toEqual(money(0, 'MYR'));
    expect(await pressAs(ADMIN, `t:y:${again.claimId}`, again.messageId)).toMatch(/^Approved/);
    expect(await world.app.wallets.balance(7011)).toEqual(money(5_220, 'MYR'));
    expectBuyerToldNothingOfMatches(7011);
  });

  it('a reference that differs is not flagged, while the same one re-typed flags the first card too', async () => {
    const first = world.buyer(7021);
    await claimByReference(first, '63.30', 'CIMB 5550 1234');
    const other = world.buyer(7022);
    // One digit more or one less is another transfer: no warning, a plain Approve.
    await claimByReference(other, '63.30', 'CIMB 5550 12345');
    const distinct = cardOf(ADMIN, 7022, 'RM 63.30');
    expect(distinct.text).not.toContain('another claim');
    expect(distinct.buttons.map((b) => b.text)).toEqual(['✅ Approve', '❌ Reject']);
    expect(cardOf(ADMIN, 7021, 'RM 63.30').text).not.toContain('another claim');

    // The same reference from a third buyer, while the first claim is still pending: both cards warn.
    const third = world.buyer(7023);
    await claimByReference(third, '63.30', 'cimb5550 1234');
    const repeat = cardOf(ADMIN, 7023, 'RM 63.30');
    const firstClaimId = cardOf(ADMIN, 7021, 'RM 63.30').claimId;
    expect(repeat.text).toContain(
      `earlier claim <code>${firstClaimId}</code> from buyer <code>7021</code>: <b>pending</b>`,
    );
    const original = await waitFor(() => {
      const card = cardOf(SECOND_ADMIN, 7021, 'RM 63.30');
      return card.text.includes('later claim') ? card : undefined;
    });
    expect(original.text).toContain(
      `later claim <code>${repeat.claimId}</code> from buyer <code>7023</code>`,
    );
    expect(original.buttons.map((b) => b.text)).not.toContain('✅ Approve');
    expect(await pressAs(ADMIN, `t:a:${firstClaimId}`, original.messageId)).toMatch(/Approve anyway/);
    expect(await world.app.wallets.balance(7021)).toEqual(money(0, 'MYR'));

    expect(await pressAs(ADMIN, `t:a:${distinct.claimId}`, distinct.messageId)).toMatch(/^Approved/);
    expect(await world.app.wallets.balance(7022)).toEqual(money(6_330, 'MYR'));
  });

  it('two claims of one reference sent at the same moment: exactly one is first, and neither approves plainly', async () => {
    const a = world.buyer(7031);
    const b = world.buyer(7032);
    await openEvidenceStep(a, '74.40');
    await openEvidenceStep(b, '74.40');
    await Promise.all([a.say('RHB 3141 5926'), b.say('RHB 3141 5926')]);
    for (const buyer of [a, b]) expect(buyer.lastText()).toMatch(/Top-up sent for checking/);

    const cards = [cardOf(ADMIN, 7031, 'RM 74.40'), cardOf(ADMIN, 7032, 'RM 74.40')];
    const saysEarlier = cards.filter((card) => card.text.includes('as earlier claim'));
    expect(saysEarlier).toHaveLength(1);
    const [later] = saysEarlier;
    const firstCard = cards.find((card) => card !== later);
    expect(later?.text).toContain(`earlier claim <code>${firstCard?.claimId}</code>`);
    expect(firstCard?.text).not.toContain('as earlier claim');

    // Each sees the other when approved: a plain Approve on either credits nothing.
    for (const card of cards)
      expect(await pressAs(ADMIN, `t:a:${card.claimId}`, card.messageId)).toMatch(/Approve anyway/);
    expect(await world.app.wallets.balance(7031)).toEqual(money(0, 'MYR'));
    expect(await world.app.wallets.balance(7032)).toEqual(money(0, 'MYR'));
  });

  it('a reference typed with a label ("Ref 998877") and without it ("998877") is one transfer', async () => {
    const first = world.buyer(7041);
    await claimByReference(first, '85.50', 'Ref 998877');
    const original = cardOf(ADMIN, 7041, 'RM 85.50');
    expect(original.text).not.toContain('another claim');
    expect(await pressAs(ADMIN, `t:a:${original.claimId}`, original.messageId)).toMatch(/^Approved/);

    const second = world.buyer(7042);
    await claimByReference(second, '85.50', '998877');
    const again = cardOf(ADMIN, 7042, 'RM 85.50');
    expect(again.text).toContain(
      `Same reference as earlier claim <code>${original.claimId}</code> from buyer <code>7041</code>: <b>approved</b>`,
    );
    expect(await pressAs(ADMIN, `t:a:${again.claimId}`, again.messageId)).toMatch(/Approve anyway/);
    expect(await world.app.wallets.balance(7042)).toEqual(money(0, 'MYR'));

    // The Malay label for the same number, with a colon and a dot: the same transfer again.
    await claimByReference(world.buyer(7043), '85.50', 'No. Rujukan: 998877');
    expect(cardOf(ADMIN, 7043, 'RM 85.50').text).toContain(`earlier claim <code>${original.claimId}</code>`);
  });

  it('a reference that is only an amount or a date flags nobody', async () => {
    for (const [buyerId, typed] of [
      [7046, 'RM20'],
      [7047, 'RM 20'],
      [7048, '02/12/2026'],
      [7049, '2/12/26'],
    ] as const) {
      await claimByReference(world.buyer(buyerId), '20.40', typed);
      const card = cardOf(ADMIN, buyerId, 'RM 20.40');
      expect(card.text, typed).not.toContain('another claim');
      expect(card.buttons.map((b) => b.text)).toEqual(['✅ Approve', '❌ Reject']);
    }
  });

  it('after one of two matching claims is approved, the other card says so, and an Approve anyway pressed on its stale card credits nothing', async () => {
    const a = world.buyer(7051);
    const b = world.buyer(7052);
    await claimByReference(a, '86.60', 'PBB 4455 6677');
    await claimByReference(b, '86.60', 'PBB 4455 6677');
    const cardA = await waitFor(() => {
      const card = cardOf(SECOND_ADMIN, 7051, 'RM 86.60');
      return card.text.includes('later claim') ? card : undefined;
    });
    const cardB = cardOf(ADMIN, 7052, 'RM 86.60');
    expect(cardA.text).toContain(
      `later claim <code>${cardB.claimId}</code> from buyer <code>7052</code>: <b>pending</b>`,
    );
    expect(cardB.text).toContain(
      `earlier claim <code>${cardA.claimId}</code> from buyer <code>7051</code>: <b>pending</b>`,
    );
    const staleAnywayA = cardA.buttons.find((b) => b.text.includes('Approve anyway'))?.callback_data ?? '';
    const anywayB = cardB.buttons.find((b) => b.text.includes('Approve anyway'))?.callback_data ?? '';

    // The first admin approves B anyway; every open card of A is redrawn to say B is approved.
    expect(await pressAs(ADMIN, anywayB, cardB.messageId)).toMatch(/^Approved/);
    expect(await world.app.wallets.balance(7052)).toEqual(money(8_660, 'MYR'));
    for (const admin of [ADMIN, SECOND_ADMIN]) {
      const redrawn = await waitFor(() => {
        const card = cardOf(admin, 7051, 'RM 86.60');
        return card.text.includes('<b>approved</b>') ? card : undefined;
      });
      expect(redrawn.text).toContain(
        `later claim <code>${cardB.claimId}</code> from buyer <code>7052</code>: <b>approved</b>`,
      );
    }

    // The second admin presses Approve anyway on A as the card stood before: nothing is credited.
    expect(await pressAs(SECOND_ADMIN, staleAnywayA, cardA.messageId)).toMatch(
      /was approved since this card was drawn.*Approve anyway/,
    );
    expect(await world.app.wallets.balance(7051)).toEqual(money(0, 'MYR'));
    expect((await world.app.wallets.entries(7051, { offset: 0, limit: 10 })).total).toBe(0);
    expect(cardOf(SECOND_ADMIN, 7051, 'RM 86.60').text).toContain('<b>approved</b>');

    // On the redrawn card, which shows B approved, Approve anyway is what the admin saw: it credits.
    const fresh = cardOf(SECOND_ADMIN, 7051, 'RM 86.60');
    const freshAnyway = fresh.buttons.find((b) => b.text.includes('Approve anyway'))?.callback_data ?? '';
    expect(freshAnyway).not.toBe(staleAnywayA);
    expect(await pressAs(SECOND_ADMIN, freshAnyway, fresh.messageId)).toMatch(/^Approved/);
    expect(await world.app.wallets.balance(7051)).toEqual(money(8_660, 'MYR'));
  });

  it('a Malay-speaking admin is told to press the button as the card shows it', async () => {
    await claimByReference(world.buyer(7061), '97.70', 'BSN 2468 1357');
    await claimByReference(world.buyer(7062), '97.70', 'BSN 2468 1357');
    const flagged = cardOf(ADMIN, 7062, 'RM 97.70');
    expect(flagged.buttons.map((b) => b.text)).toContain('⚠️ Approve anyway');
    const toast = await pressAs(ADMIN, `t:a:${flagged.claimId}`, flagged.messageId, 'ms');
    expect(toast).toMatch(/^Bukti ini sepadan/);
    expect(toast).toContain('“⚠️ Approve anyway”');
    expect(await world.app.wallets.balance(7062)).toEqual(money(0, 'MYR'));
  });
});

describe('a transfer approved before proofs were fingerprinted, claimed again', () => {
  let upgraded: BotWorld;
  let stopUpgraded: () => Promise<void>;
  const OLD_CLAIM = 'approvedbeforeupgrade';

  beforeAll(async () => {
    ({ world: upgraded, close: stopUpgraded } = await startIimmpactWorld({
      redisUrl: inject('redisUrl'),
      adminIds: [ADMIN],
      shop: { BUYER_PAYMENT: 'wallet' },
      // What an earlier version left: a claim approved and credited, in no fingerprint list.
      seed: async (stores) => {
        const createdAt = Date.now() - 30 * 24 * 3_600_000;
        await stores.topupClaims.create({
          id: OLD_CLAIM,
          userId: 7071,
          chatId: 7071,
          amount: money(1_080, 'MYR'),
          evidence: { reference: 'Ref 3030 4040' },
          createdAt,
          expiresAt: createdAt + 24 * 3_600_000,
        });
        await stores.topupClaims.decide(OLD_CLAIM, ADMIN, 'approve', createdAt + 60_000);
      },
    }));
  });
  afterAll(() => stopUpgraded());

  it('is flagged once the start-up backfill has run, naming the old approved claim', async () => {
    await waitFor(() => upgraded.logs.find((line) => line.includes('recorded the proof fingerprints')));
    const buyer = upgraded.buyer(7072);
    await buyer.say('/wallet');
    await buyer.press('Top up');
    await buyer.say('10.80');
    await buyer.say('30304040');
    expect(buyer.lastText()).toMatch(/Top-up sent for checking/);
    const card = [...upgraded.api.messages(ADMIN).values()].find((m) =>
      m.text.includes('Buyer: <code>7072</code>'),
    );
    expect(card?.text).toContain(
      `Same reference as earlier claim <code>${OLD_CLAIM}</code> from buyer <code>7071</code>: <b>approved</b>`,
    );
  });
});
