import { assertReplayOf, type StockMovement, type StockOperationResult } from '../../../../domain/inventory/movement.js';
import type { ApplyStockOperation, SalesStocks, StockPolicies } from '../../../../domain/inventory/ports.js';
import {
  applyDelta,
  checkQuantity,
  deltaOf,
  drawsOn,
  holdDelta,
  holdReference,
  lowStockEvents,
  poolDelta,
  rejection,
  type SalesStock,
  type StockDelta,
  type StockOperation,
} from '../../../../domain/inventory/sales-stock.js';
import { DomainError } from '../../../../domain/shared/domain-error.js';
import type { TxScope } from '../db.js';

export interface StockRow {
  sku_id: string;
  total: number;
  locked: number;
  sold: number;
  activity: number;
  presale: number;
  oversell_allowance: number;
  virtual: boolean;
  low_stock_threshold: number | null;
}

export interface MovementRow {
  id: string;
  sku_id: string;
  kind: StockMovement['kind'];
  reference: string;
  lock_reference: string | null;
  pool: string | null;
  quantity: number;
  d_total: number;
  d_locked: number;
  d_sold: number;
  d_activity: number;
  d_presale: number;
  at: Date | string;
}

/**
 * The guard of each operation in SQL: the same rule as `allows()` in the domain, checked by the UPDATE
 * itself so that no interleaving of concurrent transactions can break INV-3 (the row lock the UPDATE
 * takes orders them; READ COMMITTED re-checks the condition on the newest row version). `$7` is the
 * quantity. Operations that draw on a hold or a pool are guarded by that draw as well.
 */
const GUARDS: Readonly<Record<StockOperation['kind'], string>> = {
  increase: 'true',
  presale_open: 'true',
  lock: 'virtual or total::int8 - locked - activity - $7 >= -oversell_allowance',
  unlock: 'locked >= $7',
  deduct: 'locked >= $7',
  return: 'sold >= $7',
  adjust: 'total::int8 + $7 >= locked::int8 + activity',
  carve_out: 'total::int8 - locked - activity >= $7',
  release_activity: 'activity >= $7',
  activity_lock: 'activity >= $7',
  presale_arrive: 'presale >= $7',
};

/** No counter past an int (decision 0020): computed in int8, so the guard itself cannot overflow. */
const FITS = ['total', 'locked', 'sold', 'activity', 'presale'].map((c, i) => `${c}::int8 + $${8 + i} <= 2147483647`).join(' and ');

/** The sales layer on PostgreSQL: every operation is one statement (see `apply`); `apply` records `inventory.stock.low` with the change. */
export class MikroOrmSalesStocks implements SalesStocks {
  constructor(private readonly tx: TxScope) {}

  async get(skuId: string): Promise<SalesStock | null> {
    const [row] = await this.tx.rows<StockRow>('select * from sales_stock where sku_id = ?', [skuId]);
    return row ? stockFromRow(row) : null;
  }

  async getMany(skuIds: readonly string[]): Promise<SalesStock[]> {
    if (skuIds.length === 0) return [];
    const rows = await this.tx.rows<StockRow>('select * from sales_stock where sku_id = any(?::text[])', [[...new Set(skuIds)]]);
    return rows.map(stockFromRow);
  }

  async configure(skuId: string, policies: StockPolicies): Promise<SalesStock> {
    const [row] = await this.tx.rows<StockRow>(
      `insert into sales_stock (sku_id, total, locked, sold, activity, presale, oversell_allowance, virtual, low_stock_threshold)
       values ($1, 0, 0, 0, 0, 0, $2, $3, $4)
       on conflict (sku_id) do update set
         oversell_allowance = case when $5 then excluded.oversell_allowance else sales_stock.oversell_allowance end,
         virtual = case when $6 then excluded.virtual else sales_stock.virtual end,
         low_stock_threshold = case when $7 then excluded.low_stock_threshold else sales_stock.low_stock_threshold end
       returning *`,
      [
        skuId,
        policies.oversellAllowance ?? 0,
        policies.virtual ?? false,
        policies.lowStockThreshold ?? null,
        policies.oversellAllowance !== undefined,
        policies.virtual !== undefined,
        policies.lowStockThreshold !== undefined,
      ],
    );
    return stockFromRow(row!);
  }

