import type { Decimal } from 'decimal.js';
import { districtCode, regionCode, regionContains, regionsOverlap, type RegionCode } from '../dispatch/index.js';
import { Dec, toDec, type DecimalInput } from '../shared/decimal.js';
import { isDomainError } from '../shared/domain-error.js';
import { DEFAULT_CURRENCY, Money } from '../shared/money.js';
import { FREIGHT_ERROR, freightInvalid } from './errors.js';

export const CHARGE_MODES = ['piece', 'weight', 'volume'] as const;
/** 按件 (pieces), 按重量 (kilograms), 按体积 (cubic metres). */
export type ChargeMode = (typeof CHARGE_MODES)[number];

/** The most units a rate may name (pieces, kg or m³). */
export const MAX_RATE_UNITS = 1_000_000;

/**
 * 首件/续件, 首重/续重: the first `firstUnits` cost `firstPrice`; every further `additionalUnits`
 * **started** cost `additionalPrice` (12 pieces at "first 10 for 10.00, then 20.00 per 10" pay
 * 10.00 + ⌈2 / 10⌉ × 20.00 = 30.00). Units are pieces, kilograms or cubic metres by the charge mode.
 */
export interface FreightRate {
  readonly firstUnits: string;
  readonly firstPrice: Money;
  readonly additionalUnits: string;
  readonly additionalPrice: Money;
}

/** A rate for the addresses inside `regions` (province, city or district codes). */
export interface RegionRate {
  readonly regions: readonly RegionCode[];
  readonly rate: FreightRate;
}

/**
 * A rate table: a default rate and region rules on the region hierarchy. No two regions of its rules
 * overlap (`FREIGHT.OVERLAPPING_REGIONS`), so at most one rule covers an address; none → the default.
 * Per-item templates are rate tables; so is the optional carrier cost table of a shop.
 */
export interface RateTable {
  readonly chargeBy: ChargeMode;
  readonly defaultRate: FreightRate;
  readonly regionRates: readonly RegionRate[];
}

export type AmountInput = Money | string;

export interface FreightRateInput {
  readonly firstUnits: DecimalInput;
  readonly firstPrice: AmountInput;
  readonly additionalUnits: DecimalInput;
  readonly additionalPrice: AmountInput;
}

export interface RateTableInput {
  readonly chargeBy: ChargeMode;
  readonly defaultRate: FreightRateInput;
  readonly regionRates?: readonly { readonly regions: readonly string[]; readonly rate: FreightRateInput }[];
}

/** A price: whole cents, zero or more (`FREIGHT.INVALID_PRICE`, details: the field). */
export function price(value: AmountInput, field: string, currency = DEFAULT_CURRENCY): Money {
  let m: Money;
  try {
    m = typeof value === 'string' ? Money.parse(value, currency) : value;
  } catch (e) {
    if (isDomainError(e)) throw freightInvalid(FREIGHT_ERROR.INVALID_PRICE, `${field}: ${e.message}`, { field, value });
    throw e;
  }
  if (!(m instanceof Money) || m.currency !== currency || m.isNegative() || !m.isWholeMinorUnits()) {
    throw freightInvalid(FREIGHT_ERROR.INVALID_PRICE, `${field} is an amount of whole cents, zero or more`, { field, value: String(value) });
  }
  return m;
}

/** Region codes of a rule: at least one, each valid (`FREIGHT.INVALID_REGION`). */
export function ruleRegions(regions: readonly string[], field: string): RegionCode[] {
  if (!Array.isArray(regions) || regions.length === 0) {
    throw freightInvalid(FREIGHT_ERROR.INVALID_REGION, `${field} names at least one region`, { field });
  }
  return regions.map((r) => {
    try {
      return regionCode(r);
    } catch (e) {
      if (isDomainError(e)) throw freightInvalid(FREIGHT_ERROR.INVALID_REGION, `${field}: ${e.message}`, { field, region: r });
      throw e;
    }
  });
}

/** No two regions of the given rules overlap (one containing the other, identical codes included). */
export function checkNoOverlap(rules: readonly { readonly regions: readonly RegionCode[] }[], what: string): void {
  const all = rules.flatMap((r, rule) => r.regions.map((region) => ({ region, rule })));
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      const [a, b] = [all[i]!, all[j]!];
      if (regionsOverlap(a.region, b.region)) {
        throw freightInvalid(FREIGHT_ERROR.OVERLAPPING_REGIONS, `${what}: regions ${a.region} and ${b.region} overlap`, {
          regions: [a.region, b.region],
          rules: [a.rule, b.rule],
        });
      }
    }
  }
}

