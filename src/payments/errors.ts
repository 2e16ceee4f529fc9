import type { OrderFailure } from './failure.js';

/**
 * What can go wrong when talking to a payment provider, named by what the caller should do next.
 * Messages never carry secrets or response bodies (a body may hold a voucher PIN).
 */
export type NextAction =
  /** The provider refused the request; tell the buyer why (its `failure`). No transaction exists. */
  | 'tell-user'
  /** The provider is down, busy or unreachable; try again later. Nothing was charged. */
  | 'try-later'
  /** A payment may or may not have been created; keep the order pending and re-query with the same refid. */
  | 'keep-pending'
  /** Credentials or access are wrong; an operator must fix the configuration. */
  | 'fix-config'
  /** The provider answered something we cannot read; report it. */
  | 'report';

export abstract class PaymentError extends Error {
  abstract readonly action: NextAction;
  /** HTTP status of the provider's answer, when there was one. */
  readonly httpStatus: number | undefined;

  constructor(message: string, options: { httpStatus?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.httpStatus = options.httpStatus;
  }
}

export class ProviderRejectedError extends PaymentError {
  readonly action = 'tell-user';
  /** What the refusal means, as a code, with the provider's own code and words when it gave them. */
  readonly failure: OrderFailure;

  constructor(failure: OrderFailure, options: { httpStatus?: number } = {}) {
    const said = [failure.providerCode, failure.providerText].filter(Boolean).join(': ');
    super(`provider rejected the request: ${failure.code}${said ? ` (${said})` : ''}`, options);
    this.failure = failure;
  }
}

export class ProviderUnavailableError extends PaymentError {
  readonly action = 'try-later';
  /** How long the provider asked us to wait, when it said so. */
  readonly retryAfterMs: number | undefined;

  constructor(
    message: string,
    options: { httpStatus?: number; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(message, options);
    this.retryAfterMs = options.retryAfterMs;
  }
}

export class OutcomeUnknownError extends PaymentError {
  readonly action = 'keep-pending';
  readonly refid: string;
  /** The answer's Retry-After, when it had one (a 429 or 503): the re-query waits at least this. */
  readonly retryAfterMs: number | undefined;

  constructor(
    refid: string,
    why: string,
    options: { httpStatus?: number; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(`outcome of payment ${refid} is unknown (${why}); re-query with the same refid`, options);
    this.refid = refid;
    this.retryAfterMs = options.retryAfterMs;
  }
}

export class InvalidResponseError extends PaymentError {
  readonly action = 'report';

  /** `problems` lists where the body did not match (paths and expectations, never the values). */
  constructor(endpoint: string, problems: string, options: { httpStatus?: number } = {}) {
    super(`unexpected response from ${endpoint}: ${problems}`, options);
  }
}

export class AuthenticationError extends PaymentError {
  readonly action = 'fix-config';

  constructor(message: string, options: { httpStatus?: number } = {}) {
    super(message, options);
  }
}

export function isPaymentError(error: unknown): error is PaymentError {
  return error instanceof PaymentError;
}
