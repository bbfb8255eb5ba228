import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { imbalance, linesOf, totalsOfLines, trialBalanceOf } from '../../../domain/finance/index.js';
import { Money } from '../../../domain/shared/money.js';
import { type Action, CHANNELS, LedgerSim, m } from './ledger-sim.js';

/**
 * FIN-1 and the ledger's agreement with the business documents (issue #16 item 4), for any sequence of
 * business events: orders paid through a channel, completed, refunded in part or in full (before or after
 * completion), refunds paid out, channel fees of days (net fees given back too), and reversals. Money in
 * cents (Money, decimal.js), never floats.
 */
const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constant('pay' as const), order: fc.nat(5), channel: fc.nat(1), cents: fc.integer({ min: 0, max: 5_000_000 }) }),
  fc.record({ kind: fc.constant('complete' as const), order: fc.nat(5) }),
  fc.record({ kind: fc.constant('refund' as const), order: fc.nat(5), share: fc.integer({ min: 1, max: 100 }), full: fc.boolean() }),
  fc.record({ kind: fc.constant('paidOut' as const), refund: fc.nat(20) }),
  fc.record({ kind: fc.constant('fee' as const), channel: fc.nat(1), day: fc.nat(27), cents: fc.integer({ min: -5_000, max: 50_000 }) }),
);
const reversal: fc.Arbitrary<Action> = fc.record({ kind: fc.constant('reverse' as const), posting: fc.nat(50) });

const sum = (xs: readonly Money[]) => Money.sum(xs);
const run = (actions: readonly Action[]) => {
  const sim = new LedgerSim();
  for (const a of actions) sim.run(a);
  return sim;
};

function expectBalancedLedger(sim: LedgerSim): void {
  for (const p of sim.postings) {
    expect(
      [...imbalance(p.lines).values()].every((d) => d.isZero()),
      p.source,
    ).toBe(true);
    expect(p.lines.every((l) => l.amount.isPositive() && l.amount.isWholeMinorUnits())).toBe(true);
  }
  const accounts = totalsOfLines(linesOf(sim.postings, {}));
  const tb = trialBalanceOf(new Date('2100-01-01'), accounts);
  expect(sum(accounts.map((a) => a.balance)).toString()).toBe('0.00');
  for (const t of tb.totals) expect(t.debit.toString()).toBe(t.credit.toString());
}

describe('the ledger (FIN-1, issue #16 item 4)', () => {
  it('every posting balances, the trial balance sums to 0, and every balance equals the documents it comes from', () => {
    fc.assert(
      fc.property(fc.array(action, { maxLength: 60 }), (actions) => {
        const sim = run(actions);
        expectBalancedLedger(sim);
        const orders = [...sim.orders.values()];
        for (const channel of CHANNELS) {
          const mine = [...sim.orders.entries()].filter(([, o]) => o.channel === channel);
          const paid = sum(mine.map(([, o]) => o.paid));
          const paidOut = sum(sim.refunds.filter((r) => r.paidOut && sim.orders.get(r.orderId)!.channel === channel).map((r) => r.amount));
          const fees = sum([...sim.fees.entries()].filter(([k]) => k.startsWith(`${channel}:`)).map(([, f]) => f));
          // clearing:<channel> = paid − refunds paid out − fees
          expect(sim.balance(`clearing:${channel}`).toString()).toBe(paid.subtract(paidOut).subtract(fees).toString());
        }
        // revenue = what completed orders kept at completion − what was refunded after completion
        const revenue = sum(orders.filter((o) => o.completed).map((o) => o.paid.subtract(o.refundedBefore).subtract(o.refundedAfter)));
        expect(sim.balance('revenue:sales').negate().toString()).toBe(revenue.toString());
        // customer advances = paid − refunded of the orders not completed; each order's 分户 too
        const advances = sum(orders.filter((o) => !o.completed).map((o) => o.paid.subtract(o.refunded)));
        expect(sim.balance('received:customers').negate().toString()).toBe(advances.toString());
        for (const [id, o] of sim.orders) {
          expect(sim.balance('received:customers', id).negate().toString()).toBe((o.completed ? m(0) : o.paid.subtract(o.refunded)).toString());
        }
        // refunds payable = issued − paid out; fees expense = Σ fees
        const owed = sum(sim.refunds.filter((r) => !r.paidOut).map((r) => r.amount));
        expect(sim.balance('payable:refunds').negate().toString()).toBe(owed.toString());
        expect(sim.balance('expense:channel-fees').toString()).toBe(sum([...sim.fees.values()]).toString());
      }),
      { numRuns: 300 },
    );
  });

  it('with reversals among them: still balanced to 0, and each reversal cancels its posting to the cent', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof({ weight: 4, arbitrary: action }, { weight: 1, arbitrary: reversal }), { maxLength: 60 }), (actions) => {
        const sim = run(actions);
        expectBalancedLedger(sim);
        const kept = sim.postings.filter((p) => !sim.reversed.has(p.id) && !(p.reverses && sim.reversed.has(p.reverses)));
        const reversals = sim.postings.filter((p) => p.reverses !== null);
        expect(reversals.length).toBe(sim.reversed.size);
        const all = totalsOfLines(linesOf(sim.postings, {})).map((t) => [t.account, t.balance.toString()]);
        const net = new Map(totalsOfLines(linesOf(kept, {})).map((t) => [t.account, t.balance.toString()]));
        for (const [account, balance] of all) expect(balance, account).toBe(net.get(account!) ?? '0.00');
      }),
      { numRuns: 200 },
    );
  });
});
