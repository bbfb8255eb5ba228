import type { StockMovement, StockOperationResult } from './movement.js';
import type { SalesStock, StockOperation } from './sales-stock.js';

export interface ApplyStockOperation {
  readonly skuId: string;
  readonly reference: string;
  readonly operation: StockOperation;
  readonly movementId: string;
  readonly at: Date;
}

/**
 * Port: the sales layer and its ledger. `apply` is atomic per call: it checks the rule (`decide`),
 * moves the counters and appends the movement, or changes nothing and throws. Applying an operation
 * whose (sku, kind, reference) was applied before changes nothing and returns the first movement with
 * `replayed: true` (INV-5). Adapters must hold INV-3 under any interleaving of concurrent callers
 * (PostgreSQL: guarded UPDATEs, never a counter computed in JavaScript).
 */
export interface SalesStocks {
  get(skuId: string): Promise<SalesStock | null>;
  /** The stock records found among these SKUs, in no particular order (one read for many). */
  getMany(skuIds: readonly string[]): Promise<SalesStock[]>;
  /** Creates the stock row of a SKU (all counters zero) or changes its policies. */
  configure(skuId: string, policies: StockPolicies): Promise<SalesStock>;
  apply(command: ApplyStockOperation): Promise<StockOperationResult & { before: SalesStock; after: SalesStock }>;
  /**
   * The operations as `apply` one after another, in the given order, answered in that order — sent
   * together where the adapter can (PostgreSQL: one statement for operations on distinct SKUs). A
   * refusal throws as `apply` would; what went before it stands only until the caller's transaction
   * rolls back.
   */
  applyAll(commands: readonly ApplyStockOperation[]): Promise<(StockOperationResult & { before: SalesStock; after: SalesStock })[]>;
  movements(skuId: string): Promise<StockMovement[]>;
  /** Every SKU that has a stock record, in code-point order. */
  skuIds(): Promise<string[]>;
  /** What is still locked under a lock reference. */
  hold(skuId: string, lockReference: string): Promise<number>;
  /** The units left in each of the SKU's pools (activities, channels) that has any, by pool name. */
  pools(skuId: string): Promise<Record<string, number>>;
  /** Consistency repair, trusting the counters: appends a `correction` movement that explains them. */
  recordCorrection(movement: StockMovement): Promise<void>;
  /** Consistency repair, trusting the ledger: sets the counters to what it sums to. */
  overwriteCounters(skuId: string, counters: Pick<SalesStock, 'total' | 'locked' | 'sold' | 'activity' | 'presale'>): Promise<void>;
}

export interface StockPolicies {
  readonly oversellAllowance?: number;
  readonly lowStockThreshold?: number | null;
  readonly virtual?: boolean;
}
