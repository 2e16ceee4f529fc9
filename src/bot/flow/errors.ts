import { isPaymentError, ProviderRejectedError } from '../../payments/errors.js';
import type { FlowEvent } from './events.js';

/**
 * Turns whatever a request effect threw into the event the reducer expects. Provider errors keep
 * their NextAction; the provider's own words travel only for `tell-user`, where the screen shows
 * them as the provider's. Anything else is our own failure.
 */
export function requestFailedEvent(
  requestId: string,
  error: unknown,
): Extract<FlowEvent, { type: 'request-failed' }> {
  if (error instanceof ProviderRejectedError) {
    const reason = error.failure.providerText;
    return { type: 'request-failed', requestId, error: 'tell-user', ...(reason ? { reason } : {}) };
  }
  if (isPaymentError(error)) return { type: 'request-failed', requestId, error: error.action };
  return { type: 'request-failed', requestId, error: 'internal' };
}
