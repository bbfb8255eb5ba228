import type { PaymentSnapshot } from './payment.js';
import type { LedgerRecord } from './reconciliation.js';

/**
 * Port (PAY-3): the platform's ledger of one channel — the records `platformRecords` derives from each
 * payment, those the channel carried — settled in [from, to). On PostgreSQL the published table
 * `payment_ledger` (decision 0038, kept by a trigger on `payment`) holds the same rows, for SQL that matches against it.
 */
export interface PaymentLedger {
  settledBetween(channel: string, from: Date, to: Date): Promise<LedgerRecord[]>;
}

/**
 * `platformRecords` of one payment with the channel each went through: the accepted payment and its
 * refunds through the channel that took it; a late payment and its refund through its own.
 */
export function channelRecords(p: PaymentSnapshot): (LedgerRecord & { readonly channel: string })[] {
  const records: (LedgerRecord & { readonly channel: string })[] = [];
  if (p.paid) {
    const channel = p.paid.channel;
    records.push({ channel, kind: 'payment', number: p.number, at: p.paid.paidAt, amount: p.amount });
    for (const r of p.refunds) records.push({ channel, kind: 'refund', number: r.refundId, at: r.at, amount: r.amount });
  }
  for (const c of p.callbacks) {
    if (c.outcome !== 'late') continue;
    records.push({ channel: c.channel, kind: 'payment', number: p.number, at: c.paidAt, amount: c.amount });
    if (c.refundSettledAt && c.refund) records.push({ channel: c.channel, kind: 'refund', number: c.refund.refundId, at: c.refundSettledAt, amount: c.amount });
  }
  return records;
}
