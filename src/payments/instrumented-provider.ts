import type { Metrics } from '../platform/metrics.js';
import { isPaymentError } from './errors.js';
import type { PaymentProvider } from './provider.js';
import { isAnswer, isOwnBudgetRefusal, type ProviderHealth } from './provider-health.js';

/**
 * The same provider, with each call's latency and failures recorded for /metrics:
 * `provider_call_seconds{call}` and `provider_errors_total{call,action}`, and, given `health`, each
 * call's outcome (answered or not) for /readyz, so readiness comes from real traffic.
 */
export function instrumentProvider(
  provider: PaymentProvider,
  metrics: Metrics,
  health?: Pick<ProviderHealth, 'record'>,
): PaymentProvider {
  metrics.describe('provider_call_seconds', 'Time spent in provider calls');
  metrics.describe('provider_errors_total', 'Provider calls that failed, by what to do next');
  const timed =
    <A extends unknown[], R>(call: string, fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const started = performance.now();
      try {
        const result = await fn(...args);
        health?.record(true);
        return result;
      } catch (error) {
        if (!isOwnBudgetRefusal(error)) health?.record(isAnswer(error));
        metrics.increment('provider_errors_total', {
          call,
          action: isPaymentError(error) ? error.action : 'internal',
        });
        throw error;
      } finally {
        metrics.observe('provider_call_seconds', (performance.now() - started) / 1000, { call });
      }
    };
  const bound = <K extends keyof PaymentProvider>(name: K) => {
    const method = provider[name];
    return typeof method === 'function'
      ? (method as (...args: unknown[]) => unknown).bind(provider)
      : undefined;
  };
  const inquire = bound('inquire') as PaymentProvider['inquire'];
  const listOptions = bound('listOptions') as PaymentProvider['listOptions'];
  const getNetworkStatus = bound('getNetworkStatus') as PaymentProvider['getNetworkStatus'];
  return {
    id: provider.id,
    currency: provider.currency,
    listProducts: timed('listProducts', () => provider.listProducts()),
    ...(inquire ? { inquire: timed('inquire', inquire) } : {}),
    ...(listOptions ? { listOptions: timed('listOptions', listOptions) } : {}),
    ...(getNetworkStatus ? { getNetworkStatus: timed('getNetworkStatus', getNetworkStatus) } : {}),
    pay: timed('pay', (request) => provider.pay(request)),
    getBalance: timed('getBalance', (options?: { once?: boolean }) => provider.getBalance(options)),
    parseCallback: (callback) => provider.parseCallback(callback),
    ...(provider.reconciliation ? { reconciliation: provider.reconciliation } : {}),
    close: () => provider.close(),
  };
}
