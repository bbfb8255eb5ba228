import { assertReplayOf, type StockMovement } from '../../../domain/inventory/movement.js';
import type { ApplyStockOperation, SalesStocks } from '../../../domain/inventory/ports.js';
import { applyDelta, checkQuantity, decide, type SalesStock } from '../../../domain/inventory/sales-stock.js';
import { DomainError } from '../../../domain/shared/domain-error.js';
import type { MemoryTransactionState } from './memory-unit-of-work.js';

const movementKey = (skuId: string, kind: string, reference: string) => `${skuId}\u0000${kind}\u0000${reference}`;
const holdKey = (skuId: string, lockReference: string) => `${skuId}\u0000${lockReference}`;

/** The sales layer in memory: transactions are serialised, so checking then writing is atomic. */
export class MemorySalesStocks implements SalesStocks {
  constructor(private readonly tx: MemoryTransactionState) {}

  async get(skuId: string): Promise<SalesStock | null> {
    const row = this.tx.read('salesStocks', skuId);
    return row ? strip(row) : null;
  }

  async configure(skuId: string, policies: { oversellAllowance?: number; lowStockThreshold?: number | null }): Promise<SalesStock> {
    const current = this.tx.read('salesStocks', skuId) ?? {
      id: skuId, skuId, total: 0, locked: 0, sold: 0, activity: 0, oversellAllowance: 0, lowStockThreshold: null, version: 0,
    };
    const next = { ...current, ...Object.fromEntries(Object.entries(policies).filter(([, v]) => v !== undefined)) };
    this.tx.write('salesStocks', next);
    return strip(next);
  }

  async apply(c: ApplyStockOperation) {
    checkQuantity(c.operation);
    const stock = this.tx.read('salesStocks', c.skuId);
    if (!stock) throw DomainError.notFound('INVENTORY.UNKNOWN_SKU', `SKU ${c.skuId} has no stock record`, { skuId: c.skuId });
    const before = strip(stock);
    const earlier = this.tx.read('stockMovements', movementKey(c.skuId, c.operation.kind, c.reference));
    if (earlier) return { movement: assertReplayOf(earlier.movement, c.operation), replayed: true, before, after: before };

    const lockReference = 'lockReference' in c.operation ? c.operation.lockReference : c.operation.kind === 'lock' ? c.reference : null;
    const hold = lockReference ? this.tx.read('stockHolds', holdKey(c.skuId, lockReference)) : undefined;
    const delta = decide(before, c.operation, hold?.quantity ?? 0);
    const after = applyDelta(before, delta);
    this.tx.write('salesStocks', { ...stock, ...after });
    if (lockReference) {
      const key = holdKey(c.skuId, lockReference);
      const row = { id: key, skuId: c.skuId, lockReference, quantity: (hold?.quantity ?? 0) + delta.locked, version: hold?.version ?? 0 };
      this.tx.write('stockHolds', row);
    }
    const movement: StockMovement = {
      id: c.movementId, skuId: c.skuId, kind: c.operation.kind, reference: c.reference, lockReference,
      quantity: c.operation.quantity, delta, at: c.at,
    };
    this.tx.write('stockMovements', { id: movementKey(c.skuId, movement.kind, c.reference), version: 0, movement } as { id: string; version: number });
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
}

function strip(row: SalesStock & { id?: string; version?: number }): SalesStock {
  const { skuId, total, locked, sold, activity, oversellAllowance, lowStockThreshold } = row;
  return { skuId, total, locked, sold, activity, oversellAllowance, lowStockThreshold };
}
