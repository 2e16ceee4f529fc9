import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_DEV_CREDENTIALS } from '../sandbox/dev-credentials.js';
import { IAK_SANDBOX_FIXTURES as IAK, type IakSandbox } from '../sandbox/iak/index.js';
import { SANDBOX_FIXTURES as F, type IimmpactSandbox } from '../sandbox/iimmpact/index.js';
import { runCli } from '../src/cli/run-cli.js';
import { createIakProvider } from '../src/payments/providers/iak/provider.js';
import { createIimmpactProvider } from '../src/payments/providers/iimmpact/provider.js';
import { startTestIakSandbox, TEST_IAK_API_KEY, TEST_IAK_USERNAME } from './support/iak.js';
import { startTestSandbox, TEST_API_KEY, TEST_HMAC_SECRET } from './support/iimmpact.js';
import { freePort } from './support/net.js';

const run = promisify(execFile);

let sandbox: IimmpactSandbox;
let iakSandbox: IakSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  iakSandbox = await startTestIakSandbox();
});
afterAll(async () => {
  await sandbox.close();
  await iakSandbox.close();
});

async function cli(argv: string[], env: Record<string, string | undefined> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    env: {
      IIMMPACT_BASE_URL: sandbox.url,
      IIMMPACT_API_KEY: TEST_API_KEY,
      IIMMPACT_HMAC_SECRET: TEST_HMAC_SECRET,
      ...env,
    },
    createProvider: (config) =>
      config.provider === 'iimmpact'
        ? createIimmpactProvider({ ...config.iimmpact, readRetries: 0 })
        : createIakProvider({ ...config.iak, readRetries: 0 }),
    out: (t) => out.push(t),
    err: (t) => err.push(t),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('operator CLI', () => {
  it('prints the wallet balance and account name', async () => {
    const result = await cli(['balance']);
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toContain(F.merchant.name);
    expect(result.out).toMatch(/Balance: +RM [\d,]+\.\d{2}/);
  });

  it('prints machine-readable JSON with --json', async () => {
    const result = await cli(['balance', '--json']);
    const balance = JSON.parse(result.out);
    expect(balance.balance).toEqual({
      minor: sandbox.balanceSen(),
      currency: 'MYR',
      decimal: expect.any(String),
    });
  });

  it('lists active products, and inactive ones with --all', async () => {
    const active = await cli(['products']);
    const all = await cli(['products', '--all']);
    expect(active.out).toMatch(new RegExp(`^${F.prepaid.product} +Digi`, 'm'));
    expect(active.out).not.toMatch(new RegExp(`^${F.inactive.product} `, 'm'));
    expect(all.out).toMatch(new RegExp(`^${F.inactive.product} .*inactive`, 'm'));
  });

  it('shows a bill, and an invalid account plainly', async () => {
    const valid = await cli(['bill', F.tnb.product, F.tnb.validAccount]);
    expect(valid.out).toContain(F.tnb.customerName);
    expect(valid.out).toContain('RM 123.45');
    const invalid = await cli(['bill', F.tnb.product, F.tnb.invalidAccount]);
    expect(invalid.code).toBe(0);
    expect(invalid.out).toContain('invalid (Invalid account no)');
  });

  it('pages with the --page it suggests', async () => {
    const first = await cli(['subproducts', F.jompay.product, '--limit', '2']);
    const more = /\(more: npm run cli -- (.+)\)$/m.exec(first.out)?.[1];
    expect(more).toMatch(/^subproducts JOMPAY --limit 2 --page '.+'$/);
    const cursor = /--page '(.+)'$/.exec(more ?? '')?.[1] ?? '';
    const second = await cli(['subproducts', F.jompay.product, '--limit', '2', '--page', cursor]);
    expect(second).toMatchObject({ code: 0, err: '' });
    const codes = (text: string) =>
      text
        .split('\n')
        .filter((l) => !l.startsWith('(more'))
        .map((l) => l.split(' ')[0]);
    expect(codes(second.out)).toHaveLength(2);
    expect(codes(second.out)).not.toEqual(codes(first.out));
  });

  it('shows the validity verdict and due date of a documented bill', async () => {
    const result = await cli(['bill', 'TNB', '220099999999']);
    expect(result.out).toContain('invalid (TNB Maximum count per acc/month exceeded)');
    expect(result.out).toMatch(/Due date: +2023-10-25/);
  });

  it('answers for IAK when PAYMENT_PROVIDER=iak', async () => {
    const iak = {
      PAYMENT_PROVIDER: 'iak',
      IAK_BASE_URL: iakSandbox.url,
      IAK_USERNAME: TEST_IAK_USERNAME,
      IAK_API_KEY: TEST_IAK_API_KEY,
    };
    const balance = await cli(['balance'], iak);
    expect(balance).toMatchObject({ code: 0, err: '' });
    expect(balance.out).toMatch(/Balance: +Rp/);
    const products = await cli(['products'], iak);
    expect(products.out).toMatch(new RegExp(`^${IAK.pulsa.product} `, 'm'));
    const meter = await cli(['bill', IAK.pln.product, IAK.pln.validMeter], iak);
    expect(meter.out).toContain(IAK.pln.customerName);
    const none = await cli(['network', 'xld25000'], iak);
    expect(none.code).toBe(2);
    expect(none.err).toBe('error: iak has no network status');
  });

  it('passes JomPAY biller and Ref-2 through', async () => {
    const result = await cli(['bill', 'JOMPAY', 'REF1', '--biller', F.jompay.ref2BillerCode, '--ref2', 'R2']);
    expect(result.out).toMatch(/^Result: +valid/);
  });

  it('lists sub-products for an account', async () => {
    const result = await cli(['subproducts', F.ptptn.product, F.ptptn.nric]);
    expect(result.out.split('\n')).toHaveLength(2);
    expect(result.out).toContain(`account ${F.ptptn.account}`);
  });

  it('explains a wrong command in one line and exits 2', async () => {
    const result = await cli(['refund', 'x']);
    expect(result.code).toBe(2);
    expect(result.err.split('\n')).toHaveLength(1);
    expect(result.err).toMatch(/unknown command "refund"/);
    expect((await cli(['bill', 'TNB'])).err).toBe('error: usage: npm run cli -- bill <product> <account>');
    const unknownOption = await cli(['balance', '--nope']);
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.err.split('\n')).toHaveLength(1);
    expect(unknownOption.err).toMatch(/^error: .*--nope.*npm run cli -- help/);
  });

  it('names every configuration problem in one line and exits 1', async () => {
    const result = await cli(['balance'], { IIMMPACT_API_KEY: '', IIMMPACT_HMAC_SECRET: 'bad!' });
    expect(result.code).toBe(1);
    expect(result.err.split('\n')).toHaveLength(1);
    expect(result.err).toMatch(/IIMMPACT_API_KEY is required.*IIMMPACT_HMAC_SECRET must be/);
  });

  it('reports a refused key in one line without echoing secrets', async () => {
    const result = await cli(['balance'], { IIMMPACT_API_KEY: 'unknown-key-value' });
    expect(result.code).toBe(1);
    expect(result.err.split('\n')).toHaveLength(1);
    expect(result.err).toMatch(/HTTP 401/);
    expect(result.err).not.toContain('unknown-key-value');
    expect(result.err).not.toContain(TEST_HMAC_SECRET);
  });
});

