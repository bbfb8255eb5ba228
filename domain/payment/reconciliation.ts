import type { Money } from '../shared/money.js';
import type { PaymentSnapshot } from './payment.js';

/** One money movement as a ledger shows it: the platform's records, or the channel's statement (对账单). */
export interface LedgerRecord {
  readonly kind: 'payment' | 'refund';
  /**
   * The merchant number the channel knows: the payment's number (out trade no) for a payment, the
   * refund's id (out refund no) for a refund.
   */
  readonly number: string;
  /** The channel's completion time (the platform stores the one the callback reported). */
  readonly at: Date;
  readonly amount: Money;
}

/** One line of a channel's statement (对账单): a ledger record with the channel's own id and its fee (手续费). */
export interface StatementRecord extends LedgerRecord {
  /** The channel's transaction id (of the payment, or of the refund). */
  readonly channelTransactionId: string;
  /** What the channel kept for the money movement (0.00 when none); a refund's is the fee given back, negative. */
  readonly fee: Money;
}

export const DISCREPANCY_KINDS = [
  'payment_missing_at_channel',
  'payment_missing_here',
  'payment_amount_differs',
  'refund_missing_at_channel',
  'refund_missing_here',
  'refund_amount_differs',
] as const;
/**
 * PAY-3: paid here not there; paid there not here (risk of double payment); amounts differ; and the
 * same three for refunds (refunded there not here: risk of double refund).
 */
export type DiscrepancyKind = (typeof DISCREPANCY_KINDS)[number];

export interface Discrepancy {
  readonly kind: DiscrepancyKind;
  readonly number: string;
  readonly platform: LedgerRecord | null;
  readonly channel: LedgerRecord | null;
}

export interface Reconciliation {
  readonly matched: readonly { readonly platform: LedgerRecord; readonly channel: LedgerRecord }[];
  readonly discrepancies: readonly Discrepancy[];
}

/**
 * PAY-3 tolerance: 5 minutes between the two times. Both sides carry the CHANNEL's completion time
 * (the platform keeps the time the callback reported, not when it arrived), so the gap is only clock
 * skew and the statement's precision (often whole minutes or seconds); a late callback does not widen
 * it. Callers may pass another tolerance.
 */
export const DEFAULT_RECONCILIATION_TOLERANCE_MS = 5 * 60_000;

/**
 * PAY-3 reconciliation (对账), a pure function of the two ledgers. A platform record and a channel
 * record are the same only if kind, number, time (within the tolerance, inclusive) and amount all
 * match. Then, among records of the same kind and number left over, a pair within the tolerance whose
 * amounts differ is "amounts differ"; everything else left is missing on the other side (a record
 * whose time is off by more than the tolerance is not the same record: it shows as missing on both
 * sides). Pairs are taken closest in time first. Discrepancies come out by kind, number and time.
 */
export function reconcile(
  platform: readonly LedgerRecord[],
  channel: readonly LedgerRecord[],
  toleranceMs: number = DEFAULT_RECONCILIATION_TOLERANCE_MS,
): Reconciliation {
  if (!(toleranceMs >= 0) || !Number.isFinite(toleranceMs)) throw new RangeError('the tolerance is a finite number of milliseconds ≥ 0');
  const group = (records: readonly LedgerRecord[]) => {
    const by = new Map<string, LedgerRecord[]>();
    for (const r of records) {
      const k = `${r.kind}\u0000${r.number}`;
      by.set(k, [...(by.get(k) ?? []), r]);
    }
    return by;
  };
  const ours = group(platform);
  const theirs = group(channel);
  const matched: { platform: LedgerRecord; channel: LedgerRecord }[] = [];
  const discrepancies: Discrepancy[] = [];
  const gap = (a: LedgerRecord, b: LedgerRecord) => Math.abs(a.at.getTime() - b.at.getTime());

  for (const k of new Set([...ours.keys(), ...theirs.keys()])) {
    const mine = [...(ours.get(k) ?? [])];
    const other = [...(theirs.get(k) ?? [])];
    const pairUp = (accept: (a: LedgerRecord, b: LedgerRecord) => boolean) => {
      const pairs: [LedgerRecord, LedgerRecord][] = [];
      for (;;) {
        let best: { i: number; j: number; d: number } | null = null;
        mine.forEach((a, i) => {
          other.forEach((b, j) => {
            const d = gap(a, b);
            if (d <= toleranceMs && accept(a, b) && (best === null || d < best.d)) best = { i, j, d };
          });
        });
        if (best === null) return pairs;
        const { i, j } = best;
        pairs.push([mine[i]!, other[j]!]);
        mine.splice(i, 1);
        other.splice(j, 1);
      }
    };
    for (const [a, b] of pairUp((a, b) => a.amount.equals(b.amount))) matched.push({ platform: a, channel: b });
    for (const [a, b] of pairUp(() => true)) discrepancies.push({ kind: `${a.kind}_amount_differs`, number: a.number, platform: a, channel: b });
    for (const a of mine) discrepancies.push({ kind: `${a.kind}_missing_at_channel`, number: a.number, platform: a, channel: null });
    for (const b of other) discrepancies.push({ kind: `${b.kind}_missing_here`, number: b.number, platform: null, channel: b });
  }
  const time = (d: Discrepancy) => (d.platform ?? d.channel)!.at.getTime();
  discrepancies.sort(
    (x, y) =>
      DISCREPANCY_KINDS.indexOf(x.kind) - DISCREPANCY_KINDS.indexOf(y.kind) || (x.number < y.number ? -1 : x.number > y.number ? 1 : 0) || time(x) - time(y),
  );
  return { matched, discrepancies };
}

/**
 * The platform's ledger of one payment: the accepted payment, every refund, and the late payments
 * (PAY-1/2) the channel took with their refunds once settled — the channel's statement shows those
 * too, so leaving them out would report false discrepancies.
 */
export function platformRecords(p: PaymentSnapshot): LedgerRecord[] {
  const records: LedgerRecord[] = [];
  if (p.paid) records.push({ kind: 'payment', number: p.number, at: p.paid.paidAt, amount: p.amount });
  for (const r of p.refunds) records.push({ kind: 'refund', number: r.refundId, at: r.at, amount: r.amount });
  for (const c of p.callbacks) {
    if (c.outcome !== 'late') continue;
    records.push({ kind: 'payment', number: p.number, at: c.paidAt, amount: c.amount });
    if (c.refundSettledAt && c.refund) records.push({ kind: 'refund', number: c.refund.refundId, at: c.refundSettledAt, amount: c.amount });
  }
  return records;
}