  /**
   * One statement: the movement insert (a concurrent replay waits on its unique index), the draw on
   * the lock's hold (unlock, deduct) or on the pool (activity_lock, release_activity), the guarded
   * counter UPDATE, then the new hold of a lock and the filling of a pool, chained by data-modifying
   * CTEs so that each step runs only if the one before it did.
   */
  async apply(c: ApplyStockOperation): Promise<StockOperationResult & { before: SalesStock; after: SalesStock }> {
    const op = c.operation;
    checkQuantity(op);
    const lockReference = holdReference(op, c.reference);
    const pool = 'pool' in op ? op.pool : null;
    const draws = drawsOn(op);
    const d = deltaOf(op);
    const [result] = await this.tx.rows<StockRow & { inserted: number }>(
      `with mv as (
         insert into stock_movement (id, sku_id, kind, reference, lock_reference, pool, quantity, d_total, d_locked, d_sold, d_activity, d_presale, at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) on conflict (sku_id, kind, reference) do nothing returning 1
       ), draw_hold as (
         update stock_hold set quantity = quantity - $7
         where $14 and sku_id = $2 and lock_reference = $5 and quantity >= $7 and exists (select 1 from mv) returning 1
       ), draw_pool as (
         update stock_pool set quantity = quantity - $7
         where $15 and sku_id = $2 and pool = $6 and quantity >= $7 and exists (select 1 from mv) returning 1
       ), upd as (
         update sales_stock set total = total + $8, locked = locked + $9, sold = sold + $10, activity = activity + $11, presale = presale + $12
         where sku_id = $2 and (${GUARDS[op.kind]}) and (${FITS}) and exists (select 1 from mv)
           and (not $14 or exists (select 1 from draw_hold)) and (not $15 or exists (select 1 from draw_pool))
         returning *
       ), hold as (
         insert into stock_hold (sku_id, lock_reference, quantity) select sku_id, $5, $16 from upd where $16 > 0
         on conflict (sku_id, lock_reference) do update set quantity = stock_hold.quantity + excluded.quantity
       ), fill as (
         insert into stock_pool (sku_id, pool, quantity) select sku_id, $6, $17 from upd where $17 > 0
         on conflict (sku_id, pool) do update set quantity = stock_pool.quantity + excluded.quantity
       )
       select (select count(*)::int from mv) as inserted, upd.* from (select 1) one left join upd on true`,
      [
        c.movementId,
        c.skuId,
        op.kind,
        c.reference,
        lockReference,
        pool,
        op.quantity,
        d.total,
        d.locked,
        d.sold,
        d.activity,
        d.presale,
        c.at,
        draws !== null && 'hold' in draws,
        draws !== null && 'pool' in draws,
        Math.max(0, holdDelta(op)),
        Math.max(0, poolDelta(op)),
      ],
    );
    if (result!.inserted === 0) return this.replay(c);
    if (result!.sku_id === null) await this.reject(c);
    const after = stockFromRow(result!);
    const movement: StockMovement = {
      id: c.movementId,
      skuId: c.skuId,
      kind: op.kind,
      reference: c.reference,
      lockReference,
      pool,
      quantity: op.quantity,
      delta: d,
      at: c.at,
    };
    const before = subtract(after, d);
    this.tx.record(lowStockEvents(before, after, c.at));
    return { movement, replayed: false, before, after };
  }

  async movements(skuId: string): Promise<StockMovement[]> {
    const rows = await this.tx.rows<MovementRow>('select * from stock_movement where sku_id = ? order by id collate "C"', [skuId]);
    return rows.map(movementFromRow);
  }

