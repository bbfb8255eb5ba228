import {
  checkDispatchQuantity,
  dispatchDelta,
  dispatchRejection,
  NO_DISPATCH_STOCK,
  type DispatchDelta,
  type DispatchMovement,
  type DispatchStock,
} from '../../../../domain/inventory/dispatch-stock.js';
import type { ApplyDispatchOperation, AvailabilityByWarehouse, DispatchStocks, LayerOperationResult } from '../../../../domain/inventory/layer-ports.js';
import { assertLayerReplayOf } from '../../../../domain/inventory/layer-stock.js';
import type { TxScope } from '../db.js';

/*
 * The dispatch and warehouse layers on PostgreSQL (decision 0010, applied to two more tables). Every
 * operation is one statement of data-modifying CTEs:
 *
 *   mv   — the movement insert, `on conflict do nothing` on the INV-5 key: a concurrent replay waits on
 *          the unique index, then sees the first and inserts nothing;
 *   upd  — the counters move by the movement's own deltas, and only if `mv` inserted:
 *          · an operation that lowers no counter is an upsert (the first one creates the row);
 *          · one that lowers a counter is an UPDATE guarded by the rule of the domain — no counter
 *            below zero (`dispatchAllows`, `locationAllows`) — so the check and the write are one step
 *            under the row lock, re-checked on the newest row version after a wait (READ COMMITTED).
 *
 * No counter value travels through JavaScript. A failed guard throws the domain's rejection, which
 * rolls the unit of work back (movement included). CHECK constraints back the guards. Parameters are
 * scalars, each cast to its type.
 */

interface DispatchRow {
  sku_id: string;
  warehouse_id: string;
  book: number;
  available: number;
  in_transit: number;
  unsellable: number;
  used: number;
}

interface DispatchMovementRow {
  id: string;
  sku_id: string;
  warehouse_id: string;
  kind: DispatchMovement['kind'];
  reference: string;
  quantity: number;
  d_book: number;
  d_available: number;
  d_in_transit: number;
  d_unsellable: number;
  d_used: number;
  at: Date | string;
}

const DISPATCH_MOVEMENT = `mv as (
  insert into dispatch_stock_movement (id, sku_id, warehouse_id, kind, reference, quantity, d_book, d_available, d_in_transit, d_unsellable, d_used, at)
  values (?::text, ?::text, ?::text, ?::text, ?::text, ?::int, ?::int, ?::int, ?::int, ?::int, ?::int, ?::timestamptz)
  on conflict (sku_id, warehouse_id, kind, reference) do nothing
  returning sku_id, warehouse_id, d_book, d_available, d_in_transit, d_unsellable, d_used
)`;
/** What each statement answers: whether the movement was inserted, and the row after the change (none when the guard refused). */
export const RESULT = 'select (select count(*)::int from mv) as inserted, upd.* from (select 1) one left join upd on true';

/** Raises counters only: the first operation on a (sku, warehouse) creates its row. */
const DISPATCH_RAISE = `with ${DISPATCH_MOVEMENT}, upd as (
  insert into dispatch_stock as s (sku_id, warehouse_id, book, available, in_transit, unsellable, used)
  select sku_id, warehouse_id, d_book, d_available, d_in_transit, d_unsellable, d_used from mv
  on conflict (sku_id, warehouse_id) do update set
    book = s.book + excluded.book, available = s.available + excluded.available, in_transit = s.in_transit + excluded.in_transit,
    unsellable = s.unsellable + excluded.unsellable, used = s.used + excluded.used
  returning s.*
) ${RESULT}`;

/** Lowers a counter: guarded by the domain's rule, no counter below zero. */
const DISPATCH_GUARDED = `with ${DISPATCH_MOVEMENT}, upd as (
  update dispatch_stock s set
    book = s.book + mv.d_book, available = s.available + mv.d_available, in_transit = s.in_transit + mv.d_in_transit,
    unsellable = s.unsellable + mv.d_unsellable, used = s.used + mv.d_used
  from mv
  where s.sku_id = mv.sku_id and s.warehouse_id = mv.warehouse_id
    and s.book + mv.d_book >= 0 and s.available + mv.d_available >= 0 and s.in_transit + mv.d_in_transit >= 0
    and s.unsellable + mv.d_unsellable >= 0 and s.used + mv.d_used >= 0
  returning s.*
) ${RESULT}`;

/** The dispatch layer on PostgreSQL: table `dispatch_stock`, ledger `dispatch_stock_movement`. */
export class MikroOrmDispatchStocks implements DispatchStocks {
  constructor(private readonly tx: TxScope) {}

  async get(skuId: string, warehouseId: string): Promise<DispatchStock | null> {
    const [row] = await this.tx.rows<DispatchRow>('select * from dispatch_stock where sku_id = ?::text and warehouse_id = ?::text', [skuId, warehouseId]);
    return row ? dispatchFromRow(row) : null;
  }

