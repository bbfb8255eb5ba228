import type { ApplyLocationOperation, LayerOperationResult, LocationStocks } from '../../../../domain/inventory/layer-ports.js';
import { assertLayerReplayOf } from '../../../../domain/inventory/layer-stock.js';
import {
  checkLocationQuantity,
  locationDelta,
  locationRejection,
  NO_LOCATION_STOCK,
  type LocationDelta,
  type LocationMovement,
  type LocationStock,
} from '../../../../domain/inventory/location-stock.js';
import type { TxScope } from '../db.js';
import { date, RESULT } from './dispatch-stocks.js';

// The warehouse layer on PostgreSQL, written like the dispatch layer (see dispatch-stocks.ts): one statement per operation.

interface LocationRow {
  sku_id: string;
  warehouse_id: string;
  location: string;
  available: number;
  locked: number;
  shipped: number;
  unusable: number;
}

interface LocationMovementRow {
  id: string;
  sku_id: string;
  warehouse_id: string;
  location: string;
  kind: LocationMovement['kind'];
  reference: string;
  quantity: number;
  d_available: number;
  d_locked: number;
  d_shipped: number;
  d_unusable: number;
  at: Date | string;
}

const LOCATION_MOVEMENT = `mv as (
  insert into location_stock_movement (id, sku_id, warehouse_id, location, kind, reference, quantity, d_available, d_locked, d_shipped, d_unusable, at)
  values (?::text, ?::text, ?::text, ?::text, ?::text, ?::text, ?::int, ?::int, ?::int, ?::int, ?::int, ?::timestamptz)
  on conflict (sku_id, warehouse_id, location, kind, reference) do nothing
  returning sku_id, warehouse_id, location, d_available, d_locked, d_shipped, d_unusable
)`;

const LOCATION_RAISE = `with ${LOCATION_MOVEMENT}, upd as (
  insert into location_stock as s (sku_id, warehouse_id, location, available, locked, shipped, unusable)
  select sku_id, warehouse_id, location, d_available, d_locked, d_shipped, d_unusable from mv
  on conflict (sku_id, warehouse_id, location) do update set
    available = s.available + excluded.available, locked = s.locked + excluded.locked,
    shipped = s.shipped + excluded.shipped, unusable = s.unusable + excluded.unusable
  returning s.*
) ${RESULT}`;

const LOCATION_GUARDED = `with ${LOCATION_MOVEMENT}, upd as (
  update location_stock s set
    available = s.available + mv.d_available, locked = s.locked + mv.d_locked,
    shipped = s.shipped + mv.d_shipped, unusable = s.unusable + mv.d_unusable
  from mv
  where s.sku_id = mv.sku_id and s.warehouse_id = mv.warehouse_id and s.location = mv.location
    and s.available + mv.d_available >= 0 and s.locked + mv.d_locked >= 0
    and s.shipped + mv.d_shipped >= 0 and s.unusable + mv.d_unusable >= 0
  returning s.*
) ${RESULT}`;

/** The warehouse layer on PostgreSQL: table `location_stock`, ledger `location_stock_movement`. */
export class MikroOrmLocationStocks implements LocationStocks {
  constructor(private readonly tx: TxScope) {}

  async get(skuId: string, warehouseId: string, location: string): Promise<LocationStock | null> {
    const [row] = await this.tx.rows<LocationRow>('select * from location_stock where sku_id = ?::text and warehouse_id = ?::text and location = ?::text', [
      skuId,
      warehouseId,
      location,
    ]);
    return row ? locationFromRow(row) : null;
  }

  async ofSku(skuId: string): Promise<LocationStock[]> {
    const rows = await this.tx.rows<LocationRow>(
      'select * from location_stock where sku_id = ?::text order by warehouse_id collate "C", location collate "C"',
      [skuId],
    );
    return rows.map(locationFromRow);
  }

