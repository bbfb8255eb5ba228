import { DomainError } from '../shared/domain-error.js';
import { MAX_QUANTITY } from '../shared/quantity.js';

/**
 * What the dispatch layer (调度层) and the warehouse layer (仓库层) share: quantities, references,
 * location codes, and the INV-5 replay rule of their ledgers.
 */

/** A quantity is whole and from 1 to MAX_QUANTITY; a stock-take adjustment (`signed`) is whole and non-zero, either sign. */
export function checkLayerQuantity(kind: string, n: number, signed: boolean): void {
  if (!Number.isSafeInteger(n) || Math.abs(n) > MAX_QUANTITY || (signed ? n === 0 : n < 1)) {
    const what = signed ? `non-zero, at most ${MAX_QUANTITY} either way` : `from 1 to ${MAX_QUANTITY}`;
    throw DomainError.invalid('QUANTITY.INVALID', `${kind} takes a whole quantity ${what}: ${n}`, { quantity: n });
  }
}

/** A business reference (receipt, transfer, dispatch order, stock-take …): 1–200 characters, not blank. */
export function checkReference(reference: string): string {
  if (typeof reference !== 'string' || reference.trim() === '' || reference.length > 200) {
    throw DomainError.invalid('INVENTORY.INVALID_REFERENCE', 'a reference is 1 to 200 characters, not blank', { reference });
  }
  return reference;
}

const LOCATION = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,38}[A-Za-z0-9])?$/;

/** A location (库位) code in a warehouse, such as `A-01-03`: letters, digits, `.`, `_`, `-`, at most 40, case-sensitive. */
export function locationCode(code: string): string {
  if (typeof code !== 'string' || !LOCATION.test(code)) {
    throw DomainError.invalid('INVENTORY.INVALID_LOCATION', `not a location code: ${JSON.stringify(code)} (e.g. A-01-03)`, { location: code });
  }
  return code;
}

/** One movement of a layer ledger as far as the replay rule cares. */
export interface LayerMovement<D> {
  readonly reference: string;
  readonly quantity: number;
  readonly delta: D;
}

/**
 * INV-5 for the dispatch and warehouse layers: an operation whose key (row, kind, reference) was applied
 * before is a replay only if it asks for the same quantity and would move the same counters; otherwise
 * the reference was reused for something else (`INVENTORY.REFERENCE_REUSED`).
 */
export function assertLayerReplayOf<D extends object, M extends LayerMovement<D>>(earlier: M, quantity: number, delta: D, key: Record<string, unknown>): M {
  const same = earlier.quantity === quantity && (Object.keys(delta) as (keyof D)[]).every((f) => earlier.delta[f] === delta[f]);
  if (!same) {
    throw DomainError.conflict('INVENTORY.REFERENCE_REUSED', `reference ${earlier.reference} was used for another operation`, {
      ...key,
      reference: earlier.reference,
    });
  }
  return earlier;
}

/** Whether `a` sorts before `b` by code point (the order rows are locked in, and listed). */
export function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
