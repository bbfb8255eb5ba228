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

/** Available units per warehouse id, then per SKU id. */
export type AvailabilityByWarehouse = Record<string, Record<string, number>>;

/**
 * Port: the units of each SKU a warehouse can ship (调度层可用), what DSP-1 step (1) reads.
 *
 * A stand-in until the dispatch layer of stock (issue #3: book, available, in-transit, unsellable,
 * used per SKU and warehouse, with a ledger) lands: for now staff set the available units directly
 * (`SetWarehouseStock`), stored in `warehouse_stock`. The dispatch layer will implement this port.
 */
export interface WarehouseAvailability {
  /**
   * Every warehouse asked for has an entry; in it, every asked SKU with a stored figure (0 included).
   * A SKU without one has nothing available there.
   */
  available(skuIds: readonly string[], warehouseIds: readonly string[]): Promise<AvailabilityByWarehouse>;
  /** Sets the available units (a whole number ≥ 0, checked by the caller) of a SKU in a warehouse. */
  set(warehouseId: string, skuId: string, available: number): Promise<void>;
}
