import type { OrderKind, OrderStatus } from '../../../../domain/ordering/status.js';
import type { UnitsSold } from '../../../../domain/ordering/units-sold.js';
import {
  averageOrderValue,
  orderDetail,
  type MemberOrdersQuery,
  type OrderDetail,
  type OrderPage,
  type OrderPageRequest,
  type OrderPeriod,
  type OrderPeriodStatistics,
  type OrderQueries,
  type OrderSearch,
  type OrderSummary,
} from '../../../../domain/ordering/queries.js';
import { Money } from '../../../../domain/shared/money.js';
import type { TxScope } from '../db.js';
import { orderFromRow, type OrderRow } from './records.js';
import { requiredTimestamp } from '../records/timestamp.js';

/**
 * A summary straight from the query columns and two small reads of the snapshot (the item count and
 * the first line), so a page of orders never decodes whole snapshots. Equals `orderSummary`.
 */
const SUMMARY = `id, number, parent_id, member_id, kind, status, shop_id, placed_at, payable::text as payable, snapshot->>'currency' as currency,
  (select coalesce(sum((l->>'quantity')::int), 0) from jsonb_array_elements(snapshot->'lines') l)::int as item_count,
  snapshot #>> '{lines,0,title}' as title, snapshot #>> '{lines,0,image}' as image`;

/** Newest placed first, then by number in code-point order (as the memory adapter compares). */
const NEWEST_FIRST = `order by placed_at desc, number collate "C"`;

interface SummaryRow {
  id: string;
  number: string;
  parent_id: string | null;
  member_id: string;
  kind: OrderKind;
  status: OrderStatus;
  shop_id: string | null;
  placed_at: string;
  payable: string;
  currency: string;
  item_count: number;
  title: string;
  image: string | null;
  total: number;
}

function summary(r: SummaryRow): OrderSummary {
  return {
    id: r.id,
    number: r.number,
    parentId: r.parent_id,
    memberId: r.member_id,
    kind: r.kind,
    status: r.status,
    shopId: r.shop_id,
    placedAt: requiredTimestamp(r.placed_at),
    payable: Money.of(r.payable, r.currency),
    itemCount: r.item_count,
    title: r.title,
    image: r.image,
  };
}

interface StatisticsRow {
  orders: number;
  paid_orders: number;
  gmv: string;
  ordering_members: number;
  paying_members: number;
  new_paying_members: number;
  returning_paying_members: number;
}

/**
 * The period's statistics in one statement over the query columns (domain/ordering/queries.ts has the
 * definitions; `computeOrderStatistics` is the same in memory). After-sales' exchange orders (`x-…`) are
 * no sales: left out. The 365-day look-back is 8760 hours:
 * `interval '365 days'` would follow the session's time zone across daylight-saving changes.
 */
const STATISTICS = `
  with period as (
    select id, parent_id, member_id, is_leaf, paid_at, payable, placed_at
    from sales_order where placed_at >= ?::timestamptz and placed_at < ?::timestamptz and id not like 'x-%'
  ),
  paid_leaf as (
    select member_id, payable, placed_at from period where is_leaf and paid_at is not null
  ),
  top_level as (
    select p.member_id,
      (p.is_leaf and p.paid_at is not null)
        or exists (select 1 from sales_order c where c.parent_id = p.id and c.is_leaf and c.paid_at is not null) as paid
    from period p where p.parent_id is null
  ),
  payer as (
    select f.member_id, exists (
      select 1 from sales_order o
      where o.member_id = f.member_id and o.is_leaf and o.paid_at is not null and o.id not like 'x-%'
        and o.placed_at >= f.first_at - interval '8760 hours' and o.placed_at < f.first_at
    ) as is_returning
    from (select member_id, min(placed_at) as first_at from paid_leaf group by member_id) f
  )
  select
    (select count(*) from top_level)::int as orders,
    (select count(*) filter (where paid) from top_level)::int as paid_orders,
    (select coalesce(sum(payable), 0) from paid_leaf)::numeric(20,2)::text as gmv,
    (select count(distinct member_id) from top_level)::int as ordering_members,
    (select count(*) from payer)::int as paying_members,
    (select count(*) filter (where not is_returning) from payer)::int as new_paying_members,
    (select count(*) filter (where is_returning) from payer)::int as returning_paying_members`;

