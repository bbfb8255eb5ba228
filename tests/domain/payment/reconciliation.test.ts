import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RECONCILIATION_TOLERANCE_MS,
  DISCREPANCY_KINDS,
  platformRecords,
  reconcile,
  type LedgerRecord,
} from '../../../domain/payment/reconciliation.js';
import { Money } from '../../../domain/shared/money.js';
import { at, callback, m, openPayment } from './payment-mothers.js';

const rec = (kind: LedgerRecord['kind'], number: string, minutes: number, amount: string): LedgerRecord => ({
  kind,
  number,
  at: at(minutes),
  amount: m(amount),
});
const kinds = (r: ReturnType<typeof reconcile>) => r.discrepancies.map((d) => [d.kind, d.number]);

describe('PAY-3: reconciliation (examples)', () => {
  it('PAY-3: same number, time within 5 minutes and amount → matched; each of the six discrepancies reported', () => {
    const platform = [
      rec('payment', 'P1', 0, '10.00'),
      rec('payment', 'P2', 0, '20.00'), // paid here, not there
      rec('payment', 'P4', 0, '40.00'), // amounts differ
      rec('refund', 'R1', 0, '5.00'),
      rec('refund', 'R2', 0, '6.00'), // refunded here, not there
      rec('refund', 'R4', 0, '8.00'), // amounts differ
    ];
    const channel = [
      rec('payment', 'P1', 5, '10.00'),
      rec('payment', 'P3', 0, '30.00'), // paid there, not here: double payment risk
      rec('payment', 'P4', 1, '40.01'),
      rec('refund', 'R1', -5, '5.00'),
      rec('refund', 'R3', 0, '7.00'), // refunded there, not here: double refund risk
      rec('refund', 'R4', 0, '7.99'),
    ];
    const r = reconcile(platform, channel);
    expect(r.matched.map((x) => x.platform.number)).toEqual(['P1', 'R1']);
    expect(kinds(r)).toEqual([
      ['payment_missing_at_channel', 'P2'],
      ['payment_missing_here', 'P3'],
      ['payment_amount_differs', 'P4'],
      ['refund_missing_at_channel', 'R2'],
      ['refund_missing_here', 'R3'],
      ['refund_amount_differs', 'R4'],
    ]);
    expect(r.discrepancies[2]).toMatchObject({ platform: { amount: m('40.00') }, channel: { amount: m('40.01') } });
  });

  it('PAY-3: time beyond the tolerance is not the same record (missing on both sides); the tolerance is inclusive and configurable', () => {
    expect(DEFAULT_RECONCILIATION_TOLERANCE_MS).toBe(300_000);
    const late = reconcile([rec('payment', 'P1', 0, '10.00')], [{ ...rec('payment', 'P1', 0, '10.00'), at: new Date(at(0).getTime() + 300_001) }]);
    expect(kinds(late)).toEqual([
      ['payment_missing_at_channel', 'P1'],
      ['payment_missing_here', 'P1'],
    ]);
    expect(reconcile([rec('payment', 'P1', 0, '10.00')], [rec('payment', 'P1', 5, '10.00')]).matched).toHaveLength(1);
    expect(reconcile([rec('payment', 'P1', 0, '10.00')], [rec('payment', 'P1', 5, '10.00')], 60_000).discrepancies).toHaveLength(2);
  });

  it('PAY-3: a second channel payment of the same number is paid there, not here (double payment)', () => {
    const r = reconcile([rec('payment', 'P1', 0, '10.00')], [rec('payment', 'P1', 0, '10.00'), rec('payment', 'P1', 2, '10.00')]);
    expect(r.matched).toHaveLength(1);
    expect(kinds(r)).toEqual([['payment_missing_here', 'P1']]);
    expect(r.matched[0]!.channel.at).toEqual(at(0)); // the closest in time is the match
  });

  it('the platform ledger of a payment holds the payment, its refunds, and late payments with their settled refunds', () => {
    const p = openPayment();
    p.handleCallback(callback(m('345.00'), 'tx-1', { paidAt: at(3) }), { receivedAt: at(4), ordersAwaitingPayment: true });
    p.refund({ refundId: 'RF1', amount: m('45.00'), reason: 'x', at: at(30) });
    p.handleCallback(callback(m('345.00'), 'tx-2', { paidAt: at(5) }), { receivedAt: at(6), ordersAwaitingPayment: true });
    p.settleLateRefund('fakepay', 'tx-2', at(40));
    expect(platformRecords(p.toSnapshot()).map((r) => [r.kind, r.number, r.amount.toString(), r.at])).toEqual([
      ['payment', 'PN0001', '345.00', at(3)],
      ['refund', 'RF1', '45.00', at(30)],
      ['payment', 'PN0001', '345.00', at(5)],
      ['refund', 'PN0001-L1', '345.00', at(40)],
    ]);
  });
});

