import { assertReplayOf, type StockMovement, type StockOperationResult } from '../../../../domain/inventory/movement.js';
import type { ApplyStockOperation, SalesStocks, StockPolicies } from '../../../../domain/inventory/ports.js';
import {
  applyDelta,
  checkQuantity,
  deltaOf,
  drawsOn,
  holdReference,
  lowStockEvents,
  rejection,
  type SalesStock,
  type StockDelta,
} from '../../../../domain/inventory/sales-stock.js';
import { DomainError } from '../../../../domain/shared/domain-error.js';
import type { TxScope } from '../db.js';
import { operationCtes, parametersOf, validQuantity } from './operation-sql.js';

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

/** What one operation's CTEs answer: whether its movement was new, and the row after (all null when the guard refused). */
type OperationRow = StockRow & { inserted: number };

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

  /** One statement (`operationCtes`); `apply` records `inventory.stock.low` with the change. */
  async apply(c: ApplyStockOperation): Promise<StockOperationResult & { before: SalesStock; after: SalesStock }> {
    checkQuantity(c.operation);
    const [row] = await this.tx.rows<OperationRow>(
      `with ${operationCtes(c.operation.kind, '', (k) => `$${k}`)}
       select (select count(*)::int from mv) as inserted, upd.* from (select 1) one left join upd on true`,
      parametersOf(c),
    );
    return this.settle(c, row!);
  }

  /**
   * Operations on distinct SKUs in one statement: each operation's CTEs side by side, its answer one row
   * of the result, in the given order (so the rows are locked in that order), settled in that order.
   */
  async applyAll(commands: readonly ApplyStockOperation[]): Promise<(StockOperationResult & { before: SalesStock; after: SalesStock })[]> {
    // A SKU twice, or a quantity `apply` refuses before any statement: one by one, so the first refusal in order is the one thrown.
    if (commands.length <= 1 || new Set(commands.map((c) => c.skuId)).size < commands.length || !commands.every((c) => validQuantity(c.operation))) {
      const results = [];
      for (const c of commands) results.push(await this.apply(c));
      return results;
    }
    const ctes = commands.map((c, i) => operationCtes(c.operation.kind, `_${i}`, (k) => `$${i * 17 + k}`));
    const answers = commands.map(
      (_, i) => `select ${i} as op_index, (select count(*)::int from mv_${i}) as inserted, u.* from (select 1) one left join upd_${i} u on true`,
    );
    const rows = await this.tx.rows<OperationRow & { op_index: number }>(
      `with ${ctes.join(', ')}
       select * from (${answers.join(' union all ')}) answers order by op_index`,
      commands.flatMap(parametersOf),
    );
    const results = [];
    for (const [i, c] of commands.entries()) results.push(await this.settle(c, rows[i]!));
    return results;
  }

  /** An operation's answer: a replay (its movement was there), a refusal (the guard held), or the change made. */
  private async settle(c: ApplyStockOperation, result: OperationRow): Promise<StockOperationResult & { before: SalesStock; after: SalesStock }> {
    const op = c.operation;
    if (result.inserted === 0) return this.replay(c);
    if (result.sku_id === null) await this.reject(c);
    const after = stockFromRow(result);
    const d = deltaOf(op);
    const movement: StockMovement = {
      id: c.movementId,
      skuId: c.skuId,
      kind: op.kind,
      reference: c.reference,
      lockReference: holdReference(op, c.reference),
      pool: 'pool' in op ? op.pool : null,
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
