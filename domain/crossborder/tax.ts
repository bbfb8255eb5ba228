import type { Decimal } from 'decimal.js';
import { Dec, toDec, type DecimalInput } from '../shared/decimal.js';
import { isDomainError } from '../shared/domain-error.js';
import { Money } from '../shared/money.js';
import { CROSSBORDER_ERRORS } from './errors.js';

/** The share of the duty-paid tax that cross-border retail imports pay (按法定应纳税额的 70% 征收). */
export const CROSSBORDER_TAX_SHARE = '0.7';

export interface CrossBorderTaxLineInput {
  readonly lineId?: string;
  /** The line's dutiable price (完税价格): what the shopper pays for the line's goods, whole cents. */
  readonly price: Money | string;
  /** Consumption tax rate as a fraction (0.30 = 30 %), 0 ≤ rate < 1. */
  readonly consumptionRate: DecimalInput;
  /** Import VAT rate as a fraction (0.17 = 17 %), 0 ≤ rate ≤ 1. */
  readonly vatRate: DecimalInput;
}

export interface CrossBorderTaxLine {
  readonly lineId: string;
  readonly price: Money;
  readonly consumptionRate: string;
  readonly vatRate: string;
  /** The exact comprehensive rate (c + v) / (1 − c) × 70 %, e.g. "0.119". */
  readonly rate: string;
  /** price × rate, rounded half-up to the cent: the line's one rounding step. */
  readonly tax: Money;
}

export interface CrossBorderTax {
  readonly lines: readonly CrossBorderTaxLine[];
  /** Σ of the lines' rounded taxes (no second rounding). */
  readonly total: Money;
}

/**
 * The comprehensive tax rate (综合税率) of cross-border retail imports, spec §18, exact:
 * (consumption rate + VAT rate) / (1 − consumption rate) × 70 %. Milk powder (0 %, 17 %) → 0.119.
 */
export function comprehensiveTaxRate(consumptionRate: DecimalInput, vatRate: DecimalInput): Decimal {
  const c = rate(consumptionRate, 'consumptionRate', true);
  const v = rate(vatRate, 'vatRate', false);
  return c.plus(v).div(new Dec(1).minus(c)).times(CROSSBORDER_TAX_SHARE);
}

/**
 * The comprehensive tax per line and in total (spec §18). Each line's tax is price × the exact rate,
 * then **rounded once, half-up to the cent, per line** (the customs declaration lists tax per item);
 * the order's tax is the sum of those rounded line taxes. 800.00 of milk powder at 0 % and 17 %:
 * 800.00 × 0.17 / 1 × 0.7 = 95.20.
 */
export function crossBorderTax(lines: readonly CrossBorderTaxLineInput[]): CrossBorderTax {
  const out = lines.map((l, i): CrossBorderTaxLine => {
    const p = amount(l.price, `lines[${i}].price`);
    const r = comprehensiveTaxRate(l.consumptionRate, l.vatRate);
    return {
      lineId: l.lineId ?? String(i),
      price: p,
      consumptionRate: toDec(l.consumptionRate).toString(),
      vatRate: toDec(l.vatRate).toString(),
      rate: r.toString(),
      // Divide last: price × (c + v) × 70 % / (1 − c) is exact whenever the true tax has a finite
      // decimal form, so the half-up rounding to the cent sees 740.745, not 740.74499… (rate first).
      tax: taxOf(p, l.consumptionRate, l.vatRate),
    };
  });
  return { lines: out, total: Money.sum(out.map((l) => l.tax)) };
}

function taxOf(price: Money, consumptionRate: DecimalInput, vatRate: DecimalInput): Money {
  const c = toDec(consumptionRate);
  const numerator = price.amount.times(c.plus(toDec(vatRate))).times(CROSSBORDER_TAX_SHARE);
  return Money.of(numerator.div(new Dec(1).minus(c)), price.currency).roundToCents();
}

/** A cross-border amount: whole cents, zero or more (`CROSSBORDER.INVALID_AMOUNT`). */
export function amount(value: Money | string, field: string): Money {
  let m: Money;
  try {
    m = typeof value === 'string' ? Money.parse(value) : value;
  } catch (e) {
    if (isDomainError(e)) throw CROSSBORDER_ERRORS.raise('INVALID_AMOUNT', `${field}: ${e.message}`, { field });
    throw e;
  }
  if (!(m instanceof Money) || m.isNegative() || !m.isWholeMinorUnits()) {
    throw CROSSBORDER_ERRORS.raise('INVALID_AMOUNT', `${field} is an amount of whole cents, zero or more`, { field, value: String(value) });
  }
  return m;
}

function rate(value: DecimalInput, field: string, belowOne: boolean): Decimal {
  let d: Decimal | undefined;
  try {
    d = toDec(value);
  } catch {
    d = undefined;
  }
  if (!d || d.lt(0) || (belowOne ? d.gte(1) : d.gt(1))) {
    throw CROSSBORDER_ERRORS.raise('INVALID_RATE', `${field} is a fraction from 0 to ${belowOne ? 'below 1' : '1'}`, { field, value: String(value) });
  }
  return d;
}
