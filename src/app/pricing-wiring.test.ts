import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRequestRunner } from '../bot/telegram/requests.js';
import { money } from '../payments/money.js';
import type { OrderService } from '../payments/orders/ports.js';
import type { PaymentProvider } from '../payments/provider.js';
import { silentLogger } from '../platform/logger.js';
import { createMemoryCacheStore } from '../store/memory/kv-stores.js';
import { createMemoryPricingRuleStore } from '../store/memory/pricing-store.js';
import { PricingRulesError } from '../wallet/pricing.js';
import { seedPricingRulesFile } from './create-app.js';
import { quoteWithStoredRules } from './wire-app.js';

const product = { code: 'D', group: 'Mobile', category: 'Prepaid', freeAmount: false };
const RULES = JSON.stringify({ currency: 'MYR', margin: { default: { percentBp: 1000 } } });

async function file(text: string): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'pricing-')), 'rules.json');
  await writeFile(path, text);
  return path;
}

describe('PRICING_RULES_FILE at start', () => {
  it('seeds an empty store, and never overwrites stored rules', async () => {
    const store = createMemoryPricingRuleStore();
    await seedPricingRulesFile(await file(RULES), store, 'MYR', silentLogger);
    expect((await store.get()).version).toBe(1);
    expect((await store.get()).rules.margin.default).toEqual({ percentBp: 1000 });
    await seedPricingRulesFile(
      await file(JSON.stringify({ margin: { default: { percentBp: 1 } } })),
      store,
      'MYR',
      silentLogger,
    );
    expect((await store.get()).rules.margin.default).toEqual({ percentBp: 1000 });
  });

  it('stops start-up on a missing or bad file, naming the file and every problem', async () => {
    const store = createMemoryPricingRuleStore();
    await expect(seedPricingRulesFile('/nonexistent/rules.json', store, 'MYR', silentLogger)).rejects.toThrow(
      /PRICING_RULES_FILE \(\/nonexistent\/rules\.json\) cannot be read/,
    );
    const bad = await file(JSON.stringify({ margin: { default: { percentBp: -5 } }, extra: 1 }));
    const error = await seedPricingRulesFile(bad, store, 'MYR', silentLogger).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PricingRulesError);
    expect((error as PricingRulesError).message).toContain(`PRICING_RULES_FILE (${bad}) is not a valid`);
    expect((error as PricingRulesError).problems).toHaveLength(2);
    await expect(seedPricingRulesFile(await file(RULES), store, 'IDR', silentLogger)).rejects.toThrow(
      /shop sells in IDR/,
    );
    expect((await store.get()).version).toBe(0);
  });
});

describe('the quote', () => {
  it('applies the stored rules', async () => {
    const store = createMemoryPricingRuleStore();
    const quote = quoteWithStoredRules(store);
    expect(await quote(product, money(1_000, 'MYR'))).toEqual(money(1_000, 'MYR'));
    await seedPricingRulesFile(await file(RULES), store, 'MYR', silentLogger);
    expect(await quote(product, money(1_000, 'MYR'))).toEqual(money(1_100, 'MYR'));
  });

  it('fails, and is never the face value, when the rules cannot be read', async () => {
    const cell = { text: '{"version":1,"rules":{"margin":{"default":{"percentBp":-1}}}}' };
    const clock = { nowMs: () => 0 };
    const runner = createRequestRunner({
      provider: { id: 'fake', currency: 'MYR' } as unknown as PaymentProvider,
      orders: {} as OrderService,
      cache: createMemoryCacheStore(clock),
      catalogTtlMs: 1_000,
      chargeBuyers: true,
      quotePrice: quoteWithStoredRules(createMemoryPricingRuleStore(cell)),
    });
    const answer = await runner({ type: 'quote-price', requestId: 'q1', product, base: money(1_000, 'MYR') });
    expect(answer).toEqual({ type: 'request-failed', requestId: 'q1', error: 'internal' });
  });
});
