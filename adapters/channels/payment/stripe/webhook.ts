import Stripe from 'stripe';
import type { ChannelRequest, VerifiedCallback, VerifiedRefundCallback } from '../../../../domain/payment/ports.js';
import type { Money } from '../../../../domain/shared/money.js';
import { fromStripeAmount } from './amounts.js';
import { CHANNEL, invalidCallback, invalidSignature } from './errors.js';

/** A signed event as the SDK reads it, only what the channel looks at. */
interface SignedEvent {
  readonly id?: unknown;
  readonly type?: unknown;
  readonly created?: unknown;
  readonly data?: { readonly object?: unknown };
}

const text = (v: unknown, max = 255): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;
const record = (v: unknown): Record<string, unknown> | null =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;

/**
 * The event of a webhook, its `Stripe-Signature` checked first — over the exact body text, with the
 * endpoint's secret, no older than `toleranceSeconds` — by the SDK's `constructEvent`. Refused before
 * anything of the body is read: no request (the raw body is required: PAYMENT.INVALID_CALLBACK), no
 * header, a signature that does not hold or an old timestamp (PAYMENT.INVALID_SIGNATURE); after it, a
 * body that is not an event is PAYMENT.INVALID_CALLBACK.
 */
export function verifiedEvent(request: ChannelRequest | undefined, o: { secret: string; toleranceSeconds: number; now: Date }): SignedEvent {
  if (!request || typeof request.rawBody !== 'string' || request.rawBody.length === 0) {
    throw invalidCallback('NO_RAW_BODY', 'a Stripe notification is verified over its exact body text: the request is required');
  }
  const header = signatureHeader(request.headers);
  if (header === undefined) throw invalidSignature('NO_SIGNATURE');
  let event: unknown;
  try {
    event = Stripe.webhooks.constructEvent(request.rawBody, header, o.secret, o.toleranceSeconds, undefined, o.now.getTime());
  } catch (e) {
    if (e instanceof Stripe.errors.StripeSignatureVerificationError) {
      throw invalidSignature(/tolerance/i.test(e.message) ? 'TIMESTAMP_OUTSIDE_TOLERANCE' : 'SIGNATURE_MISMATCH');
    }
    throw invalidCallback('NOT_JSON', 'the Stripe notification is not JSON');
  }
  const e = record(event);
  if (e?.object !== 'event' || !text(e.id) || !text(e.type) || !record(e.data) || !record((e.data as SignedEvent['data'])?.object)) {
    throw invalidCallback('NOT_AN_EVENT', 'the Stripe notification is not an event with data.object');
  }
  return e as SignedEvent;
}

/** The `stripe-signature` header (names are lower case at the edge; any case is taken). */
function signatureHeader(headers: ChannelRequest['headers'] | undefined): string | undefined {
  if (!headers) return undefined;
  const found = headers['stripe-signature'] ?? Object.entries(headers).find(([k]) => k.toLowerCase() === 'stripe-signature')?.[1];
  return typeof found === 'string' && found.trim() !== '' ? found : undefined;
}

const when = (seconds: unknown): Date | undefined =>
  typeof seconds === 'number' && Number.isSafeInteger(seconds) && seconds > 0 ? new Date(seconds * 1000) : undefined;

/** A PaymentIntent that succeeded, as the success a callback reports (also `query`'s answer). */
export function successOf(intent: Record<string, unknown>, fallbackAt: Date | undefined): VerifiedCallback {
  const metadata = record(intent.metadata);
  const number = metadata?.payment_number;
  if (!text(number, 128)) throw invalidCallback('NO_PAYMENT_NUMBER', 'the PaymentIntent has no metadata.payment_number');
  if (!text(intent.id, 128)) throw invalidCallback('NO_INTENT_ID', 'the PaymentIntent has no id');
  const amount = fromStripeAmount(intent.amount_received, intent.currency);
  if (!amount) throw invalidCallback('BAD_AMOUNT', 'the PaymentIntent amount_received is not whole minor units of a currency the channel takes');
  const paidAt = when(record(intent.latest_charge)?.created) ?? fallbackAt;
  if (!paidAt) throw invalidCallback('NO_TIME', 'the PaymentIntent tells no time it was paid');
  return { paymentNumber: number, callback: { channel: CHANNEL, channelTransactionId: intent.id, amount, paidAt } };
}

