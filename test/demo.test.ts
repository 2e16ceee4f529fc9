import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

interface DemoRun {
  /** Types a line. */
  send(line: string): void;
  /** Resolves with the match once stdout (from `from` on) matches `pattern`. */
  waitFor(pattern: RegExp, from?: number): Promise<RegExpExecArray>;
  /** Characters of stdout so far. */
  readonly length: number;
  /** Closes stdin (Ctrl+D) and resolves when the demo has exited. */
  end(): Promise<{ stdout: string; stderr: string; code: number | null }>;
}

const tempDir = mkdtempSync(join(tmpdir(), 'demo-test-'));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

/** `npm run demo`'s entry point on pipes, typed into line by line (files it saves go to tempDir). */
function startDemo(args: string[] = []): DemoRun {
  const child = spawn(process.execPath, ['--import', 'tsx', 'demo/main.ts', ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TMPDIR: tempDir },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const waiting = new Set<() => void>();
  child.stdout.on('data', (c) => {
    stdout += String(c);
    for (const check of waiting) check();
  });
  child.stderr.on('data', (c) => {
    stderr += String(c);
  });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => resolve(code));
  });
  return {
    send: (line) => child.stdin.write(`${line}\n`),
    waitFor: (pattern, from = 0) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(stdout.slice(from));
          if (!match) return;
          waiting.delete(check);
          resolve(match);
        };
        const fail = (why: string) => {
          if (waiting.delete(check)) reject(new Error(`${why} ${pattern}:\n${stdout.slice(from)}`));
        };
        waiting.add(check);
        check();
        void exited.then(() => fail('the demo exited before'));
        setTimeout(() => fail('no'), 12_000).unref();
      }),
    get length() {
      return stdout.length;
    },
    async end() {
      child.stdin.end();
      const code = await exited;
      return { stdout, stderr, code };
    },
  };
}

/** Runs the demo with a scripted conversation on a pipe, as the README shows. */
function runDemo(
  script: string,
  args: string[] = [],
): Promise<{ stdout: string; stderr: string; code: number | null }> {
  const run = startDemo(args);
  run.send(script.replace(/\n$/, ''));
  return run.end();
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
    // Input ended with the payment in flight: the demo says it waits, and it settled.
    expect(stdout).toMatch(/waiting for 1 payment to settle…[\s\S]*✅ Successful/);
    expect(stdout).not.toMatch(/still pending/);
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

  it('shows the receipt when the sandbox settles, and keeps bare numbers on the screen answered last', async () => {
    const demo = startDemo();
    // Digi Prepaid, a number, RM 10.00, Confirm; then the wallet screen while the payment settles.
    for (const line of ['/start', '1', '1', '0123456780', '2']) demo.send(line);
    await demo.waitFor(/Confirm and pay/);
    const confirmedAt = Date.now();
    demo.send('1');
    demo.send('/start');
    demo.send('8');
    const receipt = await demo.waitFor(/bot \(updated\) › \((\w+)\)\n {2}✅ Successful/);
    // The provider's callback brings the receipt when the sandbox settles (1.2 s), not a re-query 5-10 s later.
    expect(Date.now() - confirmedAt).toBeLessThan(2_500);
    const receiptTag = receipt[1] ?? '';
    await demo.waitFor(
      new RegExp(
        `\\(${receiptTag}\\) has buttons too: type ${receiptTag}1 or ${receiptTag}2; bare numbers still press`,
      ),
    );
    // A bare number presses the wallet screen's button, not the receipt's "Report an issue".
    let from = demo.length;
    demo.send('1');
    await demo.waitFor(/you › \[1\] ➕ Top up[\s\S]*Top up your wallet/, from);
    // The receipt's own buttons are pressed by its tag.
    from = demo.length;
    demo.send(`${receiptTag}2`);
    await demo.waitFor(new RegExp(`you › \\(${receiptTag}\\) \\[2\\] 🛒 Buy something else`), from);
    const { stdout, code } = await demo.end();
    expect(code).toBe(0);
    expect(stdout).not.toMatch(/Report an issue\n\n/);
  });

  it('approves a bank-transfer claim from the admin copy by its tag', async () => {
    const demo = startDemo();
    // My wallet, Top up, RM 100, a transfer reference.
    for (const line of ['/start', '8', '1', '3', 'MBB778899']) demo.send(line);
    const claim = await demo.waitFor(
      /bot › \((\w+)\)\n {2}🏦 Top-up claim[\s\S]*?\[1\] ✅ Approve {3}\[2\] ❌ Reject/,
    );
    const tag = claim[1] ?? '';
    await demo.waitFor(
      new RegExp(`\\(${tag}\\) has buttons too: type ${tag}1 or ${tag}2; bare numbers still press`),
    );
    demo.send(`${tag}1`);
    await demo.waitFor(/Approved by[\s\S]*RM 100\.00 was added to your wallet\. Balance: RM 200\.00/);
    // The buyer's screen kept the bare numbers: 1 is its "My wallet".
    const from = demo.length;
    demo.send('1');
    await demo.waitFor(/you › \[1\] 👛 My wallet[\s\S]*Balance: RM 200\.00/, from);
    // The claim's copy lost its buttons: its tag presses nothing.
    demo.send(`${tag}1`);
    await demo.waitFor(new RegExp(`\\(${tag}\\) has no buttons any more`), from);
    expect((await demo.end()).code).toBe(0);
  });

  it("sends a number as text with a leading ', and says so when a bare number pressed a button instead", async () => {
    // PTPTN: an IC number, the first account; at the amount prompt 2 is the Cancel button.
    const { stdout, code } = await runDemo(
      "/start\n5\n900101-14-5678\n1\n2\n/start\n5\n900101-14-5678\n1\n'2\n",
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/you › \[2\] ✖️ Cancel\n\n\(demo\) to send 2 as text instead, type '2/);
    expect(stdout).toMatch(/you › 2\n[\s\S]*Please check your order[\s\S]*Amount: RM 2\.00/);
  });

  it('saves the files /export sends, and says which payment is still pending at exit', async () => {
    // An order to the sandbox's hold account (it never settles), then both exports.
    const { stdout, code } = await runDemo(
      '/start\n1\n1\n60123450001\n2\n1\n/export orders\n/export ledger\n',
    );
    expect(code).toBe(0);
    const files = [
      ...stdout.matchAll(
        /bot › \[file\]\n {2}((orders|ledger)-[\d-]+\.csv) \((\d+) bytes\)\n[^\n]*\n {2}saved to (\S+)/g,
      ),
    ];
    expect(files.map((f) => f[2])).toEqual(['orders', 'ledger']);
    for (const [, name, , size, path] of files) {
      expect(path?.startsWith(tempDir)).toBe(true);
      expect(path?.endsWith(name ?? '')).toBe(true);
      expect(readFileSync(path ?? '').length).toBe(Number(size));
    }
    expect(readFileSync(files[0]?.[4] ?? '', 'utf8')).toMatch(/^refid,[\s\S]*Digi Prepaid/);
    expect(stdout).toMatch(/waiting for 1 payment to settle…/);
    expect(stdout).toMatch(
      /order [\w-]+ \(Digi Prepaid\) is still pending: the provider has not settled it\. It stays pending at the provider; in a running shop the bot's re-queries would finish it/,
    );
  });
});
