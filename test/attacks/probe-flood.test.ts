import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { get, type Rig, type RunningApp, startRig } from './support.js';

/*
 * Before: 100 concurrent /readyz made 56 GET /v2/balance; with the balance endpoint failing, 20
 * probes made 80. Now: at most one provider call per 30 s, however many probes, failing or not.
 */

const TOKEN = 'attack-suite-metrics-token-0123';
let rig: Rig;
beforeAll(async () => {
  rig = await startRig();
});
afterAll(async () => {
  await rig.close();
});

describe('probe flood', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await rig.start({ METRICS_TOKEN: TOKEN });
  });

  it('100 concurrent probes make at most 1 balance call', async () => {
    const before = rig.sandbox.requestCount('/v2/balance');
    const answers = await Promise.all(
      Array.from({ length: 100 }, () => get(`${running.base}/readyz`, { Authorization: `Bearer ${TOKEN}` })),
    );
    expect(answers.every((a) => a.status === 200)).toBe(true);
    // 300 more in a row: the outcome stands for 30 s.
    for (let i = 0; i < 300; i++) await get(`${running.base}/readyz`, { Authorization: `Bearer ${TOKEN}` });
    expect(rig.sandbox.requestCount('/v2/balance') - before).toBe(1);
  });

  it('without the token, /readyz and /metrics answer 401 and call nothing; /healthz stays open', async () => {
    const before = rig.sandbox.requestCount();
    expect((await get(`${running.base}/readyz`)).status).toBe(401);
    expect(
      (await get(`${running.base}/readyz`, { Authorization: 'Bearer wrong-token-wrong-token' })).status,
    ).toBe(401);
    expect((await get(`${running.base}/metrics`)).status).toBe(401);
    expect((await get(`${running.base}/healthz`)).status).toBe(200);
    expect(rig.sandbox.requestCount()).toBe(before);
    // The warning says the token was there but wrong, without printing it.
    expect(running.logs.join('\n')).toContain('"hasToken":true');
    expect(running.logs.join('\n')).not.toContain('wrong-token-wrong-token');
  });
});

describe('probe flood while the provider is failing', () => {
  it('20 probes, then 200 more, make one balance read; the failure is reported and cached', async () => {
    // A balance endpoint that answers 503 every time (other reads are retried 3 times each).
    rig.sandbox.faults.inject({ kind: 'status', status: 503, path: '/v2/balance', times: 10_000 });
    try {
      const running = await rig.start({ INTERNAL_PORT: '0' });
      const internal = running.internalBase as string;
      const before = rig.sandbox.requestCount('/v2/balance');
      const answers = await Promise.all(Array.from({ length: 20 }, () => get(`${internal}/readyz`)));
      expect(answers.every((a) => a.status === 503)).toBe(true);
      expect(JSON.parse(answers[0]?.text ?? '{}')).toEqual({ store: 'ok', provider: 'unavailable' });
      for (let i = 0; i < 200; i++) expect((await get(`${internal}/readyz`)).status).toBe(503);
      // One probe for all 220, sent once without retries: one HTTP request in the cached period
      // (before: 20 probes made 80 requests).
      expect(rig.sandbox.requestCount('/v2/balance') - before).toBe(1);
      // On INTERNAL_PORT the public server has no /readyz or /metrics at all.
      expect((await get(`${running.base}/readyz`)).status).toBe(404);
      expect((await get(`${running.base}/metrics`)).status).toBe(404);
      expect((await get(`${internal}/metrics`)).status).toBe(200);
    } finally {
      rig.sandbox.faults.clear();
    }
  });
});
