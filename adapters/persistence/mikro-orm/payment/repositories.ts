import type { PaymentStore } from '../../../../application/payment/store.js';
import type { Payments, PaymentSearch } from '../../../../domain/payment/ports.js';
import { Payment, type PaymentSnapshot } from '../../../../domain/payment/payment.js';
import type { TxScope } from '../db.js';
import { saveVersionedRow } from '../repositories/versioned-row.js';
import { PgPaymentLedger } from './ledger.js';
import { channelTransactions, PaymentRecord, paymentFromRow, paymentRecord, type PaymentRow } from './records.js';

const txKey = (t: { channel: string; transactionId: string }) => `${t.channel}\u0000${t.transactionId}`;

/** The payment store of one PostgreSQL transaction. */
export const pgPaymentStore = (tx: TxScope): PaymentStore => ({ payments: new MikroOrmPayments(tx), ledger: new PgPaymentLedger(tx) });

/**
 * Payments on PostgreSQL: one `payment` row each (snapshot as jsonb), the orders it pays in
 * `payment_order` (written when it is created: they never change) and its channel transactions in
 * `payment_channel_transaction` (they only grow; the first payment to claim a transaction keeps it).
 * Saving records the payment's events.
 */
export class MikroOrmPayments implements Payments {
  /**
   * The channel transactions each payment read here had when it was stored (their rows were written with
   * it): saving sends only new ones, so a refund or an acknowledgement writes no channel row at all.
   */
  private readonly stored = new Map<string, Set<string>>();

  constructor(private readonly tx: TxScope) {}

  async get(id: string): Promise<Payment | null> {
    const [row] = await this.tx.rows<PaymentRow>('select id, snapshot, version from payment where id = ?', [id]);
    return row ? this.restored(row) : null;
  }

  async byNumber(number: string): Promise<Payment | null> {
    const [row] = await this.tx.rows<PaymentRow>('select id, snapshot, version from payment where number = ?', [number]);
    return row ? this.restored(row) : null;
  }

  private restored(row: PaymentRow): Payment {
    const payment = Payment.restore(paymentFromRow(row));
    this.stored.set(payment.id, new Set(channelTransactions(payment.toSnapshot()).map(txKey)));
    return payment;
  }

  async save(payment: Payment): Promise<void> {
    const s = payment.toSnapshot();
    const version = await saveVersionedRow(this.tx, PaymentRecord, 'payments', s.version, paymentRecord(s, s.version + 1));
    // Both only grow and nothing reads them back in the same transaction before a read: sent with the events (decision 0030).
    if (s.version === 0) {
      const orderIds = s.orders.map((o) => o.orderId);
      this.tx.insertLater(`insert into payment_order (payment_id, order_id) select ?, unnest(?::text[]) on conflict do nothing`, [s.id, orderIds]);
    }
    const known = this.stored.get(s.id);
    const txs = channelTransactions(s).filter((t) => !known?.has(txKey(t)));
    this.stored.set(s.id, new Set([...(known ?? []), ...txs.map(txKey)]));
    if (txs.length > 0) {
      this.tx.insertLater(
        `insert into payment_channel_transaction (channel, transaction_id, payment_id)
         select c, t, ? from unnest(?::text[], ?::text[]) as x(c, t) on conflict do nothing`,
        [s.id, txs.map((t) => t.channel), txs.map((t) => t.transactionId)],
      );
    }
    payment.markSaved(version);
    this.tx.record(payment.pullEvents());
  }

  async byChannelTransaction(channel: string, channelTransactionId: string): Promise<Payment | null> {
    const [row] = await this.tx.rows<PaymentRow>(
      `select p.id, p.snapshot, p.version from payment_channel_transaction c join payment p on p.id = c.payment_id
       where c.channel = ? and c.transaction_id = ?`,
      [channel, channelTransactionId],
    );
    return row ? this.restored(row) : null;
  }

  /** Staff search in SQL: the columns, the orders' table, and the snapshot's jsonb for member, channel and refund times. */
  async search(q: PaymentSearch): Promise<PaymentSnapshot[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (clause: string, ...values: unknown[]) => {
      where.push(clause);
      params.push(...values);
    };
    if (q.number !== undefined) add('p.number = ?', q.number);
    if (q.orderId !== undefined) add('exists (select 1 from payment_order o where o.payment_id = p.id and o.order_id = ?)', q.orderId);
    if (q.memberId !== undefined) add(`p.snapshot->>'memberId' = ?`, q.memberId);
    if (q.status !== undefined) add('p.status = ?', q.status);
    if (q.channel !== undefined) add(`p.snapshot->'paid'->>'channel' = ?`, q.channel);
    if (q.from !== undefined) add('p.created_at >= ?', q.from);
    if (q.to !== undefined) add('p.created_at < ?', q.to);
    if (q.refunded !== undefined) {
      const at = `(r->'at'->>'$date')::timestamptz`;
      add(
        `exists (select 1 from jsonb_array_elements(p.snapshot->'refunds') r where ${at} >= coalesce(?::timestamptz, '-infinity') and ${at} < coalesce(?::timestamptz, 'infinity'))`,
        q.refunded.from ?? null,
        q.refunded.to ?? null,
      );
    }
    const rows = await this.tx.rows<PaymentRow>(
      `select p.id, p.snapshot, p.version from payment p ${where.length > 0 ? `where ${where.join(' and ')}` : ''}
        order by p.created_at desc, p.id collate "C" desc limit ?`,
      [...params, q.limit],
    );
    return rows.map(paymentFromRow);
  }

  async ofOrder(orderId: string): Promise<Payment[]> {
    const rows = await this.tx.rows<PaymentRow>(
      `select p.id, p.snapshot, p.version from payment_order o join payment p on p.id = o.payment_id
       where o.order_id = ? order by p.created_at, p.id collate "C"`,
      [orderId],
    );
    return rows.map((r) => this.restored(r));
  }
}
