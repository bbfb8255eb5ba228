import { DomainError } from '../shared/domain-error.js';
import type { StockDelta, StockOperation, StockOperationKind } from './sales-stock.js';

/**
 * What a ledger line records: an applied operation, or a `correction` that a consistency repair wrote
 * to explain counters the ledger did not (its delta is the difference it accounts for).
 */
export type StockMovementKind = StockOperationKind | 'correction';

/** A line of the stock ledger: one applied operation and the counters it moved (INV-4). */
export interface StockMovement {
  readonly id: string;
  readonly skuId: string;
  readonly kind: StockMovementKind;
  /** With `kind`, the idempotency key (INV-5). */
  readonly reference: string;
  /** The hold the movement changed: its own reference for a lock, the lock's for unlock and deduct. */
  readonly lockReference: string | null;
  /** The pool (activity or channel) it carved out, drew on or released. */
  readonly pool: string | null;
  readonly quantity: number;
  readonly delta: StockDelta;
  readonly at: Date;
}

/** The result of applying an operation: its movement, and whether it was a replay of an earlier one. */
export interface StockOperationResult {
  readonly movement: StockMovement;
  readonly replayed: boolean;
}

/**
 * INV-5: an operation whose key (sku, kind, reference) was applied before is a replay only if it is
 * the same operation; the same key with another quantity, lock or pool is a mistake, not a replay.
 */
export function assertReplayOf(earlier: StockMovement, operation: StockOperation): StockMovement {
  const lockReference = 'lockReference' in operation ? operation.lockReference : earlier.lockReference;
  const pool = 'pool' in operation ? operation.pool : null;
  if (earlier.quantity !== operation.quantity || earlier.lockReference !== lockReference || earlier.pool !== pool) {
    throw DomainError.conflict('INVENTORY.REFERENCE_REUSED', `reference ${earlier.reference} was used for another ${operation.kind}`, {
      skuId: earlier.skuId,
      reference: earlier.reference,
    });
  }
  return earlier;
}