/** `payment_intent.succeeded`: the payment (metadata.payment_number) paid amount_received, when its latest charge was made (or the event). */
export function paymentCallbackOf(event: SignedEvent): VerifiedCallback {
  if (event.type !== 'payment_intent.succeeded') {
    throw invalidCallback('UNHANDLED_EVENT', `the payment callback takes payment_intent.succeeded, not ${String(event.type)}`, { eventType: event.type });
  }
  const intent = record(event.data?.object)!;
  if (intent.object !== 'payment_intent' || intent.status !== 'succeeded') {
    throw invalidCallback('NOT_A_SUCCEEDED_INTENT', 'payment_intent.succeeded carries no succeeded PaymentIntent');
  }
  return successOf(intent, when(event.created));
}

/** A refund's outcome for the port: final states only (pending and requires_action are told later). */
function outcomeOf(status: unknown): 'succeeded' | 'failed' | undefined {
  if (status === 'succeeded') return 'succeeded';
  return status === 'failed' || status === 'canceled' ? 'failed' : undefined;
}

/** A Refund object (ours: metadata refund_id and payment_number) as the port's refund notification. */
export function refundOutcomeOf(refund: Record<string, unknown>, paymentNumberFallback?: unknown): VerifiedRefundCallback {
  const metadata = record(refund.metadata);
  const refundId = metadata?.refund_id;
  const paymentNumber = metadata?.payment_number ?? paymentNumberFallback;
  if (!text(refundId, 128)) throw invalidCallback('NOT_OUR_REFUND', 'the refund has no metadata.refund_id: zhongtai did not make it');
  if (!text(paymentNumber, 128)) throw invalidCallback('NO_PAYMENT_NUMBER', 'the refund names no payment number');
  if (!text(refund.id, 128)) throw invalidCallback('NO_REFUND_ID', 'the refund has no id');
  const amount: Money | undefined = fromStripeAmount(refund.amount, refund.currency);
  if (!amount) throw invalidCallback('BAD_AMOUNT', 'the refund amount is not whole minor units of a currency the channel takes');
  const outcome = outcomeOf(refund.status);
  if (!outcome) {
    throw invalidCallback('REFUND_NOT_FINAL', `refund ${refund.id} is ${String(refund.status)}: its outcome comes in a later event`, {
      status: refund.status,
    });
  }
  return { paymentNumber, refundId, refundTransactionId: refund.id, amount, outcome };
}

/**
 * `refund.updated` / `refund.failed` (the Refund), or `charge.refunded` (the Charge, with its refunds
 * when the API version embeds them: the latest one is meant) → the refund's outcome.
 */
export function refundCallbackOf(event: SignedEvent): VerifiedRefundCallback {
  const object = record(event.data?.object)!;
  if ((event.type === 'refund.updated' || event.type === 'refund.failed') && object.object === 'refund') return refundOutcomeOf(object);
  if (event.type === 'charge.refunded' && object.object === 'charge') {
    const refunds = (record(object.refunds)?.data ?? []) as unknown[];
    const latest = refunds
      .map(record)
      .filter((r): r is Record<string, unknown> => r !== null)
      .sort((a, b) => Number(b.created ?? 0) - Number(a.created ?? 0))[0];
    if (!latest) {
      throw invalidCallback('REFUNDS_NOT_EMBEDDED', 'charge.refunded carries no refunds at this API version: subscribe the endpoint to refund.updated');
    }
    return refundOutcomeOf(latest, record(object.metadata)?.payment_number);
  }
  throw invalidCallback('UNHANDLED_EVENT', `the refund callback takes refund.updated, refund.failed or charge.refunded, not ${String(event.type)}`, {
    eventType: event.type,
  });
}
