// Known answers of Stripe's webhook signature (the shared vectors, key `stripe`): the SDK, the fake and the channel agree on them.
import { readFileSync } from 'node:fs';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { StripePaymentChannel } from '../../../../adapters/channels/payment/stripe/index.js';
import { DomainError } from '../../../../domain/shared/domain-error.js';
import { FakeStripe } from '../../../support/fakes/stripe-server.js';

interface Case {
  readonly t: number;
  readonly payload: string;
  readonly v1: string;
  readonly secret?: string;
}
const vectors = JSON.parse(readFileSync(new URL('./vectors.json', import.meta.url), 'utf8')).stripe as { secret: string; cases: Case[] };

/** The channel as it judges a webhook `age` seconds after it was signed (no API call is made). */
const channelAt = (seconds: number, secret = vectors.secret) =>
  new StripePaymentChannel({ secretKey: 'sk_test_vectors', webhookSecret: secret, now: () => new Date(seconds * 1000) });

const refusal = (run: () => unknown): [string, string, unknown] | null => {
  try {
    run();
    return null;
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    return [e.kind, e.code, e.details.reason];
  }
};

describe('the Stripe-Signature known answers (shared vectors, stripe)', () => {
  it('has the four cases, two on one payload and two secrets', () => {
    expect(vectors.secret).toBe('whsec_test_secret');
    expect(vectors.cases.map((c) => [c.t, c.secret ?? vectors.secret])).toEqual([
      [1492774577, 'whsec_test_secret'],
      [1492774577, 'whsec_test_secret'],
      [1700000000, 'whsec_test_secret'],
      [1492774577, 'whsec_other'],
    ]);
  });

  it.each(vectors.cases.map((c, i) => [i, c] as const))('case %i: the SDK and the fake sign it as v1 says', (_i, c) => {
    const secret = c.secret ?? vectors.secret;
    expect(Stripe.webhooks.generateTestHeaderString({ timestamp: c.t, payload: c.payload, secret })).toBe(`t=${c.t},v1=${c.v1}`);
    expect(new FakeStripe().sign(c.payload, new Date(c.t * 1000), secret)).toBe(`t=${c.t},v1=${c.v1}`);
  });

  it.each(vectors.cases.map((c, i) => [i, c] as const))(
    'case %i: the channel takes the signature at the signing second and 300 s later, refuses it 301 s later and under the other secret',
    (_i, c) => {
      const secret = c.secret ?? vectors.secret;
      const other = secret === 'whsec_other' ? vectors.secret : 'whsec_other';
      const request = { rawBody: c.payload, headers: { 'stripe-signature': `t=${c.t},v1=${c.v1}` } };
      // The signature holds: what follows is about the body (none of these is a payment_intent.succeeded event with a number).
      expect(refusal(() => channelAt(c.t, secret).verifyCallback(null, request))?.[1]).toBe('PAYMENT.INVALID_CALLBACK');
      expect(refusal(() => channelAt(c.t + 300, secret).verifyCallback(null, request))?.[1]).toBe('PAYMENT.INVALID_CALLBACK');
      expect(refusal(() => channelAt(c.t + 301, secret).verifyCallback(null, request))).toEqual([
        'unauthenticated',
        'PAYMENT.INVALID_SIGNATURE',
        'TIMESTAMP_OUTSIDE_TOLERANCE',
      ]);
      expect(refusal(() => channelAt(c.t, other).verifyCallback(null, request))).toEqual([
        'unauthenticated',
        'PAYMENT.INVALID_SIGNATURE',
        'SIGNATURE_MISMATCH',
      ]);
    },
  );

  it('the vectors 1 and 2 (one event, compact and pretty) are not interchangeable: a signature covers the exact bytes', () => {
    const [compact, pretty] = vectors.cases;
    const swapped = { rawBody: pretty!.payload, headers: { 'stripe-signature': `t=${compact!.t},v1=${compact!.v1}` } };
    expect(refusal(() => channelAt(compact!.t).verifyCallback(null, swapped))?.[1]).toBe('PAYMENT.INVALID_SIGNATURE');
    // Verified, the pretty body is an event of no type: the channel refuses it as a callback, after the signature.
    const own = { rawBody: pretty!.payload, headers: { 'stripe-signature': `t=${pretty!.t},v1=${pretty!.v1}` } };
    expect(refusal(() => channelAt(pretty!.t).verifyCallback(null, own))).toEqual(['invalid', 'PAYMENT.INVALID_CALLBACK', 'NOT_AN_EVENT']);
  });

  it('vector 3 (payment_intent.succeeded of 12345 cny, "订单 SO-1"): its UTF-8 body verifies; a byte changed in the amount does not', () => {
    const c = vectors.cases[2]!;
    const header = { 'stripe-signature': `t=${c.t},v1=${c.v1}` };
    expect(refusal(() => channelAt(c.t).verifyCallback(null, { rawBody: c.payload, headers: header }))).toEqual([
      'invalid',
      'PAYMENT.INVALID_CALLBACK',
      'NOT_AN_EVENT',
    ]);
    const tampered = c.payload.replace('12345', '12346');
    expect(refusal(() => channelAt(c.t).verifyCallback(null, { rawBody: tampered, headers: header }))).toEqual([
      'unauthenticated',
      'PAYMENT.INVALID_SIGNATURE',
      'SIGNATURE_MISMATCH',
    ]);
  });
});
