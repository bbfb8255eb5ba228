import { DomainError } from './domain-error.js';

declare const quantityBrand: unique symbol;
/** A positive whole number of units (at least 1). */
export type Quantity = number & { readonly [quantityBrand]: true };

export const MAX_QUANTITY = 1_000_000_000;

export function quantity(n: number): Quantity {
  if (!Number.isSafeInteger(n) || n < 1 || n > MAX_QUANTITY) {
    throw DomainError.invalid('QUANTITY.INVALID', `a quantity is a whole number from 1 to ${MAX_QUANTITY}: ${n}`);
  }
  return n as Quantity;
}
