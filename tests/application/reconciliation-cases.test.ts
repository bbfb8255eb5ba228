import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closeCase, openCase, type ReconciliationCaseSnapshot } from '../../domain/reconciliation/index.js';
import { Money } from '../../domain/shared/money.js';
import { codeOf } from '../support/refusals.js';
import { fulfilmentWorld, T0 } from './fulfilment-world.js';

const DAY = '2025-06-18';
const line = (number: string, amount: Money, at: Date, tx: string) => ({
  kind: 'payment' as const,
  number,
  at,
  amount,
  channelTransactionId: tx,
  fee: Money.zero(),
});

describe('reconciliation cases (issue #16)', () => {
  it('accept: a payment the channel took that the platform missed pays the order, after staff confirm it', async () => {
    const w = await fulfilmentWorld();
    await w.unpaidOrder({ id: 'o1' });
    const payment = await w.zt.payments.pay({ memberId: 'member-1', orderIds: ['o1'], channel: 'fake' });
    const amount = Money.of(payment.amount as unknown as string);
    await w.zt.reconciliation.run({ channel: 'fake', day: DAY, lines: [line(payment.number!, amount, T0, 'CH-1')] });
    const [c] = await w.zt.reconciliation.searchCases({ kind: 'payment_missing_here' });
    expect(await codeOf(w.zt.reconciliation.resolveCase({ caseId: c!.id, action: 'resolve', note: ' ', by: 'staff-1' }))).toBe('RECONCILIATION.NOTE_REQUIRED');
    const accepted = await w.zt.reconciliation.resolveCase({ caseId: c!.id, action: 'accept', note: '', by: 'staff-1' });
    expect([accepted.state, accepted.resolution?.outcome, accepted.resolution?.by]).toEqual(['resolved', 'paid', 'staff-1']);
    expect((await w.order('o1')).status).toBe('pending_shipment');
    expect(await codeOf(w.zt.reconciliation.resolveCase({ caseId: c!.id, action: 'write_off', note: 'x', by: 'staff-1' }))).toBe(
      'RECONCILIATION.INVALID_TRANSITION',
    );
    // The re-run finds the payment matched now: no case left open.
    const rerun = await w.zt.reconciliation.run({ channel: 'fake', day: DAY, source: 'stored' });
    expect(Object.values(rerun.report.discrepancies).every((t) => t.count === 0)).toBe(true);
  });

  it('accept: a second payment of an order paid already is refunded (the double payment), and only that case kind is acceptable', async () => {
    const w = await fulfilmentWorld();
    const order = await w.paidOrder({ id: 'o1' });
    const p = (await w.payment(`pay-o1`))!;
    const later = new Date(T0.getTime() + 3_600_000);
    await w.zt.reconciliation.run({
      channel: 'fake',
      day: DAY,
      lines: [line(p.number, p.amount, T0, `tx-pay-o1`), line(p.number, p.amount, later, 'CH-SECOND'), line('NOBODY', Money.of('1.00'), T0, 'CH-X')],
    });
    const cases = await w.zt.reconciliation.searchCases({ kind: 'payment_missing_here' });
    const second = cases.find((c) => c.number === p.number)!;
    const unknown = cases.find((c) => c.number === 'NOBODY')!;
    expect(await codeOf(w.zt.reconciliation.resolveCase({ caseId: unknown.id, action: 'accept', note: '', by: 's' }))).toBe('RECONCILIATION.NOT_ACCEPTABLE');
    const accepted = await w.zt.reconciliation.resolveCase({ caseId: second.id, action: 'accept', note: 'confirmed with the payer', by: 's' });
    expect(accepted.resolution?.outcome).toBe('late');
    await w.zt.jobs.runUntilIdle();
    const after = (await w.payment('pay-o1'))!;
    expect(after.callbacks.filter((c) => c.outcome === 'late').map((c) => c.refundSettledAt !== null)).toEqual([true]);
    expect(order.id).toBe('o1');
  });

  it('follows its state table: open → resolved | written_off, nothing leaves a closed case (model)', () => {
    const base = (): ReconciliationCaseSnapshot =>
      openCase({
        id: 'c1',
        channel: 'fake',
        day: DAY,
        runId: 'r1',
        at: T0,
        found: { kind: 'payment_amount_differs', number: 'P1', platform: null, channel: { kind: 'payment', number: 'P1', at: T0, amount: Money.of('1.00') } },
      });
    type Model = { state: 'open' | 'resolved' | 'written_off' };
    type Real = { c: ReconciliationCaseSnapshot };
    const act = (action: 'resolve' | 'write_off' | 'accept', note: string): fc.Command<Model, Real> => ({
      check: () => true,
      run(m, r) {
        const expected =
          m.state !== 'open'
            ? 'RECONCILIATION.INVALID_TRANSITION'
            : action === 'accept'
              ? 'RECONCILIATION.NOT_ACCEPTABLE'
              : note.trim() === ''
                ? 'RECONCILIATION.NOTE_REQUIRED'
                : null;
        try {
          r.c = closeCase(r.c, { action, by: 's', at: T0, note, outcome: null });
          expect(expected).toBeNull();
          m.state = action === 'write_off' ? 'written_off' : 'resolved';
        } catch (e) {
          expect((e as { code: string }).code).toBe(expected);
        }
        expect(r.c.state).toBe(m.state);
      },
      toString: () => `${action}(${JSON.stringify(note)})`,
    });
    const commands = fc.commands([
      fc.constantFrom('', ' ', 'done').map((n) => act('resolve', n)),
      fc.constantFrom('', 'borne').map((n) => act('write_off', n)),
      fc.constant(act('accept', '')),
    ]);
    fc.assert(fc.property(commands, (cmds) => fc.modelRun(() => ({ model: { state: 'open' } as Model, real: { c: base() } }), cmds)));
  });
});
