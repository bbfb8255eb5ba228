import { beforeEach, describe, expect, it } from 'vitest';
import type { FakePaymentChannel } from '../../adapters/channels/payment/fake-channel.js';
import type { Persistence } from '../../application/shared/persistence.js';
import type { AccountTotals } from '../../domain/finance/index.js';
import { Money } from '../../domain/shared/money.js';
import { checkoutWorld } from '../support/checkout-world.js';
import { codeOf } from '../support/refusals.js';
import { DAY, fulfilmentWorld, type FulfilmentWorld } from './fulfilment-world.js';

/** Each account's balance (debits − credits) as text, of the accounts that have one. */
export const balances = (accounts: readonly AccountTotals[]): Record<string, string> =>
  Object.fromEntries(accounts.filter((a) => !a.balance.isZero()).map((a) => [a.account, a.balance.toString()]));

/**
 * The ledger through `zt` (issue #16 item 4) on one persistence: the fulfilment world's orders — 223.00
 * each (L1 2 × 100.00 less 15.00 = 185.00, L2 30.00, freight 8.00), paid through the fake channel —
 * paid, shipped, received, refunded (after-sales, before and after completion; ORD-6 cancellation), and
 * the channel's fees, posted by the subscriptions as the jobs run.
 */
export function financeLedgerSuite(name: string, persistence: () => Promise<Persistence | undefined>): void {
  describe(`the ledger on ${name}`, { timeout: 60_000 }, () => {
    let w: FulfilmentWorld;
    beforeEach(async () => {
      w = await fulfilmentWorld(await persistence());
    }, 60_000);
    const now = () => w.clock.now();
    const trial = async () => w.zt.ledger.trialBalance({ at: new Date(now().getTime() + 1) });
    const sources = async () => (await w.zt.ledger.postings({ page: 1, size: 100 })).items.map((p) => p.source);
    /** A paid order of the world (saved behind the use cases): its `order.paid` delivered to the ledger as the subscription does. */
    const paidOrder = async (id: string) => {
      const order = await w.paidOrder({ id });
      await w.zt.ledger.postOrderPaid({ orderId: id, paymentId: `pay-${id}`, payable: order.payable.toString(), at: now() });
    };
    /** A return (退货退款) of member-1's units: opened, approved, shipped back, received sellable, refunded; its id. */
    const returned = async (orderId: string, lines: { lineId: string; quantity: number }[]) => {
      const r = await w.zt.afterSales.open({ memberId: 'member-1', orderId, type: 'return_and_refund', lines, reason: 'no_longer_wanted' });
      await w.zt.afterSales.review({ requestId: r.id, staffId: 'agent-1', approve: true });
      await w.zt.afterSales.shipBack({ requestId: r.id, memberId: 'member-1', carrier: 'YTO', trackingNumber: `YT-${r.id}` });
      await w.zt.afterSales.receive({ requestId: r.id, staffId: 'warehouse', inspection: 'sellable' });
      await w.zt.afterSales.refund({ requestId: r.id, staffId: 'agent-1' });
      return r.id;
    };
    const complete = async (orderId: string) => {
      await w.zt.fulfilment.ship({ orderId, carrier: 'SF', trackingNumber: `SF-${orderId}` });
      w.clock.advance(DAY);
      await w.zt.fulfilment.confirmReceipt({ memberId: 'member-1', orderId });
    };

    it('pay, ship, complete and refund: clearing 384.66, advances 193.00, revenue 193.00, fees 1.34 — balanced', async () => {
      const t0 = now();
      await paidOrder('o1');
      await paidOrder('o2');
      await w.zt.jobs.runUntilIdle();
      expect(balances((await trial()).accounts)).toEqual({ 'clearing:fake': '446.00', 'received:customers': '-446.00' });
      const paid = (await w.zt.ledger.postings({ source: 'order.paid:o1', page: 1, size: 10 })).items[0]!;
      expect(paid.lines.map((l) => [l.account, l.side, l.amount.toString(), l.orderId])).toEqual([
        ['clearing:fake', 'debit', '223.00', 'o1'],
        ['received:customers', 'credit', '223.00', 'o1'],
      ]);

      // o2: L2 (30.00) refunded before shipping — from the order's advances; paid out by the channel's job.
      w.clock.advance(60_000);
      const r2 = await w.refundOnly('o2', [{ lineId: 'L2', quantity: 1 }]);
      await w.zt.jobs.runUntilIdle();
      // o1: shipped and received (revenue 223.00), then L2 refunded after completion: a sales return, 30.00 off revenue.
      await complete('o1');
      await w.zt.jobs.runUntilIdle();
      const midway = new Date(now().getTime() + 1); // after the completion, before the return
      w.clock.advance(60_000);
      const r1 = await returned('o1', [{ lineId: 'L2', quantity: 1 }]);
      await w.zt.jobs.runUntilIdle();
      await w.zt.ledger.postChannelFees({ channel: 'fake', day: '2025-06-19', fee: Money.of('1.34') });

      const tb = await w.zt.ledger.trialBalance({ at: new Date(now().getTime() + 2 * DAY) });
      expect(balances(tb.accounts)).toEqual({
        'clearing:fake': '384.66', // 223.00 + 223.00 − 30.00 − 30.00 − 1.34
        'expense:channel-fees': '1.34',
        'received:customers': '-193.00', // o2: 223.00 − 30.00, not completed
        'revenue:sales': '-193.00', // o1: 223.00 − 30.00 after completion
      });
      expect(tb.totals.map((t) => [t.currency, t.debit.toString(), t.credit.toString()])).toEqual([['CNY', '790.34', '790.34']]); // 446.00 paid + 60.00 refunds issued + 60.00 paid out + 223.00 recognised + 1.34 fees
      expect(await sources()).toEqual([
        'order.paid:o1',
        'order.paid:o2',
        `payment.refunded:pay-o2:afs-${r2}`,
        `payment.refund-acknowledged:pay-o2:afs-${r2}`,
        'order.completed:o1',
        `payment.refunded:pay-o1:afs-${r1}`,
        `payment.refund-acknowledged:pay-o1:afs-${r1}`,
        'channel-fees:fake:2025-06-19',
      ]);
      // Balances at any date, the period report = closing − opening, and the clearing balance reconciliation reads.
      expect(balances((await w.zt.ledger.balance({ account: 'revenue:sales', at: midway })).totals)).toEqual({ 'revenue:sales': '-223.00' });
      expect(balances((await w.zt.ledger.balance({ account: 'revenue:sales', at: t0 })).totals)).toEqual({});
      const report = await w.zt.ledger.periodReport({ from: midway, to: new Date(now().getTime() + 2 * DAY) });
      expect(report.accounts.map((a) => [a.account, a.opening.toString(), a.closing.toString(), a.change.toString()])).toEqual([
        ['clearing:fake', '416.00', '384.66', '-31.34'],
        ['expense:channel-fees', '0.00', '1.34', '1.34'],
        ['payable:refunds', '0.00', '0.00', '0.00'],
        ['received:customers', '-193.00', '-193.00', '0.00'],
        ['revenue:sales', '-223.00', '-193.00', '30.00'],
      ]);
      expect((await w.zt.ledger.clearingBalance({ channel: 'fake', at: new Date(now().getTime() + 2 * DAY) })).toString()).toBe('384.66');
      expect(w.jobErrors).toEqual([]);
    });

    it('ORD-6: a paid order cancelled gives its advances back (223.00), owed until the channel pays it out', async () => {
      await paidOrder('o3');
      await w.zt.jobs.runUntilIdle();
      await w.zt.fulfilment.cancelPaid({ by: 'member', memberId: 'member-1', orderId: 'o3', reason: 'changed my mind' });
      const issued = await w.zt.ledger.postRefundIssued({
        paymentId: 'pay-o3',
        refundId: 'cancel-o3',
        orders: [{ orderId: 'o3', amount: '223.00' }],
        at: now(),
      });
      expect(issued.posted).toBe(true);
      expect(balances((await trial()).accounts)).toEqual({ 'clearing:fake': '223.00', 'payable:refunds': '-223.00' });
      await w.zt.jobs.runUntilIdle();
      expect(balances((await trial()).accounts)).toEqual({});
      expect(await sources()).toEqual(['order.paid:o3', 'payment.refunded:pay-o3:cancel-o3', 'payment.refund-acknowledged:pay-o3:cancel-o3']);
      expect(w.jobErrors).toEqual([]);
    });

    it('a redelivered event posts nothing twice; fees once per channel and day; a reversal once, with its reason and staff member', async () => {
      await paidOrder('o1');
      await w.zt.jobs.runUntilIdle();
      const again = await w.zt.ledger.postOrderPaid({ orderId: 'o1', paymentId: 'pay-o1', payable: '223.00', at: now() });
      expect([again.posted, again.posting?.source]).toEqual([false, 'order.paid:o1']);
      const fees = { channel: 'fake', day: '2025-06-18', fee: Money.of('0.60') };
      expect((await w.zt.ledger.postChannelFees(fees)).posted).toBe(true);
      expect((await w.zt.ledger.postChannelFees(fees)).posted).toBe(false);
      expect(await codeOf(w.zt.ledger.postChannelFees({ ...fees, fee: Money.of('0.61') }))).toBe('FINANCE.ALREADY_POSTED');
      expect(await codeOf(w.zt.ledger.postChannelFees({ ...fees, day: '2025-02-30' }))).toBe('FINANCE.INVALID_FEE');
      expect(await sources()).toEqual(['order.paid:o1', 'channel-fees:fake:2025-06-18']);

      const [, fee] = (await w.zt.ledger.postings({ page: 1, size: 10 })).items;
      expect(await codeOf(w.zt.ledger.reversePosting({ postingId: fee!.id, reason: ' ', staffId: 'fin-1' }))).toBe('FINANCE.INVALID_REASON');
      expect(await codeOf(w.zt.ledger.reversePosting({ postingId: 'nope', reason: 'x', staffId: 'fin-1' }))).toBe('FINANCE.POSTING_NOT_FOUND');
      const reversal = await w.zt.ledger.reversePosting({ postingId: fee!.id, reason: 'fee was 0.61 on the statement', staffId: 'fin-1' });
      expect([reversal.kind, reversal.reverses, reversal.by, reversal.source]).toEqual(['reversal', fee!.id, 'fin-1', `reversal:${fee!.id}`]);
      expect(reversal.lines.map((l) => [l.account, l.side, l.amount.toString()])).toEqual([
        ['expense:channel-fees', 'credit', '0.60'],
        ['clearing:fake', 'debit', '0.60'],
      ]);
      expect(await codeOf(w.zt.ledger.reversePosting({ postingId: fee!.id, reason: 'again', staffId: 'fin-1' }))).toBe('FINANCE.ALREADY_REVERSED');
      const later = { at: new Date('2025-06-20T00:00:00.000Z') };
      expect(balances((await w.zt.ledger.trialBalance(later)).accounts)).toEqual({ 'clearing:fake': '223.00', 'received:customers': '-223.00' });
      expect((await w.zt.ledger.accounts({})).map((a) => [a.code, a.class])).toContainEqual(['clearing:fake', 'receivable']);
      expect(await codeOf(w.zt.ledger.balance({ account: 'cash:drawer', at: now() }))).toBe('FINANCE.ACCOUNT_NOT_FOUND');
      expect(await codeOf(w.zt.ledger.periodReport({ from: now(), to: new Date(now().getTime() - 1) }))).toBe('FINANCE.INVALID_PERIOD');
    });
  });

  describe(`an order placed and paid through the use cases, on ${name}`, { timeout: 120_000 }, () => {
    it('placed (A1 × 2: 200.00, free freight), paid through the fake channel, shipped, received: 200.00 in clearing and in revenue', async () => {
      const p = await persistence();
      const w = await checkoutWorld(p ? { persistence: p } : {});
      const consignee = { name: '张三', phone: '13800000000', district: '330106', address: '文三路 1 号' };
      const placed = await w.zt.orders.place({ memberId: 'm1', buyNow: { skuId: w.skus.a1, quantity: 2 }, consignee, coupons: 'none' });
      // The channel's success callback arrives twice: the order is paid, and posted, once.
      (w.zt.payments.channels.get('fake') as FakePaymentChannel).behaviour = 'twice';
      await w.zt.payments.pay({ memberId: 'm1', orderIds: [placed.orderId], channel: 'fake' });
      await w.zt.jobs.runUntilIdle();
      const at = new Date(w.now.getTime() + 1);
      expect(balances((await w.zt.ledger.trialBalance({ at })).accounts)).toEqual({
        'clearing:fake': placed.payable,
        'received:customers': `-${placed.payable}`,
      });
      await w.zt.fulfilment.ship({ orderId: placed.orderId, carrier: 'SF', trackingNumber: 'SF-1' });
      await w.zt.fulfilment.confirmReceipt({ memberId: 'm1', orderId: placed.orderId });
      await w.zt.jobs.runUntilIdle();
      expect(placed.payable).toBe('200.00');
      expect(balances((await w.zt.ledger.trialBalance({ at })).accounts)).toEqual({ 'clearing:fake': '200.00', 'revenue:sales': '-200.00' });
      expect((await w.zt.ledger.postings({ orderId: placed.orderId, page: 1, size: 10 })).items.map((x) => x.kind)).toEqual(['order-paid', 'order-completed']);
    });
  });
}
