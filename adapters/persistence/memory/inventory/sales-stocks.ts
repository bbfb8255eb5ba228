import { assertReplayOf, type StockMovement } from '../../../../domain/inventory/movement.js';
import type { ApplyStockOperation, SalesStocks, StockPolicies } from '../../../../domain/inventory/ports.js';
import {
  applyDelta,
  checkQuantity,
  decide,
  drawsOn,
  holdDelta,
  holdReference,
  lowStockEvents,
  poolDelta,
  type SalesStock,
} from '../../../../domain/inventory/sales-stock.js';
import { DomainError } from '../../../../domain/shared/domain-error.js';
import type { Versioned } from '../memory-database.js';
import type { MemoryTransactionState } from '../memory-transaction.js';

/** The sales layer's tables in the memory database. */
const STOCKS = 'salesStocks';
/** Keyed by (sku, kind, reference): the idempotency key of INV-5. */
const MOVEMENTS = 'stockMovements';
/** What is still locked under each (sku, lock reference). */
const HOLDS = 'stockHolds';
/** What is left in each carve-out pool (activity or channel) of a SKU. */
const POOLS = 'stockPools';
type StockRow = SalesStock & Versioned;
type MovementRow = { id: string; version: number; movement: StockMovement };
type HoldRow = { id: string; skuId: string; lockReference: string; quantity: number; version: number };
type PoolRow = { id: string; skuId: string; pool: string; quantity: number; version: number };

const movementKey = (skuId: string, kind: string, reference: string) => `${skuId}\u0000${kind}\u0000${reference}`;
const holdKey = (skuId: string, lockReference: string) => `${skuId}\u0000${lockReference}`;
const poolKey = holdKey;

/** The sales layer in memory: transactions are serialised, so checking then writing is atomic. `apply` records `inventory.stock.low` with the change. */
export class MemorySalesStocks implements SalesStocks {
  constructor(private readonly tx: MemoryTransactionState) {}

  async get(skuId: string): Promise<SalesStock | null> {
    const row = this.tx.read<StockRow>(STOCKS, skuId);
    return row ? strip(row) : null;
  }

  async getMany(skuIds: readonly string[]): Promise<SalesStock[]> {
    return [...new Set(skuIds)].flatMap((id) => {
      const row = this.tx.read<StockRow>(STOCKS, id);
      return row ? [strip(row)] : [];
    });
  }

  async configure(skuId: string, policies: StockPolicies): Promise<SalesStock> {
    const current: StockRow = this.tx.read<StockRow>(STOCKS, skuId) ?? {
      id: skuId,
      skuId,
      total: 0,
      locked: 0,
      sold: 0,
      activity: 0,
      presale: 0,
      oversellAllowance: 0,
      virtual: false,
      lowStockThreshold: null,
      version: 0,
    };
    const next = { ...current, ...Object.fromEntries(Object.entries(policies).filter(([, v]) => v !== undefined)) };
    this.tx.write(STOCKS, next);
    return strip(next);
  }

  async applyAll(commands: readonly ApplyStockOperation[]) {
    const results = [];
    for (const c of commands) results.push(await this.apply(c));
    return results;
  }

  async apply(c: ApplyStockOperation) {
    const op = c.operation;
    checkQuantity(op);
    const stock = this.tx.read<StockRow>(STOCKS, c.skuId);
    if (!stock) throw DomainError.notFound('INVENTORY.UNKNOWN_SKU', `SKU ${c.skuId} has no stock record`, { skuId: c.skuId });
    const before = strip(stock);
    const earlier = this.tx.read<MovementRow>(MOVEMENTS, movementKey(c.skuId, op.kind, c.reference));
    if (earlier) return { movement: assertReplayOf(earlier.movement, op), replayed: true, before, after: before };

    const draws = drawsOn(op);
    const drawable = !draws ? 0 : 'hold' in draws ? await this.hold(c.skuId, draws.hold) : this.poolLeft(c.skuId, draws.pool);
    const delta = decide(before, op, drawable);
    const after = applyDelta(before, delta);
    this.tx.write(STOCKS, { ...stock, ...after });
    const lockReference = holdReference(op, c.reference);
    if (lockReference) {
      const key = holdKey(c.skuId, lockReference);
      const held = this.tx.read<HoldRow>(HOLDS, key);
      const row = { id: key, skuId: c.skuId, lockReference, quantity: (held?.quantity ?? 0) + holdDelta(op), version: held?.version ?? 0 };
      this.tx.write(HOLDS, row);
    }
    const pool = 'pool' in op ? op.pool : null;
    if (pool) {
      const key = poolKey(c.skuId, pool);
      const left = this.tx.read<PoolRow>(POOLS, key);
      const row = { id: key, skuId: c.skuId, pool, quantity: (left?.quantity ?? 0) + poolDelta(op), version: left?.version ?? 0 };
      this.tx.write(POOLS, row);
    }
    const movement: StockMovement = {
      id: c.movementId,
      skuId: c.skuId,
      kind: op.kind,
      reference: c.reference,
      lockReference,
      pool,
      quantity: op.quantity,
      delta,
      at: c.at,
    };
    this.record(movement);
    this.tx.record(lowStockEvents(before, after, c.at));
    return { movement, replayed: false, before, after };
  }

  async movements(skuId: string): Promise<StockMovement[]> {
    return this.tx
      .rows<MovementRow>(MOVEMENTS)
      .map((row) => row.movement)
      .filter((m) => m.skuId === skuId)
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  async skuIds(): Promise<string[]> {
    return this.tx
      .rows<StockRow>(STOCKS)
      .map((s) => s.skuId)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  async hold(skuId: string, lockReference: string): Promise<number> {
    return this.tx.read<HoldRow>(HOLDS, holdKey(skuId, lockReference))?.quantity ?? 0;
  }

  async pools(skuId: string): Promise<Record<string, number>> {
    const rows = this.tx.rows<PoolRow>(POOLS).filter((p) => p.skuId === skuId && p.quantity > 0);
    return Object.fromEntries(rows.sort((a, b) => (a.pool < b.pool ? -1 : a.pool > b.pool ? 1 : 0)).map((p) => [p.pool, p.quantity]));
  }

  async recordCorrection(movement: StockMovement): Promise<void> {
    this.record(movement);
  }

  async overwriteCounters(skuId: string, counters: Pick<SalesStock, 'total' | 'locked' | 'sold' | 'activity' | 'presale'>): Promise<void> {
    const stock = this.tx.read<StockRow>(STOCKS, skuId);
    if (!stock) throw DomainError.notFound('INVENTORY.UNKNOWN_SKU', `SKU ${skuId} has no stock record`, { skuId });
    this.tx.write(STOCKS, { ...stock, ...counters });
  }

  private poolLeft(skuId: string, pool: string): number {
    return this.tx.read<PoolRow>(POOLS, poolKey(skuId, pool))?.quantity ?? 0;
  }

  private record(movement: StockMovement): void {
    this.tx.write(MOVEMENTS, { id: movementKey(movement.skuId, movement.kind, movement.reference), version: 0, movement } as MovementRow);
  }
}

function strip(row: SalesStock & { id?: string; version?: number }): SalesStock {
  const { skuId, total, locked, sold, activity, presale, oversellAllowance, virtual, lowStockThreshold } = row;
  return { skuId, total, locked, sold, activity, presale, oversellAllowance, virtual, lowStockThreshold };
}
