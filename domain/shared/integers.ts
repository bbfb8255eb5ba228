import { DomainError } from './domain-error.js';

/**
 * The range of a 32-bit `int`, the type the stores keep counts, quantities, balances, limits, sort
 * keys and priorities in (decision 0020): a whole number outside it cannot be stored, and a sum that
 * leaves it cannot either. Every such input is checked against it, at the edge and in the domain.
 */
export const INT32_MIN = -2_147_483_648;
export const INT32_MAX = 2_147_483_647;

/** A whole number in [min, max] (the int32 range by default). */
export function isWholeIn(n: unknown, min = INT32_MIN, max = INT32_MAX): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max;
}

/**
 * The value if it is a whole number in [min, max] (the int32 range by default); otherwise the
 * `code` as an invalid DomainError naming the field and the bounds.
 */
export function wholeNumber(n: unknown, code: string, field: string, min = INT32_MIN, max = INT32_MAX): number {
  if (!isWholeIn(n, min, max)) {
    throw DomainError.invalid(code, `${field} is a whole number from ${min} to ${max}: ${String(n)}`, { field, value: n, min, max });
  }
  return n;
}
