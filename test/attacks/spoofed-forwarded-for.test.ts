import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Rig, type RunningApp, startRig } from './support.js';

/*
 * Before: with TRUST_PROXY=true, a client sending `X-Forwarded-For: <allowed IP>` passed the
 * callback allowlist. Now X-Forwarded-For counts only on connections from TRUSTED_PROXIES.
 */

const PROVIDER_IP = '203.0.113.7';
let rig: Rig;
beforeAll(async () => {
  rig = await startRig();
});
afterAll(async () => {
  await rig.close();
});

async function callback(running: RunningApp, forwardedFor?: string) {
  const response = await fetch(`${running.base}${running.app.callbackPath}?refid=nobody&status=20`, {
    headers: forwardedFor === undefined ? {} : { 'X-Forwarded-For': forwardedFor },
  });
  await response.text();
  return response.status;
}

describe('spoofed X-Forwarded-For', () => {
  it('is refused (403) when no proxy is trusted, and a leftover TRUST_PROXY is ignored with a warning', async () => {
    const running = await rig.start({ CALLBACK_ALLOWED_IPS: PROVIDER_IP, TRUST_PROXY: 'true' });
    expect(await callback(running, PROVIDER_IP)).toBe(403);
    expect(running.logs.join('\n')).toMatch(/TRUST_PROXY is ignored.*TRUSTED_PROXIES/);
  });

  it('is refused (403) when the peer is not one of the trusted proxies', async () => {
    const running = await rig.start({ CALLBACK_ALLOWED_IPS: PROVIDER_IP, TRUSTED_PROXIES: '10.0.0.0/8' });
    expect(await callback(running, PROVIDER_IP)).toBe(403);
  });

  it('behind a trusted proxy, only the right-most untrusted hop counts', async () => {
    const running = await rig.start({
      CALLBACK_ALLOWED_IPS: `${PROVIDER_IP}, 198.51.100.0/24`,
      TRUSTED_PROXIES: '127.0.0.0/8, ::1',
    });
    // The proxy appended the real caller (the provider) after whatever the client claimed.
    expect(await callback(running, `1.2.3.4, ${PROVIDER_IP}`)).toBe(200);
    expect(await callback(running, '198.51.100.77')).toBe(200);
    // A client claiming the provider's address, with the proxy appending the client's real one.
    expect(await callback(running, `${PROVIDER_IP}, 192.0.2.50`)).toBe(403);
    expect(await callback(running)).toBe(403);
  });
});
