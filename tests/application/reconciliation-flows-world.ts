import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Persistence } from '../../application/shared/persistence.js';
import type { StatementRecord } from '../../domain/payment/index.js';
import { Money } from '../../domain/shared/money.js';
import { codeOf } from '../support/refusals.js';
import { fulfilmentWorld, type FulfilmentWorld } from './fulfilment-world.js';

/**
 * PAY-3 through the real payment paths (issue #16 acceptance): a model of what the fake channel really
 * did — each payment it took (a first success, the same callback again, a second payment of a number
 * already paid, money for an order cancelled meanwhile) and each refund it paid out (staff cancelling a
 * paid order, PAY-1's late refunds) — is driven through `zt.payments` and `zt.fulfilment` by fast-check
 * commands. The channel's statement is the model's records with faults injected (a record left out, an
 * amount off by 0.01, a record the platform never made); the reconciliation of the day must file
 * exactly one case per fault, of its kind, and nothing else. All within 2025-06-18, Beijing time.
 */

const DAY = '2025-06-18';
/** Each step moves the clock this much: 40 steps stay well within a payment's 15 minutes (PAY-2 is another test's). */
const STEP = 10_000;

interface Taken {
  readonly kind: 'payment' | 'refund';
  readonly number: string;
  readonly at: Date;
  readonly amount: Money;
}
interface Model {
  /** Orders opened, their payment number and what happened to them. */
  readonly orders: { id: string; number: string; state: 'unpaid' | 'paid' | 'cancelled'; tx: number }[];
  /** What the channel did, in order. */
  readonly channel: Taken[];
}
interface Real {
  readonly w: FulfilmentWorld;
  /** Refund ids the channel has paid out so far (the fake channel's own record). */
  readonly refundsSeen: Set<string>;
}

/** Runs due jobs (late refunds, cancellation refunds through the channel) and books every new refund the channel paid out. */
async function settle(m: Model, r: Real): Promise<void> {
  await r.w.zt.jobs.runUntilIdle();
  for (const [refundId, refund] of r.w.channel.refunds) {
    if (r.refundsSeen.has(refundId)) continue;
    r.refundsSeen.add(refundId);
    m.channel.push({ kind: 'refund', number: refundId, at: r.w.clock.now(), amount: refund.amount });
  }
  r.w.clock.advance(STEP);
}

/** The channel's success for a payment: its n-th transaction of that number. */
const success = (r: Real, o: Model['orders'][number], n: number) =>
  r.w.channel.callbackFor(o.number, { transactionId: `TX-${o.number}-${n}`, paidAt: r.w.clock.now() });

class Open implements fc.AsyncCommand<Model, Real> {
  check = (m: Readonly<Model>) => m.orders.length < 12;
  async run(m: Model, r: Real): Promise<void> {
    const id = `o${m.orders.length + 1}`;
    await r.w.unpaidOrder({ id });
    const opened = await r.w.zt.payments.pay({ memberId: 'member-1', orderIds: [id], channel: 'fake' });
    m.orders.push({ id, number: opened.number!, state: 'unpaid', tx: 0 });
    await settle(m, r);
  }
  toString = () => 'open';
}

/** The payer pays: the channel takes the money and calls back (a cancelled order's payment is late and refunded). */
class Pay implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number) {}
  check = (m: Readonly<Model>) => m.orders.some((o) => o.state !== 'paid' || o.tx > 0);
  async run(m: Model, r: Real): Promise<void> {
    const candidates = m.orders;
    const o = candidates[this.pick % candidates.length]!;
    o.tx += 1;
    const body = success(r, o, o.tx);
    const result = await r.w.zt.payments.handleCallback({ channel: 'fake', body });
    // A first success of an unpaid order pays it; any other (already paid by another transaction, or cancelled) is late.
    expect(result.outcome).toBe(o.state === 'unpaid' && o.tx === 1 ? 'paid' : 'late');
    if (o.state === 'unpaid' && o.tx === 1) o.state = 'paid';
    m.channel.push({ kind: 'payment', number: o.number, at: new Date(body.paidAt), amount: Money.of(body.amount) });
    await settle(m, r);
  }
  toString = () => `pay(${this.pick})`;
}

/** The channel sends a success again (its retry): one transition, nothing taken twice. */
class Again implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number) {}
  check = (m: Readonly<Model>) => m.orders.some((o) => o.tx > 0);
  async run(m: Model, r: Real): Promise<void> {
    const paid = m.orders.filter((o) => o.tx > 0);
    const o = paid[this.pick % paid.length]!;
    const result = await r.w.zt.payments.handleCallback({ channel: 'fake', body: success(r, o, o.tx) });
    expect(result.replayed).toBe(true);
    await settle(m, r);
  }
  toString = () => `again(${this.pick})`;
}

