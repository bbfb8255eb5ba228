import { availableInWarehouses } from '../inventory/index.js';
import type { DispatchCandidate } from '../../domain/dispatch/selection.js';
import type { Transaction } from '../shared/unit-of-work.js';
import { requireWarehouse } from './lookups.js';
import { DISPATCH_STORE } from './store.js';

/**
 * Dispatch's published in-transaction services (issue #13): what other contexts ask of the warehouses
 * inside their own transaction, without reaching its repositories.
 */

/** Rejects the first id that names no warehouse (`DISPATCH.WAREHOUSE_NOT_FOUND`, 404): the stock flows of inventory check theirs first. */
export async function requireWarehouses(tx: Transaction, warehouseIds: readonly string[]): Promise<void> {
  for (const id of warehouseIds) await requireWarehouse(tx, id);
}

/**
 * The candidates of DSP-1 for these SKUs: every active warehouse, by code, with the available units of
 * the SKUs there (the dispatch layer of stock, 调度层可用; a SKU without stock in a warehouse is absent).
 * What pre-dispatch reads, in the staff preview and at checkout.
 */
export async function dispatchCandidates(tx: Transaction, skuIds: readonly string[]): Promise<DispatchCandidate[]> {
  const warehouses = (await tx.use(DISPATCH_STORE).warehouses.active()).map((w) => w.toSnapshot());
  const available =
    warehouses.length === 0
      ? {}
      : await availableInWarehouses(
          tx,
          skuIds,
          warehouses.map((w) => w.id),
        );
  return warehouses.map((warehouse) => ({ warehouse, available: available[warehouse.id] ?? {} }));
}
