import type { Warehouses } from '../../../domain/dispatch/ports.js';
import { Warehouse, type WarehouseSnapshot } from '../../../domain/dispatch/warehouse.js';
import { DomainError } from '../../../domain/shared/domain-error.js';
import type { MemoryTransactionState } from './memory-unit-of-work.js';

const byCode = (a: WarehouseSnapshot, b: WarehouseSnapshot) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

/**
 * Warehouses in memory. Transactions are serialised, so a use case's `codeTaken` check cannot be raced;
 * `save` still refuses a taken code, as PostgreSQL's unique constraint does.
 */
export class MemoryWarehouses implements Warehouses {
  constructor(private readonly tx: MemoryTransactionState) {}

  async get(id: string): Promise<Warehouse | null> {
    const s = this.tx.read('warehouses', id);
    return s ? Warehouse.restore(s) : null;
  }
  async save(warehouse: Warehouse): Promise<void> {
    const s = warehouse.toSnapshot();
    if (await this.codeTaken(s.code, s.id)) {
      throw DomainError.conflict('DISPATCH.DUPLICATE_WAREHOUSE_CODE', `warehouse code ${s.code} is taken`, { code: s.code });
    }
    warehouse.markSaved(this.tx.write('warehouses', s));
  }
  async all(): Promise<Warehouse[]> {
    return this.tx.rows('warehouses').sort(byCode).map((s) => Warehouse.restore(s));
  }
  async active(): Promise<Warehouse[]> {
    return (await this.all()).filter((w) => w.status === 'active');
  }
  async codeTaken(code: string, exceptWarehouseId?: string): Promise<boolean> {
    return this.tx.rows('warehouses').some((s) => s.code === code && s.id !== exceptWarehouseId);
  }
}
