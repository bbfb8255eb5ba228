import type { PaymentStore } from '../../../../application/payment/store.js';
import { channelRecords, type PaymentLedger } from '../../../../domain/payment/ledger.js';
import type { Payments, PaymentSearch } from '../../../../domain/payment/ports.js';
import type { LedgerRecord } from '../../../../domain/payment/reconciliation.js';
import { Payment, type PaymentSnapshot } from '../../../../domain/payment/payment.js';
import type { MemoryTransactionState } from '../memory-transaction.js';

/** The payment context's table in the memory database (its name from before issue #13). */
export const PAYMENTS = 'payments';

/** The payment store of one memory transaction. */
export const memoryPaymentStore = (tx: MemoryTransactionState): PaymentStore => ({ payments: new MemoryPayments(tx), ledger: new MemoryPaymentLedger(tx) });

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byCreated = (a: PaymentSnapshot, b: PaymentSnapshot) => a.createdAt.getTime() - b.createdAt.getTime() || cmp(a.id, b.id);

/** Channel transactions a payment holds: its accepted success and every callback handled. */
export function channelTransactions(s: PaymentSnapshot): { channel: string; transactionId: string }[] {
  const all = [
    ...(s.paid ? [{ channel: s.paid.channel, transactionId: s.paid.channelTransactionId }] : []),
    ...s.callbacks.map((c) => ({ channel: c.channel, transactionId: c.channelTransactionId })),
  ];
  const seen = new Set<string>();
  return all.filter((t) => {
    const k = `${t.channel}\u0000${t.transactionId}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Payments in memory. Saving records the payment's events. */
export class MemoryPayments implements Payments {
  constructor(private readonly tx: MemoryTransactionState) {}

  async get(id: string): Promise<Payment | null> {
    const s = this.tx.read<PaymentSnapshot>(PAYMENTS, id);
    return s ? Payment.restore(s) : null;
  }
  async byNumber(number: string): Promise<Payment | null> {
    const s = this.tx.rows<PaymentSnapshot>(PAYMENTS).find((p) => p.number === number);
    return s ? Payment.restore(s) : null;
  }
  async save(payment: Payment): Promise<void> {
    payment.markSaved(this.tx.write(PAYMENTS, payment.toSnapshot()));
    this.tx.record(payment.pullEvents());
  }
  async byChannelTransaction(channel: string, channelTransactionId: string): Promise<Payment | null> {
    const s = this.tx
      .rows<PaymentSnapshot>(PAYMENTS)
      .sort(byCreated)
      .find((p) => channelTransactions(p).some((t) => t.channel === channel && t.transactionId === channelTransactionId));
    return s ? Payment.restore(s) : null;
  }
  async ofOrder(orderId: string): Promise<Payment[]> {
    return this.tx
      .rows<PaymentSnapshot>(PAYMENTS)
      .filter((p) => p.orders.some((o) => o.orderId === orderId))
      .sort(byCreated)
      .map((s) => Payment.restore(s));
  }
  async search(q: PaymentSearch): Promise<PaymentSnapshot[]> {
    const t = (d: Date) => d.getTime();
    const within = (at: Date, from?: Date, to?: Date) => (!from || t(at) >= t(from)) && (!to || t(at) < t(to));
    return this.tx
      .rows<PaymentSnapshot>(PAYMENTS)
      .filter(
        (p) =>
          (q.number === undefined || p.number === q.number) &&
          (q.orderId === undefined || p.orders.some((o) => o.orderId === q.orderId)) &&
          (q.memberId === undefined || p.memberId === q.memberId) &&
          (q.status === undefined || p.status === q.status) &&
          (q.channel === undefined || p.paid?.channel === q.channel) &&
          within(p.createdAt, q.from, q.to) &&
          (q.refunded === undefined || p.refunds.some((r) => within(r.at, q.refunded!.from, q.refunded!.to))),
      )
      .sort((a, b) => -byCreated(a, b))
      .slice(0, q.limit);
  }
}

/** PAY-3: the channel's records of every payment, settled in [from, to) (`channelRecords`). */
export class MemoryPaymentLedger implements PaymentLedger {
  constructor(private readonly tx: MemoryTransactionState) {}

  async settledBetween(channel: string, from: Date, to: Date): Promise<LedgerRecord[]> {
    return this.tx
      .rows<PaymentSnapshot>(PAYMENTS)
      .flatMap(channelRecords)
      .filter((r) => r.channel === channel && r.at.getTime() >= from.getTime() && r.at.getTime() < to.getTime())
      .map(({ channel: _, ...r }) => r);
  }
}