/** The rule whose regions cover the address (at most one: rules never overlap), with its index. */
export function ruleFor<R extends { readonly regions: readonly RegionCode[] }>(rules: readonly R[], address: RegionCode): { rule: R; index: number } | null {
  const index = rules.findIndex((r) => r.regions.some((region) => regionContains(region, address)));
  return index < 0 ? null : { rule: rules[index]!, index };
}

/** A shipping address: a district code; anything else is `FREIGHT.INVALID_ADDRESS`. */
export function freightAddress(value: unknown): RegionCode {
  if (typeof value !== 'string' || value.trim() === '') {
    throw freightInvalid(FREIGHT_ERROR.INVALID_ADDRESS, 'the address has no region', { address: value ?? null });
  }
  try {
    return districtCode(value.trim());
  } catch (e) {
    if (isDomainError(e)) throw freightInvalid(FREIGHT_ERROR.INVALID_ADDRESS, `the address region: ${e.message}`, { address: value });
    throw e;
  }
}

function units(value: DecimalInput, chargeBy: ChargeMode, field: string): string {
  let d: Decimal;
  try {
    d = toDec(value);
  } catch {
    throw freightInvalid(FREIGHT_ERROR.INVALID_UNITS, `${field} is not a number`, { field, value: String(value) });
  }
  const whole = chargeBy === 'piece';
  if (d.lte(0) || d.gt(MAX_RATE_UNITS) || (whole && !d.isInteger()) || d.decimalPlaces() > 6) {
    throw freightInvalid(
      FREIGHT_ERROR.INVALID_UNITS,
      `${field} is ${whole ? 'a whole number of pieces' : 'a positive amount (at most 6 decimals)'} from ${whole ? 1 : 'above 0'} to ${MAX_RATE_UNITS}`,
      { field, value: String(value) },
    );
  }
  return d.toString();
}

export function checkedRate(input: FreightRateInput, chargeBy: ChargeMode, field: string): FreightRate {
  return {
    firstUnits: units(input.firstUnits, chargeBy, `${field}.firstUnits`),
    firstPrice: price(input.firstPrice, `${field}.firstPrice`),
    additionalUnits: units(input.additionalUnits, chargeBy, `${field}.additionalUnits`),
    additionalPrice: price(input.additionalPrice, `${field}.additionalPrice`),
  };
}

export function checkedRateTable(input: RateTableInput, what: string): RateTable {
  if (!CHARGE_MODES.includes(input.chargeBy)) {
    throw freightInvalid(FREIGHT_ERROR.INVALID_TEMPLATE, `${what}: charge by piece, weight or volume`, { chargeBy: input.chargeBy });
  }
  const regionRates = (input.regionRates ?? []).map((r, i) => ({
    regions: ruleRegions(r.regions, `regionRates[${i}].regions`),
    rate: checkedRate(r.rate, input.chargeBy, `regionRates[${i}].rate`),
  }));
  checkNoOverlap(regionRates, what);
  return { chargeBy: input.chargeBy, defaultRate: checkedRate(input.defaultRate, input.chargeBy, 'defaultRate'), regionRates };
}

/**
 * The charge of a rate for `units` (exact): nothing for no units; the first price up to the first
 * units; then one additional price per started step of additional units. Every price is whole cents,
 * so the charge is whole cents: no rounding happens here.
 */
export function charge(rate: FreightRate, quantity: Decimal): Money {
  if (quantity.lte(0)) return Money.zero(rate.firstPrice.currency);
  const beyond = quantity.minus(rate.firstUnits);
  if (beyond.lte(0)) return rate.firstPrice;
  const steps = beyond.div(rate.additionalUnits).ceil();
  return rate.firstPrice.add(rate.additionalPrice.multiply(steps));
}

/** The rate of a table for an address: the region rule covering it, else the default. */
export function rateFor(table: RateTable, address: RegionCode): { rate: FreightRate; ruleIndex: number | null; regions: readonly RegionCode[] } {
  const found = ruleFor(table.regionRates, address);
  return found ? { rate: found.rule.rate, ruleIndex: found.index, regions: found.rule.regions } : { rate: table.defaultRate, ruleIndex: null, regions: [] };
}

export const ZERO_UNITS = new Dec(0);
