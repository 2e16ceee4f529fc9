import { describe, expect, it } from 'vitest';
import { createMetrics } from './metrics.js';

describe('metrics', () => {
  it('renders counters, summaries and gauges in Prometheus text format', async () => {
    const metrics = createMetrics('t_');
    metrics.describe('updates_total', 'Telegram updates handled');
    metrics.increment('updates_total');
    metrics.increment('updates_total');
    metrics.increment('orders_total', { state: 'succeeded' });
    metrics.observe('provider_seconds', 0.25, { call: 'pay' });
    metrics.observe('provider_seconds', 0.75, { call: 'pay' });
    metrics.gauge('backlog', 'Orders waiting', async () => [{ value: 3 }]);
    metrics.gauge('broken', 'A gauge whose source is down', async () => {
      throw new Error('down');
    });
    const text = await metrics.render();
    expect(text).toContain(
      '# HELP t_updates_total Telegram updates handled\n# TYPE t_updates_total counter\nt_updates_total 2',
    );
    expect(text).toContain('t_orders_total{state="succeeded"} 1');
    expect(text).toContain('t_provider_seconds_sum{call="pay"} 1');
    expect(text).toContain('t_provider_seconds_count{call="pay"} 2');
    expect(text).toContain('t_backlog 3');
    expect(text).not.toMatch(/t_broken \d/);
  });

  it('counts one series per label set, whatever order the labels come in', async () => {
    const metrics = createMetrics('t_');
    metrics.increment('calls_total', { method: 'pay', outcome: 'ok' });
    metrics.increment('calls_total', { outcome: 'ok', method: 'pay' }, 2);
    metrics.increment('calls_total', { method: 'pay', outcome: 'failed' });
    metrics.observe('wait_seconds', 1, { lane: 'read', kind: 'x' });
    metrics.observe('wait_seconds', 2, { kind: 'x', lane: 'read' });
    const text = await metrics.render();
    expect(text).toContain('t_calls_total{method="pay",outcome="ok"} 3');
    expect(text).toContain('t_calls_total{method="pay",outcome="failed"} 1');
    expect(text).toContain('t_wait_seconds_count{lane="read",kind="x"} 2');
  });

  it('escapes label values', async () => {
    const metrics = createMetrics('t_');
    metrics.increment('x', { reason: 'a "quoted"\nvalue' });
    expect(await metrics.render()).toContain('t_x{reason="a \\"quoted\\"\\nvalue"} 1');
  });
});
