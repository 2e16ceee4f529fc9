import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** Runs `npm run demo`'s entry point with a scripted conversation on a pipe. */
function runDemo(
  script: string,
  args: string[] = [],
): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'demo/main.ts', ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => {
      stdout += String(c);
    });
    child.stderr.on('data', (c) => {
      stderr += String(c);
    });
    child.once('error', reject);
    child.once('exit', (code) => resolve({ stdout, stderr, code }));
    child.stdin.end(script);
  });
}

describe('npm run demo', () => {
  it('completes a gift-card purchase from a piped script and prints the receipt', async () => {
    // /start, Gift Card (6: JomPAY is off without JOMPAY_ENABLED), a phone number, RM 10.00 (2),
    // Confirm and pay (1).
    const { stdout, stderr, code } = await runDemo('/start\n6\n0123456789\n2\n1\n');
    expect(code).toBe(0);
    expect(stdout).toMatch(/\[6\] Gift Card/);
    expect(stdout).toMatch(/Please check your order[\s\S]*RM 10\.00/);
    expect(stdout).toMatch(/Processing/);
    expect(stdout).toMatch(/✅ Successful[\s\S]*PIN: \S+[\s\S]*Serial number: \S+/);
    expect(stdout).toMatch(/\[link\] .*Open voucher: https:\/\//);
    // The demo shop's 2% margin, paid from the demo credit of RM 100.00.
    expect(stdout).toMatch(/Face value: RM 10\.00[\s\S]*You pay: RM 10\.20/);
    expect(stdout).toMatch(/Paid RM 10\.20 from your wallet; balance RM 89\.80\./);
    // No Redis configured: the demo says loudly that nothing is kept.
    expect(stderr).toMatch(/REDIS_URL is not set/);
  });

  it('sells through the IAK sandbox with --provider iak, in rupiah', async () => {
    // /start, Steam Wallet (7, a single product), a phone number, Confirm and pay (1).
    const { stdout, code } = await runDemo('/start\n7\n081298765432\n1\n', ['--provider', 'iak']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/local IAK sandbox/);
    expect(stdout).toMatch(/Amount: Rp 16\.500/);
    // 2% on Rp 16.500 is Rp 330, rounded up to the next Rp 100; paid from the Rp 200.000 demo credit.
    expect(stdout).toMatch(/You pay: Rp 16\.900/);
    expect(stdout).toMatch(/Paid Rp 16\.900 from your wallet; balance Rp 183\.100\./);
    expect(stdout).toMatch(/✅ Successful[\s\S]*PIN: \S+/);
  });

  it('answers text it does not expect and a number with no button, without crashing', async () => {
    const { stdout, code } = await runDemo('hello\n/start\n99\n/cancel\n');
    expect(code).toBe(0);
    expect(stdout).toMatch(/you › 99/);
    expect(stdout).toMatch(/What would you like to buy/);
  });
});
