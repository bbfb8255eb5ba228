import { DomainError } from '../../../../domain/shared/domain-error.js';
import { PAYMENT_ERROR } from '../../../../domain/payment/errors.js';
import { Money, minorUnitsOf } from '../../../../domain/shared/money.js';

/** Currencies Stripe counts in whole units (no minor unit): `amount: 500` is ¥500. */
const STRIPE_ZERO_DECIMAL = new Set(['BIF', 'CLP', 'DJF', 'GNF', 'JPY', 'KMF', 'KRW', 'MGA', 'PYG', 'RWF', 'UGX', 'VND', 'VUV', 'XAF', 'XOF', 'XPF']);
/** Currencies Stripe counts in thousandths. */
const STRIPE_THREE_DECIMAL = new Set(['BHD', 'JOD', 'KWD', 'OMR', 'TND']);

/** The decimals of Stripe's integer amounts in this currency (upper-case ISO 4217). */
export function stripeDecimalsOf(currency: string): number {
  if (STRIPE_ZERO_DECIMAL.has(currency)) return 0;
  return STRIPE_THREE_DECIMAL.has(currency) ? 3 : 2;
}

/**
 * A currency both sides count alike: where zhongtai's minor unit is not Stripe's (CLP: zhongtai counts
 * cents, Stripe whole pesos), an amount would be off by a power of ten, so the payment is refused.
 */
function sameUnits(currency: string): void {
  if (minorUnitsOf(currency) !== stripeDecimalsOf(currency)) {
    throw DomainError.invalid(PAYMENT_ERROR.INVALID_PAYMENT, `the stripe channel does not take ${currency}: its minor unit differs here and at Stripe`, {
      reason: 'CURRENCY_NOT_SUPPORTED',
      channel: 'stripe',
      currency,
    });
  }
}

/** Money as Stripe takes it: an integer of the currency's minor unit and the lower-case code. Exact, or refused. */
export function toStripeAmount(m: Money): { readonly amount: number; readonly currency: string } {
  sameUnits(m.currency);
  const minor = m.toMinor();
  if (minor < 0n || minor > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`${m.toString()} ${m.currency} is not an amount Stripe takes`);
  return { amount: Number(minor), currency: m.currency.toLowerCase() };
}

/** A Stripe amount (integer minor units, lower-case currency) as Money; undefined when it is not one. */
export function fromStripeAmount(amount: unknown, currency: unknown): Money | undefined {
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || typeof currency !== 'string' || !/^[a-z]{3}$/.test(currency)) return undefined;
  const code = currency.toUpperCase();
  if (minorUnitsOf(code) !== stripeDecimalsOf(code)) return undefined;
  return Money.fromMinor(BigInt(amount), code);
}
