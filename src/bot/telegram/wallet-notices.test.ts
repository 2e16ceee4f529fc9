import type { Telegram } from 'telegraf';
import { TelegramError } from 'telegraf';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../platform/logger.js';
import { createMemoryWalletStore } from '../../store/memory/wallet-store.js';
import type { NewLedgerEntry } from '../../wallet/ledger.js';
import { createWalletNoticeWorker, type WalletNoticeWorker } from './wallet-notices.js';

const BUYER = 4242;
let now = 1_000_000;
const clock = { nowMs: () => now };
const workers: WalletNoticeWorker[] = [];
afterEach(async () => {
  for (const worker of workers.splice(0)) await worker.stop();
});

function credit(id: string, amount: number, note?: string): NewLedgerEntry {
  return {
    id,
    userId: BUYER,
    kind: 'admin_credit',
    amount,
    reference: '9001',
    at: now,
    ...(note ? { note } : {}),
  };
}

/** A Telegram whose sendMessage answers with `answer` (a thrown error, or a sent message). */
function fakeTelegram(answer: (chatId: number, text: string) => void) {
  const sent: Array<{ chatId: number; text: string }> = [];
  const telegram = {
    sendMessage: async (chatId: number, text: string) => {
      answer(chatId, text);
      sent.push({ chatId, text });
      return { message_id: sent.length };
    },
  } as unknown as Telegram;
  return { telegram, sent };
}

function start(telegram: Telegram, wallets: ReturnType<typeof createMemoryWalletStore>, maxAttempts = 10) {
  const worker = createWalletNoticeWorker({
    telegram,
    notices: wallets.notices,
    buyerLocale: async () => undefined,
    clock,
    ids: { nonce: () => `n-${Math.random()}`, refid: () => 'r' },
    sleep: async () => {},
    logger: silentLogger,
    leaseMs: 1_000,
    pollIntervalMs: 1,
    maxAttempts,
  });
  workers.push(worker);
  worker.start();
  return worker;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('the wallet notice worker', () => {
  it('leaves a notice alone while its writer holds it, then tells the buyer once', async () => {
    const wallets = createMemoryWalletStore('MYR');
    const { telegram, sent } = fakeTelegram(() => {});
    await wallets.apply(credit('admin:a1', 1_500, 'make-good'), {
      notify: { holder: 'press', holdMs: 5_000 },
    });
    start(telegram, wallets);
    await settle();
    expect(sent).toEqual([]);
    now += 5_000;
    await settle();
    expect(sent).toHaveLength(1);
    expect(sent[0]?.chatId).toBe(BUYER);
    expect(sent[0]?.text).toContain('<b>RM 15.00</b> was added to your wallet by the shop');
    expect(sent[0]?.text).toContain('make-good');
    now += 60_000;
    await settle();
    expect(sent).toHaveLength(1);
  });

  it('drops the notice of a buyer who blocked the bot, and retries other refusals after the lease', async () => {
    const wallets = createMemoryWalletStore('MYR');
    let refusals = 0;
    const { telegram, sent } = fakeTelegram((chatId) => {
      if (chatId === BUYER + 1)
        throw new TelegramError({ error_code: 403, description: 'Forbidden: bot was blocked by the user' });
      if (refusals++ < 1) throw new TelegramError({ error_code: 500, description: 'Internal Server Error' });
    });
    await wallets.apply(
      { ...credit('admin:blocked', 100), userId: BUYER + 1 },
      { notify: { holder: 'p', holdMs: 0 } },
    );
    await wallets.apply(credit('admin:later', 200), { notify: { holder: 'p', holdMs: 0 } });
    start(telegram, wallets);
    await settle();
    expect(sent).toEqual([]);
    now += 1_001;
    await settle();
    expect(sent.map((s) => s.chatId)).toEqual([BUYER]);
    now += 60_000;
    await settle();
    expect(sent).toHaveLength(1);
    expect(await wallets.notices.claimDue(now + 1, 10, 1, 'check')).toEqual([]);
  });

  it('gives a notice up after the attempts allowed', async () => {
    const wallets = createMemoryWalletStore('MYR');
    let calls = 0;
    const { telegram } = fakeTelegram(() => {
      calls += 1;
      throw new TelegramError({ error_code: 500, description: 'Internal Server Error' });
    });
    await wallets.apply(credit('admin:never', 100), { notify: { holder: 'p', holdMs: 0 } });
    start(telegram, wallets, 3);
    for (let i = 0; i < 6; i++) {
      await settle();
      now += 1_001;
    }
    expect(calls).toBe(3);
    expect(await wallets.notices.claimDue(now + 1, 10, 1, 'check')).toEqual([]);
  });
});