/** The ordering read side on PostgreSQL, over the query columns of `sales_order` (Migration20261122130000_order_queries). */
export class MikroOrmOrderQueries implements OrderQueries {
  constructor(private readonly tx: TxScope) {}

  memberOrders(memberId: string, q: MemberOrdersQuery): Promise<OrderPage> {
    const where = ['member_id = ?', 'is_leaf'];
    const params: unknown[] = [memberId];
    if (q.status !== undefined) {
      where.push('status = ?');
      params.push(q.status);
    }
    return this.page(where, params, q);
  }

  async detail(orderId: string): Promise<OrderDetail | null> {
    const rows = (await this.tx.rows<OrderRow>('select id, snapshot, version from sales_order where id = ? or parent_id = ?', [orderId, orderId])).map(
      orderFromRow,
    );
    const order = rows.find((s) => s.id === orderId);
    return order
      ? orderDetail(
          order,
          rows.filter((s) => s.id !== orderId),
        )
      : null;
  }

  search(f: OrderSearch): Promise<OrderPage> {
    const where = ['is_leaf'];
    const params: unknown[] = [];
    const add = (clause: string, ...values: unknown[]) => {
      where.push(clause);
      params.push(...values);
    };
    if (f.number !== undefined) add('(number = ? or parent_id = (select p.id from sales_order p where p.number = ?))', f.number, f.number);
    if (f.memberId !== undefined) add('member_id = ?', f.memberId);
    if (f.status !== undefined) add('status = ?', f.status);
    if (f.shopId !== undefined) add('shop_id = ?', f.shopId);
    if (f.placedFrom !== undefined) add('placed_at >= ?::timestamptz', f.placedFrom.toISOString());
    if (f.placedTo !== undefined) add('placed_at < ?::timestamptz', f.placedTo.toISOString());
    return this.page(where, params, f);
  }

  async statistics(period: OrderPeriod): Promise<OrderPeriodStatistics> {
    const [r] = await this.tx.rows<StatisticsRow>(STATISTICS, [period.from.toISOString(), period.to.toISOString()]);
    return {
      from: period.from,
      to: period.to,
      orders: r!.orders,
      paidOrders: r!.paid_orders,
      gmv: r!.gmv,
      averageOrderValue: averageOrderValue(r!.gmv, r!.paid_orders),
      orderingMembers: r!.ordering_members,
      payingMembers: r!.paying_members,
      newPayingMembers: r!.new_paying_members,
      returningPayingMembers: r!.returning_paying_members,
    };
  }

  /** `computeUnitsSold` in one statement: the lines of paid leaf orders paid in the period, exchange orders left out. */
  async unitsSold(period: OrderPeriod): Promise<UnitsSold[]> {
    const rows = await this.tx.rows<{ sku_id: string; shop_id: string; units: number }>(
      `select l->>'skuId' as sku_id, l->>'shopId' as shop_id, sum((l->>'quantity')::int)::int as units
       from sales_order o cross join lateral jsonb_array_elements(o.snapshot->'lines') l
       where o.is_leaf and o.paid_at >= ?::timestamptz and o.paid_at < ?::timestamptz and o.id not like 'x-%'
       group by 1, 2 order by (l->>'skuId') collate "C", (l->>'shopId') collate "C"`,
      [period.from.toISOString(), period.to.toISOString()],
    );
    return rows.map((r) => ({ skuId: r.sku_id, shopId: r.shop_id, units: r.units }));
  }

  /**
   * One page and the total in one statement (a window count); a page past the end has no row to carry
   * the count, so only then is it counted apart. The filters are a fixed set of clauses in a fixed
   * order, so each combination is one prepared statement.
   */
  private async page(where: string[], params: unknown[], p: OrderPageRequest): Promise<OrderPage> {
    const filter = where.join(' and ');
    const rows = await this.tx.rows<SummaryRow>(
      `select ${SUMMARY}, count(*) over ()::int as total from sales_order where ${filter} ${NEWEST_FIRST} limit ? offset ?`,
      [...params, p.pageSize, (p.page - 1) * p.pageSize],
    );
    let total = rows[0]?.total ?? 0;
    if (rows.length === 0 && p.page > 1)
      [{ total }] = (await this.tx.rows<{ total: number }>(`select count(*)::int as total from sales_order where ${filter}`, params)) as [{ total: number }];
    return { items: rows.map(summary), total, page: p.page, pageSize: p.pageSize };
  }
}
