import type { AvailabilityByWarehouse, WarehouseAvailability, Warehouses } from '../../../../domain/dispatch/ports.js';
import { Warehouse } from '../../../../domain/dispatch/warehouse.js';
import type { TxScope } from '../db.js';
import { WarehouseRecord, warehouseFromRow, warehouseRecord, type WarehouseRow } from '../records/warehouse-record.js';
import { saveVersionedRow } from './versioned-row.js';

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
  }

  async all(): Promise<Warehouse[]> {
    return this.list('select * from warehouse order by code');
  }

  async active(): Promise<Warehouse[]> {
    return this.list(`select * from warehouse where status = 'active' order by code`);
  }

  async codeTaken(code: string, exceptWarehouseId?: string): Promise<boolean> {
    const rows = await this.tx.rows('select 1 from warehouse where code = ? and id is distinct from ? limit 1', [code, exceptWarehouseId ?? null]);
    return rows.length > 0;
  }

  private async list(sql: string): Promise<Warehouse[]> {
    return (await this.tx.rows<WarehouseRow>(sql)).map((r) => Warehouse.restore(warehouseFromRow(r)));
  }
}

/** The `warehouse_stock` stand-in on PostgreSQL (see WarehouseAvailability); a CHECK keeps it ≥ 0. */
export class MikroOrmWarehouseAvailability implements WarehouseAvailability {
  constructor(private readonly tx: TxScope) {}

  async available(skuIds: readonly string[], warehouseIds: readonly string[]): Promise<AvailabilityByWarehouse> {
    const result: AvailabilityByWarehouse = Object.fromEntries(warehouseIds.map((w) => [w, {}]));
    if (skuIds.length === 0 || warehouseIds.length === 0) return result;
    const rows = await this.tx.rows<{ warehouse_id: string; sku_id: string; available: number }>(
      'select warehouse_id, sku_id, available from warehouse_stock where warehouse_id = any(?::text[]) and sku_id = any(?::text[])',
      [[...warehouseIds], [...skuIds]],
    );
    for (const r of rows) result[r.warehouse_id]![r.sku_id] = r.available;
    return result;
  }

  async set(warehouseId: string, skuId: string, available: number): Promise<void> {
    await this.tx.rows(
      `insert into warehouse_stock (warehouse_id, sku_id, available) values (?, ?, ?)
       on conflict (warehouse_id, sku_id) do update set available = excluded.available`,
      [warehouseId, skuId, available],
    );
  }
}