/** The member cancels an unpaid order (its payment closes); staff cancel a paid one (ORD-6: refunded in full). */
class Cancel implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number) {}
  check = (m: Readonly<Model>) => m.orders.some((o) => o.state !== 'cancelled');
  async run(m: Model, r: Real): Promise<void> {
    const open = m.orders.filter((o) => o.state !== 'cancelled');
    const o = open[this.pick % open.length]!;
    if (o.state === 'unpaid') await r.w.zt.orders.cancel({ memberId: 'member-1', orderId: o.id });
    else await r.w.zt.fulfilment.cancelPaid({ orderId: o.id, by: 'staff', operator: 'model', reason: 'model' });
    o.state = 'cancelled';
    await settle(m, r);
  }
  toString = () => `cancel(${this.pick})`;
}

const commands = [fc.constant(new Open()), fc.nat().map((n) => new Pay(n)), fc.nat().map((n) => new Again(n)), fc.nat().map((n) => new Cancel(n))];

/** Faults injected into the statement: which records to leave out or misstate, and strangers to add. */
const faults = fc.record({ drop: fc.array(fc.nat(), { maxLength: 3 }), off: fc.array(fc.nat(), { maxLength: 3 }), strangers: fc.nat({ max: 2 }) });

export function reconciliationFlowsSuite(name: string, persistence: () => Promise<Persistence | undefined>, numRuns: number): void {
  describe(`reconciliation through the real payment paths (PAY-1, PAY-3, issue #16) on ${name}`, () => {
    it('every fault injected into the channel’s statement is found once with its kind; nothing else is', { timeout: 300_000 }, async () => {
      await fc.assert(
        fc.asyncProperty(fc.commands(commands, { size: '+1', maxCommands: 40 }), faults, async (cmds, f) => {
          const w = await fulfilmentWorld(await persistence());
          const m: Model = { orders: [], channel: [] };
          await fc.asyncModelRun(() => ({ model: m, real: { w, refundsSeen: new Set<string>() } }), cmds);
          // The statement: the channel's records, some left out or misstated, and records nobody here made.
          const expected = new Set<string>();
          const touched = new Set<number>();
          const lines: StatementRecord[] = [];
          const pick = (n: number) => (m.channel.length === 0 ? -1 : n % m.channel.length);
          const dropped = new Set(f.drop.map(pick).filter((i) => i >= 0));
          const off = new Set(f.off.map(pick).filter((i) => i >= 0 && !dropped.has(i)));
          m.channel.forEach((t, i) => {
            const line = { ...t, channelTransactionId: `S-${i}`, fee: Money.of('0.00') };
            if (dropped.has(i)) expected.add(`${t.kind}_missing_at_channel ${t.number}`);
            else if (off.has(i)) {
              lines.push({ ...line, amount: t.amount.add(Money.of('0.01')) });
              expected.add(`${t.kind}_amount_differs ${t.number}`);
            } else lines.push(line);
            touched.add(i);
          });
          for (let i = 0; i < f.strangers; i++) {
            const kind = i % 2 === 0 ? 'payment' : 'refund';
            lines.push({ kind, number: `STRANGER-${i}`, at: w.clock.now(), amount: Money.of('9.99'), channelTransactionId: `S-X${i}`, fee: Money.of('0.00') });
            expected.add(`${kind}_missing_here STRANGER-${i}`);
          }
          await w.zt.reconciliation.run({ channel: 'fake', day: DAY, lines });
          const cases = await w.zt.reconciliation.searchCases({ channel: 'fake', day: DAY, limit: 1000 });
          expect(cases.map((c) => `${c.kind} ${c.number}`).sort()).toEqual([...expected].sort());
        }),
        { numRuns },
      );
    });

    it('a success for a number nobody issued is refused before anything is written', async () => {
      const w = await fulfilmentWorld(await persistence());
      const body = w.channel.callbackFor('P-nobody', { amount: '1.00', paidAt: w.clock.now() });
      expect(await codeOf(w.zt.payments.handleCallback({ channel: 'fake', body }))).toBe('PAYMENT.NOT_FOUND');
      expect(await w.zt.reconciliation.platformRecords({ channel: 'fake', day: DAY })).toEqual([]);
    });
  });
}
