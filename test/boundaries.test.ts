import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/*
 * The folder boundaries of DESIGN.md are `noRestrictedImports` overrides in biome.json, so
 * `npm run lint` (biome check .) fails when one is crossed. These tests lint small probe files with
 * the repository's own biome.json, in a temporary copy of the layout: the real tree is never
 * touched, so a parallel build or typecheck cannot pick a probe up.
 */

const REPO = fileURLToPath(new URL('..', import.meta.url));
const BIOME = join(REPO, 'node_modules', '@biomejs', 'biome', 'bin', 'biome');
const RULE = 'lint/style/noRestrictedImports';

interface Finding {
  file: string;
  message: string;
}

function runBiome(
  cwd: string,
  paths: string[],
): { status: number | null; output: string; findings: Finding[] } {
  const result = spawnSync(
    process.execPath,
    [
      BIOME,
      'lint',
      '--only=style/noRestrictedImports',
      '--reporter=github',
      '--max-diagnostics=none',
      ...paths,
    ],
    { cwd, encoding: 'utf8' },
  );
  const output = `${result.stdout}${result.stderr}`;
  const findings: Finding[] = [];
  for (const line of output.split('\n')) {
    const match = /^::error title=([^,]+),file=([^,]+),.*?::(.*)$/.exec(line);
    if (match?.[1] === RULE && match[2] && match[3] !== undefined) {
      findings.push({ file: match[2].slice(cwd.length + 1), message: match[3] });
    }
  }
  return { status: result.status, output, findings };
}

/** Path inside the layout -> source, and the words of the message the operator should see. */
const FORBIDDEN: Array<{ path: string; source: string; says: string }> = [
  {
    path: 'src/payments/orders/uses-telegraf.ts',
    source: "import { Telegraf } from 'telegraf';",
    says: 'src/bot/',
  },
  {
    path: 'src/payments/providers/iimmpact/uses-redis.ts',
    source: "import type { Redis } from 'ioredis';",
    says: 'Only src/store/',
  },
  {
    path: 'src/payments/uses-bot.ts',
    source: "import { x } from '../bot/index.js';",
    says: 'provider-agnostic core',
  },
  {
    path: 'src/payments/orders/uses-store.ts',
    source: "import type { X } from '../../store/ports.js';",
    says: 'provider-agnostic core',
  },
  {
    path: 'src/payments/uses-sandbox.ts',
    source: "import { x } from '../../sandbox/iimmpact/index.js';",
    says: 'ships in dist/',
  },
  {
    path: 'src/payments/uses-demo.ts',
    source: "export { x } from '../../demo/run-demo.js';",
    says: 'ships in dist/',
  },
  {
    path: 'src/payments/lazy-telegraf.ts',
    source: "export const t = await import('telegraf');",
    says: 'src/bot/',
  },
  {
    path: 'src/payments/money-extra.test.ts',
    source: "import { Redis } from 'ioredis';",
    says: 'Only src/store/',
  },
  {
    path: 'src/bot/flow/uses-provider.ts',
    source: "import { x } from '../../payments/providers/iimmpact/client.js';",
    says: 'concrete provider',
  },
  {
    path: 'src/bot/reexports-provider.ts',
    source: "export { x } from '../payments/providers/iak/provider.js';",
    says: 'concrete provider',
  },
  { path: 'src/bot/uses-redis.ts', source: "import { Redis } from 'ioredis';", says: 'Only src/store/' },
  { path: 'src/http/uses-redis.ts', source: "import { Redis } from 'ioredis';", says: 'Only src/store/' },
  {
    path: 'src/app/uses-sandbox.ts',
    source: "import { x } from '../../sandbox/kit/http-io.js';",
    says: 'ships in dist/',
  },
  {
    path: 'src/main/uses-test-support.ts',
    source: "import { x } from '../../test/support/bot/fixtures.js';",
    says: 'ships in dist/',
  },
  {
    path: 'src/store/uses-demo.ts',
    source: "import { x } from '../../demo/bot-api-stand-in.js';",
    says: 'ships in dist/',
  },
  {
    path: 'src/bot/flow/uses-contract.test.ts',
    source: "import { x } from '../../../test/contract/provider-contract.test.js';",
    says: 'may use test/support/',
  },
  {
    path: 'src/bot/flow/uses-sandbox.test.ts',
    source: "import { x } from '../../../sandbox/iimmpact/testing.js';",
    says: 'may use test/support/',
  },
  {
    path: 'src/wallet/uses-telegraf.ts',
    source: "import type { Context } from 'telegraf';",
    says: 'src/bot/',
  },
  {
    path: 'src/wallet/ledger/uses-redis.ts',
    source: "import { Redis } from 'ioredis';",
    says: 'Only src/store/',
  },
  {
    path: 'sandbox/iimmpact/uses-client-signer.ts',
    source: "import { computeSignature } from '../../src/payments/providers/iimmpact/signer.js';",
    says: 'from the documents',
  },
];

