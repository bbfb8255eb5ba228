import type { Warehouse } from './warehouse.js';

/**
 * Port: the warehouses of the dispatch centre, read like a collection. `save` is optimistic: it fails
 * with `CONCURRENCY.STALE_AGGREGATE` when the stored version moved since the warehouse was loaded
 * (creating an id that exists is stale too). Warehouse codes are unique: an adapter that races past
 * `codeTaken` rejects the save with `DISPATCH.DUPLICATE_WAREHOUSE_CODE`.
 */
export interface Warehouses {
  get(id: string): Promise<Warehouse | null>;
  save(warehouse: Warehouse): Promise<void>;
  /** Every warehouse, by code (code-unit order). */
  all(): Promise<Warehouse[]>;
  /** The active warehouses, by code: the candidates of DSP-1. */
  active(): Promise<Warehouse[]>;
  /** Whether a warehouse other than `exceptWarehouseId` has this code. */
  codeTaken(code: string, exceptWarehouseId?: string): Promise<boolean>;
}