  async skuIds(): Promise<string[]> {
    const rows = await this.tx.rows<{ sku_id: string }>('select sku_id from sales_stock order by sku_id collate "C"');
    return rows.map((r) => r.sku_id);
  }

  async hold(skuId: string, lockReference: string): Promise<number> {
    const [row] = await this.tx.rows<{ quantity: number }>('select quantity from stock_hold where sku_id = ? and lock_reference = ?', [skuId, lockReference]);
    return row?.quantity ?? 0;
  }

  async pools(skuId: string): Promise<Record<string, number>> {
    const rows = await this.tx.rows<{ pool: string; quantity: number }>(
      'select pool, quantity from stock_pool where sku_id = ? and quantity > 0 order by pool collate "C"',
      [skuId],
    );
    return Object.fromEntries(rows.map((r) => [r.pool, r.quantity]));
  }

  async recordCorrection(m: StockMovement): Promise<void> {
    await this.tx.rows(
      `insert into stock_movement (id, sku_id, kind, reference, lock_reference, pool, quantity, d_total, d_locked, d_sold, d_activity, d_presale, at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        m.id,
        m.skuId,
        m.kind,
        m.reference,
        m.lockReference,
        m.pool,
        m.quantity,
        m.delta.total,
        m.delta.locked,
        m.delta.sold,
        m.delta.activity,
        m.delta.presale,
        m.at,
      ],
    );
  }

  async overwriteCounters(skuId: string, c: Pick<SalesStock, 'total' | 'locked' | 'sold' | 'activity' | 'presale'>): Promise<void> {
    await this.tx.rows('update sales_stock set total = ?, locked = ?, sold = ?, activity = ?, presale = ? where sku_id = ?', [
      c.total,
      c.locked,
      c.sold,
      c.activity,
      c.presale,
      skuId,
    ]);
  }

  private async replay(c: ApplyStockOperation) {
    const [row] = await this.tx.rows<MovementRow>('select * from stock_movement where sku_id = ? and kind = ? and reference = ?', [
      c.skuId,
      c.operation.kind,
      c.reference,
    ]);
    const movement = assertReplayOf(movementFromRow(row!), c.operation);
    const current = (await this.get(c.skuId))!;
    return { movement, replayed: true, before: current, after: current };
  }

  /**
   * The guard failed: the UPDATE's verdict stands, even if another transaction has moved the row since;
   * the figures in the message are the ones read now.
   */
  private async reject(c: ApplyStockOperation): Promise<never> {
    const stock = await this.get(c.skuId);
    if (!stock) throw DomainError.notFound('INVENTORY.UNKNOWN_SKU', `SKU ${c.skuId} has no stock record`, { skuId: c.skuId });
    const draws = drawsOn(c.operation);
    const drawable = !draws ? 0 : 'hold' in draws ? await this.hold(c.skuId, draws.hold) : ((await this.pools(c.skuId))[draws.pool] ?? 0);
    throw rejection(stock, c.operation, drawable);
  }
}

export function stockFromRow(r: StockRow): SalesStock {
  return {
    skuId: r.sku_id,
    total: r.total,
    locked: r.locked,
    sold: r.sold,
    activity: r.activity,
    presale: r.presale,
    oversellAllowance: r.oversell_allowance,
    virtual: r.virtual,
    lowStockThreshold: r.low_stock_threshold,
  };
}

function subtract(s: SalesStock, d: StockDelta): SalesStock {
  return applyDelta(s, { total: -d.total, locked: -d.locked, sold: -d.sold, activity: -d.activity, presale: -d.presale });
}

export function movementFromRow(r: MovementRow): StockMovement {
  return {
    id: r.id,
    skuId: r.sku_id,
    kind: r.kind,
    reference: r.reference,
    lockReference: r.lock_reference,
    pool: r.pool,
    quantity: r.quantity,
    delta: { total: r.d_total, locked: r.d_locked, sold: r.d_sold, activity: r.d_activity, presale: r.d_presale },
    at: r.at instanceof Date ? r.at : new Date(r.at),
  };
}
