import type { OrderingStore } from '../../../../application/ordering/store.js';
import type { Orders } from '../../../../domain/ordering/ports.js';
import { Order, unpaidTimeoutDue, type OrderSnapshot } from '../../../../domain/ordering/order.js';
import type { MemoryTransactionState } from '../memory-transaction.js';
import { MemoryOrderQueries } from './order-queries.js';

/** The ordering context's table in the memory database (its name from before issue #13). */
export const ORDERS = 'orders';

/** The ordering store of one memory transaction. */
export const memoryOrderingStore = (tx: MemoryTransactionState): OrderingStore => ({
  orders: new MemoryOrders(tx),
  orderQueries: new MemoryOrderQueries(tx),
});

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byNumber = (a: OrderSnapshot, b: OrderSnapshot) => cmp(a.number, b.number);
const byPayBy = (a: OrderSnapshot, b: OrderSnapshot) => a.payBy.getTime() - b.payBy.getTime() || cmp(a.id, b.id);

/** Orders in memory. Transactions are serialised, so the timeout scan needs no row locks. Saving records the order's events. */
export class MemoryOrders implements Orders {
  constructor(private readonly tx: MemoryTransactionState) {}

  async get(id: string): Promise<Order | null> {
    const s = this.tx.read<OrderSnapshot>(ORDERS, id);
    return s ? Order.restore(s) : null;
  }
  async save(order: Order): Promise<void> {
    order.markSaved(this.tx.write(ORDERS, order.toSnapshot()));
    this.tx.record(order.pullEvents());
  }
  async byNumber(number: string): Promise<Order | null> {
    const s = this.tx.rows<OrderSnapshot>(ORDERS).find((o) => o.number === number);
    return s ? Order.restore(s) : null;
  }
  async children(parentId: string): Promise<Order[]> {
    return this.tx
      .rows<OrderSnapshot>(ORDERS)
      .filter((o) => o.parentId === parentId)
      .sort(byNumber)
      .map((s) => Order.restore(s));
  }
  async dueForPaymentTimeout(now: Date, limit: number): Promise<Order[]> {
    return this.tx
      .rows<OrderSnapshot>(ORDERS)
      .filter((o) => unpaidTimeoutDue(o, now))
      .sort(byPayBy)
      .slice(0, Math.max(0, limit))
      .map((s) => Order.restore(s));
  }
}
