import type { DispatchStore } from '../../../../application/dispatch/store.js';
import type { Warehouses } from '../../../../domain/dispatch/ports.js';
import { Warehouse } from '../../../../domain/dispatch/warehouse.js';
import type { TxScope } from '../db.js';
import { saveVersionedRow } from '../repositories/versioned-row.js';
import { WarehouseRecord, warehouseFromRow, warehouseRecord, type WarehouseRow } from './records.js';

/** The dispatch store of one PostgreSQL transaction. */
export const pgDispatchStore = (tx: TxScope): DispatchStore => ({ warehouses: new MikroOrmWarehouses(tx) });

/** Warehouses on PostgreSQL; a code taken by a racing transaction fails the save (`warehouse_code_unique`). */
export class MikroOrmWarehouses implements Warehouses {
  constructor(private readonly tx: TxScope) {}

  async get(id: string): Promise<Warehouse | null> {
    const [row] = await this.tx.rows<WarehouseRow>('select * from warehouse where id = ?', [id]);
    return row ? Warehouse.restore(warehouseFromRow(row)) : null;
  }

  async save(warehouse: Warehouse): Promise<void> {
    const s = warehouse.toSnapshot();
    warehouse.markSaved(await saveVersionedRow(this.tx, WarehouseRecord, 'warehouses', s.version, warehouseRecord(s, s.version + 1)));
    this.tx.touched.add('dispatch');
    this.tx.record(warehouse.pullEvents());
  }

  async all(): Promise<Warehouse[]> {
    return this.list('select * from warehouse order by code');
  }

  /** Served from the dispatch read cache until this transaction writes to the domain (decision 0030). */
  async active(): Promise<Warehouse[]> {
    const rows = await this.tx.cachedOne('dispatch', 'active-warehouses', '', () =>
      this.tx.rows<WarehouseRow>(`select * from warehouse where status = 'active' order by code`),
    );
    return (rows ?? []).map((r) => Warehouse.restore(warehouseFromRow(r)));
  }

  async codeTaken(code: string, exceptWarehouseId?: string): Promise<boolean> {
    const rows = await this.tx.rows('select 1 from warehouse where code = ? and id is distinct from ? limit 1', [code, exceptWarehouseId ?? null]);
    return rows.length > 0;
  }

  private async list(sql: string): Promise<Warehouse[]> {
    return (await this.tx.rows<WarehouseRow>(sql)).map((r) => Warehouse.restore(warehouseFromRow(r)));
  }
}