  async apply(c: ApplyLocationOperation): Promise<LayerOperationResult<LocationMovement, LocationStock>> {
    const op = c.operation;
    checkLocationQuantity(op);
    const d = locationDelta(op);
    const raisesOnly = Object.values(d).every((v) => v >= 0);
    const [result] = await this.tx.rows<Partial<LocationRow> & { inserted: number }>(raisesOnly ? LOCATION_RAISE : LOCATION_GUARDED, [
      c.movementId,
      c.skuId,
      c.warehouseId,
      c.location,
      op.kind,
      c.reference,
      op.quantity,
      d.available,
      d.locked,
      d.shipped,
      d.unusable,
      c.at,
    ]);
    const absent = () => NO_LOCATION_STOCK(c.skuId, c.warehouseId, c.location);
    if (result!.inserted === 0) {
      const [row] = await this.tx.rows<LocationMovementRow>(
        'select * from location_stock_movement where sku_id = ?::text and warehouse_id = ?::text and location = ?::text and kind = ?::text and reference = ?::text',
        [c.skuId, c.warehouseId, c.location, op.kind, c.reference],
      );
      const movement = assertLayerReplayOf(locationMovementFromRow(row!), op.quantity, d, { skuId: c.skuId, warehouseId: c.warehouseId, location: c.location });
      const current = (await this.get(c.skuId, c.warehouseId, c.location)) ?? absent();
      return { movement, replayed: true, before: current, after: current };
    }
    if (result!.sku_id == null) throw locationRejection((await this.get(c.skuId, c.warehouseId, c.location)) ?? absent(), op);
    const after = locationFromRow(result as LocationRow);
    const movement: LocationMovement = {
      id: c.movementId,
      skuId: c.skuId,
      warehouseId: c.warehouseId,
      location: c.location,
      kind: op.kind,
      reference: c.reference,
      quantity: op.quantity,
      delta: d,
      at: c.at,
    };
    const before: LocationStock = {
      ...after,
      available: after.available - d.available,
      locked: after.locked - d.locked,
      shipped: after.shipped - d.shipped,
      unusable: after.unusable - d.unusable,
    };
    return { movement, replayed: false, before, after };
  }

  async movements(skuId: string): Promise<LocationMovement[]> {
    const rows = await this.tx.rows<LocationMovementRow>('select * from location_stock_movement where sku_id = ?::text order by id collate "C"', [skuId]);
    return rows.map(locationMovementFromRow);
  }

  async recordCorrection(m: LocationMovement): Promise<void> {
    const d = m.delta;
    await this.tx.rows(
      `insert into location_stock_movement (id, sku_id, warehouse_id, location, kind, reference, quantity, d_available, d_locked, d_shipped, d_unusable, at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [m.id, m.skuId, m.warehouseId, m.location, m.kind, m.reference, m.quantity, d.available, d.locked, d.shipped, d.unusable, m.at],
    );
  }

  async skuIds(): Promise<string[]> {
    const rows = await this.tx.rows<{ sku_id: string }>('select sku_id from location_stock group by sku_id order by sku_id collate "C"');
    return rows.map((r) => r.sku_id);
  }
}

function locationFromRow(r: LocationRow): LocationStock {
  return {
    skuId: r.sku_id,
    warehouseId: r.warehouse_id,
    location: r.location,
    available: r.available,
    locked: r.locked,
    shipped: r.shipped,
    unusable: r.unusable,
  };
}

function locationMovementFromRow(r: LocationMovementRow): LocationMovement {
  const delta: LocationDelta = { available: r.d_available, locked: r.d_locked, shipped: r.d_shipped, unusable: r.d_unusable };
  return {
    id: r.id,
    skuId: r.sku_id,
    warehouseId: r.warehouse_id,
    location: r.location,
    kind: r.kind,
    reference: r.reference,
    quantity: r.quantity,
    delta,
    at: date(r.at),
  };
}
