import Stripe from 'stripe';
import { PAYMENT_ERROR } from '../../../../domain/payment/errors.js';
import { DomainError } from '../../../../domain/shared/domain-error.js';

export const CHANNEL = 'stripe';

/** Key-like words (`sk_live_…`, a masked `sk_test_****1234`, `whsec_…`) out of a text that may end up in a log or an answer. */
export function redacted(text: string): string {
  return text.replace(/\b(?:sk|rk|pk)_(?:test|live)_[^\s,;'"]*/g, '[redacted key]').replace(/\bwhsec_[^\s,;'"]*/g, '[redacted secret]');
}

/** A notification that is not what the Stripe channel reads (422), with a stable `reason`. */
export function invalidCallback(reason: string, message: string, details: Record<string, unknown> = {}): DomainError {
  return DomainError.invalid(PAYMENT_ERROR.INVALID_CALLBACK, message, { channel: CHANNEL, reason, ...details });
}

/** A statement file or a listed balance transaction that is not what Stripe describes (`PAYMENT.INVALID_STATEMENT`). */
export function invalidStatement(message: string, details: Record<string, unknown> = {}): DomainError {
  return DomainError.invalid(PAYMENT_ERROR.INVALID_STATEMENT, message, { channel: CHANNEL, reason: 'MALFORMED_STATEMENT', ...details });
}

export function invalidSignature(reason: string): DomainError {
  return new DomainError(PAYMENT_ERROR.INVALID_SIGNATURE, 'the Stripe-Signature of the notification does not hold', 'unauthenticated', {
    channel: CHANNEL,
    reason,
  });
}

/**
 * What a failed API call means to the caller, as PAYMENT.CHANNEL_UNAVAILABLE (409): `retryable` when
 * Stripe could not be reached, timed out, was locked (409), limited the rate (429) or failed (5xx) —
 * after the SDK's own retries; not when Stripe refused the request (4xx: a key that is not valid, a
 * parameter it does not take …), which asking again would not change. The message and details carry
 * Stripe's error type, code and request id, never the key (Stripe's own message is redacted). Any
 * other error is not Stripe's answer and passes as it is.
 */
export function channelError(action: string, e: unknown): unknown {
  if (!(e instanceof Stripe.errors.StripeError)) return e; // ours (a DomainError), or a programming error: as it is
  const status = e.statusCode;
  const retryable =
    e instanceof Stripe.errors.StripeConnectionError ||
    e instanceof Stripe.errors.StripeRateLimitError ||
    status === undefined ||
    status === 409 ||
    status === 429 ||
    status >= 500;
  const authentication = e instanceof Stripe.errors.StripeAuthenticationError || e instanceof Stripe.errors.StripePermissionError;
  const what = retryable
    ? 'Stripe could not be reached or failed'
    : authentication
      ? 'Stripe refused the API key (check ZHONGTAI_STRIPE_SECRET_KEY)'
      : `Stripe refused it: ${redacted(e.message ?? '')}`;
  return DomainError.conflict(PAYMENT_ERROR.CHANNEL_UNAVAILABLE, `stripe: ${action}: ${what}${retryable ? '; try again' : ''}`, {
    channel: CHANNEL,
    retryable,
    ...(status !== undefined ? { status } : {}),
    stripeType: e.type,
    ...(e.code ? { stripeCode: e.code } : {}),
    ...(e.requestId ? { requestId: e.requestId } : {}),
  });
}

/** Runs an API call, its failure as `channelError`. */
export async function calling<T>(action: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    throw channelError(action, e);
  }
}