/** Imports the layout relies on every day; a rule that caught one of these would be wrong. */
const ALLOWED: Array<{ path: string; source: string }> = [
  { path: 'src/store/redis/client.ts', source: "import { Redis } from 'ioredis';" },
  { path: 'src/store/redis/client.test.ts', source: "import { Redis } from 'ioredis';" },
  {
    path: 'src/bot/flow/uses-fixtures.test.ts',
    source: "import { x } from '../../../test/support/bot/fixtures.js';",
  },
  {
    path: 'src/bot/telegram/uses-interface.ts',
    source: [
      "import { Telegraf } from 'telegraf';",
      "import type { PaymentProvider } from '../../payments/provider.js';",
      "import type { PaymentRequest } from '../../payments/types.js';",
      "import type { OrderStore } from '../../store/ports.js';",
    ].join('\n'),
  },
  {
    path: 'src/app/wires-provider.ts',
    source: "import { x } from '../payments/providers/iimmpact/provider.js';",
  },
  {
    path: 'src/payments/providers/iak/uses-core.ts',
    source: "import { money } from '../../money.js';\nimport { sleep } from '../../../platform/sleep.js';",
  },
  {
    path: 'test/uses-everything.ts',
    source: "import { Redis } from 'ioredis';\nimport '../sandbox/main.js';",
  },
  { path: 'sandbox/iimmpact/uses-money.ts', source: "import { money } from '../../src/payments/money.js';" },
];

let layout: string;

function writeProbe(path: string, source: string): void {
  const file = join(layout, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${source}\n`);
}

beforeAll(() => {
  layout = mkdtempSync(join(tmpdir(), 'boundaries-'));
  copyFileSync(join(REPO, 'biome.json'), join(layout, 'biome.json'));
  for (const { path, source } of [...FORBIDDEN, ...ALLOWED]) writeProbe(path, source);
});

afterAll(() => {
  rmSync(layout, { recursive: true, force: true });
});

describe('import boundaries (npm run lint)', () => {
  it('fails on every forbidden import, naming the rule and the boundary', () => {
    const result = runBiome(
      layout,
      FORBIDDEN.map(({ path }) => path),
    );
    expect(result.status, result.output).not.toBe(0);
    expect(result.output).toContain(RULE);
    for (const { path, says } of FORBIDDEN) {
      const found = result.findings.filter((finding) => finding.file === path);
      expect(found, `${path} should be refused`).toHaveLength(1);
      expect(found[0]?.message).toContain(says);
    }
  });

  it('lets the imports the layout is built on through', () => {
    const result = runBiome(
      layout,
      ALLOWED.map(({ path }) => path),
    );
    expect(result.findings).toEqual([]);
    expect(result.status, result.output).toBe(0);
  });

  it('passes on the repository as it is', () => {
    const result = runBiome(REPO, ['src', 'sandbox', 'demo', 'test', 'bench']);
    expect(result.findings).toEqual([]);
    expect(result.status, result.output).toBe(0);
  });
});
