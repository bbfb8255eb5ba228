import type { DispatchMovement, DispatchOperation, DispatchStock } from './dispatch-stock.js';
import type { LocationMovement, LocationOperation, LocationStock } from './location-stock.js';

/** The result of applying one operation to one row: its movement, whether it was a replay, the row around it. */
export interface LayerOperationResult<M, S> {
  readonly movement: M;
  /** INV-5: the key was applied before with the same operation; nothing changed, `movement` is the first one. */
  readonly replayed: boolean;
  readonly before: S;
  readonly after: S;
}

export interface ApplyDispatchOperation {
  readonly skuId: string;
  readonly warehouseId: string;
  readonly reference: string;
  readonly operation: DispatchOperation;
  readonly movementId: string;
  readonly at: Date;
}

/** Available units per warehouse id, then per SKU id: what DSP-1 step (1) reads. */
export type AvailabilityByWarehouse = Record<string, Record<string, number>>;

/**
 * Port: the dispatch layer (调度层), one row per (SKU, warehouse), and its ledger.
 *
 * `apply` is atomic per call: it checks the rule (`decideDispatch`: no counter below zero), moves the
 * counters and appends the movement, or changes nothing and throws the rule's rejection. A row that does
 * not exist counts as zeros and is created by the first operation that leaves it non-negative. A key
 * (sku, warehouse, kind, reference) applied before is a replay: nothing changes and the first movement
 * comes back with `replayed: true`; the same key with another quantity or other counters is
 * `INVENTORY.REFERENCE_REUSED` (INV-5). Adapters hold the rule under any interleaving of concurrent
 * callers (PostgreSQL: one guarded statement, never a counter computed in JavaScript).
 */
export interface DispatchStocks {
  get(skuId: string, warehouseId: string): Promise<DispatchStock | null>;
  /** Every row of a SKU, by warehouse id (code-point order). */
  ofSku(skuId: string): Promise<DispatchStock[]>;
  /**
   * `available` of the asked SKUs in the asked warehouses: every asked warehouse has an entry, in which
   * a SKU without a row is absent (it has nothing available there).
   */
  available(skuIds: readonly string[], warehouseIds: readonly string[]): Promise<AvailabilityByWarehouse>;
  apply(command: ApplyDispatchOperation): Promise<LayerOperationResult<DispatchMovement, DispatchStock>>;
  /** The ledger of a SKU in every warehouse, in movement-id order. */
  movements(skuId: string): Promise<DispatchMovement[]>;
  /** Consistency repair, trusting the counters: appends a `correction` movement that explains them. */
  recordCorrection(movement: DispatchMovement): Promise<void>;
  /** Every SKU with a row, in code-point order. */
  skuIds(): Promise<string[]>;
}

export interface ApplyLocationOperation {
  readonly skuId: string;
  readonly warehouseId: string;
  readonly location: string;
  readonly reference: string;
  readonly operation: LocationOperation;
  readonly movementId: string;
  readonly at: Date;
}

/**
 * Port: the warehouse layer (仓库层), one row per (SKU, warehouse, location), and its ledger. Same
 * contract as `DispatchStocks` (atomic guarded apply, rows created on first use, INV-5 by
 * (sku, warehouse, location, kind, reference)).
 */
export interface LocationStocks {
  get(skuId: string, warehouseId: string, location: string): Promise<LocationStock | null>;
  /** Every row of a SKU, by warehouse id then location (code-point order). */
  ofSku(skuId: string): Promise<LocationStock[]>;
  apply(command: ApplyLocationOperation): Promise<LayerOperationResult<LocationMovement, LocationStock>>;
  /** The ledger of a SKU at every location, in movement-id order. */
  movements(skuId: string): Promise<LocationMovement[]>;
  /** Consistency repair, trusting the counters: appends a `correction` movement that explains them. */
  recordCorrection(movement: LocationMovement): Promise<void>;
  /** Every SKU with a row, in code-point order. */
  skuIds(): Promise<string[]>;
}
