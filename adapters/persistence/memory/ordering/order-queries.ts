import type { OrderSnapshot } from '../../../../domain/ordering/order.js';
import { computeUnitsSold, type UnitsSold } from '../../../../domain/ordering/units-sold.js';
import {
  computeOrderStatistics,
  isLeafOrder,
  newestFirst,
  orderDetail,
  orderSummary,
  type MemberOrdersQuery,
  type OrderDetail,
  type OrderPage,
  type OrderPageRequest,
  type OrderPeriod,
  type OrderPeriodStatistics,
  type OrderQueries,
  type OrderSearch,
} from '../../../../domain/ordering/queries.js';
import type { MemoryTransactionState } from '../memory-transaction.js';

const ORDERS = 'orders';

function page(rows: readonly OrderSnapshot[], p: OrderPageRequest): OrderPage {
  const start = (p.page - 1) * p.pageSize;
  return {
    items: [...rows]
      .sort(newestFirst)
      .slice(start, start + p.pageSize)
      .map(orderSummary),
    total: rows.length,
    page: p.page,
    pageSize: p.pageSize,
  };
}

/** The ordering read side over the orders this transaction sees, with the domain's definitions (domain/ordering/queries.ts). */
export class MemoryOrderQueries implements OrderQueries {
  constructor(private readonly tx: MemoryTransactionState) {}

  async memberOrders(memberId: string, q: MemberOrdersQuery): Promise<OrderPage> {
    return page(
      this.leaves().filter((o) => o.common.memberId === memberId && (q.status === undefined || o.status === q.status)),
      q,
    );
  }

  async detail(orderId: string): Promise<OrderDetail | null> {
    const s = this.tx.read<OrderSnapshot>(ORDERS, orderId);
    if (!s) return null;
    return orderDetail(s, s.childIds.length === 0 ? [] : this.tx.rows<OrderSnapshot>(ORDERS).filter((o) => o.parentId === s.id));
  }

  async search(f: OrderSearch): Promise<OrderPage> {
    const parentIds =
      f.number === undefined
        ? new Set<string>()
        : new Set(
            this.tx
              .rows<OrderSnapshot>(ORDERS)
              .filter((o) => o.number === f.number)
              .map((o) => o.id),
          );
    const from = f.placedFrom?.getTime();
    const to = f.placedTo?.getTime();
    return page(
      this.leaves().filter(
        (o) =>
          (f.number === undefined || o.number === f.number || (o.parentId !== null && parentIds.has(o.parentId))) &&
          (f.memberId === undefined || o.common.memberId === f.memberId) &&
          (f.status === undefined || o.status === f.status) &&
          (f.shopId === undefined || o.shopId === f.shopId) &&
          (from === undefined || o.placedAt.getTime() >= from) &&
          (to === undefined || o.placedAt.getTime() < to),
      ),
      f,
    );
  }

  async statistics(period: OrderPeriod): Promise<OrderPeriodStatistics> {
    return computeOrderStatistics(this.tx.rows<OrderSnapshot>(ORDERS), period);
  }

  async unitsSold(period: OrderPeriod): Promise<UnitsSold[]> {
    return computeUnitsSold(this.tx.rows<OrderSnapshot>(ORDERS), period);
  }

  private leaves(): OrderSnapshot[] {
    return this.tx.rows<OrderSnapshot>(ORDERS).filter(isLeafOrder);
  }
}
