import type { Decimal } from 'decimal.js';
import { toDec, type DecimalInput } from '../shared/decimal.js';
import { centsOf, Dec, type AmountInput, type Cents } from './amounts.js';
import { PRICING_ERROR, pricingError } from './errors.js';

/**
 * 定金预售 (spec §5): the shopper pays a deposit (定金) in the deposit window and the balance (尾款) in
 * the balance window. With a leverage (定金膨胀) the deposit is worth more at the balance: a deposit of
 * 100.00 at leverage 1.5 takes 150.00 off the final price.
 *
 *   deduction = deposit × leverage, capped at the final price
 *   balance   = final price − deduction  (never below 0)
 *
 * So deduction + balance = final price, always; and deposit × leverage + balance = final price whenever
 * deposit × leverage does not exceed it. Amounts are per unit, whole cents; a quantity multiplies them, so
 * a line's figures are exactly quantity × the unit's. The product deposit × leverage is exact whenever the
 * leverage has at most 2 decimals and it lands on whole cents (setup requires both); otherwise it is rounded
 * half-up to the cent, here and only here. The balance takes no coupon: price it with
 * `priceOrder({ …, balancePayment: true })`, which refuses coupons.
 */
export interface PresaleTerms {
  /** The presale's final price of one unit (the price the deposit and balance add up to without leverage). */
  readonly price: AmountInput;
  /** The deposit of one unit: more than 0, below the price. */
  readonly deposit: AmountInput;
  /** ≥ 1 ("1.5": every 1.00 of deposit takes 1.50 off). Default 1. */
  readonly leverage?: DecimalInput;
}

export interface PresaleAmounts {
  /** Per unit × quantity. */
  readonly deposit: Cents;
  /** What the deposit takes off the final price: deposit × leverage, capped at the price. */
  readonly deduction: Cents;
  /** What is left to pay at the balance; never negative. */
  readonly balance: Cents;
  /** The final price (deduction + balance). */
  readonly price: Cents;
  /** deposit + balance: what the shopper pays in all. */
  readonly paid: Cents;
}

function fail(field: string) {
  return (reason: string) => pricingError(PRICING_ERROR.INVALID_INPUT, reason, `invalid presale ${field} (${reason})`, { field });
}

/** The leverage as a Decimal, checked: ≥ 1, at most 2 decimals. */
export function presaleLeverage(value: DecimalInput | undefined): Decimal {
  let l: Decimal;
  try {
    l = toDec(value ?? 1);
  } catch {
    throw fail('leverage')('NOT_A_NUMBER');
  }
  if (!l.isFinite() || l.lessThan(1)) throw fail('leverage')('LEVERAGE_BELOW_ONE');
  if (l.decimalPlaces() > 2) throw fail('leverage')('TOO_MANY_DECIMALS');
  return l;
}

/** deposit × leverage in cents, rounded half-up to the cent when it is not whole (setup keeps it whole). */
export function leveragedDeposit(deposit: Cents, leverage: Decimal): Cents {
  return BigInt(new Dec(deposit.toString()).times(leverage).toDecimalPlaces(0, Dec.ROUND_HALF_UP).toFixed(0));
}

/** The deposit, deduction and balance of `quantity` units (pure, exact to the cent). */
export function presaleAmounts(terms: PresaleTerms, quantity = 1, currency = 'CNY'): PresaleAmounts {
  const price = centsOf(terms.price, currency, fail('price'));
  const deposit = centsOf(terms.deposit, currency, fail('deposit'));
  if (deposit === 0n) throw fail('deposit')('ZERO_DEPOSIT');
  if (deposit >= price) throw fail('deposit')('DEPOSIT_NOT_BELOW_PRICE');
  if (!Number.isSafeInteger(quantity) || quantity < 1) throw fail('quantity')('NOT_A_WHOLE_QUANTITY');
  const worth = leveragedDeposit(deposit, presaleLeverage(terms.leverage));
  const deduction = worth < price ? worth : price;
  const q = BigInt(quantity);
  return { deposit: deposit * q, deduction: deduction * q, balance: (price - deduction) * q, price: price * q, paid: (deposit + price - deduction) * q };
}