type Fate = 'match' | 'missing_at_channel' | 'missing_here' | 'amount_differs' | 'time_off';

describe('PAY-3: reconciliation (property)', () => {
  it('PAY-3: finds every planted discrepancy and nothing else', () => {
    const TOL = DEFAULT_RECONCILIATION_TOLERANCE_MS;
    const entry = fc.record({
      kind: fc.constantFrom<'payment' | 'refund'>('payment', 'refund'),
      amount: fc.integer({ min: 1, max: 10_000_000 }),
      minute: fc.integer({ min: 0, max: 24 * 60 }),
      skew: fc.integer({ min: -TOL, max: TOL }),
      fate: fc.constantFrom<Fate>('match', 'match', 'missing_at_channel', 'missing_here', 'amount_differs', 'time_off'),
      delta: fc.integer({ min: 1, max: 100_000 }),
      beyond: fc.integer({ min: 1, max: 86_400_000 }),
    });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 40 }), fc.infiniteStream(fc.nat()), (entries, randomness) => {
        const platform: LedgerRecord[] = [];
        const channel: LedgerRecord[] = [];
        const planted: string[] = [];
        let matches = 0;
        entries.forEach((e, i) => {
          const number = `N${i}`;
          const here: LedgerRecord = { kind: e.kind, number, at: new Date(at(e.minute).getTime()), amount: Money.fromMinor(e.amount) };
          const there: LedgerRecord = { ...here, at: new Date(here.at.getTime() + e.skew) };
          const fate = e.fate;
          if (fate === 'match') {
            platform.push(here);
            channel.push(there);
            matches++;
          } else if (fate === 'missing_at_channel') {
            platform.push(here);
            planted.push(`${e.kind}_missing_at_channel ${number}`);
          } else if (fate === 'missing_here') {
            channel.push(there);
            planted.push(`${e.kind}_missing_here ${number}`);
          } else if (fate === 'amount_differs') {
            const amount = Money.fromMinor(e.amount + (e.amount % 2 === 0 ? e.delta : -Math.min(e.delta, e.amount - 1) || 1));
            platform.push(here);
            channel.push({ ...there, amount });
            planted.push(`${e.kind}_amount_differs ${number}`);
          } else {
            platform.push(here);
            channel.push({ ...here, at: new Date(here.at.getTime() + TOL + e.beyond) });
            planted.push(`${e.kind}_missing_at_channel ${number}`, `${e.kind}_missing_here ${number}`);
          }
        });
        // The ledgers come in any order.
        const shuffle = <T>(xs: T[]) =>
          xs
            .map((x) => [randomness.next().value as number, x] as const)
            .sort((a, b) => a[0] - b[0])
            .map(([, x]) => x);
        const r = reconcile(shuffle(platform), shuffle(channel));
        expect(r.discrepancies.map((d) => `${d.kind} ${d.number}`).sort()).toEqual(planted.sort());
        expect(r.matched).toHaveLength(matches);
        for (const x of r.matched) {
          expect(x.platform.number).toBe(x.channel.number);
          expect(x.platform.amount.equals(x.channel.amount)).toBe(true);
        }
        for (const d of r.discrepancies) expect(DISCREPANCY_KINDS).toContain(d.kind);
      }),
      { numRuns: 1000 },
    );
  });
});
