import type { Warehouses } from '../../../../domain/dispatch/ports.js';
import { Warehouse, type WarehouseSnapshot } from '../../../../domain/dispatch/warehouse.js';
import { DomainError } from '../../../../domain/shared/domain-error.js';
import type { DispatchStore } from '../../../../application/dispatch/store.js';
import type { MemoryTransactionState } from '../memory-transaction.js';

/** The dispatch context's table in the memory database: warehouses by id. */
const WAREHOUSES = 'warehouses';

/** The dispatch store of one memory transaction. */
export const memoryDispatchStore = (tx: MemoryTransactionState): DispatchStore => ({ warehouses: new MemoryWarehouses(tx) });

const byCode = (a: WarehouseSnapshot, b: WarehouseSnapshot) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

/**
 * Warehouses in memory. Transactions are serialised, so a use case's `codeTaken` check cannot be raced;
 * `save` still refuses a taken code, as PostgreSQL's unique constraint does.
 */
export class MemoryWarehouses implements Warehouses {
  constructor(private readonly tx: MemoryTransactionState) {}

  async get(id: string): Promise<Warehouse | null> {
    const s = this.tx.read<WarehouseSnapshot>(WAREHOUSES, id);
    return s ? Warehouse.restore(s) : null;
  }
  async save(warehouse: Warehouse): Promise<void> {
    const s = warehouse.toSnapshot();
    if (await this.codeTaken(s.code, s.id)) {
      throw DomainError.conflict('DISPATCH.DUPLICATE_WAREHOUSE_CODE', `warehouse code ${s.code} is taken`, { code: s.code });
    }
    warehouse.markSaved(this.tx.write(WAREHOUSES, s));
    this.tx.record(warehouse.pullEvents());
  }
  async all(): Promise<Warehouse[]> {
    return this.tx
      .rows<WarehouseSnapshot>(WAREHOUSES)
      .sort(byCode)
      .map((s) => Warehouse.restore(s));
  }
  async active(): Promise<Warehouse[]> {
    return (await this.all()).filter((w) => w.status === 'active');
  }
  async codeTaken(code: string, exceptWarehouseId?: string): Promise<boolean> {
    return this.tx.rows<WarehouseSnapshot>(WAREHOUSES).some((s) => s.code === code && s.id !== exceptWarehouseId);
  }
}