  async ofSku(skuId: string): Promise<DispatchStock[]> {
    const rows = await this.tx.rows<DispatchRow>('select * from dispatch_stock where sku_id = ?::text order by warehouse_id collate "C"', [skuId]);
    return rows.map(dispatchFromRow);
  }

  async available(skuIds: readonly string[], warehouseIds: readonly string[]): Promise<AvailabilityByWarehouse> {
    const result: AvailabilityByWarehouse = Object.fromEntries(warehouseIds.map((w) => [w, {}]));
    if (warehouseIds.length === 0) return result;
    const rows = await this.tx.rows<{ sku_id: string; warehouse_id: string; available: number }>(
      'select sku_id, warehouse_id, available from dispatch_stock where sku_id = any(?::text[]) and warehouse_id = any(?::text[])',
      [skuIds, warehouseIds],
    );
    for (const r of rows) result[r.warehouse_id]![r.sku_id] = r.available;
    return result;
  }

  async apply(c: ApplyDispatchOperation): Promise<LayerOperationResult<DispatchMovement, DispatchStock>> {
    const op = c.operation;
    checkDispatchQuantity(op);
    const d = dispatchDelta(op);
    const raisesOnly = Object.values(d).every((v) => v >= 0);
    const [result] = await this.tx.rows<Partial<DispatchRow> & { inserted: number }>(raisesOnly ? DISPATCH_RAISE : DISPATCH_GUARDED, [
      c.movementId,
      c.skuId,
      c.warehouseId,
      op.kind,
      c.reference,
      op.quantity,
      d.book,
      d.available,
      d.inTransit,
      d.unsellable,
      d.used,
      c.at,
    ]);
    if (result!.inserted === 0) {
      const [row] = await this.tx.rows<DispatchMovementRow>(
        'select * from dispatch_stock_movement where sku_id = ?::text and warehouse_id = ?::text and kind = ?::text and reference = ?::text',
        [c.skuId, c.warehouseId, op.kind, c.reference],
      );
      const movement = assertLayerReplayOf(dispatchMovementFromRow(row!), op.quantity, d, { skuId: c.skuId, warehouseId: c.warehouseId });
      const current = (await this.get(c.skuId, c.warehouseId)) ?? NO_DISPATCH_STOCK(c.skuId, c.warehouseId);
      return { movement, replayed: true, before: current, after: current };
    }
    if (result!.sku_id == null) {
      // The guard refused: its verdict stands; the figures in the message are the ones read now.
      throw dispatchRejection((await this.get(c.skuId, c.warehouseId)) ?? NO_DISPATCH_STOCK(c.skuId, c.warehouseId), op);
    }
    const after = dispatchFromRow(result as DispatchRow);
    const movement: DispatchMovement = {
      id: c.movementId,
      skuId: c.skuId,
      warehouseId: c.warehouseId,
      kind: op.kind,
      reference: c.reference,
      quantity: op.quantity,
      delta: d,
      at: c.at,
    };
    const before: DispatchStock = {
      ...after,
      book: after.book - d.book,
      available: after.available - d.available,
      inTransit: after.inTransit - d.inTransit,
      unsellable: after.unsellable - d.unsellable,
      used: after.used - d.used,
    };
    return { movement, replayed: false, before, after };
  }

  async movements(skuId: string): Promise<DispatchMovement[]> {
    const rows = await this.tx.rows<DispatchMovementRow>('select * from dispatch_stock_movement where sku_id = ?::text order by id collate "C"', [skuId]);
    return rows.map(dispatchMovementFromRow);
  }

  async recordCorrection(m: DispatchMovement): Promise<void> {
    const d = m.delta;
    await this.tx.rows(
      `insert into dispatch_stock_movement (id, sku_id, warehouse_id, kind, reference, quantity, d_book, d_available, d_in_transit, d_unsellable, d_used, at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [m.id, m.skuId, m.warehouseId, m.kind, m.reference, m.quantity, d.book, d.available, d.inTransit, d.unsellable, d.used, m.at],
    );
  }

  async skuIds(): Promise<string[]> {
    const rows = await this.tx.rows<{ sku_id: string }>('select sku_id from dispatch_stock group by sku_id order by sku_id collate "C"');
    return rows.map((r) => r.sku_id);
  }
}

export const date = (at: Date | string): Date => (at instanceof Date ? at : new Date(at));

function dispatchFromRow(r: DispatchRow): DispatchStock {
  return {
    skuId: r.sku_id,
    warehouseId: r.warehouse_id,
    book: r.book,
    available: r.available,
    inTransit: r.in_transit,
    unsellable: r.unsellable,
    used: r.used,
  };
}

function dispatchMovementFromRow(r: DispatchMovementRow): DispatchMovement {
  const delta: DispatchDelta = { book: r.d_book, available: r.d_available, inTransit: r.d_in_transit, unsellable: r.d_unsellable, used: r.d_used };
  return { id: r.id, skuId: r.sku_id, warehouseId: r.warehouse_id, kind: r.kind, reference: r.reference, quantity: r.quantity, delta, at: date(r.at) };
}
