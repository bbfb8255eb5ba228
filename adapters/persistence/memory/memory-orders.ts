import type { Orders } from '../../../domain/ordering/ports.js';
import { Order, unpaidTimeoutDue, type OrderSnapshot } from '../../../domain/ordering/order.js';
import type { Payments } from '../../../domain/payment/ports.js';
import { Payment, type PaymentSnapshot } from '../../../domain/payment/payment.js';
import type { MemoryTransactionState } from './memory-unit-of-work.js';

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byNumber = (a: OrderSnapshot, b: OrderSnapshot) => cmp(a.number, b.number);
const byPayBy = (a: OrderSnapshot, b: OrderSnapshot) => a.payBy.getTime() - b.payBy.getTime() || cmp(a.id, b.id);
const byCreated = (a: PaymentSnapshot, b: PaymentSnapshot) => a.createdAt.getTime() - b.createdAt.getTime() || cmp(a.id, b.id);

/** Orders in memory. Transactions are serialised, so the timeout scan needs no row locks. */
export class MemoryOrders implements Orders {
  constructor(private readonly tx: MemoryTransactionState) {}

  async get(id: string): Promise<Order | null> {
    const s = this.tx.read('orders', id);
    return s ? Order.restore(s) : null;
  }
  async save(order: Order): Promise<void> {
    order.markSaved(this.tx.write('orders', order.toSnapshot()));
  }
  async byNumber(number: string): Promise<Order | null> {
    const s = this.tx.rows('orders').find((o) => o.number === number);
    return s ? Order.restore(s) : null;
  }
  async children(parentId: string): Promise<Order[]> {
    return this.tx.rows('orders').filter((o) => o.parentId === parentId).sort(byNumber).map((s) => Order.restore(s));
  }
  async dueForPaymentTimeout(now: Date, limit: number): Promise<Order[]> {
    return this.tx
      .rows('orders')
      .filter((o) => unpaidTimeoutDue(o, now))
      .sort(byPayBy)
      .slice(0, Math.max(0, limit))
      .map((s) => Order.restore(s));
  }
}

/** Channel transactions a payment holds: its accepted success and every callback handled. */
export function channelTransactions(s: PaymentSnapshot): { channel: string; transactionId: string }[] {
  const all = [...(s.paid ? [{ channel: s.paid.channel, transactionId: s.paid.channelTransactionId }] : []), ...s.callbacks.map((c) => ({ channel: c.channel, transactionId: c.channelTransactionId }))];
  const seen = new Set<string>();
  return all.filter((t) => {
    const k = `${t.channel}\u0000${t.transactionId}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
}

/** Payments in memory. */
export class MemoryPayments implements Payments {
  constructor(private readonly tx: MemoryTransactionState) {}

  async get(id: string): Promise<Payment | null> {
    const s = this.tx.read('payments', id);
    return s ? Payment.restore(s) : null;
  }
  async byNumber(number: string): Promise<Payment | null> {
    const s = this.tx.rows('payments').find((p) => p.number === number);
    return s ? Payment.restore(s) : null;
  }
  async save(payment: Payment): Promise<void> {
    payment.markSaved(this.tx.write('payments', payment.toSnapshot()));
  }
  async byChannelTransaction(channel: string, channelTransactionId: string): Promise<Payment | null> {
    const s = this.tx
      .rows('payments')
      .sort(byCreated)
      .find((p) => channelTransactions(p).some((t) => t.channel === channel && t.transactionId === channelTransactionId));
    return s ? Payment.restore(s) : null;
  }
  async ofOrder(orderId: string): Promise<Payment[]> {
    return this.tx
      .rows('payments')
      .filter((p) => p.orders.some((o) => o.orderId === orderId))
      .sort(byCreated)
      .map((s) => Payment.restore(s));
  }
}
