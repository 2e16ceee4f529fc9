import { isPaymentError, ProviderRejectedError } from '../../payments/errors.js';
import type { FlowEvent } from './events.js';

/**
 * Turns whatever a request effect threw into the event the reducer expects. Provider errors keep
 * their NextAction; the provider's reason travels only for `tell-user`, where it is meant for the
 * buyer. Anything else is our own failure.
 */
export function requestFailedEvent(
  requestId: string,
  error: unknown,
): Extract<FlowEvent, { type: 'request-failed' }> {
  if (error instanceof ProviderRejectedError) {
    return { type: 'request-failed', requestId, error: 'tell-user', reason: error.reason };
  }
  if (isPaymentError(error)) return { type: 'request-failed', requestId, error: error.action };
  return { type: 'request-failed', requestId, error: 'internal' };
}
