import type { ApplyStockOperation } from '../../../../domain/inventory/ports.js';
import { checkQuantity, deltaOf, drawsOn, holdDelta, holdReference, poolDelta, type StockOperation } from '../../../../domain/inventory/sales-stock.js';

// The SQL of one sales-layer operation (split from sales-stocks.ts): one statement for `apply`, side by
// side for `applyAll`.

/**
 * The guard of each operation in SQL: the same rule as `allows()` in the domain, checked by the UPDATE
 * itself so that no interleaving of concurrent transactions can break INV-3 (the row lock the UPDATE
 * takes orders them; READ COMMITTED re-checks the condition on the newest row version). `q` is the
 * quantity's placeholder. Operations that draw on a hold or a pool are guarded by that draw as well.
 */
const GUARDS: Readonly<Record<StockOperation['kind'], (q: string) => string>> = {
  increase: () => 'true',
  presale_open: () => 'true',
  lock: (q) => `virtual or total::int8 - locked - activity - ${q} >= -oversell_allowance`,
  unlock: (q) => `locked >= ${q}`,
  deduct: (q) => `locked >= ${q}`,
  return: (q) => `sold >= ${q}`,
  adjust: (q) => `total::int8 + ${q} >= locked::int8 + activity`,
  carve_out: (q) => `total::int8 - locked - activity >= ${q}`,
  release_activity: (q) => `activity >= ${q}`,
  activity_lock: (q) => `activity >= ${q}`,
  presale_arrive: (q) => `presale >= ${q}`,
};

/** No counter past an int (decision 0020): computed in int8, so the guard itself cannot overflow. */
const fits = (p: (k: number) => string) =>
  ['total', 'locked', 'sold', 'activity', 'presale'].map((c, i) => `${c}::int8 + ${p(8 + i)} <= 2147483647`).join(' and ');

/**
 * One operation as data-modifying CTEs, named with the suffix `n`, its 17 parameters written `p(1)` …
 * `p(17)` (`parametersOf`): the movement insert (a concurrent replay waits on its unique index), the
 * draw on the lock's hold (unlock, deduct) or on the pool (activity_lock, release_activity), the
 * guarded counter UPDATE (`upd<n>`, the row after), then the new hold of a lock and the filling of a
 * pool — each step runs only if the one before it did.
 */
export function operationCtes(kind: StockOperation['kind'], n: string, p: (k: number) => string): string {
  return `mv${n} as (
       insert into stock_movement (id, sku_id, kind, reference, lock_reference, pool, quantity, d_total, d_locked, d_sold, d_activity, d_presale, at)
       values (${[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13].map(p).join(', ')}) on conflict (sku_id, kind, reference) do nothing returning 1
     ), draw_hold${n} as (
       update stock_hold set quantity = quantity - ${p(7)}
       where ${p(14)} and sku_id = ${p(2)} and lock_reference = ${p(5)} and quantity >= ${p(7)} and exists (select 1 from mv${n}) returning 1
     ), draw_pool${n} as (
       update stock_pool set quantity = quantity - ${p(7)}
       where ${p(15)} and sku_id = ${p(2)} and pool = ${p(6)} and quantity >= ${p(7)} and exists (select 1 from mv${n}) returning 1
     ), upd${n} as (
       update sales_stock set total = total + ${p(8)}, locked = locked + ${p(9)}, sold = sold + ${p(10)}, activity = activity + ${p(11)}, presale = presale + ${p(12)}
       where sku_id = ${p(2)} and (${GUARDS[kind](p(7))}) and (${fits(p)}) and exists (select 1 from mv${n})
         and (not ${p(14)} or exists (select 1 from draw_hold${n})) and (not ${p(15)} or exists (select 1 from draw_pool${n}))
       returning *
     ), hold${n} as (
       insert into stock_hold (sku_id, lock_reference, quantity) select sku_id, ${p(5)}, ${p(16)} from upd${n} where ${p(16)} > 0
       on conflict (sku_id, lock_reference) do update set quantity = stock_hold.quantity + excluded.quantity
     ), fill${n} as (
       insert into stock_pool (sku_id, pool, quantity) select sku_id, ${p(6)}, ${p(17)} from upd${n} where ${p(17)} > 0
       on conflict (sku_id, pool) do update set quantity = stock_pool.quantity + excluded.quantity
     )`;
}

/** The 17 parameters of `operationCtes`, in order. */
export function parametersOf(c: ApplyStockOperation): unknown[] {
  const op = c.operation;
  const d = deltaOf(op);
  const draws = drawsOn(op);
  return [
    c.movementId,
    c.skuId,
    op.kind,
    c.reference,
    holdReference(op, c.reference),
    'pool' in op ? op.pool : null,
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
  ];
}

export function validQuantity(op: StockOperation): boolean {
  try {
    checkQuantity(op);
    return true;
  } catch {
    return false;
  }
}
