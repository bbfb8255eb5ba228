import { beforeEach, describe, expect, it } from 'vitest';
import type { Persistence } from '../../application/shared/persistence.js';
import { Money } from '../../domain/shared/money.js';
import { fulfilmentWorld, type FulfilmentWorld } from './fulfilment-world.js';

/**
 * Books against the channel (issue #16 item 4, spec §13): a reconciliation run posts the statement's
 * fees of the day to the ledger and sets the statement's net against what the channel's clearing
 * account moved over the day. The fulfilment world's orders o1 and o2, 223.00 each, paid through the
 * fake channel on 2025-06-18 (Beijing time); the channel kept 0.67 of each.
 */
export function reconciliationClearingSuite(name: string, persistence: () => Promise<Persistence | undefined>): void {
  describe(`the clearing account against the statement on ${name}`, { timeout: 60_000 }, () => {
    let w: FulfilmentWorld;
    beforeEach(async () => {
      w = await fulfilmentWorld(await persistence());
      for (const id of ['o1', 'o2']) {
        const order = await w.paidOrder({ id });
        await w.zt.ledger.postOrderPaid({ orderId: id, paymentId: `pay-${id}`, payable: order.payable.toString(), at: w.clock.now() });
      }
    }, 60_000);
    const DAY = '2025-06-18';
    /** The channel's statement as the platform's own records of the day, each with its fee, and `extra` lines. */
    const statement = async (extra: { number: string; amount: string }[] = []) => [
      ...(await w.zt.reconciliation.platformRecords({ channel: 'fake', day: DAY })).map((r) => ({
        ...r,
        channelTransactionId: `tx-${r.number}`,
        fee: Money.of('0.67'),
      })),
      ...extra.map((e) => ({
        kind: 'payment' as const,
        number: e.number,
        at: w.clock.now(),
        amount: Money.of(e.amount),
        channelTransactionId: `tx-${e.number}`,
        fee: Money.of('0.00'),
      })),
    ];
    const feesPosted = async () => (await w.zt.ledger.postings({ source: `channel-fees:fake:${DAY}`, page: 1, size: 10 })).items;

    it('the fees are posted once (clearing Cr 1.34) and the books follow the channel: 446.00 − 1.34 = 444.66 on both sides', async () => {
      const run = await w.zt.reconciliation.run({ channel: 'fake', day: DAY, lines: await statement() });
      expect(run.report.fees).toEqual({ CNY: '1.34' });
      expect(run.report.clearing).toEqual({ CNY: { statement: '444.66', ledger: '444.66', difference: '0.00' } });
      const [fees] = await feesPosted();
      expect(fees!.lines.map((l) => [l.account, l.side, l.amount.toString()])).toEqual([
        ['expense:channel-fees', 'debit', '1.34'],
        ['clearing:fake', 'credit', '1.34'],
      ]);
      // The same statement again (a re-run): the fees are found posted, nothing twice.
      const again = await w.zt.reconciliation.run({ channel: 'fake', day: DAY, source: 'stored' });
      expect(again.report.clearing).toEqual(run.report.clearing);
      expect(await feesPosted()).toHaveLength(1);
    });

    it('a payment the channel took that the platform never heard of shows as money the books lack: 10.00 (and as its case)', async () => {
      const run = await w.zt.reconciliation.run({ channel: 'fake', day: DAY, lines: await statement([{ number: 'P-stranger', amount: '10.00' }]) });
      expect(run.report.discrepancies.payment_missing_here).toEqual({ count: 1, amounts: { CNY: '10.00' } });
      expect(run.report.clearing).toEqual({ CNY: { statement: '454.66', ledger: '444.66', difference: '10.00' } });
    });
  });
}
