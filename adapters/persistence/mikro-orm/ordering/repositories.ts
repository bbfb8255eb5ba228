import type { OrderingStore } from '../../../../application/ordering/store.js';
import type { Orders } from '../../../../domain/ordering/ports.js';
import { Order } from '../../../../domain/ordering/order.js';
import type { TxScope } from '../db.js';
import { saveVersionedRow } from '../repositories/versioned-row.js';
import { MikroOrmOrderQueries } from './order-queries.js';
import { OrderRecord, orderFromRow, orderRecord, type OrderRow } from './records.js';

/** The ordering store of one PostgreSQL transaction. */
export const pgOrderingStore = (tx: TxScope): OrderingStore => ({ orders: new MikroOrmOrders(tx), orderQueries: new MikroOrmOrderQueries(tx) });

/**
 * Orders on PostgreSQL: one `sales_order` row each, the snapshot as jsonb. Saving records the order's
 * events. `get` reads an order once per transaction (issue #14: a payment callback checks the order,
 * then marks it paid): a second `get` restores the row read first, until the order is saved.
 */
export class MikroOrmOrders implements Orders {
  private readonly read = new Map<string, OrderRow | null>();

  constructor(private readonly tx: TxScope) {}

  async get(id: string): Promise<Order | null> {
    let row = this.read.get(id);
    if (row === undefined) {
      [row = null] = await this.tx.rows<OrderRow>('select id, snapshot, version from sales_order where id = ?', [id]);
      this.read.set(id, row);
    }
    return row ? Order.restore(orderFromRow(structuredClone(row))) : null;
  }

  async save(order: Order): Promise<void> {
    const s = order.toSnapshot();
    this.read.delete(s.id);
    order.markSaved(await saveVersionedRow(this.tx, OrderRecord, 'orders', s.version, orderRecord(s, s.version + 1)));
    this.tx.record(order.pullEvents());
  }

  async byNumber(number: string): Promise<Order | null> {
    return this.one('select id, snapshot, version from sales_order where number = ?', [number]);
  }

  async children(parentId: string): Promise<Order[]> {
    return this.list('select id, snapshot, version from sales_order where parent_id = ? order by number collate "C"', [parentId]);
  }

  /** Earliest due first; `skip locked`: schedulers running side by side take different orders. */
  async dueForPaymentTimeout(now: Date, limit: number): Promise<Order[]> {
    return this.list(
      `select id, snapshot, version from sales_order
       where status = 'pending_payment' and pay_by <= ?::timestamptz and snapshot -> 'childIds' = '[]'::jsonb
       order by pay_by, id collate "C" limit ? for update skip locked`,
      [now.toISOString(), Math.max(0, Math.trunc(limit))],
    );
  }

  private async one(sql: string, params: unknown[]): Promise<Order | null> {
    const [row] = await this.tx.rows<OrderRow>(sql, params);
    return row ? Order.restore(orderFromRow(row)) : null;
  }

  private async list(sql: string, params: unknown[]): Promise<Order[]> {
    return (await this.tx.rows<OrderRow>(sql, params)).map((r) => Order.restore(orderFromRow(r)));
  }
}
