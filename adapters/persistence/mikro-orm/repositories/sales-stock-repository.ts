import { assertReplayOf, type StockMovement, type StockOperationResult } from '../../../../domain/inventory/movement.js';
import type { ApplyStockOperation, SalesStocks } from '../../../../domain/inventory/ports.js';
import { checkQuantity, deltaOf, rejection, type SalesStock, type StockDelta, type StockOperation } from '../../../../domain/inventory/sales-stock.js';
import { DomainError } from '../../../../domain/shared/domain-error.js';
import type { TxScope } from '../db.js';

export interface StockRow {
  sku_id: string;
  total: number;
  locked: number;
  sold: number;
  activity: number;
  oversell_allowance: number;
  low_stock_threshold: number | null;
}

export interface MovementRow {
  id: string;
  sku_id: string;
  kind: StockMovement['kind'];
  reference: string;
  lock_reference: string | null;
  quantity: number;
  d_total: number;
  d_locked: number;
  d_sold: number;
  d_activity: number;
  at: Date | string;
}

/**
 * The guard of each operation in SQL: the same rule as `decide()` in the domain, checked by the UPDATE
 * itself so that no interleaving of concurrent transactions can break INV-3 (the row lock the UPDATE
 * takes orders them; READ COMMITTED re-checks the condition on the newest row version).
 */
const GUARDS: Readonly<Record<StockOperation['kind'], string>> = {
  increase: 'true',
  lock: 'total - locked - activity - :n >= -oversell_allowance',
  unlock: 'locked >= :n',
  deduct: 'locked >= :n',
  return: 'sold >= :n',
  adjust: 'total + :n >= locked + activity',
  carve_out: 'total - locked - activity >= :n',
  release_activity: 'activity >= :n',
};

/** The sales layer on PostgreSQL: every operation is one statement (see `apply`). */
export class MikroOrmSalesStocks implements SalesStocks {
  constructor(private readonly tx: TxScope) {}

  async get(skuId: string): Promise<SalesStock | null> {
    const [row] = await this.tx.rows<StockRow>('select * from sales_stock where sku_id = ?', [skuId]);
    return row ? stockFromRow(row) : null;
  }

  async configure(skuId: string, policies: { oversellAllowance?: number; lowStockThreshold?: number | null }): Promise<SalesStock> {
    const [row] = await this.tx.rows<StockRow>(
      `insert into sales_stock (sku_id, total, locked, sold, activity, oversell_allowance, low_stock_threshold)
       values (?, 0, 0, 0, 0, ?, ?)
       on conflict (sku_id) do update set
         oversell_allowance = case when ? then excluded.oversell_allowance else sales_stock.oversell_allowance end,
         low_stock_threshold = case when ? then excluded.low_stock_threshold else sales_stock.low_stock_threshold end
       returning *`,
      [skuId, policies.oversellAllowance ?? 0, policies.lowStockThreshold ?? null, policies.oversellAllowance !== undefined, policies.lowStockThreshold !== undefined],
    );
    return stockFromRow(row!);
  }

  /**
   * One statement: the movement insert (a concurrent replay waits on its unique index), the draw on
   * the lock's hold (unlock, deduct), the guarded counter UPDATE and the hold of a lock, chained by
   * data-modifying CTEs so that each step runs only if the one before it did.
   */
  async apply(c: ApplyStockOperation): Promise<StockOperationResult & { before: SalesStock; after: SalesStock }> {
    const op = c.operation;
    checkQuantity(op);
    const lockReference = 'lockReference' in op ? op.lockReference : op.kind === 'lock' ? c.reference : null;
    const d = deltaOf(op);
    const draws = op.kind === 'unlock' || op.kind === 'deduct';
    const guard = GUARDS[op.kind];
    const [result] = await this.tx.rows<StockRow & { inserted: number; drawn: number }>(
      `with mv as (
         insert into stock_movement (id, sku_id, kind, reference, lock_reference, quantity, d_total, d_locked, d_sold, d_activity, at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (sku_id, kind, reference) do nothing returning 1
       ), draw as (
         update stock_hold set quantity = quantity - ? where ? and sku_id = ? and lock_reference = ? and quantity >= ? and exists (select 1 from mv)
         returning 1
       ), upd as (
         update sales_stock set total = total + ?, locked = locked + ?, sold = sold + ?, activity = activity + ?
         where sku_id = ? and ${guard.replaceAll(':n', '?')} and exists (select 1 from mv) and (not ? or exists (select 1 from draw))
         returning *
       ), hold as (
         insert into stock_hold (sku_id, lock_reference, quantity) select sku_id, ?::text, ?::int from upd where ?::boolean
         on conflict (sku_id, lock_reference) do update set quantity = stock_hold.quantity + excluded.quantity
       )
       select (select count(*)::int from mv) as inserted, (select count(*)::int from draw) as drawn, upd.* from (select 1) one left join upd on true`,
      [
        c.movementId, c.skuId, op.kind, c.reference, lockReference, op.quantity, d.total, d.locked, d.sold, d.activity, c.at,
        op.quantity, draws, c.skuId, lockReference, op.quantity,
        d.total, d.locked, d.sold, d.activity, c.skuId, ...Array.from(guard.matchAll(/:n/g), () => op.quantity), draws,
        c.reference, op.quantity, op.kind === 'lock',
      ],
    );
    if (result!.inserted === 0) return this.replay(c);
    if (result!.sku_id === null) await this.reject(c, lockReference ? await this.hold(c.skuId, lockReference) : 0);
    const after = stockFromRow(result!);
    const movement: StockMovement = { id: c.movementId, skuId: c.skuId, kind: op.kind, reference: c.reference, lockReference, quantity: op.quantity, delta: d, at: c.at };
    return { movement, replayed: false, before: subtract(after, d), after };
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

  private async replay(c: ApplyStockOperation) {
    const [row] = await this.tx.rows<MovementRow>('select * from stock_movement where sku_id = ? and kind = ? and reference = ?', [c.skuId, c.operation.kind, c.reference]);
    const movement = assertReplayOf(movementFromRow(row!), c.operation);
    const current = (await this.get(c.skuId))!;
    return { movement, replayed: true, before: current, after: current };
  }

  /**
   * The guard failed: the UPDATE's verdict stands, even if another transaction has moved the row since;
   * the figures in the message are the ones read now.
   */
  private async reject(c: ApplyStockOperation, hold: number): Promise<never> {
    const stock = await this.get(c.skuId);
    if (!stock) throw DomainError.notFound('INVENTORY.UNKNOWN_SKU', `SKU ${c.skuId} has no stock record`, { skuId: c.skuId });
    throw rejection(stock, c.operation, hold);
  }
}

export function stockFromRow(r: StockRow): SalesStock {
  return {
    skuId: r.sku_id, total: r.total, locked: r.locked, sold: r.sold, activity: r.activity,
    oversellAllowance: r.oversell_allowance, lowStockThreshold: r.low_stock_threshold,
  };
}

function subtract(s: SalesStock, d: StockDelta): SalesStock {
  return { ...s, total: s.total - d.total, locked: s.locked - d.locked, sold: s.sold - d.sold, activity: s.activity - d.activity };
}

export function movementFromRow(r: MovementRow): StockMovement {
  return {
    id: r.id, skuId: r.sku_id, kind: r.kind, reference: r.reference, lockReference: r.lock_reference, quantity: r.quantity,
    delta: { total: r.d_total, locked: r.d_locked, sold: r.d_sold, activity: r.d_activity },
    at: r.at instanceof Date ? r.at : new Date(r.at),
  };
}
