import { assertReplayOf, type StockMovement } from '../../../domain/inventory/movement.js';
import type { ApplyStockOperation, SalesStocks, StockPolicies } from '../../../domain/inventory/ports.js';
import { applyDelta, checkQuantity, decide, drawsOn, holdDelta, holdReference, poolDelta, type SalesStock } from '../../../domain/inventory/sales-stock.js';
import { DomainError } from '../../../domain/shared/domain-error.js';
import type { MemoryTransactionState } from './memory-unit-of-work.js';

const movementKey = (skuId: string, kind: string, reference: string) => `${skuId}\u0000${kind}\u0000${reference}`;
const holdKey = (skuId: string, lockReference: string) => `${skuId}\u0000${lockReference}`;
const poolKey = holdKey;

/** The sales layer in memory: transactions are serialised, so checking then writing is atomic. */
export class MemorySalesStocks implements SalesStocks {
  constructor(private readonly tx: MemoryTransactionState) {}

  async get(skuId: string): Promise<SalesStock | null> {
    const row = this.tx.read('salesStocks', skuId);
    return row ? strip(row) : null;
  }

  async getMany(skuIds: readonly string[]): Promise<SalesStock[]> {
    return [...new Set(skuIds)].flatMap((id) => {
      const row = this.tx.read('salesStocks', id);
      return row ? [strip(row)] : [];
    });
  }

  async configure(skuId: string, policies: StockPolicies): Promise<SalesStock> {
    const current = this.tx.read('salesStocks', skuId) ?? {
      id: skuId, skuId, total: 0, locked: 0, sold: 0, activity: 0, presale: 0, oversellAllowance: 0, virtual: false, lowStockThreshold: null, version: 0,
    };
    const next = { ...current, ...Object.fromEntries(Object.entries(policies).filter(([, v]) => v !== undefined)) };
    this.tx.write('salesStocks', next);
    return strip(next);
  }

  async apply(c: ApplyStockOperation) {
    const op = c.operation;
    checkQuantity(op);
    const stock = this.tx.read('salesStocks', c.skuId);
    if (!stock) throw DomainError.notFound('INVENTORY.UNKNOWN_SKU', `SKU ${c.skuId} has no stock record`, { skuId: c.skuId });
    const before = strip(stock);
    const earlier = this.tx.read('stockMovements', movementKey(c.skuId, op.kind, c.reference));
    if (earlier) return { movement: assertReplayOf(earlier.movement, op), replayed: true, before, after: before };

    const draws = drawsOn(op);
    const drawable = !draws ? 0 : 'hold' in draws ? await this.hold(c.skuId, draws.hold) : this.poolLeft(c.skuId, draws.pool);
    const delta = decide(before, op, drawable);
    const after = applyDelta(before, delta);
    this.tx.write('salesStocks', { ...stock, ...after });
    const lockReference = holdReference(op, c.reference);
    if (lockReference) {
      const key = holdKey(c.skuId, lockReference);
      const held = this.tx.read('stockHolds', key);
      const row = { id: key, skuId: c.skuId, lockReference, quantity: (held?.quantity ?? 0) + holdDelta(op), version: held?.version ?? 0 };
      this.tx.write('stockHolds', row);
    }
    const pool = 'pool' in op ? op.pool : null;
    if (pool) {
      const key = poolKey(c.skuId, pool);
      const left = this.tx.read('stockPools', key);
      const row = { id: key, skuId: c.skuId, pool, quantity: (left?.quantity ?? 0) + poolDelta(op), version: left?.version ?? 0 };
      this.tx.write('stockPools', row);
    }
    const movement: StockMovement = {
      id: c.movementId, skuId: c.skuId, kind: op.kind, reference: c.reference, lockReference, pool, quantity: op.quantity, delta, at: c.at,
    };
    this.record(movement);
    return { movement, replayed: false, before, after };
  }

  async movements(skuId: string): Promise<StockMovement[]> {
    return this.tx
      .rows('stockMovements')
      .map((row) => row.movement)
      .filter((m) => m.skuId === skuId)
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  async skuIds(): Promise<string[]> {
    return this.tx
      .rows('salesStocks')
      .map((s) => s.skuId)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  async hold(skuId: string, lockReference: string): Promise<number> {
    return this.tx.read('stockHolds', holdKey(skuId, lockReference))?.quantity ?? 0;
  }

  async pools(skuId: string): Promise<Record<string, number>> {
    const rows = this.tx.rows('stockPools').filter((p) => p.skuId === skuId && p.quantity > 0);
    return Object.fromEntries(rows.sort((a, b) => (a.pool < b.pool ? -1 : a.pool > b.pool ? 1 : 0)).map((p) => [p.pool, p.quantity]));
  }

  async recordCorrection(movement: StockMovement): Promise<void> {
    this.record(movement);
  }

  async overwriteCounters(skuId: string, counters: Pick<SalesStock, 'total' | 'locked' | 'sold' | 'activity' | 'presale'>): Promise<void> {
    const stock = this.tx.read('salesStocks', skuId);
    if (!stock) throw DomainError.notFound('INVENTORY.UNKNOWN_SKU', `SKU ${skuId} has no stock record`, { skuId });
    this.tx.write('salesStocks', { ...stock, ...counters });
  }

  private poolLeft(skuId: string, pool: string): number {
    return this.tx.read('stockPools', poolKey(skuId, pool))?.quantity ?? 0;
  }

  private record(movement: StockMovement): void {
    this.tx.write('stockMovements', { id: movementKey(movement.skuId, movement.kind, movement.reference), version: 0, movement } as { id: string; version: number });
  }
}

function strip(row: SalesStock & { id?: string; version?: number }): SalesStock {
  const { skuId, total, locked, sold, activity, presale, oversellAllowance, virtual, lowStockThreshold } = row;
  return { skuId, total, locked, sold, activity, presale, oversellAllowance, virtual, lowStockThreshold };
}