describe('npm run sandbox + npm run cli, as separate processes', () => {
  it('prints the balance of the standalone sandbox', async () => {
    const port = await freePort();
    const server = spawn(process.execPath, ['--import', 'tsx', 'sandbox/main.ts'], {
      env: { ...process.env, SANDBOX_PORT: String(port), LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const banner = await new Promise<string>((resolve, reject) => {
        let text = '';
        server.stdout.on('data', (chunk) => {
          text += String(chunk);
          if (text.includes('Ctrl+C')) resolve(text);
        });
        server.once('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
      });
      expect(banner).toContain(`http://127.0.0.1:${port}/v2`);
      expect(banner).toContain(SANDBOX_DEV_CREDENTIALS.apiKey);

      const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/main/cli.ts', 'balance'], {
        env: {
          ...process.env,
          IIMMPACT_BASE_URL: `http://127.0.0.1:${port}/v2`,
          IIMMPACT_API_KEY: SANDBOX_DEV_CREDENTIALS.apiKey,
          IIMMPACT_HMAC_SECRET: SANDBOX_DEV_CREDENTIALS.hmacSecret,
        },
      });
      expect(stdout).toMatch(/Balance: +RM 500,000\.00/);
    } finally {
      server.kill('SIGTERM');
    }
  });
});
