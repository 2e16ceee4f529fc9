import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('npm run demo', () => {
  it('walks through a purchase against the built-in sandbox with no configuration', async () => {
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/main/demo.ts'], { env });
    expect(stdout).toMatch(/Wallet 3100528 \(Sandbox Merchant Sdn Bhd\): RM 500,000\.00/);
    expect(stdout).toMatch(/NURUL AINI BINTI AHMAD: RM 123\.45 due/);
    expect(stdout).toMatch(/Accepted\.\.\.[\s\S]*Paid/);
    expect(stdout).toMatch(/PIN: +\S+/);
    expect(stdout).toMatch(/Redeem: +https:\/\//);
    expect(stdout).toMatch(/Wallet now RM 499,990\.\d\d/);
  });
});
