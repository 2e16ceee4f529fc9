import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { IAK_SANDBOX_DEV_CREDENTIALS } from '../sandbox/dev-credentials.js';
import { createIakClient } from '../src/payments/providers/iak/client.js';
import { freePort } from './support/net.js';

/** `npm run sandbox -- --provider iak` as a separate process, used by the real IAK client. */

function startSandboxProcess(args: string[], env: Record<string, string> = {}) {
  return spawn(process.execPath, ['--import', 'tsx', 'sandbox/main.ts', ...args], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function banner(child: ReturnType<typeof startSandboxProcess>): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdout.on('data', (chunk) => {
      text += String(chunk);
      if (text.includes('Ctrl+C')) resolve(text);
    });
    child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
  });
}

describe('npm run sandbox -- --provider iak', () => {
  it('prints the IAK environment lines and answers the IAK client', async () => {
    const port = await freePort();
    const child = startSandboxProcess(['--provider', 'iak'], { SANDBOX_PORT: String(port) });
    try {
      const text = await banner(child);
      const url = `http://127.0.0.1:${port}`;
      expect(text).toContain(`IAK sandbox listening on ${url}`);
      expect(text).toContain('export PAYMENT_PROVIDER=iak');
      expect(text).toContain(`export IAK_BASE_URL=${url}`);
      expect(text).toContain(`export IAK_USERNAME=${IAK_SANDBOX_DEV_CREDENTIALS.username}`);
      expect(text).toContain(`export IAK_API_KEY=${IAK_SANDBOX_DEV_CREDENTIALS.apiKey}`);
      const client = createIakClient({ baseUrl: url, ...IAK_SANDBOX_DEV_CREDENTIALS, readRetries: 0 });
      expect((await client.balance()).balance).toEqual({ minor: 100_000_000, currency: 'IDR' });
      await client.close();
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('takes the provider from SANDBOX_PROVIDER and refuses an unknown one', async () => {
    const port = await freePort();
    const child = startSandboxProcess([], { SANDBOX_PORT: String(port), SANDBOX_PROVIDER: 'iak' });
    try {
      expect(await banner(child)).toContain('IAK sandbox listening');
    } finally {
      child.kill('SIGTERM');
    }
    const wrong = startSandboxProcess(['--provider', 'paypal'], { SANDBOX_PORT: String(await freePort()) });
    let stderr = '';
    wrong.stderr.on('data', (chunk) => {
      stderr += String(chunk);
    });
    const code = await new Promise((resolve) => wrong.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('--provider must be one of iimmpact, iak');
  });
});

describe('npm run sandbox on a port in use', () => {
  it.each([[[]], [['--provider', 'iak']]])('prints one clear line and exits non-zero (%j)', async (args) => {
    const blocker = createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      const child = startSandboxProcess(args, { SANDBOX_PORT: String(port) });
      let stderr = '';
      child.stderr.on('data', (chunk) => {
        stderr += String(chunk);
      });
      const code = await new Promise((resolve) => child.once('exit', resolve));
      expect(code).not.toBe(0);
      expect(stderr.trim().split('\n')).toEqual([
        `error: port ${port} is already in use (another sandbox?); stop it or set SANDBOX_PORT to a free port`,
      ]);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
