import { invalidQuery } from '../../domain/ordering/queries.js';

/** What the caller names an order, member or shop by (an id, an order number): a non-empty string of at most 64 characters. */
export function checkId(field: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim().length === 0 || value.length > 64) throw invalidQuery(field, 'INVALID_ID', `${field} is 1 to 64 characters`);
  return value;
}

export function optionalId(field: string, value: string | undefined): string | undefined {
  return value === undefined ? undefined : checkId(field, value);
}
