import type { PaymentLedger } from '../../../../domain/payment/ledger.js';
import type { LedgerRecord } from '../../../../domain/payment/reconciliation.js';
import { Money } from '../../../../domain/shared/money.js';
import type { TxScope } from '../db.js';

/** PAY-3 on PostgreSQL: `payment_ledger` (the money movements a trigger on `payment` keeps) in a window. */
export class PgPaymentLedger implements PaymentLedger {
  constructor(private readonly tx: TxScope) {}

  async settledBetween(channel: string, from: Date, to: Date): Promise<LedgerRecord[]> {
    const rows = await this.tx.rows<{ kind: 'payment' | 'refund'; number: string; at: Date | string; amount: string; currency: string }>(
      `select kind, number, at, amount::text as amount, currency from payment_ledger
        where channel = ? and created_at < ? and at >= ? and at < ? order by kind, number, at`,
      [channel, to, from, to],
    );
    return rows.map((r) => ({ kind: r.kind, number: r.number, at: new Date(r.at), amount: Money.of(r.amount, r.currency) }));
  }
}
